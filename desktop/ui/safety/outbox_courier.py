"""Deliver the visits kept on this laptop while the clinic server was away, as soon as it answers.

At start (they may wait from an earlier day) and then every few seconds, the
outbox is offered to the server off the GUI thread, in order with every other
write. What was delivered is said in the status bar, and ``delivered`` lets
an open editor learn the id its kept visit got.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.services.app_services import AppServices
from desktop.ui.worker import mutate

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
