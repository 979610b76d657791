"""Step 8: write the referral PDF in the background, then open it or its folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from desktop.services.reports import RED_FLAGS_NOT_ACKNOWLEDGED, SCREENING_NOT_DONE, export_blocker
from desktop.ui import dialogs
from desktop.ui.assessment.base import StepPage
from desktop.ui.widgets import banner, heading, muted, set_tone, tr

if TYPE_CHECKING:
    from desktop.clinical.result_types import AssessmentResults



class ExportPage(StepPage):
    key = "export"
    export_requested = Signal()
    preview_requested = Signal()
    handout_requested = Signal(bool)

    def title(self) -> str:
        return tr(self, "Export the referral PDF")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: str | None = None
        self.has_program = False
        self.kind = banner("", "info", self)
        self.blocker = banner("", "caution", self)
        self.blocker.hide()
        self.explain = muted(tr(self, "The assessment is saved first (all steps are checked), then the PDF is written "
                                     "in the background. File names never contain the client's name."), self)
        self.export_button = QPushButton(tr(self, "&Save and create PDF"), self)
        self.export_button.setMinimumHeight(self.fontMetrics().height() * 2 + 12)
        self.preview_button = QPushButton(tr(self, "Pre&view and print…"), self)
        self.preview_button.setMinimumHeight(self.fontMetrics().height() * 2 + 12)
        self.preview_button.setToolTip(tr(self, "See the letter page by page, print it or save it (Ctrl+P prints)"))
        self.handout_button = QPushButton(tr(self, "Client &handout PDF"), self)
        self.handout_button.setToolTip(tr(self, "The client's own program: pictures, plain words, pain rule and "
                                               "a log to tick. No letter content."))
        self.handout_button.setMinimumHeight(self.export_button.minimumHeight())
        self.large_print = QCheckBox(tr(self, "&Large print"), self)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(tr(self, "Export progress"))
        self.progress.hide()
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.open_pdf = QPushButton(tr(self, "&Open PDF"), self)
        self.open_folder = QPushButton(tr(self, "Open &folder"), self)
        self.open_pdf.hide()
        self.open_folder.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title(), self))
        layout.addWidget(self.kind)
        layout.addWidget(self.blocker)
        layout.addWidget(self.explain)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.preview_button)
        row.addWidget(self.handout_button)
        row.addWidget(self.large_print)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        opens = QHBoxLayout()
        opens.addWidget(self.open_pdf)
        opens.addWidget(self.open_folder)
        opens.addStretch(1)
        layout.addLayout(opens)
        layout.addStretch(1)
        self.export_button.clicked.connect(self.export_requested)
        self.preview_button.clicked.connect(self.preview_requested)
        self.handout_button.clicked.connect(lambda: self.handout_requested.emit(self.large_print.isChecked()))
        self.open_pdf.clicked.connect(lambda: self.path and dialogs.open_path(Path(self.path)))
        self.open_folder.clicked.connect(lambda: self.path and dialogs.open_path(Path(self.path).parent))

    def _load(self, s: dict[str, Any]) -> None:
        self.path = s.get("path")
        self._show_path()

    def dump(self) -> dict[str, Any]:
        return {"path": self.path}

    def _show_path(self) -> None:
        has = bool(self.path)
        self.open_pdf.setVisible(has)
        self.open_folder.setVisible(has)
        if has:
            self.status.setText(tr(self, "Written: %1").arg(self.path))
            set_tone(self.status, "good")

    def set_busy(self, busy: bool, message: str = "") -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0 if busy else 100)
        self.export_button.setEnabled(not busy and not self.blocker.isVisible())
        self.preview_button.setEnabled(not busy and not self.blocker.isVisible())
        self.handout_button.setEnabled(not busy and not self.blocker.isVisible() and self.has_program)
        if message:
            self.status.setText(message)
            set_tone(self.status, None)

    def set_progress(self, percent: int, message: str) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(percent)
        if message:
            self.status.setText(message)

    def exported(self, path: Path) -> None:
        self.path = str(path)
        self.set_busy(False)
        self._show_path()

    def failed(self, message: str) -> None:
        self.set_busy(False)
        self.status.setText(message)
        set_tone(self.status, "bad")

    def set_results(self, results: AssessmentResults | None, context: dict[str, Any]) -> None:
        if results is not None and results.red_flag_block:
            text = tr(self, "Urgent medical referral letter (cauda-equina red flag): no exercise program.")
            assessment = context.get("assessment")
            late_days = (date.today() - assessment.performed_on).days if assessment is not None else 0
            if late_days > 0:
                when = tr(self, "1 day") if late_days == 1 else tr(self, "%1 days").arg(late_days)
                text += " " + tr(self, "It is printed %1 after the assessment and says so in red: if the client "
                                       "has not been seen in an emergency department, contact them today.").arg(when)
            self.kind.setText(text)
        else:
            self.kind.setText(tr(self, "Referral letter with findings and the exercise program."))
        blocker = export_blocker(results)
        if blocker == SCREENING_NOT_DONE:
            self.blocker.setText(tr(self, "Red-flag screening was not done. Go to step 2 (Screening), ask every "
                                         "question and tick 'I asked about every item' before exporting."))
            self.blocker.show()
        elif blocker == RED_FLAGS_NOT_ACKNOWLEDGED:
            self.blocker.setText(tr(self, "Red flags are recorded but not acknowledged. Go to step 2 (Screening) and "
                                         "tick the acknowledgement before exporting."))
            self.blocker.show()
        else:
            self.blocker.hide()
        self.export_button.setEnabled(not self.blocker.isVisible() and not self.progress.isVisible())
        self.preview_button.setEnabled(self.export_button.isEnabled())
        self.has_program = bool(results is not None and results.program is not None and results.program.exercises)
        self.handout_button.setEnabled(self.export_button.isEnabled() and self.has_program)

    def first_focus(self) -> QWidget | None:
        return self.export_button
