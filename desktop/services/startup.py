"""Start-up checks before the window opens or a command runs: is the database sound, and what then.

``quick_check`` takes about 70 ms on an 87 MB file (reliability.md §1.8). The
check names five states: sound, new (no file and nothing says there was
one), damaged (any integrity failure, whatever bytes SQLite's message
holds), missing (no file or an empty one although backups or the audit
anchor say it held records) and foreign (a SQLite database that is not
Medius's). A full disk or a disconnected drive is none of these: it is a
storage problem, reported as such, never offered a restore.

A damaged, missing or foreign database is never written to and never
overwritten: it is renamed aside, and the newest backup that passes every
check is restored in its place, after the clinician has seen what that
backup holds.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from db.anchor import AnchorUnreadableError, read_anchor
from db.errors import (
    DatabaseDamagedError,
    DatabaseMissingError,
    NotMediusDatabaseError,
    StorageError,
    refine_for_free_space,
    storage_error_from,
)
from db.files import connect_file, sqlite_driver
from desktop.paths import AppPaths
from desktop.services.backup import (
    BackupInfo,
    RestoreOutcome,
    list_backups,
    newest_good_backup,
    restore_backup,
)

log = logging.getLogger(__name__)

SOUND, NEW, DAMAGED, MISSING, FOREIGN = "sound", "new", "damaged", "missing", "foreign"
_MEDIUS_TABLES = {"clients", "assessments", "audit_events"}


@dataclass(frozen=True)
class Health:
    """The database file's state at start.

    ``problems`` are short, printable descriptions (never raw driver text
    with undecodable bytes); ``storage_error`` is set when the file could not
    be read for a reason that is not damage (disk full, drive gone).
    """

    exists: bool
    problems: tuple[str, ...] = ()
    state: str = SOUND
    storage_error: StorageError | None = None

    @property
    def damaged(self) -> bool:
        """True when the file must be restored before use (damaged, missing with evidence, or foreign)."""
        return self.state in (DAMAGED, MISSING, FOREIGN)

    def error(self) -> DatabaseDamagedError:
        """The designed error for a database that needs restoring."""
        if self.state == MISSING:
            return DatabaseMissingError()
        if self.state == FOREIGN:
            return NotMediusDatabaseError()
        return DatabaseDamagedError()


def printable(text: object) -> str:
    """Driver text made safe to show and log: bytes decoded with replacement, one line, bounded."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    shown = str(text).encode("utf-8", "replace").decode("utf-8", "replace")
    return " ".join(shown.split())[:200]


def had_data(paths: AppPaths, key_hex: str | None = None) -> bool:
    """True when backups or the audit anchor show that this folder's database held records."""
    if list_backups(paths.backups):
        return True
    try:
        anchor = read_anchor(paths.database, key_hex)
    except AnchorUnreadableError:
        return True
    return anchor is not None and anchor.head_id > 0


def database_health(paths: AppPaths, key_hex: str | None = None) -> Health:
    """``PRAGMA quick_check`` on the file, read-only, before any migration or write."""
    database = paths.database
    try:
        exists = database.is_file()
        empty = exists and database.stat().st_size == 0
    except OSError as exc:
        return Health(False, (printable(exc.strerror or exc),), SOUND, storage_error_from(exc))
    if not exists or empty:
        if had_data(paths, key_hex):
            what = "is empty (0 bytes)" if empty else "is missing"
            log.error("database file %s although backups or the anchor show records", what)
            return Health(exists, (f"the database file {what}",), MISSING)
        return Health(exists, (), NEW)
    driver = sqlite_driver(key_hex)
    try:
        conn = connect_file(database, key_hex=key_hex, readonly=True)
    except (driver.Error, UnicodeDecodeError, OSError) as exc:
        return _failed(exc, database.parent)
    try:
        rows = [printable(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
        if rows == ["ok"]:
            tables = {printable(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except (driver.Error, UnicodeDecodeError) as exc:
        return _failed(exc, database.parent)
    finally:
        conn.close()
    if rows != ["ok"]:
        log.error("quick_check found %d problem(s) in the database", len(rows))
        return Health(True, tuple(rows), DAMAGED)
    if tables and not _MEDIUS_TABLES <= tables:
        log.error("the database file is not a Medius database")
        return Health(True, ("the file is a database, but not a Medius database",), FOREIGN)
    if not tables and had_data(paths, key_hex):
        return Health(True, ("the database file holds no tables",), MISSING)
    return Health(True)


def _failed(exc: BaseException, folder: Path) -> Health:
    """Damage when the driver says so (or its message is not even text); otherwise a storage error.

    An I/O error on a (nearly) full disk is the full disk, never damage.
    """
    mapped = storage_error_from(exc)
    if mapped is not None:
        mapped = refine_for_free_space(mapped, folder)
    if isinstance(exc, UnicodeDecodeError) or mapped is None or isinstance(mapped, DatabaseDamagedError):
        log.error("the database file failed to open or check: %s", type(exc).__name__)
        detail = "SQLite's message is not readable text" if isinstance(exc, UnicodeDecodeError) else printable(exc)
        return Health(True, (detail,), DAMAGED)
    log.warning("the database could not be checked: %s", type(mapped).__name__)
    return Health(True, (), SOUND, mapped)


def backup_summary(backup: BackupInfo) -> str:
    when = backup.created_at.strftime("%d %b %Y %H:%M") if backup.created_at else "an unknown date"
    return (f"The newest good backup is {backup.path.name}, from {when}: {backup.clients} client(s), "
            f"{backup.assessments} assessment(s), newest visit {backup.newest_assessment or 'none'}.")


def _what_happened(health: Health) -> str:
    if health.state == MISSING:
        return ("Medius's database file is missing or empty, although backups or the audit record show it "
                "held records. Nothing will be created in its place.")
    if health.state == FOREIGN:
        return ("The file in Medius's data folder is a database, but not a Medius database. "
                "It will be kept (renamed), never changed.")
    return ("Medius found damage in its database file, so it will not write to it. "
            "The damaged file will be kept (renamed), never overwritten.")


def damage_message(health: Health, backup: BackupInfo | None) -> str:
    """What the clinician reads in the window when the database needs restoring."""
    text = _what_happened(health)
    if backup is None:
        return text + " No usable backup was found; please contact support before doing anything else."
    return (text + "\n\n" + backup_summary(backup) + " Work saved after that backup is not in it."
            "\n\nRestore this backup now?")


def command_line_message(health: Health, backup: BackupInfo | None) -> str:
    """The same, for the command line: what happened and the exact command that recovers."""
    text = _what_happened(health)
    if backup is None:
        return text + " No usable backup was found in the backups folder; please contact support."
    return (f"{text} {backup_summary(backup)} Work saved after that backup is not in it. "
            f"To restore it: medius restore {backup.path}")


def find_recovery_backup(paths: AppPaths, key_hex: str | None = None) -> BackupInfo | None:
    return newest_good_backup(paths.backups, key_hex)


def restore_over_damaged(paths: AppPaths, backup: Path, key_hex: str | None = None,
                         source_key_hex: str | None = None) -> RestoreOutcome:
    """Rename the damaged (or foreign, or empty) database aside and put the verified backup in its place."""
    from db.anchor import write_anchor

    outcome = restore_backup(backup, paths.database, paths.backups, key_hex=key_hex,
                             source_key_hex=source_key_hex, current_damaged=True)
    write_anchor(paths.database, outcome.info.audit_head, key_hex, restored=True)
    log.warning("damaged database set aside and a backup restored")
    return outcome
