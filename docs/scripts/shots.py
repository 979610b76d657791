"""What the window screenshot scripts share: the demo clinic in a throwaway data folder,
the real window on it, waiting for its background work, and saving a visit.

Imported by the scripts beside it (run as ``python docs/scripts/<script>.py``).
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def demo_profile(**settings: Any) -> Any:
    """The letterhead and clinicians every screenshot shows (``settings`` overrides letterhead fields)."""
    from desktop.clinical import model as m

    letterhead = m.ClinicSettings(clinic_name="Harbour Physiotherapy", address="12 Quay Street, Harbourtown",
                                  phone="03 555 0100")
    return m.ClinicProfile(replace(letterhead, **settings),
                           (m.Clinician("Jo Smith", "BPhty, APAM", "PHY0001234567"), m.Clinician("Mia Chen", "MPhty")))


def charts_drawing(app: Any) -> bool:
    """True while a shown trend view still draws its charts in (one per turn of the event loop)."""
    trend_view = sys.modules.get("desktop.ui.history.trend_view")
    if trend_view is None:
        return False
    return any(isinstance(w, trend_view.TrendView) and w.isVisible() and w.drawing() for w in app.allWidgets())


def settle(app: Any, rounds: int = 5) -> None:
    """Let queued events run, every background task finish and report back, and every chart draw in."""
    from desktop.ui.worker import is_idle, wait_for_all

    for _ in range(100):
        for _ in range(rounds):
            app.processEvents()
        wait_for_all(30000)
        for _ in range(rounds):
            app.processEvents()
        if is_idle() and not charts_drawing(app):
            return


@dataclass
class DemoWindow:
    """The main window on a throwaway data folder."""

    app: Any
    window: Any
    repo: Any
    paths: Any

    def settle(self) -> None:
        settle(self.app)

    def grab(self, path: Path, widget: Any = None) -> Path:
        """Save ``widget`` (the window by default) as drawn, after the window has settled."""
        self.settle()
        if not (widget or self.window).grab().save(str(path)):
            raise OSError(f"could not write {path}")
        return path

    def save_visit(self, editor: Any) -> int:
        """Save the editor's visit and wait until it is stored; its id."""
        stored: list[int] = []
        editor.saved.connect(stored.append)
        if not editor.save():
            problems = editor.check.problems if editor.check else []
            raise SystemExit(f"visit not saved: {[str(p) for p in problems]}")
        while not stored and editor._saving:
            self.settle()
        if not stored:
            raise SystemExit(f"visit not saved: {editor.message.text()}")
        return stored[0]


def demo_window(size: tuple[int, int], *, data_dir: Path | None = None, profile: Any = None,
                demo_clients: bool = True) -> DemoWindow:
    """The demo clinic (its clients unless ``demo_clients`` is False) in the window, shown at ``size``."""
    from PySide6.QtWidgets import QApplication

    from desktop.paths import resolve_paths
    from desktop.services.app_services import build_services
    from desktop.services.clinic import ClinicService
    from desktop.services.database import open_repository
    from desktop.services.demo import add_demo_clients
    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    paths = resolve_paths(data_dir or tempfile.mkdtemp(prefix="medius-shots-"))
    repo = open_repository(paths)
    ClinicService(repo).save(profile or demo_profile())
    if demo_clients:
        add_demo_clients(repo)
    window = MainWindow(build_services(repo, paths), install_error_handler=False)
    window.resize(*size)
    window.show()
    shown = DemoWindow(app, window, repo, paths)
    shown.settle()
    return shown
