"""Signed in with a changed password while visits wait sealed under the old one: the window says so in
plain words, and the previous password sends them (a real PostgreSQL); leaving them keeps them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from db.engine import make_engine
from db.repository import Repository
from desktop.services.outbox import attach_outbox, open_outbox
from tests.fixtures.records import assessment, client
from tests.ui.helpers import shown_window, wait_for_storage

OLD, NEW = "carl-old-password", "carl-new-password"


def _window(qtbot: Any, pg_url: str, tmp_path: Path, *, delivered: bool = False) -> tuple[Any, Any, Any, int]:
    from desktop.ui.safety.outbox_courier import OutboxCourier

    repo = Repository(make_engine(pg_url), actor="carl", device="room-1")
    client_id, _ = repo.add_client(client(0))
    before = open_outbox(tmp_path, pg_url, "carl", OLD)
    entry = before.put(client_id, None, None, assessment(3))
    if delivered:  # delivered before the password changed: the file stays, holding no visit
        before.remove(entry)
    attach_outbox(repo, open_outbox(tmp_path, pg_url, "carl", NEW))  # the sign-in after an admin's reset
    services, window = shown_window(qtbot, repo, tmp_path / "laptop")
    courier = OutboxCourier(services, window, window)
    courier.start()
    qtbot.waitUntil(lambda: getattr(courier, "earlier_dialog", None) is not None, timeout=10000)
    return repo, window, courier, client_id


def test_the_previous_password_sends_the_visits_kept_under_it(qtbot: Any, pg_url: str, tmp_path: Path,
                                                              no_modals: Any) -> None:
    from desktop.ui.worker import wait_for_all

    repo, window, courier, client_id = _window(qtbot, pg_url, tmp_path)
    try:
        dialog = courier.earlier_dialog
        assert dialog.isVisible()
        text = " ".join(label.text() for label in dialog.findChildren(type(dialog.message)))
        assert "previous" in text and "Nothing has been deleted" in text and "leave them for later" in text
        qtbot.keyClicks(dialog.password, "a wrong guess")
        dialog.send_button.click()
        qtbot.waitUntil(lambda: "not the previous password" in dialog.message.text(), timeout=10000)
        assert dialog.isVisible() and repo.list_assessments(client_id) == []
        dialog.password.clear()
        qtbot.keyClicks(dialog.password, OLD)
        with qtbot.waitSignal(dialog.accepted, timeout=10000):
            dialog.send_button.click()
        qtbot.waitUntil(lambda: len(repo.list_assessments(client_id)) == 1, timeout=15000)
        wait_for_storage(qtbot)
        assert courier.visits.outbox.count() == 0 and courier.visits.outbox.earlier() == []
        assert no_modals == []
    finally:
        courier.stop()
        wait_for_all(10000)
        repo.engine.dispose()


def test_leaving_them_for_later_keeps_them_sealed_and_asks_again(qtbot: Any, pg_url: str, tmp_path: Path,
                                                                 no_modals: Any) -> None:
    from desktop.ui.worker import wait_for_all

    repo, window, courier, client_id = _window(qtbot, pg_url, tmp_path)
    try:
        (aside,) = courier.visits.outbox.earlier()
        sealed = aside.read_bytes()
        courier.earlier_dialog.later_button.click()
        wait_for_storage(qtbot)
        assert not courier.earlier_dialog.isVisible()
        assert aside.read_bytes() == sealed and repo.list_assessments(client_id) == []
        assert open_outbox(tmp_path, pg_url, "carl", NEW).earlier() == [aside]  # asked again next sign-in
    finally:
        courier.stop()
        wait_for_all(10000)
        repo.engine.dispose()


def test_an_outbox_emptied_before_the_change_is_not_said_to_hold_visits(qtbot: Any, pg_url: str, tmp_path: Path,
                                                                       no_modals: Any) -> None:
    from desktop.ui.worker import wait_for_all

    repo, window, courier, _client_id = _window(qtbot, pg_url, tmp_path, delivered=True)
    try:
        dialog = courier.earlier_dialog
        text = " ".join(label.text() for label in dialog.findChildren(type(dialog.message)))
        assert "may still be waiting" in text and "whether any are waiting" in text
        qtbot.keyClicks(dialog.password, OLD)
        with qtbot.waitSignal(dialog.accepted, timeout=10000):
            dialog.send_button.click()
        assert window.statusBar().currentMessage().startswith("No visit was waiting")
        assert courier.visits.outbox.earlier() == [] and no_modals == []
    finally:
        courier.stop()
        wait_for_all(10000)
        repo.engine.dispose()
