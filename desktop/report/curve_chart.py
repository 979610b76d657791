"""The best trial's force-time curve per side, as a small vector chart for the letter.

Curves are aligned at their onset (design.md "Force-time curves"), so the
rise of both sides can be compared at a glance; the peak of each is marked.
Values arrive from the assessment and the clinical engine; the drawing only
scales them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.clinical.curves import best_trial_index, curve_metrics
from desktop.clinical.model import Assessment, HhdSide
from desktop.clinical.units import to_newtons
from desktop.report.charts import (
    GRID,
    INK,
    LEFT_COLOUR,
    RIGHT_COLOUR,
    _rgb,
    nice_ceiling,
    tick_count,
)
from desktop.report.wording import number

# A curve drawn with more points than this looks no different at letter size; the peak
# and the lowest point of every bin are kept, so the peak is never smoothed away.
MAX_POINTS = 360
PRE_ONSET_S = 0.3


@dataclass(frozen=True)
class ChartCurve:
    side: str
    time_s: tuple[float, ...]  # from onset
    force_n: tuple[float, ...]
    peak_s: float
    peak_n: float


def best_curves(assessment: Assessment) -> list[ChartCurve]:
    """The best trial's curve of each side that has one, in newtons, time from onset."""
    hip = assessment.hip_abduction
    if hip is None or hip.method != "hhd":
        return []
    out: list[ChartCurve] = []
    for side in ("left", "right"):
        value = hip.side(side)
        if not isinstance(value, HhdSide) or not value.used_curves or not value.used_trials:
            continue
        index = best_trial_index(value.used_trials)
        curve = value.used_curves[index] if index < len(value.used_curves) else None
        if curve is None:
            continue
        force = [to_newtons(f, hip.unit) for f in curve.force]
        metrics = curve_metrics(force, curve.rate_hz)
        if metrics is None:
            continue
        first = max(0, int(round((metrics.onset_s - PRE_ONSET_S) * curve.rate_hz)))
        kept = _decimate(force[first:], MAX_POINTS)
        out.append(
            ChartCurve(
                side=side,
                time_s=tuple((first + i) / curve.rate_hz - metrics.onset_s for i, _ in kept),
                force_n=tuple(f for _, f in kept),
                peak_s=metrics.peak_s - metrics.onset_s,
                peak_n=metrics.peak_n,
            )
        )
    return out


def _decimate(values: list[float], limit: int) -> list[tuple[int, float]]:
    if len(values) <= limit:
        return list(enumerate(values))
    bins = limit // 2
    size = len(values) / bins
    out: list[tuple[int, float]] = []
    for b in range(bins):
        start, end = int(b * size), max(int(b * size) + 1, int((b + 1) * size))
        chunk = range(start, min(end, len(values)))
        low = min(chunk, key=values.__getitem__)
        high = max(chunk, key=values.__getitem__)
        out.extend(sorted({(low, values[low]), (high, values[high])}))
    return out


@dataclass(frozen=True)
class _CurveFrame:
    """Where the plot area sits in the drawing and how time and force scale into it."""

    plot_x: float
    plot_y: float
    plot_w: float
    plot_h: float
    x_min: float
    x_max: float
    top: float

    def x_of(self, t: float) -> float:
        return self.plot_x + (t - self.x_min) / (self.x_max - self.x_min) * self.plot_w

    def y_of(self, f: float) -> float:
        return self.plot_y + max(0.0, f) / self.top * self.plot_h


def _curve_frame(curves: list[ChartCurve], width: float, height: float) -> _CurveFrame:
    """From the pre-onset margin to the longest curve; force up to a round value above the highest peak."""
    plot_x, plot_y = 36.0, 24.0
    return _CurveFrame(
        plot_x=plot_x,
        plot_y=plot_y,
        plot_w=width - plot_x - 8.0,
        plot_h=height - plot_y - 22.0,
        x_min=-PRE_ONSET_S,
        x_max=max(max(c.time_s) for c in curves),
        top=nice_ceiling(max(c.peak_n for c in curves) * 1.08),
    )


def force_curves_chart(
    curves: list[ChartCurve],
    *,
    font: str,
    bold_font: str,
    width: float = 250.0,
    height: float = 140.0,
) -> Any:
    from reportlab.graphics.shapes import Drawing, String

    drawing = Drawing(width, height, initialFontName=font)
    frame = _curve_frame(curves, width, height)
    _draw_force_grid(drawing, frame, font)
    _draw_time_axis(drawing, frame, font)
    drawing.add(
        String(2, frame.plot_y + frame.plot_h + 6, "N", fontName=font, fontSize=7, fillColor=_rgb(INK))
    )
    key_x = frame.plot_x + 14
    for curve in curves:
        colour = _rgb(LEFT_COLOUR if curve.side == "left" else RIGHT_COLOUR)
        _draw_curve(drawing, frame, curve, colour)
        _draw_key_entry(drawing, frame, curve, colour, key_x, font)
        key_x += 92
    return drawing


def _draw_force_grid(drawing: Any, frame: _CurveFrame, font: str) -> None:
    """Horizontal grid lines at round forces, labelled on the left."""
    from reportlab.graphics.shapes import Line, String

    ticks = tick_count(frame.top)
    for i in range(ticks + 1):
        value = frame.top * i / ticks
        drawing.add(
            Line(
                frame.plot_x,
                frame.y_of(value),
                frame.plot_x + frame.plot_w,
                frame.y_of(value),
                strokeColor=_rgb(GRID),
                strokeWidth=0.4,
            )
        )
        drawing.add(
            String(
                frame.plot_x - 3,
                frame.y_of(value) - 2.5,
                number(value, 0),
                fontName=font,
                fontSize=6.5,
                fillColor=_rgb(INK),
                textAnchor="end",
            )
        )


def _draw_time_axis(drawing: Any, frame: _CurveFrame, font: str) -> None:
    """A tick and label at every whole second from onset, the axis line and its caption."""
    from reportlab.graphics.shapes import Line, String

    plot_x, plot_y, plot_w = frame.plot_x, frame.plot_y, frame.plot_w
    second = 0
    while second <= frame.x_max:
        x = frame.x_of(second)
        drawing.add(Line(x, plot_y, x, plot_y - 2, strokeColor=_rgb(INK), strokeWidth=0.5))
        drawing.add(
            String(
                x,
                plot_y - 9,
                f"{second:g}",
                fontName=font,
                fontSize=6.5,
                fillColor=_rgb(INK),
                textAnchor="middle",
            )
        )
        second += 1
    drawing.add(
        Line(plot_x, plot_y, plot_x + plot_w, plot_y, strokeColor=_rgb(INK), strokeWidth=0.6)
    )
    drawing.add(
        String(
            plot_x + plot_w,
            plot_y - 19,
            "seconds from onset",
            fontName=font,
            fontSize=6.5,
            fillColor=_rgb(INK),
            textAnchor="end",
        )
    )


def _draw_curve(drawing: Any, frame: _CurveFrame, curve: ChartCurve, colour: Any) -> None:
    """The curve, its peak marked with a circle (left) or a triangle (right) so grey print still reads."""
    from reportlab.graphics.shapes import Circle, Polygon, PolyLine

    points: list[float] = []
    for t, f in zip(curve.time_s, curve.force_n, strict=True):
        points += [frame.x_of(t), frame.y_of(f)]
    drawing.add(PolyLine(points, strokeColor=colour, strokeWidth=1.1))
    px, py = frame.x_of(curve.peak_s), frame.y_of(curve.peak_n)
    if curve.side == "left":
        drawing.add(
            Circle(px, py, 2.4, fillColor=colour, strokeColor=_rgb(INK), strokeWidth=0.5)
        )
    else:
        drawing.add(
            Polygon(
                [px - 2.8, py - 2.2, px + 2.8, py - 2.2, px, py + 2.8],
                fillColor=colour,
                strokeColor=_rgb(INK),
                strokeWidth=0.5,
            )
        )


def _draw_key_entry(
    drawing: Any, frame: _CurveFrame, curve: ChartCurve, colour: Any, key_x: float, font: str
) -> None:
    """The side's key above the plot: a line in its colour and its peak force."""
    from reportlab.graphics.shapes import Line, String

    plot_y, plot_h = frame.plot_y, frame.plot_h
    label = f"{'Left' if curve.side == 'left' else 'Right'} peak {number(curve.peak_n, 0)} N"
    drawing.add(
        Line(
            key_x,
            plot_y + plot_h + 9,
            key_x + 12,
            plot_y + plot_h + 9,
            strokeColor=colour,
            strokeWidth=1.6,
        )
    )
    drawing.add(
        String(
            key_x + 15,
            plot_y + plot_h + 6.5,
            label,
            fontName=font,
            fontSize=6.5,
            fillColor=_rgb(INK),
        )
    )


CURVE_CAPTION = (
    "Force-time curve of the best trial on each side, aligned at force onset. Time to peak and "
    "rate of force development (RFD, 0–200 ms after onset) come from that trial: onset is the "
    "first sample 5% of the rise above the resting level (mean of the first 100 ms), after "
    "Maffiuletti et al. 2016."
)


def curve_rows(left: Any, right: Any, pair: Any) -> list[list[str]]:
    """Findings-table rows for the curve measures, only when a curve was recorded."""
    if all(getattr(side, "time_to_peak_s", None) is None for side in (left, right)):
        return []
    return [
        ["Time to peak (best trial)", *pair("time_to_peak_s", lambda v: f"{number(v, 2)} s")],
        ["RFD 0–200 ms (best trial)", *pair("rfd_0_200_n_per_s", lambda v: f"{number(v, 0)} N/s")],
    ]


CURVE_TREND_TITLES = {
    "rfd_0_200_n_per_s": ("RFD 0–200 ms, best trial (N/s)", 0),
    "time_to_peak_s": ("Time to peak, best trial (s)", 2),
}


def curve_trend_drawings(
    trends: Any, dates: list[Any], *, font: str, bold_font: str
) -> list[tuple[str, Any, tuple[str, ...]]]:
    """Trend charts of curve measures with values at two or more visits (one point is no trend)."""
    from desktop.clinical.trends import CURVE_MEASURES, curve_key
    from desktop.report import charts

    out: list[tuple[str, Any, tuple[str, ...]]] = []
    for measure in CURVE_MEASURES:
        series = [trends.measures.get(curve_key(measure, side)) for side in ("left", "right")]
        visits = {p.assessment_id for s in series if s is not None for p in s.points}
        if len(visits) < 2:
            continue
        lines = [
            charts.trend_line(
                s, "Left" if side == "left" else "Right", colour, marker=marker, band=False
            )
            for s, side, colour, marker in zip(
                series,
                ("left", "right"),
                (LEFT_COLOUR, RIGHT_COLOUR),
                ("circle", "triangle"),
                strict=True,
            )
            if s is not None and s.points
        ]
        title, decimals = CURVE_TREND_TITLES[measure]
        drawing = charts.trend_chart(
            lines, dates=dates, title=title, font=font, bold_font=bold_font, decimals=decimals
        )
        out.append(
            (
                measure,
                drawing,
                (
                    "From visits with a recorded force-time curve; no measurement-error "
                    "zone is on file for this measure.",
                ),
            )
        )
    return out
