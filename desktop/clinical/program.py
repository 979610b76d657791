"""Proposed gluteus medius programme from an assessment's computed results.

The app proposes; the clinician edits and confirms. Every rule below carries
its reason, and each proposal lists the rules that fired in plain language
(``rules_applied``) so the clinician can see why an exercise is there.

Stages (clinical-reference.md §7.3): 0 release/stretch, 1 activation,
2 strength-endurance, 3 strength, 4 functional.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from desktop.clinical.exercises import Exercise, ExerciseLibrary, load_library
from desktop.clinical.model import SIDES, Assessment, Program, ProgramItem
from desktop.clinical.strength import asymmetry_band_range

# --- Thresholds, each with its source -------------------------------------------------
# ACSM: programmes last at least 6 weeks (§7.4); §7.5 re-tests after 4-6 weeks. Six
# weeks gives the strength programme its minimum length before the re-test.
REVIEW_AFTER = timedelta(weeks=6)
# Thorborg 2011 (§4.2): a limb symmetry index of 90% or more counts as symmetric.
LSI_SYMMETRIC_PCT = 90.0
# MRC grade 3 = full movement against gravity but no resistance (§5.1): too weak for
# loaded or weight-bearing work, so activation comes first.
MMT_ACTIVATION_MAX_GRADE = 3
MMT_NORMAL_GRADE = 5
# NPRS 7 or more: high pain; start one stage lower. App convention: clinical-reference
# gives no such rule (§7.5 has only "regress above 5/10" and "advance at 3/10 or less").
HIGH_PAIN_NPRS = 7
# §7.5 [U]: regress when pain exceeds 5/10. Also used for pain during the Trendelenburg hold.
REGRESS_ABOVE_NPRS = 5
# §7.5 [U]: advance only when exercise pain is 3/10 or less.
ADVANCE_MAX_NPRS = 3
# Adherence falls as the number of exercises rises: 4-6 strengthening items plus 2-3
# release/stretch items keeps a session short (brief for the programme, convention [U]).
STRENGTH_ITEMS = 5
STRENGTH_ITEMS_REDUCED = 4
# ACSM 2-3 non-consecutive days a week (§7.4): maintenance uses the lower end.
MAINTENANCE_DAYS_PER_WEEK = 2
MAINTENANCE_STAGE = 3
TOP_STAGE = 4

# Preferred order within each stage: most gluteus-medius-specific first (Selkowitz 2013
# gluteal-to-TFL index, Distefano 2009 / Boren 2011 %MVIC, §7.2), non-weight-bearing
# before standing work.
STAGE_CHOICES: Mapping[int, tuple[str, ...]] = {
    1: ("clamshell", "side_lying_abduction_hold", "bridge", "quadruped_hip_extension",
        "standing_wall_press"),
    2: ("single_leg_bridge", "band_side_steps", "lateral_step_up", "single_leg_deadlift",
        "forward_step_up", "lunge"),
    # Side-lying abduction (81% MVIC) is a stage-3 exercise in §7.3; its loaded form is
    # reached through its progression link rather than offered beside it.
    3: ("side_plank_hip_abduction", "side_lying_hip_abduction", "single_leg_squat",
        "clamshell_progression", "front_plank_hip_extension"),
    4: ("single_leg_stance_reach", "step_down", "single_leg_stance_leg_swing", "suitcase_carry"),
}
# Stage 2 keeps the clamshell: the most gluteal-specific exercise tested (index 115).
STAGE2_CARRY_OVER = "clamshell"
# Exercises done standing on one leg, left out when balance made the stance test invalid.
SINGLE_LEG_STANDING = frozenset(
    {"standing_wall_press", "lateral_step_up", "forward_step_up", "single_leg_deadlift",
     "single_leg_squat", "single_leg_stance_reach", "step_down", "single_leg_stance_leg_swing"}
)
RELEASE_BASE = ("foam_roll_glute_med", "figure_four_stretch")
# Sadler 2019 (§6.1): more gluteus medius trigger points in LBP, so with high pain the
# release emphasis adds sustained ball pressure on them.
RELEASE_EMPHASIS = "ball_release_glute_med"

PROGRESSION_CRITERIA: tuple[str, ...] = (
    "All prescribed sets and repetitions done with a level pelvis and no trunk lean.",
    "Exercise pain 3/10 or less, settling to its usual level within 24 hours.",
    "Session effort (RPE) 7/10 or less.",
    "All of the above for 2 sessions in a row before moving up a stage.",
    "When 1-2 repetitions more than the target are possible, add 2-10% load (ACSM).",
)
REGRESSION_CRITERIA: tuple[str, ...] = (
    "Pain during or after exercise above 5/10: step back to the easier version.",
    "A flare the next day that lasts more than 24 hours: step back and reduce the dose.",
)

_SIDE_WORD = {"left": "Left", "right": "Right"}


@dataclass(frozen=True)
class _Finding:
    stage: int
    reason: str


def _get(mapping: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(mapping, Mapping):
            return None
        mapping = mapping.get(key)
    return mapping


def _is_mmt(results: Mapping[str, Any]) -> bool:
    hip = results.get("hip_abduction") or {}
    if hip.get("method") == "mmt":
        return True
    return any(isinstance(hip.get(side), Mapping) and "grade" in hip[side] for side in SIDES)


def _mmt_text(grade: int, modifier: str | None) -> str:
    return f"{grade}{modifier or ''}"


def weak_sides(results: Mapping[str, Any]) -> tuple[str, ...]:
    """Sides marked weak (design.md): positive Trendelenburg, weaker side of a mild or
    marked asymmetry, or an MMT grade below 5. Uses ``results["weak_sides"]`` too."""
    weak = set(results.get("weak_sides") or ())
    for side in SIDES:
        if str(_get(results, "trendelenburg", side, "result") or "").startswith("positive"):
            weak.add(side)
    if _is_mmt(results):
        for side in SIDES:
            grade = _get(results, "hip_abduction", side, "grade")
            if grade is not None and grade < MMT_NORMAL_GRADE:
                weak.add(side)
    elif _get(results, "hip_abduction", "asymmetry_band") in ("mild", "marked"):
        weaker = _get(results, "hip_abduction", "weaker_side")
        if weaker in SIDES:
            weak.add(weaker)
    return tuple(side for side in SIDES if side in weak)


def _no_weakness_evidence(results: Mapping[str, Any]) -> tuple[tuple[str, ...], list[str]]:
    """The sides some readable test covers, and what those tests showed, in words.

    Invalid stance tests say nothing about strength (clinical-reference §1.2, §11.1),
    so only valid Trendelenburg results, MMT grades and a strength comparison count.
    """
    assessed: set[str] = set()
    shown: list[str] = []
    valid_tb = [
        side
        for side in SIDES
        if _get(results, "trendelenburg", side, "result") in ("negative", "positive_delayed", "positive_immediate")
    ]
    assessed.update(valid_tb)
    if valid_tb:
        where = "both sides" if len(valid_tb) == 2 else f"the {valid_tb[0]} side"
        shown.append(f"Trendelenburg negative on {where}")
    if _is_mmt(results):
        graded = [side for side in SIDES if _get(results, "hip_abduction", side, "grade") is not None]
        assessed.update(graded)
        if graded:
            shown.append("hip abduction graded 5 (MRC)")
    elif _get(results, "hip_abduction", "asymmetry_band") is not None:
        assessed.update(SIDES)
        shown.append("strength symmetric")
    return tuple(side for side in SIDES if side in assessed), shown


@dataclass
class _StageLimits:
    """What the tests of some sides allow, gathered test by test."""

    findings: list[_Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pain_limited: bool = False
    balance_limited: bool = False


def _findings(
    results: Mapping[str, Any], assessment: Assessment, sides: Iterable[str]
) -> tuple[list[_Finding], list[str], bool, bool]:
    """Stage limits from the tests of the given sides.

    Returns the findings, plain-language notes that set no stage, whether pain
    limited the stance test and whether balance did.
    """
    limits = _StageLimits()
    sides = tuple(sides)
    for side in sides:
        _add_stance_limits(limits, results, assessment, side)
    if _is_mmt(results):
        limits.findings += _mmt_findings(results, sides)
    else:
        limits.findings += _asymmetry_findings(results, sides)
    return limits.findings, limits.notes, limits.pain_limited, limits.balance_limited


def _add_stance_limits(limits: _StageLimits, results: Mapping[str, Any], assessment: Assessment, side: str) -> None:
    """One side's Trendelenburg test: its result, why it could not be judged, and pain during the hold."""
    word = _SIDE_WORD[side]
    result = _get(results, "trendelenburg", side, "result")
    hold_s = _get(results, "trendelenburg", side, "hold_s")
    tb_input = assessment.trendelenburg(side)  # type: ignore[arg-type]
    test_pain = tb_input.pain_nprs if tb_input else None
    if result == "positive_immediate":
        # Hardcastle & Nade 1985 (§1.2): the pelvis could not be lifted or held at all.
        limits.findings.append(_Finding(1, f"{word} Trendelenburg positive straight away: start with activation "
                                           "exercises."))
    elif result == "positive_delayed":
        # Lifted but not held 30 s: some capacity, so strength-endurance work.
        held = f" (held {hold_s:g} s of 30 s)" if isinstance(hold_s, int | float) else ""
        limits.findings.append(_Finding(2, f"{word} Trendelenburg positive after a delay{held}: start with "
                                           "strength-endurance exercises."))
    elif result == "invalid":
        reason = tb_input.invalid_reason if tb_input else None
        if reason == "pain":
            # Hardcastle & Nade: pain makes a positive result misleading; standing on
            # one leg hurt, so begin lying down with release emphasis.
            limits.pain_limited = True
            limits.findings.append(
                _Finding(
                    1,
                    f"{word} Trendelenburg stopped by pain: start lying down with activation exercises and "
                    "extra release work.",
                )
            )
        elif reason == "balance":
            limits.balance_limited = True
            limits.findings.append(_Finding(1, f"{word} Trendelenburg not possible because of balance: start with "
                                               "activation exercises and leave out single-leg standing work."))
        else:
            limits.notes.append(f"{word} Trendelenburg could not be judged ({reason or 'no reason given'}); the "
                                "plan rests on the strength test.")
    if isinstance(test_pain, int | float) and test_pain > REGRESS_ABOVE_NPRS and result != "invalid":
        limits.pain_limited = True
        limits.notes.append(f"{word} Trendelenburg hold was painful ({test_pain:g}/10, above 5/10): start one "
                            "stage lower with extra release work.")


def _mmt_findings(results: Mapping[str, Any], sides: tuple[str, ...]) -> list[_Finding]:
    """Stage limits from the MRC grade of each side below normal."""
    findings: list[_Finding] = []
    for side in sides:
        grade = _get(results, "hip_abduction", side, "grade")
        modifier = _get(results, "hip_abduction", side, "modifier")
        if grade is None:
            continue
        word = _SIDE_WORD[side]
        if grade <= MMT_ACTIVATION_MAX_GRADE:
            findings.append(_Finding(1, f"{word} hip abduction graded {_mmt_text(grade, modifier)} (MRC): "
                                        "moves against gravity at best, so activation exercises first."))
        elif grade < MMT_NORMAL_GRADE:
            findings.append(_Finding(2, f"{word} hip abduction graded {_mmt_text(grade, modifier)} (MRC): "
                                        "holds against some resistance, so strength-endurance exercises."))
    return findings


def _asymmetry_findings(results: Mapping[str, Any], sides: tuple[str, ...]) -> list[_Finding]:
    """The stage limit of a measured strength asymmetry whose weaker side is among ``sides``."""
    band = _get(results, "hip_abduction", "asymmetry_band")
    weaker = _get(results, "hip_abduction", "weaker_side")
    lsi = _get(results, "hip_abduction", "lsi_pct")
    if band not in ("mild", "marked") or weaker not in sides:
        return []
    word = _SIDE_WORD[weaker]
    lsi_text = f"{lsi:g}%" if isinstance(lsi, int | float) else "not known"
    tb_weak = str(_get(results, "trendelenburg", weaker, "result") or "").startswith("positive")
    if band == "marked" and tb_weak:
        # A deficit over 20% together with a failed stance test on the same side:
        # both measured and functional weakness, so activation first.
        return [_Finding(1, f"{word} side weaker by more than 20% (LSI {lsi_text}) and its "
                            "Trendelenburg is positive: start with activation exercises.")]
    limit = asymmetry_band_range(band)
    return [_Finding(2, f"{word} side weaker (LSI {lsi_text}, {band} asymmetry, {limit}): "
                        "start with strength-endurance exercises.")]


def _item(exercise: Exercise, side: str, days_per_week: int | None = None) -> dict[str, Any]:
    d = exercise.dosage
    return {
        "id": exercise.id,
        "stage": exercise.stage,
        "sets": d.sets,
        "reps": d.reps,
        "hold_s": d.hold_s,
        "rest_s": d.rest_s,
        "days_per_week": days_per_week if days_per_week is not None else d.days_per_week,
        "side": side if exercise.side_specific else "both",
    }


def _strengthening_choice(
    start_stage: int, *, maintenance: bool, emphasis: bool, balance_limited: bool, rules: list[str]
) -> tuple[list[str], int | None]:
    """Strengthening exercise ids for the start stage and their days a week (None: library dose)."""
    if maintenance:
        candidates = list(STAGE_CHOICES[3][:2]) + list(STAGE_CHOICES[4][:2])
        count = STRENGTH_ITEMS_REDUCED
        days: int | None = MAINTENANCE_DAYS_PER_WEEK
        rules.append("Maintenance: 2 days a week, the lower end of the ACSM 2-3 days.")
    else:
        candidates = list(STAGE_CHOICES[start_stage])
        if start_stage == 2:
            candidates.insert(4, STAGE2_CARRY_OVER)
        count = STRENGTH_ITEMS_REDUCED if emphasis else STRENGTH_ITEMS
        days = None
    if balance_limited:
        dropped = [c for c in candidates if c in SINGLE_LEG_STANDING]
        candidates = [c for c in candidates if c not in SINGLE_LEG_STANDING]
        if dropped:
            rules.append("Single-leg standing exercises left out until balance allows the stance test.")
    return candidates[:count], days


def propose_program(
    results: Mapping[str, Any],
    assessment: Assessment,
    *,
    today: date | None = None,
    library: ExerciseLibrary | None = None,
) -> dict[str, Any] | None:
    """A proposed programme, or None when a cauda-equina red flag blocks exercise.

    ``results`` is the computed-results dict of design.md. The review date is
    counted from ``today`` when given, else from the assessment date, so the
    proposal for a stored assessment is the same whenever it is recomputed.
    """
    if results.get("red_flag_block"):
        return None
    lib = library or load_library()
    rules: list[str] = []

    weak = weak_sides(results)
    findings, notes, pain_limited, balance_limited = _findings(results, assessment, SIDES)
    rules += [f.reason for f in findings] + notes
    start_stage, maintenance = _start_stage(results, findings, rules)

    pain = assessment.pain_nprs
    high_pain = pain is not None and pain >= HIGH_PAIN_NPRS
    if high_pain:
        rules.append(f"Back pain {pain}/10 is high (7 or more): start one stage lower, fewer strengthening "
                     "exercises and extra release work.")
    pain_tb_lower = pain_limited and not any("stopped by pain" in f.reason for f in findings)
    if (high_pain or pain_tb_lower) and start_stage > 1:
        start_stage -= 1
        maintenance = False
    emphasis = high_pain or pain_limited

    side = _exercise_side(weak, rules)
    release_ids = _release_choice(emphasis, rules)
    chosen, days = _strengthening_choice(start_stage, maintenance=maintenance, emphasis=emphasis,
                                         balance_limited=balance_limited, rules=rules)
    exercises = [_item(lib.get(i), side) for i in release_ids]
    exercises += [_item(lib.get(i), side, days) for i in chosen]
    # design.md Round 2: exercises in stage order (release 0, then 1, 2, 3); stable within a stage.
    exercises.sort(key=lambda item: int(item["stage"]))
    base = today or assessment.performed_on
    return {
        "start_stage": start_stage,
        "exercises": exercises,
        "review_date": (base + REVIEW_AFTER).isoformat(),
        "progression_criteria": list(PROGRESSION_CRITERIA),
        "regression_criteria": list(REGRESSION_CRITERIA),
        "rules_applied": rules,
        "source": "proposed",
    }


def _start_stage(results: Mapping[str, Any], findings: list[_Finding], rules: list[str]) -> tuple[int, bool]:
    """The stage the findings allow and whether the programme is maintenance only, before pain lowers it.

    Maintenance needs evidence of no weakness on both sides; a side nothing readable covers is unknown.
    """
    assessed, shown = _no_weakness_evidence(results)
    if findings:
        return min(f.stage for f in findings), False
    if len(assessed) == len(SIDES):
        rules.append(f"No weakness found ({'; '.join(shown)}): a short maintenance programme of strength and "
                     "functional exercises.")
        return MAINTENANCE_STAGE, True
    # Nothing readable on a side: weakness is unknown, not absent, so begin low and re-test.
    missing = [side for side in SIDES if side not in assessed]
    where = "left and right sides" if len(missing) == 2 else f"{missing[0]} side"
    rules.append(f"No stance or strength test could be interpreted for the {where}: start with activation "
                 "exercises and re-test before progressing.")
    return 1, False


def _exercise_side(weak: tuple[str, ...], rules: list[str]) -> str:
    """Where one-sided exercises are done: the one weak side, else both."""
    if len(weak) == 2:
        rules.append("Both sides are weak: one-sided exercises are done on both sides.")
        return "both"
    if len(weak) == 1:
        side = weak[0]
        rules.append(f"Only the {side} side is weak: one-sided exercises are done on the {side} side.")
        return side
    return "both"


def _release_choice(emphasis: bool, rules: list[str]) -> list[str]:
    """Release and stretch ids: the base pair, plus trigger-point pressure when pain calls for emphasis."""
    release_ids = list(RELEASE_BASE)
    if emphasis:
        release_ids.append(RELEASE_EMPHASIS)
    rules.append(
        "Release and stretch work is optional preparation before strengthening; its evidence for back pain "
        "is weak (clinical-reference §8)."
    )
    return release_ids


def _target_stage(results: Mapping[str, Any], assessment: Assessment, sides: tuple[str, ...]) -> tuple[int, list[str]]:
    findings, notes, pain_limited, _ = _findings(results, assessment, sides)
    if not findings:
        stage = TOP_STAGE
        reasons = ["no weakness left on this side (Trendelenburg negative, strength symmetric)"]
    else:
        stage = min(f.stage for f in findings)
        reasons = [f.reason for f in findings]
    if pain_limited and stage > 1:
        stage -= 1
        reasons += notes
    return stage, reasons


def _retested(results: Mapping[str, Any], sides: tuple[str, ...]) -> bool:
    """Each side has a valid Trendelenburg result or a strength measure: missing data is not progress."""
    strength_known = isinstance(_get(results, "hip_abduction", "lsi_pct"), int | float)
    for side in sides:
        tested = _get(results, "trendelenburg", side, "result") in (
            "negative",
            "positive_delayed",
            "positive_immediate",
        )
        graded = _get(results, "hip_abduction", side, "grade") is not None
        if not (tested or graded or strength_known):
            return False
    return True


def _change_text(previous: Mapping[str, Any] | None, results: Mapping[str, Any], sides: tuple[str, ...]) -> str:
    if not previous:
        return ""
    parts = []
    for side in sides:
        before = _get(previous, "trendelenburg", side, "result")
        after = _get(results, "trendelenburg", side, "result")
        if before and after and before != after:
            parts.append(f"{side} Trendelenburg {before.replace('_', ' ')} → {after.replace('_', ' ')}")
    lsi_before = _get(previous, "hip_abduction", "lsi_pct")
    lsi_after = _get(results, "hip_abduction", "lsi_pct")
    if isinstance(lsi_before, int | float) and isinstance(lsi_after, int | float):
        parts.append(f"LSI {lsi_before:g}% → {lsi_after:g}%")
    return f" Since last time: {'; '.join(parts)}." if parts else ""


def progress_program(
    previous: Program,
    results: Mapping[str, Any],
    assessment: Assessment,
    *,
    previous_results: Mapping[str, Any] | None = None,
    library: ExerciseLibrary | None = None,
) -> list[dict[str, Any]]:
    """One proposal per exercise of the previous programme: advance, hold or regress.

    §7.5: pain above 5/10 regresses; pain 4-5/10 holds (advancing needs 3/10 or
    less); otherwise an exercise advances along its progression link when the
    re-test no longer limits its side to the exercise's stage (Trendelenburg now
    negative, LSI 90% or more / MMT 5), and regresses when the re-test is worse.
    With a cauda-equina red flag there is nothing to progress: an empty list.
    """
    if results.get("red_flag_block"):
        return []
    lib = library or load_library()
    pain = assessment.pain_nprs
    out: list[dict[str, Any]] = []
    for item in previous.exercises:
        out.append(_proposal(item, lib, results, assessment, pain, previous_results))
    return out


def _proposal(
    item: ProgramItem,
    lib: ExerciseLibrary,
    results: Mapping[str, Any],
    assessment: Assessment,
    pain: int | None,
    previous_results: Mapping[str, Any] | None,
) -> dict[str, Any]:
    def proposal(action: str, to_id: str, reason: str) -> dict[str, Any]:
        return {"id": item.exercise_id, "action": action, "to_id": to_id, "reason": reason}

    if item.exercise_id not in lib:
        return proposal("hold", item.exercise_id, "Not in the exercise library: review it by hand.")
    exercise = lib.get(item.exercise_id)
    if exercise.stage == 0:
        return proposal("hold", exercise.id, "Release and stretch work continues as preparation before strengthening.")

    if pain is not None and pain > REGRESS_ABOVE_NPRS:
        target = exercise.regression or exercise.id
        easier = (f"step back to {lib.get(target).name}" if exercise.regression
                  else "no easier version: reduce sets and repetitions")
        return proposal("regress", target, f"Pain {pain}/10 is above 5/10: {easier}.")

    sides: tuple[str, ...] = (item.side,) if item.side in SIDES else SIDES
    if not _retested(results, sides):
        return proposal(
            "hold",
            exercise.id,
            "The re-test of this side is not complete yet (Trendelenburg or strength): hold until it is.",
        )
    target_stage, reasons = _target_stage(results, assessment, sides)
    change = _change_text(previous_results, results, sides)

    if exercise.stage > target_stage:
        target = exercise.regression or exercise.id
        why = "; ".join(reasons)
        return proposal(
            "regress",
            target,
            f"Re-test points to stage {target_stage}, below this exercise's stage {exercise.stage}: {why}.{change}",
        )

    if exercise.stage < target_stage:
        if pain is not None and pain > ADVANCE_MAX_NPRS:
            return proposal("hold", exercise.id,
                            f"Findings allow more, but pain {pain}/10 is above the 3/10 needed to advance.{change}")
        why = "; ".join(reasons)
        if exercise.progression is None:
            return proposal(
                "advance",
                exercise.id,
                f"Ready for more ({why}) and this is the hardest version: add 2-10% load (ACSM).{change}",
            )
        harder = lib.get(exercise.progression)
        if harder.stage > target_stage:
            return proposal("hold", exercise.id, f"The next version ({harder.name}, stage {harder.stage}) waits "
                                                 f"until the re-test supports stage {harder.stage}.{change}")
        return proposal("advance", harder.id, f"Ready for {harder.name}: {why}.{change} Confirm the session criteria "
                                              "(level pelvis, pain 3/10 or less, RPE 7 or less).")

    why = "; ".join(reasons)
    return proposal("hold", exercise.id, f"Re-test still points to stage {target_stage}: {why}.{change}")


def apply_progression(
    previous: Program, proposals: Sequence[Mapping[str, Any]], *, library: ExerciseLibrary | None = None
) -> Program:
    """The previous programme with each confirmed proposal applied, for the clinician to edit.

    A changed exercise takes the library's default dosage (its stage's dose,
    §7.3-§7.4); a held one keeps the clinician's dosage and notes.
    """
    lib = library or load_library()
    by_id = {p["id"]: p for p in proposals}
    items: list[ProgramItem] = []
    for item in previous.exercises:
        proposal = by_id.get(item.exercise_id)
        target = str(proposal["to_id"]) if proposal else item.exercise_id
        if target == item.exercise_id or target not in lib:
            items.append(item)
            continue
        exercise = lib.get(target)
        dose = exercise.dosage
        items.append(ProgramItem(
            exercise_id=exercise.id, stage=exercise.stage, sets=dose.sets, reps=dose.reps, hold_s=dose.hold_s,
            rest_s=dose.rest_s, days_per_week=dose.days_per_week, side=item.side, notes=item.notes,
        ))  # fmt: skip
    return Program(exercises=tuple(items), review_date=None, notes=previous.notes)
