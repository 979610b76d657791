"""The fault matrix: inflict each kind of damage or fault on a real data folder and judge the answer.

Every fault is inflicted on a copy of one seeded data folder (demo clients, a
manual backup, one more import after it), then the command line runs
in-process (``desktop.cli.main``) so the matrix is quick enough for CI. Each
trial checks the exit code, the words the clinician reads (never raw library
text, never a traceback or a logging error), that the store is intact, that
nothing partial was left, and that recovery works.

Disk full uses a size-limited tmpfs and the read-only folder a read-only bind
mount where mounting is allowed (root on Linux); elsewhere those rows fall
back to injected faults (see ``tests/faults/test_fault_matrix.py``).

This module imports the application only inside functions, so
``bench/fault_matrix.py`` can run it against another checkout of the code.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RAW_MARKERS = (
    "Traceback", "sqlalche.me", "OperationalError", "DatabaseError", "IntegrityError", "UnicodeDecodeError",
    "UnicodeEncodeError", "LayoutError", "unexpected error", "--- Logging error ---", "(sqlite3.", "sqlcipher3.",
    "Background on this error", "Errno",
)
DAMAGE_WORDS = ("damage", "damaged", "restore")
NAME_MARKER = "Qwyzzle"  # a family name that must never reach the log


@dataclass
class Run:
    argv: list[str]
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err

    def first_line(self) -> str:
        for line in (self.err or self.out).splitlines():
            if line.strip():
                return line.strip()
        return ""


@dataclass
class Trial:
    name: str
    ok: bool = True
    problems: list[str] = field(default_factory=list)
    saw: str = ""

    def expect(self, condition: bool, problem: str) -> None:
        if not condition:
            self.ok = False
            self.problems.append(problem)


@dataclass
class Row:
    fault: str
    trials: list[Trial] = field(default_factory=list)

    @property
    def failures(self) -> int:
        return sum(not t.ok for t in self.trials)

    def saw(self) -> str:
        failing = [t for t in self.trials if not t.ok]
        refused = [t for t in self.trials if "exit 1" in t.saw or "exit 2" in t.saw]
        return (failing or refused or self.trials)[0].saw if self.trials else ""


def run(data_dir: Path, *args: str) -> Run:
    """``medius --data-dir DIR ARGS`` in this process; stdout, stderr and the exit code."""
    from desktop.cli import main

    argv = ["--data-dir", str(data_dir), *args]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
        except BaseException as exc:  # noqa: BLE001 - a crash is what the matrix records
            import traceback

            err.write("Traceback (escaped main):\n" + "".join(traceback.format_exception(exc)))
            code = 99
    _close_log_handlers()
    return Run(argv, int(code), out.getvalue(), err.getvalue())


def _close_log_handlers() -> None:
    """Let go of the log file so a tmpfs can be unmounted (the next command opens it again)."""
    import logging

    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_medius_handler", False):
            root.removeHandler(handler)
            handler.close()


def no_raw_text(trial: Trial, result: Run) -> None:
    for marker in RAW_MARKERS:
        trial.expect(marker not in result.text, f"{' '.join(result.argv[2:])}: raw text {marker!r}")


# ---------------------------------------------------------------------------
# The seeded folder


def exchange_document(given: str = "Ana", family: str = "Nguyễn", external_id: str = "X1") -> dict[str, Any]:
    return {
        "format": "medius-exchange", "version": 1,
        "clients": [{
            "given_name": given, "family_name": family, "date_of_birth": "1971-03-14", "sex": "female",
            "external_id": external_id, "phone": None, "email": None, "notes": "",
            "assessments": [{
                "performed_on": "2026-10-02", "clinician": "Jo Smith",
                "referrer": {"name": "Dr A. Lee", "practice": "Harbour GP"},
                "body_mass_kg": 68.0, "height_cm": 165.0, "red_flags": [], "red_flags_acknowledged": False,
                "pain_nprs": 6, "odi_item_scores": [2, 1, 3, None, 2, 1, 0, None, 2, 1],
                "psfs": [{"activity": "Walking 30 min", "score": 4}],
                "trendelenburg": {
                    "left": {"elevation_maximal": True, "hold_s": 30, "trunk_lean": "none", "pain_nprs": 0,
                             "invalid_reason": None, "pelvic_drop_deg": None},
                    "right": {"elevation_maximal": True, "hold_s": 12, "trunk_lean": "marked", "pain_nprs": 2,
                              "invalid_reason": None, "pelvic_drop_deg": 6},
                },
                "hip_abduction": {
                    "method": "hhd", "position": "supine", "unit": "N",
                    "left": {"trials": [150.0, 158.0, 155.0], "lever_arm_cm": 80.0},
                    "right": {"trials": [120.0, 118.0, 125.0], "lever_arm_cm": 80.0},
                },
                "notes": "",
            }],
        }],
    }


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=True), encoding="utf-8")
    return path


@dataclass
class Seed:
    """A data folder with 5 clients in its newest backup and 6 in the database."""

    folder: Path
    backup: Path
    clients_now: int = 6
    clients_in_backup: int = 5


def make_seed(base: Path) -> Seed:
    folder = base / "seed"
    for args in (("demo",), ("backup",)):
        result = run(folder, *args)
        assert result.code == 0, result.text
    extra = write_json(base / "extra.json", exchange_document())
    result = run(folder, "import", str(extra))
    assert result.code == 0, result.text
    backups = sorted((folder / "backups").glob("medius-manual-*.sqlite3"))
    return Seed(folder, backups[-1])


def copy_seed(seed: Seed, target: Path) -> Path:
    shutil.copytree(seed.folder, target, symlinks=True)
    return target


def database(folder: Path) -> Path:
    return folder / "medius.sqlite3"


def count_clients(folder: Path) -> int | None:
    try:
        conn = sqlite3.connect(f"{database(folder).as_uri()}?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM clients").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def audit_actions(folder: Path) -> list[str]:
    conn = sqlite3.connect(f"{database(folder).as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT action FROM audit_events ORDER BY id")]
    finally:
        conn.close()


# ---------------------------------------------------------------------------
# Damage to the database file


def _root_pages(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {name: int(root) for name, root in conn.execute(
            "SELECT name, rootpage FROM sqlite_master WHERE type='table' AND rootpage > 1")}
    finally:
        conn.close()


def _flip(db: Path, offset: int, length: int = 8) -> None:
    with open(db, "r+b") as handle:
        handle.seek(offset)
        data = bytearray(handle.read(length))
        handle.seek(offset)
        handle.write(bytes(b ^ 0xFF for b in data))


def _page_offset(db: Path, table: str) -> int:
    return (_root_pages(db)[table] - 1) * 4096


def _non_utf8_schema(db: Path) -> None:
    """A schema entry whose name is not UTF-8: SQLite's own error message then carries those bytes."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("PRAGMA writable_schema = ON")
        sql = b'CREATE TABLE "t\xff" (a text NOT NULL'.hex()
        conn.execute("INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES "
                     f"('table', CAST(x'74ff' AS TEXT), CAST(x'74ff' AS TEXT), 0, CAST(x'{sql}' AS TEXT))")
    finally:
        conn.close()


def _foreign_database(db: Path) -> None:
    db.unlink()
    conn = sqlite3.connect(db)
    try:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
        conn.execute("INSERT INTO recipes (title) VALUES ('bread')")
        conn.commit()
    finally:
        conn.close()


DAMAGE: dict[str, Callable[[Path], None]] = {
    "flipped bytes at offset 0 (file header)": lambda db: _flip(db, 0),
    "flipped bytes at offset 100 (schema page header)": lambda db: _flip(db, 100),
    "flipped bytes in the clients table's root page": lambda db: _flip(db, _page_offset(db, "clients")),
    "flipped bytes in the assessments table's root page": lambda db: _flip(db, _page_offset(db, "assessments")),
    "flipped bytes in the audit table's root page": lambda db: _flip(db, _page_offset(db, "audit_events")),
    "truncated to half its size": lambda db: os.truncate(db, db.stat().st_size // 2),
    "emptied (0 bytes)": lambda db: os.truncate(db, 0),
    "deleted": lambda db: db.unlink(),
    "overwritten with garbage": lambda db: db.write_bytes(os.urandom(db.stat().st_size)),
    "schema entry with non-UTF-8 bytes": _non_utf8_schema,
    "not a Medius database": _foreign_database,
}


def damage_trial(seed: Seed, work: Path, fault: str) -> Trial:
    """Damage, then: check and list refuse in plain words naming the backup; restore brings it back."""
    trial = Trial(fault)
    folder = copy_seed(seed, work / "folder")
    db = database(folder)
    DAMAGE[fault](db)
    before = db.read_bytes() if db.exists() else None
    checked = run(folder, "check")
    integrity = next((line for line in checked.out.splitlines() if line.startswith("Integrity")), "")
    trial.saw = (checked.err.strip().splitlines() or [integrity or checked.first_line()])[0]
    no_raw_text(trial, checked)
    trial.expect(checked.code == 1, f"check exit {checked.code}")
    trial.expect(seed.backup.name in checked.text, "check does not name the newest good backup")
    listed = run(folder, "list")
    no_raw_text(trial, listed)
    trial.expect(listed.code == 1, f"list exit {listed.code}")
    trial.expect("No clients yet" not in listed.text, "list shows an empty store")
    after = db.read_bytes() if db.exists() else None
    trial.expect(after == before, "the damaged file was changed")
    restored = run(folder, "restore", str(seed.backup))
    no_raw_text(trial, restored)
    trial.expect(restored.code == 0, f"restore exit {restored.code}: {restored.first_line()}")
    if before:
        kept = [p for p in folder.iterdir() if ".damaged" in p.name and p.read_bytes() == before]
        trial.expect(bool(kept), "the damaged file was not kept aside")
    trial.expect(count_clients(folder) == seed.clients_in_backup, "restored store lacks the backup's clients")
    rechecked = run(folder, "check")
    trial.expect(rechecked.code == 0, f"check after restore exit {rechecked.code}: {rechecked.first_line()}")
    return trial


def garbage_backup_trial(seed: Seed, work: Path) -> Trial:
    """A garbage file with no manifest offered to restore: refused as unusable, not as "encrypted"."""
    trial = Trial("garbage backup without a manifest")
    folder = copy_seed(seed, work / "folder")
    garbage = work / "medius-manual-20260101-000000.sqlite3"
    garbage.write_bytes(os.urandom(64 * 1024))
    before = database(folder).read_bytes()
    result = run(folder, "restore", str(garbage))
    trial.saw = result.first_line()
    no_raw_text(trial, result)
    trial.expect(result.code in (1, 2), f"restore exit {result.code}")
    trial.expect("password" not in result.text.lower(), "called an encrypted backup")
    trial.expect(database(folder).read_bytes() == before, "the database changed")
    return trial


# ---------------------------------------------------------------------------
# The audit trail


def _tamper(db: Path, statements: list[str], rehash: bool = False) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
        conn.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
        for statement in statements:
            conn.execute(statement)
        if rehash:
            _rehash(conn)
    finally:
        conn.close()


def _rehash(conn: sqlite3.Connection) -> None:
    """Recompute every hash as the app does, so the chain verifies on its own after an edit."""
    import hashlib
    from datetime import datetime

    prev = "0" * 64
    rows = conn.execute("SELECT id, at, actor, action, entity, entity_id, client_id, detail "
                        "FROM audit_events ORDER BY id").fetchall()
    for event_id, at, actor, action, entity, entity_id, client_id, detail in rows:
        payload = json.dumps([prev, datetime.fromisoformat(str(at)).isoformat(), actor, action, entity, entity_id,
                              client_id, detail], ensure_ascii=False, separators=(",", ":"))
        digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        conn.execute("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, event_id))
        prev = digest


AUDIT: dict[str, Callable[[Path], None]] = {
    "audit: newest 2 events deleted": lambda db: _tamper(
        db, ["DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events ORDER BY id DESC LIMIT 2)"]),
    "audit: every event deleted": lambda db: _tamper(db, ["DELETE FROM audit_events"]),
    "audit: record edited, hashes recomputed": lambda db: _tamper(
        db, ["UPDATE clients SET notes = 'edited' WHERE id = 1",
             "UPDATE audit_events SET detail = 'fields=notes' WHERE id = (SELECT max(id) FROM audit_events)"],
        rehash=True),
}


def audit_trial(seed: Seed, work: Path, fault: str) -> Trial:
    trial = Trial(fault)
    folder = copy_seed(seed, work / "folder")
    AUDIT[fault](database(folder))
    checked = run(folder, "check")
    trial.saw = next((line for line in checked.out.splitlines() if line.startswith("Audit")), checked.first_line())
    no_raw_text(trial, checked)
    trial.expect(checked.code == 1, f"check exit {checked.code}")
    trial.expect("Audit chain: intact" not in trial.saw, "the audit trail is called intact")
    return trial


# ---------------------------------------------------------------------------
# Names


def _long_name() -> str:
    return "A" * 5000


NAMES: dict[str, tuple[str, str]] = {
    "name with a lone surrogate": ("Ana\ud800", "clients[0].given_name"),
    "name with a control character": ("Ana\u0007", "clients[0].given_name"),
    "name with a newline": ("Ana\nMarie", "clients[0].given_name"),
    "name of 5,000 characters": ("", "clients[0].given_name"),
}


def name_trial(seed: Seed, work: Path, fault: str) -> Trial:
    trial = Trial(fault)
    folder = copy_seed(seed, work / "folder")
    value, field_path = NAMES[fault]
    document = exchange_document(given=value or _long_name(), family=NAME_MARKER, external_id="N1")
    source = write_json(work / "names.json", document)
    result = run(folder, "import", str(source))
    trial.saw = result.first_line()[:160]
    no_raw_text(trial, result)
    trial.expect(result.code == 2, f"import exit {result.code}")
    trial.expect(field_path in result.err, f"message does not name {field_path}")
    trial.expect(count_clients(folder) == seed.clients_now, "the store changed")
    trial.expect(not _log_mentions(folder, NAME_MARKER), "the name reached the log")
    return trial


def long_name_report_trial(seed: Seed, work: Path) -> Trial:
    """A name at the documented limit imports, lists on one line and prints wrapped in the PDF."""
    trial = Trial("name at the length limit (report)")
    folder = copy_seed(seed, work / "folder")
    limit = 100
    given = ("Wolfeschlegelsteinhausenbergerdorff" * 4)[:limit]
    source = write_json(work / "long.json", exchange_document(given=given, family=NAME_MARKER, external_id="L1"))
    imported = run(folder, "import", "--json", str(source))
    no_raw_text(trial, imported)
    trial.expect(imported.code == 0, f"import exit {imported.code}: {imported.first_line()}")
    if imported.code != 0:
        trial.saw = imported.first_line()
        return trial
    assessment = json.loads(imported.out)["clients"][0]["assessment_ids"][0]
    out = work / "long.pdf"
    report = run(folder, "report", str(assessment), "--out", str(out))
    trial.saw = report.first_line()[:160]
    no_raw_text(trial, report)
    trial.expect(report.code == 0, f"report exit {report.code}")
    trial.expect(out.is_file() and out.read_bytes().rstrip().endswith(b"%%EOF"), "no complete PDF")
    listed = run(folder, "list")
    trial.expect(sum(NAME_MARKER in line for line in listed.out.splitlines()) == 1, "list output split")
    trial.expect(not _log_mentions(folder, NAME_MARKER), "the name reached the log")
    return trial


def _log_mentions(folder: Path, text: str) -> bool:
    logs = folder / "logs"
    if not logs.is_dir():
        return False
    return any(text in p.read_text(encoding="utf-8", errors="replace") for p in logs.iterdir() if p.is_file())


# ---------------------------------------------------------------------------
# Disk full (size-limited tmpfs) and a read-only folder (read-only bind mount)


def can_mount() -> bool:
    """True when this process may mount a tmpfs (root on Linux, mounts not forbidden)."""
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
        return False
    probe = Path(tempfile.mkdtemp(prefix="medius-mount-probe-"))
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)],
                              capture_output=True, check=False)
        if done.returncode != 0:
            return False
        subprocess.run(["umount", str(probe)], capture_output=True, check=False)
        return True
    finally:
        shutil.rmtree(probe, ignore_errors=True)


@contextlib.contextmanager
def tmpfs(size_bytes: int) -> Iterator[Path]:
    point = Path(tempfile.mkdtemp(prefix="medius-full-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_bytes}", "tmpfs", str(point)], check=True)
    try:
        yield point
    finally:
        _close_log_handlers()
        subprocess.run(["umount", "-l", str(point)], check=False)
        shutil.rmtree(point, ignore_errors=True)


@contextlib.contextmanager
def read_only_view(folder: Path) -> Iterator[Path]:
    point = Path(tempfile.mkdtemp(prefix="medius-ro-"))
    subprocess.run(["mount", "--bind", str(folder), str(point)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(point)], check=True)
        yield point
    finally:
        _close_log_handlers()
        subprocess.run(["umount", "-l", str(point)], check=False)
        shutil.rmtree(point, ignore_errors=True)


def fill_to(point: Path, free_bytes: int) -> Path:
    """Leave about ``free_bytes`` free on the filesystem at ``point``."""
    filler = point / "filler"
    available = os.statvfs(point).f_bavail * os.statvfs(point).f_frsize
    with open(filler, "wb") as handle:
        handle.write(b"\0" * max(0, available - free_bytes))
    return filler


def free_bytes(point: Path) -> int:
    stats = os.statvfs(point)
    return stats.f_bavail * stats.f_frsize


DISK_COMMANDS = ("check", "list", "summary", "report", "export", "import", "backup")


def disk_full_trials(seed: Seed, work: Path, free: int) -> list[Trial]:
    """One trial per command with ``free`` bytes left on the data folder's disk."""
    trials = []
    size = 4 * 1024 * 1024
    extra = write_json(work / f"more-{uuid.uuid4().hex}.json", exchange_document(external_id="F1"))
    for command in DISK_COMMANDS:
        trials.append(_guarded(command, lambda c=command: _disk_full_trial(seed, extra, c, size, free)))
    return trials


def _guarded(name: str, make: Callable[[], Trial]) -> Trial:
    try:
        return make()
    except Exception as exc:  # noqa: BLE001 - a harness crash counts as a failed trial
        trial = Trial(name)
        trial.expect(False, f"trial crashed: {type(exc).__name__}: {exc}")
        trial.saw = f"{name}: trial crashed ({type(exc).__name__})"
        return trial


def _disk_full_trial(seed: Seed, extra: Path, command: str, size: int, free: int) -> Trial:
    trial = Trial(command)
    if True:
        with tmpfs(size) as point:
            folder = copy_seed(seed, point / "data")
            out_dir = point / "out"
            out_dir.mkdir()
            actions_before = len(audit_actions(folder))
            filler = fill_to(point, free)
            args: list[str] = {
                "check": ["check"], "list": ["list"], "summary": ["summary", "1"],
                "report": ["report", "1", "--out", str(out_dir / "r.pdf")],
                "export": ["export", "--client", "1", "--out", str(out_dir / "e.json")],
                "import": ["import", str(extra)], "backup": ["backup"],
            }[command]
            result = run(folder, *args)
            trial.saw = f"{command}: exit {result.code} {result.first_line()[:140]}"
            no_raw_text(trial, result)
            lowered = result.text.lower()
            trial.expect(not any(w in lowered for w in DAMAGE_WORDS), f"{command}: called damage or offered restore")
            if command in ("check", "list", "summary"):
                trial.expect(result.code == 0, f"{command} exit {result.code}")
            elif result.code != 0:
                trial.expect(result.code == 1, f"{command} exit {result.code}")
                trial.expect("full" in lowered, f"{command}: message does not say the disk is full")
            filler.unlink()
            leftovers = [p.name for p in out_dir.iterdir()]
            partial = [p for p in out_dir.rglob("*") if p.name.startswith(".")]
            partial += [p for p in (folder / "backups").iterdir() if p.name.startswith(".")]
            trial.expect(not partial, f"{command}: partial files left {[p.name for p in partial]}")
            actions = audit_actions(folder)
            if command in ("report", "export"):
                written = bool(leftovers)
                audited = len(actions) > actions_before and actions[-1] in ("report", "export")
                trial.expect(written == audited, f"{command}: file written={written} but audited={audited}")
                trial.expect(written == (result.code == 0), f"{command}: exit {result.code} but file={written}")
            if command == "import":
                expected = seed.clients_now + (1 if result.code == 0 else 0)
                trial.expect(count_clients(folder) == expected, "import left a partial store")
            rechecked = run(folder, "check")
            trial.expect(rechecked.code == 0, f"{command}: check after freeing space exit {rechecked.code}")
    return trial


READERS = ("list", "summary", "export", "report", "check")
WRITERS = ("import", "demo", "backup", "restore")


def read_only_trials(seed: Seed, work: Path) -> tuple[list[Trial], list[Trial]]:
    folder = copy_seed(seed, work / "folder")
    outside = work / "outside"
    outside.mkdir()
    extra = write_json(work / "ro.json", exchange_document(external_id="R1"))
    readers, writers = [], []
    with read_only_view(folder) as view:
        for command in READERS + WRITERS:
            args: list[str] = {
                "list": ["list"], "summary": ["summary", "1"], "check": ["check"],
                "export": ["export", "--client", "1", "--out", str(outside / "e.json")],
                "report": ["report", "1", "--out", str(outside / "r.pdf")],
                "import": ["import", str(extra)], "demo": ["demo"], "backup": ["backup"],
                "restore": ["restore", str(view / "backups" / seed.backup.name)],
            }[command]
            trial = Trial(command)
            result = run(view, *args)
            trial.saw = f"{command}: exit {result.code} {result.first_line()[:140]}"
            no_raw_text(trial, result)
            if command in READERS:
                trial.expect(result.code == 0, f"{command} exit {result.code}")
                readers.append(trial)
            else:
                trial.expect(result.code == 1, f"{command} exit {result.code}")
                trial.expect("read-only" in result.text.lower(), f"{command}: does not say read-only")
                writers.append(trial)
    for trial in readers:
        if trial.name in ("export", "report"):
            target = outside / ("e.json" if trial.name == "export" else "r.pdf")
            trial.expect(target.is_file(), f"{trial.name}: no file outside")
    return readers, writers


# ---------------------------------------------------------------------------
# The whole matrix


def _trial_in(work: Path, make: Callable[[Path], Trial]) -> Trial:
    folder = Path(tempfile.mkdtemp(dir=work))
    try:
        return make(folder)
    except Exception as exc:  # noqa: BLE001 - a harness crash counts as a failed trial
        trial = Trial("crash")
        trial.expect(False, f"trial crashed: {type(exc).__name__}: {exc}")
        trial.saw = f"crash: {type(exc).__name__}"
        return trial
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def matrix(work: Path, *, mount: bool | None = None, free_levels: tuple[int, ...] = (0, 16384, 65536, 98304),
           only: Callable[[str], bool] | None = None) -> list[Row]:
    """Every row of the fault matrix, run in ``work``."""
    mount = can_mount() if mount is None else mount
    seed = make_seed(work)
    rows: list[Row] = []
    wanted = only or (lambda _name: True)
    for fault in DAMAGE:
        if wanted(fault):
            rows.append(Row(fault, [_trial_in(work, lambda w, f=fault: damage_trial(seed, w, f))]))
    if wanted("garbage backup without a manifest"):
        rows.append(
            Row("garbage backup without a manifest", [_trial_in(work, lambda w: garbage_backup_trial(seed, w))])
        )
    for fault in AUDIT:
        if wanted(fault):
            rows.append(Row(fault, [_trial_in(work, lambda w, f=fault: audit_trial(seed, w, f))]))
    for fault in NAMES:
        if wanted(fault):
            rows.append(Row(fault, [_trial_in(work, lambda w, f=fault: name_trial(seed, w, f))]))
    if wanted("name at the length limit (report)"):
        rows.append(Row("name at the length limit (report)",
                        [_trial_in(work, lambda w: long_name_report_trial(seed, w))]))
    if mount:
        for free in free_levels:
            name = f"disk full, {free // 1024} KiB free (7 commands)"
            if wanted(name):
                rows.append(Row(name, disk_full_trials(seed, work, free)))
        if wanted("read-only folder"):
            readers, writers = read_only_trials(seed, work)
            rows.append(Row("read-only folder: list, summary, export, report, check", readers))
            rows.append(Row("read-only folder: import, demo, backup, restore", writers))
    return rows


def table(rows: list[Row]) -> str:
    lines = ["| fault | trials | failures | what the user saw |", "|---|---|---|---|"]
    for row in rows:
        saw = row.saw().replace("|", "\\|").replace("\n", " ")
        saw = saw if len(saw) <= 170 else saw[:167] + "..."
        lines.append(f"| {row.fault} | {len(row.trials)} | {row.failures} | {saw} |")
    return "\n".join(lines)
