"""One client: details, visits at a glance, trends, and the buttons to start a visit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

import desktop.content  # noqa: F401  (registers the shipped exercise library and norm tables)
from desktop.clinical import model as m
from desktop.services.app_services import AppServices
from desktop.ui import labels
from desktop.ui.widgets import RowsTableModel, heading, muted, tr
from desktop.ui.worker import query

if TYPE_CHECKING:
    from desktop.clinical.result_types import AssessmentResults
    from desktop.clinical.trends import TrendSeries
    from desktop.services.visit_results import ClientOverview


Index = QModelIndex | QPersistentModelIndex
Visit = tuple[int, m.Assessment, "AssessmentResults"]
_TEXT_ROLES = frozenset(int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole))
_ID_ROLE = int(Qt.ItemDataRole.UserRole)


def program_stage_text(results: AssessmentResults) -> str:
    if results.red_flag_block:
        return labels.tr("Urgent referral")
    stage = results.program.start_stage if results.program is not None else None
    if stage is None:
        return "–"
    try:
        from desktop.clinical.exercises import STAGE_NAMES

        return f"{stage} {STAGE_NAMES.get(stage, '')}".strip()
    except ImportError:
        return str(stage)


class VisitTableModel(RowsTableModel):
    """A client's visits, newest first, from computed results."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Visit] = []
        self._texts: list[list[str | None]] = []  # by row and column, made when Qt first asks
        self.headers = (
            tr(self, "Date"), tr(self, "Trendelenburg\nleft stance"), tr(self, "Trendelenburg\nright stance"),
            tr(self, "Hip abduction"), tr(self, "Pain (NPRS)"), tr(self, "ODI"), tr(self, "Program stage"),
        )  # fmt: skip

    def set_visits(self, visits: Sequence[Visit]) -> None:
        self.beginResetModel()
        self.rows = list(reversed(visits))
        self._texts = [[None] * len(self.headers) for _row in self.rows]  # Qt asks for a cell many times
        self.endResetModel()

    def assessment_id(self, row: int) -> int:
        return self.rows[row][0]

    def text(self, row: int, column: int) -> str:
        _aid, assessment, results = self.rows[row]
        if column == 0:
            day = assessment.performed_on.isoformat()
            return day if results.completeness.complete else tr(self, "%1 (incomplete)").arg(day)
        if column in (1, 2):
            side = "left" if column == 1 else "right"
            return labels.trendelenburg_text(results.trendelenburg.side(side), short=True)
        if column == 3:
            hip = results.hip_abduction
            if hip is None:
                return "–"
            if hip.method == "mmt":
                grades = [f"{labels.side_label(s)[0]} {g.label}" for s in m.SIDES if (g := hip.mmt(s)) is not None]
                return tr(self, "MMT ") + ", ".join(grades)
            if hip.lsi_pct is not None:
                weaker = hip.weaker_side
                return tr(self, "LSI %1% (%2)").arg(f"{hip.lsi_pct:.0f}").arg(
                    labels.tr(hip.asymmetry_band or "") + (f", {weaker} weaker" if weaker and
                                                           hip.asymmetry_band != "symmetric" else "")
                )
            return "–"
        if column == 4:
            return "–" if assessment.pain_nprs is None else f"{assessment.pain_nprs}/10"
        if column == 5:
            pct = results.odi_pct
            return "–" if pct is None else f"{pct:.0f}%"
        return program_stage_text(results)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Qt asks for a dozen roles per cell at every sizing and paint (2,000 asks for a 50-visit
        # page): the role is looked at first, as a plain number.
        if role in _TEXT_ROLES:
            if not index.isValid():
                return None
            row, column = index.row(), index.column()
            texts = self._texts[row]
            text = texts[column]
            if text is None:
                text = texts[column] = self.text(row, column)
            return text
        if role == _ID_ROLE and index.isValid():
            return self.rows[index.row()][0]
        return None


class ClientPage(QWidget):
    """Shows one client. Signals carry ids; the main window decides what opens."""

    back_requested = Signal()
    edit_client_requested = Signal(int)
    new_assessment_requested = Signal(int)
    reassessment_requested = Signal(int)
    visit_activated = Signal(int)
    export_requested = Signal(int)
    loaded = Signal(int)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.client_id: int | None = None
        self.record: m.ClientRecord | None = None
        self.visits: list[Visit] = []
        self.series: TrendSeries | None = None  # of ``visits``, computed with them off the GUI thread
        self.history_view: QWidget | None = None
        # The charts get the visits in a turn of the event loop of their own, after the page has
        # shown and painted: a timer's turn, between which the window answers input, not a
        # posted call that runs in the same stretch as the table.
        self._history_turn = QTimer(self)
        self._history_turn.setSingleShot(True)
        self._history_turn.setInterval(0)
        self._history_turn.timeout.connect(self._show_history)

        self.back_button = QPushButton(tr(self, "← &Clients"), self)
        self.back_button.setAccessibleName(tr(self, "Back to the client list"))
        self.name_label = heading("", self)
        self.name_label.setAccessibleName(tr(self, "Client name"))
        self.details_label = muted("", self)
        self.edit_button = QPushButton(tr(self, "&Edit details…"), self)
        self.new_button = QPushButton(tr(self, "&New assessment"), self)
        self.new_button.setAccessibleName(tr(self, "New assessment"))
        self.reassess_button = QPushButton(tr(self, "&Re-assessment"), self)
        self.reassess_button.setAccessibleName(tr(self, "Re-assessment, pre-filled from the last visit"))
        self.reassess_button.setToolTip(
            tr(self, "Starts a visit with body mass, test protocol, lever arms and PSFS activities from the last visit")
        )
        self.open_button = QPushButton(tr(self, "&Open visit"), self)
        self.export_button = QPushButton(tr(self, "E&xport referral PDF…"), self)
        self.visits_table = QTableView(self)
        self.visits_table.setAccessibleName(tr(self, "Visits"))
        self.visit_model = VisitTableModel(self.visits_table)
        self.visits_table.setModel(self.visit_model)
        self.visits_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.visits_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.visits_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.visits_table.setTabKeyNavigation(False)
        self.visits_table.verticalHeader().hide()
        self.visits_table.setWordWrap(False)
        header = self.visits_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)  # as wide as its dates: _fit_date_column
        self.visits_table.installEventFilter(self)
        self.empty_label = self._empty_state()
        self.history_box = QWidget(self)
        self.history_layout = QVBoxLayout(self.history_box)
        self.history_layout.setContentsMargins(0, 0, 0, 0)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(12)
        title_box = QVBoxLayout()
        title_box.addWidget(self.name_label)
        title_box.addWidget(self.details_label)
        top.addLayout(title_box, 1)
        top.addWidget(self.edit_button)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.reassess_button)
        actions.addStretch(1)
        actions.addWidget(self.open_button)
        actions.addWidget(self.export_button)
        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(actions)
        upper_layout.addWidget(self.visits_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.history_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.sizes_remembered = False  # set when the window restores the clinician's own split
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.empty_label, 1)

        self.back_button.clicked.connect(self.back_requested)
        self.edit_button.clicked.connect(lambda: self.edit_client_requested.emit(self.client_id))
        self.new_button.clicked.connect(lambda: self.new_assessment_requested.emit(self.client_id))
        self.reassess_button.clicked.connect(lambda: self.reassessment_requested.emit(self.client_id))
        self.visits_table.activated.connect(
            lambda i: self.visit_activated.emit(self.visit_model.assessment_id(i.row()))
        )
        self.open_button.clicked.connect(self._open_selected)
        self.export_button.clicked.connect(self._export_selected)
        self.setTabOrder(self.back_button, self.edit_button)
        self.setTabOrder(self.edit_button, self.new_button)
        self.setTabOrder(self.new_button, self.reassess_button)
        self.setTabOrder(self.reassess_button, self.open_button)
        self.setTabOrder(self.open_button, self.export_button)
        self.setTabOrder(self.export_button, self.visits_table)

    def show_client(self, client_id: int) -> None:
        """Read the client and their visits off the GUI thread; ``loaded`` fires once shown.

        Reception (clinic server) reads and sees the name and contact details only.
        """
        if self.record is not None and self.record.id != client_id:
            self._clear()  # never another client's visits and charts under this one's page, not even briefly
        self.client_id = client_id
        if not self.services.clients.clinical_access:
            self._task = query(self.services.clients.contact, client_id, owner=self,
                               success=lambda client: self._show_contact(client_id, client))
            return
        self._task = query(self.services.visits.client_overview, client_id, owner=self,
                           success=lambda found: self._show_overview(client_id, found))

    def _clear(self) -> None:
        """A quiet page while the next client is read: no name, no visits, no charts."""
        self.record, self.visits, self.series = None, [], None
        self.visit_model.set_visits([])
        self.name_label.setText("")
        self.details_label.setText(tr(self, "Opening…"))
        self.splitter.setVisible(False)
        self.empty_label.setVisible(False)

    def _show_overview(self, client_id: int, found: ClientOverview) -> None:
        self._show(client_id, found.record, list(found.visits), found.series)

    def _show_contact(self, client_id: int, client: m.Client) -> None:
        """The reception desk's view of a client: who they are and how to reach them, nothing clinical."""
        if client_id != self.client_id:
            return
        self.record = m.ClientRecord(id=client_id, client=client, assessments=())
        self.visits, self.series = [], None
        self.visit_model.set_visits([])
        self.name_label.setText(client.display_name)
        parts = [tr(self, "Born %1").arg(client.date_of_birth.isoformat())]
        if client.external_id:
            parts.append(tr(self, "File %1").arg(client.external_id))
        parts += [text for text in (client.phone, client.email) if text]
        self.details_label.setText(" · ".join(parts))
        for widget in (self.splitter, self.new_button, self.reassess_button, self.open_button, self.export_button,
                       self.empty_start_button):
            widget.setVisible(False)
        self.edit_button.setVisible(True)  # names and contact details: reception corrects them
        self.empty_label.setVisible(True)
        self.empty_title.setText(tr(self, "Contact details only"))
        self.empty_text.setText(tr(self, "Reception sees a client's name and contact details; visits, findings "
                                         "and letters are for the clinicians."))
        self.loaded.emit(client_id)

    def _show(self, client_id: int, record: m.ClientRecord, visits: list[Visit],
              series: TrendSeries | None = None) -> None:
        if client_id != self.client_id:
            return  # another client was asked for meanwhile
        self.series = series
        self.record = record
        client = record.client
        self.name_label.setText(client.display_name)
        age = m.age_on(client.date_of_birth, date.today())
        parts = [tr(self, "Born %1 (%2 y)").arg(client.date_of_birth.isoformat()).arg(age)]
        if client.external_id:
            parts.append(tr(self, "File %1").arg(client.external_id))
        if client.athlete_group:
            from desktop.clinical.norms import athlete_group_label

            parts.append(tr(self, "Athlete: %1").arg(athlete_group_label(client.athlete_group)))
        parts.append(tr(self, "%n visit(s)", "", len(self.record.assessments)))
        self.details_label.setText(" · ".join(parts))
        self.visits = visits
        self.visit_model.set_visits(self.visits)
        self._fit_date_column()
        has_visits = bool(self.visits)
        if has_visits:
            # Started before the charts show: it fires before their first turn of drawing (timers
            # due alike fire in the order started), so no chart is drawn with the last client's data.
            self._history_turn.start()
        self.reassess_button.setEnabled(has_visits)
        self.open_button.setEnabled(has_visits)
        self.export_button.setEnabled(has_visits)
        self.empty_label.setVisible(not has_visits)
        self.splitter.setVisible(has_visits)
        self.reassess_button.setVisible(has_visits)
        self.open_button.setVisible(has_visits)
        self.export_button.setVisible(has_visits)
        self.empty_title.setText(tr(self, "No visits yet for %1").arg(client.given_name or client.display_name))
        if has_visits:
            self.visits_table.selectRow(0)
        self.loaded.emit(self.client_id if self.client_id is not None else -1)

    def _fit_date_column(self) -> None:
        """The date column as wide as its widest date or its heading, as Qt's resize-to-contents
        makes it, measured once per client: in that mode Qt measured all 50 dates of a 50-visit
        client four times as the page showed (1,600 asks of the model)."""
        header = self.visits_table.horizontalHeader()
        width = max(self.visits_table.sizeHintForColumn(0), header.sectionSizeHint(0))
        header.resizeSection(0, max(header.minimumSectionSize(), min(width, header.maximumSectionSize())))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.visits_table and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self._fit_date_column)  # once the table has taken the new font
        return super().eventFilter(watched, event)

    def _empty_state(self) -> QWidget:
        """One calm message instead of an empty table and empty charts."""
        box = QWidget(self)
        box.setAccessibleName(tr(self, "No visits yet"))
        self.empty_title = heading("", box, size_delta=2)
        text = muted(tr(self, "The first assessment walks through eight steps: visit details, red-flag screening, "
                              "pain and function, the Trendelenburg test, hip-abduction strength, summary, "
                              "exercise program and the referral letter. Trend charts appear here once there "
                              "are visits to compare."), box)
        self.empty_text = text
        self.empty_start_button = QPushButton(tr(self, "Start the first assessment"), box)
        self.empty_start_button.clicked.connect(lambda: self.new_assessment_requested.emit(self.client_id))
        row = QHBoxLayout()
        row.addWidget(self.empty_start_button)
        row.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addSpacing(16)
        layout.addWidget(self.empty_title)
        layout.addWidget(text)
        layout.addLayout(row)
        layout.addStretch(1)
        return box

    def _show_history(self) -> None:
        """Build the trend view on first use: pyqtgraph loads here, never at start-up."""
        if self.history_view is None:
            try:
                from desktop.ui.history import HistoryView
            except ImportError:
                label = muted(tr(self, "Trend charts are not available in this installation."), self.history_box)
                self.history_layout.addWidget(label)
                self.history_view = label
                return
            from desktop.imports import forget_module_sources

            forget_module_sources()  # pyqtgraph's first load
            view = HistoryView(self.history_box)
            view.setAccessibleName(tr(self, "Trends and visit comparison"))
            view.visit_activated.connect(self.visit_activated)
            self.history_layout.addWidget(view)
            self.history_view = view
            if not self.sizes_remembered:
                # The split was made while the charts were not built yet, leaving them their bare minimum.
                total = sum(self.splitter.sizes())
                self.splitter.setSizes([total * 2 // 5, total - total * 2 // 5])
            QTimer.singleShot(0, self, self._show_history)  # the plots, in a turn of their own
            return
        set_visits = getattr(self.history_view, "set_visits", None)
        if set_visits is not None:
            set_visits(self.visits, self.series)

    def selected_assessment_id(self) -> int | None:
        rows = self.visits_table.selectionModel().selectedRows()
        return self.visit_model.assessment_id(rows[0].row()) if rows else None

    def _open_selected(self) -> None:
        aid = self.selected_assessment_id()
        if aid is not None:
            self.visit_activated.emit(aid)

    def _export_selected(self) -> None:
        aid = self.selected_assessment_id()
        if aid is not None:
            self.export_requested.emit(aid)
