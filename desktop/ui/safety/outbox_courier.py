"""Deliver the visits kept on this laptop while the clinic server was away, as soon as it answers.

At start (they may wait from an earlier day) and then every few seconds, the
outbox is offered to the server off the GUI thread, in order with every other
write. What was delivered is said in the status bar, and ``delivered`` lets
an open editor learn the id its kept visit got.

Visits kept under an earlier password (the person's password was changed or
reset since) cannot be opened with the new one: at start the courier says so
in plain words and offers to type the previous password to send them, or to
leave them for later (asked again at the next sign-in). Nothing is deleted.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.services.app_services import AppServices
from desktop.services.errors import plain_message
from desktop.ui.widgets import tr
from desktop.ui.worker import mutate, query

log = logging.getLogger(__name__)

DELIVERY_INTERVAL_MS = 15_000
_current: OutboxCourier | None = None


def current_courier() -> OutboxCourier | None:
    return _current


class OutboxCourier(QObject):
    delivered = Signal(object)  # services.outbox.Delivery

    def __init__(self, services: AppServices, window: Any, parent: QObject | None = None) -> None:
        global _current
        super().__init__(parent)
        self.visits = services.visits
        self.window = window
        self._busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(DELIVERY_INTERVAL_MS)
        self.timer.timeout.connect(self.deliver_now)
        _current = self

    def start(self) -> None:
        if self.visits.outbox is None:
            return
        self.timer.start()
        self.deliver_now()
        self._earlier_task = query(self.visits.sealed_earlier, owner=self, success=self._offer_earlier)

    def _offer_earlier(self, sealed: int) -> None:
        if not sealed:
            return
        self.earlier_dialog = EarlierOutboxDialog(self, self.window)
        self.earlier_dialog.open()

    def deliver_now(self) -> Any:
        if self._busy or self.visits.outbox is None:
            return None
        self._busy = True
        self._task = mutate(self.visits.deliver_outbox, owner=self, success=self._done, failure=self._failed)
        return self._task

    def _done(self, delivery: Any) -> None:
        self._busy = False
        if delivery.stored or delivery.conflicts:
            log.info("outbox delivered: %d stored, %d conflicts, %d waiting",
                     len(delivery.stored), len(delivery.conflicts), delivery.waiting)
            self.window.statusBar().showMessage(str(delivery), 60_000)
            self.delivered.emit(delivery)

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        log.warning("outbox not delivered: %s", type(error).__name__)

    def stop(self) -> None:
        global _current
        self.timer.stop()
        if _current is self:
            _current = None


class EarlierOutboxDialog(QDialog):
    """Visits kept on this laptop under the person's previous password: send them (with that
    password) or leave them for later. Opened with ``open()``; the work runs off the GUI thread."""

    def __init__(self, courier: OutboxCourier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.courier = courier
        self.task: Any = None
        self.setWindowTitle(tr(self, "Visits kept on this laptop"))
        self.setMinimumWidth(520)
        # Set aside whole as soon as the new password cannot open it, so it may hold no visit at all
        # (all of them delivered before the change): the text says "may", never that visits wait.
        text = QLabel(tr(self, "<p>Visits you saved on this laptop while the clinic server could not be reached "
                               "may still be waiting here to be sent. They are sealed with your <b>previous</b> "
                               "password, and your password has changed since, so Medius cannot open them "
                               "with the new one, nor tell whether any are waiting or how many.</p>"
                               "<p>Nothing has been deleted. Type your previous password to send them now, "
                               "or leave them for later: Medius asks again the next time you sign in.</p>"),
                      self)
        text.setWordWrap(True)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(tr(self, "Previous password"))
        self.password.setPlaceholderText(tr(self, "Previous password"))
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(self)
        self.send_button = self.buttons.addButton(tr(self, "&Send them"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton(tr(self, "&Leave for later"),
                                                   QDialogButtonBox.ButtonRole.RejectRole)
        self.send_button.clicked.connect(self.send)
        self.later_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.password)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.password.setFocus()

    def send(self) -> None:
        if self.task is not None and not self.task.done:
            return
        self.send_button.setEnabled(False)
        self.message.setText(tr(self, "Opening…"))
        self.message.show()
        self.task = mutate(self.courier.visits.open_sealed_earlier, self.password.text(), owner=self,
                           success=self._opened, failure=self._refused)

    def _opened(self, moved: int) -> None:
        self.password.clear()
        self.courier.window.statusBar().showMessage(
            tr(self, "%n visit(s) kept under your previous password now wait under your new one and are "
                     "being sent to the clinic server.", "", moved) if moved else
            tr(self, "No visit was waiting under your previous password; nothing more to send."), 60_000)
        self.courier.deliver_now()
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.send_button.setEnabled(True)
        self.password.selectAll()
        self.password.setFocus()
        self.message.setText(plain_message(error))
