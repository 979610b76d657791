"""Captured curves in the form: kept while the box shows their peak, dropped when typed over."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop.clinical import model as m
from desktop.clinical.curves import stored_curve
from desktop.clinical.results import compute_results
from desktop.clinical.trends import curve_key, trend_series
from desktop.ui.assessment import state as st

CURVE = stored_curve(20.0, [2, 4, 4, 12, 40, 80, 100, 102.04, 98, 50, 3])


def _form(text: str, unit: str = "N") -> dict:
    form = st.empty_form(date(2026, 3, 2))
    form["visit"]["body_mass_kg"] = "70"
    form["hip"]["unit"] = unit
    form["hip"]["position"] = "supine"
    form["hip"]["left"]["trials"] = [text, "95", ""]
    form["hip"]["left"]["curves"] = [st.curve_form(CURVE, "N"), None, None]
    return form


def test_curve_kept_and_trial_is_its_exact_peak() -> None:
    check = st.check_form(_form("102.0"), today=date(2026, 3, 2))
    assert check.problems == []
    left = check.assessment.hip_abduction.left
    assert left.trials == (102.04, 95.0) and left.curves == (CURVE, None)


def test_typing_over_a_captured_trial_drops_its_curve() -> None:
    check = st.check_form(_form("110"), today=date(2026, 3, 2))
    left = check.assessment.hip_abduction.left
    assert left.trials == (110.0, 95.0) and left.curves == ()


def test_curve_recorded_in_another_unit_is_not_reused() -> None:
    check = st.check_form(_form("102.0", unit="kgf"), today=date(2026, 3, 2))
    assert check.assessment.hip_abduction.left.curves == ()


def test_stored_visit_with_curves_round_trips_through_the_form() -> None:
    check = st.check_form(_form("102.0"), today=date(2026, 3, 2))
    visit = check.assessment
    again = st.check_form(st.form_from_assessment(visit), today=date(2026, 3, 2)).assessment
    assert again == visit


def test_curve_trends_break_with_the_protocol() -> None:
    client = m.Client("Ana", "N", date(1970, 1, 1))
    base = st.check_form(_form("102.0"), today=date(2026, 3, 2)).assessment
    hip = base.hip_abduction
    second = replace(base, performed_on=date(2026, 4, 2))
    third = replace(
        base, performed_on=date(2026, 5, 2), hip_abduction=replace(hip, position="standing")
    )
    visits = [(i + 1, v, compute_results(client, v)) for i, v in enumerate((base, second, third))]
    series = trend_series(visits)[curve_key("time_to_peak_s", "left")]
    assert [p.value for p in series.points] == [0.2, 0.2, 0.2]
    assert [p.segment_id for p in series.points] == [0, 0, 1]
    assert series.zone is None  # no measurement error on file: no zone is drawn
    assert trend_series(visits)[curve_key("rfd_0_200_n_per_s", "right")].points == ()
