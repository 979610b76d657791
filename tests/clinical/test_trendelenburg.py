"""Every Trendelenburg branch (design.md; Hardcastle & Nade 1985)."""

from __future__ import annotations

import pytest

from desktop.clinical.model import TrendelenburgSide
from desktop.clinical.trendelenburg import evaluate_trendelenburg


def test_negative_when_held_30_s() -> None:
    finding = evaluate_trendelenburg(TrendelenburgSide(hold_s=30), "left")
    assert finding.result == "negative"
    assert finding.hold_s == 30
    assert finding.compensated is False
    assert finding.weak_side is None
    assert finding.pelvic_drop_side == "right"


def test_negative_above_30_s() -> None:
    assert evaluate_trendelenburg(TrendelenburgSide(hold_s=45), "left").result == "negative"


def test_positive_delayed_marks_stance_side_weak_and_drop_opposite() -> None:
    # Standing on the right leg, pelvis falls after 12 s: 0 < 12 < 30 -> delayed.
    finding = evaluate_trendelenburg(TrendelenburgSide(hold_s=12, trunk_lean="marked"), "right")
    assert finding.result == "positive_delayed"
    assert finding.weak_side == "right"
    assert finding.pelvic_drop_side == "left"
    assert finding.compensated is True


def test_positive_delayed_just_under_30() -> None:
    assert evaluate_trendelenburg(TrendelenburgSide(hold_s=29.9), "left").result == "positive_delayed"


def test_positive_immediate_when_hold_zero() -> None:
    finding = evaluate_trendelenburg(TrendelenburgSide(hold_s=0), "left")
    assert finding.result == "positive_immediate"
    assert finding.weak_side == "left"
    assert finding.hold_s == 0


def test_positive_immediate_when_elevation_not_maximal_even_if_held() -> None:
    finding = evaluate_trendelenburg(TrendelenburgSide(elevation_maximal=False, hold_s=30), "right")
    assert finding.result == "positive_immediate"
    assert finding.hold_s == 0  # the zero-time test


def test_invalid_with_reason_wins_over_everything() -> None:
    finding = evaluate_trendelenburg(
        TrendelenburgSide(elevation_maximal=False, hold_s=0, invalid_reason="pain"), "left"
    )
    assert finding.result == "invalid"
    assert finding.invalid_reason == "pain"
    assert finding.weak_side is None
    assert any("not interpretable" in note for note in finding.notes)


def test_valid_test_without_hold_time_is_not_interpretable() -> None:
    finding = evaluate_trendelenburg(TrendelenburgSide(hold_s=None), "left")
    assert finding.result == "invalid"
    assert finding.invalid_reason == "not_timed"


@pytest.mark.parametrize(("lean", "compensated"), [("none", False), ("mild", True), ("marked", True)])
def test_compensated_from_trunk_lean(lean: str, compensated: bool) -> None:
    assert evaluate_trendelenburg(TrendelenburgSide(hold_s=30, trunk_lean=lean), "left").compensated is compensated


def test_negative_with_lean_notes_possible_hidden_weakness() -> None:
    finding = evaluate_trendelenburg(TrendelenburgSide(hold_s=30, trunk_lean="mild"), "left")
    assert finding.result == "negative"
    assert any("can hide abductor weakness" in note for note in finding.notes)


def test_trick_movement_on_negative_flags_false_negative() -> None:
    finding = evaluate_trendelenburg(TrendelenburgSide(hold_s=30, trick_movement="hip_hike"), "right")
    assert any("false negative" in note for note in finding.notes)


def test_pain_two_or_more_flags_pain_limited() -> None:
    painful = evaluate_trendelenburg(TrendelenburgSide(hold_s=10, pain_nprs=2), "left")
    mild = evaluate_trendelenburg(TrendelenburgSide(hold_s=10, pain_nprs=1), "left")
    assert painful.pain_limited is True
    assert mild.pain_limited is False
    assert painful.result == "positive_delayed"  # pain is flagged, not reclassified


def test_measured_drop_in_degrees_within_goniometer_error() -> None:
    # Youdas 2007: MDC 4 deg; a 3 deg drop is within measurement error.
    finding = evaluate_trendelenburg(
        TrendelenburgSide(hold_s=30, pelvic_drop_deg=3, drop_method="goniometer"), "left"
    )
    note = next(n for n in finding.notes if "°" in n)
    assert note.startswith("Pelvis dropped 3.0° on the right (lifted) side by goniometer")
    assert "within the ±4° measurement error" in note


def test_measured_drop_in_cm_beyond_textbook_criterion() -> None:
    finding = evaluate_trendelenburg(
        TrendelenburgSide(hold_s=10, pelvic_drop_cm=2.5, drop_method="visual"), "right"
    )
    note = next(n for n in finding.notes if "cm" in n)
    assert "left side 2.5 cm by visual" in note
    assert "beyond the 2 cm textbook criterion" in note


def test_gait_observation_is_reported() -> None:
    finding = evaluate_trendelenburg(TrendelenburgSide(hold_s=30, gait_observation="compensated"), "left")
    assert any("Duchenne" in note for note in finding.notes)
    assert finding.to_json()["gait_observation"] == "compensated"


def test_to_dict_has_contract_keys() -> None:
    data = evaluate_trendelenburg(TrendelenburgSide(hold_s=12, trunk_lean="marked"), "right").to_json()
    assert {"result": "positive_delayed", "hold_s": 12, "compensated": True}.items() <= data.items()
