"""The database file itself, without SQLAlchemy: drivers, connections, copies, private files.

Backups, start-up checks and the quick reader open the SQLite file directly
through these; ``db.engine`` builds SQLAlchemy engines on the same helpers.
"""

from __future__ import annotations

import functools
import os
import re
import sqlite3
from pathlib import Path
from typing import Any

BUSY_TIMEOUT_MS = 5000
_RAW_KEY = re.compile(r"[0-9a-fA-F]{64}")


def _check_key(key_hex: str) -> str:
    if not _RAW_KEY.fullmatch(key_hex):
        raise ValueError("a SQLCipher raw key must be exactly 64 hexadecimal characters")
    return key_hex


def sqlite_driver(key_hex: str | None) -> Any:
    """The DB-API module for a file: SQLCipher when keyed, the standard library otherwise.

    One data folder always uses one of the two, never both at once: two SQLite
    libraries in one process do not see each other's POSIX locks
    (reliability.md §1.3).
    """
    if key_hex:
        return sqlcipher_driver()
    return sqlite3


@functools.lru_cache(maxsize=1)
def sqlcipher_driver() -> Any:
    """The SQLCipher driver, with its stderr logging silenced (failures still raise)."""
    import sqlcipher3

    conn = sqlcipher3.dbapi2.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    finally:
        conn.close()
    return sqlcipher3.dbapi2


def connect_file(path: Path, *, key_hex: str | None = None, readonly: bool = False) -> Any:
    """A DB-API connection to one SQLite file, keyed first when encrypted; autocommit mode."""
    driver = sqlite_driver(key_hex)
    if readonly:
        if not path.is_file():
            raise driver.OperationalError(f"unable to open database file {path.name}")
        conn = driver.connect(read_only_uri(path), uri=True, isolation_level=None)
    else:
        conn = driver.connect(str(path), isolation_level=None)
    try:
        if key_hex:
            conn.execute(f"PRAGMA key = \"x'{_check_key(key_hex)}'\"")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except BaseException:
        conn.close()
        raise
    return conn


def folder_writable(folder: Path) -> bool:
    """True when files can be created in ``folder`` (False on a read-only mount, even for root)."""
    return os.access(folder, os.W_OK)


def read_only_uri(path: Path) -> str:
    """A read-only SQLite URI for ``path``.

    In a folder nobody can write, SQLite cannot create the WAL index (-shm)
    it needs even to read a WAL database, so the file is opened as
    immutable: nothing can change it through this folder anyway.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return uri + "&immutable=1" if not folder_writable(path.parent) else uri


def copy_database_file(source: Path, destination: Path, *, key_hex: str | None = None) -> Path:
    """A consistent copy of a live SQLite file via the online backup API.

    The copy uses the same key as the source (SQLCipher 4.3+ copies encrypted
    to encrypted), is switched to a rollback journal so it is one
    self-contained file, and is readable by its owner only.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    _create_private(destination)
    src = connect_file(source, key_hex=key_hex)
    try:
        dst = connect_file(destination, key_hex=key_hex)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    return destination


def _create_private(path: Path) -> None:
    """Create ``path`` empty and owner-only, so SQLite never makes it world-readable."""
    if os.name != "posix" or path.exists():
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def create_private_file(path: Path) -> None:
    """Public form of the owner-only creation, for the live database file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _create_private(path)
