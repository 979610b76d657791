"""Trend charts of a client's visits (pyqtgraph).

This module imports pyqtgraph, so it is imported only when a history view
first opens. Every plot item is created once and refreshed with ``setData``;
what to plot, where lines break and where the no-real-change zone lies all
come from ``desktop.clinical.trends``.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QEvent, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QShowEvent
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.clinical.model import SIDES
from desktop.clinical.trends import (
    MeasureSeries,
    ProtocolMark,
    ReferenceLine,
    TrendPoint,
    TrendSeries,
    curve_key,
    format_date,
    format_value,
    pelvic_drop_key,
    strength_key,
    trendelenburg_key,
)
from desktop.ui.history import dialogs
from desktop.ui.history.chart_grid import MAX_COLUMNS, ChartGrid, link_dates
from desktop.ui.history.chart_parts import Chart, SeriesItems, point_arrays, title_never_widens
from desktop.ui.history.colours import (
    LEFT_GLYPH,
    LEFT_SYMBOL,
    RIGHT_GLYPH,
    RIGHT_SYMBOL,
    ChartColours,
    chart_colours,
)
from desktop.ui.history.day_axis import AXIS_FIRST, AXIS_LAST, DayAxisItem, date_to_x

CHART_KEYS = ("strength", "lsi", "trendelenburg", "pelvic_drop", "nprs", "odi", "psfs", "rfd", "time_to_peak")
ALL_CHARTS = "all"
_SYMBOL_SIZE = 9
_LINE_WIDTH = 2.0
_X_PAD_DAYS = 4.0


class TrendView(QWidget):
    """Six linked trend charts with hover values, click-to-open and export."""

    visit_activated = Signal(int)
    charts_drawn = Signal()  # every chart drawn in again after the view showed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._series: TrendSeries | None = None
        self._undrawn: list[pg.PlotItem] = []
        self._draw_timer = QTimer(self)
        self._draw_timer.setSingleShot(True)
        self._draw_timer.setInterval(0)
        self._draw_timer.timeout.connect(self._draw_next)
        self._strength_unit: str | None = None
        self._colours = chart_colours(self.palette())

        self._hint = QLabel(self)
        self._hint.setWordWrap(True)
        self._unit_combo = QComboBox(self)
        self._unit_combo.setToolTip(self.tr("Strength is shown in one unit at a time"))
        self._unit_combo.currentIndexChanged.connect(self._on_unit_chosen)
        self._export_combo = QComboBox(self)
        self._export_combo.addItem(self.tr("All charts"), ALL_CHARTS)
        self._export_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._png_button = QPushButton(self.tr("Save PNG…"), self)
        self._svg_button = QPushButton(self.tr("Save SVG…"), self)
        self._png_button.clicked.connect(lambda: self._export_clicked("png"))
        self._svg_button.clicked.connect(lambda: self._export_clicked("svg"))

        bar = QHBoxLayout()
        self._unit_label = QLabel(self.tr("Strength shown as:"), self)
        bar.addWidget(self._unit_label)
        bar.addWidget(self._unit_combo)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Export:"), self))
        bar.addWidget(self._export_combo)
        bar.addWidget(self._png_button)
        bar.addWidget(self._svg_button)

        self._grid = ChartGrid(self)
        self._graphics = self._grid.graphics
        self._graphics.ci.setSpacing(6)
        self._graphics.ci.setContentsMargins(4, 4, 4, 4)
        self._charts: dict[str, Chart] = {}
        self._build_charts()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self._hint)
        layout.addWidget(self._grid, 1)
        self._set_hint()
        self._apply_colours()

    # -- construction ---------------------------------------------------

    def _build_charts(self) -> None:
        titles = {
            "strength": self.tr("Hip-abduction strength"),
            "lsi": self.tr("Limb symmetry index (%)"),
            "trendelenburg": self.tr("Trendelenburg hold (s)"),
            "pelvic_drop": self.tr("Pelvic drop (°)"),
            "nprs": self.tr("Pain, NPRS 0–10 (lower is better)"),
            "odi": self.tr("Disability, ODI % (lower is better)"),
            "psfs": self.tr("Function, PSFS mean (higher is better)"),
            "rfd": self.tr("RFD 0–200 ms, best trial (N/s)"),
            "time_to_peak": self.tr("Time to peak force, best trial (s)"),
        }
        short_names = {
            "strength": self.tr("Strength"),
            "lsi": self.tr("Symmetry (LSI)"),
            "trendelenburg": self.tr("Trendelenburg"),
            "pelvic_drop": self.tr("Pelvic drop"),
            "nprs": self.tr("Pain (NPRS)"),
            "odi": self.tr("Disability (ODI)"),
            "psfs": self.tr("Function (PSFS)"),
            "rfd": self.tr("Rate of force development"),
            "time_to_peak": self.tr("Time to peak"),
        }
        series_keys: dict[str, Sequence[tuple[str, str | None]]] = {
            "strength": [(f"strength.{side}", side) for side in SIDES],
            "lsi": [("lsi_pct", None)],
            "trendelenburg": [(trendelenburg_key(side), side) for side in SIDES],
            "pelvic_drop": [(pelvic_drop_key(side), side) for side in SIDES],
            "nprs": [("nprs", None)],
            "odi": [("odi_pct", None)],
            "psfs": [("psfs_mean", None)],
            "rfd": [(curve_key("rfd_0_200_n_per_s", side), side) for side in SIDES],
            "time_to_peak": [(curve_key("time_to_peak_s", side), side) for side in SIDES],
        }
        for index, key in enumerate(CHART_KEYS):
            axis = DayAxisItem()
            plot = self._graphics.addPlot(
                row=index // MAX_COLUMNS, col=index % MAX_COLUMNS, axisItems={"bottom": axis}
            )
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.setMouseEnabled(x=True, y=False)
            plot.setLimits(xMin=date_to_x(AXIS_FIRST), xMax=date_to_x(AXIS_LAST))
            plot.getAxis("left").setWidth(44)
            title_never_widens(plot)
            self._graphics.ci.layout.setColumnStretchFactor(index % MAX_COLUMNS, 1)
            chart = Chart(key, plot, titles[key], {}, [], [])
            for series_key, side in series_keys[key]:
                chart.series[series_key] = self._make_series_items(plot, side)
            self._charts[key] = chart
            self._export_combo.addItem(short_names[key], key)
        link_dates([chart.plot for chart in self._charts.values()])

    def _make_series_items(self, plot: pg.PlotItem, side: str | None) -> SeriesItems:
        zone_low = pg.PlotCurveItem()
        zone_high = pg.PlotCurveItem()
        zone_fill = pg.FillBetweenItem(zone_low, zone_high)
        curve = pg.PlotCurveItem(connect="finite")
        items = SeriesItems(curve, pg.ScatterPlotItem(), zone_low, zone_high, zone_fill, side)
        items.scatter.setData(
            [], [], symbol=RIGHT_SYMBOL if side == "right" else LEFT_SYMBOL, size=_SYMBOL_SIZE,
            hoverable=True, hoverSize=_SYMBOL_SIZE + 4,
            tip=lambda x, y, data, tips=items.tips: self._tip_text(tips.get(data)),
        )  # fmt: skip
        items.scatter.sigClicked.connect(self._on_points_clicked)
        zone_fill.setZValue(-20)
        zone_low.setZValue(-19)
        zone_high.setZValue(-19)
        curve.setZValue(5)
        items.scatter.setZValue(10)
        for item in (zone_fill, zone_low, zone_high, curve, items.scatter):
            plot.addItem(item)
        return items

    # -- data -------------------------------------------------------------

    @property
    def series(self) -> TrendSeries | None:
        return self._series

    @property
    def strength_unit(self) -> str | None:
        return self._strength_unit

    def chart_plot(self, key: str) -> pg.PlotItem:
        return self._charts[key].plot

    def series_items(self, key: str) -> SeriesItems:
        """Items of one drawn measure: ``strength.left``, ``lsi_pct``, ``nprs``, ..."""
        for chart in self._charts.values():
            if key in chart.series:
                return chart.series[key]
        raise KeyError(key)

    def mark_lines(self, key: str) -> list[pg.InfiniteLine]:
        """Visible protocol-change lines on a chart."""
        return [line for line in self._charts[key].mark_lines if line.isVisible()]

    def set_series(self, series: TrendSeries) -> None:
        self._series = series
        units = series.strength_units()
        keep = self._strength_unit if self._strength_unit in units else series.default_strength_unit
        self._unit_combo.blockSignals(True)
        self._unit_combo.clear()
        for unit in units:
            self._unit_combo.addItem(unit, unit)
        self._unit_combo.setEnabled(len(units) > 1)
        # No strength in any unit (manual muscle test only, or not tested): no empty unit box.
        self._unit_label.setVisible(bool(units))
        self._unit_combo.setVisible(bool(units))
        self._strength_unit = keep if keep in units else (units[0] if units else None)
        if self._strength_unit is not None:
            self._unit_combo.setCurrentIndex(units.index(self._strength_unit))
        self._unit_combo.blockSignals(False)
        self._refresh()

    def set_strength_unit(self, unit: str) -> None:
        index = self._unit_combo.findData(unit)
        if index < 0:
            raise ValueError(f"no strength values in {unit}")
        self._unit_combo.setCurrentIndex(index)
        self._strength_unit = unit
        self._refresh_strength()

    def _on_unit_chosen(self, index: int) -> None:
        unit = self._unit_combo.itemData(index)
        if unit and unit != self._strength_unit:
            self._strength_unit = unit
            self._refresh_strength()

    def _refresh(self) -> None:
        series = self._series
        if series is None:
            return
        self._refresh_strength()
        self._fill_chart("lsi", {"lsi_pct": series["lsi_pct"]}, series.protocol_marks)
        self._fill_chart(
            "trendelenburg", {trendelenburg_key(s): series[trendelenburg_key(s)] for s in SIDES}
        )
        self._fill_chart(
            "pelvic_drop", {pelvic_drop_key(s): series[pelvic_drop_key(s)] for s in SIDES}
        )
        self._fill_chart("nprs", {"nprs": series["nprs"]})
        self._fill_chart("odi", {"odi_pct": series["odi_pct"]})
        self._fill_chart("psfs", {"psfs_mean": series["psfs_mean"]})
        curves_recorded = False
        for chart_key, measure in (("rfd", "rfd_0_200_n_per_s"), ("time_to_peak", "time_to_peak_s")):
            keys = [curve_key(measure, side) for side in SIDES]
            found = {key: series.measures.get(key) for key in keys}
            curves_recorded |= any(m is not None and m.points for m in found.values())
            self._fill_chart(chart_key, found)
        # Force-time charts only for clients with a captured curve: no row of empty charts.
        for chart_key in ("rfd", "time_to_peak"):
            self._charts[chart_key].plot.setVisible(curves_recorded)
        self._grid.set_plots([chart.plot for chart in self._charts.values()])
        xs = [date_to_x(visit.date) for visit in series.visits]
        first = self._charts[CHART_KEYS[0]].plot
        if xs:
            first.setXRange(min(xs) - _X_PAD_DAYS, max(xs) + _X_PAD_DAYS, padding=0.02)

    def _refresh_strength(self) -> None:
        series = self._series
        if series is None:
            return
        unit = self._strength_unit
        measures: dict[str, MeasureSeries | None] = {
            f"strength.{side}": series[strength_key(unit, side)] if unit else None for side in SIDES
        }
        chart = self._charts["strength"]
        chart.title = self.tr("Hip abduction") + (f" ({unit})" if unit else "")
        self._fill_chart("strength", measures, series.protocol_marks)
        self._grid.reflow()  # the unit is part of the title

    def _fill_chart(
        self,
        key: str,
        measures: dict[str, MeasureSeries | None],
        marks: Sequence[ProtocolMark] = (),
    ) -> None:
        chart = self._charts[key]
        for series_key, measure in measures.items():
            self._fill_series(chart.series[series_key], measure, marks)
        first = next((m for m in measures.values() if m is not None), None)
        if first is not None:
            self._set_reference_lines(chart, first.reference_lines)
            chart.scale = first.scale
        self._set_mark_lines(chart, [m for m in marks if m.breaks_line] if marks else [])
        plot = chart.plot
        if chart.scale is not None:
            low, high = chart.scale
            values = [p.value for m in measures.values() if m is not None for p in m.points]
            low, high = min([low, *values]), max([high, *values])
            pad = (high - low) * 0.08
            plot.setYRange(low - pad, high + pad, padding=0)
        else:
            plot.enableAutoRange(axis="y")
        self._set_title(chart, any(m is not None and m.points for m in measures.values()))

    def _fill_series(
        self, items: SeriesItems, measure: MeasureSeries | None, marks: Sequence[ProtocolMark]
    ) -> None:
        items.tips.clear()
        has_points = measure is not None and bool(measure.points)
        has_zone = has_points and measure is not None and measure.zone is not None
        items.curve.setVisible(has_points)
        items.scatter.setVisible(has_points)
        for zone_item in (items.zone_low, items.zone_high, items.zone_fill):
            zone_item.setVisible(has_zone)
        if measure is None or not measure.points:
            if items.scatter.data.size:
                empty = np.zeros(0)
                items.curve.setData(empty, empty)
                items.scatter.setData(x=empty, y=empty, data=[])
            self._empty_zone(items)
            return
        x, y, ids, line_x, line_y = point_arrays(measure)
        items.curve.setData(line_x, line_y, connect="finite")
        items.scatter.setData(x=x, y=y, data=ids)
        mark_by_id = {mark.assessment_id: mark for mark in marks}
        items.tips.update(
            (point.assessment_id, (measure, point, mark_by_id.get(point.assessment_id)))
            for point in measure.points
        )
        zone = measure.zone
        if zone is None:
            self._empty_zone(items)
            return
        x0 = date_to_x(zone.start)
        x1 = max(date_to_x(zone.end), x0 + _X_PAD_DAYS)
        zone_x = np.array([x0, x1])
        items.zone_low.setData(zone_x, np.array([zone.low, zone.low]))
        items.zone_high.setData(zone_x, np.array([zone.high, zone.high]))

    @staticmethod
    def _empty_zone(items: SeriesItems) -> None:
        """No change zone: emptied once, not again for every client without one (each emptying
        redrew the shaded band's path)."""
        for zone_item in (items.zone_low, items.zone_high):
            if zone_item.xData is None or zone_item.xData.size:
                empty = np.zeros(0)
                zone_item.setData(empty, empty)

    def _tip_text(self, entry: tuple[MeasureSeries, TrendPoint, ProtocolMark | None] | None) -> str:
        """Hover text of one point, built only when the point is hovered."""
        if entry is None:
            return ""
        measure, point, mark = entry
        value = escape(format_value(point.value, measure.unit))
        name = (measure.side or "").capitalize() if measure.side else measure.label
        lines = [f"<b>{escape(format_date(point.date))}</b>", f"{escape(name)}: <b>{value}</b>"]
        note = measure.notes.get(point.assessment_id)
        if note:
            lines.append(escape(note))
        if mark is not None:
            lines.extend(f"<i>{escape(reason)}</i>" for reason in mark.reasons)
        lines.append(escape(self.tr("Click to open this visit")))
        return "<br>".join(lines)

    def _set_reference_lines(self, chart: Chart, lines: Sequence[ReferenceLine]) -> None:
        """Dashed lines named on the right-hand axis: a name inside the chart covered points near it."""
        while len(chart.reference_lines) < len(lines):
            line = pg.InfiniteLine(angle=0, movable=False)
            line.setZValue(-5)
            chart.plot.addItem(line)
            chart.reference_lines.append(line)
        for index, line in enumerate(chart.reference_lines):
            if index < len(lines):
                line.setPos(lines[index].value)
                line.setToolTip(lines[index].label)
            line.setVisible(index < len(lines))
        axis = chart.plot.getAxis("right")
        axis.setTicks([[(line.value, line.short_label or line.label) for line in lines]])
        axis.setStyle(showValues=True)
        chart.plot.showAxis("right", bool(lines))
        self._colour_lines(chart)

    def _set_mark_lines(self, chart: Chart, marks: list[ProtocolMark]) -> None:
        while len(chart.mark_lines) < len(marks):
            line = pg.InfiniteLine(
                angle=90, movable=False, label=self.tr("protocol changed"),
                labelOpts={"position": 0.98, "anchors": [(1, 0), (1, 0)]},
            )  # fmt: skip
            line.setZValue(-6)
            chart.plot.addItem(line)
            chart.mark_lines.append(line)
        for index, line in enumerate(chart.mark_lines):
            if index < len(marks):
                mark = marks[index]
                line.setPos(date_to_x(mark.date) - 0.5 * _X_PAD_DAYS)
                line.setToolTip("\n".join(mark.reasons))
                line.setVisible(True)
            else:
                line.setVisible(False)
        self._colour_lines(chart)

    def _set_title(self, chart: Chart, has_data: bool) -> None:
        colours = self._colours
        text = escape(chart.title)
        sides = [items.side for items in chart.series.values() if items.side]
        if sides:
            key = " ".join(
                f"<span style='color:{colours.side(side).name()}'>"
                f"{LEFT_GLYPH if side == 'left' else RIGHT_GLYPH} {escape(self.tr(side))}</span>"
                for side in sides
            )
            text = f"{text}&nbsp;&nbsp;{key}"
        if not has_data:
            text += f" <span style='color:{colours.muted.name()}'>— {escape(self.tr('not recorded'))}</span>"
        if text != chart.shown_title or colours.text.name() != chart.title_colour:
            chart.plot.setTitle(text, color=colours.text.name(), size="10pt")
            chart.shown_title, chart.title_colour = text, colours.text.name()

    def _set_hint(self) -> None:
        self._hint.setText(
            self.tr(
                "Shaded band: measurement-error zone around the baseline (the first visit "
                "comparable with the latest); a later point inside it is no real change. "
                "Dashed vertical line: the strength protocol changed, so points are not joined "
                "across it. Trendelenburg hold and pelvic drop are shown by stance leg; a pelvic drop "
                "within ±4° is measurement error. Hover a point for its value; click it to open that visit."
            )
        )

    # -- drawing in turns --------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._draw_in_turns()

    def _draw_in_turns(self) -> None:
        """On showing, draw the charts in one per turn of the event loop, so the window answers
        between them.

        Painted all at once as the view showed (the client page shown again after a visit: every
        chart laid out, its axes and title drawn anew), the charts held the GUI thread about 50 ms.
        Until its turn a chart is fully transparent, which Qt skips when painting; the data is
        already in every chart, so reading it never waits for this. New data in a shown view is
        drawn at once: only the data changes there.
        """
        if not self.isVisible():
            return  # the show event starts it
        self._undrawn = [chart.plot for chart in self._charts.values()]
        for plot in self._undrawn:
            plot.setOpacity(0.0)
        self._draw_timer.start()

    def _draw_next(self) -> None:
        while self._undrawn:
            plot = self._undrawn.pop(0)
            plot.setOpacity(1.0)
            if plot.isVisible():
                break  # one shown chart per turn; hidden ones cost nothing
        if any(plot.isVisible() for plot in self._undrawn):
            self._draw_timer.start()
        else:
            self.draw_all_now()

    def drawing(self) -> bool:
        """Whether some chart is still waiting for its turn to be drawn."""
        return bool(self._undrawn)

    def draw_all_now(self) -> None:
        """Every chart drawn at the next paint (before an export, or a picture of the view)."""
        self._draw_timer.stop()
        undrawn, self._undrawn = self._undrawn, []
        for plot in undrawn:
            plot.setOpacity(1.0)
        self.charts_drawn.emit()

    # -- colours ------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange:
            self._colours = chart_colours(self.palette())
            self._apply_colours()
        super().changeEvent(event)

    def _apply_colours(self) -> None:
        colours = self._colours
        self._graphics.setBackground(colours.background)
        for chart in self._charts.values():
            for axis_name in ("left", "bottom", "right"):
                axis = chart.plot.getAxis(axis_name)
                axis.setPen(pg.mkPen(colours.muted))
                axis.setTextPen(pg.mkPen(colours.text))
            for items in chart.series.values():
                self._colour_series(items, colours)
            self._colour_lines(chart)
            self._set_title(chart, any(items.scatter.data.size for items in chart.series.values()))

    @staticmethod
    def _colour_series(items: SeriesItems, colours: ChartColours) -> None:
        colour = colours.side(items.side)
        items.curve.setPen(pg.mkPen(colour, width=_LINE_WIDTH))
        outline = QColor(colour).darker(140) if not colours.dark else QColor(colour).lighter(130)
        items.scatter.setPen(pg.mkPen(outline, width=1))
        items.scatter.setBrush(pg.mkBrush(colour))
        items.zone_low.setPen(pg.mkPen(None))
        items.zone_high.setPen(pg.mkPen(None))
        items.zone_fill.setBrush(pg.mkBrush(colours.zone(items.side)))

    def _colour_lines(self, chart: Chart) -> None:
        colours = self._colours
        for line in chart.reference_lines:
            line.setPen(pg.mkPen(colours.muted, width=1, style=Qt.PenStyle.DashLine))
        label_fill = QColor(colours.background)
        label_fill.setAlpha(200)
        for line in chart.mark_lines:
            line.setPen(pg.mkPen(colours.text, width=1.5, style=Qt.PenStyle.DashLine))
            line.label.setColor(colours.text)
            line.label.fill = pg.mkBrush(label_fill)

    # -- interaction ------------------------------------------------------------

    def _on_points_clicked(self, _item: Any, points: Sequence[Any], _event: Any) -> None:
        if len(points):
            self.visit_activated.emit(int(points[0].data()))

    def export_chart(self, key: str, path: Path) -> Path:
        """Write one chart (or all of them) as PNG or SVG, chosen by the file suffix."""
        if self.drawing():
            self.draw_all_now()
        target = self._graphics.ci if key == ALL_CHARTS else self._charts[key].plot
        suffix = path.suffix.lower()
        if suffix == ".svg":
            self._export_svg(target, path)
        elif suffix == ".png":
            exporter = ImageExporter(target)
            width = int(target.boundingRect().width())
            exporter.parameters()["width"] = max(width, 1) * 2
            exporter.export(str(path))
        else:
            raise ValueError(f"unsupported export format {path.suffix!r}; use .png or .svg")
        return path

    def _export_svg(self, target: Any, path: Path) -> None:
        """SVG straight from the scene through Qt's SVG generator.

        pyqtgraph 0.14's SVGExporter fails on the closed paths Qt 6.12 writes
        (pyqtgraph issue 3495), so the scene is rendered directly instead.
        """
        source = target.sceneBoundingRect()
        generator = QSvgGenerator()
        # Axes are cached as QPictures at the widget's DPI; a different SVG
        # resolution would rescale them away from the data.
        generator.setResolution(self._graphics.logicalDpiX())
        generator.setFileName(str(path))
        generator.setSize(source.size().toSize())
        generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
        generator.setTitle(self.tr("Medius trend chart"))
        painter = QPainter(generator)
        try:
            painter.fillRect(QRectF(0, 0, source.width(), source.height()), self._colours.background)
            self._graphics.scene().render(
                painter, QRectF(0, 0, source.width(), source.height()), source
            )
        finally:
            painter.end()

    def _export_clicked(self, fmt: str) -> None:
        key = self._export_combo.currentData()
        name = f"trend-{key}.{fmt}"
        file_filter = self.tr("PNG image (*.png)") if fmt == "png" else self.tr("SVG image (*.svg)")
        path = dialogs.choose_export_path(self, name, file_filter)
        if path is None:
            return
        if path.suffix.lower() != f".{fmt}":
            path = path.with_suffix(f".{fmt}")
        self.export_chart(key, path)

