"""One audit chain under many writers: 10 processes append 100 events at once to one server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from db.engine import make_engine
from db.repository import Repository

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys
from db.engine import make_engine
from db.repository import Repository
repo = Repository(make_engine(sys.argv[1]), actor="writer" + sys.argv[2])
sys.stdin.readline()  # start together
for n in range(10):
    repo.record_event("export", "exchange", None, None, f"clients={n}")
"""


def test_100_appends_from_10_processes_leave_one_intact_chain(pg_url: str) -> None:
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, pg_url, str(i)], cwd=ROOT,
                         stdin=subprocess.PIPE)
        for i in range(10)
    ]
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write(b"go\n")
        writer.stdin.flush()
    assert [w.wait(timeout=120) for w in writers] == [0] * 10
    engine = make_engine(pg_url)
    repo = Repository(engine)
    events = repo.audit_events()
    assert len(events) == 100
    assert repo.verify_audit_chain() is None
    # One chain: every hash is the previous of exactly one later event (no fork).
    assert len({e.prev_hash for e in events}) == 100
    assert {e.actor for e in events} == {f"writer{i}" for i in range(10)}
    engine.dispose()
