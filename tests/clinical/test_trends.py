"""Trend series and visit comparison, on hand-made visits and results."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desktop.clinical import model as m
from desktop.clinical.trends import format_value, strength_key, trend_series, trendelenburg_key
from desktop.clinical.visit_compare import compare_visits, protocol_warnings


def hip(position: str = "supine", lever_arm_cm: float | None = 80.0, **extra: Any) -> m.HipAbduction:
    return m.HipAbduction(
        method="hhd", position=position, unit="N", contraction="make", fixation="belt",
        left=m.HhdSide((100.0,), lever_arm_cm), right=m.HhdSide((90.0,), lever_arm_cm), **extra,
    )  # fmt: skip


def assessment(day: date, hip_abduction: m.HipAbduction | None = None, **fields: Any) -> m.Assessment:
    return m.Assessment(performed_on=day, body_mass_kg=80.0, hip_abduction=hip_abduction, **fields)


def side(nm_per_kg: float | None, pct_bw: float, force_n: float) -> dict[str, Any]:
    return {"torque_nm_per_kg": nm_per_kg, "force_pct_bw": pct_bw, "peak_force_n": force_n}


def results(
    left: dict[str, Any] | None = None,
    right: dict[str, Any] | None = None,
    *,
    lsi: float | None = None,
    lsi_basis: str | None = "torque",
    tb_left: dict[str, Any] | None = None,
    tb_right: dict[str, Any] | None = None,
    odi: float | None = None,
    psfs: float | None = None,
) -> dict[str, Any]:
    return {
        "hip_abduction": {"method": "hhd", "left": left, "right": right, "lsi_pct": lsi,
                          "lsi_basis": lsi_basis, "weaker_side": "right"},
        "trendelenburg": {"left": tb_left, "right": tb_right},
        "odi_pct": odi,
        "psfs_mean": psfs,
    }  # fmt: skip


JAN, FEB, MAR, APR = date(2026, 1, 5), date(2026, 2, 2), date(2026, 3, 2), date(2026, 4, 6)


def test_points_follow_stored_results_in_date_order() -> None:
    visits = [
        (12, assessment(MAR, hip(), pain_nprs=3),
         results(side(1.2, 16.0, 125.0), side(1.1, 15.0, 118.0), lsi=91.7, odi=20.0, psfs=6.5)),
        (10, assessment(JAN, hip(), pain_nprs=7),
         results(side(1.0, 13.0, 100.0), side(0.8, 11.0, 88.0), lsi=80.0, odi=40.0, psfs=3.0)),
        (11, assessment(FEB, hip(), pain_nprs=5),
         results(side(1.1, 14.0, 110.0), side(0.9, 12.0, 99.0), lsi=81.8, odi=30.0, psfs=4.5)),
    ]  # fmt: skip
    series = trend_series(visits)
    assert [v.assessment_id for v in series.visits] == [10, 11, 12]
    left = series[strength_key("Nm/kg", "left")]
    assert [(p.date, p.value, p.assessment_id, p.segment_id) for p in left.points] == [
        (JAN, 1.0, 10, 0), (FEB, 1.1, 11, 0), (MAR, 1.2, 12, 0),
    ]  # fmt: skip
    assert [p.value for p in series[strength_key("%BW", "right")].points] == [11.0, 12.0, 15.0]
    assert [p.value for p in series["lsi_pct"].points] == [80.0, 81.8, 91.7]
    assert [p.value for p in series["nprs"].points] == [7.0, 5.0, 3.0]
    assert [p.value for p in series["odi_pct"].points] == [40.0, 30.0, 20.0]
    assert [p.value for p in series["psfs_mean"].points] == [3.0, 4.5, 6.5]
    assert series.default_strength_unit == "Nm/kg"
    assert series.protocol_marks == ()


def test_change_zones_are_baseline_plus_minus_threshold() -> None:
    visits = [
        (1, assessment(JAN, hip(), pain_nprs=6), results(side(1.5, 20.0, 118.0), None, odi=30.0, psfs=4.0)),
        (2, assessment(FEB, hip(), pain_nprs=5),
         results(side(1.6, 21.0, 125.0), None, odi=28.0, psfs=5.0)),
    ]  # fmt: skip
    series = trend_series(visits)
    # Strength 1.5 Nm/kg +- 10% -> 1.35 .. 1.65 (design.md strength +-10%).
    zone = series[strength_key("Nm/kg", "left")].zone
    assert zone is not None
    assert (zone.low, zone.baseline, zone.high) == pytest.approx((1.35, 1.5, 1.65))
    assert (zone.start, zone.end, zone.threshold_label) == (JAN, FEB, "±10%")
    # NPRS 6 +- 2 -> 4 .. 8; ODI 30 +- 10 -> 20 .. 40; PSFS mean 4 +- 2 -> 2 .. 6.
    assert (series["nprs"].zone.low, series["nprs"].zone.high) == (4.0, 8.0)
    assert (series["odi_pct"].zone.low, series["odi_pct"].zone.high) == (20.0, 40.0)
    assert (series["psfs_mean"].zone.low, series["psfs_mean"].zone.high) == (2.0, 6.0)
    assert series[trendelenburg_key("left")].zone is None


def test_position_change_breaks_strength_and_lsi_and_moves_the_baseline() -> None:
    visits = [
        (1, assessment(JAN, hip("supine")), results(side(1.0, 13.0, 100.0), side(0.9, 12.0, 90.0), lsi=90.0)),
        (2, assessment(FEB, hip("supine")), results(side(1.1, 14.0, 110.0), side(1.0, 13.0, 100.0), lsi=90.9)),
        (3, assessment(MAR, hip("side_lying")), results(side(1.4, 18.0, 140.0), side(1.2, 16.0, 120.0), lsi=85.7)),
        (4, assessment(APR, hip("side_lying")), results(side(1.5, 19.0, 150.0), side(1.3, 17.0, 130.0), lsi=86.7)),
    ]  # fmt: skip
    series = trend_series(visits)
    for unit in ("Nm/kg", "%BW", "N"):
        assert [p.segment_id for p in series[strength_key(unit, "left")].points] == [0, 0, 1, 1]
    assert [p.segment_id for p in series["lsi_pct"].points] == [0, 0, 1, 1]
    assert [len(s) for s in series[strength_key("Nm/kg", "right")].segments()] == [2, 2]
    (mark,) = series.protocol_marks
    assert mark.assessment_id == 3 and mark.breaks_line
    assert "position" in mark.reasons[0]
    # Baseline of the zone is the first side-lying visit: 1.4 +- 10% -> 1.26 .. 1.54.
    zone = series[strength_key("Nm/kg", "left")].zone
    assert zone is not None and zone.assessment_id == 3
    assert (zone.low, zone.high) == pytest.approx((1.26, 1.54))


def test_unrecorded_field_cannot_chain_two_different_protocols() -> None:
    # Visit 2 has no position: a caution against either neighbour, but visit 3
    # (side-lying) still differs from the segment's first visit (supine).
    visits = [
        (1, assessment(JAN, hip("supine")), results(side(1.0, 13.0, 100.0), None)),
        (2, assessment(FEB, m.HipAbduction(method="hhd", unit="N", contraction="make", fixation="belt",
                                           left=m.HhdSide((100.0,), 80.0))),
         results(side(1.0, 13.0, 100.0), None)),
        (3, assessment(MAR, hip("side_lying")), results(side(1.3, 17.0, 130.0), None)),
    ]  # fmt: skip
    series = trend_series(visits)
    assert [p.segment_id for p in series[strength_key("Nm/kg", "left")].points] == [0, 0, 1]


def test_missing_lever_arm_breaks_torque_line_but_not_percent_body_weight() -> None:
    visits = [
        (1, assessment(JAN, hip()), results(side(1.0, 13.0, 100.0), side(0.9, 12.0, 90.0))),
        (2, assessment(FEB, hip(lever_arm_cm=None)), results(side(None, 14.0, 110.0), side(None, 13.0, 100.0))),
        (3, assessment(MAR, hip()), results(side(1.2, 15.0, 120.0), side(1.1, 14.0, 110.0))),
    ]  # fmt: skip
    series = trend_series(visits)
    torque = series[strength_key("Nm/kg", "left")]
    assert [(p.assessment_id, p.segment_id) for p in torque.points] == [(1, 0), (3, 1)]
    body_weight = series[strength_key("%BW", "left")]
    assert [(p.assessment_id, p.segment_id) for p in body_weight.points] == [(1, 0), (2, 0), (3, 0)]
    marked = {mark.assessment_id: mark for mark in series.protocol_marks}
    assert set(marked) == {2, 3}
    assert not marked[2].breaks_line and "%BW" in marked[2].reasons[0]
    assert series.strength_units() == ["Nm/kg", "%BW", "N"]


def test_lsi_basis_change_breaks_the_lsi_line() -> None:
    visits = [
        (1, assessment(JAN, hip()), results(side(1.0, 13.0, 100.0), side(0.8, 10.0, 80.0), lsi=80.0)),
        (2, assessment(FEB, hip()),
         results(side(1.0, 13.0, 100.0), side(0.9, 11.0, 90.0), lsi=90.0, lsi_basis="force")),
    ]  # fmt: skip
    assert [p.segment_id for p in trend_series(visits)["lsi_pct"].points] == [0, 1]


def test_uninterpretable_trendelenburg_is_left_out_and_breaks_the_line() -> None:
    def tb(result: str, hold_s: float | None) -> dict[str, Any]:
        return {"result": result, "hold_s": hold_s, "compensated": False}

    visits = [
        (1, assessment(JAN), results(tb_right=tb("positive_delayed", 12))),
        (2, assessment(FEB), results(tb_right=tb("invalid", None))),
        (3, assessment(MAR), results(tb_right=tb("positive_delayed", 20))),
        (4, assessment(APR), results(tb_right=tb("negative", 30))),
    ]
    right = trend_series(visits)[trendelenburg_key("right")]
    assert [(p.assessment_id, p.value, p.segment_id) for p in right.points] == [
        (1, 12.0, 0), (3, 20.0, 1), (4, 30.0, 1),
    ]  # fmt: skip
    assert right.notes[1] == "positive delayed"
    assert [line.value for line in right.reference_lines] == [30.0]


def test_no_visits_gives_empty_series() -> None:
    series = trend_series([])
    assert series.visits == ()
    assert all(not measure.points and measure.zone is None for measure in series.measures.values())
    assert series.default_strength_unit is None and series.strength_units() == []


def test_format_value() -> None:
    assert format_value(1.8591, "Nm/kg") == "1.86 Nm/kg"
    assert format_value(23.69, "%BW") == "23.7 %BW"
    assert format_value(79.1, "%") == "79.1%"
    assert format_value(4.0, "points") == "4"
    assert format_value(4.25, "points") == "4.2"


# -- comparison (real-change flags come from desktop.clinical.change) -----------------


def strength_visit(day: date, left_n: float, right_n: float, position: str = "supine", **fields: Any) -> m.Assessment:
    # 80 kg, 80 cm lever arm: torque/kg = force x 0.8 / 80 = force / 100.
    return m.Assessment(
        performed_on=day, body_mass_kg=80.0,
        hip_abduction=m.HipAbduction(method="hhd", position=position, unit="N",
                                     left=m.HhdSide((left_n,), 80.0), right=m.HhdSide((right_n,), 80.0)),
        **fields,
    )  # fmt: skip


def rows_by_label(before: m.Assessment, after: m.Assessment) -> dict[str, Any]:
    return {row.label: row for row in compare_visits(before, after)}


def test_compare_inside_error_and_beyond_error() -> None:
    before = strength_visit(JAN, 100.0, 100.0, pain_nprs=6, odi_item_scores=(2,) * 10)
    # Left 100 -> 105 N: 1.00 -> 1.05 Nm/kg, +5% (inside +-10%).
    # Right 100 -> 120 N: 1.00 -> 1.20 Nm/kg, +20% (beyond +-10%).
    # NPRS 6 -> 5: -1 (inside 2). ODI all sections 2 -> 3: 40% -> 60%, +20 (beyond 10, worse).
    after = strength_visit(FEB, 105.0, 120.0, pain_nprs=5, odi_item_scores=(3,) * 10)
    rows = rows_by_label(before, after)
    left, right = rows["Hip-abduction torque (left)"], rows["Hip-abduction torque (right)"]
    assert (left.real, left.verdict) == (False, "No real change (within ±10%)")
    assert (left.baseline_text, left.current_text) == ("1.00 Nm/kg", "1.05 Nm/kg")
    assert left.change_text == "+0.05 Nm/kg (+5.0%)"
    assert (right.real, right.verdict) == (True, "Improved beyond measurement error (±10%)")
    assert right.change_text == "+0.20 Nm/kg (+20.0%)"
    pain = rows["Pain (NPRS)"]
    assert (pain.real, pain.verdict, pain.change_text) == (False, "No real change (within ±2 points)", "−1 point")
    odi = rows["Disability (ODI)"]
    assert odi.real and odi.verdict == "Worse beyond the minimal important change (±10 points)"
    assert odi.change_text == "+20 points"


def test_compare_exactly_at_threshold_counts_as_real() -> None:
    # NPRS 6 -> 4 is exactly the 2-point MCID: counted as a real improvement.
    rows = rows_by_label(strength_visit(JAN, 100, 100, pain_nprs=6), strength_visit(FEB, 100, 100, pain_nprs=4))
    assert rows["Pain (NPRS)"].real
    assert rows["Pain (NPRS)"].verdict == "Improved beyond the minimal important change (±2 points)"


def test_compare_orders_visits_by_date_and_flags_protocol_change() -> None:
    early = strength_visit(JAN, 100.0, 100.0)
    late = strength_visit(FEB, 150.0, 150.0, position="side_lying")
    forward = compare_visits(early, late)
    assert [r.baseline_text for r in forward] == [r.baseline_text for r in compare_visits(late, early)]
    strength = [r for r in forward if r.measure.startswith("hip_abduction")]
    assert strength and all(not r.comparable and not r.real for r in strength)
    assert all(r.verdict == "Not comparable" and "position" in r.note for r in strength)
    assert any("position" in w for w in protocol_warnings(late, early))


def test_trendelenburg_category_change_is_worded() -> None:
    before = m.Assessment(performed_on=JAN, trendelenburg_right=m.TrendelenburgSide(hold_s=12))
    after = m.Assessment(performed_on=FEB, trendelenburg_right=m.TrendelenburgSide(hold_s=30))
    (row,) = compare_visits(before, after)
    assert row.real and row.verdict == "Improved: positive delayed → negative"
    same = m.Assessment(performed_on=FEB, trendelenburg_right=m.TrendelenburgSide(hold_s=20))
    (row,) = compare_visits(before, same)
    assert not row.real and row.verdict == "No change in result (positive delayed)"
