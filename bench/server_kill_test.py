"""Kill test on the clinic-server path: SIGKILL the client mid-save, restart PostgreSQL mid-save.

A child process saves visits through the real server path (a signed-in
clinician's repository: SET ROLE medius_clinician, one transaction per save
with its audit event) and prints each id only after the save returned. The
parent

1. kills the child with SIGKILL at a random moment, ``--kills`` times;
2. restarts the PostgreSQL server under a running child (``pg_ctl restart``,
   alternating immediate and fast shutdown) ``--restarts`` times; the child
   must reconnect by itself and go on saving.

Afterwards, with everything stopped: every acknowledged id is present, every
visit has exactly the child rows its notes announce (none half-written),
and the audit chain verifies.

Usage: python bench/server_kill_test.py [--kills 100] [--restarts 20] [--seed 1]
Starts its own throwaway PostgreSQL (as tests do). Prints a JSON summary; exit 1 on any failure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

ANNOUNCE = re.compile(r"kill-test trials=(\d+) psfs=(\d+) flags=(\d+)")


def child(url: str, seed: int) -> None:
    from kill_test import _visit

    from db.errors import StorageError
    from desktop.clinical import model as m
    from desktop.paths import AppPaths
    from desktop.services.accounts import User
    from desktop.services.database import open_repository

    repo = open_repository(AppPaths(Path(tempfile.mkdtemp())), url, user=User("carl", "clinician"))
    rng = random.Random(seed)
    client_id, _ = repo.add_client(m.Client("Kill", f"Test {seed}", date(1980, 1, 1), "female", f"K-{seed}"))
    print("READY", client_id, flush=True)
    n = 0
    while True:
        n += 1
        try:
            aid = repo.add_assessment(client_id, _visit(rng, n))
        except StorageError:
            time.sleep(0.2)  # server away: this save never happened; try again
            continue
        print("A", aid, flush=True)


def check(url: str, acked: set[int]) -> dict[str, int]:
    from sqlalchemy import text

    from db.engine import make_engine
    from db.repository import Repository

    engine = make_engine(url)
    result = {"lost": 0, "half_written": 0, "audit_broken": 0, "visits": 0}
    with engine.connect() as conn:
        notes = dict(conn.execute(text("SELECT id, notes FROM assessments")).all())
        children = {t: dict(conn.execute(text(f"SELECT assessment_id, count(*) FROM {t} GROUP BY assessment_id")).all())
                    for t in ("hip_abduction_trials", "psfs_items", "assessment_red_flags", "odi_scores",
                              "trendelenburg_tests", "hip_abduction_sides")}
    result["visits"] = len(notes)
    result["lost"] = sum(1 for aid in acked if aid not in notes)
    for aid, note in notes.items():
        match = ANNOUNCE.match(note or "")
        if match is None:
            result["half_written"] += 1
            continue
        trials, psfs, flags = (int(g) for g in match.groups())
        expected = {"hip_abduction_trials": trials, "psfs_items": psfs, "assessment_red_flags": flags,
                    "odi_scores": 10, "trendelenburg_tests": 2, "hip_abduction_sides": 2}
        if any(children[t].get(aid, 0) != count for t, count in expected.items()):
            result["half_written"] += 1
    result["audit_broken"] = int(Repository(engine).verify_audit_chain() is not None)
    engine.dispose()
    return result


def _spawn(url: str, seed: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", url, "--seed", str(seed)],
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _acks(out: str) -> set[int]:
    # Only complete lines count: a partial last line was never acknowledged.
    return {int(line.split()[1]) for line in out.split("\n")[:-1] if line.startswith("A ")}


def run(kills: int, restarts: int, seed: int, *, server: Any = None, max_wait_s: float = 0.8,
        report: Any = print) -> dict[str, Any]:
    from desktop.services.clinic_server import init_server
    from tests.pgserver import start_server

    own = server is None
    server = server or start_server()
    rng = random.Random(seed)
    totals: dict[str, Any] = {"kills": 0, "restarts": 0, "reconnected": 0, "saves_acknowledged": 0,
                              "no_ready": 0}
    acked: set[int] = set()
    began = time.perf_counter()
    try:
        url = server.create_database("killtest")
        init_server(url, "alice", "kill-test-admin-pw")
        from db.engine import make_engine
        from db.repository import Repository
        from db.users import UserStore
        from desktop.services.accounts import hash_password

        engine = make_engine(url)
        UserStore(Repository(engine, actor="alice", role="admin")).add("carl", "clinician", hash_password("x" * 12))
        engine.dispose()
        app_url = server.url("killtest", user="medius_app")
        for kill in range(kills):
            proc = _spawn(app_url, seed * 100_000 + kill)
            assert proc.stdout is not None
            if not proc.stdout.readline().startswith("READY"):
                totals["no_ready"] += 1
                proc.kill()
                report(f"child did not start: {proc.communicate(timeout=30)[1][-2000:]}")
                break
            time.sleep(rng.uniform(0.0, max_wait_s))
            proc.send_signal(signal.SIGKILL)
            out, _ = proc.communicate(timeout=30)
            totals["kills"] += 1
            acked |= _acks(out)
            if (kill + 1) % 20 == 0:
                report(f"{kill + 1} kills, {len(acked)} saves acknowledged")
        if restarts:
            proc = _spawn(app_url, seed * 100_000 + 99_999)
            assert proc.stdout is not None
            if not proc.stdout.readline().startswith("READY"):
                totals["no_ready"] += 1
            else:
                lines: list[str] = []
                reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)  # type: ignore[arg-type]
                reader.start()
                seen = 0

                def drain() -> int:
                    """Saves acknowledged since the last call."""
                    nonlocal seen
                    now = len(lines)
                    new = sum(1 for line in lines[seen:now] if line.startswith("A "))
                    seen = now
                    return new

                for restart in range(restarts):
                    time.sleep(rng.uniform(0.1, max_wait_s))
                    drain()
                    server.restart("immediate" if restart % 2 == 0 else "fast")
                    totals["restarts"] += 1
                    deadline = time.monotonic() + 60
                    while time.monotonic() < deadline:  # a save acknowledged after the restart
                        if drain():
                            totals["reconnected"] += 1
                            break
                        time.sleep(0.05)
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=30)
                reader.join(timeout=30)
                acked |= {int(line.split()[1]) for line in lines if line.startswith("A ") and line.endswith("\n")}
        totals["saves_acknowledged"] = len(acked)
        totals.update(check(server.url("killtest"), acked))
    finally:
        if own:
            server.destroy()
    totals["seconds"] = round(time.perf_counter() - began, 1)
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", metavar="URL")
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--restarts", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.seed)
        return 0
    totals = run(args.kills, args.restarts, args.seed)
    print(json.dumps(totals, indent=2))
    bad = totals["lost"] or totals["half_written"] or totals["audit_broken"] or totals["no_ready"] \
        or totals["reconnected"] != totals["restarts"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
