"""How many round trips a search and an edit cost on a clinic server, read from the wire (libpq trace)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from db.engine import make_engine
from db.repository import Repository
from tests.fixtures.records import assessment, client


def _round_trips(repo: Repository, action: Callable[[], object], tmp_path: Path) -> list[str]:
    """The first word of each query the laptop sent, one per round trip (a ReadyForQuery each)."""
    with repo.engine.connect() as conn:  # the pool's one idle connection, used by the action next
        raw = conn.connection.dbapi_connection
    trace = tmp_path / "wire.txt"
    with trace.open("w") as out:
        raw.pgconn.trace(out.fileno())
        try:
            action()
        finally:
            raw.pgconn.untrace()
    sent, trips = [], []
    for line in trace.read_text(errors="replace").splitlines():
        parts = line.split("\t")
        if len(parts) > 4 and parts[1] == "F" and parts[3] in ("Query", "Parse"):
            sent.append(parts[4].split('"')[-2].split()[0] if parts[3] == "Query" else
                        parts[4].split('"')[3].split()[0])
        if len(parts) > 3 and parts[1] == "B" and parts[3] == "ReadyForQuery":
            trips.append(sent[-1] if sent else "?")
    return trips


def test_a_search_is_one_round_trip_and_an_edit_six(pg_url: str, tmp_path: Path) -> None:
    engine = make_engine(pg_url)
    repo = Repository(engine, actor="carl")
    _, (aid,) = repo.add_client(client(0), [assessment(3)])
    repo.list_clients("nguy")

    assert _round_trips(repo, lambda: repo.list_clients("nguy"), tmp_path) == ["SELECT"]
    edit = dataclasses.replace(assessment(3), notes="phoned")
    trips = _round_trips(repo, lambda: repo.update_assessment(aid, edit, expected_version=1), tmp_path)
    # BEGIN, the visit's row FOR UPDATE, its UPDATE, the audit lock with the head, the event, COMMIT: no ping,
    # no read of child rows.
    assert trips == ["BEGIN", "SELECT", "UPDATE", "SELECT", "INSERT", "COMMIT"]
    engine.dispose()
