"""Clinic settings: letterhead, clinicians, default unit, page size, active reference table."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import desktop.content  # noqa: F401  (registers the shipped exercise library and norm tables)
from desktop.clinical import model as m
from desktop.clinical.norms import NormTableError
from desktop.ui import dialogs, labels
from desktop.ui.clinic_forms import ClinicianListEditor, LetterheadForm
from desktop.ui.widgets import Choice, FieldError, FormGrid, TextEdit, muted, tr
from desktop.ui.worker import mutate, query

if TYPE_CHECKING:
    from desktop.services.assessments import NormService


class SettingsDialog(QDialog):
    """Letterhead, clinicians and report preferences of ``profile``; ``saved(ClinicProfile)`` on Save.

    The dialog reads and writes no storage: the window loads the profile and
    saves the result through ``ClinicService`` off the GUI thread.
    """

    saved = Signal(object)
    assistant_requested = Signal()

    def __init__(self, profile: m.ClinicProfile, norms: NormService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.norms = norms
        self.settings = profile.settings
        self.setWindowTitle(tr(self, "Settings"))
        self.setMinimumWidth(600)
        self.resize(760, 520)

        s = self.settings
        self.letterhead = LetterheadForm(s, self)
        self.clinic_name = self.letterhead.clinic_name
        self.clinicians = ClinicianListEditor(profile.clinicians, self)
        self.unit = Choice(tr(self, "Default force unit"), labels.options(labels.UNITS), self)
        self.page_size = Choice(tr(self, "Page size"), [(p, p) for p in m.PAGE_SIZES], self)
        self.norm_table = Choice(tr(self, "Active reference table"), [], self)
        self.norm_load = QPushButton(tr(self, "Load a clinic &table (CSV)…"), self)
        self.norm_message = FieldError(self)
        self.assistant_button = QPushButton(tr(self, "Open the set-up &assistant…"), self)
        self.drop_threshold = TextEdit(tr(self, "Pelvic drop threshold in degrees"), self,
                                       placeholder=tr(self, "none"), width_chars=6)
        if s.pelvic_drop_threshold_deg is not None:
            self.drop_threshold.setText(f"{s.pelvic_drop_threshold_deg:g}")
        self.drop_threshold_error = FieldError(self)

        prefs_box = QWidget(self)
        prefs = FormGrid()
        prefs.add("default_unit", tr(self, "Default &force unit"), self.unit)
        prefs.add("page_size", tr(self, "Pa&ge size"), self.page_size)
        norm_row = QHBoxLayout()
        norm_row.setContentsMargins(0, 0, 0, 0)
        norm_row.addWidget(self.norm_table, 1)
        norm_row.addWidget(self.norm_load)
        norm_box = QWidget(self)
        norm_box.setLayout(norm_row)
        prefs.add("active_norm_table", tr(self, "Reference &table"), norm_box)
        drop_row = QHBoxLayout()
        drop_row.setContentsMargins(0, 0, 0, 0)
        drop_row.addWidget(self.drop_threshold)
        drop_note = tr(self, "° — the clinic's own cut-off for a measured pelvic drop. No "
                             "validated cut-off exists; the measurement error is ±4°. Blank: none.")
        drop_label = muted(drop_note, self)
        drop_label.setWordWrap(True)
        drop_row.addWidget(drop_label, 1)
        drop_box = QWidget(self)
        drop_box.setLayout(drop_row)
        prefs.add("pelvic_drop_threshold_deg", tr(self, "Pelvic &drop threshold"), drop_box)
        prefs.addRow("", self.drop_threshold_error)
        prefs_layout = QVBoxLayout(prefs_box)
        prefs_layout.addLayout(prefs)
        prefs_layout.addWidget(self.norm_message)
        prefs_layout.addWidget(muted(tr(self, "Reference values are compared only with tests of the same position, "
                                              "contraction, sex and age."), prefs_box))
        prefs_layout.addStretch(1)
        # Tabs keep every page readable at 1366x768 and at 150% scaling.
        for page in (self.letterhead, self.clinicians):
            page.layout().setContentsMargins(9, 9, 9, 9)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.letterhead, tr(self, "&Letterhead"))
        self.tabs.addTab(self.clinicians, tr(self, "&Clinicians"))
        self.tabs.addTab(prefs_box, tr(self, "&Report"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(self.assistant_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.assistant_button.clicked.connect(self._open_assistant)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

        self.unit.set_value(s.default_unit)
        self.page_size.set_value(s.page_size)
        if s.pelvic_drop_threshold_deg is not None:
            self.drop_threshold.setText(f"{s.pelvic_drop_threshold_deg:g}")
        self._fill_norm_tables(s.active_norm_table)
        self.norm_load.clicked.connect(self.load_norm_csv)
        self.clinic_name.setFocus()

    def _open_assistant(self) -> None:
        self.reject()
        self.assistant_requested.emit()

    def _fill_norm_tables(self, active: str) -> None:
        """List the reference tables, read by the norm service off the GUI thread."""
        query(self.norms.available_tables, owner=self,
              success=lambda found: self._show_norm_tables(found, active),
              failure=lambda error: self._show_norm_tables(([], [self._norm_problem(error)]), active))

    def _show_norm_tables(self, found: tuple[list[dict[str, Any]], list[str]], active: str) -> None:
        tables, errors = found
        self.norm_table.clear()
        for info in tables:
            name = info.get("name", "")
            label = str(info.get("title") or name)
            if name == "builtin":
                label = tr(self, "Built-in (verified values)")
            elif name == "builtin-unverified":
                label = tr(self, "Built-in, including unverified values")
            self.norm_table.addItem(label, name)
        if not tables:  # settings stay editable without the tables
            self.norm_table.addItem(tr(self, "Built-in"), "builtin")
        self.norm_message.show_message("\n".join(errors) if errors else None)
        self.norm_table.set_value(active)

    def _norm_problem(self, error: BaseException) -> str:
        """A norm table's own message names file, row and column; anything else gets plain words."""
        if isinstance(error, NormTableError):
            return str(error)
        if isinstance(error, OSError):
            return tr(self, "The reference table file could not be read or copied into the data folder.")
        return tr(self, "The reference tables could not be read.")

    def load_norm_csv(self) -> None:
        """Check a clinic's CSV against the norm-table rules, then keep a copy in the data folder."""
        path = dialogs.choose_open_file(self, tr(self, "Load a reference table"), tr(self, "CSV files (*.csv)"))
        if path is None:
            return
        mutate(self.norms.add_table_file, path, owner=self,
               success=self._fill_norm_tables,
               failure=lambda error: self.norm_message.show_message(self._norm_problem(error)))

    def result_settings(self) -> m.ClinicSettings:
        return replace(
            self.letterhead.result(), default_unit=self.unit.value() or "N",
            page_size=self.page_size.value() or "A4", active_norm_table=self.norm_table.value() or "builtin",
            pelvic_drop_threshold_deg=self._drop_threshold(),
        )  # fmt: skip

    def _drop_threshold(self) -> float | None:
        """The typed threshold; ValueError (with a message for the field) when it is not 0.5-30."""
        text = self.drop_threshold.text().strip().replace(",", ".").rstrip("°").strip()
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            raise ValueError(tr(self, "must be a number of degrees, or blank for none")) from None
        if not 0.5 <= value <= 30:
            raise ValueError(tr(self, "must be between 0.5° and 30°"))
        return value

    def result_profile(self) -> m.ClinicProfile:
        return m.ClinicProfile(self.result_settings(), self.clinicians.result())

    def save(self) -> None:
        if not self.letterhead.check():
            self.tabs.setCurrentWidget(self.letterhead)
            return
        try:
            profile = self.result_profile()
        except ValueError as error:
            self.drop_threshold_error.show_message(str(error))
            self.tabs.setCurrentIndex(2)
            self.drop_threshold.setFocus()
            return
        self.drop_threshold_error.show_message(None)
        self.saved.emit(profile)
        self.accept()
