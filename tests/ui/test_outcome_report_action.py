"""The clinic outcome report from the window: a date range in, the PDF and its CSV written in the background."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate

from desktop.services.demo import add_demo_clients


def test_outcome_report_action_writes_pdf_and_csv(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    add_demo_clients(medius_repo, today=date(2026, 12, 2))
    window = make_window()
    dialog = window.open_outcome_report()
    dialog.start.setDate(QDate(2026, 1, 1))
    dialog.end.setDate(QDate(2026, 12, 31))
    dialog.create_button.click()
    qtbot.waitUntil(lambda: dialog.written is not None or "could not" in dialog.status.text(), timeout=60000)
    pdf, table = dialog.written
    assert Path(pdf).parent == Path(window.paths.exports)
    assert pdf.name == "medius-outcomes-2026-01-01-to-2026-12-31.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and table.suffix == ".csv" and table.is_file()
    assert dialog.open_button.isVisibleTo(dialog)
    dialog.end.setDate(QDate(2025, 1, 1))
    dialog.create_button.click()
    assert "before it starts" in dialog.status.text()
    dialog.close()
