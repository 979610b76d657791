"""Plain-language interpretation of the findings, worded as association, not cause.

Report wording follows clinical-reference §6 and §11 rule 7: gluteus medius
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
from desktop.clinical.model import SIDES
from desktop.clinical.outcomes import ODI_BAND_LABELS, ODI_MIN_SECTIONS_COMPLETE
from desktop.clinical.screening_summary import ACKNOWLEDGE_TEXT, URGENT_REFERRAL_TEXT
from desktop.clinical.strength import CV_FURTHER_TRIAL_PCT, LSI_SYMMETRIC_MIN_PCT, mmt_label
from desktop.clinical.trendelenburg import (
    HOLD_TARGET_S,
    INVALID_REASON_LABELS,
    NEGATIVE,
    POSITIVE_DELAYED,
    POSITIVE_IMMEDIATE,
)

# Cooper 2016, Sadler 2019 (weaker GMed); Cooper 2016 alone (Trendelenburg sign), not
# confirmed by BMC Musculoskelet Disord 2023; Kendall 2015, Fukuda 2021, de Jesus 2020
# (small or no added benefit); NICE NG59 (exercise first-line) - clinical-reference §6, §10.3.
EVIDENCE_CONTEXT = (
    "In people with low back pain, a weaker gluteus medius is found more often than in people "
    "without back pain (Cooper 2016; Sadler 2019). One study also found the Trendelenburg sign "
    "more often (Cooper 2016), but a later study did not (BMC Musculoskelet Disord 2023). These are associations: they do "
    "not show that the hip weakness is responsible for the back pain. "
    "Adding hip strengthening to general exercise has given small or no extra benefit in trials "
    "(Kendall 2015; Fukuda 2021; de Jesus 2020), so hip work is one part of an exercise-based "
    "plan, not a stand-alone treatment. NICE guideline NG59 recommends exercise as first-line "
    "care for low back pain."
)
# MRC: the scale is less reliable at grades 4-5 (§5.1); Bohannon 2002 prefers instrumented
# measures there (§5.2).
MMT_CAVEAT = (
    "Manual grading is less sensitive at grades 4 and 5; a hand-held dynamometer gives more "
    "precise values for follow-up."
)
NO_WEAKNESS_TEXT = "These tests did not show hip-abductor weakness."
NOT_ASSESSABLE_TEXT = ("No stance or strength test at this visit could be interpreted, so hip-abductor "
                       "strength is not known; it should be re-tested.")


def _pct(value: float) -> str:
    """One decimal, as the results carry it (79.1, 22.5), without a trailing ".0"; the
    band beside it is decided on this same value, so 89.6 never reads as "90%, mild"."""
    return f"{value:.1f}".removesuffix(".0")


def _trendelenburg_sentence(findings: Findings, side: str) -> str:
    finding = findings.trendelenburg[side]  # type: ignore[index]
    drop = finding.pelvic_drop_side
    lead = f"Standing on the {side} leg"
    if finding.result == NEGATIVE:
        text = (
            f"{lead}, the pelvis was held level for {HOLD_TARGET_S:g} s (negative)"
            + (
                f", but only with {findings.assessment.trendelenburg(side).trunk_lean} trunk lean "  # type: ignore[union-attr]
                "over the stance leg, a compensation that can hide weakness."
                if finding.compensated
                else "."
            )
        )
    elif finding.result == POSITIVE_DELAYED:
        text = (
            f"{lead}, the pelvis on the {drop} side dropped after {finding.hold_s:g} s "
            f"(positive, delayed): the {side} hip abductors did not hold the pelvis level for "
            f"{HOLD_TARGET_S:g} s."
        )
    elif finding.result == POSITIVE_IMMEDIATE:
        text = (
            f"{lead}, the pelvis on the {drop} side could not be raised and held (positive, "
            f"immediate): the {side} hip abductors did not hold the pelvis level."
        )
    else:
        reason = INVALID_REASON_LABELS.get(finding.invalid_reason or "", finding.invalid_reason)
        return (
            f"The {side}-stance Trendelenburg test was not interpretable ({reason}) and is not "
            "used in this summary."
        )
    if finding.positive and finding.compensated:
        text += " The trunk leaned over the stance leg (compensated)."
    if finding.positive and finding.pain_limited:
        text += (
            f" Pain of {finding.pain_nprs}/10 during the test means the result may reflect pain "
            "rather than weakness."
        )
    return text


def _strength_sentences(findings: Findings) -> list[str]:
    out: list[str] = []
    hhd = findings.hhd
    comparison = findings.side_comparison
    if hhd:
        parts = []
        for side, result in hhd.items():
            if result.torque_nm_per_kg is not None:
                parts.append(f"{result.torque_nm_per_kg:.2f} Nm/kg on the {side}")
            elif result.force_pct_bw is not None:
                parts.append(f"{result.force_pct_bw:.1f}% of body weight on the {side}")
            else:
                parts.append(f"{result.peak_force_n:.0f} N on the {side}")
        out.append("Hip-abduction strength (best trial) was " + " and ".join(parts) + ".")
        for side, result in hhd.items():
            if result.further_trial_suggested:
                out.append(
                    f"The {side} trials varied by {result.cv_pct:.0f}% (more than "
                    f"{CV_FURTHER_TRIAL_PCT:g}%): another trial is suggested."
                )
    if comparison is not None and comparison.weaker_side is not None:
        stronger = "left" if comparison.weaker_side == "right" else "right"
        basis = "torque" if comparison.basis == "torque" else "force"
        band = "sides symmetric" if comparison.asymmetry_band == "symmetric" else f"{comparison.asymmetry_band} asymmetry"
        out.append(
            f"The {comparison.weaker_side} side measured {_pct(comparison.lsi_pct)}% of the "
            f"{stronger} ({basis}; {band})."
        )
        if comparison.asymmetry_band == "symmetric":
            out.append(
                "This difference is within the roughly 10% measurement error of hand-held "
                "dynamometry, so the sides are treated as similar."
            )
        elif comparison.asymmetry_pct <= 2 * (100.0 - LSI_SYMMETRIC_MIN_PCT):
            out.append(
                "A difference of this size is close to the roughly 10% measurement error of "
                "hand-held dynamometry; confirm it on re-test before relying on it."
            )
        else:
            out.append("A single-session asymmetry is best confirmed on re-test with the same protocol.")
    elif comparison is not None:
        out.append("Both sides measured the same.")
    if findings.mmt:
        grades = [
            f"{mmt_label(grade.grade, grade.modifier)} on the {side}" for side, grade in findings.mmt.items()
        ]
        out.append("Manual muscle testing graded hip abduction " + " and ".join(grades) + " (MRC scale).")
        out.append(MMT_CAVEAT)
    return out


def _outcome_sentences(findings: Findings) -> list[str]:
    out: list[str] = []
    a = findings.assessment
    if a.pain_nprs is not None:
        out.append(f"Pain today was {a.pain_nprs}/10 (NPRS).")
    odi = findings.odi
    if odi is not None and odi.pct is not None and odi.band is not None:
        text = f"The Oswestry Disability Index was {_pct(odi.pct)}% ({ODI_BAND_LABELS[odi.band]})"
        if not odi.complete:
            text += (
                f"; only {odi.sections_answered} of 10 sections were answered (fewer than "
                f"{ODI_MIN_SECTIONS_COMPLETE}), so the score is incomplete"
            )
        out.append(text + ".")
    if a.rmdq_total is not None:
        out.append(f"The Roland-Morris score was {a.rmdq_total}/24.")
    if findings.psfs_mean is not None:
        out.append(f"Patient-specific function (PSFS) averaged {findings.psfs_mean:.1f}/10.")
    return out


def _change_sentences(changes: Sequence[MeasureChange]) -> list[str]:
    out: list[str] = []
    for item in changes:
        if item.measure == "psfs_activity":
            continue
        if item.direction == NOT_COMPARABLE:
            out.append(f"{item.label}: not compared. {item.note}".strip())
            continue
        if item.change is None:
            continue
        if item.change_pct is not None:
            amount = f"{item.change_pct:+.0f}%"
        else:
            unit = "points" if item.unit == "%" else item.unit
            amount = f"{item.change:+.1f} {unit}"
        if item.measure == "trendelenburg_hold_s":
            out.append(f"{item.label}: {item.note} ({amount}): {item.direction}.")
        elif item.direction == NO_REAL_CHANGE:
            out.append(f"{item.label}: {amount}, within measurement error ({item.threshold}): no real change.")
        elif item.direction == IMPROVED:
            out.append(f"{item.label}: {amount}, beyond the {item.threshold} threshold: improved.")
        elif item.direction == WORSE:
            out.append(f"{item.label}: {amount}, beyond the {item.threshold} threshold: worse.")
    return out


def interpret(
    findings: Findings,
    *,
    changes: Sequence[MeasureChange] = (),
    protocol_warnings: Sequence[str] = (),
) -> list[str]:
    """Paragraphs for the summary and report, most important first."""
    paragraphs: list[str] = []
    a = findings.assessment
    if findings.red_flag_block:
        paragraphs.append(URGENT_REFERRAL_TEXT)
    elif screening.needs_acknowledgement(a.red_flags, a.red_flags_acknowledged):
        paragraphs.append(ACKNOWLEDGE_TEXT)

    trendelenburg = [_trendelenburg_sentence(findings, side) for side in findings.trendelenburg]
    if trendelenburg:
        paragraphs.append(" ".join(trendelenburg))
    strength = _strength_sentences(findings)
    if strength:
        paragraphs.append(" ".join(strength))
    outcomes = _outcome_sentences(findings)
    if outcomes:
        paragraphs.append(" ".join(outcomes))

    weak = findings.weak_sides
    if weak:
        sides = "left and right sides" if len(weak) == 2 else f"{weak[0]} side"
        paragraphs.append(f"Findings suggest hip-abductor weakness on the {sides}. {EVIDENCE_CONTEXT}")
    elif findings.trendelenburg or findings.hhd or findings.mmt:
        assessed = findings.assessed_sides
        if len(assessed) == len(SIDES):
            paragraphs.append(NO_WEAKNESS_TEXT)
        elif assessed:
            other = next(side for side in SIDES if side not in assessed)
            paragraphs.append(f"These tests did not show hip-abductor weakness on the {assessed[0]} side; "
                              f"the {other} side could not be assessed and should be re-tested.")
        else:
            paragraphs.append(NOT_ASSESSABLE_TEXT)

    if protocol_warnings:
        paragraphs.append("Protocol differs from the baseline test: " + " ".join(protocol_warnings))
    change_lines = _change_sentences(changes)
    if change_lines:
        paragraphs.append("Change since baseline: " + " ".join(change_lines))
    return paragraphs
