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

import logging
import sqlite3
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
_DRAFTS_SQL = "SELECT key, updated_at FROM drafts WHERE key LIKE ? ORDER BY updated_at DESC"


@dataclass(frozen=True)
class FirstPage:
    """Every client for the list, and the unsaved drafts to offer, as plain data."""

    clients: list[ClientSummary]
    drafts: list[tuple[str, datetime]]


def read_first_page(database: Path, draft_prefix: str) -> FirstPage | None:
    """The client list, and the drafts under ``draft_prefix``, of a sound, plain, up-to-date
    ``database``; None for anything else."""
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
        clients = [
            ClientSummary(row[0], row[1], row[2], date.fromisoformat(row[3]), row[4], row[5] or 0,
                          date.fromisoformat(row[6]) if row[6] else None, row[7] or "")
            for row in conn.execute(_CLIENTS_SQL)
        ]
        drafts = [(key, datetime.fromisoformat(updated)) for key, updated
                  in conn.execute(_DRAFTS_SQL, (f"{draft_prefix}%",))]
        conn.execute("COMMIT")
        return FirstPage(clients, drafts)
    except (sqlite3.Error, ValueError, TypeError) as exc:
        log.info("quick start unavailable: %s", type(exc).__name__)
        return None
    finally:
        conn.close()
