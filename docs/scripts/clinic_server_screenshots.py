"""Screenshots for docs/clinic-server.md: the side-by-side conflict dialogs (a visit, a client's
details), reception's client page and edit form, and the question about visits kept under a
previous password.

The reception page needs a real PostgreSQL (a throwaway server, as the tests start).

Usage: QT_QPA_PLATFORM=offscreen python docs/scripts/clinic_server_screenshots.py [--out-dir DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def conflict_dialog(out: Path) -> None:
    from desktop.services.conflicts import VisitConflict
    from desktop.ui.assessment.conflict_dialog import THEIRS, ConflictDialog
    from tests.fixtures.records import assessment

    yours = dataclasses.replace(assessment(3), pain_nprs=7, body_mass_kg=80.5,
                                notes="Pain worse after gardening on Sunday; reviewed home program.")
    theirs = dataclasses.replace(assessment(3), pain_nprs=2, notes="Phoned: pain settling.")
    dialog = ConflictDialog(VisitConflict(1, 12, 2, 3, yours, theirs, "carl", datetime(2026, 12, 2, 14, 3)))
    dialog.choose("notes", THEIRS)
    dialog.show()
    from PySide6.QtWidgets import QApplication

    for _ in range(5):
        QApplication.processEvents()
    dialog.grab().save(str(out / "conflict.png"))


def client_conflict_dialog(out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.services.conflicts import ClientConflict
    from desktop.ui.client_conflict_dialog import THEIRS, ClientConflictDialog
    from tests.fixtures.records import client

    stored = client(2, phone="0400 123 456", email="zoe.nunez@example.org", notes="Prefers morning appointments.")
    yours = dataclasses.replace(stored, phone="0411 222 333", email=None, family_name="Núñez-Ortiz",
                                notes="Prefers morning appointments. Moved to Hobart in November.")
    dialog = ClientConflictDialog(ClientConflict(7, 4, 5, yours, stored, "carl", datetime(2026, 12, 2, 14, 3)))
    dialog.choose("email", THEIRS)
    dialog.show()
    for _ in range(5):
        QApplication.processEvents()
    dialog.grab().save(str(out / "client-conflict.png"))


def reception_page(out: Path, app: object) -> None:
    from desktop.paths import resolve_paths
    from desktop.services.app_services import build_services
    from desktop.ui.main_window import MainWindow
    from desktop.ui.worker import wait_for_all
    from tests.fixtures.records import assessment, client
    from tests.pgserver import start_server
    from tests.server_setup import set_up

    def settle() -> None:
        for _ in range(50):
            app.processEvents()  # type: ignore[attr-defined]
            wait_for_all(200)

    server = start_server()
    try:
        clinic = set_up(server.create_database("shots"))
        carl = clinic.repo("carl")
        client_id, _ = carl.add_client(client(0, phone="0400 123 456"), [assessment(2)])
        rita = clinic.repo("rita")
        window = MainWindow(build_services(rita, resolve_paths(Path(tempfile.mkdtemp())).ensure()),
                            install_error_handler=False)
        window.resize(1100, 600)
        window.show()
        settle()
        window.open_client(client_id)
        settle()
        window.grab().save(str(out / "reception.png"))
        window.edit_client(client_id)
        settle()
        window._client_dialog.grab().save(str(out / "reception-edit.png"))
        window._client_dialog.reject()
        window.close()
        rita.engine.dispose()
        carl.engine.dispose()
    finally:
        server.destroy()


def kept_visits_dialog(out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.safety.outbox_courier import EarlierOutboxDialog

    dialog = EarlierOutboxDialog(None)  # type: ignore[arg-type] - only shown, nothing is sent
    dialog.show()
    for _ in range(5):
        QApplication.processEvents()
    dialog.grab().save(str(out / "kept-visits.png"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs" / "clinic-server")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    args.out_dir.mkdir(parents=True, exist_ok=True)
    conflict_dialog(args.out_dir)
    client_conflict_dialog(args.out_dir)
    kept_visits_dialog(args.out_dir)
    reception_page(args.out_dir, app)
    return 0


if __name__ == "__main__":
    sys.exit(main())
