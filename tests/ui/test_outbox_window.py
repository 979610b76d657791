"""The clinic server stops while a visit is saved in the window: it is kept on the laptop with a clear
message, never half-saved, and saved by itself when the server is back (a real PostgreSQL, stopped
and started)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from db.engine import make_engine
from db.repository import Repository
from desktop.services.outbox import attach_outbox, open_outbox
from tests.fixtures.records import client
from tests.pgserver import PgServer
from tests.ui.helpers import fill_pain, fill_visit, save_visit, settle, shown_window, wait_for_storage


def test_a_visit_saved_while_the_server_is_stopped_is_kept_then_saved_when_it_returns(
        qtbot: Any, pg_server: PgServer, pg_url: str, tmp_path: Path, no_modals: Any) -> None:
    from desktop.ui.safety.outbox_courier import OutboxCourier
    from desktop.ui.worker import wait_for_all

    repo = Repository(make_engine(pg_url), actor="carl", device="room-1")
    outbox = open_outbox(tmp_path, pg_url, "carl", "carl's own password")
    attach_outbox(repo, outbox)
    client_id, _ = repo.add_client(client(0))
    services, window = shown_window(qtbot, repo, tmp_path / "laptop")
    courier = OutboxCourier(services, window, window)
    try:
        editor = window.editor
        with qtbot.waitSignal(editor.opened, timeout=15000):
            window.open_assessment_for(client_id)
        fill_visit(qtbot, editor)
        fill_pain(qtbot, editor)
        settle(qtbot, editor)
        wait_for_storage(qtbot)

        pg_server.stop("fast")
        try:
            assert save_visit(qtbot, editor) is None
            assert "kept on this laptop" in editor.message.text()
            assert "waiting for the clinic server" in editor.save_state.text()
            assert not editor.dirty and editor.kept_entry is not None and outbox.count() == 1
            courier.deliver_now()  # still down: it keeps waiting
            wait_for_storage(qtbot)
            assert outbox.count() == 1 and editor.assessment_id is None
        finally:
            pg_server.start()
        assert repo.list_assessments(client_id) == []  # nothing half-saved

        with qtbot.waitSignal(editor.saved, timeout=15000):
            courier.deliver_now()
        wait_for_storage(qtbot)
        ((aid, stored),) = repo.list_assessments(client_id)
        assert (stored.body_mass_kg, stored.pain_nprs) == (68.0, 6)
        assert editor.assessment_id == aid and editor.version == 1 and editor.kept_entry is None
        assert "Saved to the clinic server" in editor.message.text()
        assert "saved to the clinic server" in window.statusBar().currentMessage()
        assert outbox.count() == 0
        # Edits after that are ordinary versioned saves of the stored visit.
        fill_visit(qtbot, editor, mass="69")
        assert save_visit(qtbot, editor) == aid
        assert repo.assessment_version(aid) == 2 and len(repo.list_assessments(client_id)) == 1
    finally:
        courier.stop()
        wait_for_all(10000)
        repo.engine.dispose()
