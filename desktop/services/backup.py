"""Consistent backups with SQLite's online backup API, verified before they count.

A backup is written to a temporary file, checked with ``integrity_check`` and
``foreign_key_check``, fsynced and only then renamed into place; a small
manifest beside it records row counts and the audit-chain head. Backups of
an encrypted database are written through SQLCipher with the same key, so
they are encrypted too. Restoring checks the candidate the same way, keeps a
verified copy of the current database first (or renames a damaged one
aside), and never leaves a half-restored file.

Automatic backups (``medius-auto-*``) are taken at start when the newest is
older than a day and at exit when anything changed, and rotate like a
grandfather-father-son tape set: 7 daily, 4 weekly, 12 monthly.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.anchor import write_anchor, write_json_private
from db.files import (
    connect_file,
    copy_database_file,
    create_private_file,
    sqlcipher_driver,
    sqlite_driver,
)
from desktop import __version__

if TYPE_CHECKING:
    from db.repository import Repository
    from desktop.paths import AppPaths

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
MANIFEST_SUFFIX = ".manifest.json"
AUTO_KIND = "auto"
AUTO_EVERY = timedelta(hours=24)
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12
KEEP_SAFETY_COPIES = 5  # pre-restore / pre-upgrade / pre-encryption copies of each kind
_NAME = re.compile(r"medius-(?P<kind>[a-z-]+?)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.sqlite3")
_MEDIUS_TABLES = {"clients", "assessments", "audit_events", "alembic_version"}


class BackupError(RuntimeError):
    """A backup could not be written, read or restored; the message is for the clinician."""


class BackupKeyError(BackupError):
    """The backup is encrypted with a password other than the one given (e.g. before a change)."""


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds, as the restore window shows it before anything is replaced."""

    path: Path
    schema_revision: str | None
    clients: int
    assessments: int
    newest_assessment: str | None
    size_bytes: int
    created_at: datetime | None = None
    kind: str = "manual"
    encrypted: bool = False
    row_counts: dict[str, int] = field(default_factory=dict)
    audit_head: tuple[int, str] | None = None


@dataclass(frozen=True)
class RestoreOutcome:
    info: BackupInfo
    kept_copy: Path | None  # verified backup of the database that was replaced
    set_aside: Path | None  # damaged database renamed aside, never deleted


# ---------------------------------------------------------------------------
# Files


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


def _private(path: Path) -> None:
    if os.name == "posix" and path.exists():
        os.chmod(path, 0o600)


def is_encrypted_file(path: Path) -> bool:
    """True when the file does not start with SQLite's plain header (SQLCipher files look random)."""
    with open(path, "rb") as handle:
        return handle.read(16) != SQLITE_HEADER


def key_id(key_hex: str | None) -> str | None:
    """A short public fingerprint of a key: tells which password a backup needs, reveals nothing."""
    if not key_hex:
        return None
    return hashlib.sha256(b"medius-key-id:" + bytes.fromhex(key_hex)).hexdigest()[:16]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


def read_manifest(backup: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(manifest_path(backup).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def stamp_of(path: Path) -> datetime | None:
    """When an automatically named backup was taken, from its file name."""
    match = _NAME.fullmatch(path.name)
    return datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S") if match else None


def kind_of(path: Path) -> str:
    match = _NAME.fullmatch(path.name)
    return match["kind"] if match else "manual"


def default_backup_name(kind: str = "manual", now: datetime | None = None) -> str:
    return f"medius-{kind}-{(now or datetime.now()).strftime('%Y%m%d-%H%M%S')}.sqlite3"


def _unique(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


# ---------------------------------------------------------------------------
# Checking and describing


def _open_checked(path: Path, key_hex: str | None) -> Any:
    """A read-only connection that has proved it can read the schema (wrong key -> BackupKeyError)."""
    driver = sqlite_driver(key_hex)
    try:
        conn = connect_file(path, key_hex=key_hex, readonly=True)
    except driver.Error:
        raise BackupError(f"{path.name} cannot be opened: it is missing, unreadable or not a database.") from None
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc) and is_encrypted_file(path):
            if (read_manifest(path) or {}).get("encrypted"):
                raise BackupKeyError(
                    f"{path.name} is encrypted with a different password (perhaps one in use before a change). "
                    "Enter the password that was in force when it was made."
                ) from None
            raise BackupError(
                f"{path.name} cannot be read: it is damaged, not a Medius backup, or an encrypted backup "
                "whose manifest file (kept beside it) is missing.") from None
        raise BackupError(f"{path.name} is damaged or not a Medius database.") from None
    return conn


def integrity_problems(path: Path, key_hex: str | None = None) -> list[str]:
    """Messages from ``integrity_check`` and ``foreign_key_check``; empty when the file is sound."""
    if not path.is_file():
        return [f"{path.name} does not exist"]
    driver = sqlite_driver(key_hex)
    try:
        conn = _open_checked(path, key_hex)
    except BackupError as exc:
        return [str(exc)]
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
        problems = [] if rows == ["ok"] else rows
        problems += [f"foreign key: {r}" for r in conn.execute("PRAGMA foreign_key_check").fetchall()]
        return problems
    except (driver.DatabaseError, UnicodeDecodeError):
        return [f"{path.name} cannot be read to the end: it is damaged"]
    finally:
        conn.close()


def _row_counts(conn: Any) -> dict[str, int]:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in names}


def _read_info(path: Path, key_hex: str | None, manifest: dict[str, Any] | None) -> BackupInfo:
    driver = sqlite_driver(key_hex)
    conn = _open_checked(path, key_hex)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not _MEDIUS_TABLES <= tables:
            raise BackupError(f"{path.name} is not a Medius database")
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        newest = conn.execute("SELECT max(performed_on) FROM assessments").fetchone()[0]
        head = conn.execute("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
        counts = _row_counts(conn)
    except driver.DatabaseError:
        raise BackupError(f"{path.name} cannot be read: it is damaged or not a Medius database.") from None
    finally:
        conn.close()
    created = None
    if manifest and isinstance(manifest.get("created_at"), str):
        try:
            created = datetime.fromisoformat(manifest["created_at"])
        except ValueError:
            created = None
    created = created or stamp_of(path) or datetime.fromtimestamp(path.stat().st_mtime)
    return BackupInfo(
        path=path,
        schema_revision=revision[0] if revision else None,
        clients=counts.get("clients", 0),
        assessments=counts.get("assessments", 0),
        newest_assessment=str(newest) if newest else None,
        size_bytes=path.stat().st_size,
        created_at=created,
        kind=str(manifest.get("kind")) if manifest else kind_of(path),
        encrypted=is_encrypted_file(path),
        row_counts=counts,
        audit_head=(int(head[0]), str(head[1])) if head else None,
    )


def describe_backup(path: Path, key_hex: str | None = None) -> BackupInfo:
    """What a backup holds, after every check; BackupError when it is not usable.

    Checks: the file exists and is not empty, matches the checksum in its
    manifest (catches truncation), opens with the key, passes
    ``integrity_check`` and ``foreign_key_check``, and has Medius's tables.
    """
    if not path.is_file():
        raise BackupError(f"{path.name} does not exist")
    if path.stat().st_size == 0:
        raise BackupError(f"{path.name} is empty")
    manifest = read_manifest(path)
    if manifest and manifest.get("sha256") and manifest["sha256"] != _sha256(path):
        raise BackupError(f"{path.name} has changed or been cut short since it was written; it cannot be used")
    problems = integrity_problems(path, key_hex)
    if problems:
        if problems[0].startswith(f"{path.name} is encrypted"):
            raise BackupKeyError(problems[0])
        if problems[0].startswith(path.name):
            raise BackupError(problems[0])
        raise BackupError(f"{path.name} is damaged or not a Medius database: {problems[0]}")
    return _read_info(path, key_hex, manifest)


# ---------------------------------------------------------------------------
# Writing


def write_backup(database: Path, destination: Path, *, key_hex: str | None = None,
                 kind: str | None = None) -> BackupInfo:
    """A verified copy of ``database`` at ``destination`` (atomic: whole or absent), with its manifest."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    tmp = destination.with_name(f".{destination.name}.partial")
    tmp.unlink(missing_ok=True)
    driver = sqlite_driver(key_hex)
    try:
        copy_database_file(database, tmp, key_hex=key_hex)
        problems = integrity_problems(tmp, key_hex)
        if problems:
            raise BackupError(f"the backup copy failed its integrity check: {problems[0]}")
        _fsync_file(tmp)
        os.replace(tmp, destination)
        _fsync_dir(destination.parent)
    except (driver.Error, OSError) as exc:
        from db.errors import DiskFullError, disk_full, plain_storage_error

        mapped = plain_storage_error(exc)
        if isinstance(mapped, DiskFullError):
            mapped = disk_full(_file_size(database) * 2, destination.parent, what="the backup")
        raise BackupError(f"The backup could not be written. {mapped}") from None
    finally:
        tmp.unlink(missing_ok=True)
    _private(destination)
    return write_manifest(destination, key_hex, kind or kind_of(destination))


def write_manifest(backup: Path, key_hex: str | None, kind: str) -> BackupInfo:
    """Record what ``backup`` holds beside it: row counts, audit-chain head, checksum, key id."""
    info = _read_info(backup, key_hex, None)
    manifest = {
        "format": "medius-backup-manifest",
        "version": 1,
        "file": backup.name,
        "kind": kind,
        "created_at": datetime.now().replace(microsecond=0).isoformat(),
        "app_version": __version__,
        "schema_revision": info.schema_revision,
        "encrypted": info.encrypted,
        "key_id": key_id(key_hex),
        "size_bytes": info.size_bytes,
        "sha256": _sha256(backup),
        "row_counts": info.row_counts,
        "audit_head": {"id": info.audit_head[0], "hash": info.audit_head[1]} if info.audit_head else None,
    }
    write_json_private(manifest_path(backup), manifest)
    _fsync_dir(backup.parent)
    return _read_info(backup, key_hex, manifest)


def list_backups(folder: Path) -> list[Path]:
    """Backup files in ``folder``, newest first (by the time in the name, else modification time)."""
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob("*.sqlite3") if p.is_file() and not p.name.startswith(".")]
    def when(path: Path) -> tuple[datetime, float]:
        modified = path.stat().st_mtime
        return stamp_of(path) or datetime.fromtimestamp(modified), modified

    return sorted(files, key=when, reverse=True)


def automatic_backups(folder: Path) -> list[Path]:
    return [p for p in list_backups(folder) if kind_of(p) == AUTO_KIND]


def automatic_backup_due(folder: Path, now: datetime | None = None) -> bool:
    """True when no automatic backup is younger than a day."""
    newest = next(iter(automatic_backups(folder)), None)
    taken = stamp_of(newest) if newest else None
    return taken is None or (now or datetime.now()) - taken >= AUTO_EVERY


def rotation_keeps(backups: list[Path], *, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY,
                   monthly: int = KEEP_MONTHLY) -> set[Path]:
    """Which automatic backups to keep: the newest of each of the last N days, ISO weeks and months."""
    keep: set[Path] = set()
    days: set[object] = set()
    weeks: set[object] = set()
    months: set[object] = set()
    dated = sorted(((stamp_of(p), p) for p in backups if stamp_of(p)), key=lambda t: t[0], reverse=True)  # type: ignore[arg-type, return-value]
    for taken, path in dated:
        assert taken is not None
        day, week, month = taken.date(), taken.isocalendar()[:2], (taken.year, taken.month)
        if day not in days and len(days) < daily:
            days.add(day)
            keep.add(path)
        if week not in weeks and len(weeks) < weekly:
            weeks.add(week)
            keep.add(path)
        if month not in months and len(months) < monthly:
            months.add(month)
            keep.add(path)
    return keep


def remove_backup(path: Path) -> None:
    path.unlink(missing_ok=True)
    manifest_path(path).unlink(missing_ok=True)


def rotate(folder: Path) -> list[Path]:
    """Delete automatic backups that fell out of the rotation, and surplus safety copies."""
    removed: list[Path] = []
    autos = automatic_backups(folder)
    keep = rotation_keeps(autos)
    for path in autos:
        if path not in keep:
            remove_backup(path)
            removed.append(path)
    by_kind: dict[str, list[Path]] = {}
    for path in list_backups(folder):
        if kind_of(path).startswith("pre-"):
            by_kind.setdefault(kind_of(path), []).append(path)
    for paths in by_kind.values():
        for path in paths[KEEP_SAFETY_COPIES:]:
            remove_backup(path)
            removed.append(path)
    if removed:
        log.info("rotated out %d old backup(s)", len(removed))
    return removed


# ---------------------------------------------------------------------------
# Restoring


def copy_with_key(source: Path, source_key: str | None, target: Path, target_key: str | None) -> None:
    """Copy ``source`` into a new file under another key (or none) with ``sqlcipher_export``."""
    create_private_file(target)
    conn = sqlcipher_driver().connect(str(source), isolation_level=None)
    try:
        if source_key:
            conn.execute(f"PRAGMA key = \"x'{source_key}'\"")
        target_literal = str(target).replace("'", "''")
        key_literal = f"\"x'{target_key}'\"" if target_key else "''"
        conn.execute(f"ATTACH DATABASE '{target_literal}' AS target KEY {key_literal}")
        conn.execute("SELECT sqlcipher_export('target')")
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        conn.execute(f"PRAGMA target.user_version = {int(version)}")
        conn.execute("DETACH DATABASE target")
    finally:
        conn.close()


def side_files(database: Path) -> list[Path]:
    return [database.with_name(database.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def set_aside(database: Path, reason: str = "damaged") -> Path:
    """Rename a database (with its WAL and shared-memory files) aside; it is kept, never deleted."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = _unique(database.with_name(f"{database.name}.{reason}-{stamp}"))
    for side in side_files(database):
        if side.exists():
            os.replace(side, target.with_name(target.name + side.name[len(database.name):]))
    os.replace(database, target)
    _fsync_dir(database.parent)
    return target


def restore_backup(source: Path, database: Path, safety_dir: Path, *, key_hex: str | None = None,
                   source_key_hex: str | None = None, current_damaged: bool = False) -> RestoreOutcome:
    """Replace the live database with a verified backup, keeping what was there first.

    ``key_hex`` is the live database's key; ``source_key_hex`` the backup's,
    when it differs (a backup made before a password change). A sound current
    database is first backed up into ``safety_dir`` (``medius-pre-restore-*``);
    a damaged one is renamed aside. The caller must hold no open connection.
    """
    from db.engine import known_revision_ids

    source_key = source_key_hex if source_key_hex is not None else key_hex
    info = describe_backup(source, source_key)
    if info.schema_revision not in known_revision_ids():
        raise BackupError(f"{source.name} was made by a newer version of Medius; install it to restore this backup")
    staged = database.with_name(f".{database.name}.restoring")
    staged.unlink(missing_ok=True)
    kept: Path | None = None
    aside: Path | None = None
    try:
        if source_key == key_hex:
            copy_database_file(source, staged, key_hex=key_hex)
        else:
            copy_with_key(source, source_key, staged, key_hex)
        problems = integrity_problems(staged, key_hex)
        if problems:
            raise BackupError(f"the restored copy failed its integrity check: {problems[0]}")
        if database.exists() and not current_damaged:
            kept = write_backup(database, _unique(safety_dir / default_backup_name("pre-restore")),
                                key_hex=key_hex, kind="pre-restore").path
            src = connect_file(staged, key_hex=key_hex)
            try:
                dst = connect_file(database, key_hex=key_hex)
                try:
                    src.backup(dst)
                finally:
                    dst.close()
            finally:
                src.close()
        else:
            if database.exists():
                aside = set_aside(database)
            _fsync_file(staged)
            os.replace(staged, database)
            _fsync_dir(database.parent)
    except sqlite_driver(key_hex).Error as exc:
        raise BackupError(f"The backup could not be restored: {exc}") from None
    finally:
        staged.unlink(missing_ok=True)
    _private(database)
    return RestoreOutcome(info, kept, aside)


def newest_good_backup(folder: Path, key_hex: str | None = None) -> BackupInfo | None:
    """The newest backup that passes every check with this key (start-up recovery)."""
    for path in list_backups(folder):
        try:
            return describe_backup(path, key_hex)
        except BackupError:
            log.warning("skipping unusable backup %s", path.name)
    return None


# ---------------------------------------------------------------------------
# The use case the window and the command line call


class BackupService:
    """Backups of one open repository: manual, automatic with rotation, and restore."""

    def __init__(self, repo: Repository, paths: AppPaths) -> None:
        self.repo = repo
        self.paths = paths

    @property
    def database(self) -> Path:
        path = self.repo.database_path
        if path is None:
            raise BackupError("backups are made of the local SQLite database only")
        return path

    def back_up(self, destination: Path | None = None, *, kind: str = "manual") -> BackupInfo:
        """Write a verified backup (into the backups folder unless ``destination`` is given)."""
        target = destination or _unique(self.paths.backups / default_backup_name(kind))
        info = write_backup(self.database, target, key_hex=self.repo.key_hex, kind=kind)
        self.repo.record_event("backup", "database", None, None, f"kind={kind.replace('-', '_')}")
        log.info("backup written (%s, %d bytes)", kind, info.size_bytes)
        return info

    def changed_since_last_automatic(self) -> bool:
        """True when anything but a backup happened since the newest automatic backup."""
        newest = next(iter(automatic_backups(self.paths.backups)), None)
        if newest is None:
            return True
        manifest = read_manifest(newest) or {}
        head = manifest.get("audit_head") or {}
        since = self.repo.audit_events_after(int(head.get("id", 0)))
        return any(event.action != "backup" for event in since)

    def automatic(self, *, at_exit: bool = False, now: datetime | None = None) -> BackupInfo | None:
        """Take the automatic backup when due (daily at start; at exit when anything changed), then rotate."""
        if self.repo.audit_head() is None:
            return None  # nothing has been recorded yet: nothing to protect
        due = automatic_backup_due(self.paths.backups, now)
        if at_exit:
            due = due or self.changed_since_last_automatic()
        if not due:
            return None
        target = _unique(self.paths.backups / default_backup_name(AUTO_KIND, now))
        info = self.back_up(target, kind=AUTO_KIND)
        rotate(self.paths.backups)
        return info

    def backups(self) -> list[Path]:
        return list_backups(self.paths.backups)

    def _source_key(self, path: Path, source_key_hex: str | None) -> str | None:
        if path.is_file() and not is_encrypted_file(path):
            return None
        return source_key_hex if source_key_hex is not None else self.repo.key_hex

    def describe(self, path: Path, *, key_hex: str | None = None) -> BackupInfo:
        """What ``path`` holds (BackupKeyError: it needs the password of its day)."""
        return describe_backup(path, self._source_key(path, key_hex))

    def restore(self, source: Path, *, source_key_hex: str | None = None) -> RestoreOutcome:
        """Restore ``source`` over the open database, then bring its schema up to date."""
        from db.engine import migrate

        with self.repo.maintenance():
            self.repo.engine.dispose()
            outcome = restore_backup(source, self.database, self.paths.backups, key_hex=self.repo.key_hex,
                                     source_key_hex=self._source_key(source, source_key_hex))
            migrate(self.repo.engine, backup_dir=self.paths.backups)
            write_anchor(self.database, outcome.info.audit_head, self.repo.key_hex, restored=True)
        self.repo.record_event("restore", "database", None, None, f"clients={outcome.info.clients}")
        log.info("database restored from a %s backup", outcome.info.kind)
        return outcome
