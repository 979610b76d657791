"""Clinic outcome report from the window: pick a date range, write the PDF and its CSV in the background."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.errors import plain_message
from desktop.ui import dialogs
from desktop.ui.widgets import DateField, muted, set_tone, tr
from desktop.ui.worker import mutate

if TYPE_CHECKING:
    from desktop.services.reports import ReportService


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class OutcomeReportDialog(QDialog):
    """Date range in, two files out; the window stays responsive while they are written."""

    def __init__(self, reports: ReportService, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.reports = reports
        self.task: Any = None
        self.written: tuple[Path, Path] | None = None
        today = today or date.today()
        self.setWindowTitle(tr(self, "Clinic outcome report"))
        self.start = DateField(_qdate(today - timedelta(days=365)), self)
        self.end = DateField(_qdate(today), self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout()
        form.addRow(tr(self, "&From"), self.start)
        form.addRow(tr(self, "&To"), self.end)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.open_button = QPushButton(tr(self, "&Open PDF"), self)
        self.open_button.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.create_button = self.buttons.addButton(tr(self, "&Create report"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(muted(tr(self, "Compares each client's first and last visit in the range: how many reached "
                                        "the MCID for pain and disability, and strength change. Writes a PDF and "
                                        "the CSV behind it to the exports folder; no client names."), self))
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.open_button)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.create_button.clicked.connect(self.create)
        self.open_button.clicked.connect(lambda: self.written and dialogs.open_path(self.written[0]))

    def range(self) -> tuple[date, date]:
        start, end = self.start.date(), self.end.date()
        return date(start.year(), start.month(), start.day()), date(end.year(), end.month(), end.day())

    def create(self) -> None:
        start, end = self.range()
        if end < start:
            self.status.setText(tr(self, "The range ends before it starts."))
            set_tone(self.status, "bad")
            return
        self.create_button.setEnabled(False)
        self.progress.show()
        self.status.setText(tr(self, "Writing the report…"))
        set_tone(self.status, None)
        self.task = mutate(self.reports.outcome_report, start, end, success=self._done, failure=self._failed,
                           owner=self)

    def _done(self, written: tuple[Path, Path]) -> None:
        self.written = written
        self.progress.hide()
        self.create_button.setEnabled(True)
        self.status.setText(tr(self, "Written: %1 and %2").arg(str(written[0])).arg(written[1].name))
        set_tone(self.status, "good")
        self.open_button.show()

    def _failed(self, error: BaseException) -> None:
        self.progress.hide()
        self.create_button.setEnabled(True)
        self.status.setText(tr(self, "The report could not be written: %1").arg(plain_message(error)))
        set_tone(self.status, "bad")
