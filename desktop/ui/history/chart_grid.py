"""The trend charts' grid: as many columns as the charts' titles fit, scrolling down rather
than squashing the charts flat.

At 150 % scaling a 1366 x 768 window is 911 x 512 device-independent pixels: four columns
left each title wider than its chart (the titles ran into each other) and the charts' share
of the client page left them a few pixels high.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

MAX_COLUMNS = 4
CHART_HEIGHT_LINES = 8  # a chart is at least this many text lines high: title, three ticks, dates
_TITLE_ROOM_PX = 12  # beside a title, so neighbouring titles never touch


class ChartGrid(QScrollArea):
    """Holds the charts' ``GraphicsLayoutWidget`` and lays the shown charts out in reading order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graphics = pg.GraphicsLayoutWidget()
        self.setWidget(self.graphics)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.columns = 0
        self._plots: list[pg.PlotItem] = []
        self._arranged: tuple[int, tuple[int, ...]] | None = None

    def set_plots(self, plots: Sequence[pg.PlotItem]) -> None:
        self._plots = list(plots)
        self.reflow()

    def chart_height(self) -> int:
        return self.fontMetrics().height() * CHART_HEIGHT_LINES

    @staticmethod
    def width_needed(plot: pg.PlotItem) -> float:
        """The chart's width that keeps its title inside it: the title is centred over the data
        area, so it may reach over the narrower axis on both sides, no further."""
        left, right = (plot.getAxis(name).width() if plot.getAxis(name).isVisible() else 0.0
                       for name in ("left", "right"))
        title = plot.titleLabel.item.boundingRect().width() + _TITLE_ROOM_PX
        return left + right + max(title - 2 * min(left, right), 0.0)

    def _usable_width(self) -> int:
        """The width whether or not the vertical scroll bar shows, so its coming and going never
        changes the number of columns."""
        return self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width()

    def reflow(self) -> None:
        shown = [plot for plot in self._plots if plot.isVisible()]
        if not shown:
            return
        widest = max(self.width_needed(plot) for plot in shown)
        columns = max(1, min(MAX_COLUMNS, len(shown), int(self._usable_width() // max(widest, 1.0))))
        rows = math.ceil(len(shown) / columns)
        layout = self.graphics.ci.layout
        _left, top, _right, bottom = layout.getContentsMargins()
        self.graphics.setMinimumHeight(
            math.ceil(rows * self.chart_height() + (rows - 1) * layout.verticalSpacing() + top + bottom))
        arrangement = (columns, tuple(id(plot) for plot in shown))
        if arrangement == self._arranged:
            return
        while layout.count():
            layout.removeAt(0)
        for index, plot in enumerate(shown):
            layout.addItem(plot, index // columns, index % columns)
        for column in range(MAX_COLUMNS):
            layout.setColumnStretchFactor(column, 1 if column < columns else 0)
        self.columns, self._arranged = columns, arrangement

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.reflow()


def link_dates(plots: Sequence[pg.PlotItem]) -> None:
    """Every chart shows the same dates, panned or zoomed in any of them.

    The ranges are copied. pyqtgraph's own x-link lines stacked charts up pixel by pixel, so a
    chart narrowed by its right-hand axis, under a wider one, lost its latest visit off the edge.
    """
    following = False

    def follow(source: pg.ViewBox, x_range: tuple[float, float]) -> None:
        nonlocal following
        if following:
            return
        following = True
        try:
            for plot in plots:
                if plot.vb is not source:
                    plot.vb.setXRange(*x_range, padding=0)
        finally:
            following = False

    for plot in plots:
        plot.vb.sigXRangeChanged.connect(follow)
