"""The summary step's findings as a structured view: sections, both sides side by side, flags in colour.

Layout only: it formats the results dict the clinical engine computed (the
same one ``medius summary --json`` prints) and never decides anything. Every
colour is also said in words; exercises show their name and picture, never
an internal id. A step not done reads "Not assessed", never as normal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.clinical.result_types import AssessmentResults
from desktop.ui import labels
from desktop.ui.assessment.program import THUMB
from desktop.ui.widgets import set_tone, tr

NOT_ASSESSED = "Not assessed"


def _label(text: str, parent: QWidget, *, bold: bool = False, tone: str | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    if tone:
        set_tone(label, tone)
    return label


def exercise_title(exercise_id: str, library: Any) -> str:
    """The exercise's name from the library; a readable form of the id if the library lacks it."""
    if library is not None and exercise_id in library:
        return str(library.get(exercise_id).name)
    return exercise_id.replace("_", " ").capitalize()


def dose_text(item: dict[str, Any]) -> str:
    parts = []
    if item.get("sets"):
        parts.append(f"{item['sets']} × {item['reps']}" if item.get("reps") else f"{item['sets']} sets")
    if item.get("hold_s"):
        parts.append(f"hold {item['hold_s']} s")
    if item.get("days_per_week"):
        parts.append(f"{item['days_per_week']} days a week")
    if item.get("side") in ("left", "right"):
        parts.append(f"{item['side']} side")
    return ", ".join(parts)


class SummaryView(QWidget):
    """``set_results(results)`` rebuilds the sections; ``sections`` maps a key to its group box."""

    def __init__(self, parent: QWidget | None = None, *,
                 picture: Callable[[str], Any] | None = None, library: Callable[[], Any] | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr(self, "Findings"))
        self._picture = picture
        self._library = library
        self.sections: dict[str, QGroupBox] = {}
        self._shown: dict[str, Any] | None = None
        self._typed: AssessmentResults | None = None
        self._stale = False
        self.columns = QHBoxLayout(self)
        self.columns.setContentsMargins(0, 0, 0, 0)
        self.left = QVBoxLayout()
        self.right = QVBoxLayout()
        self.columns.addLayout(self.left, 1)
        self.columns.addLayout(self.right, 1)

    # -- building ------------------------------------------------------------------

    def _clear(self) -> None:
        for box in self.sections.values():
            box.setParent(None)
            box.deleteLater()
        self.sections = {}
        for column in (self.left, self.right):
            while column.count():
                column.takeAt(0)

    def _section(self, key: str, title: str, column: QVBoxLayout) -> QGroupBox:
        box = QGroupBox(title, self)
        box.setAccessibleName(title)
        self.sections[key] = box
        column.addWidget(box)
        return box

    def set_results(self, results: AssessmentResults | None) -> None:
        """Show ``results``; rebuilt only when they changed, and only once the view is on screen."""
        shown = results.to_json() if results is not None else None  # the summary --json shape
        if shown == self._shown and not self._stale:
            return
        self._shown = shown
        self._typed = results
        self._stale = True
        if self.isVisible():
            self._rebuild()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._rebuild()

    def _rebuild(self) -> None:
        self._stale = False
        results = self._shown
        self._clear()
        if not results:
            return
        self._screening(results)
        self._trendelenburg(results)
        self._hip(results)
        self._outcomes(results)
        self._weak_sides(results)
        self._change(results)
        self._program(results)
        self.left.addStretch(1)
        self.right.addStretch(1)

    def _screening(self, results: dict[str, Any]) -> None:
        box = self._section("screening", tr(self, "Red-flag screening"), self.left)
        layout = QVBoxLayout(box)
        screening = results.get("screening") or {}
        if screening.get("done") is False:
            layout.addWidget(_label(tr(self, "Not done: screen before the letter can be written."), box,
                                    bold=True, tone="caution"))
            return
        tone = "bad" if screening.get("red_flag_block") else (
            "caution" if screening.get("needs_acknowledgement") or screening.get("flags") else "good")
        layout.addWidget(_label(str(screening.get("message") or ""), box, bold=True, tone=tone))
        for flag in screening.get("flags") or ():
            layout.addWidget(_label(f"• {flag.get('label', '')}", box, tone=tone))

    def _side_grid(
        self, box: QGroupBox, rows: list[tuple[str, tuple[str, str], tuple[str | None, str | None]]]
    ) -> None:
        """A table with a row per measure and a column per side."""
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.addWidget(_label(tr(self, "Left"), box, bold=True), 0, 1)
        grid.addWidget(_label(tr(self, "Right"), box, bold=True), 0, 2)
        for row, (name, values, tones) in enumerate(rows, start=1):
            grid.addWidget(_label(name, box), row, 0)
            for column, (value, tone) in enumerate(zip(values, tones, strict=True), start=1):
                grid.addWidget(_label(value, box, bold=tone is not None, tone=tone), row, column)

    def _trendelenburg(self, results: dict[str, Any]) -> None:
        box = self._section("trendelenburg", tr(self, "Trendelenburg test (stance leg)"), self.left)
        tb = results.get("trendelenburg") or {}
        sides = [tb.get("left"), tb.get("right")]
        if not any(sides):
            QVBoxLayout(box).addWidget(_label(tr(self, NOT_ASSESSED), box, tone="caution"))
            return
        typed = self._typed.trendelenburg if self._typed is not None else None
        findings = (typed.left, typed.right) if typed is not None else (None, None)
        result = tuple(labels.trendelenburg_text(f, short=True) if f is not None else tr(self, NOT_ASSESSED)
                       for f in findings)
        tones = tuple(labels.TRENDELENBURG_TONE.get(s["result"]) if s else "caution" for s in sides)
        hold = tuple(labels.number(s.get("hold_s"), "s", 0) if s else "–" for s in sides)
        lean = tuple((tr(self, "Yes") if s.get("compensated") else tr(self, "No")) if s else "–" for s in sides)
        rows = [(tr(self, "Result"), result, tones), (tr(self, "Hold"), hold, (None, None)),
                (tr(self, "Trunk lean (compensated)"), lean, (None, None))]
        drops = tuple(labels.number(s.get("pelvic_drop_deg"), "°") if s else "–" for s in sides)
        if any(s and s.get("pelvic_drop_deg") is not None for s in sides):
            rows.append((tr(self, "Pelvic drop"), drops, (None, None)))
        self._side_grid(box, rows)  # type: ignore[arg-type]

    def _hip(self, results: dict[str, Any]) -> None:
        box = self._section("hip_abduction", tr(self, "Hip-abduction strength"), self.left)
        hip = results.get("hip_abduction")
        if not hip:
            QVBoxLayout(box).addWidget(_label(tr(self, NOT_ASSESSED), box, tone="caution"))
            return
        sides = [hip.get("left") or {}, hip.get("right") or {}]
        weaker = hip.get("weaker_side")
        weak_tone = "bad" if hip.get("asymmetry_band") == "marked" else "caution"
        flag = tuple(weak_tone if weaker == side and hip.get("asymmetry_band") in ("mild", "marked") else None
                     for side in ("left", "right"))
        if hip.get("method") == "mmt":
            grades = tuple(f"{s.get('label', '–')} ({s.get('description', '')})" if s else "–" for s in sides)
            self._side_grid(box, [(tr(self, "Manual muscle test grade"), grades, flag)])  # type: ignore[list-item]
        else:
            def row(name: str, key: str, unit: str, digits: int = 1) -> tuple[str, tuple[str, str], Any]:
                return name, tuple(labels.number(s.get(key), unit, digits) for s in sides), (None, None)  # type: ignore[return-value]

            peak = (tr(self, "Peak force"), tuple(labels.number(s.get("peak_force_n"), "N") for s in sides), flag)
            self._side_grid(
                box,
                [
                    peak,
                    row(tr(self, "Mean of trials"), "mean_force_n", "N"),
                    row(tr(self, "Trial variation (CV)"), "cv_pct", "%"),
                    row(tr(self, "Torque"), "torque_nm", "Nm"),
                    row(tr(self, "Torque per kg"), "torque_nm_per_kg", "Nm/kg", 2),
                    row(tr(self, "Force, % body weight"), "force_pct_bw", "%"),
                ],
            )  # type: ignore[list-item]
        grid: QGridLayout = box.layout()  # type: ignore[assignment]
        line = grid.rowCount()
        if hip.get("lsi_pct") is not None:
            band = hip.get("asymmetry_band")
            text = tr(self, "Symmetry (LSI) %1%: %2").arg(f"{hip['lsi_pct']:.1f}").arg(labels.band_text(band))
            if weaker and band in ("mild", "marked"):
                text += tr(self, ", %1 side weaker").arg(labels.side_label(weaker).lower())
            if hip.get("lsi_provisional"):
                text += tr(self, " (provisional)")
            grid.addWidget(_label(text, box, bold=True, tone=labels.ASYMMETRY_TONE.get(band or "")), line, 0, 1, 3)
            line += 1
        for warning in hip.get("cv_warnings") or ():
            grid.addWidget(_label(str(warning), box, tone="caution"), line, 0, 1, 3)
            line += 1

    def _outcomes(self, results: dict[str, Any]) -> None:
        box = self._section("outcomes", tr(self, "Pain and function"), self.right)
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        rows = [
            (tr(self, "Pain (NPRS)"), f"{results['nprs']}/10" if results.get("nprs") is not None else None),
            (
                tr(self, "Oswestry (ODI)"),
                None
                if results.get("odi_pct") is None
                else tr(self, "%1% (%2), %3 of 10 sections")
                .arg(f"{results['odi_pct']:.0f}")
                .arg(tr(self, labels.ODI_BAND.get(results.get("odi_band") or "", "")))
                .arg(results.get("odi_sections_answered") or 0),
            ),
            (
                tr(self, "Patient-specific scale (PSFS)"),
                None if results.get("psfs_mean") is None else tr(self, "mean %1/10").arg(f"{results['psfs_mean']:.1f}"),
            ),
        ]
        for row, (name, value) in enumerate(rows):
            grid.addWidget(_label(name, box), row, 0)
            grid.addWidget(_label(value or tr(self, NOT_ASSESSED), box, tone=None if value else "caution"), row, 1)

    def _weak_sides(self, results: dict[str, Any]) -> None:
        box = self._section("weak_sides", tr(self, "Weak side"), self.right)
        weak = results.get("weak_sides") or []
        assessed = bool(results.get("hip_abduction") or any((results.get("trendelenburg") or {}).values()))
        if weak:
            text = tr(self, "Weak: %1").arg(", ".join(labels.side_label(s).lower() for s in weak))
            tone = "bad"
        elif assessed:
            text, tone = tr(self, "No weak side found in the tests done"), "good"
        else:
            text, tone = tr(self, "Not assessed: no strength or Trendelenburg test recorded"), "caution"
        QVBoxLayout(box).addWidget(_label(text, box, bold=True, tone=tone))

    def _change(self, results: dict[str, Any]) -> None:
        change = results.get("change")
        if not change or not change.get("measures"):
            return
        box = self._section("change", tr(self, "Change since %1").arg(change.get("baseline_performed_on", "")),
                            self.right)
        grid = QGridLayout(box)
        grid.setColumnStretch(0, 1)
        tones = {"improved": "good", "worse": "bad", "worsened": "bad"}
        for row, item in enumerate(change["measures"]):
            before, after = labels.number(item.get("baseline"), "", 2), labels.number(item.get("current"), "", 2)
            grid.addWidget(_label(str(item.get("label", "")), box), row, 0)
            grid.addWidget(_label(f"{before} → {after} {item.get('unit') or ''}".strip(), box), row, 1)
            direction = str(item.get("direction", ""))
            grid.addWidget(_label(direction, box, bold=True, tone=tones.get(direction)), row, 2)

    def _program(self, results: dict[str, Any]) -> None:
        box = self._section("program", tr(self, "Exercise program"), self.right)
        layout = QVBoxLayout(box)
        if results.get("red_flag_block"):
            layout.addWidget(_label(tr(self, "None: urgent medical referral needed first."), box, bold=True,
                                    tone="bad"))
            return
        program = results.get("program")
        if not program:
            layout.addWidget(_label(tr(self, "None proposed yet."), box, tone="caution"))
            return
        layout.addWidget(_label(tr(self, "Starts at stage %1").arg(program.get("start_stage")), box, bold=True))
        library = self._library() if self._library else None
        for item in program.get("exercises") or ():
            row = QHBoxLayout()
            picture = QLabel(box)
            picture.setFixedSize(THUMB)
            pixmap = self._picture(item["id"]) if self._picture else None
            if pixmap is not None:
                picture.setPixmap(pixmap)
            row.addWidget(picture)
            name = exercise_title(item["id"], library)
            text = _label(f"<b>{name}</b><br>{tr(self, 'Stage %1').arg(item.get('stage'))}"
                          f"{' · ' + dose_text(item) if dose_text(item) else ''}", box)
            text.setAccessibleName(name)
            row.addWidget(text, 1)
            layout.addLayout(row)
