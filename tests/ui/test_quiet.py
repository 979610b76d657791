"""ui.quiet.QuietMoment: deferred work waits for no input and no background work, then runs once."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.ui.quiet import QuietMoment
from desktop.ui.worker import query
from tests.ui.helpers import wait_for_storage


def test_runs_once_after_a_quiet_spell(qtbot: Any) -> None:
    calls: list[int] = []
    quiet = QuietMoment(lambda: calls.append(1), quiet_ms=20)
    qtbot.waitUntil(lambda: calls == [1], timeout=5000)
    qtbot.wait(60)
    assert calls == [1] and not quiet.pending


def test_waits_while_background_work_runs(qtbot: Any) -> None:
    calls: list[int] = []
    release = threading.Event()
    task = query(lambda: release.wait(10), success=lambda _done: None)
    quiet = QuietMoment(lambda: calls.append(1), quiet_ms=10_000)
    quiet._check()  # the spell is over, but a storage read is running
    assert calls == [] and quiet.pending
    release.set()
    wait_for_storage(qtbot)
    quiet._check()
    quiet._check()
    assert calls == [1] and not quiet.pending and task is not None


def test_typing_or_clicking_starts_the_spell_again_moving_the_mouse_does_not(qtbot: Any) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    quiet = QuietMoment(lambda: None, quiet_ms=10_000)
    qtbot.wait(120)
    before = quiet._timer.remainingTime()
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(3, 3), QPointF(3, 3), Qt.MouseButton.NoButton,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(field, move)
    assert quiet._timer.remainingTime() <= before
    QApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"))
    assert quiet._timer.remainingTime() > before
    quiet.cancel()


def test_cancelled_work_never_runs(qtbot: Any) -> None:
    calls: list[int] = []
    quiet = QuietMoment(lambda: calls.append(1), quiet_ms=20)
    quiet.cancel()
    qtbot.wait(80)
    quiet.run_now()
    assert calls == [] and not quiet.pending
