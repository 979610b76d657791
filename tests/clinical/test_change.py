"""Change between visits is real only past the measurement error (design.md)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from engine_examples import design_assessment, with_hip

from desktop.clinical.change import compare_findings
from desktop.clinical.findings import analyse
from desktop.clinical.model import Assessment, HhdSide, PsfsItem, TrendelenburgSide


def _changes(before: Assessment, after: Assessment) -> dict[tuple[str, str | None], dict[str, object]]:
    return {(c.measure, c.side): c.to_json() for c in compare_findings(analyse(before), analyse(after))}


def _retest(**changes: object) -> Assessment:
    return replace(design_assessment(), performed_on=date(2026, 11, 13), **changes)  # type: ignore[arg-type]


def test_strength_change_inside_error_is_no_real_change() -> None:
    # Right peak 125 -> 131 N at 80 cm, 68 kg: 1.4706 -> 1.5412 Nm/kg = +4.8% (< 10%)
    after = with_hip(_retest(), right=HhdSide((131.0,), 80.0))
    item = _changes(design_assessment(), after)[("hip_abduction_torque_nm_per_kg", "right")]
    assert item["change_pct"] == pytest.approx(4.8)
    assert item["direction"] == "no real change"
    assert item["real"] is False


def test_strength_change_beyond_error_is_real() -> None:
    # Right 125 -> 140 N: 100 -> 112 Nm, 1.4706 -> 1.6471 Nm/kg = +12.0% (>= 10%)
    after = with_hip(_retest(), right=HhdSide((140.0,), 80.0))
    item = _changes(design_assessment(), after)[("hip_abduction_torque_nm_per_kg", "right")]
    assert item["change_pct"] == pytest.approx(12.0)
    assert (item["direction"], item["real"], item["unit"]) == ("improved", True, "Nm/kg")
    assert item["baseline"] == 1.471 and item["current"] == 1.647


def test_strength_drop_beyond_error_is_worse() -> None:
    # Left 158 -> 140 N: -11.4%
    after = with_hip(_retest(), left=HhdSide((140.0,), 80.0))
    item = _changes(design_assessment(), after)[("hip_abduction_torque_nm_per_kg", "left")]
    assert item["direction"] == "worse" and item["real"] is True


def test_strength_uses_force_pct_bw_without_lever() -> None:
    before = with_hip(design_assessment(), right=HhdSide((125.0,), None))
    after = with_hip(_retest(), right=HhdSide((150.0,), None))
    # 125 -> 150 N at 68 kg: 18.745 -> 22.494 %BW = +20%
    item = _changes(before, after)[("hip_abduction_force_pct_bw", "right")]
    assert item["change_pct"] == pytest.approx(20.0)
    assert item["real"] is True


def test_strength_not_comparable_when_position_differs() -> None:
    after = with_hip(_retest(), position="side_lying", right=HhdSide((160.0,), 80.0))
    changes = _changes(design_assessment(), after)
    item = changes[("hip_abduction_torque_nm_per_kg", "right")]
    assert item["direction"] == "not comparable"
    assert item["comparable"] is False and item["real"] is False
    assert "about 30%" in str(item["note"])
    assert changes[("lsi_pct", None)]["direction"] == "not comparable"


def test_lsi_change() -> None:
    # LSI 79.1 -> right 158 N: torque 126.4 both sides -> 100.0: +20.9 points (>= 10)
    after = with_hip(_retest(), right=HhdSide((158.0,), 80.0))
    item = _changes(design_assessment(), after)[("lsi_pct", None)]
    assert item["change"] == pytest.approx(20.89, abs=0.01)
    assert item["direction"] == "improved"


@pytest.mark.parametrize(
    ("before", "after", "direction", "real"),
    [(6, 5, "no real change", False), (6, 4, "improved", True), (3, 6, "worse", True)],
)
def test_nprs_threshold_two_points(before: int, after: int, direction: str, real: bool) -> None:
    item = _changes(replace(design_assessment(), pain_nprs=before), _retest(pain_nprs=after))[("nprs", None)]
    assert (item["direction"], item["real"]) == (direction, real)


def test_odi_threshold_ten_points() -> None:
    # 30% -> all 10 answered summing 11: 22% -> -8 points: inside error
    inside = _changes(design_assessment(), _retest(odi_item_scores=(2, 1, 2, 1, 1, 1, 0, 1, 1, 1)))[("odi_pct", None)]
    assert inside["change"] == pytest.approx(-8.0)
    assert inside["direction"] == "no real change"
    # 30% -> sum 9 of 50 = 18%: -12 points: improved
    beyond = _changes(design_assessment(), _retest(odi_item_scores=(1, 1, 1, 1, 1, 1, 0, 1, 1, 1)))[("odi_pct", None)]
    assert beyond["direction"] == "improved" and beyond["real"] is True


def test_rmdq_threshold_five_points() -> None:
    item = _changes(replace(design_assessment(), rmdq_total=14), _retest(rmdq_total=10))[("rmdq", None)]
    assert item["direction"] == "no real change"
    item = _changes(replace(design_assessment(), rmdq_total=14), _retest(rmdq_total=9))[("rmdq", None)]
    assert item["direction"] == "improved"


def test_psfs_mean_on_matched_activities_only() -> None:
    before = replace(design_assessment(), psfs=(PsfsItem("Walking 30 min", 4), PsfsItem("Lifting", 2)))
    after = _retest(psfs=(PsfsItem("walking 30 MIN", 7), PsfsItem("Gardening", 9)))
    changes = _changes(before, after)
    mean = changes[("psfs_mean", None)]
    # only "Walking 30 min" was re-rated: 4 -> 7 = +3 >= 2
    assert (mean["baseline"], mean["current"], mean["direction"]) == (4.0, 7.0, "improved")
    assert "not re-rated: Lifting" in str(mean["note"]) and "new: Gardening" in str(mean["note"])
    single = changes[("psfs_activity", None)]
    assert single["threshold"] == "3 points" and single["real"] is True


def test_trendelenburg_hold_real_only_when_category_changes() -> None:
    # right: 12 s (delayed) -> 25 s (still delayed): no real change
    same = _retest(trendelenburg_right=TrendelenburgSide(hold_s=25, trunk_lean="marked"))
    item = _changes(design_assessment(), same)[("trendelenburg_hold_s", "right")]
    assert item["change"] == 13 and item["direction"] == "no real change"
    # right: 12 s -> 30 s (negative): improved
    better = _retest(trendelenburg_right=TrendelenburgSide(hold_s=30))
    assert _changes(design_assessment(), better)[("trendelenburg_hold_s", "right")]["direction"] == "improved"
    # left: 30 s -> 0 s: worse
    worse = _retest(trendelenburg_left=TrendelenburgSide(hold_s=0))
    assert _changes(design_assessment(), worse)[("trendelenburg_hold_s", "left")]["direction"] == "worse"
    # invalid at retest: not comparable
    invalid = _retest(trendelenburg_left=TrendelenburgSide(hold_s=None, invalid_reason="balance"))
    assert _changes(design_assessment(), invalid)[("trendelenburg_hold_s", "left")]["direction"] == "not comparable"


def test_no_change_inside_threshold_is_called_improved() -> None:
    after = with_hip(_retest(pain_nprs=5), right=HhdSide((131.0,), 80.0))
    for item in compare_findings(analyse(design_assessment()), analyse(after)):
        if not item.real:
            assert item.direction in ("no real change", "not comparable")
