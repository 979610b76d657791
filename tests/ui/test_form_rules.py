"""Forms that catch mistakes: each rule through the real widgets."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate

from tests.ui.helpers import (
    create_client,
    fill_visit,
    save_visit,  # noqa: E402
    settle,
    type_into,
    wait_for_storage,  # noqa: E402
)


def _new_client_dialog(window: Any) -> Any:
    window.new_client_action.trigger()  # Ctrl+N
    return window._client_dialog


def test_ctrl_n_puts_the_cursor_in_the_first_field_with_a_sensible_tab_order(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    dialog = _new_client_dialog(window)
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.given
    order = []
    widget = dialog.given
    for _ in range(9):
        order.append(widget)
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() or not widget.isVisibleTo(dialog) or widget.focusProxy() is not None:
            widget = widget.nextInFocusChain()
    assert order == [dialog.given, dialog.family, dialog.dob, dialog.sex, dialog.athlete_group, dialog.external_id,
                     dialog.phone, dialog.email, dialog.notes]


def test_date_of_birth_is_required_and_has_no_default(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    dialog = _new_client_dialog(make_window())
    assert dialog.dob.text() == ""
    type_into(qtbot, dialog.given, "Sam")
    type_into(qtbot, dialog.family, "Lee")
    assert not dialog.save()
    assert dialog.grid.fields["date_of_birth"].error.text().startswith("is required")
    type_into(qtbot, dialog.dob, "14/13/1971")
    assert not dialog.save()
    assert dialog.grid.fields["date_of_birth"].error.text().startswith("is not a date")
    assert medius_repo.list_clients() == []


def test_a_future_birth_date_is_refused_with_a_message_not_clamped(qtbot: Any, make_window: Any,
                                                                   medius_repo: Any) -> None:
    dialog = _new_client_dialog(make_window())
    type_into(qtbot, dialog.given, "Sam")
    type_into(qtbot, dialog.family, "Lee")
    future = (date.today() + timedelta(days=40)).isoformat()
    type_into(qtbot, dialog.dob, future)
    assert not dialog.save()
    assert dialog.grid.fields["date_of_birth"].error.text() == f"is in the future ({future}): check the year"
    assert dialog.dob.text() == future  # left as typed
    assert medius_repo.list_clients() == []


def test_an_implausible_age_is_questioned_once_then_saved(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    dialog = _new_client_dialog(make_window())
    type_into(qtbot, dialog.given, "Sam")
    type_into(qtbot, dialog.family, "Lee")
    type_into(qtbot, dialog.dob, date.today().isoformat())
    assert not dialog.save()
    assert dialog.grid.fields["date_of_birth"].error.text() == (
        "This date of birth makes the client less than a year old. Is it right?")
    assert "press Save again" in dialog.message.text()
    assert medius_repo.list_clients() == []
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        assert dialog.save()
    assert [c.date_of_birth for c in medius_repo.list_clients()] == [date.today()]


def test_email_and_phone_must_have_their_shape(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    dialog = _new_client_dialog(make_window())
    type_into(qtbot, dialog.given, "Sam")
    type_into(qtbot, dialog.family, "Lee")
    type_into(qtbot, dialog.dob, "1980-05-01")
    type_into(qtbot, dialog.email, "bob@")
    type_into(qtbot, dialog.phone, "abc")
    assert not dialog.save()
    assert dialog.grid.fields["email"].error.text().startswith("must be an email address")
    assert dialog.grid.fields["phone"].error.text().startswith("must be a phone number")
    type_into(qtbot, dialog.email, "bob@example.org")
    type_into(qtbot, dialog.phone, "+61 (3) 9555-0134")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        assert dialog.save()
    assert medius_repo.get_client(dialog.client_id).client.phone == "+61 (3) 9555-0134"


def test_a_possible_duplicate_is_offered_to_open_instead(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    window = make_window()
    existing = create_client(qtbot, window, "Sam", "O'Brien-Smith", "1980-05-01", "F-204")
    window.show_clients()
    dialog = _new_client_dialog(window)
    type_into(qtbot, dialog.given, "Sam")
    type_into(qtbot, dialog.family, "OBrien Smith")  # similar spelling, same birth date
    type_into(qtbot, dialog.dob, "1980-05-01")
    assert dialog.save()
    qtbot.waitUntil(lambda: dialog.duplicates_box.isVisible(), timeout=10000)
    assert len(medius_repo.list_clients()) == 1  # nothing stored while the clinician decides
    texts = " ".join(label.text() for label in dialog.duplicates_box.findChildren(type(dialog.message)))
    assert "Sam O'Brien-Smith" in texts and "file F-204" in texts and "similar name, same date of birth" in texts
    dialog.open_buttons[0].click()
    assert window.stack.currentWidget() is window.client_page and window.client_page.client_id == existing
    assert len(medius_repo.list_clients()) == 1


def test_same_file_number_is_a_duplicate_and_save_anyway_keeps_both(qtbot: Any, make_window: Any,
                                                                   medius_repo: Any) -> None:
    window = make_window()
    create_client(qtbot, window, "Ana", "Nguyen", "1971-03-14", "MED-7")
    window.show_clients()
    dialog = _new_client_dialog(window)
    type_into(qtbot, dialog.given, "Bea")
    type_into(qtbot, dialog.family, "Quinn")
    type_into(qtbot, dialog.dob, "1990-02-02")
    type_into(qtbot, dialog.external_id, "med-7")
    assert dialog.save()
    qtbot.waitUntil(lambda: dialog.duplicates_box.isVisible(), timeout=10000)
    assert "same file number" in " ".join(w.text() for w in dialog.duplicates_box.findChildren(type(dialog.message)))
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_anyway_button.click()
    assert sorted(c.given_name for c in medius_repo.list_clients()) == ["Ana", "Bea"]


def test_a_future_visit_date_is_refused_not_clamped(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    window = make_window()
    client_id = create_client(qtbot, window, "Ana", "Nguyen", "1971-03-14")
    editor = window.open_assessment_for(client_id)
    wait_for_storage(qtbot)
    fill_visit(qtbot, editor)
    page = editor.page("visit")
    future = QDate.currentDate().addDays(3)
    page.performed_on.setDate(future)
    assert page.performed_on.date() == future  # no silent change to today
    assert save_visit(qtbot, editor) is None
    settle(qtbot, editor)
    assert "future" in page.fields["performed_on"].error.text()
    assert medius_repo.list_assessments(client_id) == []


def test_one_bad_odi_section_is_flagged_and_the_rest_scored(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    editor = window.open_assessment_for(create_client(qtbot, window, "Ana", "Nguyen", "1971-03-14"))
    wait_for_storage(qtbot)
    editor.go_to_step(2)
    page = editor.page("pain")
    for edit, value in zip(page.odi, ["2", "1", "3", "7", "2", "1", "0", "2", "2", "1"], strict=True):
        type_into(qtbot, edit, value)
    settle(qtbot, editor)
    # Nine valid sections: 2+1+3+2+1+0+2+2+1 = 14 of 9 x 5 = 45 -> 31.1%, moderate.
    assert editor.results is not None and editor.results.odi_sections_answered == 9
    assert editor.results.odi_pct == 31.1
    assert "ODI 31%" in page.odi_result.text() and "9 of 10 sections" in page.odi_result.text()
    assert "Left out until corrected: section 4" in page.odi_result.text()
    assert page.fields["odi_item_scores[3]"].error.text()  # the bad one is flagged beside its field


def test_a_hold_above_the_30_second_test_is_refused_with_a_message(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    editor = window.open_assessment_for(create_client(qtbot, window, "Ana", "Nguyen", "1971-03-14"))
    wait_for_storage(qtbot)
    editor.go_to_step(3)
    tb = editor.page("trendelenburg")
    type_into(qtbot, tb.hold, "45")
    settle(qtbot, editor)
    assert "the test stops at 30 s" in tb._grid_fields["hold_s"].error.text()
    assert "Negative (45 s)" not in tb.result_label.text()
    assert editor.results is None or editor.results.to_json()["trendelenburg"]["left"] is None
