"""File pickers for the history views, kept tiny so tests can patch them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def choose_export_path(parent: QWidget | None, suggested_name: str, file_filter: str) -> Path | None:
    """Ask where to save a chart; None when the user cancels."""
    path, _ = QFileDialog.getSaveFileName(parent, parent.tr("Export chart") if parent else "Export chart",
                                          suggested_name, file_filter)  # fmt: skip
    return Path(path) if path else None
