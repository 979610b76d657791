"""Lock the window after a quiet spell and ask for the clinic password again.

Only an encrypted data folder has a password, so only then does the lock
arm; on a clinic server it always arms, and locking also signs the person
out of the server (they sign in again with their own password). Locking
hides every window (no health information left on screen) but closes
nothing: forms and what was typed in them stay as they were. ``locking``
fires first so open editors write their drafts; signing out waits behind
those writes on the storage lane.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desktop.services.app_services import AppServices
from desktop.ui.safety import prompts
from desktop.ui.worker import mutate, query

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
    def armed(self) -> bool:
        return self.timer.isActive()

    def configure(self) -> None:
        """Arm (or disarm) from the current settings and encryption state (read off the GUI thread)."""
        self._task = query(lambda: self.security.idle_lock_applies() and self.settings.idle_lock_minutes(),
                           success=self._arm, owner=self)

    def _arm(self, minutes: int | bool) -> None:
        if minutes and not self.locked:
            self.timer.setInterval(int(minutes) * 60_000)
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
        if self.security.on_server:
            self._sign_out = mutate(self.security.sign_out, owner=self)  # after the drafts just queued
        QTimer.singleShot(0, self.ask_to_unlock)

    def _unlock_text(self) -> str:
        if self.security.on_server:
            return (f"Medius was locked after a quiet spell and signed you out of the clinic server. "
                    f"Enter your password to sign in again as {self.security.user_name}; nothing you typed is lost.")
        return "Medius was locked after a quiet spell. Enter the clinic password to continue."

    def ask_to_unlock(self, text: str | None = None) -> None:
        """Ask until the password is right (checked off the GUI thread); Cancel quits (drafts are written)."""
        if not self.locked:
            return
        password = prompts.ask_password(None, "Medius is locked", text or self._unlock_text())
        if password is None:
            log.info("quit from the lock screen")
            QApplication.quit()
            return

        def checked(right: bool) -> None:
            if right:
                self.unlock()
            elif self.security.on_server:
                self.ask_to_unlock(f"That password is not right. Enter your password to sign in again as "
                                   f"{self.security.user_name}.")
            else:
                self.ask_to_unlock("That password is not right. Enter the clinic password to continue.")

        def refused(error: BaseException) -> None:  # a disabled or locked account, or no server
            self.ask_to_unlock(f"Not signed in: {error}." if self.security.on_server else None)

        self._task = query(self.security.check_password, password, success=checked, owner=self, failure=refused)

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
