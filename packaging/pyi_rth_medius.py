"""Runtime hook: ``MEDIUS_BUNDLE_SELFTEST=1 medius`` checks the bundle instead of starting.

The command-line smoke test in build.sh reaches storage, migrations, results
and the PDF; this covers what only the window loads lazily (pyqtgraph and its
OpenGL modules, QtSvg, the history charts) and exits without touching data.
"""

import os
import sys

if os.environ.get("MEDIUS_BUNDLE_SELFTEST") == "1":
    import bundle_selftest

    sys.exit(bundle_selftest.run())
