"""Start-up through desktop.app.run_gui: one instance, password, damage recovery, idle lock, clean logs."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.app import run_gui
from desktop.paths import AppPaths
from desktop.services import security
from desktop.services.app_services import build_services
from desktop.services.backup import BackupService
from desktop.services.database import open_repository
from desktop.ui.safety.idle_lock import IdleLock
from desktop.ui.safety.instance import InstanceLock
from tests.fixtures.records import assessment, client, filled_repository, table_rows
from tests.ui.safety.conftest import Prompts

ROOT = Path(__file__).resolve().parents[3]


def _args(paths: AppPaths, *, quit_at_once: bool = True) -> argparse.Namespace:
    return argparse.Namespace(data_dir=str(paths.data_dir), database_url=None, exit_after_startup=quit_at_once,
                              command=None)


def start(paths: AppPaths, **answers: list[object]) -> tuple[int, list[list[str]]]:
    """The real start-up in a fresh process (a finished app.exec() would disturb later Qt tests)."""
    import json

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, str(Path(__file__).with_name("gui_driver.py")), str(paths.data_dir),
                           json.dumps(answers)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return int(result["code"]), result["shown"]


def texts(shown: list[list[str]], kind: str) -> list[str]:
    return [text for name, _title, text in shown if name == kind]


def test_second_instance_is_refused_politely(paths: AppPaths, asked: Prompts) -> None:
    import shibokensupport.feature as feature  # type: ignore[import-not-found]  # PySide6's own

    scan = feature._mod_uses_pyside
    holder = InstanceLock(paths)
    assert holder.acquire()
    try:
        assert run_gui(_args(paths)) == 0
    finally:
        holder.release()
    assert "already open" in asked.texts("inform")[0]
    assert not paths.database.exists()  # nothing was opened
    assert feature._mod_uses_pyside is scan  # PySide6's source scan, skipped while starting, is back


PROBE = textwrap.dedent("""
    import sys
    from desktop.ui.safety import prompts
    prompts.inform = lambda parent, title, text: print("INFORM:", text)
    from desktop.cli import main
    sys.exit(main(["--data-dir", sys.argv[1], "--exit-after-startup"]))
""")


def test_second_process_exits_0_and_a_killed_owner_leaves_no_lock(paths: AppPaths, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    holder = InstanceLock(paths)
    assert holder.acquire()
    try:
        second = subprocess.run([sys.executable, "-c", PROBE, str(paths.data_dir)], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=120)
    finally:
        holder.release()
    assert second.returncode == 0, second.stderr
    assert "INFORM: Medius is already open" in second.stdout

    owner = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sys, time
        from desktop.paths import AppPaths
        from desktop.ui.safety.instance import InstanceLock
        lock = InstanceLock(AppPaths(__import__("pathlib").Path(sys.argv[1])))
        print(lock.acquire(), flush=True)
        time.sleep(60)
    """), str(paths.data_dir)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    assert owner.stdout is not None and owner.stdout.readline().strip() == "True"
    assert not InstanceLock(paths).acquire()  # held by a live process
    owner.send_signal(signal.SIGKILL)
    owner.wait(timeout=30)
    recovered = InstanceLock(paths)
    assert recovered.acquire()  # stale lock of a dead process is taken over
    recovered.release()


def test_encrypted_folder_asks_for_the_password_until_right(paths: AppPaths) -> None:
    key = security.create_encrypted_folder(paths, "clinic password one", n=2**10)
    filled_repository(paths, clients=2, key_hex=key).engine.dispose()
    code, shown = start(paths, ask_password=["wrong one", "clinic password one"])
    assert code == 0
    asked_texts = texts(shown, "ask_password")
    assert len(asked_texts) == 2 and asked_texts[1].startswith("That password is not right")
    code, shown = start(paths, ask_password=[None])
    assert code == 0 and len(texts(shown, "ask_password")) == 1  # cancelled: closes quietly


def test_first_start_offers_encryption(paths: AppPaths, asked: Prompts) -> None:
    from desktop.clinical.model import ClinicProfile, ClinicSettings
    from desktop.ui.first_start import SetupChoices
    from desktop.ui.safety.startup import open_folder

    # --exit-after-startup (benchmarks, smoke tests) never asks, so it never blocks.
    code, shown = start(paths)
    assert code == 0 and shown == [] and not security.is_encrypted(paths)
    paths.database.unlink()
    for side in paths.data_dir.glob("medius.sqlite3-*"):
        side.unlink()
    # Skipped: no key, no answers, nothing encrypted.
    asked.script("first_start", None)
    assert open_folder(paths, interactive=True) == (None, None) and not security.is_encrypted(paths)
    # The assistant's protection page chose a password: the folder is encrypted before the database exists.
    choices = SetupChoices(ClinicProfile(ClinicSettings(clinic_name="Harbour")), password="first clinic password")
    asked.script("first_start", choices)
    key, answered = open_folder(paths, interactive=True)
    assert key is not None and security.is_encrypted(paths) and answered == choices
    assert security.unlock(paths, "first clinic password") == key
    assert asked.texts("confirm") == []  # no bare yes/no question any more


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for number in range(1, len(data) // 4096, 3):
        data[number * 4096:number * 4096 + 64] = os.urandom(64)
    path.write_bytes(bytes(data))


def test_damaged_database_at_start_offers_the_newest_good_backup(paths: AppPaths) -> None:
    repo = filled_repository(paths, clients=8, visits=3)
    good = BackupService(repo, paths).back_up().path
    repo.engine.dispose()
    _damage(paths.database)
    damaged = paths.database.read_bytes()

    code, shown = start(paths, confirm=[False])
    assert code == 1
    assert paths.database.read_bytes() == damaged  # declined: untouched

    code, shown = start(paths, confirm=[True])
    assert code == 0
    assert "8 client(s)" in texts(shown, "confirm")[0] and "kept" in texts(shown, "confirm")[0]
    kept = [p for p in paths.data_dir.glob("medius.sqlite3.damaged-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert table_rows(paths.database)["clients"] == table_rows(good)["clients"]


def test_idle_lock_hides_windows_and_needs_the_password(qtbot: QtBot, paths: AppPaths, asked: Prompts) -> None:
    from dataclasses import replace

    key = security.create_encrypted_folder(paths, "clinic password one")
    repo = open_repository(paths, key_hex=key)
    repo.save_settings(replace(repo.get_settings(), idle_lock_minutes=1))
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(build_services(repo, paths), window)
    try:
        qtbot.waitUntil(lambda: lock.armed, timeout=10000)
        assert lock.armed and lock.timer.interval() == 60_000
        asked.script("ask_password", "not it", "clinic password one")
        with qtbot.waitSignal(lock.unlocked, timeout=5000):
            lock.timer.timeout.emit()
            assert lock.locked and not window.isVisible()
        assert window.isVisible() and not lock.locked and lock.armed
        assert len(asked.texts("ask_password")) == 2, asked.shown
    finally:
        lock.stop()


def test_no_identifying_data_in_logs_after_a_gui_session(qtbot: QtBot, paths: AppPaths, asked: Prompts,
                                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Create a client through the real client dialog, work in the window, hit errors; then read every log."""
    from PySide6.QtCore import Qt

    from desktop.logging_setup import setup_logging
    from desktop.ui import safety
    from desktop.ui.client_dialog import ClientDialog
    from desktop.ui.main_window import MainWindow

    setup_logging(paths.logs)
    repo = open_repository(paths)
    window = MainWindow(build_services(repo, paths), install_error_handler=False)
    qtbot.addWidget(window)
    window.show()
    dialog = ClientDialog(window.services, None, window)
    qtbot.addWidget(dialog)
    # QTest cannot type non-Latin characters, so the text goes in as an input method would put it.
    for field, text in ((dialog.given, "Thị Ánh"), (dialog.family, "Nguyễn"), (dialog.email, "anh.nguyen@example.org")):
        field.setFocus()
        field.insert(text)
    dialog.dob.setFocus()
    dialog.dob.insert("1971-03-14")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    client_id = dialog.client_id
    assert client_id is not None
    repo.add_assessment(client_id, assessment(3))
    window.refresh()
    safety.open_audit_dialog(window, build_services(repo, paths), client_id)
    asked.script("choose_folder", tmp_path / "request")
    task = safety.export_client_data(window, build_services(repo, paths), client_id)
    qtbot.waitUntil(lambda: task.done, timeout=20000)
    BackupService(repo, paths).back_up()
    # An error carrying identifying text on its way to the log (the safety net must scrub it).
    import logging

    try:
        repo.add_client(client(0, date_of_birth=date(1971, 3, 14), email="anh.nguyen@example.org",
                               given_name="x" * 5000))
    except Exception as error:  # noqa: BLE001 - logged like the window's error handler does
        logging.getLogger("medius.test").exception("save failed: %s", error)
    logging.getLogger("desktop.ui").warning("draft for %s kept", "anh.nguyen@example.org 1971-03-14")
    for handler in logging.getLogger().handlers:
        handler.flush()
    window.close()

    logs = [p for p in paths.logs.rglob("*") if p.is_file()]
    assert logs
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in logs)
    for needle in ("Nguyễn", "Thị Ánh", "1971-03-14", "14/03/1971", "anh.nguyen@example.org", "example.org"):
        assert needle not in text, needle


def test_an_ordinary_start_fills_the_list_first_then_opens_storage_and_backs_up(paths: AppPaths) -> None:
    from desktop.services.backup import automatic_backups

    filled_repository(paths, clients=3, visits=1).engine.dispose()
    assert automatic_backups(paths.backups) == []

    code, shown = start(paths)

    assert (code, shown) == (0, [])
    assert len(automatic_backups(paths.backups)) == 1  # the background steps ran once storage opened
    again = InstanceLock(paths)
    assert again.acquire()  # the lock was released at exit
    again.release()


FAILING_STORAGE = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    import desktop.app
    from db.errors import DatabaseError
    from desktop.ui.safety import prompts

    shown = []
    prompts.warn = lambda parent, title, text: shown.append(str(text))

    def broken(paths):
        raise DatabaseError("disk I/O error")

    desktop.app._open_storage = broken
    app = QApplication(sys.argv[:1])
    QTimer.singleShot(30000, app.quit)  # a window that stays open fails below instead of hanging
    from desktop.cli import main
    code = main(["--data-dir", sys.argv[1]])
    print(json.dumps({"code": code, "shown": shown}))
""")


def test_storage_failing_after_the_quick_first_screen_is_reported_and_closes(paths: AppPaths) -> None:
    import json

    filled_repository(paths, clients=2, visits=1).engine.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", FAILING_STORAGE, str(paths.data_dir)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])

    assert result["code"] == 1
    assert len(result["shown"]) == 1 and "could not open its database" in result["shown"][0]
    assert "disk I/O error" in result["shown"][0]
