"""Kill -9 during writes: the database must stay sound and keep every save that returned.

A child process saves clients and assessments in a loop through the real
repository (``open_repository``, one transaction per save with its audit
event), printing each id only after the save has returned, and now and then
writes a backup. The parent kills it with SIGKILL at a random moment, then
checks, with the child dead:

- ``PRAGMA integrity_check`` is ``ok`` and ``foreign_key_check`` is empty;
- every id the child printed is present (no lost committed record);
- every assessment has exactly the child rows its notes announce (no
  half-written visit), and every client has the assessments it was saved with;
- the audit chain verifies, its anchor beside the file is at or (one save) behind
  the chain's head and agrees with it; every backup in the folder passes its checks.

Usage: python bench/kill_test.py [--kills 200] [--seed 1] [--encrypted] [--data-dir DIR]
Prints one summary line per 20 kills and a JSON summary at the end; exit 1 on any failure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PASSWORD = "kill test password"


# ---------------------------------------------------------------------------
# Child: the real save path, as fast as it can go


def _visit(rng: random.Random, day: int) -> Any:
    from desktop.clinical import model as m

    trials = rng.randint(1, 5)
    psfs = rng.randint(0, 3)
    flags = rng.randint(0, 2)
    codes = ("night_pain", "fever", "cancer_history")[:flags]
    return m.Assessment(
        performed_on=date(2026, 1 + day % 12, 1 + day % 28), clinician="Jo Smith", body_mass_kg=70.0,
        height_cm=170.0, pain_nprs=rng.randint(0, 10), red_flags=codes, red_flags_acknowledged=True,
        odi_item_scores=tuple(rng.choice([None, 0, 1, 2, 3, 4, 5]) for _ in range(10)),
        psfs=tuple(m.PsfsItem(f"Activity {i}", rng.randint(0, 10)) for i in range(psfs)),
        trendelenburg_left=m.TrendelenburgSide(hold_s=30), trendelenburg_right=m.TrendelenburgSide(hold_s=12),
        hip_abduction=m.HipAbduction(
            method="hhd", position="supine", unit="N",
            left=m.HhdSide(tuple(100.0 + i for i in range(trials)), 80.0),
            right=m.HhdSide(tuple(90.0 + i for i in range(trials)), 80.0)),
        notes=f"kill-test trials={2 * trials} psfs={psfs} flags={flags} " + "x" * rng.randint(0, 4000),
    )


def child(data_dir: Path, seed: int) -> None:
    from desktop.clinical import model as m
    from desktop.paths import AppPaths
    from desktop.services.backup import BackupService, rotate
    from desktop.services.database import open_repository

    paths = AppPaths(data_dir)
    key = None
    if os.environ.get("MEDIUS_PASSWORD"):
        from desktop.services.security import unlock

        key = unlock(paths, os.environ["MEDIUS_PASSWORD"])
    repo = open_repository(paths, key_hex=key)
    backups = BackupService(repo, paths)
    rng = random.Random(seed)
    client_ids = repo.all_client_ids()
    print("READY", flush=True)
    n = 0
    while True:
        n += 1
        if not client_ids or rng.random() < 0.4:
            visits = [_visit(rng, n + i) for i in range(rng.randint(0, 2))]
            cid, aids = repo.add_client(
                m.Client("Kill", f"Test {n}", date(1980, 1, 1 + n % 28), "female", f"K-{seed}-{n}"), visits)
            client_ids.append(cid)
            print("C", cid, len(aids), *aids, flush=True)
        else:
            cid = rng.choice(client_ids)
            aid = repo.add_assessment(cid, _visit(rng, n))
            print("A", cid, aid, flush=True)
        if n % 15 == 0:
            backups.back_up(kind="auto")
            rotate(paths.backups)
            print("B", flush=True)


# ---------------------------------------------------------------------------
# Parent: kill, then check


def _check(data_dir: Path, acked_clients: dict[int, int], acked_assessments: set[int],
           key_hex: str | None) -> dict[str, int]:
    import re

    from db.engine import make_engine
    from db.files import connect_file
    from db.repository import Repository
    from desktop.services.backup import BackupError, describe_backup, list_backups

    database = data_dir / "medius.sqlite3"
    result = {"corrupt": 0, "lost": 0, "half_written": 0, "audit_broken": 0, "anchor_wrong": 0, "bad_backups": 0}
    conn = connect_file(database, key_hex=key_hex)
    try:
        if [r[0] for r in conn.execute("PRAGMA integrity_check")] != ["ok"] or conn.execute(
                "PRAGMA foreign_key_check").fetchall():
            result["corrupt"] = 1
            return result
        clients = {r[0] for r in conn.execute("SELECT id FROM clients")}
        per_client = dict(conn.execute("SELECT client_id, count(*) FROM assessments GROUP BY client_id").fetchall())
        assessments = {r[0]: r[1] for r in conn.execute("SELECT id, notes FROM assessments")}
        children = {}
        for table in ("hip_abduction_trials", "psfs_items", "assessment_red_flags", "odi_scores",
                      "trendelenburg_tests", "hip_abduction_sides"):
            children[table] = dict(conn.execute(
                f"SELECT assessment_id, count(*) FROM {table} GROUP BY assessment_id").fetchall())
    finally:
        conn.close()
    result["lost"] += sum(1 for cid in acked_clients if cid not in clients)
    result["lost"] += sum(1 for aid in acked_assessments if aid not in assessments)
    for cid, saved_with in acked_clients.items():
        if per_client.get(cid, 0) < saved_with:
            result["half_written"] += 1
    announce = re.compile(r"kill-test trials=(\d+) psfs=(\d+) flags=(\d+)")
    for aid, notes in assessments.items():
        match = announce.match(notes or "")
        if match is None:
            continue
        trials, psfs, flags = (int(g) for g in match.groups())
        expected = {"hip_abduction_trials": trials, "psfs_items": psfs, "assessment_red_flags": flags,
                    "odi_scores": 10, "trendelenburg_tests": 2, "hip_abduction_sides": 2}
        if any(children[t].get(aid, 0) != n for t, n in expected.items()):
            result["half_written"] += 1
    engine = make_engine(f"sqlite:///{database}", key_hex=key_hex)
    repo = Repository(engine)
    if repo.verify_audit_chain() is not None:
        result["audit_broken"] = 1
    # The anchor beside the file may lag one save behind a kill, never run ahead or disagree.
    from db.anchor import AnchorUnreadableError, compare_head, read_anchor

    try:
        anchor = read_anchor(database, key_hex)
    except AnchorUnreadableError:
        result["anchor_wrong"] += 1
    else:
        if anchor is not None and compare_head((anchor.head_id, anchor.head_hash), repo.audit_head(),
                                               repo.audit_hash, "anchor"):
            result["anchor_wrong"] += 1
    engine.dispose()
    for backup in list_backups(data_dir / "backups"):
        try:
            describe_backup(backup, key_hex)
        except BackupError:
            result["bad_backups"] += 1
    return result


def run(kills: int, seed: int, data_dir: Path, *, encrypted: bool = False, max_wait_s: float = 0.8,
        report: Any = print) -> dict[str, Any]:
    from desktop.paths import AppPaths

    rng = random.Random(seed)
    paths = AppPaths(data_dir).ensure()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("MEDIUS_PASSWORD", None)
    key_hex = None
    if encrypted:
        from desktop.services import security

        key_hex = security.unlock(paths, PASSWORD) if security.is_encrypted(paths) else \
            security.create_encrypted_folder(paths, PASSWORD, n=2**12)
        env["MEDIUS_PASSWORD"] = PASSWORD
    acked_clients: dict[int, int] = {}
    acked_assessments: set[int] = set()
    totals = {"kills": 0, "saves_acknowledged": 0, "backups_acknowledged": 0, "corrupt": 0, "lost": 0,
              "half_written": 0, "audit_broken": 0, "anchor_wrong": 0, "bad_backups": 0, "no_ready": 0}
    began = time.perf_counter()
    for kill in range(kills):
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", str(data_dir),
                                 "--seed", str(seed * 100_000 + kill)], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        ready = proc.stdout.readline().strip()
        if ready != "READY":
            totals["no_ready"] += 1
            proc.kill()
            _, err = proc.communicate(timeout=30)
            report(f"child did not start: {err[-2000:]}")
            break
        time.sleep(rng.uniform(0.0, max_wait_s))
        proc.send_signal(signal.SIGKILL)
        out, _err = proc.communicate(timeout=30)
        totals["kills"] += 1
        for line in out.split("\n")[:-1]:  # only complete lines: a partial last line was never acknowledged
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "C" and len(parts) >= 3:
                cid, count = int(parts[1]), int(parts[2])
                acked_clients[cid] = count
                acked_assessments.update(int(a) for a in parts[3:3 + count])
                totals["saves_acknowledged"] += 1
            elif parts[0] == "A" and len(parts) == 3:
                acked_clients.setdefault(int(parts[1]), 0)
                acked_assessments.add(int(parts[2]))
                totals["saves_acknowledged"] += 1
            elif parts[0] == "B":
                totals["backups_acknowledged"] += 1
        found = _check(data_dir, acked_clients, acked_assessments, key_hex)
        for name, value in found.items():
            totals[name] += value
        if any(found.values()):
            report(f"kill {kill + 1}: FAILED {found}")
        if (kill + 1) % 20 == 0:
            report(f"{kill + 1} kills, {totals['saves_acknowledged']} acknowledged saves, "
                   f"corrupt {totals['corrupt']}, lost {totals['lost']}, half-written {totals['half_written']}")
    totals["seconds"] = round(time.perf_counter() - began, 1)
    totals["encrypted"] = encrypted
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--encrypted", action="store_true")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.seed)
        return 0
    with tempfile.TemporaryDirectory(prefix="medius-kill-") as scratch:
        totals = run(args.kills, args.seed, args.data_dir or Path(scratch) / "data", encrypted=args.encrypted)
    print(json.dumps(totals))
    bad = totals["corrupt"] + totals["lost"] + totals["half_written"] + totals["audit_broken"] + \
        totals["anchor_wrong"] + totals["bad_backups"] + totals["no_ready"]
    return 1 if bad or totals["kills"] < args.kills else 0


if __name__ == "__main__":
    sys.exit(main())
