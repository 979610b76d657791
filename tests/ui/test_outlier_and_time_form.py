"""The strength step leaves an outlier trial out only with a reason; the visit step keeps the time.

The form is plain data (``state``); the pages load and dump it. Each case is checked
against the values a clinician would work out by hand.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import time
from pathlib import Path
from typing import Any

from desktop.clinical import model as m
from desktop.clinical.results import compute_results
from desktop.ui.assessment import state as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "clinical"))
from engine_examples import CLIENT, TODAY, design_assessment, with_hip  # noqa: E402

REASON = "hitched the hip on trial 3"


def _visit() -> m.Assessment:
    right = m.HhdSide((120.0, 118.0, 165.0), 80.0, excluded=m.TrialExclusion(3, REASON))
    return replace(with_hip(design_assessment(), right=right), performed_at=time(14, 5))


def test_form_round_trip_keeps_the_exclusion_and_the_time() -> None:
    form = st.form_from_assessment(_visit())
    assert form["visit"]["performed_at"] == "14:05"
    assert (form["hip"]["right"]["exclude_trial"], form["hip"]["right"]["exclude_reason"]) == ("3", REASON)
    check = st.check_form(form, today=TODAY)
    assert check.problems == []
    assert check.assessment == _visit()


def test_a_trial_left_out_needs_a_reason() -> None:
    form = st.form_from_assessment(_visit())
    form["hip"]["right"]["exclude_reason"] = " "
    assert st.check_form(form, today=TODAY).by_path() == {"hip_abduction.right.excluded_trial.reason": "is required"}


def test_the_trial_left_out_is_numbered_as_on_screen() -> None:
    # Boxes: 120, (blank), 118, 165; the clinician leaves out box 4 -> the third trial kept.
    form = st.form_from_assessment(_visit())
    form["hip"]["right"]["trials"] = ["120", "", "118", "165"]
    form["hip"]["right"]["exclude_trial"] = "4"
    check = st.check_form(form, today=TODAY)
    hip = check.assessment.hip_abduction if check.assessment else None
    assert hip is not None and hip.right == m.HhdSide((120.0, 118.0, 165.0), 80.0,
                                                      excluded=m.TrialExclusion(3, REASON))
    form["hip"]["right"]["exclude_trial"] = "2"
    assert st.check_form(form, today=TODAY).by_path()["hip_abduction.right.excluded_trial.trial_no"] == (
        "trial 2 is empty")


def test_a_time_of_day_is_checked() -> None:
    form = st.form_from_assessment(_visit())
    form["visit"]["performed_at"] = "25:10"
    assert st.check_form(form, today=TODAY).by_path() == {"performed_at": "must be a time of day (HH:MM, 24 h)"}
    form["visit"]["performed_at"] = ""
    check = st.check_form(form, today=TODAY)
    assert check.problems == [] and check.assessment is not None and check.assessment.performed_at is None


def test_strength_step_leaves_out_a_trial_with_its_reason(qtbot: Any) -> None:
    from desktop.ui.assessment.strength import HipPage

    page = HipPage()
    qtbot.addWidget(page)
    form = st.form_from_assessment(with_hip(design_assessment(), right=m.HhdSide((120.0, 118.0, 165.0), 80.0)))
    page.load(form["hip"])
    right = page.sides["right"]
    assert not right.exclude_reason.isEnabled()
    right.exclude.set_value("3")
    right._exclusion_changed()
    assert right.exclude_reason.isEnabled() and right.trial_labels[2].text() == "Trial 3 (left out)"
    form["hip"] = page.dump()
    check = st.check_form(form, today=TODAY)
    page.show_problems(check.by_path())
    assert right.exclude_reason_field.error.text() == "is required"
    qtbot.keyClicks(right.exclude_reason, REASON)
    form["hip"] = page.dump()
    check = st.check_form(form, today=TODAY)
    assert check.problems == []
    page.show_problems(check.by_path())
    assert right.exclude_reason_field.error.text() == ""
    assert check.assessment is not None
    page.set_results(compute_results(CLIENT, check.assessment), {})
    # Kept 120 and 118 N: peak 120, mean 119, CV 1.2%; LSI 96 / 126.4 Nm = 75.9%.
    assert "Peak 120.0 N · mean 119.0 N\nVariation (CV) 1.2 %" in right.values.text()
    assert "The trial left out (165.0 N) is not in peak, mean or variation." in right.values.text()
    assert "75.9" in page.lsi.text()


def test_visit_step_keeps_the_time_of_assessment(qtbot: Any) -> None:
    from desktop.ui.assessment.steps import VisitPage

    page = VisitPage()
    qtbot.addWidget(page)
    form = st.form_from_assessment(_visit())
    page.load(form["visit"])
    assert page.performed_at.text() == "14:05"
    page.performed_at.clear()
    qtbot.keyClicks(page.performed_at, "09:40")
    assert page.dump()["performed_at"] == "09:40"
