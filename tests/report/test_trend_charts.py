"""Trend charts drawn from the shared trend series: broken lines, bands and a readable date axis."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from report_examples import all_text, design_assessment, visits_data

from desktop.clinical.model import Assessment, Client, HhdSide
from desktop.report import charts
from desktop.report.renderer import PROTOCOL_BREAK_CAPTION, ReferralReportRenderer, TrendFigure

Render = Callable[..., bytes]
CLIENT = Client("Ana", "Nguyễn", date(1971, 3, 14), "female", external_id="HP-20417")


def _visit(on: date, position: str, left_peak_n: float, right_peak_n: float | None, nprs: int) -> Assessment:
    base = design_assessment()
    assert base.hip_abduction is not None
    right = HhdSide((right_peak_n - 4, right_peak_n), 80.0) if right_peak_n is not None else None
    hip = replace(base.hip_abduction, position=position, left=HhdSide((left_peak_n - 5, left_peak_n), 80.0),
                  right=right)  # fmt: skip
    return replace(base, performed_on=on, pain_nprs=nprs, hip_abduction=hip)


def _protocol_change_visits() -> list[Assessment]:
    """Two supine visits, then two side-lying ones: strength is not comparable across the change."""
    return [
        _visit(date(2026, 6, 4), "supine", 150.0, 118.0, 7),
        _visit(date(2026, 7, 2), "supine", 154.0, 124.0, 6),
        _visit(date(2026, 8, 13), "side_lying", 120.0, 96.0, 5),
        _visit(date(2026, 9, 24), "side_lying", 126.0, 104.0, 3),
    ]


def _walk(node: Any) -> list[Any]:
    found = [node]
    for child in getattr(node, "contents", ()) or ():
        found.extend(_walk(child))
    return found


def _figures(data: Any) -> dict[str, TrendFigure]:
    return {figure.measure: figure for figure in ReferralReportRenderer(data).trend_figures()}


def _polylines(drawing: Any, colour: tuple[float, float, float]) -> list[list[float]]:
    from reportlab.graphics.shapes import PolyLine

    return [
        list(shape.points)
        for shape in _walk(drawing)
        if isinstance(shape, PolyLine) and shape.strokeColor.rgb() == colour
    ]


def _dashed_x(drawing: Any) -> list[float]:
    from reportlab.graphics.shapes import Line

    return [shape.x1 for shape in _walk(drawing) if isinstance(shape, Line) and shape.strokeDashArray]


def test_protocol_change_splits_each_strength_line_in_two(render: Render) -> None:
    data = visits_data(CLIENT, _protocol_change_visits())
    figures = _figures(data)
    strength = figures["strength"].drawing
    (break_x,) = _dashed_x(strength)
    for colour in (charts.LEFT_COLOUR, charts.RIGHT_COLOUR):
        lines = _polylines(strength, colour)
        # Two polylines of two points each (x, y pairs): supine visits, then side-lying ones.
        assert [len(points) for points in lines] == [4, 4]
        before, after = lines
        assert max(before[0::2]) < break_x < min(after[0::2])
    # Pain is not a strength protocol: one unbroken line through all four visits.
    assert [len(points) for points in _polylines(figures["nprs"].drawing, charts.PAIN_COLOUR)] == [8]
    assert PROTOCOL_BREAK_CAPTION in figures["strength"].captions
    text = all_text(render(data))
    assert "Line broken where the test protocol changed" in text
    # The change table states the protocol difference once, not once per source.
    table = text[text.index("Change since the first visit") : text.index("Progress over visits")]
    assert table.count("The test position differs (supine at baseline, side-lying now)") == 1


def test_unchanged_protocol_draws_one_line_per_side_and_no_break() -> None:
    visits = [replace(v, hip_abduction=replace(v.hip_abduction, position="supine"))  # type: ignore[arg-type]
              for v in _protocol_change_visits()]  # fmt: skip
    figures = _figures(visits_data(CLIENT, visits))
    strength = figures["strength"]
    for colour in (charts.LEFT_COLOUR, charts.RIGHT_COLOUR):
        assert [len(points) for points in _polylines(strength.drawing, colour)] == [8]
    assert _dashed_x(strength.drawing) == []
    assert PROTOCOL_BREAK_CAPTION not in strength.captions


def test_a_side_missing_at_one_visit_breaks_only_that_side() -> None:
    visits = _protocol_change_visits()
    visits = [replace(v, hip_abduction=replace(v.hip_abduction, position="supine"))  # type: ignore[arg-type]
              for v in visits]  # fmt: skip
    visits[2] = _visit(visits[2].performed_on, "supine", 152.0, None, 5)
    figures = _figures(visits_data(CLIENT, visits))
    strength = figures["strength"]
    assert [len(p) for p in _polylines(strength.drawing, charts.LEFT_COLOUR)] == [8]
    # Right: visits 1-2 joined, visit 3 missing, visit 4 a lone point (no polyline).
    assert [len(p) for p in _polylines(strength.drawing, charts.RIGHT_COLOUR)] == [4]
    assert _dashed_x(strength.drawing) == []
    assert "Line broken across a visit without this measurement." in strength.captions


def test_strength_band_is_the_latest_segments_measurement_error_zone() -> None:
    from reportlab.graphics.shapes import Rect

    data = visits_data(CLIENT, _protocol_change_visits())
    assert data.trends is not None
    left = data.trends["hip_abduction_torque_nm_per_kg.left"]
    # Side-lying baseline 120 N x 0.8 m / 68 kg = 1.412 Nm/kg; +-10% -> 1.271 to 1.553.
    assert left.zone is not None
    assert round(left.zone.low, 3) == 1.271 and round(left.zone.high, 3) == 1.553
    strength = _figures(data)["strength"].drawing
    (break_x,) = _dashed_x(strength)
    bands = [s for s in _walk(strength) if isinstance(s, Rect) and s.fillColor is not None
             and s.fillColor.alpha < 1]  # fmt: skip
    assert len(bands) == 2
    assert all(band.x > break_x for band in bands)


def test_report_of_an_earlier_visit_plots_no_later_visit() -> None:
    visits = _protocol_change_visits()
    data = visits_data(CLIENT, visits[:2])
    assert data.trends is not None
    assert [v.date for v in data.trends.visits] == [date(2026, 6, 4), date(2026, 7, 2)]


def test_date_axis_labels_each_visit_while_they_fit_then_months() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from desktop.report.fonts import register_fonts

    font = register_fonts().regular

    def axis(days: list[date], width: float = 170.0) -> Callable[[date], float]:
        span = (days[-1] - days[0]).days
        return lambda day: (day - days[0]).days / span * width

    few = [date(2026, 6, 4), date(2026, 7, 16), date(2026, 8, 27)]
    assert charts.date_ticks(few, axis(few), font=font, size=6.5) == [
        (few[0], "4 Jun 26"), (few[1], "16 Jul 26"), (few[2], "27 Aug 26"),
    ]  # fmt: skip
    weekly = [date(2026, 6, 4) + timedelta(weeks=w) for w in range(12)]
    x_of = axis(weekly)
    ticks = charts.date_ticks(weekly, x_of, font=font, size=6.5)
    # 4 Jun + 11 weeks = 20 Aug: month starts Jul and Aug, labelled with the full year.
    assert ticks == [(date(2026, 7, 1), "Jul 2026"), (date(2026, 8, 1), "Aug 2026")]
    for (d1, t1), (d2, t2) in zip(ticks, ticks[1:], strict=False):
        assert x_of(d2) - x_of(d1) >= (stringWidth(t1, font, 6.5) + stringWidth(t2, font, 6.5)) / 2
