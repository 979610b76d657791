"""A short run of bench/server_kill_test.py: SIGKILL the client and restart the server mid-save."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.pgserver import PgServer

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_kills_and_server_restarts_leave_no_half_visit_and_one_chain(pg_server: PgServer) -> None:
    spec = importlib.util.spec_from_file_location("server_kill_test", ROOT / "bench" / "server_kill_test.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    lines: list[str] = []
    totals = module.run(4, 2, 7, server=pg_server, report=lines.append)
    assert totals["no_ready"] == 0, lines
    assert (totals["kills"], totals["restarts"], totals["reconnected"]) == (4, 2, 2)
    assert totals["saves_acknowledged"] > 0
    assert (totals["lost"], totals["half_written"], totals["audit_broken"]) == (0, 0, 0)
