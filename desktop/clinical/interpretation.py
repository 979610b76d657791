"""What the findings mean, as message codes (worded in desktop.clinical.wording).

The rules follow clinical-reference §6 and §11 rule 7: gluteus medius
weakness is associated with low back pain, hip strengthening is one part of
an exercise-based plan, and exercise is first-line care (NICE NG59).
Invalid tests are named as not interpretable; small asymmetries carry the
measurement-error caveat.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.clinical import screening
from desktop.clinical.change import IMPROVED, NO_REAL_CHANGE, NOT_COMPARABLE, WORSE, MeasureChange
from desktop.clinical.findings import Findings
from desktop.clinical.messages import Message, Paragraph, msg
from desktop.clinical.model import SIDES, Side
from desktop.clinical.outcomes import ODI_MIN_SECTIONS_COMPLETE
from desktop.clinical.strength import (
    CV_FURTHER_TRIAL_PCT,
    LSI_SYMMETRIC_MIN_PCT,
    MMT_NORMAL_GRADE,
    mmt_label,
    weaker_by_force,
)
from desktop.clinical.trendelenburg import (
    HOLD_TARGET_S,
    NEGATIVE,
    POSITIVE_DELAYED,
    POSITIVE_IMMEDIATE,
)
from desktop.clinical.units import NEWTONS_PER_UNIT

# The "close to measurement error" caution is kept for asymmetries within a few points of the
# 10% threshold (LSI 87 to < 90%); larger ones are asked to be confirmed on re-test instead.
# App convention [U] (docs/clinical-basis.md).
CLOSE_TO_ERROR_MARGIN_POINTS = 3.0


def _trendelenburg_messages(findings: Findings, side: Side) -> list[Message]:
    finding = findings.trendelenburg[side]
    recorded = findings.assessment.trendelenburg(side)
    if finding.result == NEGATIVE:
        lean = recorded.trunk_lean if recorded is not None and finding.compensated else None
        return [msg("tb.negative", side=side, hold_target_s=HOLD_TARGET_S, compensated_lean=lean)]
    if finding.result == POSITIVE_DELAYED:
        out = [msg("tb.positive_delayed", side=side, drop_side=finding.pelvic_drop_side,
                   hold_s=finding.hold_s, hold_target_s=HOLD_TARGET_S)]
    elif finding.result == POSITIVE_IMMEDIATE:
        out = [msg("tb.positive_immediate", side=side, drop_side=finding.pelvic_drop_side)]
    else:
        return [msg("tb.invalid", side=side, reason=finding.invalid_reason)]
    if finding.compensated:
        out.append(msg("tb.compensated"))
    if finding.pain_limited:
        out.append(msg("tb.pain_limited", pain_nprs=finding.pain_nprs))
    return out


def trial_exclusions(findings: Findings) -> tuple[Message, ...]:
    """Each outlier trial the clinician left out: which, its force and the reason, printed as given."""
    hip = findings.assessment.hip_abduction
    unit = hip.unit if hip is not None else "N"
    return tuple(
        msg("strength.trial_excluded", side=side, trial_no=result.excluded_trial.trial_no,
            force_n=result.excluded_trial.force_n, unit=unit, reason=result.excluded_trial.reason,
            recorded=result.excluded_trial.force_n / NEWTONS_PER_UNIT[unit], kept=len(result.trials_n))
        for side, result in findings.hhd.items()
        if result.excluded_trial is not None
    )


def _strength_messages(findings: Findings) -> list[Message]:
    out: list[Message] = []
    hhd = findings.hhd
    comparison = findings.side_comparison
    if hhd:
        parts: list[tuple[str, str, float]] = []
        for side, result in hhd.items():
            if result.torque_nm_per_kg is not None:
                parts.append((side, "Nm/kg", result.torque_nm_per_kg))
            elif result.force_pct_bw is not None:
                parts.append((side, "%BW", result.force_pct_bw))
            else:
                parts.append((side, "N", result.peak_force_n))
        out.append(msg("strength.best", parts=tuple(parts)))
        out.extend(trial_exclusions(findings))
        for side, result in hhd.items():
            if result.further_trial_suggested:
                out.append(msg("strength.trials_vary", side=side, cv_pct=result.cv_pct,
                               threshold_pct=CV_FURTHER_TRIAL_PCT))
    if comparison is not None and comparison.weaker_side is not None:
        stronger = "left" if comparison.weaker_side == "right" else "right"
        out.append(msg("strength.lsi", weaker_side=comparison.weaker_side, stronger_side=stronger,
                       lsi_pct=comparison.lsi_pct, basis=comparison.basis, band=comparison.asymmetry_band))
        force_weaker = weaker_by_force(hhd["left"], hhd["right"]) if "left" in hhd and "right" in hhd else None
        if comparison.basis == "torque" and force_weaker is not None and force_weaker != comparison.weaker_side:
            out.append(msg("strength.torque_force_disagree", torque_weaker=comparison.weaker_side,
                           force_weaker=force_weaker))
        provisional = findings.provisional_reasons
        if provisional:
            out.append(msg("strength.provisional", reasons=provisional))
        elif comparison.asymmetry_band == "symmetric":
            out.append(msg("strength.within_error"))
        elif comparison.asymmetry_pct <= (100.0 - LSI_SYMMETRIC_MIN_PCT) + CLOSE_TO_ERROR_MARGIN_POINTS:
            out.append(msg("strength.close_to_error"))
        else:
            out.append(msg("strength.confirm_on_retest"))
    elif comparison is not None:
        out.append(msg("strength.equal"))
    if findings.mmt:
        grades = tuple((side, mmt_label(grade.grade, grade.modifier)) for side, grade in findings.mmt.items())
        out.append(msg("mmt.grades", grades=grades))
        out.append(msg("mmt.caveat"))
    return out


def _only_mild_asymmetry(findings: Findings) -> bool:
    """The one piece of evidence is a mild (borderline) asymmetry: no positive stance test and
    no manual grade below 5, so the finding is a possible side difference, not weakness."""
    comparison = findings.side_comparison
    if comparison is None or comparison.asymmetry_band != "mild":
        return False
    if any(f.positive for f in findings.trendelenburg.values()):
        return False
    return not any(grade.grade < MMT_NORMAL_GRADE for grade in findings.mmt.values())


def _outcome_messages(findings: Findings) -> list[Message]:
    out: list[Message] = []
    a = findings.assessment
    if a.pain_nprs is not None:
        out.append(msg("outcome.nprs", nprs=a.pain_nprs))
    odi = findings.odi
    if odi is not None and odi.pct is not None and odi.band is not None:
        out.append(msg("outcome.odi", pct=odi.pct, band=odi.band, complete=odi.complete,
                       sections_answered=odi.sections_answered, min_sections=ODI_MIN_SECTIONS_COMPLETE))
    if a.rmdq_total is not None:
        out.append(msg("outcome.rmdq", total=a.rmdq_total))
    if findings.psfs_mean is not None:
        out.append(msg("outcome.psfs_mean", mean=findings.psfs_mean))
    return out


def change_messages(changes: Sequence[MeasureChange]) -> list[Message]:
    """One message per measure that changed, kept apart by kind in the wording."""
    out: list[Message] = []
    for item in changes:
        if item.measure == "psfs_activity":
            continue
        if item.direction == NOT_COMPARABLE:
            out.append(msg("change.not_compared", label=item.label, note=item.note))
            continue
        if item.change is None:
            continue
        common = {"label": item.label, "measure": item.measure, "unit": item.unit, "change": item.change,
                  "change_pct": item.change_pct, "threshold": item.threshold,
                  "threshold_value": item.threshold_value}
        if item.measure == "trendelenburg_hold_s":
            out.append(msg("change.trendelenburg", note=item.note, direction=item.direction, **common))
        elif item.direction == NO_REAL_CHANGE:
            out.append(msg("change.no_real_change", **common))
        elif item.direction in (IMPROVED, WORSE):
            out.append(msg("change.real", direction=item.direction, **common))
    return out


def interpret(
    findings: Findings,
    *,
    changes: Sequence[MeasureChange] = (),
    protocol_warnings: Sequence[str] = (),
) -> tuple[Paragraph, ...]:
    """Paragraphs for the summary and report, most important first."""
    paragraphs: list[Paragraph] = []
    a = findings.assessment
    if a.red_flags is None:
        paragraphs.append((msg("screening.not_done"),))
    elif findings.red_flag_block:
        paragraphs.append((msg("screening.urgent"),))
    elif screening.needs_acknowledgement(a.red_flags, a.red_flags_acknowledged):
        paragraphs.append((msg("screening.acknowledge"),))

    trendelenburg = [m for side in findings.trendelenburg for m in _trendelenburg_messages(findings, side)]
    for block in (trendelenburg, _strength_messages(findings), _outcome_messages(findings)):
        if block:
            paragraphs.append(tuple(block))

    weak = findings.weak_sides
    if weak and _only_mild_asymmetry(findings):
        paragraphs.append((msg("weakness.possible_mild_difference", side=weak[0]),))
    elif weak:
        paragraphs.append((msg("weakness.suggested", sides=tuple(weak)), msg("evidence.context")))
    elif findings.trendelenburg or findings.hhd or findings.mmt:
        assessed = findings.assessed_sides
        if len(assessed) == len(SIDES):
            paragraphs.append((msg("weakness.none"),))
        elif assessed:
            other = next(side for side in SIDES if side not in assessed)
            paragraphs.append((msg("weakness.none_one_side", side=assessed[0], other_side=other),))
        else:
            paragraphs.append((msg("weakness.not_assessable"),))

    if protocol_warnings:
        paragraphs.append((msg("protocol.heading"), *(msg("text", text=w) for w in protocol_warnings)))
    change_lines = change_messages(changes)
    if change_lines:
        paragraphs.append((msg("change.heading"), *change_lines))
    return tuple(paragraphs)


def impression(findings: Findings) -> Message:
    """The one-line impression a letter's "Re:" line carries."""
    if findings.red_flag_block:
        return msg("impression.urgent")
    weak = findings.weak_sides
    if weak and _only_mild_asymmetry(findings):
        return msg("impression.possible_mild_difference", side=weak[0])
    if weak:
        comparison = findings.side_comparison
        positive = tuple(side for side, f in findings.trendelenburg.items() if f.positive)
        lsi = (comparison.lsi_pct if comparison is not None and comparison.weaker_side in weak
               and comparison.asymmetry_band in ("mild", "marked") else None)
        graded = tuple((side, mmt_label(g.grade, g.modifier)) for side, g in findings.mmt.items()
                       if g.grade < MMT_NORMAL_GRADE)
        return msg("impression.weakness", sides=tuple(weak), positive=positive, lsi_pct=lsi,
                   provisional=bool(findings.provisional_reasons) and lsi is not None, grades=graded)
    if findings.trendelenburg or findings.hhd or findings.mmt:
        if len(findings.assessed_sides) == len(SIDES):
            return msg("impression.no_weakness")
    return msg("impression.not_known")
