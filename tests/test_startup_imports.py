"""Start-up stays light: reportlab and pyqtgraph load only when a PDF or a chart is wanted.

Measured on our 2-core machines (reliability.md §7.1), pyqtgraph adds about
350 ms and reportlab about 100 ms to a 100 ms bare window. On an ordinary
start (an existing database at the current schema) the first screen is also
filled before SQLAlchemy loads, which costs about 300 ms more. Each check runs
in a fresh interpreter, because this test session has long since imported
them all. A meta-path finder records who first asked for a heavy module, so a
failure names the import line to make lazy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("reportlab", "pyqtgraph")
STORAGE = ("sqlalchemy", "alembic")
# The shipped exercise library and norm tables (and the clinical code they register with) load
# where results, a program, a report or a conflict are first wanted, not before the first client list.
CONTENT = ("desktop.content", "desktop.clinical.norms", "desktop.clinical.exercises", "desktop.clinical.strength",
           "desktop.clinical.model")

PROBE = textwrap.dedent(
    """
    import json, os, sys, traceback

    HEAVY = set(json.loads(sys.argv[3]))
    first_import = {}

    class Recorder:
        def find_spec(self, name, path=None, target=None):
            top = name.partition(".")[0]
            if top in HEAVY and top not in first_import:
                first_import[top] = "".join(traceback.format_stack(limit=14)[:-1])
            return None

    sys.meta_path.insert(0, Recorder())

    import desktop.cli
    import desktop.app
    import desktop.ui.main_window
    from desktop.services.app_services import build_services
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    QTimer.singleShot(60000, app.quit)  # a hung start-up fails below instead of blocking the suite
    mode = sys.argv[1]
    data_dir = sys.argv[2]
    if mode == "quick_window":
        from db.quick import read_first_page
        from desktop.ui.assessment.keys import DRAFT_PREFIX
        from desktop.paths import resolve_paths
        from desktop.services.handle import RepositoryHandle
        from desktop.ui.main_window import MainWindow

        paths = resolve_paths(data_dir)
        opened = []
        handle = RepositoryHandle(lambda: opened.append(True))
        window = MainWindow(build_services(handle, paths), install_error_handler=False,
                            first_page=read_first_page(paths.database, DRAFT_PREFIX))
        loaded = []
        window.clients_loaded.connect(lambda: (loaded.append(True), QTimer.singleShot(0, app.quit)))
        window.show()
        app.exec()
        status = {"loaded": bool(loaded), "rows": window.model.rowCount(), "storage_opened": bool(opened)}
        window.close()
    elif mode == "quick_app":
        import shibokensupport.feature as feature
        import desktop.ui.main_window as main_window
        import desktop.ui.worker as worker  # its source names PySide6

        at_ready = {}
        original = main_window.MainWindow._on_clients_loaded
        original_init = main_window.MainWindow.__init__

        def on_loaded(self):
            at_ready.setdefault("rows", self.model.rowCount())
            at_ready.setdefault("storage_loaded", sorted(m for m in ("sqlalchemy", "alembic") if m in sys.modules))
            at_ready.setdefault("content_loaded", sorted(m for m in json.loads(sys.argv[4]) if m in sys.modules))
            at_ready.setdefault("source_scan_at_ready", feature._mod_uses_pyside(worker))
            original(self)

        def init(self, *args, **kwargs):
            at_ready.setdefault("source_scan_while_building", feature._mod_uses_pyside(worker))
            original_init(self, *args, **kwargs)

        main_window.MainWindow._on_clients_loaded = on_loaded
        main_window.MainWindow.__init__ = init
        code = desktop.cli.main(["--data-dir", data_dir, "--exit-after-startup"])
        status = {"exit_code": code, **at_ready}
    elif mode == "quick_idle":
        import desktop.app as start

        at_idle = {}
        original_idle = start._Background._reached_idle

        def warm(self):
            at_idle["storage_open_when_warm"] = self.services.storage.is_open
            QTimer.singleShot(0, QApplication.instance().quit)

        def reached_idle(self):
            at_idle.setdefault("storage_loaded", sorted(m for m in ("sqlalchemy", "alembic") if m in sys.modules))
            at_idle.setdefault("storage_open", self.services.storage.is_open)
            self.when_warm.append(lambda: warm(self))
            original_idle(self)

        start._Background._reached_idle = reached_idle
        code = desktop.cli.main(["--data-dir", data_dir])
        status = {"exit_code": code, **at_idle}
    elif mode == "window":
        from desktop.paths import resolve_paths
        from desktop.services.database import open_repository
        from desktop.ui.main_window import MainWindow

        paths = resolve_paths(data_dir)
        repo = open_repository(paths)
        window = MainWindow(build_services(repo, paths), install_error_handler=False)
        loaded = []
        window.clients_loaded.connect(lambda: (loaded.append(True), QTimer.singleShot(0, app.quit)))
        window.show()
        app.exec()
        rows = window.model.rowCount()
        window.close()
        status = {"loaded": bool(loaded), "rows": rows}
    else:
        code = desktop.cli.main(["--data-dir", data_dir, "--exit-after-startup"])
        status = {"exit_code": code}

    heavy_after_startup = sorted(first_import)
    import pyqtgraph  # control: the recorder does see a heavy import when one happens
    print(json.dumps({"status": status, "heavy": heavy_after_startup, "where": first_import,
                      "control_seen": "pyqtgraph" in first_import}))
    """
)


def probe(mode: str, data_dir: Path, heavy: tuple[str, ...] = HEAVY) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("MEDIUS_DATA_DIR", None)
    proc = subprocess.run([sys.executable, "-c", PROBE, mode, str(data_dir), json.dumps(heavy), json.dumps(CONTENT)],
                          cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def explain(result: dict) -> str:
    return "\n".join(f"{name} first imported from:\n{stack}" for name, stack in result["where"].items()
                     if name in result["heavy"])


@pytest.mark.parametrize("mode", ["window", "command_line"])
def test_startup_path_does_not_import_reportlab_or_pyqtgraph(mode: str, tmp_path: Path) -> None:
    result = probe(mode, tmp_path / "data")

    if mode == "window":
        assert result["status"] == {"loaded": True, "rows": 0}
    else:
        assert result["status"] == {"exit_code": 0}
    assert result["heavy"] == [], explain(result)
    assert result["control_seen"], "the import recorder did not see the control import of pyqtgraph"


def _demo_folder(data_dir: Path) -> int:
    from desktop.paths import AppPaths
    from desktop.services.database import open_repository
    from desktop.services.demo import add_demo_clients

    repo = open_repository(AppPaths(data_dir).ensure())
    add_demo_clients(repo)
    count = len(repo.list_clients(""))
    repo.engine.dispose()
    return count


def test_quick_start_fills_the_window_before_the_storage_layer_loads(tmp_path: Path) -> None:
    clients = _demo_folder(tmp_path / "data")

    result = probe("quick_window", tmp_path / "data", HEAVY + STORAGE)

    assert result["status"] == {"loaded": True, "rows": clients, "storage_opened": False}
    assert result["heavy"] == [], explain(result)


def test_the_app_takes_the_quick_path_on_an_ordinary_start(tmp_path: Path) -> None:
    clients = _demo_folder(tmp_path / "data")

    result = probe("command_line", tmp_path / "data")  # warm: the same folder, as on a clinic laptop
    result = probe("quick_app", tmp_path / "data")

    # PySide6's import hook reads no module's source until the window shows (desktop.app), then does again.
    assert result["status"] == {"exit_code": 0, "rows": clients, "storage_loaded": [], "content_loaded": [],
                                "source_scan_while_building": False, "source_scan_at_ready": True}
    assert result["heavy"] == [], explain(result)


def test_start_up_checks_finish_before_the_storage_layer_loads_which_then_opens(tmp_path: Path) -> None:
    """The audit chain and backup checks read through the quick reader; once they are done
    (idle), in the first quiet moment, the storage layer opens in the background (warm)."""
    _demo_folder(tmp_path / "data")

    probe("command_line", tmp_path / "data")  # the day's automatic backup, taken here, is not due again
    result = probe("quick_idle", tmp_path / "data")

    assert result["status"] == {"exit_code": 0, "storage_loaded": [], "storage_open": False,
                                "storage_open_when_warm": True}


RESULTS_PROBE = textwrap.dedent(
    """
    import json, sys

    from desktop.paths import resolve_paths
    from desktop.services.app_services import build_services
    from desktop.services.database import open_repository

    before = "desktop.content" in sys.modules
    paths = resolve_paths(sys.argv[1])
    services = build_services(open_repository(paths), paths)
    from desktop.clinical import exercises, norms

    visit_id = int(sys.argv[2])
    results = services.visits.results(visit_id)
    print(json.dumps({"content_before": before, "library": len(list(exercises.load_library())),
                      "tables": len(norms.builtin_tables()), "results": bool(results.to_json())}))
    """
)


def test_a_fresh_process_computing_results_still_finds_the_norms_and_exercises(tmp_path: Path) -> None:
    _demo_folder(tmp_path / "data")
    from desktop.paths import AppPaths
    from desktop.services.database import open_repository

    repo = open_repository(AppPaths(tmp_path / "data").ensure())
    visit_id = next(vid for c in repo.list_clients("") for vid, _ in repo.list_assessments(c.id))
    repo.engine.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("MEDIUS_DATA_DIR", None)

    proc = subprocess.run([sys.executable, "-c", RESULTS_PROBE, str(tmp_path / "data"), str(visit_id)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)

    assert proc.returncode == 0, proc.stderr[-3000:]
    found = json.loads(proc.stdout.strip().splitlines()[-1])
    assert found["content_before"] is False
    assert found["results"]
    assert found["library"] > 0 and found["tables"] > 0
