"""The clinician's wording: precise, with the test names and numbers.

This is also the wording of ``summary --json`` (``interpretation``,
``screening.message``, ``cv_warnings``), so a change here is a contract change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from desktop.clinical.outcomes import ODI_BAND_LABELS
from desktop.clinical.trendelenburg import INVALID_REASON_LABELS
from desktop.clinical.wording.common import pct, sides_phrase

P = Mapping[str, Any]

URGENT_REFERRAL_TEXT = (
    "Possible cauda equina syndrome: refer immediately to the hospital emergency department, "
    "to be seen within hours (GIRFT national pathway). No exercise program is given."
)
ACKNOWLEDGE_TEXT = (
    "Red flags recorded: review them, arrange medical referral where needed, and acknowledge "
    "before the report is exported."
)
# Cooper 2016, Sadler 2019 (weaker GMed); Cooper 2016 alone (Trendelenburg sign), not
# confirmed by BMC Musculoskelet Disord 2023; Kendall 2015, Fukuda 2021, de Jesus 2020
# (small or no added benefit); NICE NG59 (exercise first-line) - clinical-reference §6, §10.3.
EVIDENCE_CONTEXT = (
    "In people with low back pain, a weaker gluteus medius is found more often than in people "
    "without back pain (Cooper 2016; Sadler 2019). One study also found the Trendelenburg sign "
    "more often (Cooper 2016), but a later study did not (BMC Musculoskelet Disord 2023). "
    "These are associations: they do not show that the hip weakness is responsible for the back pain. "
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


# The steps of a full assessment, as named in results.completeness.missing.
STEP_NAMES = {
    "screening": "Red-flag screening",
    "pain_nprs": "Pain (NPRS)",
    "odi": "Oswestry Disability Index",
    "psfs": "Patient-Specific Functional Scale",
    "trendelenburg.left": "Trendelenburg test, left stance",
    "trendelenburg.right": "Trendelenburg test, right stance",
    "hip_abduction": "Hip-abduction strength",
    "hip_abduction.left": "Hip-abduction strength, left",
    "hip_abduction.right": "Hip-abduction strength, right",
}


def _tb_negative(p: P) -> str:
    text = f"Standing on the {p['side']} leg, the pelvis was held level for {p['hold_target_s']:g} s (negative)"
    if p["compensated_lean"]:
        return text + (f", but only with {p['compensated_lean']} trunk lean over the stance leg, a "
                       "compensation that can hide weakness.")
    return text + "."


def _tb_positive_delayed(p: P) -> str:
    return (f"Standing on the {p['side']} leg, the pelvis on the {p['drop_side']} side dropped after "
            f"{p['hold_s']:g} s (positive, delayed): the {p['side']} hip abductors did not hold the pelvis "
            f"level for {p['hold_target_s']:g} s.")


def _tb_positive_immediate(p: P) -> str:
    return (f"Standing on the {p['side']} leg, the pelvis on the {p['drop_side']} side could not be raised "
            f"and held (positive, immediate): the {p['side']} hip abductors did not hold the pelvis level.")


def _tb_invalid(p: P) -> str:
    reason = INVALID_REASON_LABELS.get(p["reason"] or "", p["reason"])
    return (f"The {p['side']}-stance Trendelenburg test was not interpretable ({reason}) and is not "
            "used in this summary.")


def _strength_best(p: P) -> str:
    shown = []
    for side, unit, value in p["parts"]:
        if unit == "Nm/kg":
            shown.append(f"{value:.2f} Nm/kg on the {side}")
        elif unit == "%BW":
            shown.append(f"{value:.1f}% of body weight on the {side}")
        else:
            shown.append(f"{value:.0f} N on the {side}")
    return "Hip-abduction strength (best trial) was " + " and ".join(shown) + "."


def _strength_lsi(p: P) -> str:
    basis = "torque" if p["basis"] == "torque" else "force"
    band = "sides symmetric" if p["band"] == "symmetric" else f"{p['band']} asymmetry"
    return f"The {p['weaker_side']} side measured {pct(p['lsi_pct'])}% of the {p['stronger_side']} ({basis}; {band})."


def _strength_provisional(p: P) -> str:
    from desktop.clinical.wording import words

    reasons = "; ".join(words(m) for m in p["reasons"])
    return f"This asymmetry is provisional: {reasons}. Re-test before relying on it."


def _outcome_odi(p: P) -> str:
    text = f"The Oswestry Disability Index was {pct(p['pct'])}% ({ODI_BAND_LABELS[p['band']]})"
    if not p["complete"]:
        text += (f"; only {p['sections_answered']} of 10 sections were answered (fewer than "
                 f"{p['min_sections']}), so the score is incomplete")
    return text + "."


def change_amount(p: P) -> str:
    if p["change_pct"] is not None:
        return f"{p['change_pct']:+.0f}%"
    unit = "points" if p["unit"] == "%" else p["unit"]
    return f"{p['change']:+.1f} {unit}"


def _change_trendelenburg(p: P) -> str:
    return f"{p['label']}: {p['note']} ({change_amount(p)}): {p['direction']}."


# Outcomes are judged against the minimal clinically important change, strength against
# measurement error (design.md; clinical-reference §0, §2.5, §9): the words keep them apart.
MCID_SOURCES = {
    "nprs": "Ostelo 2008",
    "odi_pct": "Ostelo 2008",
    "rmdq": "Ostelo 2008",
    "psfs_mean": "Stratford 1995",
    "psfs_activity": "Stratford 1995",
}


def threshold_phrase(measure: str, threshold: str) -> str:
    """'the minimal clinically important change (2 points; Ostelo 2008)' or 'the measurement error (10% relative)'."""
    source = MCID_SOURCES.get(measure)
    if source is not None:
        return f"the minimal clinically important change ({threshold}; {source})"
    return f"the measurement error ({threshold})"


def reaches_exactly(p: P) -> bool:
    """A change equal to its threshold, as shown (one decimal), "reaches" it rather than exceeds it."""
    value = p["change_pct"] if p["change_pct"] is not None else p["change"]
    threshold = p.get("threshold_value")
    return threshold is not None and value is not None and round(abs(value), 1) == round(threshold, 1)


def _change_no_real(p: P) -> str:
    if p["measure"] in MCID_SOURCES:
        return (f"{p['label']}: {change_amount(p)}, less than {threshold_phrase(p['measure'], p['threshold'])}: "
                "no important change.")
    return f"{p['label']}: {change_amount(p)}, within {threshold_phrase(p['measure'], p['threshold'])}: no real change."


def _change_real(p: P) -> str:
    verb = "reaches" if reaches_exactly(p) else "beyond"
    return (
        f"{p['label']}: {change_amount(p)}, {verb} {threshold_phrase(p['measure'], p['threshold'])}: {p['direction']}."
    )


def _impression_weakness(p: P) -> str:
    evidence = []
    if p["positive"]:
        evidence.append(
            "Trendelenburg positive on the "
            + " and ".join(p["positive"])
            + " stance leg"
            + ("s" if len(p["positive"]) == 2 else "")
        )
    if p["lsi_pct"] is not None:
        evidence.append(
            f"strength {pct(p['lsi_pct'])}% of the other side" + (", provisional" if p["provisional"] else "")
        )
    if p["grades"]:
        evidence.append("manual grade " + ", ".join(f"{label} {side}" for side, label in p["grades"]))
    where = "left and right" if len(p["sides"]) == 2 else p["sides"][0]
    return f"{where} hip-abductor weakness" + (f" ({'; '.join(evidence)})" if evidence else "")


WORDS: dict[str, Callable[[P], str]] = {
    "impression.urgent": lambda p: "possible cauda equina syndrome: same-day emergency assessment requested",
    "impression.possible_mild_difference": lambda p: (f"possible mild side difference ({p['side']} slightly "
                                                      "lower); no hip-abductor weakness shown"),
    "impression.weakness": _impression_weakness,
    "impression.no_weakness": lambda p: "no hip-abductor weakness found",
    "impression.not_known": lambda p: "hip-abductor strength not yet known (tests not interpretable or not done)",
    "text": lambda p: str(p["text"]),
    "screening.urgent": lambda p: URGENT_REFERRAL_TEXT,
    "screening.acknowledge": lambda p: ACKNOWLEDGE_TEXT,
    "screening.acknowledged": lambda p: "Red flags recorded and acknowledged by the clinician.",
    "screening.none_recorded": lambda p: "No red flags recorded.",
    "screening.not_done": lambda p: ("Red-flag screening was not done at this visit: nothing is known about red "
                                     "flags, and no referral letter can be written until it is done."),
    "completeness.not_assessed": lambda p: f"{STEP_NAMES.get(p['step'], p['step'])}: not assessed.",
    "tb.negative": _tb_negative,
    "tb.positive_delayed": _tb_positive_delayed,
    "tb.positive_immediate": _tb_positive_immediate,
    "tb.invalid": _tb_invalid,
    "tb.compensated": lambda p: "The trunk leaned over the stance leg (compensated).",
    "tb.pain_limited": lambda p: (f"Pain of {p['pain_nprs']}/10 during the test means the result may "
                                  "reflect pain rather than weakness."),
    "strength.best": _strength_best,
    "strength.trials_vary": lambda p: (f"The {p['side']} trials varied by {p['cv_pct']:.0f}% (more than "
                                       f"{p['threshold_pct']:g}%): another trial is suggested."),
    "strength.trial_excluded": lambda p: (
        f"Trial {p['trial_no']} on the {p['side']} ("
        + (f"{p['recorded']:.1f} {p['unit']}, " if p.get("unit", "N") != "N" else "")
        + f"{p['force_n']:.0f} N) was left out as an outlier: "
        f"{p['reason'].strip().rstrip('.')}. Peak, mean and variation use the other {p['kept']} trials."),
    "strength.cv_warning": lambda p: f"{p['side']}: trials vary by {p['cv_pct']:.1f}%; another trial is suggested",
    "strength.lsi": _strength_lsi,
    "strength.within_error": lambda p: ("This difference is within the roughly 10% measurement error of "
                                        "hand-held dynamometry, so the sides are treated as similar."),
    "strength.close_to_error": lambda p: ("A difference of this size is close to the roughly 10% measurement "
                                          "error of hand-held dynamometry; confirm it on re-test before "
                                          "relying on it."),
    "strength.confirm_on_retest": lambda p: ("A single-session asymmetry is best confirmed on re-test with "
                                             "the same protocol."),
    "strength.equal": lambda p: "Both sides measured the same.",
    "strength.provisional": _strength_provisional,
    "strength.provisional.trials_vary": lambda p: (f"the {p['side']} trials varied by {p['cv_pct']:.0f}% (more "
                                                   f"than {p['threshold_pct']:g}%)"),
    "strength.provisional.levers_differ": lambda p: (f"the lever arms differ by {p['difference_cm']:g} cm "
                                                     f"(left {p['left_cm']:g} cm, right {p['right_cm']:g} cm; "
                                                     f"more than {p['tolerance_cm']:g} cm)"),
    "strength.torque_force_disagree": lambda p: (
        f"Torque (force × lever arm) puts the {p['torque_weaker']} side lower, while the raw force is lower on the "
        f"{p['force_weaker']} side: the lever arms differ, and torque is the fairer comparison only if both "
        "were measured the same way."),
    "weakness.possible_mild_difference": lambda p: (
        f"Possible mild side difference ({p['side']} side slightly lower); on its own this is not evidence of "
        "hip-abductor weakness. Re-test with the same protocol to confirm."),
    "mmt.grades": lambda p: ("Manual muscle testing graded hip abduction "
                             + " and ".join(f"{label} on the {side}" for side, label in p["grades"])
                             + " (MRC scale)."),
    "mmt.caveat": lambda p: MMT_CAVEAT,
    "outcome.nprs": lambda p: f"Pain today was {p['nprs']}/10 (NPRS).",
    "outcome.odi": _outcome_odi,
    "outcome.rmdq": lambda p: f"The Roland-Morris score was {p['total']}/24.",
    "outcome.psfs_mean": lambda p: f"Patient-specific function (PSFS) averaged {p['mean']:.1f}/10.",
    "weakness.suggested": lambda p: f"Findings suggest hip-abductor weakness on the {sides_phrase(p['sides'])}.",
    "evidence.context": lambda p: EVIDENCE_CONTEXT,
    "weakness.none": lambda p: NO_WEAKNESS_TEXT,
    "weakness.none_one_side": lambda p: (f"These tests did not show hip-abductor weakness on the {p['side']} "
                                         f"side; the {p['other_side']} side could not be assessed and should "
                                         "be re-tested."),
    "weakness.not_assessable": lambda p: NOT_ASSESSABLE_TEXT,
    "protocol.heading": lambda p: "Protocol differs from the baseline test:",
    "change.heading": lambda p: "Change since baseline:",
    "change.not_compared": lambda p: f"{p['label']}: not compared. {p['note']}".strip(),
    "change.trendelenburg": _change_trendelenburg,
    "change.no_real_change": _change_no_real,
    "change.real": _change_real,
}
