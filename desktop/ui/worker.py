"""The one background-work helper: run a callable off the GUI thread.

The callable receives plain inputs (and, if it asks for one, a ``progress``
callback taking a number 0-100 and a message) and never touches widgets.
Success, error and progress arrive on the GUI thread through queued signals,
so handlers may update the window freely.
"""

from __future__ import annotations

import inspect
import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, str)
    finished = Signal()


class Task(QRunnable):
    """One queued call. Keep a reference (``run_in_background`` returns it) while you wait."""

    def __init__(self, function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _Signals()
        self._function = function
        self._args = args
        self._kwargs = kwargs
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None

    def _progress(self, percent: int, message: str = "") -> None:
        self.signals.progressed.emit(int(percent), message)

    @Slot()
    def run(self) -> None:
        try:
            kwargs = dict(self._kwargs)
            try:
                wants_progress = "progress" in inspect.signature(self._function).parameters
            except (TypeError, ValueError):
                wants_progress = False
            if wants_progress:
                kwargs.setdefault("progress", self._progress)
            self.result = self._function(*self._args, **kwargs)
        except BaseException as error:  # noqa: BLE001 - delivered to the GUI thread, never lost
            self.error = error
            log.warning("background task failed: %s", "".join(traceback.format_exception_only(error)).strip())
            self.done = True
            self.signals.failed.emit(error)
        else:
            self.done = True
            self.signals.succeeded.emit(self.result)
        finally:
            self.signals.finished.emit()


_running: set[Task] = set()


def run_in_background(
    function: Callable[..., Any],
    *args: Any,
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, str], None] | None = None,
    pool: QThreadPool | None = None,
    **kwargs: Any,
) -> Task:
    """Queue ``function(*args, **kwargs)`` on a thread pool; callbacks run on the GUI thread."""
    task = Task(function, args, kwargs)
    # The signals object lives in the GUI thread, so connected callables run there (queued).
    if on_success is not None:
        task.signals.succeeded.connect(on_success)
    if on_error is not None:
        task.signals.failed.connect(on_error)
    if on_progress is not None:
        task.signals.progressed.connect(on_progress)
    _running.add(task)
    task.signals.finished.connect(lambda: _running.discard(task))
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def wait_for_all(timeout_ms: int = 30000) -> bool:
    """Block until every queued task has run (shutdown and tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
