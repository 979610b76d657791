"""Step 5: hip-abduction strength by hand-held dynamometer (trials) or manual muscle test."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

import desktop.content  # noqa: F401  (registers the shipped exercise library and norm tables)
from desktop.clinical import model as m
from desktop.clinical.curves import stored_curve
from desktop.clinical.strength import MMT_GRADE_DESCRIPTIONS, MRC_CREDIT, compare_protocols
from desktop.clinical.units import NEWTONS_PER_UNIT
from desktop.clinical.validation import MAX_TRIALS
from desktop.devices.trial import CapturedTrial
from desktop.ui import labels
from desktop.ui.assessment.base import StepPage
from desktop.ui.assessment.capture import CapturePanel
from desktop.ui.assessment.state import DEFAULT_TRIALS, curve_form, curve_trial_text
from desktop.ui.widgets import (
    Choice,
    Field,
    FieldError,
    FormGrid,
    ReflowRow,
    TextEdit,
    banner,
    heading,
    muted,
    set_tone,
    tr,
)

if TYPE_CHECKING:
    from desktop.clinical.norms import NormMatch
    from desktop.clinical.result_types import AssessmentResults
    from desktop.clinical.strength import HhdSideResult



class SideTrials(QGroupBox):
    """One side's trial inputs, lever arm and live values."""

    def __init__(self, side: str, page: HipPage) -> None:
        super().__init__(labels.side_label(side), page)
        self.side = side
        self.page = page
        self.trial_edits: list[TextEdit] = []
        self.trial_fields: list[Field] = []
        self.trial_labels: list[QLabel] = []
        # Captured force-time curves behind the trial boxes (form shape), None for typed trials.
        self.curves: list[dict[str, Any] | None] = []
        self.grid = QGridLayout()
        self.lever = TextEdit(tr(self, "%1 lever arm in centimetres").arg(labels.side_label(side)), self,
                              placeholder="cm", width_chars=6)
        self.lever.edited.connect(page._changed)
        self.lever_field = Field(self.lever)
        self.add_button = QPushButton(tr(self, "Add trial"), self)
        self.add_button.setAccessibleName(tr(self, "Add a %1 trial").arg(labels.side_label(side).lower()))
        self.add_button.clicked.connect(self._add_clicked)
        # An outlier trial may be left out of peak, mean and CV, with the reason (kept and printed).
        self.exclude = Choice(tr(self, "%1 trial left out as an outlier").arg(labels.side_label(side)),
                              [("", tr(self, "none"))], self)
        self.exclude.setToolTip(tr(self, "Leave one trial out of peak, mean and variation, e.g. when the client "
                                         "hitched the hip or felt pain; the letter names it with your reason"))
        self.exclude.edited.connect(self._exclusion_changed)
        self.exclude_field = Field(self.exclude)
        self.exclude_reason = TextEdit(tr(self, "Why the %1 trial is left out").arg(labels.side_label(side).lower()),
                                       self, placeholder=tr(self, "reason (required)"))
        self.exclude_reason.edited.connect(page._changed)
        self.exclude_reason_field = Field(self.exclude_reason)
        self.values = QLabel("", self)
        self.values.setWordWrap(True)
        self.values.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.values.setAccessibleName(tr(self, "%1 computed values").arg(labels.side_label(side)))
        self.cv_warning = QLabel("", self)
        self.cv_warning.setWordWrap(True)
        self.norm = muted("", self)
        self.norm.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        row = QHBoxLayout()
        lever_label = QLabel(tr(self, "Lever arm (cm)"), self)
        lever_label.setBuddy(self.lever)
        row.addWidget(lever_label)
        row.addWidget(self.lever_field, 1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        exclusion_row = QHBoxLayout()
        exclude_label = QLabel(tr(self, "Leave out"), self)
        exclude_label.setBuddy(self.exclude)
        exclusion_row.addWidget(exclude_label)
        exclusion_row.addWidget(self.exclude_field)
        exclusion_row.addWidget(self.exclude_reason_field, 1)
        layout.addLayout(exclusion_row)
        layout.addWidget(self.values)
        layout.addWidget(self.cv_warning)
        layout.addWidget(self.norm)
        layout.addStretch(1)
        self.set_trial_count(DEFAULT_TRIALS)

    def set_trial_count(self, count: int) -> None:
        while len(self.trial_edits) < count:
            index = len(self.trial_edits)
            edit = TextEdit(tr(self, "%1 trial %2").arg(labels.side_label(self.side)).arg(index + 1), self,
                            width_chars=8)
            edit.edited.connect(self.page._changed)
            field = Field(edit)
            label = QLabel(tr(self, "Trial %1").arg(index + 1), self)
            label.setBuddy(edit)
            self.grid.addWidget(label, index, 0)
            self.grid.addWidget(field, index, 1)
            self.trial_edits.append(edit)
            self.trial_fields.append(field)
            self.trial_labels.append(label)
            self.curves.append(None)
        while len(self.trial_edits) > count:
            edit = self.trial_edits.pop()
            field = self.trial_fields.pop()
            label = self.trial_labels.pop()
            self.curves.pop()
            for widget in (label, field):
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.add_button.setEnabled(len(self.trial_edits) < MAX_TRIALS)
        self._exclusion_options()

    def _exclusion_options(self) -> None:
        current = self.exclude.value()
        self.exclude.blockSignals(True)
        self.exclude.clear()
        self.exclude.addItem(tr(self, "no trial"), "")
        for index in range(len(self.trial_edits)):
            self.exclude.addItem(tr(self, "Trial %1").arg(index + 1), str(index + 1))
        self.exclude.set_value(current)
        self.exclude.blockSignals(False)
        self.exclude_reason.setEnabled(bool(self.exclude.value()))

    def _exclusion_changed(self) -> None:
        chosen = bool(self.exclude.value())
        self.exclude_reason.setEnabled(chosen)
        if chosen:
            self.exclude_reason.setFocus()
        self._mark_curves()
        self.page._changed()

    def _add_clicked(self) -> None:
        self.set_trial_count(len(self.trial_edits) + 1)
        self.trial_edits[-1].setFocus()
        self.page._changed()

    def load(self, s: dict[str, Any]) -> None:
        trials = list(s.get("trials") or [])
        self.set_trial_count(max(DEFAULT_TRIALS, len(trials)))
        curves = list(s.get("curves") or [])
        for index, edit in enumerate(self.trial_edits):
            edit.setText(trials[index] if index < len(trials) else "")
            self.curves[index] = curves[index] if index < len(curves) else None
        self.lever.setText(s.get("lever_arm_cm", ""))
        self.exclude.set_value(s.get("exclude_trial", ""))
        self.exclude_reason.setText(s.get("exclude_reason", ""))
        self.exclude_reason.setEnabled(bool(self.exclude.value()))
        self._mark_curves()

    def dump(self) -> dict[str, Any]:
        out: dict[str, Any] = {"trials": [e.text() for e in self.trial_edits], "lever_arm_cm": self.lever.text(),
                               "exclude_trial": self.exclude.value(), "exclude_reason": self.exclude_reason.text()}
        if any(c is not None for c in self.curves):
            out["curves"] = list(self.curves)
        return out

    def add_captured(self, text: str, curve: dict[str, Any]) -> None:
        """Put a captured trial in the first empty box (adding one if all are full)."""
        index = next((i for i, e in enumerate(self.trial_edits) if not e.text().strip()), None)
        if index is None:
            if len(self.trial_edits) >= MAX_TRIALS:
                raise ValueError(f"at most {MAX_TRIALS} trials")
            self.set_trial_count(len(self.trial_edits) + 1)
            index = len(self.trial_edits) - 1
        self.curves[index] = curve
        self.trial_edits[index].setText(text)
        self._mark_curves()

    def _mark_curves(self) -> None:
        left_out = self.exclude.value()
        for index, label in enumerate(self.trial_labels):
            captured = self.curves[index] is not None
            text = tr(self, "Trial %1 ∿").arg(index + 1) if captured else tr(self, "Trial %1").arg(index + 1)
            label.setText(text + (tr(self, " (left out)") if left_out == str(index + 1) else ""))
            label.setToolTip(tr(self, "Captured from the dynamometer (force-time curve kept); "
                                      "typing another value replaces the curve") if captured else "")

    def show_problems(self, by_path: dict[str, str]) -> None:
        base = f"hip_abduction.{self.side}"
        for index, field in enumerate(self.trial_fields):
            field.error.show_message(by_path.get(f"{base}.trials[{index}]"))
        self.lever_field.error.show_message(by_path.get(f"{base}.lever_arm_cm") or by_path.get(f"{base}.trials"))
        self.exclude_field.error.show_message(
            by_path.get(f"{base}.excluded_trial.trial_no") or by_path.get(f"{base}.excluded_trial"))
        self.exclude_reason_field.error.show_message(by_path.get(f"{base}.excluded_trial.reason"))

    def show_values(self, side: HhdSideResult | None, norm: NormMatch | None) -> None:
        if side is None:
            self.values.setText(tr(self, "Enter trials to see peak, mean and variation."))
            self.cv_warning.setText("")
            self.norm.setText("")
            return
        lines = [
            tr(self, "Peak %1 · mean %2").arg(labels.number(round(side.peak_force_n, 2), "N"))
            .arg(labels.number(round(side.mean_force_n, 2), "N")),
            tr(self, "Variation (CV) %1").arg(labels.number(round(side.cv_pct, 1), "%")) if side.cv_pct is not None
            else tr(self, "Variation (CV): needs 2 or more trials"),
            tr(self, "Torque %1 · %2 · %3 of body weight").arg(labels.number(_round(side.torque_nm, 1), "Nm"))
            .arg(labels.number(_round(side.torque_nm_per_kg, 3), "Nm/kg", 2))
            .arg(labels.number(_round(side.force_pct_bw, 2), "%")),
        ]
        if side.torque_nm is None:
            lines.append(tr(self, "Torque needs the lever arm."))
        if side.excluded_trial is not None:
            lines.append(tr(self, "The trial left out (%1) is not in peak, mean or variation.")
                         .arg(labels.number(round(side.excluded_trial.force_n, 1), "N")))
        if side.time_to_peak_s is not None:
            lines.append(tr(self, "Best trial: time to peak %1 · RFD 0–200 ms %2")
                         .arg(labels.number(round(side.time_to_peak_s, 3), "s", 2))
                         .arg(labels.number(_round(side.rfd_0_200_n_per_s, 1), "N/s", 0)))
        self.values.setText("\n".join(lines))
        if side.further_trial_suggested:
            self.cv_warning.setText(tr(self, "⚠ Trials vary by more than 10%: add another trial."))
            set_tone(self.cv_warning, "caution")
        else:
            self.cv_warning.setText("")
        if norm is None:
            self.norm.setText("")
        elif norm.matched:
            self.norm.setText(tr(self, "Reference: ") + norm.comparisons[0].text())
        else:
            reason = norm.reason
            self.norm.setText(tr(self, "Reference: no matching reference") + (f" ({reason})" if reason else ""))


class HipPage(StepPage):
    key = "hip"

    def title(self) -> str:
        return tr(self, "Hip abduction strength")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hhd_radio = QRadioButton(tr(self, "Hand-held &dynamometer"), self)
        self.mmt_radio = QRadioButton(tr(self, "&Manual muscle test (MRC 0–5)"), self)
        self.method_group = QButtonGroup(self)
        self.method_group.addButton(self.hhd_radio)
        self.method_group.addButton(self.mmt_radio)
        self.hhd_radio.setChecked(True)
        self.hhd_radio.toggled.connect(self._method_changed)
        self.stack = QStackedWidget(self)

        hhd = QWidget(self)
        self.position = Choice(tr(self, "Test position"), labels.options(labels.POSITIONS), hhd)
        self.contraction = Choice(tr(self, "Make or break test"), labels.options(labels.CONTRACTIONS), hhd)
        self.fixation = Choice(tr(self, "Fixation"), labels.options(labels.FIXATIONS), hhd)
        self.pad_site = TextEdit(
            tr(self, "Pad site"), hhd, placeholder=tr(self, "e.g. 5 cm above the lateral malleolus")
        )
        self.device = TextEdit(tr(self, "Device"), hhd)
        self.unit = Choice(tr(self, "Force unit"), labels.options(labels.UNITS), hhd)
        protocol = FormGrid()
        protocol.add("hip_abduction.position", tr(self, "&Position"), self.position)
        protocol.add("hip_abduction.contraction", tr(self, "Ma&ke / break"), self.contraction)
        protocol.add("hip_abduction.fixation", tr(self, "&Fixation"), self.fixation)
        protocol.add("hip_abduction.pad_site", tr(self, "Pad s&ite"), self.pad_site)
        protocol.add("hip_abduction.device", tr(self, "De&vice"), self.device)
        protocol.add("hip_abduction.unit", tr(self, "&Unit"), self.unit)
        self.fields = dict(protocol.fields)
        protocol_box = QGroupBox(tr(self, "Protocol"), hhd)
        protocol_box.setLayout(protocol)
        self.protocol_warning = banner("", "caution", hhd)
        self.protocol_warning.hide()
        self.sides = {side: SideTrials(side, self) for side in m.SIDES}
        self.lsi = QLabel("", hhd)
        self.lsi.setWordWrap(True)
        font = self.lsi.font()
        font.setBold(True)
        font.setPointSize(font.pointSize() + 2)
        self.lsi.setFont(font)
        self.lsi.setAccessibleName(tr(self, "Limb symmetry index"))
        self.mass_error = FieldError(hhd)
        trials = QWidget(hhd)
        under = QVBoxLayout(trials)
        under.setContentsMargins(0, 0, 0, 0)
        under.addWidget(ReflowRow([self.sides["left"], self.sides["right"]], (1, 1), trials))
        under.addWidget(self.lsi)
        under.addWidget(self.mass_error)
        under.addWidget(self.protocol_warning)
        under.addStretch(1)
        protocol_column = QWidget(hhd)
        protocol_layout = QVBoxLayout(protocol_column)
        protocol_layout.setContentsMargins(0, 0, 0, 0)
        protocol_layout.addWidget(protocol_box)
        protocol_layout.addStretch(1)
        self.capture = CapturePanel(hhd)
        self.capture.set_trial_handler(self.add_captured_trial, lambda: self.unit.value() or "N")
        hhd_layout = QVBoxLayout(hhd)
        hhd_layout.setContentsMargins(0, 0, 0, 0)
        hhd_layout.addWidget(ReflowRow([protocol_column, trials], (4, 6), hhd))
        hhd_layout.addWidget(self.capture, 1)
        self.stack.addWidget(hhd)

        mmt = QWidget(self)
        grades = [("", tr(self, "Not tested"))] + [
            (str(g), f"{g} – {tr(self, d)}") for g, d in MMT_GRADE_DESCRIPTIONS.items()
        ]
        modifiers = [("", tr(self, "none")), ("-", "−"), ("+", "+")]
        mmt_grid = FormGrid()
        self.grades: dict[str, Choice] = {}
        self.modifiers: dict[str, Choice] = {}
        for side in m.SIDES:
            grade = Choice(tr(self, "%1 MRC grade").arg(labels.side_label(side)), grades, mmt)
            modifier = Choice(tr(self, "%1 grade modifier").arg(labels.side_label(side)), modifiers, mmt)
            grade.edited.connect(self._changed)
            modifier.edited.connect(self._changed)
            row = QWidget(mmt)
            rl = QHBoxLayout(row)
            rl.setContentsMargins(0, 0, 0, 0)
            rl.addWidget(grade, 3)
            rl.addWidget(modifier, 1)
            field = mmt_grid.add(f"hip_abduction.{side}.grade", labels.side_label(side), row)
            self.fields[f"hip_abduction.{side}.grade"] = field
            self.fields[f"hip_abduction.{side}.modifier"] = Field(QLabel(""), mmt)
            mmt_grid.addRow("", self.fields[f"hip_abduction.{side}.modifier"])
            self.grades[side] = grade
            self.modifiers[side] = modifier
        self.mmt_result = QLabel("", mmt)
        self.mmt_result.setWordWrap(True)
        mmt_layout = QVBoxLayout(mmt)
        mmt_layout.setContentsMargins(0, 0, 0, 0)
        mmt_layout.addWidget(muted(tr(self, "Side-lying, test side up, pelvis stabilised; resistance at the "
                                           "lateral knee. Grades 0–2 are tested supine."), mmt))
        mmt_layout.addLayout(mmt_grid)
        mmt_layout.addWidget(self.mmt_result)
        mmt_layout.addWidget(muted(MRC_CREDIT, mmt))
        mmt_layout.addStretch(1)
        self.stack.addWidget(mmt)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title(), self))
        method_row = QHBoxLayout()
        method_row.addWidget(self.hhd_radio)
        method_row.addWidget(self.mmt_radio)
        method_row.addStretch(1)
        layout.addLayout(method_row)
        layout.addWidget(self.stack, 1)

        for choice in (self.position, self.contraction, self.fixation, self.unit):
            choice.edited.connect(self._changed)
        for edit in (self.pad_site, self.device):
            edit.edited.connect(self._changed)

    def method(self) -> str:
        return "mmt" if self.mmt_radio.isChecked() else "hhd"

    def release_devices(self) -> None:
        self.capture.shutdown()

    def add_captured_trial(self, side: str, trial: CapturedTrial) -> None:
        """A trial from the dynamometer: its curve in the page's unit, its peak in the box."""
        unit = self.unit.value() or "N"
        curve = stored_curve(trial.rate_hz, (trial.force_n / NEWTONS_PER_UNIT[unit]).tolist())
        try:
            self.sides[side].add_captured(curve_trial_text(curve.peak), curve_form(curve, unit) or {})
        except ValueError:
            self.capture.status.setText(tr(self, "All %1 trial boxes are full: the trial was not added.")
                                        .arg(MAX_TRIALS))
            return
        source = self.capture.session.source
        if not self.device.text().strip() and source is not None:
            self.device.setText(source.info.model)
        self._changed()

    def _method_changed(self) -> None:
        self.stack.setCurrentIndex(1 if self.method() == "mmt" else 0)
        self._changed()

    def _load(self, s: dict[str, Any]) -> None:
        self.capture.clear_visit()
        (self.mmt_radio if s.get("method") == "mmt" else self.hhd_radio).setChecked(True)
        self.stack.setCurrentIndex(1 if s.get("method") == "mmt" else 0)
        self.position.set_value(s.get("position", ""))
        self.contraction.set_value(s.get("contraction", ""))
        self.fixation.set_value(s.get("fixation", ""))
        self.pad_site.setText(s.get("pad_site", ""))
        self.device.setText(s.get("device", ""))
        self.unit.set_value(s.get("unit") or "N")
        for side in m.SIDES:
            raw = s.get(side) or {}
            self.sides[side].load(raw)
            self.grades[side].set_value(raw.get("grade", ""))
            self.modifiers[side].set_value(raw.get("modifier", ""))

    def dump(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "method": self.method(), "position": self.position.value(), "contraction": self.contraction.value(),
            "fixation": self.fixation.value(), "pad_site": self.pad_site.text(), "device": self.device.text(),
            "unit": self.unit.value() or "N",
        }  # fmt: skip
        for side in m.SIDES:
            out[side] = {**self.sides[side].dump(), "grade": self.grades[side].value(),
                         "modifier": self.modifiers[side].value()}
        return out

    def show_problems(self, by_path: dict[str, str]) -> None:
        super().show_problems(by_path)
        for side in self.sides.values():
            side.show_problems(by_path)
        message = by_path.get("body_mass_kg")
        self.mass_error.show_message(tr(self, "Body mass (step 1) %1").arg(message) if message else None)

    def set_results(self, results: AssessmentResults | None, context: dict[str, Any]) -> None:
        hip = results.hip_abduction if results is not None else None
        norms = results.norm_comparison if results is not None else None
        if self.method() == "mmt":
            parts = []
            for side in m.SIDES:
                value = hip.mmt(side) if hip is not None else None
                if value is not None:
                    parts.append(f"{labels.side_label(side)} {value.label} ({tr(self, value.description)})")
            weaker = hip.weaker_side if hip is not None and hip.method == "mmt" else None
            if weaker:
                parts.append(tr(self, "weaker side: %1").arg(labels.side_label(weaker).lower()))
            self.mmt_result.setText(" · ".join(parts))
            return
        for side in m.SIDES:
            self.sides[side].show_values(hip.hhd(side) if hip is not None else None,
                                         norms.side(side) if norms is not None else None)
        lsi = hip.lsi_pct if hip is not None and hip.method == "hhd" else None
        if lsi is None:
            self.lsi.setText(tr(self, "Limb symmetry index: needs trials on both sides"))
            set_tone(self.lsi, None)
        else:
            assert hip is not None
            band = hip.asymmetry_band
            basis = tr(self, "torque") if hip.lsi_basis == "torque" else tr(self, "peak force")
            weaker = hip.weaker_side
            text = tr(self, "LSI %1% on %2 — %3").arg(f"{lsi:.1f}").arg(basis).arg(labels.band_text(band))
            if weaker and band != "symmetric":
                text += tr(self, "; %1 side weaker").arg(labels.side_label(weaker).lower())
            if hip.lsi_provisional:
                from desktop.clinical.wording import words

                reasons = "; ".join(words(m) for m in hip.lsi_provisional_reasons)
                text += "\n" + tr(self, "Provisional: %1. Re-test before relying on it.").arg(reasons)
            self.lsi.setText(text)
            set_tone(self.lsi, "caution" if hip.lsi_provisional else labels.ASYMMETRY_TONE.get(band or ""))
        warnings = []
        previous: m.Assessment | None = context.get("previous")
        current: m.Assessment | None = context.get("assessment")
        if (previous is not None and previous.hip_abduction is not None
                and current is not None and current.hip_abduction):
            warnings = compare_protocols(previous.hip_abduction, current.hip_abduction)
        if warnings:
            self.protocol_warning.setText(
                tr(self, "Protocol differs from the previous visit (%1): ").arg(previous.performed_on.isoformat())  # type: ignore[union-attr]
                + " ".join(warnings)
            )
            self.protocol_warning.show()
        else:
            self.protocol_warning.hide()

    def first_focus(self) -> QWidget | None:
        return self.hhd_radio if self.method() == "hhd" else self.mmt_radio


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)
