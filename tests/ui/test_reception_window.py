"""Reception opens a client in the window: name and contact details, no clinical page, and the
database (reception's own role) is never asked for a visit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from desktop.ui.client_conflict_dialog import THEIRS
from tests.fixtures.records import assessment, client
from tests.ui.helpers import create_client, reception_window, type_into, wait_for_storage


def test_reception_sees_contact_details_only(qtbot: Any, clinic_desk: Any, tmp_path: Path, no_modals: Any) -> None:
    carl = clinic_desk.carl
    client_id, _ = carl.add_client(client(0, phone="0400 123 456", notes="clinical remark"), [assessment(2)])
    rita = clinic_desk.rita
    window = reception_window(qtbot, rita, tmp_path)
    page = window.client_page
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.open_client(client_id)
    wait_for_storage(qtbot)

    assert page.name_label.text() == "Ánh Nguyễn Thị"
    details = page.details_label.text()
    assert "0400 123 456" in details and "person0@example.org" in details and "MED-0000" in details
    assert "visit" not in details  # not even how many
    assert page.record.assessments == () and page.visit_model.rowCount() == 0
    assert page.splitter.isHidden() and page.new_button.isHidden() and page.export_button.isHidden()
    assert page.edit_button.isVisible() and page.empty_start_button.isHidden()  # contact details: editable
    assert "contact details" in page.empty_title.text().lower()
    assert page.history_view is None
    assert no_modals == []  # no refusal from the database: nothing clinical was asked for


def test_reception_corrects_a_phone_number_through_the_client_form(
        qtbot: Any, clinic_desk: Any, tmp_path: Path, no_modals: Any) -> None:
    carl = clinic_desk.carl
    client_id, _ = carl.add_client(client(0, phone="0400 123 456", notes="clinical remark"), [assessment(2)])
    rita = clinic_desk.rita
    window = reception_window(qtbot, rita, tmp_path)
    page = window.client_page
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.open_client(client_id)
    assert page.edit_button.isVisible()
    assert not window.safety_actions["delete_client"].isVisible()  # a whole record: not reception's
    assert not window.safety_actions["export_client_data"].isVisible()
    page.edit_button.click()
    dialog = window._client_dialog
    qtbot.waitUntil(lambda: dialog.version is not None, timeout=10000)
    wait_for_storage(qtbot)
    assert dialog.phone.text() == "0400 123 456"
    assert not dialog.notes.isVisible() and not dialog.athlete_group.isVisible()  # clinical: not shown
    assert dialog.notes.toPlainText() == ""  # and never read
    type_into(qtbot, dialog.phone, "0400 999 000")
    with qtbot.waitSignal(page.loaded, timeout=10000):
        assert dialog.save()
    wait_for_storage(qtbot)

    assert "0400 999 000" in page.details_label.text()
    stored = carl.get_client(client_id)
    assert stored.client.phone == "0400 999 000"
    assert stored.client.notes == "clinical remark" and len(stored.assessments) == 1  # untouched
    last = carl.audit_events(client_id)[-1]
    assert (last.actor, last.action, last.detail) == ("rita", "update", "fields=phone")
    assert no_modals == []


def test_reception_adds_a_client_from_the_list(qtbot: Any, clinic_desk: Any, tmp_path: Path, no_modals: Any) -> None:
    rita = clinic_desk.rita
    carl = clinic_desk.carl
    window = reception_window(qtbot, rita, tmp_path)
    assert window.clients_page.new_button.isVisible()
    window.new_client()
    dialog = window._client_dialog
    assert not dialog.notes.isVisible() and not dialog.athlete_group.isVisible()
    client_id = create_client(qtbot, window, "Mere", "Tane", "1980-02-03", "F-77")
    stored = carl.get_client(client_id).client
    assert (stored.given_name, stored.family_name, stored.external_id) == ("Mere", "Tane", "F-77")
    assert stored.notes == "" and stored.athlete_group is None
    assert carl.audit_events(client_id)[-1].actor == "rita"
    assert no_modals == []


def test_a_clinician_saving_first_makes_reception_choose_field_by_field_not_overwrite(
        qtbot: Any, clinic_desk: Any, tmp_path: Path, no_modals: Any) -> None:
    carl = clinic_desk.carl
    client_id, _ = carl.add_client(client(0, phone="0400 123 456", notes="clinical remark"))
    rita = clinic_desk.rita
    window = reception_window(qtbot, rita, tmp_path)
    window.edit_client(client_id)
    dialog = window._client_dialog
    qtbot.waitUntil(lambda: dialog.version is not None, timeout=10000)
    wait_for_storage(qtbot)
    opened = dialog.version
    stored = carl.get_client(client_id).client
    carl.update_client(client_id, replace(stored, email="new@example.org"), expected_version=opened)
    type_into(qtbot, dialog.phone, "0400 999 000")
    assert dialog.save()
    qtbot.waitUntil(lambda: dialog.conflict_dialog is not None and dialog.conflict_dialog.isVisible(),
                    timeout=10000)
    wait_for_storage(qtbot)
    choice = dialog.conflict_dialog
    # Only what reception may write is compared; who saved it and when is not reception's to read.
    assert [d.field for d in choice.conflict.differences()] == ["phone", "email"]
    assert choice.conflict.fields == ("given_name", "family_name", "date_of_birth", "sex", "external_id",
                                      "phone", "email")
    assert "carl" not in choice.explanation.text() and "Someone else saved" in choice.explanation.text()
    assert dialog.isVisible() and dialog.phone.text() == "0400 999 000"
    assert carl.get_client(client_id).client.phone == "0400 123 456"  # nothing overwritten
    assert carl.get_client(client_id).client.email == "new@example.org"
    choice.choose("email", THEIRS)  # reception keeps its phone number and the clinician's email
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        choice.save_button.click()
    wait_for_storage(qtbot)
    final = carl.get_client(client_id).client
    assert final == replace(stored, phone="0400 999 000", email="new@example.org")  # notes untouched
