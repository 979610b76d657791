"""Hip-abduction formulas with hand-worked examples (design.md "Formulas")."""

from __future__ import annotations

import math

import pytest

from desktop.clinical.model import HhdSide, HipAbduction, MmtSide
from desktop.clinical.strength import (
    MRC_CREDIT,
    asymmetry_band,
    coefficient_of_variation_pct,
    compare_protocols,
    compare_sides,
    compute_hhd_side,
    limb_symmetry_index_pct,
    mmt_label,
    mmt_side_dict,
    mmt_weaker_side,
    protocol_differences,
    protocols_comparable,
)


def test_design_example_left_side() -> None:
    # trials 150, 158, 155 N; lever 80 cm; mass 68 kg
    # peak = 158; mean = 463/3 = 154.333
    # SD: deviations -4.333, 3.667, 0.667 -> squares 18.778 + 13.444 + 0.444 = 32.667;
    #     /2 = 16.333; sqrt = 4.0415; CV = 100 x 4.0415 / 154.333 = 2.619%
    # torque = 158 x 0.80 = 126.4 Nm; /68 = 1.8588 Nm/kg
    # %BW = 100 x 158 / (68 x 9.80665) = 15800 / 666.8522 = 23.693
    result = compute_hhd_side(HhdSide((150.0, 158.0, 155.0), 80.0), "N", 68.0)
    assert result.peak_force_n == 158.0
    assert result.mean_force_n == pytest.approx(154.3333, abs=1e-4)
    assert result.cv_pct == pytest.approx(2.6187, abs=1e-3)
    assert result.torque_nm == pytest.approx(126.4)
    assert result.torque_nm_per_kg == pytest.approx(1.85882, abs=1e-5)
    assert result.force_pct_bw == pytest.approx(23.6934, abs=1e-3)
    data = result.to_json()
    assert (data["peak_force_n"], data["mean_force_n"], data["cv_pct"]) == (158.0, 154.33, 2.6)
    assert (data["torque_nm"], data["torque_nm_per_kg"], data["force_pct_bw"]) == (126.4, 1.859, 23.69)


def test_kgf_trials_convert_before_computing() -> None:
    # 10, 12 kgf -> 98.0665, 117.6798 N; peak 117.6798; torque at 50 cm = 58.8399 Nm
    result = compute_hhd_side(HhdSide((10.0, 12.0), 50.0), "kgf", 60.0)
    assert result.peak_force_n == pytest.approx(117.6798)
    assert result.torque_nm == pytest.approx(58.8399)
    # %BW = 100 x 12 kgf / 60 kg = 20% exactly, since g cancels.
    assert result.force_pct_bw == pytest.approx(20.0)


def test_lbf_trials_convert() -> None:
    # 30 lbf x 4.4482216 = 133.446648 N
    result = compute_hhd_side(HhdSide((30.0,), None), "lbf", 70.0)
    assert result.peak_force_n == pytest.approx(133.446648)
    assert result.torque_nm is None and result.torque_nm_per_kg is None


def test_cv_with_two_trials() -> None:
    # 100 and 110: mean 105; sample SD = |110-100| / sqrt(2) = 7.0711; CV = 6.734%
    assert coefficient_of_variation_pct([100.0, 110.0]) == pytest.approx(6.7344, abs=1e-4)


def test_cv_with_five_trials() -> None:
    # 100, 102, 98, 104, 96: mean 100; squares 0+4+4+16+16 = 40; /4 = 10; SD 3.1623; CV 3.162%
    assert coefficient_of_variation_pct([100.0, 102.0, 98.0, 104.0, 96.0]) == pytest.approx(3.1623, abs=1e-4)


def test_cv_needs_two_trials() -> None:
    assert coefficient_of_variation_pct([150.0]) is None
    assert compute_hhd_side(HhdSide((150.0,), 80.0), "N", 68.0).cv_pct is None


def test_high_cv_suggests_another_trial() -> None:
    # 100, 130: mean 115, SD 21.213, CV 18.4% > 10%
    result = compute_hhd_side(HhdSide((100.0, 130.0), None), "N", 70.0)
    assert result.further_trial_suggested is True
    assert compute_hhd_side(HhdSide((100.0, 105.0), None), "N", 70.0).further_trial_suggested is False


@pytest.mark.parametrize("bad", [0.0, -5.0, math.nan, math.inf])
def test_bad_trials_rejected(bad: float) -> None:
    with pytest.raises(ValueError):
        compute_hhd_side(HhdSide((150.0, bad), 80.0), "N", 68.0)


def test_zero_body_mass_rejected() -> None:
    with pytest.raises(ValueError, match="body mass"):
        compute_hhd_side(HhdSide((150.0,), 80.0), "N", 0.0)


def test_lsi_on_torque_when_both_levers_known() -> None:
    # Force: left 150 N, right 160 N; levers 80 cm and 60 cm.
    # Torque: left 120 Nm, right 96 Nm -> weaker right, LSI = 96/120 = 80.0% (mild)
    left = compute_hhd_side(HhdSide((150.0,), 80.0), "N", 70.0)
    right = compute_hhd_side(HhdSide((160.0,), 60.0), "N", 70.0)
    comparison = compare_sides(left, right)
    assert comparison.basis == "torque"
    assert comparison.lsi_pct == pytest.approx(80.0)
    assert comparison.weaker_side == "right"
    assert comparison.asymmetry_band == "mild"


def test_lsi_on_force_when_a_lever_is_missing() -> None:
    # Same forces, right lever unknown: LSI = 150/160 = 93.75% on force, weaker left.
    left = compute_hhd_side(HhdSide((150.0,), 80.0), "N", 70.0)
    right = compute_hhd_side(HhdSide((160.0,), None), "N", 70.0)
    comparison = compare_sides(left, right)
    assert comparison.basis == "peak_force"
    assert comparison.lsi_pct == pytest.approx(93.75)
    assert comparison.weaker_side == "left"
    assert comparison.asymmetry_band == "symmetric"


def test_design_example_lsi() -> None:
    # right torque 125 x 0.8 = 100 Nm; left 126.4 Nm; LSI = 100/126.4 = 79.11% -> marked
    left = compute_hhd_side(HhdSide((150.0, 158.0, 155.0), 80.0), "N", 68.0)
    right = compute_hhd_side(HhdSide((120.0, 118.0, 125.0), 80.0), "N", 68.0)
    comparison = compare_sides(left, right)
    assert round(comparison.lsi_pct, 1) == 79.1
    assert comparison.asymmetry_band == "marked"


def test_equal_sides_have_no_weaker_side() -> None:
    side = compute_hhd_side(HhdSide((150.0,), 80.0), "N", 70.0)
    comparison = compare_sides(side, side)
    assert comparison.lsi_pct == 100.0
    assert comparison.weaker_side is None


@pytest.mark.parametrize(
    ("lsi", "band"),
    [(100.0, "symmetric"), (90.0, "symmetric"), (89.99, "mild"), (80.0, "mild"), (79.99, "marked"), (10.0, "marked")],
)
def test_asymmetry_band_edges(lsi: float, band: str) -> None:
    assert asymmetry_band(lsi) == band


def test_lsi_symmetric_in_argument_order() -> None:
    # 100 x 120 / 150 = 80
    assert limb_symmetry_index_pct(120, 150) == limb_symmetry_index_pct(150, 120) == pytest.approx(80.0)


def test_mmt_labels_and_order() -> None:
    assert mmt_label(4, "-") == "4-"
    assert mmt_label(5) == "5"
    assert mmt_label(3, "+") == "3+"
    with pytest.raises(ValueError):
        mmt_label(6)
    assert mmt_weaker_side(MmtSide(4, "-"), MmtSide(4)) == "left"
    assert mmt_weaker_side(MmtSide(5), MmtSide(4, "+")) == "right"
    assert mmt_weaker_side(MmtSide(4), MmtSide(4)) is None
    data = mmt_side_dict(MmtSide(4, "-"))
    assert data == {
        "grade": 4,
        "modifier": "-",
        "label": "4-",
        "description": "active movement against gravity and resistance",
        "below_normal": True,
    }


def test_mrc_credit_text() -> None:
    assert MRC_CREDIT == "MRC scale used with the permission of the Medical Research Council"


def _hip(**changes: object) -> HipAbduction:
    base: dict[str, object] = dict(
        method="hhd", position="supine", unit="N", contraction="make", fixation="belt",
        pad_site="5 cm above lateral malleolus", device="MicroFET2",
        left=HhdSide((150.0,), 80.0), right=HhdSide((140.0,), 80.0),
    )  # fmt: skip
    base.update(changes)
    return HipAbduction(**base)  # type: ignore[arg-type]


def test_same_protocol_has_no_warnings() -> None:
    assert compare_protocols(_hip(), _hip(pad_site="  5 CM above lateral   malleolus")) == []
    assert protocols_comparable(_hip(), _hip())


def test_position_change_warns_about_30_percent() -> None:
    warnings = compare_protocols(_hip(), _hip(position="side_lying"))
    assert len(warnings) == 1
    assert "supine at baseline, side-lying now" in warnings[0]
    assert "about 30%" in warnings[0] and "Cerda-Vega 2018" in warnings[0]
    assert not protocols_comparable(_hip(), _hip(position="side_lying"))


@pytest.mark.parametrize(
    ("field", "value", "text"),
    [
        ("contraction", "break", "make test at baseline, break test now"),
        ("fixation", "examiner", "fixation differs"),
        ("pad_site", "knee", "pad site differs"),
        ("device", "Lafayette", "device differs"),
    ],
)
def test_each_protocol_field_warns(field: str, value: str, text: str) -> None:
    warnings = compare_protocols(_hip(), _hip(**{field: value}))
    assert any(text in w for w in warnings), warnings
    assert not protocols_comparable(_hip(), _hip(**{field: value}))


def test_lever_arm_tolerance_two_cm() -> None:
    # 80 -> 82 cm is within 2 cm; 80 -> 82.5 cm is beyond.
    assert compare_protocols(_hip(), _hip(left=HhdSide((150.0,), 82.0))) == []
    warnings = compare_protocols(_hip(), _hip(left=HhdSide((150.0,), 82.5)))
    assert len(warnings) == 1 and "left lever arm differs by more than 2 cm" in warnings[0]


def test_unit_and_lever_basis_are_cautions_not_blocks() -> None:
    differences = protocol_differences(_hip(), _hip(unit="kgf", right=HhdSide((14.0,), None)))
    fields = {d.field: d.blocks_comparison for d in differences}
    assert fields == {"unit": False, "right.lever_arm_cm": False}


def test_method_change_blocks() -> None:
    mmt = HipAbduction(method="mmt", left=MmtSide(4), right=MmtSide(5))
    differences = protocol_differences(_hip(), mmt)
    assert [d.field for d in differences] == ["method"]
    assert differences[0].blocks_comparison


def test_band_follows_the_reported_lsi() -> None:
    # Same levers: LSI = 100 x 89.96 / 100 = 89.96 -> reported 90.0 (one decimal) -> symmetric,
    # so the text never reads "90%, mild". 89.94 -> 89.9 -> mild.
    left = compute_hhd_side(HhdSide((100.0,), 80.0), "N", 70.0)
    comparison = compare_sides(left, compute_hhd_side(HhdSide((89.96,), 80.0), "N", 70.0))
    assert comparison.lsi_pct == pytest.approx(89.96)
    assert comparison.asymmetry_band == "symmetric"
    assert compare_sides(left, compute_hhd_side(HhdSide((89.94,), 80.0), "N", 70.0)).asymmetry_band == "mild"
