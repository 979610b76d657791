"""Step 4: the standing Trendelenburg test, one stance leg at a time, with a 30-second timer."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QElapsedTimer, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.clinical.model import SIDES
from desktop.clinical.trendelenburg import HOLD_TARGET_S
from desktop.ui import labels
from desktop.ui.assessment.base import StepPage
from desktop.ui.assessment.pelvis_photo import PelvisPhotoPanel
from desktop.ui.toggle import ToggleButton
from desktop.ui.widgets import Choice, FormGrid, ReflowRow, TextEdit, heading, muted, set_tone, tr

if TYPE_CHECKING:
    from desktop.clinical.result_types import AssessmentResults
    from desktop.clinical.trendelenburg import TrendelenburgFinding


DISPLAY_INTERVAL_MS = 100  # ~10 Hz display; the hold time itself comes from QElapsedTimer.


def stance_figure_svg(stance: str, width: int = 180) -> str:
    """A simple back view: standing on ``stance``, the other foot lifted, pelvis level."""
    lift = "right" if stance == "left" else "left"
    # Viewed from behind: the client's left is on the viewer's left.
    sx, lx = (70, 110) if stance == "left" else (110, 70)
    height = int(width * 1.4)
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 180 252">
<title>Standing on the {stance} leg, {lift} foot lifted</title>
<g fill="none" stroke="#4a6fa5" stroke-width="9" stroke-linecap="round" stroke-linejoin="round">
<circle cx="90" cy="28" r="17" fill="#4a6fa5"/>
<line x1="90" y1="48" x2="90" y2="120"/>
<line x1="90" y1="62" x2="55" y2="108"/><line x1="90" y1="62" x2="125" y2="108"/>
<line x1="{sx}" y1="128" x2="{sx}" y2="238"/>
<line x1="{lx}" y1="128" x2="{lx}" y2="180"/><line x1="{lx}" y1="180" x2="{lx + (12 if lx > sx else -12)}" y2="200"/>
</g>
<line x1="52" y1="124" x2="128" y2="124" stroke="#c0392b" stroke-width="6" stroke-linecap="round"/>
<line x1="30" y1="244" x2="150" y2="244" stroke="#888" stroke-width="3"/>
<g font-size="13" fill="#c0392b" font-family="sans-serif">\
<text x="134" y="121">pelvis</text><text x="134" y="136">level</text></g>
</svg>"""


class TimerButton(QPushButton):
    """Space starts and stops at once on key press (not on release), like a stopwatch."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space:
            if not event.isAutoRepeat():
                self.click()
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space:
            event.accept()
            return
        super().keyReleaseEvent(event)


class HoldTimer(QFrame):
    """Big timer: Space or the big button starts it, and again records the drop.

    Stops on its own at the target (30 s): a negative test.
    """

    recorded = Signal(float, bool)  # hold seconds, elevation maximal
    running_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target_s = HOLD_TARGET_S
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(tr(self, "Hold timer"))
        self._clock = QElapsedTimer()
        self._tick = QTimer(self)
        self._tick.setInterval(DISPLAY_INTERVAL_MS)
        self._tick.timeout.connect(self._on_tick)
        self.time_label = QLabel("0.0 s", self)
        font = QFont(self.time_label.font())
        font.setPointSize(font.pointSize() * 4)
        font.setBold(True)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.time_label.setFont(font)
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.time_label.setAccessibleName(tr(self, "Elapsed hold time"))
        self.bar = QProgressBar(self)
        self.bar.setRange(0, int(self.target_s * 10))
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(tr(self, "Hold progress toward 30 seconds"))
        self.main_button = TimerButton(self)
        self.main_button.setMinimumHeight(self.fontMetrics().height() * 3)
        big = QFont(self.main_button.font())
        big.setPointSize(big.pointSize() + 4)
        big.setBold(True)
        self.main_button.setFont(big)
        self.main_button.clicked.connect(self.toggle)
        self.zero_button = QPushButton(tr(self, "Could not raise the pelvis (0 s)"), self)
        self.zero_button.setAccessibleName(tr(self, "Pelvis could not be raised maximally: positive immediately"))
        self.zero_button.clicked.connect(self.record_zero)
        self.reset_button = QPushButton(tr(self, "Reset timer"), self)
        self.reset_button.clicked.connect(self.reset)
        layout = QVBoxLayout(self)
        layout.addWidget(self.time_label)
        layout.addWidget(self.bar)
        layout.addWidget(self.main_button)
        small = QHBoxLayout()
        small.addWidget(self.zero_button)
        small.addWidget(self.reset_button)
        layout.addLayout(small)
        self.setFocusProxy(self.main_button)
        self._update_button()

    @property
    def running(self) -> bool:
        return self._tick.isActive()

    def elapsed_s(self) -> float:
        return self._clock.elapsed() / 1000.0 if self._clock.isValid() else 0.0

    def _update_button(self) -> None:
        if self.running:
            self.main_button.setText(tr(self, "Pelvis dropped  [Space]"))
            self.main_button.setAccessibleName(tr(self, "Pelvis dropped: stop and record the hold time"))
        else:
            self.main_button.setText(tr(self, "Start 30-second hold  [Space]"))
            self.main_button.setAccessibleName(tr(self, "Start the 30-second hold timer"))

    def toggle(self) -> None:
        if self.running:
            self.pelvis_dropped()
        else:
            self.start()

    def start(self) -> None:
        self._clock.start()
        self._tick.start()
        self.time_label.setText("0.0 s")
        self.bar.setValue(0)
        self._update_button()
        self.running_changed.emit(True)

    def _stop(self) -> float:
        elapsed = min(self.elapsed_s(), self.target_s)
        self._tick.stop()
        self._update_button()
        self.running_changed.emit(False)
        return elapsed

    def pelvis_dropped(self) -> None:
        """Record the time before the pelvis started to fall (Hardcastle & Nade 1985)."""
        if not self.running:
            return
        held = round(self._stop(), 1)
        self.show_time(held)
        self.recorded.emit(held, True)

    def record_zero(self) -> None:
        if self.running:
            self._stop()
        self.show_time(0.0)
        self.recorded.emit(0.0, False)

    def reset(self) -> None:
        if self.running:
            self._stop()
        self.show_time(None)

    def stop_silently(self) -> None:
        if self.running:
            self._stop()

    def show_time(self, seconds: float | None) -> None:
        self.time_label.setText("–" if seconds is None else f"{seconds:.1f} s")
        self.bar.setValue(0 if seconds is None else int(min(seconds, self.target_s) * 10))

    def _on_tick(self) -> None:
        elapsed = self.elapsed_s()
        if elapsed >= self.target_s:
            held = self._stop()
            self.show_time(held)
            self.recorded.emit(round(held, 1), True)
            return
        self.time_label.setText(f"{elapsed:.1f} s")
        self.bar.setValue(int(elapsed * 10))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.toggle()
            event.accept()
            return
        super().keyPressEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(360, 260)


class TrendelenburgPage(StepPage):
    key = "trendelenburg"

    def title(self) -> str:
        return tr(self, "Trendelenburg test")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = "left"
        self._sides: dict[str, dict[str, Any]] = {}

        self.side_buttons = QButtonGroup(self)
        side_row = QHBoxLayout()
        self.left_button = ToggleButton(tr(self, "&Left stance"), self)
        self.right_button = ToggleButton(tr(self, "Righ&t stance"), self)
        for code, button in (("left", self.left_button), ("right", self.right_button)):
            button.setAccessibleName(tr(self, "Test standing on the %1 leg").arg(labels.side_label(code).lower()))
            self.side_buttons.addButton(button)
            button.clicked.connect(lambda _=False, c=code: self.select_side(c))
            side_row.addWidget(button)
        side_row.addStretch(1)
        self.left_button.setChecked(True)

        from PySide6.QtSvgWidgets import QSvgWidget

        self.figure = QSvgWidget(self)
        self.figure.setFixedSize(120, 168)
        self.figure.setAccessibleName(tr(self, "Illustration of the test position"))
        self.instructions = QLabel(self)
        self.instructions.setWordWrap(True)
        self.instructions.setTextFormat(Qt.TextFormat.RichText)
        instruction_box = QGroupBox(tr(self, "How to test"), self)
        ib = QHBoxLayout(instruction_box)
        ib.addWidget(self.figure)
        ib.addWidget(self.instructions, 1)

        self.timer = HoldTimer(self)
        self.timer.recorded.connect(self._on_recorded)

        self.result_label = QLabel("", self)
        self.result_label.setWordWrap(True)
        font = QFont(self.result_label.font())
        font.setPointSize(font.pointSize() + 2)
        font.setBold(True)
        self.result_label.setFont(font)
        self.result_label.setAccessibleName(tr(self, "Result for this stance leg"))
        self.both_label = muted("", self)

        self.maximal = QCheckBox(tr(self, "Pelvis raised &maximally on the lifted side"), self)
        self.hold = TextEdit(tr(self, "Hold time in seconds"), self, placeholder="s", width_chars=6)
        self.lean = Choice(tr(self, "Trunk lean over the stance leg"), labels.options(labels.TRUNK_LEANS), self)
        self.pain = TextEdit(tr(self, "Pain during the hold, 0 to 10"), self, placeholder="0–10", width_chars=4)
        self.pain_location = TextEdit(tr(self, "Pain location"), self)
        self.support = Choice(tr(self, "Support used"), labels.options(labels.SUPPORTS), self)
        self.trick = Choice(tr(self, "Trick movement"), labels.options(labels.TRICKS), self)
        self.invalid = Choice(tr(self, "Test validity"), labels.options(labels.INVALID_REASONS), self)
        self.drop_deg = TextEdit(tr(self, "Measured pelvic drop in degrees"), self, placeholder="°", width_chars=5)
        self.drop_cm = TextEdit(tr(self, "Measured pelvic drop in centimetres"), self, placeholder="cm", width_chars=5)
        self.drop_method = Choice(tr(self, "Drop measurement method"), labels.options(labels.DROP_METHODS), self)
        self.gait = Choice(tr(self, "Gait observation"), labels.options(labels.GAIT), self)
        grid = FormGrid()
        grid.add("hold_s", tr(self, "&Hold time (s)"), self.hold)
        grid.add("elevation_maximal", "", self.maximal)
        grid.add("trunk_lean", tr(self, "Trunk l&ean"), self.lean)
        grid.add("pain_nprs", tr(self, "Pain (0–10)"), self.pain)
        grid.add("pain_location", tr(self, "Pain location"), self.pain_location)
        grid.add("support", tr(self, "Support"), self.support)
        grid.add("trick_movement", tr(self, "Trick movement"), self.trick)
        grid.add("invalid_reason", tr(self, "&Validity"), self.invalid)
        drop_row = QWidget(self)
        dr = QHBoxLayout(drop_row)
        dr.setContentsMargins(0, 0, 0, 0)
        dr.addWidget(self.drop_deg)
        dr.addWidget(QLabel("°"))
        dr.addWidget(self.drop_cm)
        dr.addWidget(QLabel("cm"))
        dr.addWidget(self.drop_method, 1)
        grid.add("pelvic_drop", tr(self, "Measured drop"), drop_row)
        grid.add("gait_observation", tr(self, "&Gait"), self.gait)
        self._grid_fields = grid.fields
        observations = QGroupBox(tr(self, "Observations"), self)
        observations.setLayout(grid)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title(), self))
        layout.addLayout(side_row)
        test_column = QWidget(self)
        left_col = QVBoxLayout(test_column)
        left_col.setContentsMargins(0, 0, 0, 0)
        left_col.addWidget(instruction_box)
        left_col.addWidget(self.timer)
        left_col.addWidget(self.result_label)
        left_col.addWidget(self.both_label)
        left_col.addStretch(1)
        layout.addWidget(ReflowRow([test_column, observations], (5, 4), self), 1)
        self.photo_panel = PelvisPhotoPanel(self)
        self.photo_panel.setMinimumHeight(520)
        self.photo_panel.changed.connect(self._photo_changed)
        layout.addWidget(self.photo_panel, 1)

        self.hold.textChanged.connect(lambda _text: self._show_typed_hold())  # typed or filled in
        for edit in (self.hold, self.pain, self.pain_location, self.drop_deg, self.drop_cm):
            edit.edited.connect(self._observations_changed)
        for choice in (self.lean, self.support, self.trick, self.invalid, self.drop_method, self.gait):
            choice.edited.connect(self._observations_changed)
        self.maximal.toggled.connect(self._observations_changed)
        self.setTabOrder(self.left_button, self.right_button)
        self.setTabOrder(self.right_button, self.timer.main_button)
        self.setTabOrder(self.timer.main_button, self.timer.zero_button)
        self.setTabOrder(self.timer.zero_button, self.timer.reset_button)
        self.setTabOrder(self.timer.reset_button, self.hold)
        self._show_instructions()

    # -- side handling ------------------------------------------------------------

    def _show_instructions(self) -> None:
        side = self.current
        other = "right" if side == "left" else "left"
        self.figure.load(stance_figure_svg(side).encode("utf-8"))
        self.instructions.setText(tr(self, 
            "<b>Standing on the {side} leg.</b> Stand behind the client.<ol>"
            "<li>Lift the {other} foot: that hip between 0° and 30° flexion, knee bent just enough to clear "
            "the floor.</li>"
            "<li>Raise the {other} side of the pelvis as high as possible, keeping the trunk upright over the "
            "{side} foot.</li>"
            "<li>Hold for 30 seconds. Press <b>Space</b> to start; press it again the moment the pelvis starts "
            "to drop.</li></ol>"
            "Balance: a stick in the {side} hand only, or steady the shoulders."
        ).format(side=labels.side_label(side).lower(), other=labels.side_label(other).lower()))

    def select_side(self, side: str) -> None:
        if side == self.current:
            return
        self.timer.stop_silently()
        self._sides[self.current] = self._dump_side()
        self.current = side
        (self.left_button if side == "left" else self.right_button).setChecked(True)
        self._loading = True
        try:
            self._load_side(self._sides.get(side) or {})
        finally:
            self._loading = False
        self._show_instructions()
        self.refreshed.emit()
        self.timer.main_button.setFocus()

    def _load_side(self, s: dict[str, Any]) -> None:
        self.hold.setText(s.get("hold_s", ""))
        self.maximal.setChecked(s.get("elevation_maximal", True))
        self.lean.set_value(s.get("trunk_lean") or "none")
        self.pain.setText(s.get("pain_nprs", ""))
        self.pain_location.setText(s.get("pain_location", ""))
        self.support.set_value(s.get("support", ""))
        self.trick.set_value(s.get("trick_movement", ""))
        self.invalid.set_value(s.get("invalid_reason", ""))
        self.drop_deg.setText(s.get("pelvic_drop_deg", ""))
        self.drop_cm.setText(s.get("pelvic_drop_cm", ""))
        self.drop_method.set_value(s.get("drop_method", ""))
        self.gait.set_value(s.get("gait_observation", ""))
        self.photo_panel.load_side(self.current, s.get("photo"))
        self._show_photo_drop()
        self._show_typed_hold()

    def _show_typed_hold(self) -> None:
        """A hold typed rather than timed shows on the big display as well ("–" while unreadable)."""
        if self.timer.running:
            return
        try:
            seconds: float | None = float(self.hold.text().strip())
        except ValueError:
            seconds = None
        self.timer.show_time(seconds if seconds is not None and 0 <= seconds < math.inf else None)

    def _dump_side(self) -> dict[str, Any]:
        return {
            "hold_s": self.hold.text(),
            "elevation_maximal": self.maximal.isChecked(),
            "trunk_lean": self.lean.value() or "none",
            "pain_nprs": self.pain.text(),
            "pain_location": self.pain_location.text(),
            "support": self.support.value(),
            "trick_movement": self.trick.value(),
            "invalid_reason": self.invalid.value(),
            "pelvic_drop_deg": self.drop_deg.text(),
            "pelvic_drop_cm": self.drop_cm.text(),
            "drop_method": self.drop_method.value(),
            "gait_observation": self.gait.value(),
            "photo": self.photo_panel.dump(),
        }

    def set_photo_context(self, service: Any, client_id: int | None, draft_key: str | None,
                          assessment_id: int | None, threshold_deg: float | None) -> None:
        """Where this visit's photos are kept (its draft and saved visit); the clinic threshold."""
        self.photo_panel.set_context(service, client_id, draft_key, assessment_id, threshold_deg)

    def _show_photo_drop(self) -> None:
        """A photo measurement replaces a typed angle: the method reads "photo"."""
        photo = self.photo_panel.measured()
        measured = photo is not None and photo.landmarks is not None
        if measured:
            self.drop_deg.setText("")
            self.drop_method.set_value("photo")
        self.drop_deg.setEnabled(not measured)
        self.drop_deg.setPlaceholderText(tr(self, "photo") if measured else "°")

    def _photo_changed(self) -> None:
        self._show_photo_drop()
        self._changed()

    def _on_recorded(self, seconds: float, maximal: bool) -> None:
        self.hold.setText(f"{seconds:g}")
        self.maximal.setChecked(maximal)
        self._changed()

    def _observations_changed(self) -> None:
        self._changed()

    # -- StepPage ------------------------------------------------------------------

    def _load(self, s: dict[str, Any]) -> None:
        self.timer.stop_silently()
        self._sides = {"left": dict(s.get("left") or {}), "right": dict(s.get("right") or {})}
        self.current = s.get("current") or "left"
        (self.left_button if self.current == "left" else self.right_button).setChecked(True)
        self._load_side(self._sides[self.current])
        self._show_instructions()

    def dump(self) -> dict[str, Any]:
        self._sides[self.current] = self._dump_side()
        return {"left": dict(self._sides.get("left") or {}), "right": dict(self._sides.get("right") or {}),
                "current": self.current}

    def show_problems(self, by_path: dict[str, str]) -> None:
        prefix = f"trendelenburg.{self.current}."
        mine = {p[len(prefix):]: msg for p, msg in by_path.items() if p.startswith(prefix)}
        mine["pelvic_drop"] = mine.get("pelvic_drop_deg") or mine.get("pelvic_drop_cm") or ""
        for name, field in self._grid_fields.items():
            field.error.show_message(mine.get(name))
        other = "right" if self.current == "left" else "left"
        if any(p.startswith(f"trendelenburg.{other}.") for p in by_path):
            self.both_label.setText(
                tr(self, "The %1 stance test has a problem to correct.").arg(labels.side_label(other).lower())
            )

    def set_results(self, results: AssessmentResults | None, context: dict[str, Any]) -> None:
        found = {side: (results.trendelenburg.side(side) if results is not None else None) for side in SIDES}
        current = found[self.current]  # type: ignore[index]
        self.result_label.setText(self._result_sentence(self.current, current))
        tone = labels.TRENDELENBURG_TONE.get(current.result) if current is not None else None
        set_tone(self.result_label, tone)
        lines = []
        for side in SIDES:
            lines.append(f"{labels.side_label(side)} {tr(self, 'stance')}: {labels.trendelenburg_text(found[side])}")
        weak = results.weak_sides if results is not None else ()
        positive = [s for s in SIDES if (f := found[s]) is not None and f.weak_side]
        if positive:
            lines.append(
                tr(self, "Weak side (Trendelenburg): %1").arg(", ".join(labels.side_label(s).lower() for s in positive))
            )
        elif weak:
            lines.append(tr(self, "Weak side overall: %1").arg(", ".join(labels.side_label(s).lower() for s in weak)))
        self.both_label.setText(" · ".join(lines))

    def _result_sentence(self, side: str, result: TrendelenburgFinding | None) -> str:
        if result is None:
            return tr(self, "%1 stance: not tested yet").arg(labels.side_label(side))
        text = f"{labels.side_label(side)} {tr(self, 'stance')}: {labels.trendelenburg_text(result)}"
        if result.weak_side:
            text += tr(self, " — %1 hip abductors weak; the pelvis drops on the %2 side").arg(
                labels.side_label(result.weak_side).lower()).arg(labels.side_label(result.pelvic_drop_side).lower())
        elif result.result == "negative":
            text += tr(self, " — pelvis held level")
        for note in result.notes:
            text += "\n" + note
        return text

    def first_focus(self) -> QWidget | None:
        return self.timer.main_button

    def hideEvent(self, event: Any) -> None:  # noqa: N802
        self.timer.stop_silently()
        super().hideEvent(event)
