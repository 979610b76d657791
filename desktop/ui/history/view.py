"""The history page of a client: trend charts and a two-visit comparison, in tabs.

pyqtgraph is imported only when the view is first shown (or its trend view
is asked for), so building the window at start-up stays fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.clinical.trends import TrendSeries, Visit, trend_series
from desktop.ui.history.compare_view import CompareView

if TYPE_CHECKING:
    from desktop.ui.history.trend_view import TrendView


class HistoryView(QWidget):
    """Self-contained: feed it visits with ``set_visits``; listen to ``visit_activated``."""

    visit_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._visits: list[Visit] = []
        self._series: TrendSeries = trend_series([])
        self._trend_view: TrendView | None = None
        self._trend_page = QWidget(self)
        self._trend_layout = QVBoxLayout(self._trend_page)
        self._trend_layout.setContentsMargins(0, 0, 0, 0)
        self._compare_view = CompareView(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._trend_page, self.tr("Trends"))
        self.tabs.addTab(self._compare_view, self.tr("Compare visits"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def set_visits(self, visits: Sequence[Visit], series: TrendSeries | None = None) -> None:
        """Show a client's visits: (assessment_id, Assessment, computed results) each.

        ``series``: their trend series when the caller has it (computed off the GUI thread).
        """
        self._visits = list(visits)
        self._series = series if series is not None else trend_series(self._visits)
        self._compare_view.set_visits(self._visits, self._series)
        if self._trend_view is not None:
            self._trend_view.set_series(self._series)

    @property
    def series(self) -> TrendSeries:
        return self._series

    def compare_view(self) -> CompareView:
        """The comparison, laid out with the visits last given (it waits while its tab is hidden)."""
        return self._compare_view.up_to_date()

    def trend_view(self) -> TrendView:
        """The chart widget, built (and pyqtgraph imported) on first use."""
        if self._trend_view is None:
            from desktop.ui.history.trend_view import TrendView

            view = TrendView(self._trend_page)
            view.visit_activated.connect(self.visit_activated)
            self._trend_layout.addWidget(view)
            self._trend_view = view
            view.set_series(self._series)
        return self._trend_view

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self.trend_view()
        super().showEvent(event)
