"""The layers stay apart: clinical, services, report and db never import Qt."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_FREE = ["desktop/clinical", "desktop/services", "desktop/report", "desktop/devices", "db"]
FORBIDDEN = ("PySide6", "pyqtgraph", "shiboken6")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_qt_stays_out_of_lower_layers() -> None:
    offenders = []
    checked = 0
    for folder in QT_FREE:
        for path in (ROOT / folder).rglob("*.py"):
            checked += 1
            for name in _imports(path):
                if name.split(".")[0] in FORBIDDEN:
                    offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert checked > 0
    assert offenders == []


def test_clinical_does_not_use_storage() -> None:
    offenders = []
    for path in (ROOT / "desktop/clinical").rglob("*.py"):
        for name in _imports(path):
            if name.split(".")[0] in ("sqlalchemy", "alembic", "db", "reportlab"):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_widgets_reach_storage_only_through_services() -> None:
    offenders = []
    for path in (ROOT / "desktop/ui").rglob("*.py"):
        for name in _imports(path):
            if name.split(".")[0] in ("db", "sqlalchemy", "alembic"):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_devices_know_no_storage_or_window() -> None:
    offenders = []
    for path in (ROOT / "desktop/devices").rglob("*.py"):
        for name in _imports(path):
            top = name.split(".")
            if top[0] in ("sqlalchemy", "alembic", "db", "reportlab") or top[:2] in (["desktop", "ui"],
                                                                                        ["desktop", "services"]):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []
