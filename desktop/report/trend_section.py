"""The "Progress over visits" charts, drawn from the shared trend series."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.clinical.model import SIDES
from desktop.clinical.trends import MeasureSeries, TrendSeries, strength_key
from desktop.report import charts, pelvic_drop, wording
from desktop.report.base import ReportBase
from desktop.report.curve_chart import curve_trend_drawings

STRENGTH_TREND_TITLES = {
    "Nm/kg": "Hip-abduction torque (Nm/kg)",
    "%BW": "Hip-abduction force (% body weight)",
    "N": "Hip-abduction peak force (N)",
}
STRENGTH_TREND_DECIMALS = {"Nm/kg": 2, "%BW": 1, "N": 0}
PROTOCOL_BREAK_CAPTION = "Line broken where the test protocol changed (dashed line)."


@dataclass(frozen=True)
class TrendFigure:
    """One chart of "Progress over visits" and the notes printed under it."""

    measure: str
    drawing: Any
    captions: tuple[str, ...]


def _trend_strength_unit(trends: TrendSeries) -> str | None:
    """The series' default strength unit, or failing that the preferred one with a trend.

    The default (the latest visit's best normalisation) is what the window
    shows first; another unit is used only when the default has values at
    fewer than two visits, e.g. when the lever arm was first measured today.
    """
    units = trends.strength_units()
    if trends.default_strength_unit in units:
        units.remove(trends.default_strength_unit)
        units.insert(0, trends.default_strength_unit)
    for unit in units:
        visits = {p.assessment_id for side in SIDES for p in trends[strength_key(unit, side)].points}
        if len(visits) >= 2:
            return unit
    return None


def _line_breaks(trends: TrendSeries, measures: Sequence[MeasureSeries]) -> tuple[list[date], bool]:
    """Where the drawn lines break: dates of protocol changes, and whether any other break occurs.

    A break is a protocol change when a line-breaking protocol mark falls
    after the last point of one segment and at or before the first point of
    the next; the dashed line goes midway between those two points.
    """
    position = {visit.assessment_id: index for index, visit in enumerate(trends.visits)}
    breaking = [position[m.assessment_id] for m in trends.protocol_marks if m.breaks_line]
    protocol: list[date] = []
    other = False
    for measure in measures:
        segments = measure.segments()
        for before, after in zip(segments, segments[1:], strict=False):
            end, start = before[-1], after[0]
            if any(position[end.assessment_id] < p <= position[start.assessment_id] for p in breaking):
                middle = end.date + (start.date - end.date) // 2
                if middle not in protocol:
                    protocol.append(middle)
            else:
                other = True
    return sorted(protocol), other


class TrendSections(ReportBase):
    def trend_figures(self) -> list[TrendFigure]:
        """Strength per side and pain over the visits, from the shared trend series.

        Nothing is drawn for a first visit, nor for a measure with values at
        fewer than two visits (one point is not a trend).
        """
        trends = self.data.trends
        if trends is None or len(trends.visits) < 2:
            return []
        dates = [visit.date for visit in trends.visits]
        f = self.fontset
        figures: list[TrendFigure] = []
        unit = _trend_strength_unit(trends)
        if unit is not None:
            measures = [trends[strength_key(unit, side)] for side in SIDES]
            lines = [
                charts.trend_line(measure, wording.SIDE_LABELS[side], colour, marker=marker)
                for measure, side, colour, marker in zip(
                    measures, SIDES, (charts.LEFT_COLOUR, charts.RIGHT_COLOUR), ("circle", "triangle"), strict=True
                )
                if measure.points
            ]
            protocol_breaks, other_breaks = _line_breaks(trends, measures)
            drawing = charts.trend_chart(
                lines, dates=dates, title=STRENGTH_TREND_TITLES[unit], font=f.regular, bold_font=f.bold,
                decimals=STRENGTH_TREND_DECIMALS[unit], breaks=protocol_breaks,
            )  # fmt: skip
            captions = []
            zone = next((m.zone for m in measures if m.zone is not None), None)
            if zone is not None:
                captions.append(
                    f"Shaded: within measurement error ({zone.threshold_label}) of the first visit "
                    "comparable with the latest."
                )
            if protocol_breaks:
                captions.append(PROTOCOL_BREAK_CAPTION)
            if other_breaks:
                captions.append("Line broken across a visit without this measurement.")
            figures.append(TrendFigure("strength", drawing, tuple(captions)))
        pain = trends["nprs"]
        if len({p.assessment_id for p in pain.points}) >= 2:
            drawing = charts.trend_chart(
                [charts.trend_line(pain, "Pain (NPRS)", charts.PAIN_COLOUR)], dates=dates,
                title="Pain, NPRS (0 to 10)", font=f.regular, bold_font=f.bold, y_range=pain.scale, decimals=0,
            )  # fmt: skip
            captions = []
            if pain.zone is not None:
                captions.append(
                    f"Shaded: within the minimal important change ({pain.zone.threshold_label}) of the "
                    "first visit."
                )
            figures.append(TrendFigure("nprs", drawing, tuple(captions)))
        drop = pelvic_drop.trend_figure(trends, dates, f.regular, f.bold)
        if drop is not None:
            figures.append(TrendFigure("pelvic_drop", *drop))
        for key, curve_drawing, notes in curve_trend_drawings(trends, dates, font=f.regular, bold_font=f.bold):
            figures.append(TrendFigure(key, curve_drawing, notes))
        return figures

    def trend_section(self) -> list[Any]:
        from reportlab.platypus import KeepTogether, TableStyle

        figures = self.trend_figures()
        if not figures:
            return []
        half = self.content_width / 2
        cells = [[figure.drawing, *(self.para(self.text(c), "Muted") for c in figure.captions)] for figure in figures]
        rows: list[list[Any]] = [cells[i : i + 2] for i in range(0, len(cells), 2)]  # two a row
        if len(rows) > 1 and len(rows[-1]) < 2:
            rows[-1].append("")
        grid = self._grid(rows, colWidths=[half] * len(rows[0]), hAlign="LEFT")
        grid.setStyle(
            TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return [KeepTogether([self.para("Progress over visits", "H2"), grid])]
