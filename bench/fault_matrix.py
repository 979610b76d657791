"""Print the fault matrix (fault, trials, failures, what the clinician saw) as a Markdown table.

    .venv/bin/python bench/fault_matrix.py [--code DIR] [--json FILE]

``--code DIR`` runs the matrix against another checkout of the application
(for example an export of an earlier commit), so the same faults can be
measured before and after a change. Disk full and read-only rows need
permission to mount (root on Linux); without it they are left out. The same
trials run as tests in ``tests/faults``; this script only reports.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=HERE, help="checkout whose application is tested")
    parser.add_argument("--json", type=Path, help="also write every trial's problems here")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    spec = importlib.util.spec_from_file_location("fault_harness", HERE / "tests" / "faults" / "harness.py")
    assert spec and spec.loader
    harness = importlib.util.module_from_spec(spec)
    sys.modules["fault_harness"] = harness
    spec.loader.exec_module(harness)
    import desktop

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="medius-faults-") as work:
        rows = harness.matrix(Path(work))
    print(f"code under test: {Path(desktop.__file__).parent.parent}  ({time.monotonic() - started:.0f} s)")
    print(harness.table(rows))
    if args.json:
        args.json.write_text(json.dumps(
            [{"fault": r.fault, "trials": [{"name": t.name, "ok": t.ok, "saw": t.saw, "problems": t.problems}
                                           for t in r.trials]} for r in rows], indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
