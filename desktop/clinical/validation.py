"""Semantic validation of clients and assessments.

The exchange JSON Schema checks shape and types; these checks cover what a
schema cannot say well (finite numbers, dates against today, cross-field
rules) and serve the window's inline messages too. Every problem carries the
JSON path of the offending field, relative to the object checked.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeGuard

from desktop.clinical import model as m
from desktop.clinical.norms import ATHLETE_GROUP_KEY
from desktop.clinical.pelvic_drop import landmark_problems
from desktop.clinical.screening import RED_FLAG_CODES
from desktop.clinical.strength import MIN_TRIALS_AFTER_EXCLUSION
from desktop.clinical.trendelenburg import HOLD_TARGET_S

# Plausible ranges. Lever arm 20-120 cm covers short (knee) to long (ankle)
# levers in adults (clinical-reference §2.4). The Trendelenburg hold is timed to
# 30 s and stops there (HOLD_TARGET_S), so a longer time is a slip, refused with
# a message rather than read as a longer negative test.
BODY_MASS_KG = (20.0, 400.0)
HEIGHT_CM = (50.0, 260.0)
LEVER_ARM_CM = (20.0, 120.0)
HOLD_S_MAX = HOLD_TARGET_S
MAX_FORCE_N = 2000.0
MAX_TRIALS = 10
PELVIC_DROP_DEG_MAX = 45.0
PELVIC_DROP_CM_MAX = 20.0
# Photos are downscaled before storing; a phone's full resolution stays well inside this.
LANDMARK_MAX_PX = 20000.0
EARLIEST_BIRTH = date(1900, 1, 1)

# Names and other one-line fields: at most NAME_MAX characters (docs/recovery.md).
# Longer names are refused where they come in; names up to the limit wrap in the PDF.
NAME_MAX = 100
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# One-line fields also refuse line breaks of every kind and tabs, so a name
# cannot split a listing or a letter's line.
_LINE_BREAK = re.compile(r"[\t\n\r\x85\u2028\u2029]|[\x80-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


# Any character one of the checks below refuses: most text has none, and one search says so.
_SUSPECT = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SUSPECT_ONE_LINE = re.compile(r"[\ud800-\udfff\x00-\x1f\x7f-\x9f\u2028\u2029]")


def text_problem(value: str, *, one_line: bool = False) -> str | None:
    """Why ``value`` is not plain text that can be stored and printed, or None."""
    if not (_SUSPECT_ONE_LINE if one_line else _SUSPECT).search(value):
        return None
    if _SURROGATE.search(value):
        return "must be valid text (it holds a broken character, a lone surrogate)"
    if _CONTROL.search(value):
        return "must not contain control characters"
    if one_line and _LINE_BREAK.search(value):
        return "must be one line (no line breaks, tabs or control characters)"
    return None
# Shape only: something@domain.tld. Phone: digits with the usual separators, 6-15 digits (E.164 allows 15).
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)*\.[^@\s.]{2,}")
_PHONE = re.compile(r"\+?[0-9 ()./-]+")
PHONE_DIGITS = (6, 15)
# Ages outside this range are asked about once before a client is saved (a typing slip is likelier).
PLAUSIBLE_AGE_YEARS = (5, 105)


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ValidationError(ValueError):
    """Raised with the problems found; ``str`` gives the first one, path first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(str(problems[0]) if problems else "invalid input")


def join(prefix: str, path: str) -> str:
    if not prefix:
        return path
    if not path:
        return prefix
    return prefix + path if path[0] == "[" else prefix + "." + path


# Where a checked field is: its JSON path, or (the path of what holds it, its name or list index).
# A check joins the two only when it finds a problem: a valid visit builds no paths.
At = str | tuple[str, str | int]


def _path(at: At) -> str:
    if isinstance(at, str):
        return at
    prefix, key = at
    return f"{prefix}[{key}]" if isinstance(key, int) else join(prefix, key)


def _is_number(value: object) -> TypeGuard[int | float]:
    kind = type(value)
    if kind is float or kind is int:  # the common case, answered without the subclass checks
        return True
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_number(
    problems: list[Problem],
    at: At,
    value: object,
    low: float,
    high: float,
    *,
    low_exclusive: bool = False,
    unit: str = "",
) -> None:
    if value is None:
        return
    if not _is_number(value):
        problems.append(Problem(_path(at), "must be a number"))
        return
    number = float(value)
    if not math.isfinite(number):
        problems.append(Problem(_path(at), "must be a finite number"))
    elif low_exclusive and low == 0 and number <= 0:
        problems.append(Problem(_path(at), "must be a positive number"))
    elif number < low or (low_exclusive and number <= low) or number > high:
        suffix = f" {unit}" if unit else ""
        problems.append(Problem(_path(at), f"must be between {low:g} and {high:g}{suffix}"))


def _check_int(problems: list[Problem], at: At, value: object, low: int, high: int) -> None:
    if value is None:
        return
    if not _is_number(value) or float(value) != int(value) or not low <= int(value) <= high:
        problems.append(Problem(_path(at), f"must be a whole number from {low} to {high}"))


def _check_choice(problems: list[Problem], at: At, value: object, choices: Iterable[str]) -> None:
    if value is None:
        return
    options = tuple(choices)
    if value not in options:
        problems.append(Problem(_path(at), f"must be one of: {', '.join(options)}"))


def _check_text(
    problems: list[Problem], at: At, value: object, max_len: int, *, required: bool = False,
    one_line: bool = False,
) -> None:
    if value is None or value == "":
        if required:
            problems.append(Problem(_path(at), "is required"))
        return
    if not isinstance(value, str):
        problems.append(Problem(_path(at), "must be text"))
    elif required and not value.strip():
        problems.append(Problem(_path(at), "is required"))
    elif len(value) > max_len:
        problems.append(Problem(_path(at), f"must be at most {max_len} characters"))
    elif (problem := text_problem(value, one_line=one_line)) is not None:
        problems.append(Problem(_path(at), problem))


def email_problem(text: str | None) -> str | None:
    """Why ``text`` is not an email address, or None (empty is fine: the field is optional)."""
    if not text or _EMAIL.fullmatch(text.strip()):
        return None
    return "must be an email address such as name@example.org"


def phone_problem(text: str | None) -> str | None:
    """Why ``text`` is not a phone number, or None (empty is fine)."""
    if not text:
        return None
    digits = sum(ch.isdigit() for ch in text)
    if not _PHONE.fullmatch(text.strip()) or not PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]:
        return f"must be a phone number of {PHONE_DIGITS[0]} to {PHONE_DIGITS[1]} digits"
    return None


def age_in_years(date_of_birth: date, on: date) -> int:
    return on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))


def age_question(date_of_birth: date | None, *, today: date | None = None) -> str | None:
    """A question to put to the clinician when the birth date gives an unlikely age; None if plausible."""
    if date_of_birth is None:
        return None
    today = today or date.today()
    if date_of_birth > today:
        return None
    years = age_in_years(date_of_birth, today)
    low, high = PLAUSIBLE_AGE_YEARS
    if low <= years <= high:
        return None
    age = "less than a year" if years == 0 else f"{years} year{'s' if years != 1 else ''}"
    return f"This date of birth makes the client {age} old. Is it right?"


def validate_client(client: m.Client, *, today: date | None = None) -> list[Problem]:
    today = today or date.today()
    problems: list[Problem] = []
    _check_text(problems, "given_name", client.given_name, NAME_MAX, required=True, one_line=True)
    _check_text(problems, "family_name", client.family_name, NAME_MAX, required=True, one_line=True)
    if client.date_of_birth > today:
        problems.append(Problem("date_of_birth", "must not be in the future"))
    elif client.date_of_birth < EARLIEST_BIRTH:
        problems.append(Problem("date_of_birth", "must be on or after 1900-01-01"))
    _check_choice(problems, "sex", client.sex, m.SEXES)
    if client.athlete_group is not None and not ATHLETE_GROUP_KEY.fullmatch(client.athlete_group):
        problems.append(Problem("athlete_group", "must be a population key such as professional_football"))
    _check_text(problems, "external_id", client.external_id, 64, one_line=True)
    _check_text(problems, "phone", client.phone, 40, one_line=True)
    _check_text(problems, "email", client.email, 254, one_line=True)
    for path, value, shape in (("email", client.email, email_problem), ("phone", client.phone, phone_problem)):
        if isinstance(value, str) and not any(p.path == path for p in problems):
            problem = shape(value)
            if problem:
                problems.append(Problem(path, problem))
    _check_text(problems, "notes", client.notes, 20000)
    return problems


def _photo_problems(photo: m.PelvisPhoto, stance_side: m.Side, path: str) -> list[Problem]:
    problems: list[Problem] = []
    for key in ("landmarks", "reference_landmarks"):
        landmarks = getattr(photo, key)
        if landmarks is None:
            continue
        for name in ("left_psis", "right_psis"):
            for axis, value in zip("xy", getattr(landmarks, name), strict=True):
                if not math.isfinite(value) or value < 0 or value > LANDMARK_MAX_PX:
                    problems.append(Problem(
                        join(path, f"{key}.{name}"),
                        f"{axis} must be an image position from 0 to {LANDMARK_MAX_PX:g} pixels",
                    ))
    if problems:
        return problems
    return [
        Problem(join(path, key), message)
        for key, message in landmark_problems(photo, stance_side)
    ]


def validate_trendelenburg(
    side: m.TrendelenburgSide, path: str, stance_side: m.Side
) -> list[Problem]:
    problems: list[Problem] = []
    hold = side.hold_s
    if hold is not None and _is_number(hold) and math.isfinite(float(hold)) and float(hold) > HOLD_S_MAX:
        problems.append(Problem(join(path, "hold_s"), f"must be at most {HOLD_S_MAX:g} s: the test stops at "
                                                      f"{HOLD_S_MAX:g} s, so a full hold is recorded as "
                                                      f"{HOLD_S_MAX:g}"))
    else:
        _check_number(problems, (path, "hold_s"), side.hold_s, 0, HOLD_S_MAX, unit="s")
    _check_choice(problems, (path, "trunk_lean"), side.trunk_lean, m.TRUNK_LEANS)
    _check_int(problems, (path, "pain_nprs"), side.pain_nprs, 0, 10)
    _check_choice(problems, (path, "invalid_reason"), side.invalid_reason, m.INVALID_REASONS)
    _check_number(problems, (path, "pelvic_drop_deg"), side.pelvic_drop_deg, 0, PELVIC_DROP_DEG_MAX)
    _check_number(problems, (path, "pelvic_drop_cm"), side.pelvic_drop_cm, 0, PELVIC_DROP_CM_MAX)
    _check_choice(problems, (path, "drop_method"), side.drop_method, m.DROP_METHODS)
    _check_choice(problems, (path, "support"), side.support, m.SUPPORTS)
    _check_choice(problems, (path, "trick_movement"), side.trick_movement, m.TRICK_MOVEMENTS)
    _check_number(problems, (path, "lifted_hip_flexion_deg"), side.lifted_hip_flexion_deg, 0, 90)
    _check_choice(problems, (path, "gait_observation"), side.gait_observation, m.GAIT_OBSERVATIONS)
    _check_text(problems, (path, "pain_location"), side.pain_location, 200)
    if side.photo is not None:
        problems.extend(_photo_problems(side.photo, stance_side, join(path, "photo")))
    if side.invalid_reason is None and side.elevation_maximal and side.hold_s is None:
        problems.append(Problem(join(path, "hold_s"), "is required when the test is valid"))
    return problems


def validate_hip_abduction(hip: m.HipAbduction, path: str) -> list[Problem]:
    problems: list[Problem] = []
    _check_choice(problems, (path, "method"), hip.method, m.HIP_METHODS)
    _check_choice(problems, (path, "position"), hip.position, m.POSITIONS)
    _check_choice(problems, (path, "unit"), hip.unit, m.FORCE_UNITS)
    _check_choice(problems, (path, "contraction"), hip.contraction, m.CONTRACTIONS)
    _check_choice(problems, (path, "fixation"), hip.fixation, m.FIXATIONS)
    _check_text(problems, (path, "pad_site"), hip.pad_site, 200)
    _check_text(problems, (path, "device"), hip.device, 200)
    for side_name in m.SIDES:
        side = hip.side(side_name)
        side_path = join(path, side_name)
        if side is None:
            continue
        if hip.method == "mmt":
            if not isinstance(side, m.MmtSide):
                problems.append(Problem(side_path, "must hold a manual muscle grade"))
                continue
            _check_int(problems, (side_path, "grade"), side.grade, 0, 5)
            _check_choice(problems, (side_path, "modifier"), side.modifier, m.MMT_MODIFIERS)
            if side.modifier and (side.grade == 0 or (side.grade == 5 and side.modifier == "+")):
                problems.append(
                    Problem(join(side_path, "modifier"), f"grade {side.grade}{side.modifier} does not exist")
                )
            continue
        if not isinstance(side, m.HhdSide):
            problems.append(Problem(side_path, "must hold dynamometer trials"))
            continue
        if not side.trials:
            problems.append(Problem(join(side_path, "trials"), "needs at least one trial"))
        if len(side.trials) > MAX_TRIALS:
            problems.append(Problem(join(side_path, "trials"), f"at most {MAX_TRIALS} trials"))
        trials_path = join(side_path, "trials")
        for index, trial in enumerate(side.trials):
            _check_number(problems, (trials_path, index), trial, 0, MAX_FORCE_N, low_exclusive=True)
        _check_number(problems, (side_path, "lever_arm_cm"), side.lever_arm_cm, *LEVER_ARM_CM, unit="cm")
        problems.extend(_curve_problems(side, join(side_path, "curves")))
        if side.excluded is not None:
            problems.extend(_exclusion_problems(side, join(side_path, "excluded_trial")))
    return problems


EXCLUSION_REASON_MAX = 500


def _exclusion_problems(side: m.HhdSide, path: str) -> list[Problem]:
    """An outlier is judged against the trials kept: it needs a reason, and two trials must remain."""
    excluded = side.excluded
    assert excluded is not None
    problems: list[Problem] = []
    needed = MIN_TRIALS_AFTER_EXCLUSION + 1
    if len(side.trials) < needed:
        problems.append(Problem(path, f"a trial can be left out only when at least {needed} were recorded"))
    elif not 1 <= excluded.trial_no <= len(side.trials):
        problems.append(Problem(join(path, "trial_no"), f"must be a trial number from 1 to {len(side.trials)}"))
    _check_text(problems, (path, "reason"), excluded.reason, EXCLUSION_REASON_MAX, required=True)
    return problems


# Curves: up to a minute per trial at up to 100 kHz would be absurd; these bounds catch
# corrupt files while allowing every rate a force sensor uses.
CURVE_RATE_HZ = (1.0, 100000.0)
CURVE_MAX_SAMPLES = 200000
CURVE_FORCE_ABS_MAX = 5000.0
# The trial value must be its curve's peak; curves are stored as float32, so allow rounding.
CURVE_PEAK_TOLERANCE = 0.01


def _curve_problems(side: m.HhdSide, path: str) -> list[Problem]:
    problems: list[Problem] = []
    if not side.curves:
        return problems
    if len(side.curves) != len(side.trials):
        return [Problem(path, f"must have one entry per trial ({len(side.trials)}), null for a typed trial")]
    for index, curve in enumerate(side.curves):
        if curve is None:
            continue
        item = f"{path}[{index}]"
        _check_number(problems, (item, "rate_hz"), curve.rate_hz, *CURVE_RATE_HZ, unit="Hz")
        if not 2 <= len(curve.force) <= CURVE_MAX_SAMPLES:
            problems.append(Problem(join(item, "force"), f"must hold 2 to {CURVE_MAX_SAMPLES} samples"))
            continue
        bad = next((i for i, f in enumerate(curve.force)
                    if not math.isfinite(f) or abs(f) > CURVE_FORCE_ABS_MAX), None)
        if bad is not None:
            problems.append(Problem(f"{join(item, 'force')}[{bad}]", "must be a finite force"))
            continue
        peak = max(curve.force)
        trial = side.trials[index]
        if abs(peak - trial) > CURVE_PEAK_TOLERANCE + 1e-6 * abs(trial):
            problems.append(Problem(
                f"{join(path.rsplit('.', 1)[0], 'trials')}[{index}]",
                f"must equal the peak of its curve ({peak:g})",
            ))
    return problems


_EXERCISE_ID = re.compile(r"[a-z0-9_]{1,64}")


def validate_program(program: m.Program, path: str) -> list[Problem]:
    problems: list[Problem] = []
    exercises_path = join(path, "exercises")
    for index, item in enumerate(program.exercises):
        item_path = f"{exercises_path}[{index}]"
        if not _EXERCISE_ID.fullmatch(item.exercise_id or ""):
            problems.append(Problem(join(item_path, "id"), "must be an exercise id"))
        _check_int(problems, (item_path, "stage"), item.stage, 0, 4)
        _check_int(problems, (item_path, "sets"), item.sets, 1, 10)
        _check_int(problems, (item_path, "reps"), item.reps, 1, 100)
        _check_int(problems, (item_path, "hold_s"), item.hold_s, 1, 600)
        _check_int(problems, (item_path, "rest_s"), item.rest_s, 0, 600)
        _check_int(problems, (item_path, "days_per_week"), item.days_per_week, 1, 7)
        _check_choice(problems, (item_path, "side"), item.side, m.PROGRAM_SIDES)
        _check_text(problems, (item_path, "notes"), item.notes, 2000)
    return problems


def validate_assessment(
    assessment: m.Assessment, *, date_of_birth: date | None = None, today: date | None = None
) -> list[Problem]:
    today = today or date.today()
    a = assessment
    problems: list[Problem] = []
    if a.performed_on > today:
        problems.append(Problem("performed_on", "must not be in the future"))
    if date_of_birth and a.performed_on < date_of_birth:
        problems.append(Problem("performed_on", "must not be before the date of birth"))
    _check_text(problems, "clinician", a.clinician, 200, one_line=True)
    if a.referrer:
        _check_text(problems, "referrer.name", a.referrer.name, 200, one_line=True)
        _check_text(problems, "referrer.practice", a.referrer.practice, 200, one_line=True)
    _check_text(problems, "reason", a.reason, 2000)
    _check_number(problems, "body_mass_kg", a.body_mass_kg, *BODY_MASS_KG, unit="kg")
    _check_number(problems, "height_cm", a.height_cm, *HEIGHT_CM, unit="cm")
    seen: set[str] = set()
    for index, code in enumerate(a.red_flags or ()):
        if code not in RED_FLAG_CODES:
            problems.append(Problem(f"red_flags[{index}]", f"unknown red-flag code {code!r}"))
        elif code in seen:
            problems.append(Problem(f"red_flags[{index}]", f"{code!r} is listed twice"))
        seen.add(code)
    _check_int(problems, "pain_nprs", a.pain_nprs, 0, 10)
    if a.odi_item_scores is not None:
        if len(a.odi_item_scores) != m.ODI_SECTIONS:
            problems.append(Problem("odi_item_scores", "must have 10 sections (null for unanswered)"))
        for index, score in enumerate(a.odi_item_scores):
            if score is None or (type(score) is int and 0 <= score <= 5):  # what _check_int passes, without the call
                continue
            _check_int(problems, ("odi_item_scores", index), score, 0, 5)
    _check_int(problems, "rmdq_total", a.rmdq_total, 0, 24)
    if len(a.psfs) > 5:
        problems.append(Problem("psfs", "at most 5 activities"))
    for index, item in enumerate(a.psfs):
        _check_text(problems, f"psfs[{index}].activity", item.activity, 200, required=True, one_line=True)
        _check_number(problems, f"psfs[{index}].score", item.score, 0, 10)
    for side_name in m.SIDES:
        side = a.trendelenburg(side_name)
        if side is not None:
            problems.extend(validate_trendelenburg(side, f"trendelenburg.{side_name}", side_name))
    if a.hip_abduction is not None:
        problems.extend(validate_hip_abduction(a.hip_abduction, "hip_abduction"))
        if (
            a.hip_abduction.method == "hhd"
            and a.body_mass_kg is None
            and any(a.hip_abduction.side(s) for s in m.SIDES)
        ):
            problems.append(Problem("body_mass_kg", "is required to normalise dynamometer results"))
    if a.program is not None:
        problems.extend(validate_program(a.program, "program"))
    _check_text(problems, "summary_text", a.summary_text, 20000)
    _check_text(problems, "notes", a.notes, 20000)
    return problems


def require_valid(problems: list[Problem]) -> None:
    if problems:
        raise ValidationError(problems)
