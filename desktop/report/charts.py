"""Vector charts for the referral letter, drawn with reportlab.graphics shapes.

Shapes are drawn by hand rather than with reportlab's chart widgets so that
every label uses the embedded font (the widgets default to Helvetica, which
would put a non-embedded font into the PDF) and the look stays small and
plain. Values arrive computed; the drawing only scales them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop.clinical.strength import LSI_MILD_MIN_PCT, LSI_SYMMETRIC_MIN_PCT
from desktop.report.wording import number

INK = (0.15, 0.17, 0.20)
GRID = (0.85, 0.86, 0.88)
LEFT_COLOUR = (0.16, 0.38, 0.62)
RIGHT_COLOUR = (0.85, 0.45, 0.12)
PAIN_COLOUR = (0.62, 0.16, 0.24)
SYMMETRIC_BAND = (0.86, 0.94, 0.87)
MILD_BAND = (0.99, 0.93, 0.80)


@dataclass(frozen=True)
class Series:
    label: str
    colour: tuple[float, float, float]
    values: Sequence[float | None]


def _rgb(colour: tuple[float, float, float]) -> Any:
    from reportlab.lib.colors import Color

    return Color(*colour)


def nice_ceiling(value: float) -> float:
    """Smallest 1, 2, 2.5 or 5 x 10^k at or above ``value`` (axis top)."""
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        top = step * 10**exponent
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
    for row, (colour, text) in enumerate(
        (
            (SYMMETRIC_BAND, f"≥ {LSI_SYMMETRIC_MIN_PCT:g}% of stronger:"),
            (None, "symmetric"),
            (MILD_BAND, f"{LSI_MILD_MIN_PCT:g}–{LSI_SYMMETRIC_MIN_PCT:g}%: mild"),
            (None, f"below {LSI_MILD_MIN_PCT:g}%: marked"),
        )
    ):
        y = plot_y + plot_h - 10 - row * 12
        if colour is not None:
            drawing.add(Rect(key_x, y - 1, 7, 7, fillColor=_rgb(colour), strokeColor=_rgb(GRID)))
        drawing.add(String(key_x + 10, y, text, fontName=font, fontSize=6.5, fillColor=_rgb(INK)))
    return drawing


def trend_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    font: str,
    bold_font: str,
    y_max: float | None = None,
    decimals: int = 1,
    width: float = 235.0,
    height: float = 140.0,
) -> Any:
    """Values per visit as lines with points; gaps where a visit lacks the value."""
    from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String

    drawing = Drawing(width, height, initialFontName=font)
    plot_x, plot_y = 30.0, 30.0
    plot_w, plot_h = width - plot_x - 10.0, height - plot_y - 22.0
    present = [v for s in series for v in s.values if v is not None]
    top = y_max if y_max is not None else nice_ceiling(max(present, default=1.0) * 1.15)
    scale = plot_h / top
    count = len(labels)
    step = plot_w / max(count - 1, 1)

    def x_of(index: int) -> float:
        return plot_x + (index * step if count > 1 else plot_w / 2)

    drawing.add(String(0, height - 10, title, fontName=bold_font, fontSize=8, fillColor=_rgb(INK)))
    ticks = tick_count(top)
    for i in range(ticks + 1):
        value = top * i / ticks
        y = plot_y + value * scale
        drawing.add(Line(plot_x, y, plot_x + plot_w, y, strokeColor=_rgb(GRID), strokeWidth=0.4))
        drawing.add(String(plot_x - 4, y - 3, number(value, _decimals_for(top)), fontName=font,
                           fontSize=7, fillColor=_rgb(INK), textAnchor="end"))  # fmt: skip
    for index, label in enumerate(labels):
        drawing.add(String(x_of(index), plot_y - 11, label, fontName=font, fontSize=6.5,
                           fillColor=_rgb(INK), textAnchor="middle"))  # fmt: skip

    for order, s in enumerate(series):
        colour = _rgb(s.colour)
        run: list[float] = []
        for index, value in enumerate(s.values):
            if value is None:
                if len(run) >= 4:
                    drawing.add(PolyLine(run, strokeColor=colour, strokeWidth=1.4))
                run = []
                continue
            x, y = x_of(index), plot_y + value * scale
            run.extend((x, y))
            drawing.add(Circle(x, y, 2.2, fillColor=colour, strokeColor=None))
        if len(run) >= 4:
            drawing.add(PolyLine(run, strokeColor=colour, strokeWidth=1.4))
        last = next(
            ((i, v) for i, v in reversed(list(enumerate(s.values))) if v is not None), None
        )
        if last is not None:
            offset = 5 if order % 2 == 0 else -10
            drawing.add(String(x_of(last[0]) - 4, plot_y + last[1] * scale + offset, number(last[1], decimals),
                               fontName=font, fontSize=6.5, fillColor=colour,
                               textAnchor="end"))  # fmt: skip

    legend_x = plot_x
    for s in series:
        drawing.add(Line(legend_x, 6, legend_x + 12, 6, strokeColor=_rgb(s.colour), strokeWidth=1.6))
        drawing.add(String(legend_x + 15, 3.5, s.label, fontName=font, fontSize=7, fillColor=_rgb(INK)))
        legend_x += 22 + 4.2 * len(s.label)
    return drawing


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
