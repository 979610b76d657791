"""Typed computed results of one assessment (design.md "Computed results").

Frozen dataclasses that the report and the window read by attribute.
``to_json()`` writes exactly the ``summary --json`` contract (names, rounding
and key order), so outside scripts see the same document as before the
results were typed. Values are rounded once, in ``to_json``, except where the
contract itself carries a rounded figure (``lsi_pct``, ``asymmetry_pct``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from desktop.clinical.change import MeasureChange
from desktop.clinical.completeness import Completeness
from desktop.clinical.messages import Message, Paragraph
from desktop.clinical.model import PsfsItem, Side
from desktop.clinical.norms import NormMatch
from desktop.clinical.screening_summary import ScreeningResult
from desktop.clinical.strength import HhdSideResult
from desktop.clinical.trendelenburg import TrendelenburgFinding
from desktop.clinical.wording import paragraphs, words

T = TypeVar("T")
JsonDict = dict[str, Any]


@dataclass(frozen=True)
class PerSide(Generic[T]):
    """A value for each side; ``side("left")`` reads one by name."""

    left: T
    right: T

    def side(self, side: Side) -> T:
        return self.left if side == "left" else self.right

    def items(self) -> tuple[tuple[Side, T], tuple[Side, T]]:
        return (("left", self.left), ("right", self.right))


@dataclass(frozen=True)
class MmtSideResult:
    grade: int
    modifier: str | None
    label: str
    description: str
    below_normal: bool

    def to_json(self) -> JsonDict:
        return {"grade": self.grade, "modifier": self.modifier, "label": self.label,
                "description": self.description, "below_normal": self.below_normal}


@dataclass(frozen=True)
class HipAbductionResult:
    """Per-side strength and the side-to-side comparison; the HHD fields are None for MMT."""

    method: str
    position: str | None
    left: HhdSideResult | MmtSideResult | None
    right: HhdSideResult | MmtSideResult | None
    lsi_pct: float | None
    weaker_side: Side | None
    asymmetry_band: str | None
    contraction: str | None = None
    fixation: str | None = None
    unit_recorded: str | None = None
    lsi_basis: str | None = None
    asymmetry_pct: float | None = None
    within_measurement_error: bool | None = None
    cv_warnings: tuple[Message, ...] = ()
    mrc_credit: str | None = None
    lsi_provisional: bool = False
    lsi_provisional_reasons: tuple[Message, ...] = ()
    # Outlier trials left out, with the clinician's reason (each side's JSON has ``excluded_trial``).
    trial_exclusions: tuple[Message, ...] = ()

    def side(self, side: Side) -> HhdSideResult | MmtSideResult | None:
        return self.left if side == "left" else self.right

    def hhd(self, side: Side) -> HhdSideResult | None:
        value = self.side(side)
        return value if isinstance(value, HhdSideResult) else None

    def mmt(self, side: Side) -> MmtSideResult | None:
        value = self.side(side)
        return value if isinstance(value, MmtSideResult) else None

    def to_json(self) -> JsonDict:
        left = self.left.to_json() if self.left is not None else None
        right = self.right.to_json() if self.right is not None else None
        if self.method == "mmt":
            return {"method": "mmt", "position": self.position, "left": left, "right": right,
                    "lsi_pct": self.lsi_pct, "weaker_side": self.weaker_side,
                    "asymmetry_band": self.asymmetry_band, "mrc_credit": self.mrc_credit}
        return {
            "method": "hhd",
            "position": self.position,
            "contraction": self.contraction,
            "fixation": self.fixation,
            "unit_recorded": self.unit_recorded,
            "left": left,
            "right": right,
            "lsi_pct": self.lsi_pct,
            "weaker_side": self.weaker_side,
            "asymmetry_band": self.asymmetry_band,
            "lsi_basis": self.lsi_basis,
            "asymmetry_pct": self.asymmetry_pct,
            "within_measurement_error": self.within_measurement_error,
            "cv_warnings": [words(m) for m in self.cv_warnings],
            "lsi_provisional": self.lsi_provisional,
            "lsi_provisional_reasons": [words(m) for m in self.lsi_provisional_reasons],
        }


@dataclass(frozen=True)
class NormComparisonResult:
    table: str
    table_verified: bool
    left: NormMatch | None
    right: NormMatch | None

    def side(self, side: Side) -> NormMatch | None:
        return self.left if side == "left" else self.right

    def to_json(self) -> JsonDict:
        return {"table": self.table, "table_verified": self.table_verified,
                "left": self.left.to_json() if self.left is not None else None,
                "right": self.right.to_json() if self.right is not None else None}


@dataclass(frozen=True)
class Thresholds:
    strength_change_pct: float
    nprs_points: float
    odi_points: float
    rmdq_points: float
    psfs_mean_points: float
    psfs_single_points: float

    def to_json(self) -> JsonDict:
        return {"strength_change_pct": self.strength_change_pct, "nprs_points": self.nprs_points,
                "odi_points": self.odi_points, "rmdq_points": self.rmdq_points,
                "psfs_mean_points": self.psfs_mean_points, "psfs_single_points": self.psfs_single_points}


@dataclass(frozen=True)
class ChangeResult:
    baseline_performed_on: date
    strength_comparable: bool
    measures: tuple[MeasureChange, ...]

    def to_json(self) -> JsonDict:
        return {"baseline_performed_on": self.baseline_performed_on.isoformat(),
                "strength_comparable": self.strength_comparable,
                "measures": [m.to_json() for m in self.measures]}


@dataclass(frozen=True)
class ProgramExercise:
    id: str
    stage: int
    sets: int | None
    reps: int | None
    hold_s: int | None
    rest_s: int | None
    days_per_week: int | None
    side: str | None

    def to_json(self) -> JsonDict:
        return {"id": self.id, "stage": self.stage, "sets": self.sets, "reps": self.reps,
                "hold_s": self.hold_s, "rest_s": self.rest_s, "days_per_week": self.days_per_week,
                "side": self.side}


@dataclass(frozen=True)
class ProgramResult:
    """A proposed program (``source == "proposed"``) or the clinician-confirmed one."""

    start_stage: int | None
    exercises: tuple[ProgramExercise, ...]
    review_date: date | None
    source: str
    progression_criteria: tuple[str, ...] | None = None
    regression_criteria: tuple[str, ...] | None = None
    rules_applied: tuple[str, ...] | None = None

    def to_json(self) -> JsonDict:
        out: JsonDict = {
            "start_stage": self.start_stage,
            "exercises": [e.to_json() for e in self.exercises],
            "review_date": self.review_date.isoformat() if self.review_date else None,
        }
        if self.source == "proposed":
            out["progression_criteria"] = list(self.progression_criteria or ())
            out["regression_criteria"] = list(self.regression_criteria or ())
            out["rules_applied"] = list(self.rules_applied or ())
        out["source"] = self.source
        return out


@dataclass(frozen=True)
class AssessmentResults:
    """Every computed result of one assessment."""

    trendelenburg: PerSide[TrendelenburgFinding | None]
    hip_abduction: HipAbductionResult | None
    odi_pct: float | None
    odi_band: str | None
    odi_sections_answered: int
    odi_complete: bool | None
    psfs_mean: float | None
    weak_sides: tuple[Side, ...]
    red_flag_block: bool
    program: ProgramResult | None
    nprs: int | None
    rmdq_total: int | None
    psfs: tuple[PsfsItem, ...]
    screening: ScreeningResult
    norm_comparison: NormComparisonResult | None
    thresholds: Thresholds
    change: ChangeResult | None
    protocol_warnings: tuple[str, ...]
    interpretation: tuple[Paragraph, ...]
    program_note: str | None
    completeness: Completeness
    impression: Message

    def to_json(self) -> JsonDict:
        """The ``summary --json`` document (design.md "Computed results" and its extras)."""
        return {
            "trendelenburg": {side: (f.to_json() if f is not None else None) for side, f in self.trendelenburg.items()},
            "hip_abduction": self.hip_abduction.to_json() if self.hip_abduction is not None else None,
            "odi_pct": self.odi_pct,
            "odi_band": self.odi_band,
            "odi_sections_answered": self.odi_sections_answered,
            "odi_complete": self.odi_complete,
            "psfs_mean": self.psfs_mean,
            "weak_sides": list(self.weak_sides),
            "red_flag_block": self.red_flag_block,
            "program": self.program.to_json() if self.program is not None else None,
            "nprs": self.nprs,
            "rmdq_total": self.rmdq_total,
            "psfs": [{"activity": item.activity, "score": item.score} for item in self.psfs],
            "screening": self.screening.to_json(),
            "norm_comparison": self.norm_comparison.to_json() if self.norm_comparison is not None else None,
            "thresholds": self.thresholds.to_json(),
            "change": self.change.to_json() if self.change is not None else None,
            "protocol_warnings": list(self.protocol_warnings),
            "interpretation": paragraphs(self.interpretation),
            "program_note": self.program_note,
            "completeness": self.completeness.to_json(),
            "impression": words(self.impression),
        }
