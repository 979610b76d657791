"""Row <-> dataclass mapping: the one place that knows both the tables and the clinical model."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import operator
from datetime import date, time
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import selectinload

from db.curves import curve_from_columns, curve_to_bytes
from db.models import (
    AssessmentRow,
    ClientRow,
    HipSideRow,
    HipTrialRow,
    OdiScoreRow,
    ProgramItemRow,
    PsfsRow,
    RedFlagRow,
    TrendelenburgRow,
)
from db.records import fold
from db.rows import TB_FIELDS
from desktop.clinical import model as m
from desktop.clinical.curves import ForceCurve


def search_key(client: m.Client) -> str:
    parts = [client.given_name, client.family_name, client.external_id or "", client.date_of_birth.isoformat()]
    return fold(" ".join(parts))


def client_columns(client: m.Client) -> dict[str, Any]:
    """The ``clients`` columns that hold ``client`` (not the id, times or version).

    The last edge: whatever the caller checked, no broken or multi-line name reaches the file.
    """
    from desktop.clinical.validation import NAME_MAX, Problem, ValidationError, text_problem

    for field_name in ("given_name", "family_name"):
        value = getattr(client, field_name)
        problem = (f"must be at most {NAME_MAX} characters" if len(value) > NAME_MAX
                   else text_problem(value, one_line=True))
        if problem:
            raise ValidationError([Problem(field_name, problem)])
    return {
        "given_name": client.given_name, "family_name": client.family_name, "date_of_birth": client.date_of_birth,
        "sex": client.sex, "external_id": client.external_id, "phone": client.phone, "email": client.email,
        "notes": client.notes, "athlete_group": client.athlete_group, "search_key": search_key(client),
    }  # fmt: skip


def apply_client(row: ClientRow, client: m.Client) -> None:
    for name, value in client_columns(client).items():
        setattr(row, name, value)


_TB_COLUMNS = (
    "stance_side", *TB_FIELDS, "photo_recorded", "photo_in_letter",
    "photo_left_x", "photo_left_y", "photo_right_x", "photo_right_y",
    "reference_left_x", "reference_left_y", "reference_right_x", "reference_right_y",
)
_NO_LANDMARKS = (None, None, None, None)
_tb_values = operator.attrgetter(*TB_FIELDS)


def _landmark_values(landmarks: m.PelvisLandmarks | None) -> tuple[float | None, ...]:
    if not landmarks:
        return _NO_LANDMARKS
    (lx, ly), (rx, ry) = landmarks.left_psis, landmarks.right_psis
    return lx, ly, rx, ry


def _trendelenburg_row(side: str, t: m.TrendelenburgSide) -> tuple[Any, ...]:
    """The ``trendelenburg_tests`` values of one stance, in ``_TB_COLUMNS`` order."""
    photo = t.photo
    if photo is None:
        return (side, *_tb_values(t), False, False, *_NO_LANDMARKS, *_NO_LANDMARKS)
    return (side, *_tb_values(t), True, bool(photo.in_letter),
            *_landmark_values(photo.landmarks), *_landmark_values(photo.reference_landmarks))


def assessment_columns(a: m.Assessment) -> dict[str, Any]:
    """The ``assessments`` columns that hold ``a`` (not the id, client, times or version)."""
    hip, program = a.hip_abduction, a.program
    return {
        "performed_on": a.performed_on, "performed_at": a.performed_at, "clinician": a.clinician,
        "referrer_name": a.referrer.name if a.referrer else None,
        "referrer_practice": a.referrer.practice if a.referrer else None,
        "reason": a.reason, "body_mass_kg": a.body_mass_kg, "height_cm": a.height_cm,
        "red_flags_acknowledged": a.red_flags_acknowledged, "pain_nprs": a.pain_nprs, "rmdq_total": a.rmdq_total,
        "summary_text": a.summary_text, "notes": a.notes, "screening_done": a.red_flags is not None,
        "odi_recorded": a.odi_item_scores is not None,
        "hip_method": hip.method if hip else None, "hip_position": hip.position if hip else None,
        "hip_unit": hip.unit if hip else None, "hip_contraction": hip.contraction if hip else None,
        "hip_fixation": hip.fixation if hip else None, "hip_pad_site": hip.pad_site if hip else None,
        "hip_device": hip.device if hip else None,
        "program_recorded": program is not None, "program_review_date": program.review_date if program else None,
        "program_notes": program.notes if program else "",
        "field_digests": _digests_json(field_digests(a)),
    }  # fmt: skip


# The tables under a visit, by the visit row's relationship name.
VISIT_CHILDREN: dict[str, type[Any]] = {
    "red_flags": RedFlagRow, "odi_scores": OdiScoreRow, "psfs_items": PsfsRow, "trendelenburg": TrendelenburgRow,
    "hip_sides": HipSideRow, "hip_trials": HipTrialRow, "program_items": ProgramItemRow,
}  # fmt: skip


# The columns of each child table's rows (``assessment_child_rows``), by ``VISIT_CHILDREN`` name.
CHILD_COLUMNS: dict[str, tuple[str, ...]] = {
    "red_flags": ("position", "code"),
    "odi_scores": ("section", "score"),
    "psfs_items": ("position", "activity", "score"),
    "trendelenburg": _TB_COLUMNS,
    "hip_sides": ("side", "mmt_grade", "mmt_modifier", "lever_arm_cm"),
    "hip_trials": ("side", "trial_no", "force", "curve_rate_hz", "curve_force", "excluded_reason"),
    "program_items": ("position", "exercise_id", "stage", "sets", "reps", "hold_s", "rest_s", "days_per_week",
                      "side", "notes"),
}


def _hip_rows(hip: m.HipAbduction | None) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The hip side and trial rows, in ``CHILD_COLUMNS`` order."""
    sides: list[tuple[Any, ...]] = []
    trials: list[tuple[Any, ...]] = []
    for side_name in m.SIDES if hip else ():
        side = hip.side(side_name) if hip else None
        if isinstance(side, m.MmtSide):
            sides.append((side_name, side.grade, side.modifier, None))
        elif isinstance(side, m.HhdSide):
            sides.append((side_name, None, None, side.lever_arm_cm))
            curves = side.curves or (None,) * len(side.trials)
            excluded = side.excluded
            trials.extend(
                (side_name, i + 1, float(f), curve.rate_hz if curve else None,
                 curve_to_bytes(curve) if curve else None,
                 excluded.reason if excluded is not None and excluded.trial_no == i + 1 else None)
                for i, (f, curve) in enumerate(zip(side.trials, curves, strict=True))
            )
    return sides, trials


def assessment_child_rows(a: m.Assessment) -> dict[str, list[tuple[Any, ...]]]:
    """The rows under ``a`` by ``VISIT_CHILDREN`` name as values in ``CHILD_COLUMNS`` order, each
    without its ``assessment_id`` (imports write them as they are)."""
    sides, trials = _hip_rows(a.hip_abduction)
    tb_left, tb_right = a.trendelenburg_left, a.trendelenburg_right
    program = a.program
    return {
        "red_flags": list(enumerate(a.red_flags or ())),
        "odi_scores": list(enumerate(a.odi_item_scores or (), start=1)),
        "psfs_items": [(i, p.activity, p.score) for i, p in enumerate(a.psfs)],
        "trendelenburg": ([_trendelenburg_row("left", tb_left)] if tb_left is not None else [])
                         + ([_trendelenburg_row("right", tb_right)] if tb_right is not None else []),
        "hip_sides": sides,
        "hip_trials": trials,
        "program_items": [
            (i, p.exercise_id, p.stage, p.sets, p.reps, p.hold_s, p.rest_s, p.days_per_week, p.side, p.notes)
            for i, p in enumerate(program.exercises if program else ())
        ],
    }


def assessment_children(a: m.Assessment) -> dict[str, list[dict[str, Any]]]:
    """The rows under ``a`` by ``VISIT_CHILDREN`` name, each without its ``assessment_id``; every row
    of a table has the same keys (one executemany writes them)."""
    return {relation: [dict(zip(CHILD_COLUMNS[relation], row, strict=True)) for row in rows]
            for relation, rows in assessment_child_rows(a).items()}


def apply_assessment(row: AssessmentRow, a: m.Assessment) -> None:
    for name, value in assessment_columns(a).items():
        setattr(row, name, value)
    for relation, children in assessment_children(a).items():
        setattr(row, relation, [VISIT_CHILDREN[relation](**columns) for columns in children])


# Which child tables hold each field of a visit (the other fields are columns of the visit's row).
CHILD_TABLES: dict[str, tuple[str, ...]] = {
    "red_flags": ("red_flags",),
    "odi_item_scores": ("odi_scores",),
    "psfs": ("psfs_items",),
    "trendelenburg_left": ("trendelenburg",),
    "trendelenburg_right": ("trendelenburg",),
    "hip_abduction": ("hip_sides", "hip_trials"),
    "program": ("program_items",),
}


_FIELD_NAMES: dict[type[Any], tuple[str, ...]] = {}


def _field_names(kind: type[Any]) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind))
    return names


# A visit's field is digested as the text json.dumps(form, sort_keys=True, ensure_ascii=False) gives
# for its storage form: numbers as floats, dates and times in ISO form, a curve as its float32 values,
# a dataclass as [class name, {field: form}]. ``_text`` writes that text in one pass over the value,
# without building the form or an encoder first (an import digests twenty fields of every visit).
_STRING = json.encoder.encode_basestring  # ensure_ascii=False
_NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}
_PLAIN_NUMBERS = frozenset((float, int, type(None)))  # exact types: a bool is written as true or false
# Per dataclass: the text before its fields, and each field's name with its key's text, sorted by name.
_SHAPES: dict[type[Any], tuple[str, tuple[tuple[str, str], ...]]] = {}


def _float_text(value: float) -> str:
    text = float.__repr__(value)
    return _NON_FINITE.get(text, text)


# The text of each number already written (ints and floats: an int is written as the float it
# equals, so equal numbers share a text). Writing a float's shortest text costs about ten dictionary
# look-ups, and a visit's numbers repeat (scores, holds, lever arms, most trial values). Zero is never
# kept: 0.0 and -0.0 are equal keys with different texts.
_NUMBER_TEXTS: dict[float, str] = {}
_NUMBER_TEXTS_MAX = 65536


def _number_text(value: float) -> str:
    """The digest text of an int or float (exact types: a bool is no number here)."""
    text = _NUMBER_TEXTS.get(value)
    if text is None:
        text = _float_text(float(value))
        if value and len(_NUMBER_TEXTS) < _NUMBER_TEXTS_MAX:
            _NUMBER_TEXTS[value] = text
    return text


def _shape(kind: type[Any]) -> tuple[str, tuple[tuple[str, str], ...]]:
    shape = _SHAPES.get(kind)
    if shape is None:
        keys = tuple((name, f"{_STRING(name)}: ") for name in sorted(_field_names(kind)))
        shape = _SHAPES[kind] = (f"[{_STRING(kind.__name__)}, {{", keys)
    return shape


def _text(value: Any) -> str:
    """The digest text of a field's value as storage keeps it."""
    kind = type(value)  # the common exact types first
    if kind is str:
        return _STRING(value)
    if kind is float or kind is int:
        return _NUMBER_TEXTS.get(value) or _number_text(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is tuple or kind is list:
        if _PLAIN_NUMBERS.issuperset(map(type, value)):  # trials, scores: no call per known number
            known = _NUMBER_TEXTS.get
            return f"[{', '.join(['null' if v is None else known(v) or _number_text(v) for v in value])}]"
        return f"[{', '.join([_text(v) for v in value])}]"
    if kind in _SHAPES:
        return _dataclass_text(value, kind)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _STRING(value)
    if isinstance(value, int | float):
        return _float_text(float(value))
    if isinstance(value, tuple | list):
        return f"[{', '.join([_text(v) for v in value])}]"
    if isinstance(value, date | time):
        return _STRING(value.isoformat())
    if isinstance(value, ForceCurve):
        stored = curve_from_columns(value.rate_hz, curve_to_bytes(value))
        return f"[\"ForceCurve\", {_text(stored.rate_hz if stored else None)}, {_text(stored.force if stored else ())}]"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        _shape(kind)
        return _dataclass_text(value, kind)
    return _STRING(repr(value))


def _dataclass_text(value: Any, kind: type[Any]) -> str:
    head, fields = _SHAPES[kind]
    string = _STRING  # null and text, the most common field values, without a call to _text
    return head + ", ".join([key + ("null" if (v := getattr(value, name)) is None else string(v) if type(v) is str
                                    else _text(v)) for name, key in fields]) + "}]"


@lru_cache(maxsize=4096)
def _digest(text: str) -> str:
    """The short hash of a digest text; most fields of most visits repeat a text already hashed
    (no referrer, the same clinician, an empty program), so recent ones are kept."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def field_digests(a: m.Assessment) -> dict[str, str]:
    """A short hash of each field of a visit as saved: the next save compares them to know what changed
    without reading the child rows back."""
    return {name: _digest(_text(getattr(a, name))) for name in _field_names(type(a))}


def _digests_json(digests: dict[str, str]) -> str:
    """``json.dumps(digests, separators=(",", ":"))``: field names and hex digits need no escaping."""
    return "{" + ",".join([f'"{name}":"{digest}"' for name, digest in digests.items()]) + "}"


ASSESSMENT_LOAD = (
    selectinload(AssessmentRow.red_flags),
    selectinload(AssessmentRow.odi_scores),
    selectinload(AssessmentRow.psfs_items),
    selectinload(AssessmentRow.trendelenburg),
    selectinload(AssessmentRow.hip_sides),
    selectinload(AssessmentRow.hip_trials),
    selectinload(AssessmentRow.program_items),
)
