"""Create or edit a client, with messages beside the fields instead of pop-ups."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from db.repository import Repository
from desktop.clinical import model as m
from desktop.clinical.validation import validate_client
from desktop.ui.widgets import Choice, FormGrid, TextEdit, banner, tr


def sex_options(widget: QWidget) -> list[tuple[str, str]]:
    return [("unspecified", widget.tr("Not stated")), ("female", widget.tr("Female")),
            ("male", widget.tr("Male")), ("other", widget.tr("Other"))]


class ClientDialog(QDialog):
    """Opened with ``open()`` (never blocks); emits ``saved(client_id)`` after a valid save."""

    saved = Signal(int)

    def __init__(self, repo: Repository, client_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.client_id = client_id
        self.setWindowTitle(tr(self, "New client") if client_id is None else tr(self, "Edit client"))
        self.setMinimumWidth(520)
        self.given = TextEdit(tr(self, "Given name"), self)
        self.family = TextEdit(tr(self, "Family name"), self)
        self.dob = QDateEdit(self)
        self.dob.setDisplayFormat("yyyy-MM-dd")
        self.dob.setCalendarPopup(True)
        self.dob.setMinimumDate(QDate(1900, 1, 1))
        self.dob.setMaximumDate(QDate.currentDate())
        self.dob.setDate(QDate(1980, 1, 1))
        self.dob.setAccessibleName(tr(self, "Date of birth"))
        self.sex = Choice(tr(self, "Sex"), sex_options(self), self)
        self.external_id = TextEdit(tr(self, "File number"), self)
        self.phone = TextEdit(tr(self, "Phone"), self)
        self.email = TextEdit(tr(self, "Email"), self)
        self.notes = QPlainTextEdit(self)
        self.notes.setAccessibleName(tr(self, "Notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.message = banner("", "bad", self)
        self.message.hide()

        self.grid = FormGrid()
        self.grid.add("given_name", tr(self, "&Given name"), self.given)
        self.grid.add("family_name", tr(self, "&Family name"), self.family)
        self.grid.add("date_of_birth", tr(self, "&Date of birth"), self.dob)
        self.grid.add("sex", tr(self, "&Sex"), self.sex)
        self.grid.add("external_id", tr(self, "File n&umber"), self.external_id)
        self.grid.add("phone", tr(self, "&Phone"), self.phone)
        self.grid.add("email", tr(self, "&Email"), self.email)
        self.grid.add("notes", tr(self, "N&otes"), self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(self.grid)
        layout.addWidget(buttons)
        if client_id is not None:
            self._load(repo.get_client(client_id).client)

    def _load(self, client: m.Client) -> None:
        self.given.setText(client.given_name)
        self.family.setText(client.family_name)
        d = client.date_of_birth
        self.dob.setDate(QDate(d.year, d.month, d.day))
        self.sex.set_value(client.sex)
        self.external_id.setText(client.external_id or "")
        self.phone.setText(client.phone or "")
        self.email.setText(client.email or "")
        self.notes.setPlainText(client.notes)

    def client(self) -> m.Client:
        qd = self.dob.date()
        return m.Client(
            given_name=self.given.text().strip(),
            family_name=self.family.text().strip(),
            date_of_birth=date(qd.year(), qd.month(), qd.day()),
            sex=self.sex.value() or "unspecified",
            external_id=self.external_id.text().strip() or None,
            phone=self.phone.text().strip() or None,
            email=self.email.text().strip() or None,
            notes=self.notes.toPlainText(),
        )

    def save(self) -> bool:
        """Validate; show every problem beside its field; store and close only when valid."""
        client = self.client()
        problems = validate_client(client)
        by_path = {p.path: p.message for p in problems}
        for path, field in self.grid.fields.items():
            field.error.show_message(by_path.get(path))
        if problems:
            first = next(path for path in self.grid.fields if path in by_path)
            self.grid.fields[first].editor.setFocus()
            self.message.setText(tr(self, "Please correct the highlighted fields."))
            self.message.show()
            return False
        if self.client_id is None:
            self.client_id, _ = self.repo.add_client(client)
        else:
            self.repo.update_client(self.client_id, client)
        self.saved.emit(self.client_id)
        self.accept()
        return True
