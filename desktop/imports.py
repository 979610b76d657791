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
from collections.abc import Iterator
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
