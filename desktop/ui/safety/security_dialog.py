"""Security settings: protect the data folder with a password, change it, set the idle lock."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.services import security
from desktop.services.app_services import AppServices
from desktop.services.errors import plain_message
from desktop.ui.safety import prompts
from desktop.ui.worker import mutate, query

log = logging.getLogger(__name__)

LOST_PASSWORD_WARNING = (
    "Write the password down and keep it somewhere safe. If it is lost, nobody can open the database "
    "or its backups, not even with support. Full-disk encryption on this computer should be on as well."
)


def ask_new_password(parent: QWidget | None, title: str) -> str | None:
    """Ask for a new password until it is acceptable and typed the same twice; None when cancelled."""
    text = f"Choose the clinic password (at least {security.MIN_PASSWORD_CHARS} characters).\n\n{LOST_PASSWORD_WARNING}"
    while True:
        answer = prompts.ask_new_password(parent, title, text)
        if answer is None:
            return None
        problem = security.password_problem(*answer)
        if problem is None:
            return answer[0]
        text = problem + "\n\n" + LOST_PASSWORD_WARNING


class SecurityDialog(QDialog):
    changed = Signal()
    loaded = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.security = services.safety.security
        self._task: Any = None
        self.setWindowTitle(self.tr("Security"))
        self.setMinimumWidth(520)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.encrypt_button = QPushButton(self.tr("&Protect with a password…"), self)
        self.change_button = QPushButton(self.tr("&Change password…"), self)
        self.idle_minutes = QSpinBox(self)
        self.idle_minutes.setRange(0, 240)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setSpecialValueText(self.tr("never"))
        self.idle_minutes.setAccessibleName(self.tr("Lock after minutes without use"))
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.close_button = close = QPushButton(self.tr("Close"), self)
        idle_row = QHBoxLayout()
        idle_row.addWidget(QLabel(self.tr("Lock after this long without use:"), self))
        idle_row.addWidget(self.idle_minutes)
        idle_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.encrypt_button)
        layout.addWidget(self.change_button)
        layout.addLayout(idle_row)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.encrypt_button.clicked.connect(self.enable_encryption)
        self.change_button.clicked.connect(self.change_password)
        close.clicked.connect(self.close)
        self._set_busy(True)
        self._task = query(lambda: (self.security.is_encrypted(), services.settings.idle_lock_minutes()),
                           success=self._show, owner=self)

    def _show(self, found: tuple[bool, int]) -> None:
        encrypted, minutes = found
        self.idle_minutes.setValue(minutes)
        self.idle_minutes.valueChanged.connect(self.save_idle_minutes)
        self._set_busy(False)
        self._show_state(encrypted)
        # The buttons were disabled while reading; the cursor goes to the one action now offered.
        (self.change_button if encrypted else self.encrypt_button).setFocus()
        self.loaded.emit()

    def refresh(self) -> None:
        self._task = query(self.security.is_encrypted, success=self._show_state, owner=self)

    def _show_state(self, encrypted: bool) -> None:
        self.state.setText(self.tr(
            "The database and its backups are encrypted with the clinic password." if encrypted else
            "The database is not encrypted. Anyone who can read this computer's disk can read client records."))
        self.encrypt_button.setVisible(not encrypted)
        self.change_button.setVisible(encrypted)
        self.idle_minutes.setEnabled(encrypted)

    def _set_busy(self, busy: bool, message: str = "") -> None:
        self.encrypt_button.setEnabled(not busy)
        self.change_button.setEnabled(not busy)
        self.status.setText(message)

    def _run(self, function: Any, *args: Any, done_message: str) -> None:
        """Encrypt or re-key on the storage lane; both leave the folder encrypted."""
        self._set_busy(True, self.tr("Working… keep Medius open."))

        def succeeded(_result: Any) -> None:
            self._set_busy(False, done_message)
            self._show_state(True)
            self.changed.emit()
            from desktop.ui.safety.idle_lock import current_lock

            lock = current_lock()
            if lock is not None:
                lock.configure()

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            log.warning("security change failed: %s", type(error).__name__)
            prompts.warn(self, self.tr("Security"), plain_message(error))

        self._task = mutate(function, *args, success=succeeded, failure=failed, owner=self)

    def enable_encryption(self) -> None:
        password = ask_new_password(self, self.tr("Protect with a password"))
        if password is None:
            return
        self._run(self.security.enable_encryption, password,
                  done_message=self.tr("The database and every backup in the backups folder are now encrypted."))

    def change_password(self) -> None:
        current = prompts.ask_password(self, self.tr("Change password"), self.tr("Current clinic password:"))
        if current is None:
            return

        def checked(right: bool) -> None:
            if not right:
                prompts.warn(self, self.tr("Change password"), self.tr("That is not the current password."))
                return
            new = ask_new_password(self, self.tr("Change password"))
            if new is None:
                return
            self._run(self.security.change_password, current, new, done_message=self.tr(
                "Password changed. Older backups still open with the password of their day."))

        self._task = query(self.security.check_password, current, success=checked, owner=self)

    def save_idle_minutes(self, minutes: int) -> None:
        def stored(changed: bool) -> None:
            from desktop.ui.safety.idle_lock import current_lock

            lock = current_lock()
            if changed and lock is not None:
                lock.configure()

        self._task = mutate(self.services.settings.set_idle_lock_minutes, minutes, success=stored, owner=self)
