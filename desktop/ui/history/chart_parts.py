"""The long-lived pieces one trend chart is drawn with, and the point arrays it is fed.

Imports pyqtgraph: loaded with ``trend_view`` when a history view first opens.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg

from desktop.clinical.trends import MeasureSeries, ProtocolMark, TrendPoint
from desktop.ui.history.day_axis import date_to_x


@dataclass
class SeriesItems:
    """The long-lived items that draw one measure: line, points and change zone."""

    curve: pg.PlotCurveItem
    scatter: pg.ScatterPlotItem
    zone_low: pg.PlotCurveItem
    zone_high: pg.PlotCurveItem
    zone_fill: pg.FillBetweenItem
    side: str | None
    tips: dict[int, tuple[MeasureSeries, TrendPoint, ProtocolMark | None]] = field(
        default_factory=dict
    )


@dataclass
class Chart:
    key: str
    plot: pg.PlotItem
    title: str
    series: dict[str, SeriesItems]
    reference_lines: list[pg.InfiniteLine]
    mark_lines: list[pg.InfiniteLine]
    scale: tuple[float, float] | None = None
    shown_title: str = ""
    title_colour: str = ""


def point_arrays(
    series: MeasureSeries,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The points' x, y and assessment ids, read in one pass; and the line's x and y with a NaN
    between segments, so connect="finite" breaks the line there."""
    points = series.points
    count = len(points)
    x = np.fromiter((date_to_x(point.date) for point in points), float, count)
    y = np.fromiter((point.value for point in points), float, count)
    ids = np.fromiter((point.assessment_id for point in points), np.int64, count)
    segment = np.fromiter((point.segment_id for point in points), np.int64, count)
    breaks = np.flatnonzero(segment[1:] != segment[:-1]) + 1
    if not breaks.size:
        return x, y, ids, x, y
    return x, y, ids, np.insert(x, breaks, np.nan), np.insert(y, breaks, np.nan)


def title_never_widens(plot: pg.PlotItem) -> None:
    """Let the columns share the width evenly: pyqtgraph makes a title's full length the chart's
    minimum width on every resize, so long titles (and hidden charts) pushed the last column
    past the window's edge at 1366 px."""
    label = plot.titleLabel
    measure = label.updateMin

    def update_min() -> None:
        measure()
        label.setMinimumWidth(0)

    label.updateMin = update_min
