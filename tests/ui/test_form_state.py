"""The form <-> Assessment conversion the window relies on (plain Python, no widgets)."""

from __future__ import annotations

from datetime import date

from desktop.clinical import model as m
from desktop.services.demo import demo_records
from desktop.ui.assessment import state as st


def test_every_demo_visit_round_trips_through_the_form() -> None:
    for client, visits in demo_records(date(2026, 6, 1)):
        for visit in visits:
            check = st.check_form(st.form_from_assessment(visit), date_of_birth=client.date_of_birth,
                                  today=date(2026, 6, 1))
            assert check.problems == []
            assert check.assessment == visit


def test_typed_text_is_parsed_and_bad_values_point_at_their_row() -> None:
    form = st.empty_form(date(2026, 3, 2))
    form["visit"]["body_mass_kg"] = "68,5"  # decimal comma accepted
    form["hip"]["left"]["trials"] = ["150", "", "abc"]
    form["hip"]["right"]["trials"] = ["120", "118", "125"]
    form["trendelenburg"]["right"]["hold_s"] = "12.4"
    check = st.check_form(form, today=date(2026, 3, 2))
    assert check.by_path() == {"hip_abduction.left.trials[2]": "must be a number"}
    a = check.assessment
    assert a is not None and a.body_mass_kg == 68.5
    assert a.hip_abduction is not None and a.hip_abduction.left == m.HhdSide((150.0,), None)
    assert a.trendelenburg_right is not None and a.trendelenburg_right.hold_s == 12.4
    assert a.trendelenburg_left is None


def test_semantic_problem_after_a_blank_row_maps_back_to_the_visible_row() -> None:
    form = st.empty_form(date(2026, 3, 2))
    form["visit"]["body_mass_kg"] = "70"
    # Row 1 is blank, so the engine's trials[1] is the clinician's row 2.
    form["hip"]["left"]["trials"] = ["150", "", "-5"]
    check = st.check_form(form, today=date(2026, 3, 2))
    assert check.by_path() == {"hip_abduction.left.trials[2]": "must be a positive number"}


def test_carried_over_psfs_activity_without_score_blocks_only_on_save() -> None:
    form = st.empty_form(date(2026, 3, 2))
    form["pain"]["psfs"] = [{"activity": "Walking 30 min", "score": ""}]
    assert st.check_form(form, today=date(2026, 3, 2)).problems == []
    strict = st.check_form(form, today=date(2026, 3, 2), strict=True)
    assert strict.by_path() == {"psfs[0].score": "is required"}


def test_step_statuses() -> None:
    form = st.empty_form(date(2026, 3, 2))
    form["visit"]["body_mass_kg"] = "70"
    form["screening"]["red_flags"] = ["night_pain"]
    form["trendelenburg"]["left"]["hold_s"] = "30"
    form["pain"]["pain_nprs"] = "11"
    statuses = st.step_statuses(form, st.check_form(form, today=date(2026, 3, 2)))
    assert statuses["visit"] == st.COMPLETE
    assert statuses["screening"] == st.NEEDS_ATTENTION  # flag not yet acknowledged
    assert statuses["pain"] == st.NEEDS_ATTENTION  # NPRS 11 is out of range
    assert statuses["trendelenburg"] == st.IN_PROGRESS  # one stance leg of two
    assert statuses["hip"] == st.NOT_STARTED
    form["screening"]["acknowledged"] = True
    form["pain"]["pain_nprs"] = "6"
    statuses = st.step_statuses(form, st.check_form(form, today=date(2026, 3, 2)))
    assert statuses["screening"] == st.COMPLETE and statuses["pain"] == st.COMPLETE


def test_draft_keys() -> None:
    assert st.parse_draft_key(st.draft_key(7, None)) == (7, None)
    assert st.parse_draft_key(st.draft_key(7, 12)) == (7, 12)
    assert st.parse_draft_key("settings:x") is None


def test_old_draft_is_filled_up_with_blank_sections() -> None:
    partial = {"visit": {"performed_on": "2026-01-05", "body_mass_kg": "80"}, "step": 3}
    form = st.upgrade_form(partial)
    assert form["step"] == 3 and form["visit"]["body_mass_kg"] == "80"
    assert form["hip"]["left"]["trials"] == ["", "", ""]
