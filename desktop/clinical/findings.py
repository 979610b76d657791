"""Unrounded findings of one assessment, shared by results, change and text.

Everything downstream (results dict, change between visits, interpretation)
reads this one analysis so the same rule is never coded twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.clinical import screening
from desktop.clinical.messages import Message
from desktop.clinical.model import SIDES, Assessment, HhdSide, MmtSide, Side
from desktop.clinical.outcomes import OdiScore, psfs_mean, score_odi
from desktop.clinical.strength import (
    MMT_NORMAL_GRADE,
    HhdSideResult,
    SideComparison,
    compare_sides,
    compute_hhd_side,
    mmt_weaker_side,
    provisional_reasons,
)
from desktop.clinical.trendelenburg import TrendelenburgFinding, evaluate_trendelenburg

# Sides with these bands count as weak (design.md weak_sides rule).
WEAK_ASYMMETRY_BANDS = ("mild", "marked")


@dataclass(frozen=True)
class Findings:
    assessment: Assessment
    trendelenburg: dict[Side, TrendelenburgFinding]
    hhd: dict[Side, HhdSideResult]
    mmt: dict[Side, MmtSide]
    side_comparison: SideComparison | None
    odi: OdiScore | None
    psfs_mean: float | None
    red_flag_block: bool

    @property
    def method(self) -> str | None:
        hip = self.assessment.hip_abduction
        return hip.method if hip is not None else None

    @property
    def weaker_side(self) -> Side | None:
        if self.method == "mmt":
            return mmt_weaker_side(self.mmt.get("left"), self.mmt.get("right"))
        return self.side_comparison.weaker_side if self.side_comparison else None

    @property
    def provisional_reasons(self) -> tuple[Message, ...]:
        """Why the strength comparison is provisional; empty when it can be trusted or is absent."""
        if self.side_comparison is None or "left" not in self.hhd or "right" not in self.hhd:
            return ()
        return tuple(Message(code, params) for code, params in provisional_reasons(self.hhd["left"], self.hhd["right"]))

    @property
    def assessed_sides(self) -> list[Side]:
        """Sides with at least one test that can be read (clinical-reference §11.1: invalid
        tests are left out of the weakness summary): a valid Trendelenburg result, an
        MMT grade, or a side-to-side strength comparison (which reads both sides)."""
        assessed: set[Side] = {side for side, f in self.trendelenburg.items() if f.result != "invalid"}
        assessed.update(self.mmt)
        if self.side_comparison is not None and self.side_comparison.asymmetry_band is not None:
            assessed.update(SIDES)
        return [side for side in SIDES if side in assessed]

    @property
    def weak_sides(self) -> list[Side]:
        """Positive Trendelenburg, weaker side when asymmetry is mild or marked, or MMT < 5."""
        weak: set[Side] = set()
        for side, finding in self.trendelenburg.items():
            if finding.positive:
                weak.add(side)
        comparison = self.side_comparison
        if comparison and comparison.weaker_side and comparison.asymmetry_band in WEAK_ASYMMETRY_BANDS:
            weak.add(comparison.weaker_side)
        for side, grade in self.mmt.items():
            if grade.grade < MMT_NORMAL_GRADE:
                weak.add(side)
        return [side for side in SIDES if side in weak]


def analyse(assessment: Assessment, *, drop_threshold_deg: float | None = None) -> Findings:
    """Compute every finding from the recorded inputs (expects validated input).

    ``drop_threshold_deg`` is the clinic's pelvic-drop setting (no validated cut-off exists).
    """
    trendelenburg: dict[Side, TrendelenburgFinding] = {}
    for side in SIDES:
        recorded = assessment.trendelenburg(side)
        if recorded is not None:
            trendelenburg[side] = evaluate_trendelenburg(
                recorded, side, drop_threshold_deg=drop_threshold_deg
            )

    hhd: dict[Side, HhdSideResult] = {}
    mmt: dict[Side, MmtSide] = {}
    comparison: SideComparison | None = None
    hip = assessment.hip_abduction
    if hip is not None:
        for side in SIDES:
            value = hip.side(side)
            if isinstance(value, MmtSide):
                mmt[side] = value
            elif isinstance(value, HhdSide) and value.trials:
                hhd[side] = compute_hhd_side(value, hip.unit, assessment.body_mass_kg)
        if "left" in hhd and "right" in hhd:
            comparison = compare_sides(hhd["left"], hhd["right"])

    odi = score_odi(assessment.odi_item_scores) if assessment.odi_item_scores is not None else None
    return Findings(
        assessment=assessment,
        trendelenburg=trendelenburg,
        hhd=hhd,
        mmt=mmt,
        side_comparison=comparison,
        odi=odi,
        psfs_mean=psfs_mean(assessment.psfs),
        red_flag_block=screening.red_flag_block(assessment.red_flags or ()),
    )
