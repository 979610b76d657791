"""Profile the save and search paths on a clinic PostgreSQL (one laptop, no contention).

Seeds the load benchmark's data (50,000 clients and its hot visits) into a
throwaway server, prints the query plan of a client search (EXPLAIN ANALYZE),
then times and profiles (cProfile, top entries by cumulative time) searches,
new-visit saves and versioned edits through a signed-in clinician's
repository, and counts the statements each one sends to the server.

Usage: python bench/server_profile.py [--clients 50000] [--repeats 200] [--top 25]
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import io
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


def explain_search(engine: Any, query: str) -> str:
    """The plan PostgreSQL runs for ``list_clients(query, limit=50)`` as a clinician."""
    from db.repository import Repository

    captured: list[tuple[str, Any]] = []
    from sqlalchemy import event

    def grab(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        captured.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        Repository(engine, role="clinician").list_clients(query, limit=50)
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    statement, parameters = next((s, p) for s, p in captured if "FROM clients" in s)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters).all()
    return "\n".join(r[0] for r in rows)


def count_statements(engine: Any, action: Any) -> int:
    from sqlalchemy import event

    seen = [0]

    def count(*_args: Any) -> None:
        seen[0] += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return seen[0]


def profiled(label: str, repeats: int, action: Any, top: int) -> dict[str, Any]:
    times = []
    profile = cProfile.Profile()
    for n in range(repeats):
        t = time.perf_counter()
        profile.runcall(action, n)
        times.append((time.perf_counter() - t) * 1000)
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(top)
    ordered = sorted(times)
    return {"label": label, "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 2), "profile": out.getvalue()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    from server_load import FAMILY, GIVEN, seed

    from db.engine import make_engine
    from db.repository import Repository
    from desktop.paths import AppPaths
    from desktop.services.accounts import User
    from desktop.services.clinic_server import init_server
    from desktop.services.database import open_repository
    from tests.fixtures.records import assessment
    from tests.pgserver import start_server

    server = start_server()
    try:
        owner_url = server.create_database("profile")
        init_server(owner_url, "alice", "profile-admin-pw")
        owner_engine = make_engine(owner_url)
        hot = seed(Repository(owner_engine, actor="alice", role="admin"), args.clients, random.Random(1))
        with owner_engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
        repo = open_repository(AppPaths(Path(tempfile.mkdtemp())), server.url("profile", user="medius_app"),
                               user=User("carl", "clinician"))
        rng = random.Random(7)
        ids = repo.all_client_ids()
        queries = [rng.choice(FAMILY)[:3] + " " + rng.choice(GIVEN)[:2] for _ in range(args.repeats)]
        print(f"EXPLAIN ANALYZE of a search ({queries[0]!r}):\n{explain_search(repo.engine, queries[0])}\n")
        visit = assessment(3)
        versions = {aid: repo.assessment_version(aid) for aid in hot}

        def search(n: int) -> None:
            repo.list_clients(queries[n], limit=50)

        def add(n: int) -> None:
            repo.add_assessment(ids[n % len(ids)], dataclasses.replace(visit, notes=f"profile {n}"))

        def edit(n: int) -> None:
            aid = hot[n % len(hot)]
            versions[aid] = repo.update_assessment(aid, dataclasses.replace(visit, notes=f"edit {n}"),
                                                   expected_version=versions[aid])

        print("statements per action: "
              f"search {count_statements(repo.engine, lambda: search(0))}, "
              f"new visit {count_statements(repo.engine, lambda: add(0))}, "
              f"edit {count_statements(repo.engine, lambda: edit(0))}\n")
        for label, action in (("search", search), ("new visit", add), ("edit (versioned)", edit)):
            figures = profiled(label, args.repeats, action, args.top)
            print(f"== {label}: p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms\n{figures['profile']}")
        repo.engine.dispose()
        owner_engine.dispose()
    finally:
        server.destroy()
    return 0


if __name__ == "__main__":
    sys.exit(main())
