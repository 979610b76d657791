"""Consistent backups with SQLite's online backup API, verified before they count.

A backup is written to a temporary file, checked with ``integrity_check``,
fsynced and only then renamed into place. Restoring checks the candidate the
same way, keeps a copy of the current database first, and copies the pages in
with the backup API, so a bad file never replaces a good one.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from db.engine import copy_database_file


class BackupError(RuntimeError):
    pass


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    schema_revision: str | None
    clients: int
    assessments: int
    newest_assessment: str | None
    size_bytes: int


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def integrity_problems(path: Path) -> list[str]:
    """Messages from ``integrity_check`` and ``foreign_key_check``; empty when the file is sound."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        problems = [] if rows == ["ok"] else rows
        problems += [f"foreign key: {r}" for r in conn.execute("PRAGMA foreign_key_check").fetchall()]
        return problems
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()


def describe_backup(path: Path) -> BackupInfo:
    """What a backup holds, read without changing it; BackupError when it is not usable."""
    if not path.is_file():
        raise BackupError(f"{path.name} does not exist")
    problems = integrity_problems(path)
    if problems:
        raise BackupError(f"{path.name} is damaged or not a Medius database: {problems[0]}")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"clients", "assessments", "alembic_version"} <= tables:
            raise BackupError(f"{path.name} is not a Medius database")
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        clients = conn.execute("SELECT count(*) FROM clients").fetchone()[0]
        assessments = conn.execute("SELECT count(*) FROM assessments").fetchone()[0]
        newest = conn.execute("SELECT max(performed_on) FROM assessments").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path.name} cannot be read: {exc}") from None
    finally:
        conn.close()
    return BackupInfo(path, revision[0] if revision else None, clients, assessments, newest, path.stat().st_size)


def write_backup(database: Path, destination: Path) -> Path:
    """A verified copy of ``database`` at ``destination`` (atomic: whole or absent)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    tmp = destination.with_name(f".{destination.name}.partial")
    tmp.unlink(missing_ok=True)
    try:
        copy_database_file(database, tmp)
        with sqlite3.connect(str(tmp)) as conn:
            conn.execute("PRAGMA journal_mode = DELETE")
        problems = integrity_problems(tmp)
        if problems:
            raise BackupError(f"the backup copy failed its integrity check: {problems[0]}")
        _fsync_file(tmp)
        os.replace(tmp, destination)
        _fsync_dir(destination.parent)
    except sqlite3.Error as exc:
        raise BackupError(f"backup failed: {exc}") from None
    finally:
        tmp.unlink(missing_ok=True)
    if os.name == "posix":
        os.chmod(destination, 0o600)
    return destination


def default_backup_name(kind: str = "manual") -> str:
    return f"medius-{kind}-{datetime.now().strftime('%Y%m%d-%H%M%S')}.sqlite3"


def restore_backup(source: Path, database: Path, safety_dir: Path) -> Path:
    """Replace the live database with a verified backup; returns the copy kept of the old one."""
    describe_backup(source)
    safety_copy = safety_dir / default_backup_name("pre-restore")
    if database.exists():
        write_backup(database, safety_copy)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(database))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return safety_copy
