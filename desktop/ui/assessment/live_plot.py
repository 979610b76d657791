"""A live force-time plot: every item is made once and then only fed new data.

Drawing follows the pyqtgraph/Friture pattern: samples arrive in a ring
buffer from the device's own thread, and a fixed-rate timer hands the newest
window to ``setData``. Nothing here waits for the device, and the device
never waits for the screen.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from desktop.ui.history.colours import LEFT_SYMBOL, RIGHT_SYMBOL, chart_colours

WINDOW_S = 10.0
HISTORY_SLOTS = 10  # MAX_TRIALS per side: one faint line per earlier trial
_LINE_WIDTH = 2.0
HEADROOM = 1.25


class LiveForcePlot(pg.PlotWidget):
    """Force (N) against time (s) with the peak marked and earlier trials faint behind."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colours = chart_colours(self.palette())
        self.setBackground(self.colours.background)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.showGrid(x=True, y=True, alpha=0.2)
        for name, text in (("bottom", "Time (s)"), ("left", "Force (N)")):
            axis = self.getAxis(name)
            axis.setLabel(self.tr(text))
            axis.setTextPen(self.colours.text)
            axis.setPen(self.colours.muted)
        item = self.getPlotItem()
        item.setClipToView(True)
        item.setDownsampling(auto=True, mode="peak")
        self.history = []
        for _ in range(HISTORY_SLOTS):
            faint = QColor(self.colours.muted)
            faint.setAlpha(90)
            line = self.plot([], [], pen=pg.mkPen(faint, width=1.2))
            self.history.append(line)
        self.threshold = pg.InfiniteLine(
            angle=0,
            movable=False,
            pen=pg.mkPen(self.colours.muted, width=1, style=pg.QtCore.Qt.PenStyle.DashLine),
        )
        self.addItem(self.threshold)
        self.threshold.hide()
        self.live = self.plot([], [], pen=pg.mkPen(self.colours.left, width=_LINE_WIDTH))
        self.peak = pg.ScatterPlotItem(
            size=11,
            symbol=LEFT_SYMBOL,
            pen=pg.mkPen(self.colours.text, width=1.5),
            brush=pg.mkBrush(self.colours.left),
        )
        self.addItem(self.peak)
        self.peak_label = pg.TextItem("", color=self.colours.text, anchor=(0.5, 1.3))
        self.addItem(self.peak_label)
        self.setYRange(-5, 100, padding=0)
        self.setXRange(0, WINDOW_S, padding=0)
        self.window_s = WINDOW_S
        self._y_top = 100.0

    def set_side(self, side: str) -> None:
        colour = self.colours.side(side)
        self.live.setPen(pg.mkPen(colour, width=_LINE_WIDTH))
        self.peak.setSymbol(RIGHT_SYMBOL if side == "right" else LEFT_SYMBOL)
        self.peak.setBrush(pg.mkBrush(colour))

    def show_live(self, time_s: np.ndarray, force_n: np.ndarray) -> None:
        """The newest ``window_s`` seconds; the x axis scrolls once time passes the window."""
        if time_s.shape[0] == 0:
            self.live.setData([], [])
            return
        end = float(time_s[-1])
        start = max(0.0, end - self.window_s)
        first = int(np.searchsorted(time_s, start))
        self.live.setData(time_s[first:], force_n[first:])
        self.setXRange(start, max(self.window_s, end), padding=0)
        self._fit_y(float(force_n[first:].max()))

    def mark_peak(self, time_s: float | None, force_n: float | None, text: str = "") -> None:
        if time_s is None or force_n is None:
            self.peak.setData([], [])
            self.peak_label.setText("")
            return
        self.peak.setData([time_s], [force_n])
        self.peak_label.setText(text)
        self.peak_label.setPos(time_s, force_n)

    def set_threshold(self, level_n: float | None) -> None:
        if level_n is None:
            self.threshold.hide()
        else:
            self.threshold.setPos(level_n)
            self.threshold.show()

    def set_history(self, curves: Sequence[tuple[np.ndarray, np.ndarray]]) -> None:
        for index, line in enumerate(self.history):
            if index < len(curves):
                line.setData(*curves[index])
            else:
                line.setData([], [])
        tops = [float(f.max()) for _, f in curves if f.shape[0]]
        if tops:
            self._fit_y(max(tops))

    def _fit_y(self, top: float) -> None:
        """Grow (never shrink mid-trial) so the peak and its label keep a fifth of headroom."""
        if top * HEADROOM > self._y_top:
            self._y_top = top * HEADROOM * 1.1
            self.setYRange(-5, self._y_top, padding=0)

    def reset_scale(self) -> None:
        self._y_top = 100.0
        self.setYRange(-5, self._y_top, padding=0)
        self.setXRange(0, self.window_s, padding=0)
