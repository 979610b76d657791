"""Unsaved typing in the client details form is kept as a draft (per person and device) until it
is saved or discarded: a crash loses nothing, and the visit-draft banners are not confused by it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from desktop.services.app_services import build_services
from desktop.services.drafts import DRAFT_PREFIX, client_details_key, parse_draft_key
from desktop.ui.client_conflict_dialog import THEIRS
from tests.fixtures.records import client
from tests.ui.helpers import reception_window, type_into, wait_for_storage


def _open_form(qtbot: Any, window: Any, client_id: int | None) -> Any:
    if client_id is None:
        window.new_client()
    else:
        window.edit_client(client_id)
    dialog = window._client_dialog
    qtbot.waitUntil(lambda: dialog.draft_checked, timeout=10000)
    wait_for_storage(qtbot)
    return dialog


def _crash(qtbot: Any, window: Any) -> None:
    """The window disappears without any close handling, as when the app stops."""
    window.closeEvent = lambda event: event.accept()
    gone: list[bool] = []
    window.destroyed.connect(lambda: gone.append(True))
    window.deleteLater()
    qtbot.waitUntil(lambda: bool(gone), timeout=2000)


def _kept(repo: Any, client_id: int | None) -> dict[str, Any]:
    return dict((repo.load_draft(client_details_key(client_id)) or {}).get("fields", {}))


def test_typing_survives_a_crash_and_a_save_removes_the_draft(
        qtbot: Any, make_window: Any, medius_repo: Any, medius_paths: Any) -> None:
    from desktop.ui.main_window import MainWindow

    client_id, _ = medius_repo.add_client(client(0, phone="0400 123 456"))
    window = MainWindow(build_services(medius_repo, medius_paths), install_error_handler=False)
    with qtbot.waitSignal(window.clients_loaded, timeout=5000):
        window.show()
    form = _open_form(qtbot, window, client_id)
    assert medius_repo.load_draft(client_details_key(client_id)) is None  # nothing kept before a change
    type_into(qtbot, form.phone, "0400 999 000")
    form.notes.setFocus()
    qtbot.keyClicks(form.notes, "limps")
    qtbot.waitUntil(lambda: _kept(medius_repo, client_id).get("notes") == "limps", timeout=5000)
    assert _kept(medius_repo, client_id)["phone"] == "0400 999 000"
    _crash(qtbot, window)
    del window, form

    reopened = make_window()
    # The draft is no visit: no banner offers it, and the start-up reader's visits leave it out.
    assert [k for k, _ in medius_repo.list_drafts(DRAFT_PREFIX) if parse_draft_key(k)] == []
    assert reopened.services.visits.unsaved_visits() == []
    assert not reopened.clients_page.drafts_box.isVisibleTo(reopened)
    form = _open_form(qtbot, reopened, client_id)
    assert (form.phone.text(), form.notes.toPlainText()) == ("0400 999 000", "limps")
    assert form.message.isVisibleTo(form) and "unsaved changes" in form.message.text()
    with qtbot.waitSignal(form.saved, timeout=10000):
        assert form.save()
    wait_for_storage(qtbot)
    assert medius_repo.get_client(client_id).client.phone == "0400 999 000"
    assert medius_repo.load_draft(client_details_key(client_id)) is None


def test_a_new_client_draft_is_restored_and_cancel_discards_it(qtbot: Any, make_window: Any,
                                                               medius_repo: Any) -> None:
    window = make_window()
    form = _open_form(qtbot, window, None)
    type_into(qtbot, form.given, "Ana")
    type_into(qtbot, form.dob, "1980-05-06")
    qtbot.waitUntil(lambda: _kept(medius_repo, None).get("dob") == "1980-05-06", timeout=5000)
    form.close()  # closing the window keeps the draft
    wait_for_storage(qtbot)
    assert _kept(medius_repo, None)["given"] == "Ana"

    form = _open_form(qtbot, window, None)
    assert (form.given.text(), form.dob.text()) == ("Ana", "1980-05-06")
    form.buttons.rejected.emit()  # Cancel
    wait_for_storage(qtbot)
    assert medius_repo.load_draft(client_details_key(None)) is None
    form = _open_form(qtbot, window, None)
    assert form.given.text() == "" and not form.message.isVisibleTo(form)


def test_a_conflict_left_open_keeps_the_draft_and_compares_after_restoring(
        qtbot: Any, make_window: Any, medius_repo: Any, medius_paths: Any) -> None:
    from desktop.services.database import open_repository
    from desktop.ui.main_window import MainWindow

    client_id, _ = medius_repo.add_client(client(0, phone="0400 123 456"))
    maria = open_repository(medius_paths, actor="maria")
    window = MainWindow(build_services(medius_repo, medius_paths), install_error_handler=False)
    with qtbot.waitSignal(window.clients_loaded, timeout=5000):
        window.show()
    form = _open_form(qtbot, window, client_id)
    opened = form.version
    stored = maria.get_client(client_id).client
    maria.update_client(client_id, replace(stored, email="maria@example.org"), expected_version=opened)
    type_into(qtbot, form.phone, "0400 999 000")
    assert form.save()
    qtbot.waitUntil(lambda: form.conflict_dialog is not None and form.conflict_dialog.isVisible(), timeout=10000)
    wait_for_storage(qtbot)
    qtbot.waitUntil(lambda: _kept(medius_repo, client_id).get("phone") == "0400 999 000", timeout=5000)
    assert medius_repo.load_draft(client_details_key(client_id))["version"] == opened
    _crash(qtbot, window)
    del window, form

    reopened = make_window()
    form = _open_form(qtbot, reopened, client_id)
    assert form.phone.text() == "0400 999 000" and form.version == opened
    assert form.save()  # made from the version before maria's: compared, never overwritten
    qtbot.waitUntil(lambda: form.conflict_dialog is not None and form.conflict_dialog.isVisible(), timeout=10000)
    assert maria.get_client(client_id).client.phone == "0400 123 456"
    assert medius_repo.load_draft(client_details_key(client_id)) is not None
    form.conflict_dialog.choose("email", THEIRS)
    with qtbot.waitSignal(form.saved, timeout=10000):
        form.conflict_dialog.save_button.click()
    wait_for_storage(qtbot)
    final = maria.get_client(client_id).client
    assert (final.phone, final.email) == ("0400 999 000", "maria@example.org")
    assert medius_repo.load_draft(client_details_key(client_id)) is None
    maria.engine.dispose()


def test_reception_keeps_a_draft_on_the_clinic_server(qtbot: Any, clinic_desk: Any, tmp_path: Any,
                                                      no_modals: Any) -> None:
    carl = clinic_desk.carl
    client_id, _ = carl.add_client(client(0, phone="0400 123 456", notes="clinical remark"))
    rita = clinic_desk.rita
    window = reception_window(qtbot, rita, tmp_path)
    form = _open_form(qtbot, window, client_id)
    type_into(qtbot, form.phone, "0400 999 000")
    qtbot.waitUntil(lambda: _kept(rita, client_id).get("phone") == "0400 999 000", timeout=5000)
    assert carl.load_draft(client_details_key(client_id)) is None  # keyed by person: not carl's
    form.close()
    form = _open_form(qtbot, window, client_id)
    assert form.phone.text() == "0400 999 000"
    with qtbot.waitSignal(form.saved, timeout=10000):
        assert form.save()
    wait_for_storage(qtbot)
    assert rita.load_draft(client_details_key(client_id)) is None
    stored = carl.get_client(client_id).client
    assert (stored.phone, stored.notes) == ("0400 999 000", "clinical remark")


def test_moving_to_the_clinic_server_renumbers_a_details_draft() -> None:
    from desktop.services.clinic_server import _moved_draft_key

    assert _moved_draft_key("client:3:details", {3: 7}, {}) == "client:7:details"
    assert _moved_draft_key("client:4:details", {3: 7}, {}) is None
    assert _moved_draft_key("client:new:details", {3: 7}, {}) == "client:new:details"
    assert parse_draft_key(client_details_key(3)) is None and parse_draft_key(client_details_key(None)) is None


def test_the_idle_lock_writes_the_pending_draft_at_once(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    from desktop.ui.safety.idle_lock import IdleLock

    client_id, _ = medius_repo.add_client(client(0))
    window = make_window()
    lock = IdleLock(window.services, window)
    try:
        form = _open_form(qtbot, window, client_id)
        type_into(qtbot, form.email, "new@example.org")
        assert form._draft_timer.isActive()
        lock.locking.emit()
        assert not form._draft_timer.isActive()
        wait_for_storage(qtbot)
        assert _kept(medius_repo, client_id)["email"] == "new@example.org"
    finally:
        lock.stop()
