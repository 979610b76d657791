"""The first screen's data, read with the standard library before SQLAlchemy loads.

Importing SQLAlchemy and mapping the models costs a few hundred milliseconds,
more than everything else the first screen needs. On an ordinary start (an
existing, plain, sound database already at the current schema) the window is
filled from one read-only ``sqlite3`` connection that also runs the
start-up ``quick_check``. Until the full repository has opened (after start-up,
in the background), ``QuickReader`` answers the reads the start-up checks and
the first client page make, with the repository's results. Any other state (no
file yet, an encrypted folder, damage, a schema to migrate, an unexpected
error) returns None, or raises ``QuickReadError`` for the caller to ask the
full repository, which handles it. Reads only: this module never writes.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from db.files import BUSY_TIMEOUT_MS, read_only_uri
from db.records import SCHEMA_HEAD, AuditEvent, ClientSummary, NotFoundError, Stamps

if TYPE_CHECKING:
    from desktop.clinical import model as m

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
        conn = _read_only(database)
    except (OSError, sqlite3.Error) as exc:
        log.info("quick start unavailable: %s", type(exc).__name__)
        return None
    try:
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


def _read_only(database: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(read_only_uri(database), uri=True, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


class QuickReadError(Exception):
    """The quick reader could not answer; ask the full repository (it explains or recovers)."""


# How SQLAlchemy's SQLite dialect stores a column type, as declared in the file, and how it reads
# the stored value back. Any declared type not named here ends the quick reading (QuickReadError).
# (FLOAT is read as stored, as SQLAlchemy does: the column's REAL affinity already gives floats.)
_READ_AS: dict[str, Callable[[Any], Any]] = {
    "DATE": date.fromisoformat, "DATETIME": datetime.fromisoformat, "TIME": time.fromisoformat,
    "BOOLEAN": bool,
}
_AS_STORED = ("INTEGER", "FLOAT", "TEXT", "BLOB", "VARCHAR")

# A visit's child rows: (table, the attribute the mapping reads them from, their order).
_VISIT_CHILDREN = (
    ("assessment_red_flags", "red_flags", "position"),
    ("odi_scores", "odi_scores", "section"),
    ("psfs_items", "psfs_items", "position"),
    ("trendelenburg_tests", "trendelenburg", "id"),
    ("hip_abduction_sides", "hip_sides", "id"),
    ("hip_abduction_trials", "hip_trials", "side, trial_no"),
    ("program_items", "program_items", "position"),
)

# A table's column names, and for each how its stored value is read (None: as stored).
_Shape = tuple[tuple[str, ...], tuple[Callable[[Any], Any] | None, ...]]


class QuickReader:
    """``Repository``'s reads for the start-up checks and a client's page, through ``sqlite3``.

    The same results as the repository's methods of the same names, from the
    same plain, current database file (tests compare them for every column),
    while SQLAlchemy has not loaded yet. Each call reads in one snapshot on a
    read-only connection of its own, so any thread may call. An unknown client
    raises ``NotFoundError`` as the repository does; anything else that goes
    wrong raises ``QuickReadError``.
    """

    key_hex: str | None = None  # only a plain database file is read quickly

    def __init__(self, database: Path) -> None:
        self.database_path = database
        self._shapes: dict[str, _Shape] = {}
        self._lock = threading.Lock()

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        try:
            conn = _read_only(self.database_path)
            try:
                conn.execute("BEGIN")
                yield conn
                conn.execute("COMMIT")
            finally:
                conn.close()
        except (sqlite3.Error, OSError, ValueError, TypeError, KeyError) as exc:
            raise QuickReadError(type(exc).__name__) from exc

    def _shape(self, conn: sqlite3.Connection, table: str) -> _Shape:
        """A table's columns and how each stored value is read, from the types the file declares."""
        with self._lock:
            known = self._shapes.get(table)
        if known is not None:
            return known
        names: list[str] = []
        readers: list[Callable[[Any], Any] | None] = []
        for _cid, name, declared, *_rest in conn.execute(f'PRAGMA table_info("{table}")'):
            kind = str(declared).upper()
            if kind in _READ_AS:
                readers.append(_READ_AS[kind])
            elif kind.partition("(")[0] in _AS_STORED:
                readers.append(None)
            else:
                raise QuickReadError(f"column {table}.{name} declared {declared}")
            names.append(str(name))
        if not names:
            raise QuickReadError(f"no table {table}")
        shape = (tuple(names), tuple(readers))
        with self._lock:
            self._shapes[table] = shape
        return shape

    def _rows(self, conn: sqlite3.Connection, table: str, where: str, params: Sequence[Any],
              order: str = "id") -> list[SimpleNamespace]:
        names, readers = self._shape(conn, table)
        columns = ", ".join(f'"{name}"' for name in names)
        rows = []
        for values in conn.execute(f'SELECT {columns} FROM "{table}" WHERE {where} ORDER BY {order}', params):
            rows.append(SimpleNamespace(**{
                name: value if read is None or value is None else read(value)
                for name, read, value in zip(names, readers, values, strict=True)
            }))
        return rows

    # -- the repository's reads ------------------------------------------------

    def visit_stamps(self, client_id: int) -> Stamps:
        with self._snapshot() as conn:
            return _stamps(*self._client_and_visits(conn, client_id))

    def client_with_stamps(self, client_id: int) -> tuple[m.ClientRecord, Stamps]:
        from db.rows import assessment_from_row, client_from_row
        from desktop.clinical import model as m

        with self._snapshot() as conn:  # one snapshot: the stamps are those of the rows read
            client, visits = self._client_and_visits(conn, client_id)
            stamps = _stamps(client, visits)
            by_id = {visit.id: visit for visit in visits}
            for table, attribute, order in _VISIT_CHILDREN:
                for visit in visits:
                    setattr(visit, attribute, [])
                for row in self._rows(conn, table, "assessment_id IN (SELECT id FROM assessments WHERE client_id = ?)",
                                      (client_id,), f"assessment_id, {order}, id"):
                    getattr(by_id[row.assessment_id], attribute).append(row)
            try:
                record = m.ClientRecord(id=client.id, client=client_from_row(client),
                                        assessments=tuple((v.id, assessment_from_row(v)) for v in visits))
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                raise QuickReadError(type(exc).__name__) from exc
            return record, stamps

    def _client_and_visits(self, conn: sqlite3.Connection,
                           client_id: int) -> tuple[SimpleNamespace, list[SimpleNamespace]]:
        found = self._rows(conn, "clients", "id = ?", (client_id,))
        if not found:
            raise NotFoundError(f"no client with id {client_id}")
        return found[0], self._rows(conn, "assessments", "client_id = ?", (client_id,), "performed_on, id")

    def get_settings(self) -> m.ClinicSettings:
        from db.rows import settings_from_row

        with self._snapshot() as conn:
            found = self._rows(conn, "clinic_settings", "id = 1", ())
        return settings_from_row(found[0] if found else None)

    def audit_head(self) -> tuple[int, str] | None:
        with self._snapshot() as conn:
            row = conn.execute("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def audit_hash(self, event_id: int) -> str | None:
        with self._snapshot() as conn:
            row = conn.execute("SELECT hash FROM audit_events WHERE id = ?", (event_id,)).fetchone()
        return str(row[0]) if row else None

    def verify_audit_chain(self) -> int | None:
        from db.audit_chain import first_broken_event

        with self._snapshot() as conn:
            return first_broken_event(self._events(conn, 0))

    def audit_events_after(self, event_id: int) -> list[AuditEvent]:
        from db.audit_chain import event_from_row

        with self._snapshot() as conn:
            return [event_from_row(row) for row in self._events(conn, event_id)]

    def _events(self, conn: sqlite3.Connection, after_id: int) -> Iterator[tuple[Any, ...]]:
        """The events newer than ``after_id``, oldest first, as ``AUDIT_COLUMN_NAMES`` values."""
        from db.audit_chain import AUDIT_COLUMN_NAMES

        names, readers = self._shape(conn, "audit_events")
        read_at = readers[names.index("at")] if set(AUDIT_COLUMN_NAMES) <= set(names) else None
        if read_at is None:
            raise QuickReadError("audit_events is not as expected")
        columns = ", ".join(f'"{name}"' for name in AUDIT_COLUMN_NAMES)
        for row in conn.execute(f"SELECT {columns} FROM audit_events WHERE id > ? ORDER BY id", (after_id,)):
            yield (row[0], read_at(row[1]), *row[2:])


def _stamps(client: SimpleNamespace, visits: list[SimpleNamespace]) -> Stamps:
    """``Repository.visit_stamps`` of rows already read."""
    return (client.version, client.updated_at), tuple((v.id, v.version, v.updated_at) for v in visits)


# What the quick reader answers until the repository opens (``services.handle``).
QUICK_READS = frozenset({"visit_stamps", "client_with_stamps", "get_settings", "audit_head", "audit_hash",
                         "verify_audit_chain", "audit_events_after"})
QUICK_ATTRIBUTES = frozenset({"database_path", "key_hex"})
