"""Keep late imports from holding their source text in memory.

Once PySide6 is imported, its import hook reads the source of every Python
module imported afterwards (to look for ``from __feature__ import``) through
``linecache``, which keeps every line. For the storage layer, pyqtgraph and
reportlab, all imported after the window is up, that is about 30 MiB of text
nobody reads again. Start-up and each lazy import site call
``forget_module_sources`` once their modules are loaded. Tracebacks still
show source lines: ``linecache`` reads the file again when asked. No Qt here.
"""

from __future__ import annotations

import linecache


def forget_module_sources() -> None:
    linecache.clearcache()
