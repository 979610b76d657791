"""Lock the window after a quiet spell and ask for the clinic password again.

Only an encrypted data folder has a password, so only then does the lock
arm. Locking hides every window (no health information left on screen) but
closes nothing: forms, their drafts and background work stay as they were.
``locking`` fires first so open editors can write their drafts.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desktop.services.app_services import AppServices
from desktop.ui.safety import prompts

log = logging.getLogger(__name__)

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
             QEvent.Type.TouchBegin}
_current: IdleLock | None = None


def current_lock() -> IdleLock | None:
    """The application's idle lock, so Settings can re-read the idle time after a change."""
    return _current


class IdleLock(QObject):
    locking = Signal()
    unlocked = Signal()

    def __init__(self, services: AppServices, parent: QObject | None = None) -> None:
        global _current
        super().__init__(parent)
        self.settings = services.settings
        self.security = services.safety.security
        self.locked = False
        self._hidden: list[QWidget] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        _current = self
        self.configure()

    @property
    def minutes(self) -> int:
        return self.settings.idle_lock_minutes()

    @property
    def armed(self) -> bool:
        return self.timer.isActive()

    def configure(self) -> None:
        """Arm (or disarm) from the current settings and encryption state."""
        minutes = self.minutes
        if self.security.is_encrypted() and minutes > 0:
            self.timer.setInterval(minutes * 60_000)
            self.timer.start()
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not self.locked and event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        self.locking.emit()
        self._hidden = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        for widget in self._hidden:
            widget.hide()
        log.info("window locked after inactivity")
        QTimer.singleShot(0, self.ask_to_unlock)

    def ask_to_unlock(self) -> bool:
        """Ask until the password is right; Cancel quits (drafts are already written)."""
        text = "Medius was locked after a quiet spell. Enter the clinic password to continue."
        while self.locked:
            password = prompts.ask_password(None, "Medius is locked", text)
            if password is None:
                log.info("quit from the lock screen")
                QApplication.quit()
                return False
            if self.security.check_password(password):
                self.unlock()
                return True
            text = "That password is not right. Enter the clinic password to continue."
        return True

    def unlock(self) -> None:
        self.locked = False
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self.unlocked.emit()
        self.configure()

    def stop(self) -> None:
        global _current
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if _current is self:
            _current = None
