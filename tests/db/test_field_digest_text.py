"""Visit field digests: the text hashed is exactly the JSON the stored digests were made from
(json.dumps of the storage form, keys sorted, non-ASCII kept), so digests already in a database
still match an unchanged field."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

from bench.exchange_file import exchange_document
from db.curves import curve_from_columns, curve_to_bytes
from db.mapping import _text, field_digests
from desktop.clinical import model as m
from desktop.clinical.curves import ForceCurve
from tests.fixtures.records import assessment, varied_records


def _form(value: Any) -> Any:
    """The storage form the digests were defined on (numbers as floats, curves as float32)."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, tuple | list):
        return [_form(v) for v in value]
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, ForceCurve):
        stored = curve_from_columns(value.rate_hz, curve_to_bytes(value))
        return ["ForceCurve", _form(stored.rate_hz if stored else None), _form(stored.force if stored else ())]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, {f.name: _form(getattr(value, f.name)) for f in dataclasses.fields(value)}]
    return repr(value)


def _defined(a: m.Assessment) -> dict[str, str]:
    return {f.name: hashlib.sha256(json.dumps(_form(getattr(a, f.name)), sort_keys=True, ensure_ascii=False)
                                   .encode("utf-8")).hexdigest()[:16] for f in dataclasses.fields(a)}


class _Count(int):
    pass


class _Name(str):
    pass


def test_text_worked_by_hand() -> None:
    assert _text(m.Referrer("Dr Ō \"Lee\"\n", None)) == '["Referrer", {"name": "Dr Ō \\"Lee\\"\\n", "practice": null}]'
    assert _text((3, None, True, -0.0, 1e100, float("nan"), float("-inf"))) == (
        "[3.0, null, true, -0.0, 1e+100, NaN, -Infinity]")
    assert _text((3, None, -0.0, 1e100)) == "[3.0, null, -0.0, 1e+100]"
    assert _text([1.5, float("inf"), None]) == "[1.5, Infinity, null]"
    assert _text((float("nan"), 2)) == "[NaN, 2.0]"
    assert _text((True, 2)) == "[true, 2.0]"
    assert _text((None,)) == "[null]"
    assert _text(date(2026, 1, 2)) == '"2026-01-02"'
    assert _text(()) == "[]"
    digest = hashlib.sha256(b'[["PsfsItem", {"activity": "Stairs", "score": 4.0}]]').hexdigest()[:16]
    assert field_digests(replace(assessment(1), psfs=(m.PsfsItem("Stairs", 4),)))["psfs"] == digest


def test_a_number_written_before_does_not_change_the_text_of_an_equal_one() -> None:
    assert _text((0.0, 1, 2.5, 7)) == "[0.0, 1.0, 2.5, 7.0]"
    assert _text((-0.0, 1.0, 2.5, 7.0)) == "[-0.0, 1.0, 2.5, 7.0]"
    assert [_text(v) for v in (-0.0, 0, True, 1, 1.0, False)] == ["-0.0", "0.0", "true", "1.0", "1.0", "false"]
    assert _text((True, 1, False, 0)) == "[true, 1.0, false, 0.0]"
    nan = float("nan")
    assert [_text(nan), _text((nan, 1.5)), _text(nan)] == ["NaN", "[NaN, 1.5]", "NaN"]


def test_same_digests_as_defined() -> None:
    visits = [a for _, visits in varied_records() for a in visits]
    odd = replace(assessment(3), referrer=m.Referrer(None, None), body_mass_kg=_Count(70), clinician=_Name("Jo\t"),
                  height_cm=-0.0, pain_nprs=True, performed_at=time(23, 59, 1), psfs=(),
                  reason="\u2028 \x00 é 芳", summary_text="", odi_item_scores=(), red_flags=None,
                  program=m.Program((), review_date=date(2027, 2, 28)),
                  trendelenburg_right=m.TrendelenburgSide(hold_s=float("inf"), photo=m.PelvisPhoto(None, None)))
    visits += [odd, replace(odd, performed_on=datetime(2026, 1, 1, 8, 0), notes=list("ab"))]  # type: ignore[arg-type]
    visits += [m.assessment_from_dict(v) for c in exchange_document(40, 120, seed=5)["clients"]
               for v in c["assessments"]]
    for visit in visits:
        assert field_digests(visit) == _defined(visit)
