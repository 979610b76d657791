"""Settle late imports: drop their source text, and keep the collector from rescanning them.

Once PySide6 is imported, its import hook reads the source of every Python
module imported afterwards (to look for ``from __feature__ import``) through
``linecache``, which keeps every line. For the storage layer, pyqtgraph and
reportlab, all imported after the window is up, that is about 30 MiB of text
nobody reads again. Start-up and each lazy import site call
``forget_module_sources`` once their modules are loaded. Tracebacks still
show source lines: ``linecache`` reads the file again when asked.

The same libraries leave hundreds of thousands of long-lived objects
(modules, classes, functions) behind. Python's full garbage collection walks
all of them each time it runs, and it runs on whichever thread happens to
allocate, holding the interpreter lock: measured at 0.5 to 1.6 s on a busy
2-core machine, long enough to freeze the window. ``gc.freeze`` moves what
exists now into a permanent generation that collections skip; later garbage
is collected as before. No Qt here.
"""

from __future__ import annotations

import gc
import linecache
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def forget_module_sources() -> None:
    linecache.clearcache()
    gc.freeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a large import runs (the storage layer at start-up).

    Importing a library creates objects that live for the whole session, and the
    collector's young-generation passes over them find nothing to free: about a
    tenth of the storage layer's opening time. Reference counting still frees
    everything else meanwhile; the collector resumes (if it was on) afterwards,
    and ``forget_module_sources`` then moves the new objects out of its way.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# How many skips are under way (start-up's window, the storage layer's opening, the report
# warm-up: they may nest or overlap on two threads); the first patches the hook, the last restores it.
_scan_skips = 0
_scan_restore: Callable[[object], bool] | None = None
_scan_lock = threading.Lock()


@contextmanager
def pyside_source_scan_skipped() -> Iterator[None]:
    """PySide6's import hook does not read the source of the modules imported meanwhile.

    For every module imported after PySide6, the hook reads its whole source to
    see whether it mentions PySide6, so that ``from __feature__ import`` can be
    honoured there. Medius and its libraries never use ``__feature__``; for the
    storage layer's 230 modules the reading is about a fifth of their import
    time. The check is answered "no" while any skip runs, and restored when the
    last one ends, whichever thread ends it. Without that hook (another PySide6)
    nothing changes.
    """
    global _scan_skips, _scan_restore
    try:
        import shibokensupport.feature as feature  # type: ignore[import-not-found]  # PySide6's own
    except ImportError:
        yield
        return
    if getattr(feature, "_mod_uses_pyside", None) is None:
        yield
        return
    with _scan_lock:
        _scan_skips += 1
        if _scan_skips == 1:
            _scan_restore = feature._mod_uses_pyside
            feature._mod_uses_pyside = _never_uses_pyside
    try:
        yield
    finally:
        with _scan_lock:
            _scan_skips -= 1
            if _scan_skips == 0:
                feature._mod_uses_pyside, _scan_restore = _scan_restore, None


def _never_uses_pyside(_module: object) -> bool:
    return False
