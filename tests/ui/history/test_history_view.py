"""The history view: plotted series, change zones, protocol breaks, comparison, export."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPalette

from desktop.clinical import model as m
from desktop.clinical.results import compute_results
from desktop.ui.history import HistoryView, synthetic_visits
from desktop.ui.history.bench import SYNTHETIC_CLIENT

ROOT = Path(__file__).resolve().parents[3]


def x_of(day: date) -> float:
    """The chart's x coordinate: days since 1970-01-01."""
    return float((day - date(1970, 1, 1)).days)


@pytest.fixture
def five_visits() -> list[Any]:
    return synthetic_visits(5, interval_days=28)


@pytest.fixture
def view(qtbot: Any, five_visits: list[Any]) -> HistoryView:
    widget = HistoryView()
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.set_visits(five_visits)
    widget.show()
    qtbot.waitExposed(widget)
    trend = widget.trend_view()
    qtbot.waitUntil(lambda: trend.isVisible() and not trend.drawing(), timeout=5000)  # drawn in per turn
    return widget


def stored(visits: list[Any], *path: str) -> list[float]:
    out = []
    for _, _, results in visits:
        node = results.to_json()
        for key in path:
            node = node[key]
        out.append(node)
    return out


def finite(values: np.ndarray) -> list[float]:
    return [float(v) for v in values if math.isfinite(v)]


def test_importing_the_package_does_not_load_pyqtgraph() -> None:
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "import desktop.ui.history as history\n"
        "view = history.HistoryView()\n"
        "view.set_visits([])\n"
        "print('before', 'pyqtgraph' in sys.modules)\n"
        "view.show()\n"
        "print('after', 'pyqtgraph' in sys.modules)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "before False" in done.stdout
    assert "after True" in done.stdout


def test_plotted_series_match_stored_results(view: HistoryView, five_visits: list[Any]) -> None:
    trend = view.trend_view()
    xs = [x_of(a.performed_on) for _, a, _ in five_visits]
    ids = [assessment_id for assessment_id, _, _ in five_visits]
    expected = {
        "strength.left": stored(five_visits, "hip_abduction", "left", "torque_nm_per_kg"),
        "strength.right": stored(five_visits, "hip_abduction", "right", "torque_nm_per_kg"),
        "lsi_pct": stored(five_visits, "hip_abduction", "lsi_pct"),
        "trendelenburg_hold_s.left": stored(five_visits, "trendelenburg", "left", "hold_s"),
        "trendelenburg_hold_s.right": stored(five_visits, "trendelenburg", "right", "hold_s"),
        "nprs": [float(a.pain_nprs) for _, a, _ in five_visits],
        "odi_pct": stored(five_visits, "odi_pct"),
        "psfs_mean": stored(five_visits, "psfs_mean"),
    }
    assert trend.strength_unit == "Nm/kg"
    for key, values in expected.items():
        items = trend.series_items(key)
        point_x, point_y = items.scatter.getData()
        assert list(point_x) == xs, key
        assert list(point_y) == pytest.approx(values), key
        assert [spot.data() for spot in items.scatter.points()] == ids, key
        line_x, line_y = items.curve.getData()
        assert list(line_x) == xs and list(line_y) == pytest.approx(values), key


def test_strength_unit_switch_plots_percent_body_weight(view: HistoryView, five_visits: list[Any]) -> None:
    trend = view.trend_view()
    curve = trend.series_items("strength.left").curve
    trend.set_strength_unit("%BW")
    assert trend.series_items("strength.left").curve is curve
    _, y = trend.series_items("strength.right").scatter.getData()
    assert list(y) == pytest.approx(stored(five_visits, "hip_abduction", "right", "force_pct_bw"))
    assert "%BW" in trend.chart_plot("strength").titleLabel.text


def test_no_unit_box_when_no_visit_measured_strength(view: HistoryView, five_visits: list[Any]) -> None:
    trend = view.trend_view()
    assert trend._unit_combo.isVisible() and trend._unit_combo.count() >= 2  # Nm/kg, %BW, N, ...
    mmt = m.HipAbduction(method="mmt", left=m.MmtSide(5), right=m.MmtSide(4))
    graded = [(aid, replace(a, hip_abduction=mmt)) for aid, a, _ in five_visits]
    manual_only = [(aid, a, compute_results(SYNTHETIC_CLIENT, a)) for aid, a in graded]
    view.set_visits(manual_only)
    assert not trend._unit_combo.isVisible() and not trend._unit_label.isVisible()
    view.set_visits(five_visits)
    assert trend._unit_combo.isVisible()


def test_change_zone_is_baseline_plus_minus_threshold(view: HistoryView, five_visits: list[Any]) -> None:
    trend = view.trend_view()
    first = five_visits[0][2].to_json()
    cases = {
        # strength +-10% of the first visit's value (design.md change thresholds)
        "strength.left": (first["hip_abduction"]["left"]["torque_nm_per_kg"], 0.10, True),
        "strength.right": (first["hip_abduction"]["right"]["torque_nm_per_kg"], 0.10, True),
        "nprs": (float(five_visits[0][1].pain_nprs), 2.0, False),
        "odi_pct": (first["odi_pct"], 10.0, False),
        "psfs_mean": (first["psfs_mean"], 2.0, False),
    }
    first_x, last_x = x_of(five_visits[0][1].performed_on), x_of(five_visits[-1][1].performed_on)
    for key, (baseline, threshold, relative) in cases.items():
        items = trend.series_items(key)
        margin = baseline * threshold if relative else threshold
        low_x, low_y = items.zone_low.getData()
        high_x, high_y = items.zone_high.getData()
        assert list(low_y) == pytest.approx([baseline - margin] * 2), key
        assert list(high_y) == pytest.approx([baseline + margin] * 2), key
        assert list(low_x) == list(high_x) == [first_x, last_x], key
    low_x, _ = trend.series_items("trendelenburg_hold_s.right").zone_low.getData()
    assert len(low_x) == 0


def test_protocol_change_breaks_the_line(qtbot: Any) -> None:
    visits = synthetic_visits(5, interval_days=28, protocol_change_at=3)
    view = HistoryView()
    qtbot.addWidget(view)
    view.set_visits(visits)
    view.show()
    trend = view.trend_view()
    for key in ("strength.left", "strength.right", "lsi_pct"):
        line_x, line_y = trend.series_items(key).curve.getData()
        # Five visits as 3 + 2 with one NaN gap between the segments.
        assert len(line_y) == 6 and math.isnan(line_y[3]) and math.isnan(line_x[3]), key
        assert len(finite(line_y)) == 5
        assert trend.series_items(key).curve.opts["connect"] == "finite"
    (line,) = trend.mark_lines("strength")
    change_x = x_of(visits[3][1].performed_on)
    assert x_of(visits[2][1].performed_on) < line.value() < change_x
    assert len(trend.mark_lines("lsi")) == 1
    assert "position" in line.toolTip()
    # The zone restarts at the first side-lying visit.
    low_x, low_y = trend.series_items("strength.left").zone_low.getData()
    assert low_x[0] == change_x
    assert low_y[0] == pytest.approx(visits[3][2].to_json()["hip_abduction"]["left"]["torque_nm_per_kg"] * 0.9)
    combo = view.compare_view().after_combo
    assert "strength protocol changed" in combo.itemText(3)
    assert "protocol" not in combo.itemText(2)
    # Pain is not a strength measure: its line is not broken.
    _, pain_y = trend.series_items("nprs").curve.getData()
    assert len(pain_y) == 5 and all(math.isfinite(v) for v in pain_y)


def test_items_are_created_once_and_updated(view: HistoryView) -> None:
    trend = view.trend_view()
    plot = trend.chart_plot("nprs")
    before_items = list(plot.items)
    curve = trend.series_items("nprs").curve
    view.set_visits(synthetic_visits(8, interval_days=7))
    assert trend.series_items("nprs").curve is curve
    assert list(plot.items) == before_items
    assert len(curve.getData()[1]) == 8
    view.set_visits([])
    assert len(trend.series_items("nprs").scatter.getData()[0]) == 0
    for key in ("nprs", "strength.left", "lsi_pct"):  # emptied with the points: no line, points or zone left
        items = trend.series_items(key)
        assert all(len(item.getData()[0]) == 0 for item in (items.curve, items.zone_low, items.zone_high)), key
        assert not items.zone_fill.isVisible()
    view.set_visits(synthetic_visits(3, interval_days=7))  # and filled again
    items = trend.series_items("nprs")
    assert len(items.curve.getData()[1]) == len(items.scatter.getData()[1]) == 3
    assert len(items.zone_low.getData()[0]) == 2


def _scene_pos(trend: Any, chart: str, x: float, y: float) -> Any:
    plot = trend.chart_plot(chart)
    scene_point = plot.vb.mapViewToScene(QPointF(x, y))
    return trend._graphics.mapFromScene(scene_point)


def test_clicking_a_point_opens_that_visit(view: HistoryView, five_visits: list[Any], qtbot: Any) -> None:
    trend = view.trend_view()
    assessment_id, assessment, _ = five_visits[2]
    pos = _scene_pos(trend, "nprs", x_of(assessment.performed_on), float(assessment.pain_nprs))
    with qtbot.waitSignal(view.visit_activated, timeout=2000) as blocker:
        qtbot.mouseClick(trend._graphics.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [assessment_id]


def test_hover_shows_date_and_value(view: HistoryView, five_visits: list[Any], qtbot: Any) -> None:
    trend = view.trend_view()
    _, assessment, results = five_visits[1]
    value = results.to_json()["hip_abduction"]["left"]["torque_nm_per_kg"]
    pos = _scene_pos(trend, "strength", x_of(assessment.performed_on), value)
    viewport = trend._graphics.viewport()
    qtbot.mouseMove(viewport, pos)
    vb = trend.chart_plot("strength").vb
    qtbot.waitUntil(lambda: vb.toolTip() != "", timeout=2000)
    tip = vb.toolTip()
    day = assessment.performed_on
    assert f"{day.day} {day:%b %Y}" in tip
    assert f"{value:.2f} Nm/kg" in tip


def _hand_visit(assessment_id: int, day: Any, left_n: float, right_n: float, nprs: int) -> Any:
    # 80 kg, 80 cm lever: torque/kg = force x 0.8 / 80 = force / 100.
    assessment = m.Assessment(
        performed_on=day, body_mass_kg=80.0, pain_nprs=nprs,
        hip_abduction=m.HipAbduction(method="hhd", position="supine", unit="N",
                                     left=m.HhdSide((left_n,), 80.0), right=m.HhdSide((right_n,), 80.0)),
    )  # fmt: skip
    return (assessment_id, assessment, compute_results(SYNTHETIC_CLIENT, assessment))


def test_compare_view_real_change_flags(qtbot: Any) -> None:
    visits = [
        _hand_visit(21, date(2026, 1, 5), 100.0, 100.0, 6),
        _hand_visit(22, date(2026, 2, 2), 104.0, 100.0, 5),
        # Left 100 -> 105 N (+5%, inside +-10%); right 100 -> 125 N (+25%, beyond);
        # NPRS 6 -> 3 (-3, beyond the 2-point MCID).
        _hand_visit(23, date(2026, 3, 2), 105.0, 125.0, 3),
    ]
    view = HistoryView()
    qtbot.addWidget(view)
    view.set_visits(visits)
    compare = view.compare_view()
    assert compare.selected_ids() == (21, 23)
    model = compare.model
    assert model.headerData(1, Qt.Orientation.Horizontal) == "5 Jan 2026"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "2 Mar 2026"
    rows = {model.data(model.index(r, 0)): model.data(model.index(r, 0), Qt.ItemDataRole.UserRole)
            for r in range(model.rowCount())}  # fmt: skip
    left, right = rows["Hip-abduction torque (left)"], rows["Hip-abduction torque (right)"]
    assert not left.real and left.verdict == "No real change (within ±10%)"
    assert right.real and right.verdict == "Improved beyond measurement error (±10%)"
    assert model.data(model.index(0, 4)) == left.verdict
    pain = rows["Pain (NPRS)"]
    assert pain.real and pain.verdict == "Improved beyond the minimal important change (±2 points)"
    compare.select(21, 22)
    rows = [model.data(model.index(r, 0), Qt.ItemDataRole.UserRole) for r in range(model.rowCount())]
    assert not any(row.real for row in rows)
    compare.select(22, 22)
    assert model.rowCount() == 0 and "two different visits" in compare.message.text()


def test_export_png_and_svg(view: HistoryView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.ui.history import dialogs

    trend = view.trend_view()
    target = {"path": tmp_path / "all-charts.png"}
    monkeypatch.setattr(dialogs, "choose_export_path", lambda *args: target["path"])
    trend._png_button.click()
    png = target["path"].read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    target["path"] = tmp_path / "pain"
    trend._export_combo.setCurrentIndex(trend._export_combo.findData("nprs"))
    trend._svg_button.click()
    svg = (tmp_path / "pain.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "</svg>" in svg and "<path" in svg
    with pytest.raises(ValueError):
        trend.export_chart("lsi", tmp_path / "chart.jpg")


def test_cancelled_export_writes_nothing(view: HistoryView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.ui.history import dialogs

    monkeypatch.setattr(dialogs, "choose_export_path", lambda *args: None)
    monkeypatch.chdir(tmp_path)
    view.trend_view()._png_button.click()
    assert list(tmp_path.iterdir()) == []


def test_follows_a_dark_palette(view: HistoryView) -> None:
    trend = view.trend_view()
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    trend.setPalette(palette)
    assert trend._graphics.backgroundBrush().color().name() == "#1e1e1e"
    assert trend.series_items("nprs").curve.opts["pen"].color().name() == "#eeeeee"
    left = trend.series_items("strength.left").curve.opts["pen"].color().name()
    right = trend.series_items("strength.right").curve.opts["pen"].color().name()
    assert left != right and left == "#56b4e9"


def test_two_hundred_visits(qtbot: Any) -> None:
    """Two hundred visits are all drawn; how fast is measured in bench/, not asserted here."""
    from desktop.ui.history.bench import open_trend_view, time_trend_view

    view = open_trend_view(200)
    try:
        trend = view.trend_view()
        point_x, _ = trend.series_items("nprs").scatter.getData()
        assert len(point_x) == 200
    finally:
        view.close()
        view.deleteLater()
    timings = time_trend_view(200, repeats=1)
    assert timings["visits"] == 200
    assert min(timings["update_ms"], timings["pan_ms"]) > 0


def test_every_chart_fits_the_width_of_a_1366_window(qtbot: Any) -> None:
    """A chart with nothing recorded (a longer title) and the hidden force-time charts never push the
    last column past the window's edge."""
    widget = HistoryView()
    qtbot.addWidget(widget)
    widget.resize(1366 - 36, 400)  # the client page's share of a 1366 px window
    widget.set_visits(synthetic_visits(3, interval_days=28))  # no pelvic drop, no force-time curve
    widget.show()
    qtbot.waitExposed(widget)
    graphics = widget.trend_view()._graphics
    qtbot.waitUntil(lambda: graphics.ci.size().width() <= graphics.width(), timeout=3000)
    shown = [chart.plot for chart in widget.trend_view()._charts.values() if chart.plot.isVisible()]
    assert len(shown) == 7
    assert all(plot.geometry().right() <= graphics.width() for plot in shown)


def test_reference_lines_are_named_beside_the_chart_not_over_its_points(view: HistoryView) -> None:
    """The 90 % and 80 % LSI lines and the 30 s hold are named on the right-hand axis, outside
    the data area, so no name can cover a point (the last visits sit at 89 % and at 30 s)."""
    trend = view.trend_view()
    for key, names in (("lsi", ["90%", "80%"]), ("trendelenburg", ["30 s"]), ("pelvic_drop", ["level"])):
        plot = trend.chart_plot(key)
        texts_in_data_area = [item for item in plot.vb.allChildItems()
                              if isinstance(item, pg.TextItem) and item.isVisible()]
        assert texts_in_data_area == []
        axis = plot.getAxis("right")
        assert axis.isVisible()
        assert [name for _value, name in axis._tickLevels[0]] == names
        assert axis.geometry().left() >= plot.vb.geometry().right() - 0.5  # beside the data area
    assert not trend.chart_plot("nprs").getAxis("right").isVisible()


@pytest.mark.parametrize("width", [1366 - 36, 911 - 24])  # the client page at 100 % and at 150 % scaling
def test_titles_stay_inside_their_charts_and_charts_keep_their_height(qtbot: Any, width: int) -> None:
    """Narrow windows get fewer columns and scroll down: no title runs into its neighbour's and
    no chart is squashed below a readable height (at 150 % they were a few pixels high)."""
    widget = HistoryView()
    qtbot.addWidget(widget)
    widget.resize(width, 330)
    widget.set_visits(synthetic_visits(5, interval_days=28))
    widget.show()
    qtbot.waitExposed(widget)
    trend = widget.trend_view()
    grid = trend._grid
    shown = [chart.plot for chart in trend._charts.values() if chart.plot.isVisible()]
    qtbot.waitUntil(lambda: grid.width() > width - 40, timeout=3000)  # laid out in the window
    qtbot.waitUntil(lambda: all(plot.geometry().height() >= grid.chart_height() - 1 for plot in shown),
                    timeout=3000)
    assert grid.columns == (4 if width > 1000 else 2)
    for plot in shown:
        cell = plot.sceneBoundingRect()
        title = plot.titleLabel.item.sceneBoundingRect()
        assert cell.left() - 0.5 <= title.left() and title.right() <= cell.right() + 0.5, plot.titleLabel.text
        assert plot.geometry().right() <= trend._graphics.width()
    for index, plot in enumerate(shown):
        for other in shown[index + 1:]:
            assert not plot.geometry().intersected(other.geometry()).isValid()


def test_the_comparison_wraps_its_verdicts_at_150_percent(qtbot: Any) -> None:
    """The client page's share of a 1366 x 768 screen at 150 % scaling: the verdicts wrap inside
    the table instead of running past its right edge."""
    widget = HistoryView()
    qtbot.addWidget(widget)
    widget.resize(911 - 24, 330)
    widget.set_visits(synthetic_visits(5, interval_days=28))
    widget.tabs.setCurrentIndex(1)
    widget.show()
    qtbot.waitExposed(widget)
    table = widget.compare_view().table
    qtbot.waitUntil(lambda: table.viewport().width() > 800, timeout=3000)
    assert table.horizontalScrollBar().maximum() == 0
    assert table.isColumnHidden(5)  # no notes: the verdicts get the Note column's width
    header = table.horizontalHeader()
    last = header.count() - 1
    assert header.sectionPosition(last) + header.sectionSize(last) <= table.viewport().width()


def test_every_chart_shows_the_same_dates_in_two_columns(qtbot: Any) -> None:
    """At two columns the Trendelenburg chart (narrowed by its right-hand axis) sits under the
    strength chart; both show every visit, panned together."""
    widget = HistoryView()
    qtbot.addWidget(widget)
    widget.resize(911 - 24, 700)
    visits = synthetic_visits(5, interval_days=28)
    widget.set_visits(visits)
    widget.show()
    qtbot.waitExposed(widget)
    trend = widget.trend_view()
    qtbot.waitUntil(lambda: trend._grid.columns == 2, timeout=3000)
    last_visit = max(x_of(visit.performed_on) for _, visit, _ in visits)
    first_range = trend.chart_plot("strength").viewRange()[0]
    for key in ("lsi", "trendelenburg", "pelvic_drop", "nprs", "odi", "psfs"):
        x0, x1 = trend.chart_plot(key).viewRange()[0]
        assert (x0, x1) == pytest.approx(first_range)
        assert x0 < last_visit < x1
    trend.chart_plot("trendelenburg").setXRange(first_range[0] + 10, first_range[1] + 10, padding=0)
    assert trend.chart_plot("strength").viewRange()[0] == pytest.approx([first_range[0] + 10, first_range[1] + 10])


def test_the_note_column_shows_when_a_row_has_a_note(qtbot: Any) -> None:
    widget = HistoryView()
    qtbot.addWidget(widget)
    widget.set_visits(synthetic_visits(5, interval_days=28, protocol_change_at=3))
    compare = widget.compare_view()  # the first visit against the latest, tested in another position
    assert any(row.note for row in compare.model.rows())
    assert not compare.table.isColumnHidden(5)
    visits = synthetic_visits(5, interval_days=28, protocol_change_at=3)
    compare.select(visits[0][0], visits[1][0])  # the same position: no notes
    assert compare.table.isColumnHidden(5)


def test_the_hidden_comparison_waits_for_its_tab_and_keeps_no_earlier_client(qtbot: Any, view: HistoryView) -> None:
    compare = view._compare_view  # as the tab holds it, without asking for it to be laid out
    first = view.compare_view()
    assert first.model.rowCount() > 0 and not compare.isVisible()
    visits = synthetic_visits(3, interval_days=14)
    view.set_visits(visits)
    # Behind the charts' tab: nothing laid out yet, and nothing of the previous visits left.
    assert compare.model.rowCount() == 0 and compare.before_combo.count() == 0
    view.tabs.setCurrentWidget(compare)
    qtbot.waitUntil(compare.isVisible)
    assert compare.before_combo.count() == 3
    assert (compare.before_combo.currentData(), compare.after_combo.currentData()) == (visits[0][0], visits[-1][0])
    assert compare.model.rowCount() > 0
    later = synthetic_visits(4, interval_days=7)
    view.set_visits(later)  # shown: laid out at once
    assert compare.after_combo.count() == 4 and compare.after_combo.currentData() == later[-1][0]


def test_the_comparison_pickers_show_their_whole_date_when_filled_as_the_tab_shows(qtbot: Any) -> None:
    """As the guide's pictures are taken: the tab chosen and the view grabbed at once."""
    view = HistoryView()
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.set_visits(synthetic_visits(3, interval_days=14))  # waits behind the charts' tab
    view.tabs.setCurrentIndex(1)
    view.grab()
    compare = view._compare_view
    for combo in (compare.before_combo, compare.after_combo):
        assert combo.count() == 3
        widest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
        assert combo.width() > widest  # as laid out for that picture
