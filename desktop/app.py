"""GUI composition root: paths, single instance, logging, password, checks, database, window.

Start-up order, each step able to stop politely: data folder usable; no other
Medius on it (lock file); logging; the clinic password when the folder is
encrypted (or the offer to set one at first start); ``quick_check`` with
recovery from the newest good backup; migrations; audit-chain check; the
window; the daily backup in the background. At exit: a backup if anything
changed, then the lock is released. Nothing here imports reportlab or
pyqtgraph; they load when first needed.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

log = logging.getLogger(__name__)


def run_gui(args: argparse.Namespace) -> int:
    # Storage first: once QtCore is loaded, PySide6's import hook taxes every later import.
    import db.repository  # noqa: F401
    import desktop.services.assessments  # noqa: F401
    from db.engine import DatabaseError
    from desktop import APP_NAME
    from desktop.logging_setup import setup_logging
    from desktop.paths import resolve_paths, resource
    from desktop.services.database import open_repository, restrict_permissions

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication
    from desktop.ui.safety import prompts
    from desktop.ui.safety.instance import InstanceLock
    from desktop.ui.safety.startup import (
        ALREADY_RUNNING,
        StartCancelled,
        check_audit_in_background,
        obtain_key,
        recover_if_damaged,
    )

    paths = resolve_paths(args.data_dir)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("medius")
    app.setWindowIcon(QIcon(str(resource("icons", "medius.svg"))))
    try:
        paths.ensure()
    except OSError as exc:
        prompts.warn(None, APP_NAME, f"Medius cannot use its data folder {paths.data_dir}: "
                                     f"{exc.strerror or exc}. Check that the drive is connected and writable.")
        return 1
    lock = InstanceLock(paths)
    if not lock.acquire():
        prompts.inform(None, APP_NAME, ALREADY_RUNNING)
        return 0
    try:
        setup_logging(paths.logs)
        local = args.database_url is None
        interactive = not getattr(args, "exit_after_startup", False)
        try:
            key = obtain_key(paths, interactive=interactive) if local else None
            if local and not recover_if_damaged(paths, key):
                return 1
            repo = open_repository(paths, args.database_url, key_hex=key)
        except StartCancelled:
            return 0
        except (DatabaseError, OSError) as exc:
            log.error("could not open the database: %s", type(exc).__name__)
            prompts.warn(None, APP_NAME, f"Medius could not open its database.\n\n{exc}")
            return 1
        from desktop.ui.main_window import MainWindow

        window = MainWindow(repo, paths)
        window.show()
        check_audit_in_background(repo, window)
        idle = _start_background_safety(repo, paths, window) if local else None
        if getattr(args, "exit_after_startup", False):
            window.clients_loaded.connect(lambda: QTimer.singleShot(0, app.quit),
                                          Qt.ConnectionType.SingleShotConnection)
        code = int(app.exec())
        if idle is not None:
            idle.stop()
        if local:
            _backup_at_exit(repo, paths)
            restrict_permissions(paths)
        return code
    finally:
        lock.release()


def _start_background_safety(repo: Any, paths: Any, window: Any) -> Any:
    """The idle lock, and the daily backup off the GUI thread once the window is up."""
    from desktop.services.backup import BackupService
    from desktop.ui.safety.idle_lock import IdleLock
    from desktop.ui.worker import run_in_background

    idle = IdleLock(repo, paths, window)

    def failed(error: BaseException) -> None:
        log.warning("automatic backup at start failed: %s", type(error).__name__)
        window.statusBar().showMessage(window.tr("The automatic backup failed: ") + str(error), 15000)

    run_in_background(BackupService(repo, paths).automatic, on_error=failed)
    return idle


def _backup_at_exit(repo: Any, paths: Any) -> None:
    from desktop.services.backup import BackupService
    from desktop.ui.worker import wait_for_all

    wait_for_all(60000)
    try:
        BackupService(repo, paths).automatic(at_exit=True)
    except Exception as exc:  # noqa: BLE001 - closing must finish; the reason is logged
        log.warning("automatic backup at exit failed: %s", type(exc).__name__)
