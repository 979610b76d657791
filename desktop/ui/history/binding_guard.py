"""Guard against a reference-count defect in the Qt binding on CPython 3.11.

With PySide6 6.12.0 on CPython 3.11, every call of a Qt method that returns
nothing drops one reference to ``None``, and emitting a signal drops one to
``True``. pyqtgraph paints in Python, so a few frames of charts make
thousands of such calls and the interpreter aborts ("none_dealloc:
deallocating None"). From CPython 3.12 these singletons are immortal and the
defect is harmless. The guard measures the leak and, only when it is present,
gives the singletons enough references that they can never reach zero.
"""

from __future__ import annotations

import ctypes
import sys

_PROBE_CALLS = 16
_RESERVE = 1 << 40
_applied = False


def singleton_references_leak() -> bool:
    """True when Qt calls lose references to None or True in this interpreter."""
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")
        probe.objectNameChanged.emit("probe")
    lost_none = none_before - sys.getrefcount(None)
    lost_true = true_before - sys.getrefcount(True)
    return max(lost_none, lost_true) >= _PROBE_CALLS // 2


def guard_singleton_refcounts() -> bool:
    """Apply the guard once if the defect is present; returns whether it was applied."""
    global _applied
    if _applied:
        return True
    if not singleton_references_leak():
        return False
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE
    _applied = True
    return True
