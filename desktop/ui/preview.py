"""Preview a PDF page by page in the window, print it through the system's print dialog, or save it.

Any document Medius writes can use it (the referral letter now, the client's
handout later): ``DocumentPreview(pdf_bytes, title, suggested_name)``. Pages
are drawn off the GUI thread (``desktop.services.documents``); the printer
gets the same pages at its own resolution.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.services.documents import PageImage, page_images
from desktop.services.errors import plain_message
from desktop.ui import dialogs
from desktop.ui.widgets import muted, set_tone, tr
from desktop.ui.worker import run_in_background

PREVIEW_DPI = 110.0
MAX_PRINT_DPI = 300.0


def page_qimage(page: PageImage) -> QImage:
    """A QImage that owns a copy of the page's pixels."""
    image = QImage(page.rgb, page.width_px, page.height_px, page.stride, QImage.Format.Format_RGB888)
    return image.copy()


def paint_pages(printer: QPrinter, pages: list[PageImage]) -> int:
    """Paint ``pages`` on ``printer``, one sheet each, scaled to fit the printable area; returns pages painted."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        for index, page in enumerate(pages):
            if index and not printer.newPage():
                raise OSError("the printer refused a new page")
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            image = page_qimage(page)
            scale = min(area.width() / image.width(), area.height() / image.height())
            width, height = image.width() * scale, image.height() * scale
            target = QRectF((area.width() - width) / 2, (area.height() - height) / 2, width, height)
            painter.drawImage(target, image)
        return len(pages)
    finally:
        painter.end()


class DocumentPreview(QDialog):
    """Page-by-page preview with Print… and Save PDF…; ``printed(int)`` after a print job is sent."""

    printed = Signal(int)
    saved = Signal(object)

    def __init__(self, pdf: bytes, title: str, suggested_name: str, parent: QWidget | None = None, *,
                 save_folder: Path | None = None) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.suggested_name = suggested_name
        self.save_folder = save_folder or Path.home()
        self.pages: list[PageImage] = []
        self.current = 0
        self.task: Any = None
        self.print_task: Any = None
        self.setWindowTitle(title)
        self.setMinimumSize(520, 420)
        self.page_label = QLabel(self)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setAccessibleName(tr(self, "Page image"))
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.page_label)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(tr(self, "Preparing the pages"))
        self.progress.setRange(0, 100)
        self.status = muted(tr(self, "Preparing the pages…"), self)
        self.previous_button = QPushButton(tr(self, "◀ &Previous page"), self)
        self.next_button = QPushButton(tr(self, "&Next page ▶"), self)
        self.position = QLabel("", self)
        self.position.setAccessibleName(tr(self, "Page number"))
        self.print_button = QPushButton(tr(self, "P&rint…"), self)
        self.save_button = QPushButton(tr(self, "&Save PDF…"), self)
        self.close_button = QPushButton(tr(self, "&Close"), self)
        for button in (self.previous_button, self.next_button, self.print_button, self.save_button):
            button.setEnabled(False)
        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addWidget(self.position)
        nav.addWidget(self.next_button)
        nav.addStretch(1)
        nav.addWidget(self.print_button)
        nav.addWidget(self.save_button)
        nav.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(nav)
        self.previous_button.clicked.connect(lambda: self.show_page(self.current - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.current + 1))
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self.close_button.clicked.connect(self.accept)
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, activated=lambda: self.show_page(self.current + 1))
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, activated=lambda: self.show_page(self.current - 1))
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_document)
        self.resize(860, 720)
        self.task = run_in_background(page_images, pdf, PREVIEW_DPI, on_success=self._pages_ready,
                                      on_error=self._failed, on_progress=self._progressed)

    def _progressed(self, percent: int, message: str) -> None:
        self.progress.setValue(percent)
        self.status.setText(tr(self, "Preparing the pages: %1").arg(message))

    def _pages_ready(self, pages: list[PageImage]) -> None:
        self.pages = pages
        self.progress.hide()
        self.status.setText("")
        self.print_button.setEnabled(bool(pages))
        self.save_button.setEnabled(True)
        self.show_page(0)
        self.close_button.setFocus()

    def _failed(self, error: BaseException) -> None:
        self.progress.hide()
        self.status.setText(tr(self, "The preview could not be drawn: %1").arg(plain_message(error)))
        set_tone(self.status, "bad")
        self.save_button.setEnabled(True)

    def show_page(self, index: int) -> None:
        if not self.pages:
            return
        self.current = max(0, min(index, len(self.pages) - 1))
        self._draw_page()
        self.position.setText(tr(self, "Page %1 of %2").arg(self.current + 1).arg(len(self.pages)))
        self.previous_button.setEnabled(self.current > 0)
        self.next_button.setEnabled(self.current < len(self.pages) - 1)

    def _draw_page(self) -> None:
        """The current page scaled to the width of the view (never wider than drawn)."""
        image = page_qimage(self.pages[self.current])
        ratio = self.devicePixelRatioF()
        spare = self.scroll.verticalScrollBar().sizeHint().width() + 12  # room for the vertical scroll bar
        width = int((self.scroll.width() - spare) * ratio)
        if 0 < width < image.width():
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.page_label.setPixmap(pixmap)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.pages:
            self._draw_page()

    # -- print and save ---------------------------------------------------------------

    def print_document(self) -> Any:
        """Ask for a printer (the system's print dialog), draw the pages at its resolution, print them."""
        if not self.pages:
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        printer.setFullPage(False)
        if not dialogs.ask_printer(self, printer):
            return None
        dpi = float(min(printer.resolution(), MAX_PRINT_DPI))
        self.status.setText(tr(self, "Preparing the pages for the printer…"))
        self.print_button.setEnabled(False)

        def ready(pages: list[PageImage]) -> None:
            try:
                count = paint_pages(printer, pages)
            except OSError as error:
                self._print_failed(error)
                return
            self.print_button.setEnabled(True)
            self.status.setText(tr(self, "Sent %1 pages to the printer.").arg(count))
            set_tone(self.status, "good")
            self.printed.emit(count)

        self.print_task = run_in_background(page_images, self.pdf, dpi, on_success=ready,
                                            on_error=self._print_failed)
        return self.print_task

    def _print_failed(self, error: BaseException) -> None:
        self.print_button.setEnabled(True)
        self.status.setText(tr(self, "Not printed: %1").arg(plain_message(error)))
        set_tone(self.status, "bad")

    def save_document(self) -> Any:
        path = dialogs.choose_save_file(self, tr(self, "Save the PDF"), self.save_folder / self.suggested_name,
                                        tr(self, "PDF files (*.pdf)"))
        if path is None:
            return None
        from desktop.services.files import write_bytes_atomic

        def done(written: Path) -> None:
            self.status.setText(tr(self, "Saved: %1").arg(str(written)))
            set_tone(self.status, "good")
            self.saved.emit(Path(written))

        def failed(error: BaseException) -> None:
            self.status.setText(tr(self, "Not saved: %1").arg(plain_message(error)))
            set_tone(self.status, "bad")

        return run_in_background(write_bytes_atomic, Path(path), self.pdf, on_success=done, on_error=failed)
