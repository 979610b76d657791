"""Backups, audit, privacy and security windows through their real widgets, with patched prompts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.paths import AppPaths
from desktop.services import security
from desktop.services.app_services import build_services
from desktop.services.backup import is_encrypted_file, list_backups
from desktop.ui import safety
from tests.fixtures.records import client, filled_repository, table_rows
from tests.ui.helpers import wait_for_storage
from tests.ui.safety.conftest import Prompts


def test_backups_window_backs_up_shows_contents_and_restores(qtbot: QtBot, paths: AppPaths, asked: Prompts) -> None:
    repo = filled_repository(paths)
    dialog = safety.open_backups_dialog(None, build_services(repo, paths))
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0

    qtbot.mouseClick(dialog.back_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1 and not dialog.busy, timeout=10000)
    backup = dialog.model.path(0)
    saved = table_rows(backup)
    dialog.select_row(0)
    qtbot.waitUntil(lambda: "3 client(s)" in dialog.details.text(), timeout=10000)
    assert "6 assessment(s)" in dialog.details.text() and "newest visit 2026-10-02" in dialog.details.text()

    repo.add_client(client(1, given_name="After"))
    asked.script("confirm", False)
    dialog.restore_selected()
    wait_for_storage(qtbot)
    assert len(repo.list_clients()) == 4  # declined: nothing replaced
    assert "3 client(s), 6 assessment(s)" in asked.texts("confirm")[0]

    asked.script("confirm", True)
    with qtbot.waitSignal(dialog.restored, timeout=15000):
        dialog.restore_selected()
    assert len(repo.list_clients()) == 3
    assert {t: r for t, r in table_rows(paths.database).items() if t != "audit_events"} == {
        t: r for t, r in saved.items() if t != "audit_events"}
    assert any(p.name.startswith("medius-pre-restore-") for p in list_backups(paths.backups))


def test_backups_window_refuses_a_damaged_file(qtbot: QtBot, paths: AppPaths, asked: Prompts, tmp_path: Path) -> None:
    repo = filled_repository(paths, clients=1)
    before = table_rows(paths.database)
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    dialog = safety.open_backups_dialog(None, build_services(repo, paths))
    qtbot.addWidget(dialog)
    asked.script("choose_open_file", broken)
    dialog.restore_from_file()
    wait_for_storage(qtbot)
    assert asked.texts("warn") and "cannot be restored" in asked.texts("warn")[0]
    assert not asked.texts("confirm")
    assert table_rows(paths.database) == before


def test_save_a_copy_elsewhere(qtbot: QtBot, paths: AppPaths, asked: Prompts, tmp_path: Path) -> None:
    repo = filled_repository(paths, clients=2)
    dialog = safety.open_backups_dialog(None, build_services(repo, paths))
    qtbot.addWidget(dialog)
    target = tmp_path / "usb" / "clinic.sqlite3"
    asked.script("choose_save_file", target)
    dialog.save_copy()
    qtbot.waitUntil(lambda: target.exists() and not dialog.busy, timeout=10000)
    assert table_rows(target)["clients"] == table_rows(paths.database)["clients"]


def test_audit_window_lists_the_clients_events_and_spots_tampering(qtbot: QtBot, paths: AppPaths,
                                                                   asked: Prompts) -> None:
    repo = filled_repository(paths, clients=2, visits=2)
    dialog = safety.open_audit_dialog(None, build_services(repo, paths), 1)
    qtbot.addWidget(dialog)
    wait_for_storage(qtbot)
    assert dialog.model.rowCount() == 3  # client created, two assessments created
    assert "intact" in dialog.status.text()
    repo.engine.dispose()
    conn = sqlite3.connect(paths.database)
    with conn:
        conn.execute("DROP TRIGGER audit_events_no_update")
        conn.execute("UPDATE audit_events SET detail = 'fields=notes' WHERE id = 2")
    conn.close()
    tampered = safety.open_audit_dialog(None, build_services(repo, paths), None)
    qtbot.addWidget(tampered)
    wait_for_storage(qtbot)
    assert "altered at entry #2" in tampered.status.text()


def test_delete_client_asks_plainly_and_deletes_only_when_confirmed(qtbot: QtBot, paths: AppPaths,
                                                                    asked: Prompts) -> None:
    repo = filled_repository(paths, clients=2)
    asked.script("confirm", False, True)
    outcomes: list[bool] = []
    safety.confirm_and_delete_client(None, build_services(repo, paths), 1, done=outcomes.append)
    qtbot.waitUntil(lambda: outcomes == [False], timeout=10000)
    assert len(repo.list_clients()) == 2
    safety.confirm_and_delete_client(None, build_services(repo, paths), 1, done=outcomes.append)
    qtbot.waitUntil(lambda: outcomes == [False, True], timeout=10000)
    assert [c.id for c in repo.list_clients()] == [2]
    assert "Older backups still hold" in asked.texts("confirm")[0]
    safety.confirm_and_delete_client(None, build_services(repo, paths), None, done=outcomes.append)
    assert outcomes[-1] is False  # no client chosen
    assert "Choose a client" in asked.texts("inform")[-1]


def test_privacy_export_runs_in_the_background(qtbot: QtBot, paths: AppPaths, asked: Prompts, tmp_path: Path) -> None:
    repo = filled_repository(paths, clients=1)
    asked.script("choose_folder", tmp_path / "request")
    task = safety.export_client_data(None, build_services(repo, paths), 1)
    qtbot.waitUntil(lambda: task.done, timeout=20000)
    assert task.error is None
    names = sorted(p.suffix for p in (tmp_path / "request").iterdir())
    assert names == [".json", ".pdf"]
    qtbot.waitUntil(lambda: bool(asked.texts("inform")), timeout=5000)
    assert "audit trail" not in asked.texts("inform")[-1]


def test_a_privacy_export_from_a_read_only_folder_says_it_was_not_recorded(
        qtbot: QtBot, paths: AppPaths, asked: Prompts, tmp_path: Path) -> None:
    repo = filled_repository(paths, clients=1)
    repo.read_only = True
    asked.script("choose_folder", tmp_path / "request")
    task = safety.export_client_data(None, build_services(repo, paths), 1)
    qtbot.waitUntil(lambda: task.done and bool(asked.texts("inform")), timeout=20000)
    assert "could not be recorded in the audit trail" in asked.texts("inform")[-1]


def test_security_settings_encrypt_then_change_password(qtbot: QtBot, paths: AppPaths, asked: Prompts) -> None:
    repo = filled_repository(paths, clients=2)
    dialog = safety.open_security_settings(None, build_services(repo, paths))
    qtbot.addWidget(dialog)
    wait_for_storage(qtbot)
    assert dialog.encrypt_button.isVisibleTo(dialog) and not dialog.change_button.isVisibleTo(dialog)

    asked.script("ask_new_password", ("short", "short"), ("clinic password one", "clinic password one"))
    with qtbot.waitSignal(dialog.changed, timeout=20000):
        dialog.enable_encryption()
    assert "at least" in asked.shown[1][2]  # the short password was refused with a reason
    assert is_encrypted_file(paths.database) and repo.key_hex is not None
    assert dialog.change_button.isVisibleTo(dialog)

    asked.script("ask_password", "clinic password one")
    asked.script("ask_new_password", ("clinic password two", "clinic password two"))
    with qtbot.waitSignal(dialog.changed, timeout=20000):
        dialog.change_password()
    assert security.check_password(paths, "clinic password two")
    assert not security.check_password(paths, "clinic password one")
    dialog.idle_minutes.setValue(3)
    wait_for_storage(qtbot)
    assert repo.get_settings().idle_lock_minutes == 3
