"""On a clinic server the idle lock signs the person out: the server refuses their session until they
sign in again with their own password, and nothing they typed is lost."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db.engine import make_engine
from db.models import DraftRow
from db.repository import Repository
from desktop.paths import resolve_paths
from desktop.services.accounts import SignedOut
from desktop.services.app_services import build_services
from desktop.ui.safety import prompts
from tests.fixtures.records import client
from tests.server_setup import PASSWORDS, set_up
from tests.ui.helpers import type_into, wait_for_storage


def test_the_idle_lock_signs_the_person_out_and_back_in(
        qtbot: Any, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.safety.idle_lock import IdleLock
    from desktop.ui.worker import wait_for_all

    server = set_up(pg_url)
    owner = Repository(make_engine(pg_url), actor="alice", role="admin")
    owner.save_settings(replace(owner.get_settings(), idle_lock_minutes=1))
    client_id, _ = owner.add_client(client(0))
    carl = server.repo("carl")
    window = MainWindow(build_services(carl, resolve_paths(tmp_path / "room").ensure()), install_error_handler=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.clients_loaded, timeout=10000):
        window.show()
    lock = IdleLock(window.services, window)
    asked: list[tuple[str, str]] = []

    def ask_password(_parent: Any, _title: str, text: str, *_rest: Any) -> str:
        wait_for_all(10000)  # the draft, then the sign-out, ran on the storage lane
        try:
            carl.list_clients()
            asked.append(("read while locked", "allowed"))
        except SignedOut:
            asked.append(("read while locked", "refused"))
        asked.append(("text", text))
        return "not carl's password" if len(asked) == 2 else PASSWORDS["carl"]

    monkeypatch.setattr(prompts, "ask_password", ask_password)
    try:
        qtbot.waitUntil(lambda: lock.armed, timeout=10000)
        assert lock.timer.interval() == 60_000  # the clinic's setting on the server
        editor = window.editor
        with qtbot.waitSignal(editor.opened, timeout=15000):
            window.open_assessment_for(client_id)
        type_into(qtbot, editor.page("visit").body_mass, "80.5")
        assert editor.dirty

        with qtbot.waitSignal(lock.unlocked, timeout=20000):
            lock.timer.timeout.emit()
            assert lock.locked and not window.isVisible()
        wait_for_storage(qtbot)

        assert asked[0] == asked[2] == ("read while locked", "refused")
        assert "signed you out of the clinic server" in asked[1][1] and "as carl" in asked[1][1]
        assert "not right" in asked[3][1]  # the wrong password did not sign him in
        assert window.isVisible() and not lock.locked
        # Nothing typed is lost: on screen, and written as his draft before he was signed out.
        assert editor.page("visit").body_mass.text() == "80.5" and editor.dirty
        with owner._read() as session:
            owners = list(session.execute(select(DraftRow.owner)).scalars())
        assert owners == ["carl"]
        assert [c.id for c in carl.list_clients()] == [client_id]  # signed in again
    finally:
        lock.stop()
        wait_for_all(10000)
        carl.engine.dispose()
        owner.engine.dispose()
