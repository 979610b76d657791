"""A short run of bench/kill_test.py: SIGKILL during real saves loses nothing that was acknowledged."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _kill_test() -> object:
    spec = importlib.util.spec_from_file_location("kill_test", ROOT / "bench" / "kill_test.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_twenty_kills_leave_a_sound_database_with_every_acknowledged_save(tmp_path: Path, encrypted: bool) -> None:
    kill_test = _kill_test()
    lines: list[str] = []
    totals = kill_test.run(12 if encrypted else 20, 5, tmp_path / "data", encrypted=encrypted,  # type: ignore[attr-defined]
                           report=lines.append)
    assert totals["no_ready"] == 0, lines
    assert totals["kills"] == (12 if encrypted else 20)
    assert totals["saves_acknowledged"] > 0  # the child really was writing when killed
    assert (totals["corrupt"], totals["lost"], totals["half_written"], totals["audit_broken"],
            totals["anchor_wrong"], totals["bad_backups"]) == (0, 0, 0, 0, 0, 0), lines
