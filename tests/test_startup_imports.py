"""Start-up stays light: reportlab and pyqtgraph load only when a PDF or a chart is wanted.

Measured on our 2-core machines (reliability.md §7.1), pyqtgraph adds about
350 ms and reportlab about 100 ms to a 100 ms bare window. Each check runs in
a fresh interpreter, because this test session has long since imported both.
A meta-path finder records who first asked for a heavy module, so a failure
names the import line to make lazy.
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

PROBE = textwrap.dedent(
    """
    import json, os, sys, traceback

    HEAVY = {heavy!r}
    first_import = {{}}

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
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    QTimer.singleShot(60000, app.quit)  # a hung start-up fails below instead of blocking the suite
    mode = sys.argv[1]
    data_dir = sys.argv[2]
    if mode == "window":
        from desktop.paths import resolve_paths
        from desktop.services.database import open_repository
        from desktop.ui.main_window import MainWindow

        paths = resolve_paths(data_dir)
        repo = open_repository(paths)
        window = MainWindow(repo, paths, install_error_handler=False)
        loaded = []
        window.clients_loaded.connect(lambda: (loaded.append(True), QTimer.singleShot(0, app.quit)))
        window.show()
        app.exec()
        rows = window.model.rowCount()
        window.close()
        status = {{"loaded": bool(loaded), "rows": rows}}
    else:
        code = desktop.cli.main(["--data-dir", data_dir, "--exit-after-startup"])
        status = {{"exit_code": code}}

    heavy_after_startup = sorted(first_import)
    import pyqtgraph  # control: the recorder does see a heavy import when one happens
    print(json.dumps({{"status": status, "heavy": heavy_after_startup, "where": first_import,
                      "control_seen": "pyqtgraph" in first_import}}))
    """
).format(heavy=HEAVY)


def probe(mode: str, data_dir: Path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("MEDIUS_DATA_DIR", None)
    proc = subprocess.run([sys.executable, "-c", PROBE, mode, str(data_dir)], cwd=ROOT, env=env,
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
