"""Live dynamometer capture on the strength step: choose a device, tare, record trials.

:class:`CaptureSession` owns the device and the trial flow (countdown, automatic
start and end by threshold with a manual stop, rest timer); device calls that
may block run on the background helper. :class:`CapturePanel` lays out the
controls and the live plot and hands finished trials to the strength page.
Typed entry stays available beside it for devices without an open protocol.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.devices.base import BatteryStatus, DeviceError, ForceSource
from desktop.devices.csv_file import ForceFileError
from desktop.devices.registry import DRIVERS, open_source
from desktop.devices.trial import DEFAULT_THRESHOLD_N, MAX_TRIAL_S, CapturedTrial, TrialRecorder
from desktop.services.capture import ImportedCurve, read_force_csv
from desktop.ui import dialogs, labels
from desktop.ui.assessment.live_plot import LiveForcePlot
from desktop.ui.widgets import muted, set_tone, tr
from desktop.ui.worker import run_in_background

FRAME_MS = 16  # about 60 frames a second; acquisition runs on the device's own thread
COUNTDOWN_S = 3
# clinical-reference §2.3: 30-60 s between maximal isometric efforts is common practice [U].
DEFAULT_REST_S = 30

SourceFactory = Callable[[str, str | None], ForceSource]


class CaptureSession(QObject):
    """The trial flow: disconnected → ready → countdown → recording → rest → ready."""

    status = Signal(str, str)  # message, tone (None-like "" for plain)
    state_changed = Signal(str)
    trial_captured = Signal(str, object)  # side, CapturedTrial
    trial_discarded = Signal(str)  # why
    frame = Signal()  # after each display tick

    def __init__(
        self, parent: QObject | None = None, *, source_factory: SourceFactory | None = None
    ) -> None:
        super().__init__(parent)
        self.source_factory: SourceFactory = source_factory or open_source
        self.source: ForceSource | None = None
        self.state = "disconnected"
        self.side = "left"
        self.rest_s = DEFAULT_REST_S
        self.countdown_s = COUNTDOWN_S
        self.threshold_n = DEFAULT_THRESHOLD_N
        self.max_trial_s = MAX_TRIAL_S
        self.recorder: TrialRecorder | None = None
        self._cursor = 0
        self._deadline = 0.0
        self._tasks: list[Any] = []
        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.tick)

    # -- device --------------------------------------------------------------
    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)

    def _background(
        self,
        function: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        task = run_in_background(function, on_success=done, on_error=failed)
        self._tasks = [t for t in self._tasks if not t.done] + [task]

    def connect_device(self, driver_name: str, address: str | None) -> None:
        if self.state not in ("disconnected",):
            return
        try:
            source = self.source_factory(driver_name, address or None)
        except KeyError as exc:
            self.status.emit(str(exc.args[0]), "bad")
            return
        self.source = source
        self._set_state("connecting")
        self.status.emit(tr(self, "Connecting to %1…").arg(DRIVERS[driver_name].label), "info")
        self._background(
            lambda: _connect_and_read_battery(source), self._connected, self._connect_failed
        )

    def _connected(self, battery: BatteryStatus | None) -> None:
        if self.source is None:
            return
        self._set_state("ready")
        note = tr(self, " · battery %1").arg(battery.describe()) if battery else ""
        self.status.emit(
            tr(self, "Connected%1. Tare with no load, then record a trial.").arg(note), "good"
        )
        self.timer.start()

    def _connect_failed(self, error: BaseException) -> None:
        self.source = None
        self._set_state("disconnected")
        self.status.emit(_device_message(error), "bad")

    def disconnect_device(self) -> None:
        source, self.source = self.source, None
        self.timer.stop()
        if self.state in ("countdown", "starting", "recording"):
            self.trial_discarded.emit(tr(self, "The trial in progress was discarded."))
        self.recorder = None
        self._set_state("disconnected")
        if source is not None:
            self._background(source.disconnect, lambda _r: None, lambda _e: None)
        self.status.emit(tr(self, "Disconnected."), "")

    def tare(self) -> None:
        if self.source is None or self.state not in ("ready", "rest"):
            return
        self.status.emit(tr(self, "Taring: keep the dynamometer still and unloaded…"), "info")
        self._background(
            self.source.tare,
            lambda _r: self.status.emit(tr(self, "Tared."), "good"),
            lambda e: self.status.emit(_device_message(e), "bad"),
        )

    # -- trials ----------------------------------------------------------------
    def record(self) -> None:
        """Start the countdown (also cuts the rest short: the clinician decides)."""
        if self.source is None or self.state not in ("ready", "rest"):
            return
        self.source.prepare_trial(self.side)
        self._deadline = time.monotonic() + self.countdown_s
        self._set_state("countdown")
        self.tick()

    def _begin(self) -> None:
        assert self.source is not None
        self._set_state("starting")
        self.recorder = TrialRecorder(threshold_n=self.threshold_n, max_trial_s=self.max_trial_s)
        self._cursor = 0
        self._background(self.source.start, lambda _r: self._started(), self._start_failed)

    def _started(self) -> None:
        if self.state != "starting":
            return
        self._cursor = 0
        self._set_state("recording")
        self.status.emit(
            tr(self, "Push now: the trial ends by itself when the force drops."), "info"
        )

    def _start_failed(self, error: BaseException) -> None:
        self.recorder = None
        if self.source is not None and self.source.connected:
            self._set_state("ready")
        self.status.emit(_device_message(error), "bad")

    def stop_trial(self) -> None:
        """Manual end: keep what was recorded if a push was seen."""
        if self.state == "countdown":
            self._set_state("ready")
            self.status.emit(tr(self, "Countdown cancelled."), "")
        elif self.state == "recording" and self.recorder is not None:
            self._read()
            self.recorder.finish("manual")
            self._finish()

    def _read(self) -> None:
        if self.source is None or self.recorder is None:
            return
        block = self.source.buffer.read_since(self._cursor)
        self._cursor = block.start_index + len(block)
        self.recorder.add(block)

    def _finish(self) -> None:
        source, recorder = self.source, self.recorder
        assert source is not None and recorder is not None
        self._background(
            source.stop, lambda _r: None, lambda e: self.status.emit(_device_message(e), "bad")
        )
        trial = recorder.result()
        if trial is None:
            self._set_state("ready")
            self.status.emit(
                tr(self, "No push above %1 N was seen: nothing recorded. Record again.").arg(
                    f"{self.threshold_n:g}"
                ),
                "caution",
            )
            return
        self.trial_captured.emit(self.side, trial)
        self._deadline = time.monotonic() + self.rest_s
        self._set_state("rest")
        self.tick()

    def _lost(self, message: str) -> None:
        in_trial = self.state in ("countdown", "starting", "recording")
        self.timer.stop()
        if self.source is not None:  # close the port or Bluetooth loop the dead link left open
            self._background(self.source.disconnect, lambda _r: None, lambda _e: None)
        self.source = None
        self.recorder = None
        self._set_state("disconnected")
        if in_trial:
            text = tr(
                self,
                "%1 The trial in progress was discarded; trials already recorded are kept. "
                "Reconnect and record it again.",
            ).arg(message)
            self.trial_discarded.emit(text)
        else:
            text = tr(self, "%1 Trials already recorded are kept; reconnect to go on.").arg(message)
        self.status.emit(text, "bad")

    def tick(self) -> None:
        source = self.source
        if source is not None:
            for event in source.drain_events():
                if event.kind == "disconnected":
                    self._lost(event.message)
                    return
                if event.kind == "low_power":
                    self.status.emit(event.message, "caution")
        now = time.monotonic()
        if self.state == "countdown":
            left = self._deadline - now
            if left <= 0:
                self._begin()
            else:
                self.status.emit(tr(self, "Get ready: %1…").arg(int(left) + 1), "info")
        elif self.state == "recording" and self.recorder is not None:
            self._read()
            if self.recorder.state == "done":
                self._finish()
        elif self.state == "rest":
            left = self._deadline - now
            if left <= 0:
                self._set_state("ready")
                self.status.emit(tr(self, "Rested. Record the next trial when ready."), "good")
            else:
                self.status.emit(
                    tr(self, "Rest %1 s before the next trial (or record now).").arg(int(left) + 1),
                    "",
                )
        self.frame.emit()


def _connect_and_read_battery(source: ForceSource) -> BatteryStatus | None:
    """Runs off the GUI thread: both may wait seconds for a Bluetooth device."""
    source.connect()
    try:
        return source.battery()
    except DeviceError:
        return None  # a device that cannot say its battery level still measures


def _device_message(error: BaseException) -> str:
    if isinstance(error, DeviceError):
        return str(error)
    return QObject().tr(
        "The dynamometer did not respond. Check it is on and connected, then try again."
    )


class CapturePanel(QGroupBox):
    """Controls and live plot; captured trials go to ``on_trial(side, trial)``."""

    def __init__(
        self, parent: QWidget | None = None, *, session: CaptureSession | None = None
    ) -> None:
        super().__init__(tr(self, "Live capture"), parent)
        self.session = session or CaptureSession(self)
        self.session.setParent(self)
        self.device = QComboBox(self)
        self.device.setAccessibleName(tr(self, "Dynamometer"))
        for name, driver in DRIVERS.items():
            self.device.addItem(tr(self, driver.label), name)
        self.address = QLineEdit(self)
        self.address.setPlaceholderText(tr(self, "address or port (optional)"))
        self.address.setAccessibleName(tr(self, "Device address or port"))
        self.connect_button = QPushButton(tr(self, "Connect"), self)
        self.tare_button = QPushButton(tr(self, "Tare"), self)
        self.side_left = QRadioButton(labels.side_label("left"), self)
        self.side_right = QRadioButton(labels.side_label("right"), self)
        self.side_left.setChecked(True)
        sides = QButtonGroup(self)
        sides.addButton(self.side_left)
        sides.addButton(self.side_right)
        self.record_button = QPushButton(tr(self, "Record trial"), self)
        self.stop_button = QPushButton(tr(self, "Stop trial"), self)
        self.import_button = QPushButton(tr(self, "Import curve (CSV)…"), self)
        self.import_button.setToolTip(
            tr(
                self,
                "A force-time file exported by a device: time_s and force "
                "(force_n, force_kgf or force_lbf)",
            )
        )
        self.rest = QSpinBox(self)
        self.rest.setRange(0, 300)
        self.rest.setValue(self.session.rest_s)
        self.rest.setSuffix(" s")
        self.rest.setAccessibleName(tr(self, "Rest between trials in seconds"))
        self.status = QLabel(
            tr(self, "Choose a dynamometer and connect. Typed trials work without one."), self
        )
        self.status.setWordWrap(True)
        self.status.setAccessibleName(tr(self, "Capture status"))
        self.plot = LiveForcePlot(self)
        self.plot.setMinimumHeight(200)
        self.summary = muted("", self)
        self._on_trial: Callable[[str, CapturedTrial], None] | None = None
        self._history: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {"left": [], "right": []}

        top = QHBoxLayout()
        top.addWidget(QLabel(tr(self, "Device"), self))
        top.addWidget(self.device, 2)
        top.addWidget(self.address, 2)
        top.addWidget(self.connect_button)
        top.addWidget(self.tare_button)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr(self, "Side"), self))
        row.addWidget(self.side_left)
        row.addWidget(self.side_right)
        row.addSpacing(12)
        row.addWidget(self.record_button)
        row.addWidget(self.stop_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        rest_label = QLabel(tr(self, "Rest"), self)
        rest_label.setBuddy(self.rest)
        row.addWidget(rest_label)
        row.addWidget(self.rest)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.summary)

        self.connect_button.clicked.connect(self._connect_clicked)
        self.tare_button.clicked.connect(self.session.tare)
        self.record_button.clicked.connect(self._record_clicked)
        self.stop_button.clicked.connect(self.session.stop_trial)
        self.import_button.clicked.connect(self._import_clicked)
        self.rest.valueChanged.connect(lambda value: setattr(self.session, "rest_s", int(value)))
        self.side_left.toggled.connect(self._side_changed)
        self.session.status.connect(self._show_status)
        self.session.state_changed.connect(self._state_changed)
        self.session.trial_captured.connect(self._captured)
        self.session.trial_discarded.connect(self._discarded)
        self.session.frame.connect(self._draw)
        self._state_changed("disconnected")

    def set_trial_handler(
        self, handler: Callable[[str, CapturedTrial], None], unit: Callable[[], str] | None = None
    ) -> None:
        self._on_trial = handler
        if unit is not None:
            self.unit_for_import = unit

    def unit_for_import(self) -> str:
        """The unit a file without one in its header is read in (the test's recorded unit)."""
        return "N"

    def side(self) -> str:
        return "right" if self.side_right.isChecked() else "left"

    def _side_changed(self) -> None:
        self.session.side = self.side()
        self.plot.set_side(self.side())
        self.plot.set_history(self._history[self.side()])
        self.plot.mark_peak(None, None)
        self.plot.show_live(np.zeros(0), np.zeros(0))

    def _connect_clicked(self) -> None:
        if self.session.state == "disconnected":
            self.session.connect_device(str(self.device.currentData()), self.address.text().strip())
        else:
            self.session.disconnect_device()

    def _record_clicked(self) -> None:
        self.plot.mark_peak(None, None)
        self.plot.show_live(np.zeros(0), np.zeros(0))
        self.plot.set_history(self._history[self.side()])
        self.session.side = self.side()
        self.session.record()

    def _show_status(self, text: str, tone: str) -> None:
        self.status.setText(text)
        set_tone(self.status, tone or None)

    def _state_changed(self, state: str) -> None:
        connected = state not in ("disconnected", "connecting")
        busy = state in ("countdown", "starting", "recording")
        self.connect_button.setText(tr(self, "Disconnect") if connected else tr(self, "Connect"))
        self.connect_button.setEnabled(state != "connecting")
        self.device.setEnabled(state == "disconnected")
        self.address.setEnabled(state == "disconnected")
        self.tare_button.setEnabled(state in ("ready", "rest"))
        self.record_button.setEnabled(state in ("ready", "rest"))
        self.record_button.setText(
            tr(self, "Record now") if state == "rest" else tr(self, "Record trial")
        )
        self.stop_button.setEnabled(busy)
        self.import_button.setEnabled(not busy)
        self.side_left.setEnabled(not busy)
        self.side_right.setEnabled(not busy)
        recorder = self.session.recorder
        if state == "recording" and recorder is not None and recorder.rest_n is not None:
            self.plot.set_threshold(recorder.rest_n + recorder.threshold_n)
        elif not busy:
            self.plot.set_threshold(None)

    def _draw(self) -> None:
        recorder = self.session.recorder
        if self.session.state != "recording" or recorder is None or recorder.count == 0:
            return
        times, forces = recorder.samples()
        self.plot.show_live(times, forces)
        if recorder.rest_n is not None:
            self.plot.set_threshold(recorder.rest_n + recorder.threshold_n)
            if recorder.onset_s is not None:
                index = int(np.argmax(forces))
                self.plot.mark_peak(
                    float(times[index]), float(forces[index]), f"{forces[index]:.0f} N"
                )

    def _captured(self, side: str, trial: CapturedTrial) -> None:
        times = np.arange(trial.force_n.shape[0]) / trial.rate_hz
        index = int(np.argmax(trial.force_n))
        self.plot.show_live(times, trial.force_n)
        self.plot.mark_peak(
            float(times[index]), float(trial.force_n[index]), f"{trial.peak_n:.1f} N"
        )
        self._history[side].append((times, trial.force_n))
        self.plot.set_history(self._history[side][:-1])
        if self._on_trial is not None:
            self._on_trial(side, trial)
        count = len(self._history[side])
        self.summary.setText(
            tr(self, "%1: %2 trial(s) captured this visit, last peak %3 N.")
            .arg(labels.side_label(side))
            .arg(count)
            .arg(f"{trial.peak_n:.1f}")
        )

    def _import_clicked(self) -> None:
        path = dialogs.choose_open_file(
            self,
            tr(self, "Import a force-time curve"),
            tr(self, "Force-time files (*.csv *.txt);;All files (*)"),
        )
        if path is None:
            return
        side, unit = self.side(), self.unit_for_import()
        self._show_status(tr(self, "Reading %1…").arg(path.name), "info")
        self._import_task = run_in_background(
            read_force_csv,
            path,
            fallback_unit=unit,
            on_success=lambda curve: self._imported(side, curve, path.name),
            on_error=lambda error: self._show_status(
                tr(self, "%1 was not imported: %2")
                .arg(path.name)
                .arg(
                    str(error)
                    if isinstance(error, ForceFileError)
                    else tr(self, "the file could not be read")
                ),
                "bad",
            ),
        )

    def _imported(self, side: str, curve: ImportedCurve, name: str) -> None:
        trial = CapturedTrial(curve.rate_hz, curve.force_n, "imported")
        self._show_status(
            tr(self, "%1 imported as a %2 trial (peak %3 N).")
            .arg(name)
            .arg(labels.side_label(side).lower())
            .arg(f"{trial.peak_n:.1f}"),
            "good",
        )
        self._captured(side, trial)

    def _discarded(self, message: str) -> None:
        self.plot.mark_peak(None, None)
        self.plot.show_live(np.zeros(0), np.zeros(0))

    def clear_visit(self) -> None:
        """Another visit opened: forget this one's curves (the device stays connected)."""
        self._history = {"left": [], "right": []}
        self.plot.set_history([])
        self.plot.mark_peak(None, None)
        self.plot.show_live(np.zeros(0), np.zeros(0))
        self.plot.reset_scale()
        self.summary.setText("")

    def shutdown(self) -> None:
        """Release the device when the editor closes."""
        if self.session.source is not None:
            self.session.disconnect_device()
