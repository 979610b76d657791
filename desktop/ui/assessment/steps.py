"""Steps 1-3 and 6: visit details, red-flag screening, pain and function, summary."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.clinical import model as m
from desktop.clinical.outcomes import odi_valid_sections
from desktop.clinical.screening import RED_FLAGS
from desktop.clinical.screening_summary import ACKNOWLEDGE_TEXT, URGENT_REFERRAL_TEXT
from desktop.ui import labels
from desktop.ui.assessment.base import StepPage
from desktop.ui.assessment.state import MAX_PSFS
from desktop.ui.widgets import (
    DateField,
    Field,
    FormGrid,
    NameChoice,
    ReflowRow,
    TextEdit,
    banner,
    heading,
    muted,
    set_tone,
    tr,
    wrapping_check,
)

if TYPE_CHECKING:
    from desktop.clinical.result_types import AssessmentResults



def _plain_text(parent: QWidget, name: str, lines: int = 3) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().height() * lines + 14)
    return edit


def _typed_number(text: str) -> object:
    """A typed score as a number when it is one, else the text itself (None when blank)."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return text


class VisitPage(StepPage):
    key = "visit"

    def title(self) -> str:
        return tr(self, "Visit details")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.performed_on = DateField(self)
        self.performed_on.setDisplayFormat("yyyy-MM-dd")
        self.performed_on.setCalendarPopup(True)
        # No maximum: a future date is refused with a message on save, never silently changed.
        self.performed_on.setAccessibleName(tr(self, "Visit date"))
        self.performed_at = TextEdit(tr(self, "Time of assessment, hours and minutes"), self, placeholder="HH:MM",
                                     width_chars=6)
        self.performed_at.setToolTip(tr(self, "Filled in with the time the visit was started; correct it if the "
                                              "assessment began at another time. An urgent letter states it."))
        self.clinician = NameChoice(tr(self, "Clinician"), self)
        self.clinician.setToolTip(tr(self, "Choose from the clinic's clinicians (Settings), or type a name"))
        self.referrer_name = TextEdit(tr(self, "Referrer name"), self, placeholder=tr(self, "e.g. Dr A. Lee"))
        self.referrer_practice = TextEdit(tr(self, "Referrer practice"), self)
        self.reason = _plain_text(self, tr(self, "Reason for visit"))
        self.body_mass = TextEdit(tr(self, "Body mass in kilograms"), self, placeholder="kg", width_chars=8)
        self.height = TextEdit(tr(self, "Height in centimetres"), self, placeholder="cm", width_chars=8)
        self.notes = _plain_text(self, tr(self, "Visit notes"))
        grid = FormGrid()
        grid.add("performed_on", tr(self, "Visit &date"), self.performed_on)
        grid.add("performed_at", tr(self, "&Time of assessment"), self.performed_at)
        grid.add("clinician", tr(self, "C&linician"), self.clinician)
        grid.add("referrer.name", tr(self, "&Referrer"), self.referrer_name)
        grid.add("referrer.practice", tr(self, "Referrer &practice"), self.referrer_practice)
        grid.add("reason", tr(self, "Reason for &visit"), self.reason)
        grid.add("body_mass_kg", tr(self, "Body &mass (kg)"), self.body_mass)
        grid.add("height_cm", tr(self, "&Height (cm)"), self.height)
        grid.add("notes", tr(self, "&Notes"), self.notes)
        self.fields = grid.fields
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title(), self))
        layout.addWidget(muted(tr(self, "Body mass is needed to normalise dynamometer results (Nm/kg, %BW)."), self))
        layout.addLayout(grid)
        layout.addStretch(1)
        for edit in (self.performed_at, self.clinician, self.referrer_name, self.referrer_practice, self.body_mass,
                     self.height):
            edit.edited.connect(self._changed)
        for text in (self.reason, self.notes):
            text.textChanged.connect(self._changed)
        self.performed_on.dateChanged.connect(lambda _d: self._changed())

    def set_clinicians(self, names: list[str]) -> None:
        """The clinic's clinicians offered in the clinician list (the typed name is kept)."""
        self.clinician.set_names(names)

    def _load(self, s: dict[str, Any]) -> None:
        try:
            d = date.fromisoformat(s.get("performed_on") or "")
            self.performed_on.setDate(QDate(d.year, d.month, d.day))
        except ValueError:
            self.performed_on.setDate(QDate.currentDate())
        self.performed_at.setText(s.get("performed_at", ""))
        self.clinician.setText(s.get("clinician", ""))
        self.referrer_name.setText(s.get("referrer_name", ""))
        self.referrer_practice.setText(s.get("referrer_practice", ""))
        self.reason.setPlainText(s.get("reason", ""))
        self.body_mass.setText(s.get("body_mass_kg", ""))
        self.height.setText(s.get("height_cm", ""))
        self.notes.setPlainText(s.get("notes", ""))

    def dump(self) -> dict[str, Any]:
        return {
            "performed_on": self.performed_on.date().toString("yyyy-MM-dd"),
            "performed_at": self.performed_at.text(),
            "clinician": self.clinician.text(),
            "referrer_name": self.referrer_name.text(),
            "referrer_practice": self.referrer_practice.text(),
            "reason": self.reason.toPlainText(),
            "body_mass_kg": self.body_mass.text(),
            "height_cm": self.height.text(),
            "notes": self.notes.toPlainText(),
        }

    def first_focus(self) -> QWidget | None:
        return self.performed_on


class ScreeningPage(StepPage):
    key = "screening"

    def title(self) -> str:
        return tr(self, "Red-flag screening")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.urgent = banner(tr(self, "URGENT: ") + URGENT_REFERRAL_TEXT, "bad", self)
        self.urgent.setAccessibleName(tr(self, "Urgent referral warning"))
        self.boxes: dict[str, QCheckBox] = {}
        domains: dict[str, QGroupBox] = {}
        for flag in RED_FLAGS:
            group = domains.get(flag.domain)
            if group is None:
                title = flag.domain + (tr(self, " (emergency)") if flag.cauda_equina else "")
                group = QGroupBox(title, self)
                QVBoxLayout(group)
                domains[flag.domain] = group
            box, row = wrapping_check(flag.label, group)
            box.setObjectName(f"flag:{flag.code}")
            box.toggled.connect(self._flags_changed)
            group.layout().addWidget(row)
            self.boxes[flag.code] = box
        groups = list(domains.values())
        for group in groups:
            group.layout().addStretch(1)
        # Cauda equina first (tallest); the rest in one column beside it, or below it when narrow.
        others = QWidget(self)
        others_layout = QVBoxLayout(others)
        others_layout.setContentsMargins(0, 0, 0, 0)
        for group in groups[1:]:
            others_layout.addWidget(group)
        others_layout.addStretch(1)
        columns = ReflowRow([groups[0], others], parent=self)
        self.acknowledge = QCheckBox(
            tr(self, "I have reviewed these red flags and arranged medical referral where needed"), self
        )
        self.acknowledge.setObjectName("acknowledge")
        self.acknowledge.toggled.connect(self._flags_changed)
        self.ack_banner = banner(ACKNOWLEDGE_TEXT, "caution", self)
        self.reviewed = QCheckBox(tr(self, "I asked about every item on this list"), self)
        self.reviewed.toggled.connect(self._changed)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title(), self))
        layout.addWidget(muted(tr(self, "Tick each item the client reports. A cauda-equina item means urgent same-day "
                                       "referral: the report becomes an urgent referral letter and no exercise "
                                       "program is given."), self))
        layout.addWidget(self.urgent)
        layout.addWidget(columns)
        layout.addWidget(self.ack_banner)
        layout.addWidget(self.acknowledge)
        layout.addWidget(self.reviewed)
        layout.addStretch(1)
        self._update_banners()

    def _flags_changed(self) -> None:
        self._update_banners()
        self._changed()

    def _update_banners(self) -> None:
        codes = [code for code, box in self.boxes.items() if box.isChecked()]
        from desktop.clinical.screening import CAUDA_EQUINA_CODES

        urgent = any(c in CAUDA_EQUINA_CODES for c in codes)
        other = any(c not in CAUDA_EQUINA_CODES for c in codes)
        self.urgent.setVisible(urgent)
        self.acknowledge.setVisible(other)
        self.ack_banner.setVisible(other and not self.acknowledge.isChecked())

    def _load(self, s: dict[str, Any]) -> None:
        flags = set(s.get("red_flags") or ())
        for code, box in self.boxes.items():
            box.setChecked(code in flags)
        self.acknowledge.setChecked(bool(s.get("acknowledged")))
        self.reviewed.setChecked(bool(s.get("reviewed")))
        self._update_banners()

    def dump(self) -> dict[str, Any]:
        return {
            "red_flags": [code for code, box in self.boxes.items() if box.isChecked()],
            "acknowledged": self.acknowledge.isChecked(),
            "reviewed": self.reviewed.isChecked(),
        }

    def first_focus(self) -> QWidget | None:
        return next(iter(self.boxes.values()))


# Section headings of the ODI v2.1a (clinical-reference §9.2); the questions themselves are
# licensed and are not shown: scores come from the clinic's own licensed form.
ODI_SECTION_NAMES = ("Pain intensity", "Personal care", "Lifting", "Walking", "Sitting", "Standing",
                     "Sleeping", "Sex life", "Social life", "Travelling")


class PainPage(StepPage):
    key = "pain"

    def title(self) -> str:
        return tr(self, "Pain and function")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nprs = TextEdit(tr(self, "Pain now, 0 to 10"), self, placeholder="0–10", width_chars=4)
        self.nprs.setValidator(QIntValidator(0, 10, self))
        self.rmdq = TextEdit(tr(self, "RMDQ total, 0 to 24"), self, placeholder="0–24", width_chars=4)
        self.rmdq.setValidator(QIntValidator(0, 24, self))
        top = FormGrid()
        top.add("pain_nprs", tr(self, "&Pain now (NPRS 0–10)"), self.nprs)
        top.add("rmdq_total", tr(self, "&RMDQ total (optional, 0–24)"), self.rmdq)
        self.fields = dict(top.fields)

        psfs_box = QGroupBox(tr(self, "Patient-Specific Functional Scale (PSFS)"), self)
        self.psfs_layout = QGridLayout(psfs_box)
        self.psfs_layout.addWidget(muted(tr(self, "0 = unable, 10 = as before the problem"), psfs_box), 0, 0, 1, 2)
        self.psfs_layout.addWidget(QLabel(tr(self, "Activity")), 1, 0)
        self.psfs_layout.addWidget(QLabel(tr(self, "Score")), 1, 1)
        self.psfs_rows: list[tuple[TextEdit, TextEdit]] = []
        for index in range(MAX_PSFS):
            activity = TextEdit(tr(self, "PSFS activity %1").arg(index + 1), psfs_box)
            score = TextEdit(tr(self, "PSFS score %1, 0 to 10").arg(index + 1), psfs_box, placeholder="0–10",
                             width_chars=4)
            activity.edited.connect(self._changed)
            score.edited.connect(self._changed)
            a_field, s_field = Field(activity), Field(score)
            self.fields[f"psfs[{index}].activity"] = a_field
            self.fields[f"psfs[{index}].score"] = s_field
            self.psfs_layout.addWidget(a_field, index + 2, 0)
            self.psfs_layout.addWidget(s_field, index + 2, 1)
            self.psfs_rows.append((activity, score))
        self.psfs_layout.setColumnStretch(0, 1)
        self.psfs_mean = muted("", psfs_box)
        self.psfs_layout.addWidget(self.psfs_mean, MAX_PSFS + 2, 0, 1, 2)

        odi_box = QGroupBox(tr(self, "Oswestry Disability Index (ODI)"), self)
        odi_grid = QGridLayout(odi_box)
        odi_grid.addWidget(muted(tr(self, "Section scores from the clinic's licensed form: 0–5, blank if not "
                                          "answered."), odi_box), 0, 0, 1, 5)
        self.odi: list[TextEdit] = []
        for index, name in enumerate(ODI_SECTION_NAMES):
            edit = TextEdit(tr(self, "ODI section %1, %2, 0 to 5").arg(index + 1).arg(tr(self, name)), odi_box,
                            placeholder="–", width_chars=2)
            edit.setValidator(QIntValidator(0, 5, self))
            edit.setMaxLength(1)
            edit.edited.connect(self._changed)
            field = Field(edit)
            self.fields[f"odi_item_scores[{index}]"] = field
            label = QLabel(f"{index + 1}. {tr(self, name)}", odi_box)
            label.setBuddy(edit)
            row, col = divmod(index, 5)
            odi_grid.addWidget(label, row * 2 + 1, col)
            odi_grid.addWidget(field, row * 2 + 2, col)
            self.odi.append(edit)
        self.odi_result = QLabel("", odi_box)
        odi_grid.addWidget(self.odi_result, 5, 0, 1, 5)
        self.fields["odi_item_scores"] = Field(QLabel(""), odi_box)
        odi_grid.addWidget(self.fields["odi_item_scores"], 6, 0, 1, 5)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title(), self))
        layout.addLayout(top)
        layout.addWidget(ReflowRow([psfs_box, odi_box], (2, 3), self))
        layout.addStretch(1)
        self.nprs.edited.connect(self._changed)
        self.rmdq.edited.connect(self._changed)

    def _load(self, s: dict[str, Any]) -> None:
        self.nprs.setText(s.get("pain_nprs", ""))
        self.rmdq.setText(s.get("rmdq_total", ""))
        psfs = s.get("psfs") or []
        for index, (activity, score) in enumerate(self.psfs_rows):
            row = psfs[index] if index < len(psfs) else {}
            activity.setText(row.get("activity", ""))
            score.setText(row.get("score", ""))
        odi = s.get("odi") or []
        for index, edit in enumerate(self.odi):
            edit.setText(odi[index] if index < len(odi) else "")

    def dump(self) -> dict[str, Any]:
        psfs = [{"activity": a.text(), "score": s.text()} for a, s in self.psfs_rows]
        while psfs and not psfs[-1]["activity"].strip() and not psfs[-1]["score"].strip():
            psfs.pop()
        return {
            "pain_nprs": self.nprs.text(),
            "rmdq_total": self.rmdq.text(),
            "psfs": psfs,
            "odi": [edit.text() for edit in self.odi],
        }

    def set_results(self, results: AssessmentResults | None, context: dict[str, Any]) -> None:
        if results is None:
            self.odi_result.setText("")
            self.psfs_mean.setText("")
            return
        pct = results.odi_pct
        _kept, left_out = odi_valid_sections([_typed_number(edit.text()) for edit in self.odi])
        if pct is None:
            self.odi_result.setText(tr(self, "ODI: no sections scored yet"))
            set_tone(self.odi_result, None)
        else:
            band = labels.ODI_BAND.get(results.odi_band or "", "")
            answered = results.odi_sections_answered
            text = (tr(self, "ODI %1% (%2 disability), %3 of 10 sections")
                    .arg(f"{pct:.0f}").arg(tr(self, band)).arg(answered))
            if not results.odi_complete:
                text += tr(self, " — incomplete (fewer than 8 sections)")
            self.odi_result.setText(text)
            set_tone(self.odi_result, None)
        if left_out:
            numbers = ", ".join(str(n) for n in left_out)
            self.odi_result.setText(self.odi_result.text() + "\n" + tr(
                self, "Left out until corrected: section %1 (scores are whole numbers 0 to 5)").arg(numbers))
            set_tone(self.odi_result, "caution")
        mean = results.psfs_mean
        self.psfs_mean.setText("" if mean is None else tr(self, "PSFS mean %1 / 10").arg(f"{mean:.1f}"))

    def first_focus(self) -> QWidget | None:
        return self.nprs


class SummaryPage(StepPage):
    key = "summary"

    def title(self) -> str:
        return tr(self, "Summary")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._generated = ""
        self._edited = False
        from desktop.ui.assessment.program import exercise_pixmap, load_exercise_library
        from desktop.ui.assessment.summary_view import SummaryView

        self.findings = SummaryView(self, picture=lambda eid: exercise_pixmap(load_exercise_library(), eid),
                                    library=load_exercise_library)
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(tr(self, "Interpretation for the report, editable"))
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.fontMetrics().height() * 6)
        self.text.textChanged.connect(self._text_changed)
        self.regenerate = QPushButton(tr(self, "Re&generate from findings"), self)
        self.regenerate.clicked.connect(self._regenerate)
        self.stale = muted("", self)
        self.fields = {"summary_text": Field(QLabel(""), self)}
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title(), self))
        layout.addWidget(self.findings)
        label = QLabel(tr(self, "&Interpretation for the letter (you can edit it)"))
        label.setBuddy(self.text)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.fields["summary_text"])
        buttons = QHBoxLayout()
        buttons.addWidget(self.stale, 1)
        buttons.addWidget(self.regenerate)
        layout.addLayout(buttons)

    def _text_changed(self) -> None:
        if self._loading:
            return
        self._edited = self.text.toPlainText() != self._generated
        self._changed()

    def _regenerate(self) -> None:
        self._edited = False
        self.text.setPlainText(self._generated)
        self.stale.setText("")

    def _load(self, s: dict[str, Any]) -> None:
        self._edited = bool(s.get("edited"))
        self.text.setPlainText(s.get("text") or "")

    def dump(self) -> dict[str, Any]:
        text = self.text.toPlainText()
        return {"text": text or None, "edited": self._edited}

    def set_results(self, results: AssessmentResults | None, context: dict[str, Any]) -> None:
        if results is None:
            return
        from desktop.clinical.wording import paragraphs

        self.findings.set_results(results)
        self._generated = "\n\n".join(paragraphs(results.interpretation))
        if not self._edited and self.isVisible() and self.text.toPlainText() != self._generated:
            self._loading = True
            self.text.setPlainText(self._generated)
            self._loading = False
            self.refreshed.emit()
        elif self._edited and self.text.toPlainText() != self._generated:
            self.stale.setText(tr(self, "Edited by you. Regenerate to replace it with the current findings."))
            set_tone(self.stale, None)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._edited and self._generated and self.text.toPlainText() != self._generated:
            self._loading = True
            self.text.setPlainText(self._generated)
            self._loading = False
            self.refreshed.emit()

    def first_focus(self) -> QWidget | None:
        return self.text


__all__ = ["VisitPage", "ScreeningPage", "PainPage", "SummaryPage", "Qt", "m"]
