"""Backups window: list, back up now, save a copy elsewhere, restore after seeing what a backup holds.

Writing, checking and restoring run off the GUI thread through the one
background-work helper; the window only shows results. Nothing is replaced
before the clinician has read what the chosen backup contains and agreed.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.app_services import AppServices
from desktop.services.backup import (
    BackupInfo,
    BackupKeyError,
    default_backup_name,
)
from desktop.services.errors import plain_message
from desktop.services.safety import BackupRow
from desktop.ui.safety import prompts
from desktop.ui.widgets import RowsTableModel
from desktop.ui.worker import mutate, query

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
KIND_LABELS = {"auto": "Automatic", "manual": "Manual", "pre-restore": "Before a restore",
               "pre-upgrade": "Before an update", "pre-encryption": "Before encryption"}
FILE_FILTER = "Medius backup (*.sqlite3);;All files (*)"


def describe_contents(info: BackupInfo) -> str:
    """One plain sentence about a backup: when, what it holds, whether it is encrypted."""
    when = info.created_at.strftime("%d %b %Y, %H:%M") if info.created_at else "an unknown date"
    sealed = "encrypted" if info.encrypted else "not encrypted"
    newest = info.newest_assessment or "none"
    return (f"Backup of {when}: {info.clients} client(s), {info.assessments} assessment(s), "
            f"newest visit {newest}; {sealed}, {info.size_bytes / 1_048_576:.1f} MB.")


class BackupTableModel(RowsTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Path] = []
        self.headers = ("Taken", "Kind", "Size", "Encrypted")

    def set_rows(self, rows: list[BackupRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def path(self, row: int) -> Path:
        return self.rows[row].path

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return row.taken.strftime("%Y-%m-%d %H:%M")
        if column == 1:
            return KIND_LABELS.get(row.kind, row.kind)
        if column == 2:
            return f"{row.size_bytes / 1_048_576:.1f} MB"
        return "yes" if row.encrypted else "no"


class BackupsDialog(QDialog):
    """Non-modal window over the backups folder. ``restored`` fires after a successful restore."""

    restored = Signal()
    busy_changed = Signal(bool)
    listed = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.paths = services.paths
        self.service = services.safety.backups
        self._task: Any = None
        self._described: dict[Path, BackupInfo] = {}
        self.setWindowTitle(self.tr("Backups"))
        self.resize(720, 440)
        self.model = BackupTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the buttons; arrows move in the table
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.details = QLabel(self.tr("Choose a backup to see what it holds."), self)
        self.details.setWordWrap(True)
        self.details.setAccessibleName(self.tr("Backup contents"))
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.back_up_button = QPushButton(self.tr("&Back up now"), self)
        self.save_copy_button = QPushButton(self.tr("&Save a copy to…"), self)
        self.restore_button = QPushButton(self.tr("&Restore selected…"), self)
        self.restore_file_button = QPushButton(self.tr("Restore from &file…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.restore_button.setEnabled(False)
        buttons = QHBoxLayout()
        for button in (self.back_up_button, self.save_copy_button, self.restore_button, self.restore_file_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("Medius backs up automatically every day and when it closes, and keeps "
                              "7 daily, 4 weekly and 12 monthly backups."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.back_up_button.clicked.connect(lambda: self.back_up())
        self.save_copy_button.clicked.connect(self.save_copy)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.close_button.clicked.connect(self.close)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.reload()

    # -- state ---------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done

    def _run(self, function: Any, *args: Any, on_success: Any, message: str, **kwargs: Any) -> None:
        self._set_busy(True, message)

        def succeeded(result: Any) -> None:
            self._set_busy(False, "")
            on_success(result)

        def failed(error: BaseException) -> None:
            self._set_busy(False, "")
            self._failed(error)

        self._task = mutate(function, *args, success=succeeded, failure=failed, owner=self, **kwargs)

    def _set_busy(self, busy: bool, message: str) -> None:
        for button in (self.back_up_button, self.save_copy_button, self.restore_file_button):
            button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.selected_path() is not None)
        self.status.setText(message)
        self.busy_changed.emit(busy)

    def _failed(self, error: BaseException) -> None:
        log.warning("backup window action failed: %s", type(error).__name__)
        prompts.warn(self, self.tr("Backups"), plain_message(error))

    def reload(self) -> None:
        """List the backups folder again (off the GUI thread); ``listed`` fires when shown."""
        self._list_task = query(self.services.safety.list_backups, success=self._listed, owner=self)

    def _listed(self, backups: list[BackupRow]) -> None:
        self.model.set_rows(backups)
        self.details.setText(self.tr("Choose a backup to see what it holds."))
        self.restore_button.setEnabled(False)
        self.listed.emit()

    def selected_path(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.path(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _selection_changed(self) -> None:
        path = self.selected_path()
        self.restore_button.setEnabled(path is not None and not self.busy)
        if path is None:
            return
        if path in self._described:
            self.details.setText(describe_contents(self._described[path]))
            return
        self.details.setText(self.tr("Checking the backup…"))

        def shown(info: BackupInfo) -> None:
            self._described[path] = info
            if self.selected_path() == path:
                self.details.setText(describe_contents(info))

        def unusable(error: BaseException) -> None:
            if self.selected_path() == path:
                self.details.setText(plain_message(error))

        self._describe_task = query(self.service.describe, path, success=shown, failure=unusable, owner=self)

    # -- actions -------------------------------------------------------------

    def back_up(self, destination: Path | None = None) -> None:
        def done(info: BackupInfo) -> None:
            self.reload()
            self.status.setText(self.tr("Backup written: ") + describe_contents(info))

        self._run(self.service.back_up, destination, on_success=done, message=self.tr("Writing the backup…"))

    def save_copy(self) -> None:
        suggested = Path.home() / default_backup_name("manual")
        target = prompts.choose_save_file(self, self.tr("Save a backup copy"), suggested, FILE_FILTER)
        if target is not None:
            self.back_up(target)

    def restore_selected(self) -> None:
        path = self.selected_path()
        if path is not None:
            self.restore(path)

    def restore_from_file(self) -> None:
        source = prompts.choose_open_file(self, self.tr("Restore from a backup file"), self.paths.backups, FILE_FILTER)
        if source is not None:
            self.restore(source)

    def restore(self, source: Path) -> None:
        """Show what ``source`` holds, ask, keep the current database, then restore (file work off the GUI thread)."""

        def unreadable(error: BaseException) -> None:
            if isinstance(error, BackupKeyError):
                self._with_old_password(source, str(error))
            else:
                prompts.warn(self, self.tr("Restore"),
                             self.tr("This backup cannot be restored.\n\n") + plain_message(error))

        self._describe_task = query(self.service.describe, source, owner=self, failure=unreadable,
                                    success=lambda info: self._confirm_restore(source, info, None))

    def _with_old_password(self, source: Path, why: str) -> None:
        """The backup was made under an earlier password: ask for it, then describe the backup with it."""
        password = prompts.ask_password(self, self.tr("Backup password"), why)
        if password is None:
            return

        def opened(found: tuple[str, BackupInfo]) -> None:
            self._confirm_restore(source, found[1], found[0])

        def describe_with_password() -> tuple[str, BackupInfo]:
            key = self.services.safety.security.key_for_password(password)
            return key, self.service.describe(source, key_hex=key)

        self._describe_task = query(describe_with_password, success=opened, owner=self,
                                    failure=lambda error: prompts.warn(self, self.tr("Restore"), plain_message(error)))

    def _confirm_restore(self, source: Path, info: BackupInfo, source_key: str | None) -> None:
        question = (describe_contents(info) + "\n\n"
                    + self.tr("Restoring replaces everything now in Medius with this backup. The current "
                              "database is kept first as a backup of its own, so this can be undone.\n\n"
                              "Restore this backup?"))
        if not prompts.confirm(self, self.tr("Restore"), question):
            return

        def done(outcome: Any) -> None:
            self.reload()
            kept = outcome.kept_copy.name if outcome.kept_copy else ""
            prompts.inform(self, self.tr("Restore"),
                           self.tr("The backup was restored. The previous database was kept as ") + kept)
            self.restored.emit()

        self._run(self.service.restore, source, source_key_hex=source_key, on_success=done,
                  message=self.tr("Restoring…"))
