"""The one background-work helper: storage and file work runs off the GUI thread.

Widgets never call a service that touches storage or files directly. They
start an operation and get the outcome back on the GUI thread:

- ``query(op, *args, success=..., failure=...)`` reads;
- ``mutate(op, *args, success=..., failure=...)`` writes, and afterwards
  ``activity.changed`` fires so views can re-read.

Both run on one storage lane, a single worker thread, so operations happen
in the order they were asked for (a draft is written before the visit that
replaces it; a list read after a save sees the save) and never race each
other for SQLite's one write lock. ``run_in_background`` runs other work
(CPU-heavy, or with progress) on the shared pool. The callable gets plain
inputs (and, if it asks for one, a ``progress`` callback taking a number
0-100 and a message) and never touches widgets. While any operation is
pending, ``activity.busy`` is true: the window shows a quiet indicator.
A success or failure callback whose widget has been deleted is skipped.
"""

from __future__ import annotations

import inspect
import logging
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, str)
    finished = Signal()


class Task(QRunnable):
    """One queued call. Keep a reference (every starter returns it) while you wait."""

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


class Activity(QObject):
    """Pending operations, for the busy indicator and for tests that wait for storage."""

    busy_changed = Signal(bool)
    changed = Signal()  # after every successful mutation

    def __init__(self) -> None:
        super().__init__()
        self.pending = 0

    @property
    def busy(self) -> bool:
        return self.pending > 0

    def _started(self) -> None:
        self.pending += 1
        if self.pending == 1:
            self.busy_changed.emit(True)

    def _ended(self) -> None:
        self.pending -= 1
        if self.pending == 0:
            self.busy_changed.emit(False)


_running: set[Task] = set()
_activity: Activity | None = None
_lane: QThreadPool | None = None


def activity() -> Activity:
    global _activity
    if _activity is None:
        _activity = Activity()
    return _activity


def storage_lane() -> QThreadPool:
    """The single thread every storage operation runs on, in order."""
    global _lane
    if _lane is None:
        _lane = QThreadPool()
        _lane.setMaxThreadCount(1)
        _lane.setExpiryTimeout(-1)
    return _lane


def _alive(owner: QObject | None) -> bool:
    return owner is None or shiboken6.isValid(owner)


def _guarded(owner: QObject | None, callback: Callable[[Any], None] | None) -> Callable[[Any], None] | None:
    if callback is None or owner is None:
        return callback

    def call(value: Any) -> None:
        if _alive(owner):
            callback(value)

    return call


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
    tracker = activity()
    tracker._started()

    def finished() -> None:
        _running.discard(task)
        tracker._ended()

    task.signals.finished.connect(finished)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def _log_failure(error: BaseException) -> None:
    log.warning("storage operation failed: %s", type(error).__name__)


def query(
    op: Callable[..., Any],
    *args: Any,
    success: Callable[[Any], None] | None = None,
    failure: Callable[[BaseException], None] | None = None,
    owner: QObject | None = None,
    **kwargs: Any,
) -> Task:
    """Read through a service on the storage lane; ``success(result)`` or ``failure(error)`` on the GUI thread.

    ``owner``: the widget the callbacks belong to; they are skipped once it is deleted.
    """
    return run_in_background(op, *args, on_success=_guarded(owner, success),
                             on_error=_guarded(owner, failure or _log_failure), pool=storage_lane(), **kwargs)


def mutate(
    op: Callable[..., Any],
    *args: Any,
    success: Callable[[Any], None] | None = None,
    failure: Callable[[BaseException], None] | None = None,
    owner: QObject | None = None,
    progress: Callable[[int, str], None] | None = None,
    **kwargs: Any,
) -> Task:
    """Write through a service on the storage lane; then ``activity().changed`` fires and ``success`` runs.

    ``progress(percent, message)`` runs on the GUI thread each time an ``op`` that takes a
    ``progress`` argument reports.
    """
    done = _guarded(owner, success)

    def succeeded(result: Any) -> None:
        activity().changed.emit()
        if done is not None:
            done(result)

    return run_in_background(op, *args, on_success=succeeded, on_error=_guarded(owner, failure or _log_failure),
                             on_progress=progress, pool=storage_lane(), **kwargs)


def is_idle() -> bool:
    """No operation queued or running (tests wait for this instead of sleeping)."""
    return not _running


def wait_for_all(timeout_ms: int = 30000) -> bool:
    """Block until every queued task has run (shutdown and tests)."""
    lane = storage_lane().waitForDone(timeout_ms)
    return QThreadPool.globalInstance().waitForDone(timeout_ms) and lane
