"""Vector charts for the referral letter, drawn with reportlab.graphics shapes.

Shapes are drawn by hand rather than with reportlab's chart widgets so that
every label uses the embedded font (the widgets default to Helvetica, which
would put a non-embedded font into the PDF) and the look stays small and
plain. Values arrive computed; the drawing only scales them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop.clinical.strength import LSI_MILD_MIN_PCT, LSI_SYMMETRIC_MIN_PCT
from desktop.report.wording import number, short_date

if TYPE_CHECKING:
    from desktop.clinical.trends import MeasureSeries

INK = (0.15, 0.17, 0.20)
GRID = (0.85, 0.86, 0.88)
LEFT_COLOUR = (0.16, 0.38, 0.62)
RIGHT_COLOUR = (0.85, 0.45, 0.12)
PAIN_COLOUR = (0.62, 0.16, 0.24)
SYMMETRIC_BAND = (0.86, 0.94, 0.87)
MILD_BAND = (0.99, 0.93, 0.80)
RGB = tuple[float, float, float]
# Light enough that lines and points stay legible through it; a lone line's band is
# lighter still, as in the window's charts.
BAND_OPACITY = 0.16
SINGLE_BAND_OPACITY = 0.10
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Band:
    """A shaded value range over a date range: a measure's no-real-change zone."""

    start: date
    end: date
    low: float
    high: float


@dataclass(frozen=True)
class TrendLine:
    """One measure on a trend chart. Points in different segments are never joined."""

    label: str
    colour: RGB
    segments: Sequence[Sequence[tuple[date, float]]]
    band: Band | None = None
    marker: str = "circle"

    @property
    def points(self) -> list[tuple[date, float]]:
        return [point for segment in self.segments for point in segment]


def trend_line(
    measure: MeasureSeries, label: str, colour: RGB, *, marker: str = "circle", band: bool = True
) -> TrendLine:
    """A chart line from the shared trend builder, keeping its segments and its zone."""
    zone = measure.zone if band else None
    return TrendLine(
        label=label,
        colour=colour,
        segments=[[(p.date, p.value) for p in segment] for segment in measure.segments()],
        band=Band(zone.start, zone.end, zone.low, zone.high) if zone is not None else None,
        marker=marker,
    )


def _rgb(colour: tuple[float, float, float]) -> Any:
    from reportlab.lib.colors import Color

    return Color(*colour)


def nice_ceiling(value: float) -> float:
    """Smallest 1, 2, 2.5 or 5 x 10^k at or above ``value`` (axis top)."""
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        top = step * 10.0**exponent
        if top >= value - 1e-12:
            return top
    return 10.0 ** (exponent + 1)


def tick_count(top: float) -> int:
    """4 or 5 intervals, whichever gives steps of 1, 2 or 5 x 10^k (2.5 -> 0.5 steps)."""
    for count in (5, 4):
        step = top / count
        mantissa = step / 10 ** math.floor(math.log10(step))
        if any(abs(mantissa - m) < 1e-9 for m in (1.0, 2.0, 5.0)):
            return count
    return 4


def _decimals_for(top: float) -> int:
    step = top / tick_count(top)
    return 0 if step >= 1 else (1 if step >= 0.1 else 2)


def strength_bars(
    left: float,
    right: float,
    *,
    unit: str,
    decimals: int,
    font: str,
    bold_font: str,
    width: float = 230.0,
    height: float = 150.0,
) -> Any:
    """Left and right bars over shaded bands showing the asymmetry bands.

    The green band spans 90-100% of the stronger side (symmetric) and the amber
    band 80-90% (mild); below it lies marked asymmetry (design.md LSI bands).
    """
    from reportlab.graphics.shapes import Drawing, Line, Rect, String

    drawing = Drawing(width, height, initialFontName=font)
    plot_x, plot_y = 38.0, 22.0
    plot_w, plot_h = width - plot_x - 84.0, height - plot_y - 14.0
    top = nice_ceiling(max(left, right) * 1.1)
    scale = plot_h / top
    stronger = max(left, right)

    def y_of(value: float) -> float:
        return plot_y + value * scale

    sym_low = stronger * LSI_SYMMETRIC_MIN_PCT / 100.0
    mild_low = stronger * LSI_MILD_MIN_PCT / 100.0
    drawing.add(Rect(plot_x, y_of(sym_low), plot_w, y_of(stronger) - y_of(sym_low),
                     fillColor=_rgb(SYMMETRIC_BAND), strokeColor=None))  # fmt: skip
    drawing.add(Rect(plot_x, y_of(mild_low), plot_w, y_of(sym_low) - y_of(mild_low),
                     fillColor=_rgb(MILD_BAND), strokeColor=None))  # fmt: skip

    ticks = tick_count(top)
    for i in range(ticks + 1):
        value = top * i / ticks
        y = y_of(value)
        drawing.add(Line(plot_x, y, plot_x + plot_w, y, strokeColor=_rgb(GRID), strokeWidth=0.4))
        drawing.add(String(plot_x - 4, y - 3, number(value, _decimals_for(top)), fontName=font,
                           fontSize=7, fillColor=_rgb(INK), textAnchor="end"))  # fmt: skip
    drawing.add(String(2, plot_y + plot_h + 4, unit, fontName=font, fontSize=7, fillColor=_rgb(INK)))

    bar_w = plot_w / 5.0
    for index, (label, value, colour) in enumerate(
        (("Left", left, LEFT_COLOUR), ("Right", right, RIGHT_COLOUR))
    ):
        x = plot_x + bar_w * (1 + 2 * index)
        drawing.add(Rect(x, plot_y, bar_w, value * scale, fillColor=_rgb(colour), strokeColor=None))
        drawing.add(String(x + bar_w / 2, y_of(value) + 3, number(value, decimals),
                           fontName=bold_font, fontSize=8, fillColor=_rgb(INK),
                           textAnchor="middle"))  # fmt: skip
        drawing.add(String(x + bar_w / 2, plot_y - 11, label, fontName=font, fontSize=8,
                           fillColor=_rgb(INK), textAnchor="middle"))  # fmt: skip
    drawing.add(Line(plot_x, plot_y, plot_x + plot_w, plot_y, strokeColor=_rgb(INK), strokeWidth=0.6))

    key_x = plot_x + plot_w + 8
    key_rows: tuple[tuple[tuple[float, float, float] | None, str], ...] = (
        (SYMMETRIC_BAND, f"≥ {LSI_SYMMETRIC_MIN_PCT:g}% of stronger:"),
        (None, "symmetric"),
        (MILD_BAND, f"{LSI_MILD_MIN_PCT:g}–{LSI_SYMMETRIC_MIN_PCT:g}%: mild"),
        (None, f"below {LSI_MILD_MIN_PCT:g}%: marked"),
    )
    for row, (key_colour, text) in enumerate(key_rows):
        y = plot_y + plot_h - 10 - row * 12
        if key_colour is not None:
            drawing.add(Rect(key_x, y - 1, 7, 7, fillColor=_rgb(key_colour), strokeColor=_rgb(GRID)))
        drawing.add(String(key_x + 10, y, text, fontName=font, fontSize=6.5, fillColor=_rgb(INK)))
    return drawing


def _ticks_fit(
    ticks: Sequence[tuple[date, str]], x_of: Callable[[date], float], width_of: Callable[[str], float],
    gap: float,
) -> bool:  # fmt: skip
    return all(
        x_of(d2) - x_of(d1) >= (width_of(t1) + width_of(t2)) / 2 + gap
        for (d1, t1), (d2, t2) in zip(ticks, ticks[1:], strict=False)
    )


def date_ticks(
    visit_dates: Sequence[date],
    x_of: Callable[[date], float],
    *,
    font: str,
    size: float,
    gap: float = 4.0,
) -> list[tuple[date, str]]:
    """Date labels for a calendar x axis that never overlap.

    Each visit is labelled while the labels fit; otherwise the axis is labelled
    at month starts (every 1, 2, 3, 6 or 12 months), and failing that at the
    first and last visit only.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def width_of(text: str) -> float:
        return float(stringWidth(text, font, size))

    days = sorted(set(visit_dates))
    visits = [(day, short_date(day)) for day in days]
    if _ticks_fit(visits, x_of, width_of, gap):
        return visits
    first, last = days[0], days[-1]
    start = first.year * 12 + first.month - 1 + (0 if first.day == 1 else 1)
    end = last.year * 12 + last.month - 1
    for step in (1, 2, 3, 6, 12):
        months = [
            (date(index // 12, index % 12 + 1, 1), f"{MONTHS[index % 12]} {index // 12}")
            for index in range(start, end + 1)
            if index % step == 0
        ]
        if months and _ticks_fit(months, x_of, width_of, gap):
            return months
    ends = [visits[0], visits[-1]]
    return ends if _ticks_fit(ends, x_of, width_of, gap) else [visits[-1]]


@dataclass(frozen=True)
class _TrendFrame:
    """Where the plot area sits and how calendar days and values scale into it."""

    plot_x: float
    plot_y: float
    plot_w: float
    plot_h: float
    inner: float
    low: float
    top: float
    first: date
    span_days: int

    @property
    def span(self) -> float:
        return self.top - self.low

    def x_of(self, day: date) -> float:
        if self.span_days == 0:
            return self.plot_x + self.plot_w / 2
        return self.plot_x + self.inner + (day - self.first).days / self.span_days * (self.plot_w - 2 * self.inner)

    def y_of(self, value: float) -> float:
        return self.plot_y + (min(max(value, self.low), self.top) - self.low) / self.span * self.plot_h


def _trend_frame(
    lines: Sequence[TrendLine], dates: Sequence[date], y_range: tuple[float, float] | None, width: float,
    height: float,
) -> _TrendFrame:  # fmt: skip
    """``y_range`` when given, else zero to a round value above every point and band."""
    plot_x, plot_y = 30.0, 30.0
    values = [value for line in lines for _day, value in line.points]
    if y_range is not None:
        low, top = y_range
    else:
        highs = values + [line.band.high for line in lines if line.band is not None]
        low, top = 0.0, nice_ceiling(max(highs, default=1.0) * 1.15)
    first, last = min(dates), max(dates)
    return _TrendFrame(plot_x=plot_x, plot_y=plot_y, plot_w=width - plot_x - 10.0, plot_h=height - plot_y - 22.0,
                       inner=12.0, low=low, top=top, first=first, span_days=(last - first).days)  # fmt: skip


def trend_chart(
    lines: Sequence[TrendLine],
    *,
    dates: Sequence[date],
    title: str,
    font: str,
    bold_font: str,
    y_range: tuple[float, float] | None = None,
    decimals: int = 1,
    breaks: Sequence[date] = (),
    width: float = 235.0,
    height: float = 140.0,
) -> Any:
    """Values over calendar time, each segment its own polyline so a break is never bridged.

    ``dates`` spans the x axis (every visit, so charts side by side line up);
    each line's band is shaded behind it; ``breaks`` are dashed vertical lines
    where the test protocol changed.
    """
    from reportlab.graphics.shapes import Drawing, String

    drawing = Drawing(width, height, initialFontName=font)
    frame = _trend_frame(lines, dates, y_range, width, height)
    drawing.add(String(0, height - 10, title, fontName=bold_font, fontSize=8, fillColor=_rgb(INK)))
    _draw_trend_axes(drawing, frame, dates, font)
    _draw_bands_and_breaks(drawing, frame, lines, breaks)
    for order, line in enumerate(lines):
        _draw_trend_line(drawing, frame, line, order, font=font, decimals=decimals)
    if len(lines) > 1:
        _draw_trend_legend(drawing, lines, frame.plot_x, font)
    return drawing


def _draw_trend_axes(drawing: Any, frame: _TrendFrame, dates: Sequence[date], font: str) -> None:
    """Value grid lines labelled on the left; date ticks that never overlap below."""
    from reportlab.graphics.shapes import Line, String

    plot_x, plot_y, plot_w, span = frame.plot_x, frame.plot_y, frame.plot_w, frame.span
    ticks = tick_count(span)
    for i in range(ticks + 1):
        value = frame.low + span * i / ticks
        y = frame.y_of(value)
        drawing.add(Line(plot_x, y, plot_x + plot_w, y, strokeColor=_rgb(GRID), strokeWidth=0.4))
        drawing.add(String(plot_x - 4, y - 3, number(value, _decimals_for(span)), fontName=font,
                           fontSize=7, fillColor=_rgb(INK), textAnchor="end"))  # fmt: skip
    for day, label in date_ticks(dates, frame.x_of, font=font, size=6.5):
        x = frame.x_of(day)
        drawing.add(Line(x, plot_y, x, plot_y - 2.5, strokeColor=_rgb(INK), strokeWidth=0.5))
        drawing.add(String(x, plot_y - 11, label, fontName=font, fontSize=6.5, fillColor=_rgb(INK),
                           textAnchor="middle"))  # fmt: skip


def _draw_bands_and_breaks(
    drawing: Any, frame: _TrendFrame, lines: Sequence[TrendLine], breaks: Sequence[date]
) -> None:
    """Each line's no-real-change zone, translucent, then a dashed line at every protocol change."""
    from reportlab.graphics.shapes import Line, Rect
    from reportlab.lib.colors import Color

    plot_x, plot_y, plot_w = frame.plot_x, frame.plot_y, frame.plot_w
    opacity = BAND_OPACITY if len(lines) > 1 else SINGLE_BAND_OPACITY
    for line in lines:
        if line.band is None:
            continue
        x0 = max(plot_x, frame.x_of(line.band.start) - 5)
        x1 = min(plot_x + plot_w, frame.x_of(line.band.end) + 5)
        y0, y1 = frame.y_of(line.band.low), frame.y_of(line.band.high)
        drawing.add(Rect(x0, y0, x1 - x0, y1 - y0, fillColor=Color(*line.colour, alpha=opacity),
                         strokeColor=None))  # fmt: skip
    for day in breaks:
        x = frame.x_of(day)
        drawing.add(Line(x, plot_y, x, plot_y + frame.plot_h, strokeColor=_rgb(INK), strokeWidth=0.7,
                         strokeDashArray=[2.5, 2]))  # fmt: skip


def _draw_trend_line(
    drawing: Any, frame: _TrendFrame, line: TrendLine, order: int, *, font: str, decimals: int
) -> None:
    """A line's segments with their markers; its latest value is printed beside the last point.

    Alternate lines put that value above or below the point, so two lines ending close together stay legible.
    """
    from reportlab.graphics.shapes import PolyLine, String

    x_of, y_of = frame.x_of, frame.y_of
    colour = _rgb(line.colour)
    for segment in line.segments:
        coordinates = [c for day, value in segment for c in (x_of(day), y_of(value))]
        if len(segment) >= 2:
            drawing.add(PolyLine(coordinates, strokeColor=colour, strokeWidth=1.4))
        for day, value in segment:
            drawing.add(_marker(line.marker, x_of(day), y_of(value), colour))
    points = line.points
    if points:
        day, value = points[-1]
        offset = 5 if order % 2 == 0 else -10
        drawing.add(String(x_of(day) - 5, y_of(value) + offset, number(value, decimals), fontName=font,
                           fontSize=6.5, fillColor=colour, textAnchor="end"))  # fmt: skip


def _draw_trend_legend(drawing: Any, lines: Sequence[TrendLine], legend_x: float, font: str) -> None:
    """A key along the bottom edge: each line's colour, marker and label."""
    from reportlab.graphics.shapes import Line, String

    for line in lines:
        colour = _rgb(line.colour)
        drawing.add(Line(legend_x, 6, legend_x + 14, 6, strokeColor=colour, strokeWidth=1.4))
        drawing.add(_marker(line.marker, legend_x + 7, 6, colour))
        drawing.add(String(legend_x + 18, 3.5, line.label, fontName=font, fontSize=7, fillColor=_rgb(INK)))
        legend_x += 28 + 4.2 * len(line.label)


def _marker(kind: str, x: float, y: float, colour: Any) -> Any:
    """A point symbol: circles for one side, triangles for the other, so print in grey still reads."""
    from reportlab.graphics.shapes import Circle, Polygon

    if kind == "triangle":
        return Polygon([x, y + 3.0, x - 2.9, y - 2.0, x + 2.9, y - 2.0], fillColor=colour, strokeColor=None)
    return Circle(x, y, 2.2, fillColor=colour, strokeColor=None)



def force_fonts(node: Any, font: str) -> None:
    """Give a drawing and every text node in it the embedded font (illustrations from elsewhere).

    reportlab starts each Drawing in Helvetica unless ``initialFontName`` says
    otherwise, which alone would add a non-embedded font to the PDF.
    """
    from reportlab.graphics.shapes import Drawing, String

    if isinstance(node, Drawing):
        node.initialFontName = font
    if isinstance(node, String):
        if not node.fontName.startswith(font.split("-")[0]):
            node.fontName = font
        return
    for child in getattr(node, "contents", ()) or ():
        force_fonts(child, font)
