"""Deferred work that waits for a quiet moment: nobody typing or clicking, no background work running.

Warming up after start-up (opening the storage layer a quick start deferred,
loading the report code) holds the interpreter for a few hundred milliseconds
in all. Started the moment start-up is idle, it would compete with the first
thing the clinician asks for, such as a client's page; started in a quiet
moment, it runs while they read the list. Anything that needs it sooner does
not wait for the moment: it opens what it needs itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.ui.worker import is_idle

# Input that starts work; moving the mouse over the window does not.
_INPUT = {QEvent.Type.KeyPress, QEvent.Type.InputMethod, QEvent.Type.MouseButtonPress,
          QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel, QEvent.Type.TouchBegin}
QUIET_MS = 1500  # longer than a first client page takes to show, charts and all


class QuietMoment(QObject):
    """Calls ``callback`` once, after ``quiet_ms`` without input and with no background task running."""

    def __init__(self, callback: Callable[[], None], quiet_ms: int = QUIET_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._callback: Callable[[], None] | None = callback
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # the spell is the spell, not up to 5% more
        self._timer.setInterval(quiet_ms)
        self._timer.timeout.connect(self._check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer.start()

    @property
    def pending(self) -> bool:
        return self._callback is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if self._callback is not None and event.type() in _INPUT:
            self._timer.start()
        return False

    def _check(self) -> None:
        if not is_idle():
            self._timer.start()  # background work is running: it ends, then a quiet spell again
            return
        self.run_now()

    def run_now(self) -> None:
        """Run the deferred work now (once), quiet or not."""
        callback, self._callback = self._callback, None
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if callback is not None:
            callback()

    def cancel(self) -> None:
        self._callback = None
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
