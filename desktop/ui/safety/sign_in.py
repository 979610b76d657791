"""Signing in to a clinic server when the window starts, and what to do when it cannot be reached.

The questions are small functions (``ask_sign_in``, ``ask_unreachable``) so
tests replace them and never block on a dialog.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
)

from desktop import APP_NAME
from desktop.paths import AppPaths

log = logging.getLogger(__name__)

RETRY, LOCAL, QUIT = "retry", "local", "quit"


def sign_in_dialog(text: str, name: str = "") -> tuple[QDialog, QLineEdit, QLineEdit]:
    """The sign-in dialog and its user and password fields; the cursor where typing starts."""
    dialog = QDialog()
    dialog.setWindowTitle(f"{APP_NAME}: sign in")
    layout = QVBoxLayout(dialog)
    label = QLabel(text, dialog)
    label.setWordWrap(True)
    layout.addWidget(label)
    form = QFormLayout()
    user = QLineEdit(name, dialog)
    password = QLineEdit(dialog)
    password.setEchoMode(QLineEdit.EchoMode.Password)
    for field, caption in ((user, "&User name"), (password, "&Password")):
        field.setAccessibleName(caption.replace("&", ""))
        form.addRow(caption, field)
    layout.addLayout(form)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign in")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    (password if name else user).setFocus()
    return dialog, user, password


def ask_sign_in(text: str, name: str = "") -> tuple[str, str] | None:
    """User name and password; None when cancelled."""
    dialog, user, password = sign_in_dialog(text, name)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return user.text().strip(), password.text()


def ask_unreachable(text: str) -> str:
    """Try again, open the local data folder instead, or quit."""
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text)
    retry = box.addButton("Try again", QMessageBox.ButtonRole.AcceptRole)
    local = box.addButton("Open the local data folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    clicked = box.clickedButton()
    return RETRY if clicked is retry else LOCAL if clicked is local else QUIT


def open_clinic_server(url: str, paths: AppPaths) -> Any:
    """A signed-in repository on the server, the local folder's if chosen, or an exit code (0: cancelled)."""
    from desktop.services.accounts import AccessDenied
    from desktop.services.database import open_repository, sign_in_to_server
    from desktop.services.errors import StorageError

    text = "Sign in to the clinic server with your own user name and password."
    name = os.environ.get("MEDIUS_USER", "")
    while True:
        answer = ask_sign_in(text, name)
        if answer is None:
            return 0
        name, password = answer
        while True:
            try:
                user = sign_in_to_server(url, name, password)
                return open_repository(paths, url, user=user, password=password)
            except AccessDenied as exc:
                log.info("sign-in refused")
                text = f"Not signed in: {exc}."
                break
            except StorageError as exc:
                if not exc.retry_may_help:
                    raise
                log.warning("clinic server unreachable at start")
                choice = ask_unreachable(f"{exc}\n\nTry again, or work in this computer's own data folder "
                                         f"({paths.data_dir}) until the server is back?")
                if choice == RETRY:
                    continue
                if choice == LOCAL:
                    return open_repository(paths)
                return 0
