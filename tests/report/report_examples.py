"""Hand-made report data in the design.md results shape, and PDF text extraction."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from typing import Any

from desktop.clinical.model import (
    Assessment,
    Client,
    ClinicSettings,
    HhdSide,
    HipAbduction,
    PsfsItem,
    Referrer,
    TrendelenburgSide,
)
from desktop.clinical.result_types import AssessmentResults
from desktop.report.data import PHASE_RELEASE, PHASE_STRENGTHENING, ExerciseCard, ReportData

SETTINGS = ClinicSettings(
    clinic_name="Harbourside Physiotherapy",
    address="14 Wharf Street\nPort Melville 3021",
    phone="+61 3 9555 0134",
    email="reception@harbourside.example",
    website="harbourside.example",
    provider_number="2046815T",
    clinician_name="Jo Smith",
    clinician_credentials="BPhty, APAM",
)


def picture() -> Any:
    """A small drawing whose label is in Helvetica, as a careless illustration would be."""
    from reportlab.graphics.shapes import Circle, Drawing, Line, String

    d = Drawing(200, 150)
    d.add(Circle(50, 60, 12))
    d.add(Line(62, 60, 150, 50, strokeWidth=5))
    d.add(String(10, 10, "side view", fontName="Helvetica", fontSize=9))
    return d


def cards() -> tuple[ExerciseCard, ...]:
    """Six illustrated exercises: two release, four strengthening (a typical program)."""
    return (
        ExerciseCard("ball_release", "Ball release, side of hip", PHASE_RELEASE, 0,
                     ("Lean into the ball against a wall.", "Roll slowly over the tender area."),
                     ("Strong but bearable pressure.",), sets=2, hold_s=60, rest_s=30, days_per_week=5,
                     drawing=picture),
        ExerciseCard("figure_four", "Figure-4 stretch", PHASE_RELEASE, 0,
                     ("Lie on your back.", "Cross one ankle over the other knee.", "Draw the thigh in."),
                     (), sets=3, hold_s=30, rest_s=15, days_per_week=5, side="both", drawing=picture),
        ExerciseCard("clamshell", "Clamshell", PHASE_STRENGTHENING, 1,
                     ("Lie on your side, knees bent.", "Lift the top knee.", "Lower slowly."),
                     ("Keep the pelvis still.",), sets=3, reps=12, rest_s=60, days_per_week=3,
                     side="right", drawing=picture),
        ExerciseCard("bridge", "Two-leg bridge", PHASE_STRENGTHENING, 1,
                     ("Lie on your back, knees bent.", "Lift the hips.", "Lower slowly."),
                     (), sets=3, reps=10, rest_s=60, days_per_week=3, drawing=picture),
        ExerciseCard("abduction_hold", "Side-lying abduction hold", PHASE_STRENGTHENING, 1,
                     ("Lie on your side.", "Lift the top leg.", "Hold."), (), sets=5, hold_s=10,
                     rest_s=30, days_per_week=3, side="right", drawing=picture),
        ExerciseCard("side_plank", "Side plank on knees", PHASE_STRENGTHENING, 2,
                     ("Prop on your forearm.", "Lift the hips.", "Hold."), (), sets=3, hold_s=20,
                     rest_s=60, days_per_week=3, side="both", drawing=picture),
    )  # fmt: skip


def design_results() -> AssessmentResults:
    """The design.md example computed by the engine; the report tests check the printed figures.

    Left: trials 150, 158, 155 N, lever 0.80 m, 68 kg: peak 158.0 N, torque
    158 x 0.8 = 126.4 Nm, 126.4 / 68 = 1.859 Nm/kg, 100 x 158 / (68 x 9.80665)
    = 23.69 %BW. Right: peak 125.0 N, torque 100.0 Nm, 1.471 Nm/kg, 18.74 %BW.
    LSI = 100 x 100.0 / 126.4 = 79.1% (marked). The reference line of the left
    side is matched as for a woman of 25 (Alvarenga 2019, women 20-29 y); the
    right side as for the client's own age (no reference).
    """
    from desktop.clinical.findings import analyse
    from desktop.clinical.norms import compare_to_norms, default_norm_table, measured_values
    from desktop.clinical.result_types import NormComparisonResult
    from desktop.clinical.results import compute_results

    assessment = design_assessment()
    results = compute_results(Client("Ana", "Nguyễn", date(1971, 3, 14), "female"), assessment,
                              today=date(2026, 10, 2))
    findings = analyse(assessment)
    table = default_norm_table()

    def match(side: str, age: int) -> Any:
        return compare_to_norms(table, measured_values(findings.hhd[side]), contraction="make",  # type: ignore[index]
                                position="supine", sex="female", age_years=age, side=side)

    norms = NormComparisonResult(table.name, table.verified, match("left", 25), match("right", 55))
    return replace(results, norm_comparison=norms)


def design_assessment() -> Assessment:
    return Assessment(
        performed_on=date(2026, 10, 2),
        clinician="Jo Smith",
        referrer=Referrer("Dr A. Lee", "Harbour GP"),
        body_mass_kg=68.0,
        pain_nprs=6,
        odi_item_scores=(2, 1, 3, None, 2, 1, 0, None, 2, 1),
        psfs=(PsfsItem("Walking 30 min", 4),),
        trendelenburg_left=TrendelenburgSide(hold_s=30, trunk_lean="none", pain_nprs=0),
        trendelenburg_right=TrendelenburgSide(hold_s=12, trunk_lean="marked", pain_nprs=2, pelvic_drop_deg=6),
        hip_abduction=HipAbduction(
            method="hhd", position="supine", unit="N", contraction="make", fixation="belt",
            left=HhdSide((150.0, 158.0, 155.0), 80.0), right=HhdSide((120.0, 118.0, 125.0), 80.0),
        ),  # fmt: skip
    )


def make_data(
    given: str = "Ana",
    family: str = "Nguyễn",
    *,
    results: AssessmentResults | None = None,
    settings: ClinicSettings = SETTINGS,
    program: tuple[ExerciseCard, ...] | None = None,
    **changes: Any,
) -> ReportData:
    fields: dict[str, Any] = {
        "settings": settings,
        "client": Client(given, family, date(1971, 3, 14), "female", external_id="HP-20417"),
        "assessment": design_assessment(),
        "results": results if results is not None else design_results(),
        "generated_on": date(2026, 10, 2),
        "program": cards() if program is None else program,
        "review_date": date(2026, 11, 13),
    }
    fields.update(changes)
    return ReportData(**fields)


def pages_text(pdf: bytes) -> list[str]:
    """Text of each page with runs of whitespace folded to one space."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def all_text(pdf: bytes) -> str:
    return " ".join(pages_text(pdf))


def visits_data(client: Client, visits: list[Assessment], **changes: Any) -> ReportData:
    """Report of the last of ``visits`` with engine-computed results and the shared trend series.

    Each visit is computed against the first, as stored visits are
    (desktop.services.assessments.compute).
    """
    from desktop.clinical.results import compute_results
    from desktop.clinical.trends import trend_series

    computed = [
        (number, visit, compute_results(client, visit, baseline=visits[0] if number > 1 else None))
        for number, visit in enumerate(visits, start=1)
    ]
    fields: dict[str, Any] = {
        "client": client,
        "assessment": visits[-1],
        "results": computed[-1][2],
        "generated_on": visits[-1].performed_on,
        "trends": trend_series(computed),
    }
    fields.update(changes)
    return make_data(**fields)
