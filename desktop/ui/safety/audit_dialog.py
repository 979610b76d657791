"""Audit trail viewer: who did what, when, to one client's record; and whether the chain is intact."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.app_services import AppServices
from desktop.services.errors import plain_message
from desktop.services.safety import AuditEvent
from desktop.ui.widgets import RowsTableModel
from desktop.ui.worker import query

Index = QModelIndex | QPersistentModelIndex
ACTION_LABELS = {
    "create": "Created", "update": "Changed", "delete": "Deleted", "export": "Exported", "report": "Report written",
    "import": "Imported", "backup": "Backed up", "restore": "Restored", "privacy_export": "Privacy export",
    "encrypt": "Encryption turned on", "rekey": "Password changed",
}


def chain_message(broken: int | None) -> str:
    """Plain words for the result of ``verify_audit_chain`` (the first altered entry, or None)."""
    if broken is None:
        return "The audit trail is intact: no entry has been altered or removed."
    return (f"Warning: the audit trail was altered at entry #{broken}. Entries from there on cannot be "
            "trusted; keep the database and a backup, and report this.")


class AuditTableModel(RowsTableModel):
    def __init__(self, events: list[AuditEvent], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[AuditEvent] = events
        self.headers = ("When (UTC)", "Who", "What", "Record", "Details")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        e = self.rows[index.row()]
        record = f"{e.entity} #{e.entity_id}" if e.entity_id is not None else e.entity
        return (e.at.strftime("%Y-%m-%d %H:%M:%S"), e.actor, ACTION_LABELS.get(e.action, e.action), record,
                e.detail.replace("_", " "))[index.column()]


class AuditDialog(QDialog):
    loaded = Signal()

    def __init__(self, services: AppServices, client_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Audit trail") + (f" — record #{client_id}" if client_id is not None else ""))
        self.resize(760, 420)
        self.model = AuditTableModel([], self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the buttons; arrows move in the table
        self.table.setAccessibleName(self.tr("Audit entries"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.status = QLabel(self.tr("Checking the audit trail…"), self)
        self.status.setWordWrap(True)
        self.close_button = close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        audit = services.safety.audit
        self._task = query(lambda: (audit.events(client_id), audit.verify_chain()), success=self._show,
                           failure=lambda error: self.status.setText(plain_message(error)), owner=self)

    def _show(self, found: tuple[list[AuditEvent], int | None]) -> None:
        events, broken = found
        self.model.beginResetModel()
        self.model.rows = events
        self.model.endResetModel()
        self.status.setText(chain_message(broken))
        self.loaded.emit()
