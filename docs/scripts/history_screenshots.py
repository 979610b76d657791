"""Screenshots of the client history (trends and visit comparison) at 1366x768.

Run from the repository root:
    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/scripts/history_screenshots.py [OUT_DIR]
Writes trends.png, compare.png and trends-protocol-change.png (default OUT_DIR: docs/history).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.ui.history import HistoryView, synthetic_visits  # noqa: E402

SIZE = (1366, 768)


def _shoot(view: HistoryView, tab: int, path: Path) -> Path:
    view.tabs.setCurrentIndex(tab)
    if not view.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "history"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(argv)
    written = []
    for name, visits in (
        ("", synthetic_visits(5, interval_days=28)),
        ("-protocol-change", synthetic_visits(5, interval_days=28, protocol_change_at=3)),
    ):
        view = HistoryView()
        view.resize(*SIZE)
        view.set_visits(visits)
        view.show()
        app.processEvents()
        while view.trend_view().drawing():  # the charts draw in one per turn of the event loop
            app.processEvents()
        written.append(_shoot(view, 0, out / f"trends{name}.png"))
        if not name:
            written.append(_shoot(view, 1, out / "compare.png"))
        view.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
