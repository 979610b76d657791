"""Main window: the client list with search-as-you-type."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QLineEdit, QMainWindow, QTableView, QVBoxLayout, QWidget

from db.repository import ClientSummary, Repository
from desktop.paths import AppPaths

Index = QModelIndex | QPersistentModelIndex


class ClientTableModel(QAbstractTableModel):
    HEADERS = ("Family name", "Given name", "Date of birth", "File no.", "Visits", "Last visit")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ClientSummary] = []

    def set_rows(self, rows: list[ClientSummary]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def client_id(self, row: int) -> int:
        return self._rows[row].id

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        return (
            row.family_name,
            row.given_name,
            row.date_of_birth.isoformat(),
            row.external_id or "",
            str(row.assessment_count),
            row.last_visit.isoformat() if row.last_visit else "",
        )[index.column()]


class MainWindow(QMainWindow):
    clients_loaded = Signal()

    def __init__(self, repo: Repository, paths: AppPaths) -> None:
        super().__init__()
        self.repo = repo
        self.paths = paths
        self.setWindowTitle(self.tr("Medius"))
        self.resize(1280, 720)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.search = QLineEdit(central)
        self.search.setPlaceholderText(self.tr("Search by name, date of birth or file number"))
        self.search.setAccessibleName(self.tr("Search clients"))
        self.search.setClearButtonEnabled(True)
        self.table = QTableView(central)
        self.table.setAccessibleName(self.tr("Clients"))
        self.model = ClientTableModel(self.table)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        self.search.textChanged.connect(self.refresh)
        QTimer.singleShot(0, self.refresh)

    def refresh(self) -> None:
        self.model.set_rows(self.repo.list_clients(self.search.text()))
        self.statusBar().showMessage(self.tr("%n client(s)", "", self.model.rowCount()))
        self.clients_loaded.emit()
