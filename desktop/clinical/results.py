"""The computed results of one assessment (design.md "Computed results").

``compute_results`` returns a frozen ``AssessmentResults``; its ``to_json()``
is exactly the documented document plus the extras the window, report and
export use. Values are computed from unrounded numbers and rounded once, as
in the design.md example.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from desktop.clinical.change import MeasureChange, compare_findings
from desktop.clinical.completeness import completeness
from desktop.clinical.exercises import RELEASE_STAGE
from desktop.clinical.findings import Findings, analyse
from desktop.clinical.interpretation import impression, interpret, trial_exclusions
from desktop.clinical.messages import msg
from desktop.clinical.model import SIDES, Assessment, Client, Program, age_on
from desktop.clinical.norms import NormTable, compare_to_norms, default_norm_table, measured_values
from desktop.clinical.outcomes import (
    NPRS_MCID_POINTS,
    ODI_MCID_POINTS,
    PSFS_MDC_MEAN_POINTS,
    PSFS_MDC_SINGLE_POINTS,
    RMDQ_MCID_POINTS,
)
from desktop.clinical.result_types import (
    AssessmentResults,
    ChangeResult,
    HipAbductionResult,
    MmtSideResult,
    NormComparisonResult,
    PerSide,
    ProgramExercise,
    ProgramResult,
    Thresholds,
)
from desktop.clinical.screening_summary import screening_summary
from desktop.clinical.strength import (
    LSI_DECIMALS,
    MMT_GRADE_DESCRIPTIONS,
    MMT_NORMAL_GRADE,
    MRC_CREDIT,
    STRENGTH_REAL_CHANGE_PCT,
    mmt_label,
    protocol_differences,
)
from desktop.clinical.summary_text import results_to_text

__all__ = ["AssessmentResults", "compute_results", "results_to_text", "program_summary"]

PROGRAM_UNAVAILABLE = "program module not available"
THRESHOLDS = Thresholds(
    strength_change_pct=STRENGTH_REAL_CHANGE_PCT,
    nprs_points=NPRS_MCID_POINTS,
    odi_points=ODI_MCID_POINTS,
    rmdq_points=RMDQ_MCID_POINTS,
    psfs_mean_points=PSFS_MDC_MEAN_POINTS,
    psfs_single_points=PSFS_MDC_SINGLE_POINTS,
)


def _hip_abduction(findings: Findings) -> HipAbductionResult | None:
    hip = findings.assessment.hip_abduction
    if hip is None:
        return None
    if hip.method == "mmt":
        def grade(side: str) -> MmtSideResult | None:
            value = findings.mmt.get(side)  # type: ignore[call-overload]
            if value is None:
                return None
            return MmtSideResult(value.grade, value.modifier, mmt_label(value.grade, value.modifier),
                                 MMT_GRADE_DESCRIPTIONS[value.grade], value.grade < MMT_NORMAL_GRADE)

        return HipAbductionResult("mmt", hip.position, grade("left"), grade("right"), None,
                                  findings.weaker_side, None, mrc_credit=MRC_CREDIT)
    comparison = findings.side_comparison
    provisional = findings.provisional_reasons
    cv_warnings = tuple(
        msg("strength.cv_warning", side=side, cv_pct=result.cv_pct)
        for side, result in findings.hhd.items()
        if result.further_trial_suggested and result.cv_pct is not None
    )
    return HipAbductionResult(
        method="hhd",
        position=hip.position,
        contraction=hip.contraction,
        fixation=hip.fixation,
        unit_recorded=hip.unit,
        left=findings.hhd.get("left"),
        right=findings.hhd.get("right"),
        lsi_pct=round(comparison.lsi_pct, LSI_DECIMALS) if comparison else None,
        weaker_side=comparison.weaker_side if comparison else None,
        asymmetry_band=comparison.asymmetry_band if comparison else None,
        lsi_basis=comparison.basis if comparison else None,
        asymmetry_pct=round(comparison.asymmetry_pct, 1) if comparison else None,
        within_measurement_error=comparison.asymmetry_band == "symmetric" if comparison else None,
        cv_warnings=cv_warnings,
        lsi_provisional=bool(provisional),
        lsi_provisional_reasons=provisional,
        trial_exclusions=trial_exclusions(findings),
    )


def _norm_comparison(findings: Findings, client: Client, table: NormTable) -> NormComparisonResult | None:
    hip = findings.assessment.hip_abduction
    if hip is None or hip.method != "hhd" or not findings.hhd:
        return None
    age = age_on(client.date_of_birth, findings.assessment.performed_on)
    matches = {}
    for side in SIDES:
        result = findings.hhd.get(side)
        matches[side] = None if result is None else compare_to_norms(
            table, measured_values(result), contraction=hip.contraction, position=hip.position,
            sex=client.sex, age_years=age, side=side, athlete_group=client.athlete_group,
        )
    return NormComparisonResult(table.name, table.verified, matches["left"], matches["right"])


def program_summary(program: Program) -> ProgramResult:
    """The clinician-confirmed program in the results shape."""
    # As in a proposal: the lowest strengthening stage; release work runs beside every stage.
    strengthening = [item.stage for item in program.exercises if item.stage > RELEASE_STAGE]
    start = min(strengthening, default=min((item.stage for item in program.exercises), default=None))
    exercises = tuple(
        ProgramExercise(i.exercise_id, i.stage, i.sets, i.reps, i.hold_s, i.rest_s, i.days_per_week, i.side)
        for i in sorted(program.exercises, key=lambda item: item.stage)
    )
    return ProgramResult(start, exercises, program.review_date, "clinician")


def proposal_from_json(data: Mapping[str, Any]) -> ProgramResult:
    """A proposal in the results shape, from the program engine's output."""
    exercises = tuple(
        ProgramExercise(e["id"], e["stage"], e.get("sets"), e.get("reps"), e.get("hold_s"), e.get("rest_s"),
                        e.get("days_per_week"), e.get("side"))
        for e in data["exercises"]
    )
    review = data.get("review_date")
    return ProgramResult(
        data["start_stage"], exercises, date.fromisoformat(review) if review else None, "proposed",
        tuple(data.get("progression_criteria", ())), tuple(data.get("regression_criteria", ())),
        tuple(data.get("rules_applied", ())),
    )


def program_view(results: AssessmentResults) -> dict[str, Any]:
    """The part of the results document the program rules read."""
    hip = results.hip_abduction
    return {
        "trendelenburg": {side: (f.to_json() if f is not None else None) for side, f in results.trendelenburg.items()},
        "hip_abduction": hip.to_json() if hip is not None else None,
        "weak_sides": list(results.weak_sides),
        "red_flag_block": results.red_flag_block,
    }


def _progressed(
    results: AssessmentResults, assessment: Assessment, previous: Assessment, client: Client,
    today: date | None,
) -> ProgramResult:
    """At a re-assessment, the last program advanced, held or stepped back exercise by exercise
    (clinical-reference §7.5), each with its reason: the engine's proposal, not a fresh one."""
    from desktop.clinical.program import (
        PROGRESSION_CRITERIA,
        REGRESSION_CRITERIA,
        REVIEW_AFTER,
        apply_progression,
        progress_program,
    )

    assert previous.program is not None
    before = compute_results(client, previous)
    proposals = progress_program(previous.program, program_view(results), assessment,
                                 previous_results=program_view(before))
    applied = program_summary(apply_progression(previous.program, proposals))
    verbs = {"advance": "Advance", "hold": "Hold", "regress": "Step back"}
    rules = tuple(
        f"{verbs.get(str(p['action']), p['action'])} {p['id']}"
        + (f" to {p['to_id']}" if p["to_id"] != p["id"] else "") + f": {p['reason']}"
        for p in proposals
    )
    review = (today or assessment.performed_on) + REVIEW_AFTER
    return ProgramResult(applied.start_stage, applied.exercises, review, "proposed",
                         PROGRESSION_CRITERIA, REGRESSION_CRITERIA, rules)


def _program(
    results: AssessmentResults, assessment: Assessment, today: date | None,
    previous: Assessment | None = None, client: Client | None = None,
) -> tuple[ProgramResult | None, str | None]:
    if results.red_flag_block:
        return None, None
    if assessment.program is not None:
        return program_summary(assessment.program), None
    try:
        from desktop.clinical.program import propose_program
    except ImportError:
        return None, PROGRAM_UNAVAILABLE
    if previous is not None and client is not None and previous.program is not None and previous.program.exercises:
        return _progressed(results, assessment, previous, client, today), None
    proposal = propose_program(program_view(results), assessment, today=today)
    if proposal is None:
        return None, None
    return proposal_from_json(proposal), None


def _change(baseline: Assessment, findings: Findings) -> tuple[ChangeResult, list[MeasureChange], list[str]]:
    assessment = findings.assessment
    protocol_warnings: list[str] = []
    if baseline.hip_abduction is not None and assessment.hip_abduction is not None:
        protocol_warnings = [d.message for d in protocol_differences(baseline.hip_abduction, assessment.hip_abduction)]
    changes = compare_findings(analyse(baseline), findings)
    comparable = not any(c.measure.startswith("hip_abduction") and not c.comparable for c in changes)
    return ChangeResult(baseline.performed_on, comparable, tuple(changes)), changes, protocol_warnings


def compute_results(
    client: Client,
    assessment: Assessment,
    *,
    baseline: Assessment | None = None,
    norm_table: NormTable | None = None,
    today: date | None = None,
    previous: Assessment | None = None,
    pelvic_drop_threshold_deg: float | None = None,
) -> AssessmentResults:
    """Every computed result of ``assessment`` (validated input expected).

    ``baseline`` adds protocol warnings and change since that visit; ``previous``
    (the visit before this one) lets its program be progressed rather than replaced;
    ``norm_table`` is the clinic's chosen reference table (built-in by default);
    ``pelvic_drop_threshold_deg`` the clinic's own cut-off for a measured drop, if any.
    """
    findings = analyse(assessment, drop_threshold_deg=pelvic_drop_threshold_deg)
    odi = findings.odi
    change: ChangeResult | None = None
    changes: list[MeasureChange] = []
    protocol_warnings: list[str] = []
    if baseline is not None:
        change, changes, protocol_warnings = _change(baseline, findings)
    results = AssessmentResults(
        trendelenburg=PerSide(findings.trendelenburg.get("left"), findings.trendelenburg.get("right")),
        hip_abduction=_hip_abduction(findings),
        odi_pct=round(odi.pct, 1) if odi and odi.pct is not None else None,
        odi_band=odi.band if odi else None,
        odi_sections_answered=odi.sections_answered if odi else 0,
        odi_complete=odi.complete if odi else None,
        psfs_mean=round(findings.psfs_mean, 2) if findings.psfs_mean is not None else None,
        weak_sides=tuple(findings.weak_sides),
        red_flag_block=findings.red_flag_block,
        program=None,
        nprs=assessment.pain_nprs,
        rmdq_total=assessment.rmdq_total,
        psfs=tuple(assessment.psfs),
        screening=screening_summary(assessment),
        norm_comparison=_norm_comparison(
            findings, client, norm_table if norm_table is not None else default_norm_table()
        ),
        thresholds=THRESHOLDS,
        change=change,
        protocol_warnings=tuple(protocol_warnings),
        interpretation=interpret(findings, changes=changes, protocol_warnings=protocol_warnings),
        program_note=None,
        completeness=completeness(assessment, red_flag_block=findings.red_flag_block),
        impression=impression(findings),
    )
    program, note = _program(results, assessment, today, previous, client)
    return replace(results, program=program, program_note=note)
