"""The computed results of one assessment (design.md "Computed results").

``compute_results`` produces exactly the documented keys and names, plus
extra keys that the window, report and export use. Values are computed from
unrounded numbers and rounded once, here, as in the design.md example.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.clinical.change import compare_findings
from desktop.clinical.exercises import RELEASE_STAGE
from desktop.clinical.findings import Findings, analyse
from desktop.clinical.interpretation import interpret
from desktop.clinical.model import SIDES, Assessment, Client, Program, age_on, program_to_dict
from desktop.clinical.norms import NormTable, compare_to_norms, default_norm_table, measured_values
from desktop.clinical.outcomes import (
    NPRS_MCID_POINTS,
    ODI_MCID_POINTS,
    PSFS_MDC_MEAN_POINTS,
    PSFS_MDC_SINGLE_POINTS,
    RMDQ_MCID_POINTS,
)
from desktop.clinical.screening_summary import screening_summary
from desktop.clinical.strength import (
    LSI_DECIMALS,
    MRC_CREDIT,
    STRENGTH_REAL_CHANGE_PCT,
    mmt_side_dict,
    protocol_differences,
)
from desktop.clinical.summary_text import results_to_text

__all__ = ["compute_results", "results_to_text", "program_summary"]

PROGRAM_UNAVAILABLE = "program module not available"


def _hip_abduction(findings: Findings) -> dict[str, Any] | None:
    hip = findings.assessment.hip_abduction
    if hip is None:
        return None
    if hip.method == "mmt":
        return {
            "method": "mmt",
            "position": hip.position,
            "left": mmt_side_dict(findings.mmt["left"]) if "left" in findings.mmt else None,
            "right": mmt_side_dict(findings.mmt["right"]) if "right" in findings.mmt else None,
            "lsi_pct": None,
            "weaker_side": findings.weaker_side,
            "asymmetry_band": None,
            "mrc_credit": MRC_CREDIT,
        }
    comparison = findings.side_comparison
    cv_warnings = [
        f"{side}: trials vary by {result.cv_pct:.1f}%; another trial is suggested"
        for side, result in findings.hhd.items()
        if result.further_trial_suggested and result.cv_pct is not None
    ]
    return {
        "method": "hhd",
        "position": hip.position,
        "contraction": hip.contraction,
        "fixation": hip.fixation,
        "unit_recorded": hip.unit,
        "left": findings.hhd["left"].to_dict() if "left" in findings.hhd else None,
        "right": findings.hhd["right"].to_dict() if "right" in findings.hhd else None,
        "lsi_pct": round(comparison.lsi_pct, LSI_DECIMALS) if comparison else None,
        "weaker_side": comparison.weaker_side if comparison else None,
        "asymmetry_band": comparison.asymmetry_band if comparison else None,
        "lsi_basis": comparison.basis if comparison else None,
        "asymmetry_pct": round(comparison.asymmetry_pct, 1) if comparison else None,
        "within_measurement_error": (
            comparison.asymmetry_band == "symmetric" if comparison else None
        ),
        "cv_warnings": cv_warnings,
    }


def _norm_comparison(
    findings: Findings, client: Client, table: NormTable
) -> dict[str, Any] | None:
    hip = findings.assessment.hip_abduction
    if hip is None or hip.method != "hhd" or not findings.hhd:
        return None
    age = age_on(client.date_of_birth, findings.assessment.performed_on)
    out: dict[str, Any] = {"table": table.name, "table_verified": table.verified}
    for side in SIDES:
        result = findings.hhd.get(side)
        if result is None:
            out[side] = None
            continue
        match = compare_to_norms(
            table,
            measured_values(result),
            contraction=hip.contraction,
            position=hip.position,
            sex=client.sex,
            age_years=age,
            side=side,
        )
        out[side] = match.to_dict()
    return out


def program_summary(program: Program) -> dict[str, Any]:
    """The clinician-confirmed program in the results shape."""
    data = program_to_dict(program)
    # As in a proposal: the lowest strengthening stage; release work runs beside every stage.
    strengthening = [item.stage for item in program.exercises if item.stage > RELEASE_STAGE]
    return {
        "start_stage": min(strengthening, default=min((item.stage for item in program.exercises), default=None)),
        "exercises": [{k: v for k, v in item.items() if k != "notes"} for item in data["exercises"]],
        "review_date": data["review_date"],
        "source": "clinician",
    }


def _program(
    results: dict[str, Any], assessment: Assessment, today: date | None
) -> tuple[dict[str, Any] | None, str | None]:
    if results["red_flag_block"]:
        return None, None
    if assessment.program is not None:
        return program_summary(assessment.program), None
    try:
        from desktop.clinical.program import propose_program
    except ImportError:
        return None, PROGRAM_UNAVAILABLE
    proposal = propose_program(results, assessment, today=today)
    if proposal is None:
        return None, None
    return {**proposal, "source": "proposed"}, None


def compute_results(
    client: Client,
    assessment: Assessment,
    *,
    baseline: Assessment | None = None,
    norm_table: NormTable | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """Every computed result of ``assessment`` (validated input expected).

    ``baseline`` adds protocol warnings and change since that visit;
    ``norm_table`` is the clinic's chosen reference table (built-in by default).
    """
    findings = analyse(assessment)
    results: dict[str, Any] = {
        "trendelenburg": {
            side: findings.trendelenburg[side].to_dict() if side in findings.trendelenburg else None
            for side in SIDES
        },
        "hip_abduction": _hip_abduction(findings),
    }
    odi = findings.odi
    results["odi_pct"] = round(odi.pct, 1) if odi and odi.pct is not None else None
    results["odi_band"] = odi.band if odi else None
    results["odi_sections_answered"] = odi.sections_answered if odi else 0
    results["odi_complete"] = odi.complete if odi else None
    results["psfs_mean"] = round(findings.psfs_mean, 2) if findings.psfs_mean is not None else None
    results["weak_sides"] = findings.weak_sides
    results["red_flag_block"] = findings.red_flag_block
    results["program"] = None

    results["nprs"] = assessment.pain_nprs
    results["rmdq_total"] = assessment.rmdq_total
    results["psfs"] = [{"activity": item.activity, "score": item.score} for item in assessment.psfs]
    results["screening"] = screening_summary(assessment)
    results["norm_comparison"] = _norm_comparison(
        findings, client, norm_table if norm_table is not None else default_norm_table()
    )
    results["thresholds"] = {
        "strength_change_pct": STRENGTH_REAL_CHANGE_PCT,
        "nprs_points": NPRS_MCID_POINTS,
        "odi_points": ODI_MCID_POINTS,
        "rmdq_points": RMDQ_MCID_POINTS,
        "psfs_mean_points": PSFS_MDC_MEAN_POINTS,
        "psfs_single_points": PSFS_MDC_SINGLE_POINTS,
    }

    protocol_warnings: list[str] = []
    changes = []
    if baseline is not None:
        before = analyse(baseline)
        if baseline.hip_abduction is not None and assessment.hip_abduction is not None:
            protocol_warnings = [
                d.message for d in protocol_differences(baseline.hip_abduction, assessment.hip_abduction)
            ]
        changes = compare_findings(before, findings)
        results["change"] = {
            "baseline_performed_on": baseline.performed_on.isoformat(),
            "strength_comparable": not any(
                c.measure.startswith("hip_abduction") and not c.comparable for c in changes
            ),
            "measures": [c.to_dict() for c in changes],
        }
    else:
        results["change"] = None
    results["protocol_warnings"] = protocol_warnings
    results["interpretation"] = interpret(
        findings, changes=changes, protocol_warnings=protocol_warnings
    )

    program, note = _program(results, assessment, today)
    results["program"] = program
    results["program_note"] = note
    return results
