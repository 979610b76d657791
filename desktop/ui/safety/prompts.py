"""Every modal question the safety features ask, as small functions returning plain values.

Tests patch these (``monkeypatch.setattr(prompts, "ask_password", ...)``), so
no test ever blocks on ``exec()``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def password_dialog(parent: QWidget | None, title: str, text: str) -> QInputDialog:
    """One masked password field, the cursor in it."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(text)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    return dialog


def ask_password(parent: QWidget | None, title: str, text: str) -> str | None:
    """One masked password field; None when cancelled."""
    dialog = password_dialog(parent, title, text)
    return dialog.textValue() if dialog.exec() == QDialog.DialogCode.Accepted else None


def new_password_dialog(parent: QWidget | None, title: str, text: str) -> tuple[QDialog, QLineEdit, QLineEdit]:
    """A new password typed twice: the dialog and its two fields (the cursor in the first)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    explanation = QLabel(text, dialog)
    explanation.setWordWrap(True)
    layout.addWidget(explanation)
    form = QFormLayout()
    first = QLineEdit(dialog)
    second = QLineEdit(dialog)
    for field, label in ((first, "New password"), (second, "Repeat it")):
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(label)
        form.addRow(label, field)
    layout.addLayout(form)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    first.setFocus()
    return dialog, first, second


def ask_new_password(parent: QWidget | None, title: str, text: str) -> tuple[str, str] | None:
    """A new password typed twice; None when cancelled. The caller checks they match."""
    dialog, first, second = new_password_dialog(parent, title, text)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return first.text(), second.text()


def choose_save_file(parent: QWidget | None, title: str, suggested: Path, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    return Path(name) if name else None


def choose_open_file(parent: QWidget | None, title: str, folder: Path, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(folder), file_filter)
    return Path(name) if name else None


def choose_folder(parent: QWidget | None, title: str, folder: Path) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, str(folder))
    return Path(name) if name else None


def first_start(parent: QWidget | None, title: str, text: str = "") -> Any:
    """The set-up assistant of a new data folder; its ``SetupChoices``, or None when skipped."""
    from desktop.clinical.model import ClinicProfile, ClinicSettings
    from desktop.ui.first_start import SetupAssistant

    wizard = SetupAssistant(ClinicProfile(ClinicSettings()), first_start=True, parent=parent)
    if title:
        wizard.setWindowTitle(title)
    return wizard.choices() if wizard.exec() == QDialog.DialogCode.Accepted else None
