"""Start-up checks before the window opens: is the database sound, and what to do when it is not.

``quick_check`` takes about 70 ms on an 87 MB file (reliability.md §1.8). A
damaged database is never written to and never overwritten: it is renamed
aside, and the newest backup that passes every check is restored in its
place, after the clinician has seen what that backup holds.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from db.engine import connect_file, sqlite_driver
from desktop.paths import AppPaths
from desktop.services.backup import BackupInfo, RestoreOutcome, newest_good_backup, restore_backup

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Health:
    """The database file's state at start."""

    exists: bool
    problems: tuple[str, ...] = ()

    @property
    def damaged(self) -> bool:
        return bool(self.problems)


def database_health(paths: AppPaths, key_hex: str | None = None) -> Health:
    """``PRAGMA quick_check`` on the file, read-only, before any migration or write."""
    database = paths.database
    if not database.exists() or database.stat().st_size == 0:
        return Health(exists=database.exists())
    driver = sqlite_driver(key_hex)
    try:
        conn = connect_file(database, key_hex=key_hex, readonly=True)
    except driver.Error as exc:
        return Health(True, (str(exc),))
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
    except driver.Error as exc:
        return Health(True, (str(exc),))
    finally:
        conn.close()
    if rows != ["ok"]:
        log.error("quick_check found %d problem(s) in the database", len(rows))
        return Health(True, tuple(rows))
    return Health(True)


def damage_message(health: Health, backup: BackupInfo | None) -> str:
    """What the clinician reads when the database is damaged."""
    text = ("Medius found damage in its database file, so it will not write to it. "
            "The damaged file will be kept (renamed), never overwritten.")
    if backup is None:
        return text + " No usable backup was found; please contact support before doing anything else."
    when = backup.created_at.strftime("%d %b %Y %H:%M") if backup.created_at else "an unknown date"
    return (text + f"\n\nThe newest good backup is from {when}: {backup.clients} client(s), "
            f"{backup.assessments} assessment(s), newest visit {backup.newest_assessment or 'none'}. "
            "Work saved after that backup is not in it.\n\nRestore this backup now?")


def find_recovery_backup(paths: AppPaths, key_hex: str | None = None) -> BackupInfo | None:
    return newest_good_backup(paths.backups, key_hex)


def restore_over_damaged(paths: AppPaths, backup: Path, key_hex: str | None = None,
                         source_key_hex: str | None = None) -> RestoreOutcome:
    """Rename the damaged database aside and put the verified backup in its place."""
    outcome = restore_backup(backup, paths.database, paths.backups, key_hex=key_hex,
                             source_key_hex=source_key_hex, current_damaged=True)
    log.warning("damaged database set aside and a backup restored")
    return outcome
