"""Checks run inside a frozen bundle (see pyi_rth_medius.py); also runnable from a checkout.

Each check imports or draws something the start-up path leaves for later, so
a module or data file the analysis missed shows up at build time, not on a
clinic laptop when someone first opens a client's history.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable


def _resources() -> str:
    from desktop.paths import migrations_dir, resource, resource_root

    needed = [
        resource("schema", "exchange-v1.schema.json"),
        resource("fonts", "DejaVuSans.ttf"),
        resource("icons", "medius.svg"),
        migrations_dir() / "env.py",
    ]
    missing = [str(p) for p in needed if not p.is_file()]
    if missing:
        raise FileNotFoundError(", ".join(missing))
    exercises = list(resource("exercises").glob("*.json"))
    if not exercises:
        raise FileNotFoundError("no exercise files")
    return f"{resource_root()} ({len(exercises)} exercises)"


def _migrations() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from desktop.paths import migrations_dir

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    script = ScriptDirectory.from_config(config)
    revisions = [rev.revision for rev in script.walk_revisions()]
    return f"{len(revisions)} revision(s), head {script.get_current_head()}"


def _application() -> object:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


def _icon() -> str:
    from PySide6.QtGui import QIcon

    from desktop.paths import resource

    _application()
    icon = QIcon(str(resource("icons", "medius.svg")))
    pixmap = icon.pixmap(64, 64)
    if pixmap.isNull():
        raise RuntimeError("the SVG icon did not render (QtSvg or the iconengines plugin is missing)")
    return "SVG icon rendered at 64 px"


def _charts() -> str:
    _application()
    import pyqtgraph

    plot = pyqtgraph.PlotWidget()
    plot.plot([1.0, 2.0, 3.0], [150.0, 155.0, 158.0])
    plot.resize(320, 200)
    if plot.grab().isNull():
        raise RuntimeError("PlotWidget did not render")
    plot.close()
    return f"pyqtgraph {pyqtgraph.__version__}"


def _history() -> str:
    try:
        from desktop.ui.history.bench import open_trend_view
    except ImportError as exc:
        return f"history view not in this build ({exc})"
    _application()
    view = open_trend_view(12)
    view.close()
    return "trend view with 12 visits rendered"


CHECKS: list[tuple[str, Callable[[], str]]] = [
    ("resources", _resources),
    ("migrations", _migrations),
    ("icon", _icon),
    ("charts", _charts),
    ("history", _history),
]


def run() -> int:
    """Run every check, print one line each, return 0 when all pass."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failures = 0
    for name, check in CHECKS:
        try:
            print(f"ok    {name}: {check()}", flush=True)
        except Exception:  # noqa: BLE001 - report every failing check, not just the first
            failures += 1
            print(f"FAIL  {name}:\n{traceback.format_exc()}", flush=True)
    print("bundle self-test:", "passed" if failures == 0 else f"{failures} check(s) failed", flush=True)
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(run())
