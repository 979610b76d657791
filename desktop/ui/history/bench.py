"""Synthetic histories and timing of the trend view, for benchmarks and screenshots.

Kept free of pyqtgraph at import time like the rest of the package; the
charts load when ``open_trend_view`` shows a view.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta
from typing import Any

import desktop.content  # noqa: F401  (registers the shipped exercise library and norm tables)
from desktop.clinical.model import (
    Assessment,
    Client,
    HhdSide,
    HipAbduction,
    PsfsItem,
    TrendelenburgSide,
)
from desktop.clinical.results import compute_results
from desktop.clinical.trends import TrendSeries, Visit, trend_series

SYNTHETIC_CLIENT = Client("Sam", "Example", date(1975, 5, 20), "female")
_PSFS_ACTIVITIES = ("Walking 30 min", "Climbing stairs", "Getting out of a car")


def synthetic_visits(
    count: int,
    *,
    start: date = date(2025, 1, 6),
    interval_days: int = 14,
    protocol_change_at: int | None = None,
    seed: int = 7,
) -> list[Visit]:
    """A plausible course of care: strength and function rise, pain and disability fall.

    From visit index ``protocol_change_at`` on, strength is tested side-lying
    instead of supine, so the trend breaks there.
    """
    rng = random.Random(seed)
    visits: list[Visit] = []
    for index in range(count):
        progress = index / max(count - 1, 1)
        noise = lambda spread: 1.0 + rng.uniform(-spread, spread)  # noqa: E731
        left_n = 150.0 * (1.0 + 0.25 * progress) * noise(0.04)
        right_n = 112.0 * (1.0 + 0.55 * progress) * noise(0.04)
        position = "supine"
        if protocol_change_at is not None and index >= protocol_change_at:
            position = "side_lying"
            left_n *= 1.25
            right_n *= 1.25
        hip = HipAbduction(
            method="hhd", position=position, unit="N", contraction="make", fixation="belt",
            left=HhdSide(tuple(round(left_n * f, 1) for f in (0.96, 1.0, 0.98)), 80.0),
            right=HhdSide(tuple(round(right_n * f, 1) for f in (0.97, 1.0, 0.95)), 80.0),
        )  # fmt: skip
        right_hold_s = min(30.0, round(8.0 + 24.0 * progress + rng.uniform(-2, 2)))
        odi_section = max(0, min(5, round(3 - 2.5 * progress + rng.uniform(-0.4, 0.4))))
        assessment = Assessment(
            performed_on=start + timedelta(days=interval_days * index),
            clinician="Jo Smith",
            body_mass_kg=68.0,
            height_cm=165.0,
            pain_nprs=max(0, min(10, round(7 - 5 * progress + rng.uniform(-0.8, 0.8)))),
            odi_item_scores=tuple([odi_section] * 8 + [max(0, odi_section - 1)] * 2),
            psfs=tuple(
                PsfsItem(activity, max(0, min(10, round(3 + 5 * progress + rng.uniform(-1, 1)))))
                for activity in _PSFS_ACTIVITIES
            ),
            trendelenburg_left=TrendelenburgSide(hold_s=30.0),
            trendelenburg_right=TrendelenburgSide(
                hold_s=right_hold_s, trunk_lean="mild" if right_hold_s < 30 else "none"
            ),
            hip_abduction=hip,
        )
        visits.append((index + 1, assessment, compute_results(SYNTHETIC_CLIENT, assessment)))
    return visits


def _application() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _drawn(view: Any) -> None:
    """Run the event loop until the trend view has drawn every chart in, as the window does."""
    from PySide6.QtCore import QCoreApplication

    trend = view.trend_view()
    while trend.drawing():
        QCoreApplication.processEvents()


def open_trend_view(
    count: int = 200, visits: list[Visit] | None = None, series: TrendSeries | None = None
) -> Any:
    """Build, fill and show a history view with ``count`` synthetic visits at 1366x768.

    ``series``: the visits' trend series when already computed (the client page gets them
    computed off the GUI thread). Returns the HistoryView; the caller keeps it alive and closes it.
    """
    from PySide6.QtCore import QCoreApplication

    from desktop.ui.history.view import HistoryView

    _application()
    view = HistoryView()
    view.resize(1366, 768)
    view.set_visits(visits if visits is not None else synthetic_visits(count), series)
    view.show()
    view.trend_view()
    # Deliver the pending layout and resize events so the charts get their real
    # size before the first render (a benchmark harness, not application code).
    QCoreApplication.sendPostedEvents()
    _drawn(view)
    view.grab()
    return view


def time_trend_view(count: int = 200, repeats: int = 15) -> dict[str, float]:
    """Median milliseconds to fill and render the trend view with ``count`` visits.

    ``update_ms``: set_visits on an open view plus one full render (the figure the 50 ms target
    refers to); ``open_ms``: building a new view, filling it, the turns drawing its charts in
    as it shows, and one full render (includes widget construction); ``pan_ms``: one pan step and
    render. Visits and their trend series are built beforehand, as the client page gets both
    computed off the GUI thread; ``series_ms`` is the time that computing the series takes
    there (not part of the other figures). Every chart is filled and drawn.
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    _application()
    visits = synthetic_visits(count, protocol_change_at=count // 2)
    series_times: list[float] = []
    for _ in range(max(3, repeats // 3)):  # off the GUI thread in the window; timed, not in update_ms
        began = time.perf_counter()
        series = trend_series(visits)
        series_times.append((time.perf_counter() - began) * 1000.0)
    open_times: list[float] = []
    update_times: list[float] = []
    pan_times: list[float] = []
    view = open_trend_view(count, visits, series)
    trend = view.trend_view()
    try:
        for _ in range(repeats):
            began = time.perf_counter()
            view.set_visits(visits, series)
            trend.grab()
            update_times.append((time.perf_counter() - began) * 1000.0)
            plot = trend.chart_plot("strength")
            began = time.perf_counter()
            (x0, x1), _ = plot.viewRange()
            step = (x1 - x0) * 0.05
            plot.setXRange(x0 + step, x1 + step, padding=0)
            trend.grab()
            pan_times.append((time.perf_counter() - began) * 1000.0)
        for _ in range(max(3, repeats // 3)):
            began = time.perf_counter()
            fresh = open_trend_view(count, visits, series)
            open_times.append((time.perf_counter() - began) * 1000.0)
            fresh.close()
            fresh.deleteLater()
    finally:
        view.close()
        view.deleteLater()
        # No event loop runs here: delete the closed views now, not in the interpreter's teardown
        # (where Qt objects outliving the application crash the process on exit).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return {
        "visits": float(count),
        "update_ms": statistics.median(update_times),
        "pan_ms": statistics.median(pan_times),
        "open_ms": statistics.median(open_times),
        "series_ms": statistics.median(series_times),
    }
