"""The first screen's data, read with the standard library before SQLAlchemy loads.

Importing SQLAlchemy and mapping the models costs a few hundred milliseconds,
more than everything else the first screen needs. On an ordinary start (an
existing, plain, sound database already at the current schema) the window is
filled from one read-only ``sqlite3`` connection that also runs the
start-up ``quick_check``; the full repository opens in the background. Any
other state (no file yet, an encrypted folder, damage, a schema to migrate, an
unexpected error) returns None and start-up takes the full path, which
handles it. Reads only: this module never writes.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from db.records import SCHEMA_HEAD, ClientSummary

log = logging.getLogger(__name__)

# The same rows, order and counts as Repository.list_clients("") (a test compares them).
_CLIENTS_SQL = """
SELECT c.id, c.given_name, c.family_name, c.date_of_birth, c.external_id, a.n, a.last, c.search_key
FROM clients AS c
LEFT OUTER JOIN (
    SELECT client_id, count(id) AS n, max(performed_on) AS last FROM assessments GROUP BY client_id
) AS a ON a.client_id = c.id
ORDER BY c.family_name, c.given_name, c.id
"""
# The same rows as one JSON text: SQLite builds it in a single step, without the interpreter
# lock, where row by row every step would hand the lock over (and wait for it back) while Qt
# loads on the main thread. The order is restored in Python too (the aggregate's order follows
# the subquery's in practice; code-point order of str is SQLite's binary order of UTF-8).
_CLIENTS_AS_JSON_SQL = f"""
SELECT json_group_array(json_array(id, given_name, family_name, date_of_birth, external_id, n, last, search_key))
FROM ({_CLIENTS_SQL})
"""
_DRAFTS_SQL = "SELECT key, updated_at FROM drafts WHERE key LIKE ? ORDER BY updated_at DESC"


@dataclass(frozen=True)
class FirstPage:
    """Every client for the list, and the unsaved drafts to offer, as plain data."""

    clients: list[ClientSummary]
    drafts: list[tuple[str, datetime]]


class FirstPageReading:
    """``read_first_page`` begun on a thread of its own before Qt loads.

    The thread does the part that is SQLite's own work (``quick_check``, the
    grouped client query as one JSON text), which runs without the
    interpreter lock, so it overlaps the import of PySide6 on the other core
    instead of following it. ``result()`` waits for it and turns the text into
    rows on the calling thread; a failure anywhere reads as None (the full path).
    """

    def __init__(self, database: Path, draft_prefix: str) -> None:
        self._stored: _Stored | None = None
        self._thread = threading.Thread(target=self._read, args=(database, draft_prefix),
                                        name="medius-first-page", daemon=True)
        self._thread.start()

    def _read(self, database: Path, draft_prefix: str) -> None:
        try:
            self._stored = _read_stored(database, draft_prefix)
        except Exception as exc:  # noqa: BLE001 - any surprise means the full path, which explains
            log.info("quick start unavailable: %s", type(exc).__name__)

    def result(self) -> FirstPage | None:
        self._thread.join()
        return _decoded(self._stored)


# The client list as SQLite's JSON text, and the drafts' (key, updated_at) as stored.
_Stored = tuple[str, list[tuple[str, str]]]


def read_first_page(database: Path, draft_prefix: str) -> FirstPage | None:
    """The client list, and the drafts under ``draft_prefix``, of a sound, plain, up-to-date
    ``database``; None for anything else."""
    return _decoded(_read_stored(database, draft_prefix))


def _read_stored(database: Path, draft_prefix: str) -> _Stored | None:
    if not database.is_file() or database.stat().st_size == 0:
        return None
    try:
        with database.open("rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                return None  # encrypted or not a database: the full path explains
        conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        log.info("quick start unavailable: %s", type(exc).__name__)
        return None
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        if [str(r[0]) for r in conn.execute("PRAGMA quick_check")] != ["ok"]:
            return None  # the full path finds the damage again and offers recovery
        version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if version != [(SCHEMA_HEAD,)]:
            return None  # an upgrade (or a newer app's file): the full path decides
        conn.execute("BEGIN")  # one snapshot for both reads
        (listing,), = conn.execute(_CLIENTS_AS_JSON_SQL).fetchall()
        drafts = conn.execute(_DRAFTS_SQL, (f"{draft_prefix}%",)).fetchall()
        conn.execute("COMMIT")
        return str(listing), drafts
    except (sqlite3.Error, ValueError, TypeError) as exc:
        log.info("quick start unavailable: %s", type(exc).__name__)
        return None
    finally:
        conn.close()


def _decoded(stored: _Stored | None) -> FirstPage | None:
    if stored is None:
        return None
    listing, stored_drafts = stored
    try:
        rows = sorted(json.loads(listing), key=lambda row: (row[2], row[1], row[0]))
        clients = [
            ClientSummary(row[0], row[1], row[2], date.fromisoformat(row[3]), row[4], row[5] or 0,
                          date.fromisoformat(row[6]) if row[6] else None, row[7] or "")
            for row in rows
        ]
        drafts = [(key, datetime.fromisoformat(updated)) for key, updated in stored_drafts]
    except (ValueError, TypeError, IndexError) as exc:
        log.info("quick start unavailable: %s", type(exc).__name__)
        return None
    return FirstPage(clients, drafts)
