"""Everything a referral PDF shows, gathered before rendering.

The renderer formats and lays out; it never computes a clinical value. The
service layer (desktop.services.reports) fills these dataclasses from storage
and the clinical engine, so a report can also be rendered from hand-made data
in tests and sample scripts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.clinical.model import SIDES, Assessment, Client, Clinician, ClinicSettings, HhdSide
from desktop.clinical.result_types import AssessmentResults
from desktop.clinical.trends import TrendSeries

# Phase names as in the exercise library (desktop.clinical.exercises.PHASES).
PHASE_RELEASE = "release_stretch"
PHASE_STRENGTHENING = "strengthening"
PHASES = (PHASE_RELEASE, PHASE_STRENGTHENING)

# A factory, not a Drawing: illustrations are built only for the cards printed,
# and the renderer may scale the result freely.
DrawingFactory = Callable[[], Any]


@dataclass(frozen=True)
class ExerciseCard:
    """One exercise as printed on the program pages, with the clinician-confirmed dosage."""

    exercise_id: str
    name: str
    phase: str
    stage: int
    steps: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    sets: int | None = None
    reps: int | None = None
    hold_s: int | None = None
    rest_s: int | None = None
    days_per_week: int | None = None
    side: str | None = None
    notes: str = ""
    drawing: DrawingFactory | None = None


@dataclass(frozen=True)
class ReportData:
    """Input of one referral report.

    ``results`` is the clinical engine's typed results for ``assessment``. ``trends`` is the client's trend
    series (``desktop.clinical.trends.trend_series``) over the visits up to and
    including this one: the same builder the window's history view uses, so
    the report's charts break lines and shade zones exactly as the window does.
    ``recorded_peak_force`` is the largest trial per side in the unit the
    clinician recorded (``assessment.hip_abduction.unit``), shown beside the
    newton value. ``clinician`` signs the letter (the visit's clinician from the
    clinic's list, with qualifications and registration number).
    """

    settings: ClinicSettings
    client: Client
    assessment: Assessment
    results: AssessmentResults
    generated_on: date
    trends: TrendSeries | None = None
    program: tuple[ExerciseCard, ...] = ()
    review_date: date | None = None
    recorded_peak_force: Mapping[str, float] = field(default_factory=dict)
    clinician: Clinician | None = None
    # Annotated pelvis thumbnails (JPEG) by stance side, only where the clinician chose one.
    pelvis_thumbnails: Mapping[str, bytes] = field(default_factory=dict)

    @property
    def urgent(self) -> bool:
        """Cauda-equina screen positive: urgent referral letter, no program."""
        return self.results.red_flag_block


def recorded_peak_force(assessment: Assessment) -> dict[str, float]:
    """Largest trial used per side (an excluded outlier is not), in the unit the clinician recorded."""
    hip = assessment.hip_abduction
    if hip is None or hip.method != "hhd":
        return {}
    out: dict[str, float] = {}
    for side in SIDES:
        value = hip.side(side)
        if isinstance(value, HhdSide) and value.used_trials:
            out[side] = max(value.used_trials)
    return out
