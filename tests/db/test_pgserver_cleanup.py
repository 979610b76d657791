"""A test run killed outright leaves its throwaway PostgreSQL running; the next start removes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.pgserver import OWNER_FILE, PREFIX, _postmaster_pid, _process_identity, clean_stale_servers, missing_reason

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import sys, time
sys.path.insert(0, sys.argv[1])
from tests.pgserver import start_server
server = start_server()
print(server.root, flush=True)
time.sleep(600)
"""


@pytest.mark.skipif(missing_reason() is not None, reason=f"PostgreSQL tests skipped: {missing_reason()}")
def test_the_server_of_a_killed_run_is_stopped_and_removed_at_the_next_start() -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        root = Path(child.stdout.readline().strip())
        postmaster = _postmaster_pid(root)
        assert root.name.startswith(PREFIX) and postmaster is not None
        assert clean_stale_servers() == [] or root.exists()  # its maker still runs: left alone
        assert root.exists() and _process_identity(postmaster) is not None
    finally:
        child.send_signal(signal.SIGKILL)  # no finalizer runs; the server keeps going
        child.wait()
    assert _process_identity(postmaster) is not None
    assert root in clean_stale_servers()
    for _ in range(100):
        if _process_identity(postmaster) is None:
            break
        time.sleep(0.05)
    assert _process_identity(postmaster) is None
    assert not root.exists()


def test_folders_of_live_makers_and_running_servers_without_a_maker_are_kept(tmp_path: Path) -> None:
    mine = tmp_path / f"{PREFIX}mine"
    mine.mkdir()
    (mine / OWNER_FILE).write_text(_process_identity(os.getpid()) or "", encoding="ascii")
    reused = tmp_path / f"{PREFIX}reused"  # the pid lives, but it is another process (start time differs)
    reused.mkdir()
    (reused / OWNER_FILE).write_text(f"{os.getpid()} 1", encoding="ascii")
    gone = subprocess.Popen(["true"])
    gone.wait()
    dead = tmp_path / f"{PREFIX}dead"
    dead.mkdir()
    (dead / OWNER_FILE).write_text(f"{gone.pid} 1", encoding="ascii")
    legacy_idle = tmp_path / f"{PREFIX}legacy"  # no maker recorded, no server running
    legacy_idle.mkdir()
    legacy_running = tmp_path / f"{PREFIX}legacy-running"  # no maker recorded, a server runs (ours, here)
    (legacy_running / "data").mkdir(parents=True)
    (legacy_running / "data" / "postmaster.pid").write_text(f"{os.getpid()}\n", encoding="ascii")
    other = tmp_path / "unrelated"
    other.mkdir()

    removed = clean_stale_servers(tmp_path)

    assert sorted(removed) == sorted([reused, dead, legacy_idle])
    assert mine.exists() and legacy_running.exists() and other.exists()
