"""GUI composition root: paths, logging, database, services, then the main window.

Nothing here imports reportlab or pyqtgraph; they load when first needed.
"""

from __future__ import annotations

import argparse
import logging
import sys

log = logging.getLogger(__name__)


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from db.engine import DatabaseError
    from desktop import APP_NAME
    from desktop.logging_setup import setup_logging
    from desktop.paths import resolve_paths
    from desktop.services.database import open_repository

    paths = resolve_paths(args.data_dir)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    try:
        paths.ensure()
        setup_logging(paths.logs)
        repo = open_repository(paths, args.database_url)
    except (DatabaseError, OSError) as exc:
        log.error("could not open the database: %s", type(exc).__name__)
        QMessageBox.critical(None, APP_NAME, f"Medius could not open its database.\n\n{exc}")
        return 1

    from desktop.ui.main_window import MainWindow

    window = MainWindow(repo, paths)
    window.show()
    if getattr(args, "exit_after_startup", False):
        window.clients_loaded.connect(lambda: QTimer.singleShot(0, app.quit))
    return int(app.exec())
