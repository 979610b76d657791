"""Clinic settings: letterhead, clinician, default unit, page size, active reference table."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.repository import Repository
from desktop.clinical import model as m
from desktop.paths import AppPaths
from desktop.ui import dialogs, labels
from desktop.ui.widgets import Choice, FieldError, FormGrid, TextEdit, muted, tr

MAX_LOGO_BYTES = 2_000_000


class SettingsDialog(QDialog):
    saved = Signal()

    def __init__(self, repo: Repository, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.paths = paths
        self.settings = repo.get_settings()
        self.logo_png: bytes | None = self.settings.logo_png
        self.setWindowTitle(tr(self, "Settings"))
        self.setMinimumWidth(640)

        s = self.settings
        self.clinic_name = TextEdit(tr(self, "Clinic name"), self)
        self.address = QPlainTextEdit(self)
        self.address.setAccessibleName(tr(self, "Clinic address"))
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().height() * 3 + 14)
        self.phone = TextEdit(tr(self, "Clinic phone"), self)
        self.email = TextEdit(tr(self, "Clinic email"), self)
        self.website = TextEdit(tr(self, "Clinic website"), self)
        self.provider = TextEdit(tr(self, "Provider number"), self)
        self.logo_preview = QLabel(self)
        self.logo_preview.setFixedSize(160, 60)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setAccessibleName(tr(self, "Logo preview"))
        self.logo_button = QPushButton(tr(self, "Choose &logo…"), self)
        self.logo_clear = QPushButton(tr(self, "Remove logo"), self)
        self.logo_error = FieldError(self)
        self.clinician = TextEdit(tr(self, "Clinician name"), self)
        self.credentials = TextEdit(tr(self, "Clinician credentials"), self, placeholder=tr(self, "e.g. BPhty, APAM"))
        self.unit = Choice(tr(self, "Default force unit"), labels.options(labels.UNITS), self)
        self.page_size = Choice(tr(self, "Page size"), [(p, p) for p in m.PAGE_SIZES], self)
        self.norm_table = Choice(tr(self, "Active reference table"), [], self)
        self.norm_load = QPushButton(tr(self, "Load a clinic &table (CSV)…"), self)
        self.norm_message = FieldError(self)

        letter = FormGrid()
        letter.add("clinic_name", tr(self, "Clinic &name"), self.clinic_name)
        letter.add("address", tr(self, "&Address"), self.address)
        letter.add("phone", tr(self, "&Phone"), self.phone)
        letter.add("email", tr(self, "&Email"), self.email)
        letter.add("website", tr(self, "&Website"), self.website)
        letter.add("provider_number", tr(self, "Provider n&umber"), self.provider)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addWidget(self.logo_button)
        logo_row.addWidget(self.logo_clear)
        logo_row.addStretch(1)
        logo_box = QWidget(self)
        logo_box.setLayout(logo_row)
        letter.add("logo", tr(self, "Logo"), logo_box)
        letterhead = QGroupBox(tr(self, "Letterhead"), self)
        letterhead.setLayout(letter)
        people = FormGrid()
        people.add("clinician_name", tr(self, "&Clinician"), self.clinician)
        people.add("clinician_credentials", tr(self, "C&redentials"), self.credentials)
        people.add("default_unit", tr(self, "Default &force unit"), self.unit)
        people.add("page_size", tr(self, "Pa&ge size"), self.page_size)
        norm_row = QHBoxLayout()
        norm_row.addWidget(self.norm_table, 1)
        norm_row.addWidget(self.norm_load)
        norm_box = QWidget(self)
        norm_box.setLayout(norm_row)
        people.add("active_norm_table", tr(self, "Reference &table"), norm_box)
        report = QGroupBox(tr(self, "Clinician and report"), self)
        report.setLayout(people)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(letterhead)
        layout.addWidget(report)
        layout.addWidget(self.norm_message)
        layout.addWidget(muted(tr(self, "Reference values are compared only with tests of the same position, "
                                       "contraction, sex and age."), self))
        layout.addWidget(buttons)

        self.clinic_name.setText(s.clinic_name)
        self.address.setPlainText(s.address)
        self.phone.setText(s.phone)
        self.email.setText(s.email)
        self.website.setText(s.website)
        self.provider.setText(s.provider_number)
        self.clinician.setText(s.clinician_name)
        self.credentials.setText(s.clinician_credentials)
        self.unit.set_value(s.default_unit)
        self.page_size.set_value(s.page_size)
        self._fill_norm_tables(s.active_norm_table)
        self._show_logo()
        self.logo_button.clicked.connect(self.choose_logo)
        self.logo_clear.clicked.connect(self._clear_logo)
        self.norm_load.clicked.connect(self.load_norm_csv)

    def _fill_norm_tables(self, active: str) -> None:
        self.norm_table.clear()
        try:
            from desktop.clinical.norms import norm_registry

            registry = norm_registry(custom_dir=self.paths.norms)
            for info in registry.describe():
                name = info.get("name", "")
                label = str(info.get("title") or name)
                if name == "builtin":
                    label = tr(self, "Built-in (verified values)")
                elif name == "builtin-unverified":
                    label = tr(self, "Built-in, including unverified values")
                self.norm_table.addItem(label, name)
            if registry.errors:
                self.norm_message.show_message("\n".join(registry.errors))
        except Exception as error:  # noqa: BLE001 - settings stay editable without norms
            self.norm_table.addItem(tr(self, "Built-in"), "builtin")
            self.norm_message.show_message(str(error))
        self.norm_table.set_value(active)

    def _show_logo(self) -> None:
        if self.logo_png:
            pixmap = QPixmap()
            pixmap.loadFromData(QByteArray(self.logo_png))
            self.logo_preview.setPixmap(pixmap.scaled(self.logo_preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo_preview.setText(tr(self, "No logo"))

    def choose_logo(self) -> None:
        path = dialogs.choose_open_file(self, tr(self, "Choose a logo"), tr(self, "PNG images (*.png)"))
        if path is None:
            return
        data = path.read_bytes()
        pixmap = QPixmap()
        if len(data) > MAX_LOGO_BYTES or not data.startswith(b"\x89PNG") or not pixmap.loadFromData(QByteArray(data)):
            self.logo_error.show_message(tr(self, "Choose a PNG image under 2 MB."))
            return
        self.logo_error.show_message(None)
        self.logo_png = data
        self._show_logo()

    def _clear_logo(self) -> None:
        self.logo_png = None
        self.logo_preview.clear()
        self._show_logo()

    def load_norm_csv(self) -> None:
        """Check a clinic's CSV against the norm-table rules, then keep a copy in the data folder."""
        path = dialogs.choose_open_file(self, tr(self, "Load a reference table"), tr(self, "CSV files (*.csv)"))
        if path is None:
            return
        try:
            from desktop.clinical.norms import load_norm_table

            table = load_norm_table(path)
        except Exception as error:  # noqa: BLE001 - the message names file, row and column
            self.norm_message.show_message(str(error))
            return
        target = self.paths.norms / Path(path).name
        self.paths.norms.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        self.norm_message.show_message(None)
        self._fill_norm_tables(table.name)

    def result_settings(self) -> m.ClinicSettings:
        return replace(
            self.settings,
            clinic_name=self.clinic_name.text().strip(), address=self.address.toPlainText().strip(),
            phone=self.phone.text().strip(), email=self.email.text().strip(), website=self.website.text().strip(),
            provider_number=self.provider.text().strip(), logo_png=self.logo_png,
            clinician_name=self.clinician.text().strip(), clinician_credentials=self.credentials.text().strip(),
            default_unit=self.unit.value() or "N", page_size=self.page_size.value() or "A4",
            active_norm_table=self.norm_table.value() or "builtin",
        )  # fmt: skip

    def save(self) -> None:
        self.repo.save_settings(self.result_settings())
        self.saved.emit()
        self.accept()
