"""Two visits side by side: every measure, its change, and whether it is real.

The wording and the real-change decision come from ``desktop.clinical.trends``
(which uses ``desktop.clinical.change``); this module only lays them out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.clinical.change import NOT_COMPARABLE
from desktop.clinical.model import Assessment
from desktop.clinical.trends import TrendSeries, Visit, format_date
from desktop.clinical.visit_compare import CompareRow, compare_visits, protocol_warnings

Index = QModelIndex | QPersistentModelIndex

MEASURE, BEFORE, AFTER, CHANGE, VERDICT, NOTE = range(6)


class CompareTableModel(QAbstractTableModel):
    """Rows of ``CompareRow``; the two value columns are headed by the visit dates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CompareRow] = []
        self._before_label = self.tr("Earlier visit")
        self._after_label = self.tr("Later visit")

    def set_rows(self, rows: Sequence[CompareRow], before_label: str, after_label: str) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._before_label = before_label
        self._after_label = after_label
        self.endResetModel()

    def compare_row(self, row: int) -> CompareRow:
        return self._rows[row]

    def rows(self) -> list[CompareRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 6

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            MEASURE: self.tr("Measure"),
            BEFORE: self._before_label,
            AFTER: self._after_label,
            CHANGE: self.tr("Change"),
            VERDICT: self.tr("Is the change real?"),
            NOTE: self.tr("Note"),
        }[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.label, row.baseline_text, row.current_text, row.change_text, row.verdict, row.note,
            )[column]  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.note or row.verdict
        if role == Qt.ItemDataRole.FontRole and column == VERDICT and (
            row.real or row.direction == NOT_COMPARABLE
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (BEFORE, AFTER, CHANGE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None


class CompareView(QWidget):
    """Pick two visits (default first and latest) and read the change of every measure.

    Visits given while the view is hidden (its tab behind the charts) are laid out when it shows
    or when ``up_to_date`` is asked: sizing the table's wrapped rows for every client opened took
    the GUI thread about 14 ms per client page, for a tab most pages never show.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._assessments: dict[int, Assessment] = {}
        self._waiting: tuple[list[Visit], TrendSeries] | None = None
        self.before_combo = QComboBox(self)
        self.after_combo = QComboBox(self)
        for combo in (self.before_combo, self.after_combo):
            # As wide as their longest visit whenever they are filled: the view fills them when it
            # shows, after they have, and a later client's "(visit N)" can be longer than the first's.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.model = CompareTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        for column in (MEASURE, BEFORE, AFTER, CHANGE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (VERDICT, NOTE):  # the words wrap in the width left, never past the window's edge
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)

        pickers = QGridLayout()
        pickers.addWidget(QLabel(self.tr("Compare visit:"), self), 0, 0)
        pickers.addWidget(self.before_combo, 0, 1)
        pickers.addWidget(QLabel(self.tr("with visit:"), self), 0, 2)
        pickers.addWidget(self.after_combo, 0, 3)
        pickers.setColumnStretch(4, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(pickers)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

        self.before_combo.currentIndexChanged.connect(self._refresh)
        self.after_combo.currentIndexChanged.connect(self._refresh)

    def set_visits(self, visits: Sequence[Visit], series: TrendSeries) -> None:
        if self.isVisible():
            self._waiting = None
            self._fill(visits, series)
            return
        if self._waiting is None and self._assessments:  # nothing of the last client's stays behind
            self._assessments = {}
            self._show_entries([])
        self._waiting = (list(visits), series)

    def up_to_date(self) -> CompareView:
        """The view with the visits last given, laid out now if it was hidden meanwhile."""
        if self._waiting is not None:
            visits, series = self._waiting
            self._waiting = None
            self._fill(visits, series)
        return self

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt's name
        if visible:  # laid out before it and its pickers show, so the first paint is already right
            self.up_to_date()
        super().setVisible(visible)

    def _fill(self, visits: Sequence[Visit], series: TrendSeries) -> None:
        self._assessments = {visit[0]: visit[1] for visit in visits}
        dates = Counter(info.date for info in series.visits)
        same_day = self.tr(" (visit {0})")
        changed = self.tr(" — strength protocol changed")
        entries: list[tuple[str, int]] = []
        for info in series.visits:  # both pickers list the same visits
            text = format_date(info.date)
            if dates[info.date] > 1:
                text += same_day.format(info.assessment_id)
            mark = series.mark_for(info.assessment_id)
            if mark is not None and mark.breaks_line:
                text += changed
            entries.append((text, info.assessment_id))
        self._show_entries(entries)

    def _show_entries(self, entries: Sequence[tuple[str, int]]) -> None:
        """Both pickers list ``entries`` (first against latest chosen), and the table follows."""
        for combo in (self.before_combo, self.after_combo):
            combo.blockSignals(True)
            combo.clear()
            for text, assessment_id in entries:
                combo.addItem(text, assessment_id)
        if entries:
            self.before_combo.setCurrentIndex(0)
            self.after_combo.setCurrentIndex(len(entries) - 1)
        for combo in (self.before_combo, self.after_combo):
            combo.blockSignals(False)
        self._refresh()

    def select(self, before_id: int, after_id: int) -> None:
        """Choose the two visits to compare by assessment id."""
        self.up_to_date()
        for combo, wanted in ((self.before_combo, before_id), (self.after_combo, after_id)):
            index = combo.findData(wanted)
            if index < 0:
                raise KeyError(wanted)
            combo.setCurrentIndex(index)
        self._refresh()

    def selected_ids(self) -> tuple[int | None, int | None]:
        self.up_to_date()
        return self.before_combo.currentData(), self.after_combo.currentData()

    def _refresh(self) -> None:
        before_id, after_id = self.selected_ids()
        if len(self._assessments) < 2:
            self.model.set_rows([], self.tr("Earlier visit"), self.tr("Later visit"))
            self.message.setText(self.tr("Comparison needs at least two visits."))
            return
        if before_id is None or after_id is None or before_id == after_id:
            self.model.set_rows([], self.tr("Earlier visit"), self.tr("Later visit"))
            self.message.setText(self.tr("Choose two different visits."))
            return
        before, after = self._assessments[before_id], self._assessments[after_id]
        if after.performed_on < before.performed_on:
            before, after = after, before
        rows = compare_visits(before, after)
        self.model.set_rows(rows, format_date(before.performed_on), format_date(after.performed_on))
        self.table.setColumnHidden(NOTE, not any(row.note for row in rows))  # its width goes to the verdicts
        warnings = protocol_warnings(before, after)
        text = self.tr(
            "Change counts as real only beyond measurement error (strength, symmetry, PSFS) or "
            "the minimal important change (NPRS, ODI)."
        )
        if warnings:
            text = "\n".join([text, self.tr("Strength protocol:"), *(f"• {w}" for w in warnings)])
        self.message.setText(text)
