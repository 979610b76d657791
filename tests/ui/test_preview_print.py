"""Preview the referral letter page by page, print it through a (PDF) printer, save it."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from desktop.ui import dialogs
from tests.ui.helpers import open_demo_visit


@pytest.fixture
def preview(qtbot: Any, make_window: Any, medius_repo: Any) -> Any:
    _window, editor, _ids = open_demo_visit(qtbot, make_window, medius_repo)
    editor.go_to_step(7)
    editor.export_page.preview_button.click()
    qtbot.waitUntil(lambda: editor.preview_dialog is not None, timeout=30000)
    dialog = editor.preview_dialog
    qtbot.waitUntil(lambda: bool(dialog.pages), timeout=30000)
    return dialog


def test_preview_shows_the_letter_page_by_page(qtbot: Any, preview: Any) -> None:
    pages = len(PdfReader(io.BytesIO(preview.pdf)).pages)
    assert len(preview.pages) == pages >= 2
    assert preview.position.text() == f"Page 1 of {pages}"
    assert not preview.previous_button.isEnabled() and preview.next_button.isEnabled()
    first = preview.page_label.pixmap().toImage()
    preview.next_button.click()
    assert preview.position.text() == f"Page 2 of {pages}"
    assert preview.page_label.pixmap().toImage() != first
    page = preview.pages[0]
    assert abs(page.width_px / page.height_px - page.width_pt / page.height_pt) < 0.01  # not distorted
    text = PdfReader(io.BytesIO(preview.pdf)).pages[0].extract_text()
    assert "Ana" in text  # the letter itself, not a stand-in


def test_print_goes_through_the_print_dialog_to_a_pdf_printer(qtbot: Any, preview: Any, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "printed.pdf"
    asked: list[QPrinter] = []

    def choose_pdf_printer(_parent: Any, printer: QPrinter) -> bool:
        asked.append(printer)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(150)
        return True

    monkeypatch.setattr(dialogs, "ask_printer", choose_pdf_printer)
    with qtbot.waitSignal(preview.printed, timeout=30000) as sent:
        preview.print_button.click()
    assert asked and sent.args == [len(preview.pages)]
    printed = PdfReader(str(out))
    assert len(printed.pages) == len(preview.pages)
    assert "Sent" in preview.status.text()


def test_cancelled_print_dialog_prints_nothing(qtbot: Any, preview: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "ask_printer", lambda _p, _printer: False)
    assert preview.print_document() is None
    assert preview.print_button.isEnabled()


def test_save_from_the_preview_writes_the_same_pdf(qtbot: Any, preview: Any, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "letter.pdf"
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *_a: target)
    with qtbot.waitSignal(preview.saved, timeout=10000):
        preview.save_button.click()
    assert target.read_bytes() == preview.pdf
