"""Rewrite golden/*.json from the current engine (run by hand after an intended change; review the diff)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_results_golden import GOLDEN, _cases, _dumped, _results  # noqa: E402

if __name__ == "__main__":
    for name, case in _cases():
        (GOLDEN / f"{name}.json").write_text(_dumped(_results(case)), encoding="utf-8")
