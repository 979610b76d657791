"""The assessment editor's layout: header, the list of steps, the step pages and the navigation row.

Layout only; :mod:`desktop.ui.assessment.editor` wires it to the visit service.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.assessment import state as st
from desktop.ui.assessment.base import StepPage
from desktop.ui.assessment.export import ExportPage
from desktop.ui.assessment.program import ProgramPage
from desktop.ui.assessment.steps import PainPage, ScreeningPage, SummaryPage, VisitPage
from desktop.ui.assessment.strength import HipPage
from desktop.ui.assessment.trendelenburg import TrendelenburgPage
from desktop.ui.widgets import accent, heading, muted, tr

STATUS_TEXT = {
    st.NOT_STARTED: ("○", "not started", None),
    st.IN_PROGRESS: ("◐", "in progress", "info"),
    st.COMPLETE: ("✓", "complete", "good"),
    st.NEEDS_ATTENTION: ("!", "needs attention", "bad"),
}


class EditorView(QWidget):
    """The widgets of the guided assessment, laid out; no behaviour beyond showing step statuses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading("", self, size_delta=3)
        self.subtitle = muted("", self)
        self.save_state = muted("", self)
        self.save_state.setAccessibleName(tr(self, "Save state"))
        self.save_state.setWordWrap(False)
        self.steps = QListWidget(self)
        self.steps.setAccessibleName(tr(self, "Assessment steps"))
        self.steps.setFixedWidth(self.fontMetrics().horizontalAdvance("M") * 19)
        self.steps.setSpacing(2)
        self.steps.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.pages: list[StepPage] = [VisitPage(), ScreeningPage(), PainPage(), TrendelenburgPage(), HipPage(),
                                      SummaryPage(), ProgramPage(), ExportPage()]
        for index, page in enumerate(self.pages):
            scroll = QScrollArea(self.stack)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.stack.addWidget(scroll)
            item = QListWidgetItem(f"{index + 1}  {page.title()}")
            item.setSizeHint(QSize(0, self.fontMetrics().height() * 3))
            self.steps.addItem(item)
        self.visit_page: VisitPage = self.pages[0]  # type: ignore[assignment]
        self.trendelenburg_page: TrendelenburgPage = self.pages[3]  # type: ignore[assignment]
        self.export_page: ExportPage = self.pages[7]  # type: ignore[assignment]

        self.back_button = QPushButton(tr(self, "◀ &Back"), self)
        self.back_button.setAccessibleName(tr(self, "Previous step"))
        self.next_button = QPushButton(tr(self, "&Next ▶"), self)
        self.next_button.setAccessibleName(tr(self, "Next step"))
        self.save_button = QPushButton(tr(self, "&Save assessment"), self)
        self.save_button.setToolTip(tr(self, "Check every step and store the visit (Ctrl+S)"))
        self.close_button = QPushButton(tr(self, "&Close"), self)
        self.close_button.setToolTip(tr(self, "Close; unsaved input stays as a draft you can resume"))
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self._lay_out()

    def _lay_out(self) -> None:
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        header.addWidget(self.save_state)
        nav = QHBoxLayout()
        nav.addWidget(self.close_button)
        nav.addWidget(self.message, 1)
        nav.addWidget(self.back_button)
        nav.addWidget(self.next_button)
        nav.addWidget(self.save_button)
        body = QHBoxLayout()
        body.addWidget(self.steps)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(body, 1)
        layout.addLayout(nav)

    def show_step_statuses(self, statuses: dict[str, str]) -> None:
        """Mark each step in the list with its status (symbol, words, colour and accessible text)."""
        for index, page in enumerate(self.pages):
            symbol, text, tone = STATUS_TEXT[statuses[page.key]]
            item = self.steps.item(index)
            item.setText(f"{symbol}  {index + 1}. {page.title()}\n     {tr(self, text)}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{page.title()}: {tr(self, text)}")
            item.setData(Qt.ItemDataRole.UserRole, statuses[page.key])
            if tone is None:
                item.setData(Qt.ItemDataRole.ForegroundRole, None)
            else:
                item.setForeground(accent(self.steps, tone))
