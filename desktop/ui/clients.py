"""The client list: search-as-you-type over every client, and unsaved-draft banners."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.clients import ClientSummary
from desktop.ui import worker
from desktop.ui.client_index import SHOWN_AT_MOST, ClientIndex, Matches
from desktop.ui.widgets import TextEdit, heading, muted, tr

if TYPE_CHECKING:
    from desktop.services.app_services import AppServices

# Clinics with up to this many clients load the whole list at once; larger lists
# show this many first and finish loading off the GUI thread.
FIRST_PAGE_ROWS = 2000
_USER = Qt.ItemDataRole.UserRole.value


class ClientTableModel(QStandardItemModel):
    """Rows of ``ClientSummary``; the view never holds a database session.

    The cells are Qt's own items, so painting a screenful calls no Python (a Python
    ``data()`` answered about a thousand calls per repaint: half of a keystroke's time
    at 100,000 clients). The list holds the first ``SHOWN_AT_MOST`` clients of an answer
    (the view lays out every row it holds on each change) and only rows that come on
    screen get their items (``fill``), so a new answer costs the same however many
    clients it holds.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.rows: Sequence[ClientSummary] = []
        self._filled = bytearray()
        self.setHorizontalHeaderLabels([
            tr(self, "Family name"), tr(self, "Given name"), tr(self, "Date of birth"), tr(self, "File no."),
            tr(self, "Visits"), tr(self, "Last visit"),
        ])  # fmt: skip

    def set_rows(self, rows: Sequence[ClientSummary]) -> None:
        self.rows = rows if len(rows) <= SHOWN_AT_MOST else rows[:SHOWN_AT_MOST]
        self.setRowCount(0)
        self.setRowCount(len(self.rows))
        self._filled = bytearray(len(self.rows))

    def fill(self, first: int, last: int) -> None:
        """Give rows ``first`` to ``last`` (inclusive, clipped to the list) their cells, once.

        Qt's model announces every item it is given as a change of layout and of data (a
        screenful is some 150 items: half of the fill's time). The cells filled here were
        empty and no row moves, so those announcements are held back and the filled rows
        announced once, as one change of data.
        """
        rows, filled = self.rows, self._filled
        positions = [p for p in range(max(first, 0), min(last, len(rows) - 1) + 1) if not filled[p]]
        if not positions:
            return
        held = self.blockSignals(True)
        try:
            for position in positions:
                filled[position] = 1
                row = rows[position]
                cells = (row.family_name, row.given_name, row.date_of_birth.isoformat(), row.external_id or "",
                         str(row.assessment_count), row.last_visit.isoformat() if row.last_visit else "")
                for column, text in enumerate(cells):
                    item = QStandardItem(text)
                    if column == 0:
                        item.setData(row.id, _USER)
                    self.setItem(position, column, item)
        finally:
            self.blockSignals(held)
        self.dataChanged.emit(self.index(positions[0], 0), self.index(positions[-1], self.columnCount() - 1))

    def client_id(self, row: int) -> int:
        return self.rows[row].id

    def row_of(self, client_id: int) -> int | None:
        for i, row in enumerate(self.rows):
            if row.id == client_id:
                return i
        return None


class ClientListPage(QWidget):
    """Search box, client table, unsaved drafts. Emits what the clinician wants to open."""

    client_activated = Signal(int)
    new_client_requested = Signal()
    draft_resume_requested = Signal(str)
    demo_requested = Signal()
    setup_requested = Signal()
    loaded = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clients = services.clients
        self.index: ClientIndex | None = None
        self._complete = False
        self._loading_task: Any = None
        self._postings_task: Any = None
        self._refresh_task: Any = None

        self.title = heading(tr(self, "Clients"), self)
        self.search = TextEdit(tr(self, "Search clients"), self,
                               placeholder=tr(self, "Search by name, date of birth or file number"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(tr(self, "Type any part of a name, a date of birth (YYYY-MM-DD) or a file number"))
        self.new_button = QPushButton(tr(self, "&New client…"), self)
        self.new_button.setAccessibleName(tr(self, "New client"))
        self.open_button = QPushButton(tr(self, "&Open"), self)
        self.open_button.setAccessibleName(tr(self, "Open selected client"))
        self.table = QTableView(self)
        self.table.setAccessibleName(tr(self, "Clients"))
        self.model = ClientTableModel(self.table)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.count_label = muted("", self)
        self.empty_box = self._empty_state()
        self.drafts_box = QWidget(self)
        self.drafts_layout = QVBoxLayout(self.drafts_box)
        self.drafts_layout.setContentsMargins(0, 0, 0, 0)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.new_button)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.drafts_box)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_box, 1)
        layout.addWidget(self.count_label)
        self.empty_box.hide()

        self.search.textChanged.connect(self.apply_search)
        self.table.verticalScrollBar().valueChanged.connect(self._fill_visible)
        self.table.viewport().installEventFilter(self)
        self.search.returnPressed.connect(self._open_first)
        self.table.activated.connect(lambda index: self.client_activated.emit(self.model.client_id(index.row())))
        self.open_button.clicked.connect(self._open_selected)
        self.new_button.clicked.connect(self.new_client_requested)
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.search, activated=self._focus_table)
        self.setTabOrder(self.search, self.open_button)
        self.setTabOrder(self.open_button, self.table)
        self.setTabOrder(self.table, self.new_button)

    def _empty_state(self) -> QWidget:
        """What a clinic with no clients sees instead of an empty table."""
        box = QWidget(self)
        box.setAccessibleName(tr(self, "No clients yet"))
        title = heading(tr(self, "No clients yet"), box, size_delta=2)
        text = muted(tr(self, "Add the first client with New client (Ctrl+N). To look around first, add a few "
                              "made-up demo clients with visits, charts and letters; delete them later with "
                              "Client, Delete client."), box)
        self.empty_new_button = QPushButton(tr(self, "New client…"), box)
        self.demo_button = QPushButton(tr(self, "Add &demo clients to explore"), box)
        self.setup_button = QPushButton(tr(self, "Set up &letterhead and clinicians…"), box)
        self.empty_new_button.clicked.connect(self.new_client_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.setup_button.clicked.connect(self.setup_requested)
        buttons = QHBoxLayout()
        for button in (self.empty_new_button, self.demo_button, self.setup_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addSpacing(24)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return box

    # -- loading ---------------------------------------------------------------

    def reload(self) -> None:
        """Read the client list again (after a change), off the GUI thread; large lists in two steps."""
        self._loading_task = worker.query(
            self._read_index, FIRST_PAGE_ROWS, success=self._first_rows, owner=self
        )

    def refresh_client(self, client_id: int) -> None:
        """After a visit is saved: read that client's line again, not every client (on a clinic
        server the whole list is 50,000 lines). Reads the whole list when the line cannot
        simply be replaced (a new client, a changed name, the list still loading)."""
        self._refresh_task = worker.query(self.clients.summary, client_id, owner=self,
                                          success=self._replace_line)

    def _replace_line(self, row: ClientSummary | None) -> None:
        if row is None or self.index is None or not self._complete or not self.index.replace(row):
            self.reload()
            return
        self.apply_search()

    def _read_index(self, limit: int | None = None) -> ClientIndex:
        """Off the GUI thread: the clients, indexed for search-as-you-type."""
        return ClientIndex(self.clients.search("", limit=limit)).build_postings()

    def _first_rows(self, index: ClientIndex) -> None:
        if len(index) < FIRST_PAGE_ROWS:
            self._set_index(index, complete=True)
            return
        self._set_index(index, complete=False)
        self._loading_task = worker.query(self._read_index, owner=self,
                                          success=lambda whole: self._set_index(whole, True))

    def show_all(self, rows: Sequence[ClientSummary]) -> None:
        """Show a complete list read elsewhere (at start-up, by ``db.quick``); index it off the GUI thread."""
        index = ClientIndex(rows)
        self._set_index(index, complete=True)
        self._postings_task = worker.query(index.build_postings, owner=self)

    def _set_index(self, index: ClientIndex, complete: bool) -> None:
        self.index = index
        self._complete = complete
        self.apply_search()
        self.loaded.emit()

    @property
    def complete(self) -> bool:
        return self._complete

    def apply_search(self) -> None:
        if self.index is None:
            return
        rows = self.index.search(self.search.text())
        self.model.set_rows(rows)
        self._fill_visible()
        total = len(self.index)
        empty = total == 0 and self._complete
        self.empty_box.setVisible(empty)
        self.table.setVisible(not empty)
        if empty:
            self.demo_button.setEnabled(True)
        more = "" if self._complete else tr(self, " (still loading)")
        shown = self.model.rowCount()
        if empty:
            self.count_label.setText("")
        elif isinstance(rows, Matches) and not rows.complete:
            self.count_label.setText(tr(self, "More than %1 of %2 clients match: the first %1 are shown, "
                                              "type more to narrow%3").arg(shown).arg(total).arg(more))
        elif self.search.text().strip() and len(rows) > shown:
            self.count_label.setText(tr(self, "%1 of %2 clients match: the first %3 are shown, type more to "
                                              "narrow%4").arg(len(rows)).arg(total).arg(shown).arg(more))
        elif self.search.text().strip():
            self.count_label.setText(tr(self, "%1 of %2 clients match%3").arg(len(rows)).arg(total).arg(more))
        elif total > shown:
            self.count_label.setText(tr(self, "%1 clients: the first %2 are listed, search to find the "
                                              "others%3").arg(total).arg(shown).arg(more))
        else:
            self.count_label.setText(tr(self, "1 client%1").arg(more) if total == 1 else
                                      tr(self, "%1 clients%2").arg(total).arg(more))
        if rows:
            self.table.selectRow(0)

    def _fill_visible(self) -> None:
        """Fill the rows on screen (and a few below) before they are painted."""
        first = max(self.table.rowAt(0), 0)
        height = max(self.table.verticalHeader().defaultSectionSize(), 1)
        self.model.fill(first, first + self.table.viewport().height() // height + 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._fill_visible()
        return super().eventFilter(watched, event)

    def _selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return self.model.client_id(rows[0].row())
        return None

    def _open_selected(self) -> None:
        client_id = self._selected_id()
        if client_id is not None:
            self.client_activated.emit(client_id)

    def _open_first(self) -> None:
        if self.model.rowCount() == 1 or self._selected_id() is not None:
            self._open_selected()

    def _focus_table(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    # -- drafts ------------------------------------------------------------------

    def set_drafts(self, drafts: Sequence[tuple[str, str, Callable[[], None] | None]]) -> None:
        """Show one "Resume assessment for <client>" row per unsaved draft: (key, text, _)."""
        while self.drafts_layout.count():
            item = self.drafts_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for key, text, _unused in drafts:
            row = QWidget(self.drafts_box)
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            label = QLabel(text, row)
            label.setWordWrap(True)
            button = QPushButton(tr(self, "Resume assessment"), row)
            button.setAccessibleName(text)
            button.setObjectName(f"resume:{key}")
            button.clicked.connect(lambda _=False, k=key: self.draft_resume_requested.emit(k))
            row_layout.addWidget(label, 1)
            row_layout.addWidget(button)
            self.drafts_layout.addWidget(row)
        self.drafts_box.setVisible(bool(drafts))


def measure_search(page: ClientListPage, queries: Sequence[str]) -> list[float]:
    """Milliseconds from each keystroke to the repainted list, typing ``queries`` one key at a time.

    For the benchmark: waits for the full list to be loaded, then types every
    character of every query into the search box as real key events.
    """
    from PySide6.QtCore import QCoreApplication, QThreadPool
    from PySide6.QtTest import QTest

    QThreadPool.globalInstance().waitForDone(60000)
    QCoreApplication.processEvents()
    timings: list[float] = []
    for query in queries:
        page.search.clear()
        QCoreApplication.processEvents()
        for character in query:
            start = time.perf_counter()
            QTest.keyClicks(page.search, character)
            page.table.viewport().repaint()
            timings.append((time.perf_counter() - start) * 1000.0)
    return timings
