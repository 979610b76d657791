"""The clinic's letterhead and clinician list as forms, shared by Settings and the first-start assistant.

Both forms take and give plain records (``ClinicSettings``, ``Clinician``);
the caller reads and saves them through ``ClinicService`` off the GUI thread.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QByteArray, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.clinical import model as m
from desktop.clinical.validation import email_problem, phone_problem
from desktop.ui import dialogs
from desktop.ui.widgets import FieldError, FormGrid, RowsTableModel, TextEdit, muted, tr

MAX_LOGO_BYTES = 2_000_000
Index = QModelIndex | QPersistentModelIndex


def read_logo(path: Any) -> bytes | None:
    """The bytes of a PNG under the size limit that Qt can draw; None otherwise."""
    data = path.read_bytes()
    pixmap = QPixmap()
    if len(data) > MAX_LOGO_BYTES or not data.startswith(b"\x89PNG") or not pixmap.loadFromData(QByteArray(data)):
        return None
    return bytes(data)


class LetterheadForm(QWidget):
    """Clinic name, address, phone, email, website, provider number and logo."""

    def __init__(self, settings: m.ClinicSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.logo_png: bytes | None = settings.logo_png
        self.clinic_name = TextEdit(tr(self, "Clinic name"), self, placeholder=tr(self, "as printed on letters"))
        self.address = QPlainTextEdit(self)
        self.address.setAccessibleName(tr(self, "Clinic address"))
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().height() * 3 + 14)
        self.phone = TextEdit(tr(self, "Clinic phone"), self)
        self.email = TextEdit(tr(self, "Clinic email"), self)
        self.website = TextEdit(tr(self, "Clinic website"), self)
        self.provider = TextEdit(tr(self, "Provider number"), self)
        self.logo_preview = QLabel(self)
        self.logo_preview.setFixedSize(140, 56)
        self.logo_preview.setFrameShape(QLabel.Shape.StyledPanel)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setAccessibleName(tr(self, "Logo preview"))
        self.logo_button = QPushButton(tr(self, "Choose &logo…"), self)
        self.logo_clear = QPushButton(tr(self, "Remove logo"), self)
        self.grid = FormGrid()
        self.grid.add("clinic_name", tr(self, "Clinic &name"), self.clinic_name)
        self.grid.add("address", tr(self, "&Address"), self.address)
        self.grid.add("phone", tr(self, "&Phone"), self.phone)
        self.grid.add("email", tr(self, "&Email"), self.email)
        self.grid.add("website", tr(self, "&Website"), self.website)
        self.grid.add("provider_number", tr(self, "Provider n&umber"), self.provider)
        logo_row = QHBoxLayout()
        logo_row.setContentsMargins(0, 0, 0, 0)
        logo_row.addWidget(self.logo_preview)
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.logo_button)
        logo_buttons.addWidget(self.logo_clear)
        logo_row.addLayout(logo_buttons)
        logo_row.addStretch(1)
        logo_box = QWidget(self)
        logo_box.setLayout(logo_row)
        self.logo_field = self.grid.add("logo", tr(self, "Logo"), logo_box)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.grid)
        outer.addStretch(1)  # spare height below the form, never between its rows
        self.clinic_name.setText(settings.clinic_name)
        self.address.setPlainText(settings.address)
        self.phone.setText(settings.phone)
        self.email.setText(settings.email)
        self.website.setText(settings.website)
        self.provider.setText(settings.provider_number)
        self._show_logo()
        self.logo_button.clicked.connect(self.choose_logo)
        self.logo_clear.clicked.connect(self._clear_logo)
        self.setTabOrder(self.clinic_name, self.address)
        self.setTabOrder(self.address, self.phone)

    def _show_logo(self) -> None:
        if self.logo_png:
            pixmap = QPixmap()
            pixmap.loadFromData(QByteArray(self.logo_png))
            self.logo_preview.setPixmap(pixmap.scaled(self.logo_preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo_preview.clear()
            self.logo_preview.setText(tr(self, "No logo"))

    def choose_logo(self) -> None:
        path = dialogs.choose_open_file(self, tr(self, "Choose a logo"), tr(self, "PNG images (*.png)"))
        if path is None:
            return
        try:
            data = read_logo(path)
        except OSError as error:
            self.logo_field.error.show_message(tr(self, "The file could not be read: %1").arg(error.strerror or error))
            return
        if data is None:
            self.logo_field.error.show_message(tr(self, "Choose a PNG image under 2 MB."))
            return
        self.logo_field.error.show_message(None)
        self.logo_png = data
        self._show_logo()

    def _clear_logo(self) -> None:
        self.logo_png = None
        self._show_logo()

    def result(self) -> m.ClinicSettings:
        return replace(
            self.settings, clinic_name=self.clinic_name.text().strip(), address=self.address.toPlainText().strip(),
            phone=self.phone.text().strip(), email=self.email.text().strip(), website=self.website.text().strip(),
            provider_number=self.provider.text().strip(), logo_png=self.logo_png,
        )  # fmt: skip

    def check(self) -> bool:
        """Show shape problems beside the fields; True when there are none."""
        problems = {"email": email_problem(self.email.text().strip()),
                    "phone": phone_problem(self.phone.text().strip())}
        for path, message in problems.items():
            self.grid.fields[path].error.show_message(tr(self, "Email %1").arg(message) if message and path == "email"
                                                      else tr(self, "Phone %1").arg(message) if message else None)
        bad = [path for path, message in problems.items() if message]
        if bad:
            self.grid.fields[bad[0]].editor.setFocus()
        return not bad


CLINICIAN_COLUMNS = ("name", "qualifications", "registration_number", "phone")


class ClinicianTableModel(RowsTableModel):
    """Editable rows of ``Clinician`` records."""

    def __init__(self, clinicians: tuple[m.Clinician, ...] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[m.Clinician] = list(clinicians)
        self.headers = (tr(self, "Name"), tr(self, "Qualifications"), tr(self, "Registration no."), tr(self, "Phone"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                                               Qt.ItemDataRole.AccessibleTextRole):
            return None
        return getattr(self.rows[index.row()], CLINICIAN_COLUMNS[index.column()])

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row = self.rows[index.row()]
        self.rows[index.row()] = replace(row, **{CLINICIAN_COLUMNS[index.column()]: str(value).strip()})
        self.dataChanged.emit(index, index)
        return True

    def add(self, clinician: m.Clinician) -> int:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(clinician)
        self.endInsertRows()
        return len(self.rows) - 1

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()


class ClinicianListEditor(QWidget):
    """The clinic's clinicians: add, edit in place, remove. Visits choose from this list."""

    changed = Signal()

    def __init__(self, clinicians: tuple[m.Clinician, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ClinicianTableModel(clinicians, self)
        self.table = QTableView(self)
        self.table.setAccessibleName(tr(self, "Clinicians"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(self.fontMetrics().height() * 7)
        self.name = TextEdit(tr(self, "New clinician's name"), self, placeholder=tr(self, "Name, e.g. Jo Smith"))
        self.qualifications = TextEdit(tr(self, "New clinician's qualifications"), self,
                                       placeholder=tr(self, "Qualifications, e.g. BPhty, APAM"))
        self.registration = TextEdit(tr(self, "New clinician's registration number"), self,
                                     placeholder=tr(self, "Registration no."))
        self.phone = TextEdit(tr(self, "New clinician's phone"), self, placeholder=tr(self, "Phone"))
        self.add_button = QPushButton(tr(self, "&Add clinician"), self)
        self.remove_button = QPushButton(tr(self, "Re&move selected"), self)
        self.error = FieldError(self)
        entry = QHBoxLayout()
        entry.addWidget(self.name, 3)
        entry.addWidget(self.qualifications, 3)
        entry.addWidget(self.registration, 2)
        entry.addWidget(self.phone, 2)
        entry.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(entry)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(muted(tr(self, "Double-click a cell to correct it. Each visit names its clinician; "
                                         "the letter is signed with their details."), self), 1)
        buttons.addWidget(self.remove_button)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_from_fields)
        for edit in (self.name, self.qualifications, self.registration, self.phone):
            edit.returnPressed.connect(self.add_from_fields)
        self.remove_button.clicked.connect(self.remove_selected)
        self.model.dataChanged.connect(lambda *_: self.changed.emit())
        self.table.setTabKeyNavigation(False)  # Tab moves on; the arrows move in the list
        order = (self.name, self.qualifications, self.registration, self.phone, self.add_button, self.table,
                 self.remove_button)  # as on screen: the new clinician's fields above the list
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)

    def add_from_fields(self) -> bool:
        name = " ".join(self.name.text().split())
        if not name:
            if any(e.text().strip() for e in (self.qualifications, self.registration, self.phone)):
                self.error.show_message(tr(self, "Type the clinician's name first."))
                self.name.setFocus()
            return False
        problem = phone_problem(self.phone.text().strip())
        if problem:
            self.error.show_message(tr(self, "Phone %1").arg(problem))
            self.phone.setFocus()
            return False
        if any(" ".join(c.name.split()).casefold() == name.casefold() for c in self.model.rows):
            self.error.show_message(tr(self, "%1 is already on the list.").arg(name))
            self.name.setFocus()
            return False
        self.error.show_message(None)
        self.model.add(m.Clinician(name=name, qualifications=self.qualifications.text().strip(),
                                   registration_number=self.registration.text().strip(),
                                   phone=self.phone.text().strip()))
        for edit in (self.name, self.qualifications, self.registration, self.phone):
            edit.clear()
        self.name.setFocus()
        self.changed.emit()
        return True

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.model.remove(rows[0].row())
            self.changed.emit()

    def result(self) -> tuple[m.Clinician, ...]:
        """The list, including a name typed but not yet added."""
        self.add_from_fields()
        return tuple(c for c in self.model.rows if c.name.strip())
