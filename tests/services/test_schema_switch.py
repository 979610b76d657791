"""The compiled schema check asks the hip test's two-way switch (hand-held dynamometer or manual
grades) the other way round; it still accepts exactly the documents the shipped schema accepts."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from desktop.services.exchange import _common_branch_first, _null_first, _schema, _schema_valid, _validator

DESIGN_EXAMPLE = Path(__file__).resolve().parents[1] / "e2e" / "design_example.json"
HHD = {"trials": [150.0, 158.0], "lever_arm_cm": 80.0}
MMT = {"grade": 4, "modifier": "-"}


def _with_hip(hip: Any) -> Any:
    document = json.loads(DESIGN_EXAMPLE.read_text(encoding="utf-8"))
    document["clients"][0]["assessments"][0]["hip_abduction"] = copy.deepcopy(hip)
    return document


@pytest.mark.parametrize(("hip", "valid"), [
    ({"method": "hhd", "left": HHD, "right": None}, True),
    ({"method": "mmt", "left": MMT, "right": MMT}, True),
    ({"method": "hhd", "left": MMT}, False),
    ({"method": "mmt", "left": HHD}, False),
    ({"left": MMT}, False),
    ({"left": HHD}, False),
    ({"method": "other", "left": HHD}, False),
    ({"method": None, "left": MMT}, False),
    (None, True),
    ("hhd", False),
])
def test_same_verdict_as_the_shipped_schema(hip: Any, valid: bool) -> None:
    document = _with_hip(hip)
    assert _validator().is_valid(document) is valid
    assert _schema_valid(document) is valid


def test_only_a_required_two_value_switch_is_turned() -> None:
    hip = _schema()["properties"]["clients"]["items"]["properties"]["assessments"]["items"]["properties"][
        "hip_abduction"]
    turned = _common_branch_first(hip)
    assert turned["if"] == {"properties": {"method": {"const": "hhd"}}}
    assert (turned["then"], turned["else"]) == (hip["else"], hip["then"])
    optional = {**hip, "required": []}
    assert _common_branch_first(optional) == optional
    three = {**hip, "properties": {**hip["properties"], "method": {"enum": ["hhd", "mmt", "x"]}}}
    assert _common_branch_first(three) == three


def test_null_is_asked_first_and_every_choice_stays() -> None:
    schema = {"properties": {"side": {"enum": ["left", "right", None]}, "method": {"enum": ["hhd", "mmt"]},
                             "list": {"items": [{"enum": [1, None, True]}]}}}
    assert _null_first(schema) == {"properties": {"side": {"enum": [None, "left", "right"]},
                                                  "method": {"enum": ["hhd", "mmt"]},
                                                  "list": {"items": [{"enum": [None, 1, True]}]}}}
    assert schema["properties"]["side"]["enum"] == ["left", "right", None]  # the shipped schema is left as it is
    turned = _null_first(_schema())
    assert turned != _schema()
    assert json.dumps(_schema(), sort_keys=True) == json.dumps(_restore_order(turned, _schema()), sort_keys=True)


def _restore_order(turned: Any, shipped: Any) -> Any:
    """``turned`` with each enum back in the shipped order, when it holds the very same choices."""
    if isinstance(turned, list):
        return [_restore_order(t, s) for t, s in zip(turned, shipped, strict=True)]
    if not isinstance(turned, dict):
        return turned
    out = {key: _restore_order(value, shipped[key]) for key, value in turned.items()}
    if "enum" in turned and sorted(map(repr, turned["enum"])) == sorted(map(repr, shipped["enum"])):
        out["enum"] = shipped["enum"]
    return out


def test_the_shipped_check_module_is_the_code_generated_from_the_shipped_schema() -> None:
    import importlib

    from desktop.services.exchange import CHECK_MODULE, fast_validator_code

    module = importlib.import_module(CHECK_MODULE)
    assert module.__file__ is not None
    shipped = Path(module.__file__).read_text(encoding="utf-8")
    assert shipped == fast_validator_code(), "out of date: run python -m desktop.services.exchange"
