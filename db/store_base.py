"""Sessions, the write gate, busy retries and audit appends: what every store shares.

Every write is one transaction that stores the record, its child rows and its
audit event together, so a crash or error never leaves half a record.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from db.anchor import write_anchor
from db.audit_chain import (
    AUDIT_CHAIN_LOCK,
    AUDIT_COLUMN_NAMES,
    GENESIS_HASH,
    check_audit_detail,
    event_from_row,
    event_hash,
    first_broken_event,
)
from db.bulk_insert import Event, insert_audit_events
from db.engine import database_path, engine_key, reading
from db.errors import (
    READ_ONLY_FOLDER,
    DatabaseBusyError,
    ReadOnlyStorageError,
    StorageError,
    is_driver_error,
    plain_storage_error,
    storage_error_from,
)
from db.models import (
    AssessmentRow,
    AuditEventRow,
    ClientRow,
)
from db.records import AuditEvent, ConflictError, NotFoundError

log = logging.getLogger(__name__)
AUDIT_COLUMNS = select(*(getattr(AuditEventRow, name) for name in AUDIT_COLUMN_NAMES))

_T = TypeVar("_T")


def retry_when_busy(method: Callable[..., _T]) -> Callable[..., _T]:
    """Run a write again when another program held the database past the busy timeout.

    Safe because every write is one transaction: a failed attempt left nothing behind.
    """

    @functools.wraps(method)
    def wrapper(self: StoreBase, *args: Any, **kwargs: Any) -> _T:
        attempt = 0
        while True:
            try:
                return method(self, *args, **kwargs)
            except DatabaseBusyError:
                attempt += 1
                if attempt > self.busy_retries:
                    raise
                time.sleep(self.retry_pause_s)

    return wrapper

def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@contextmanager
def plain_storage_errors() -> Iterator[None]:
    """Re-raise every driver failure as a StorageError subclass with a designed message.

    Disk full, read-only, locked and missing get their own words; damage
    (including SQLite messages whose bytes are not UTF-8) reads as damage;
    anything else the driver raises becomes UnexpectedStorageError. The
    driver's own text never reaches the clinician (it stays in ``__cause__``).
    """
    try:
        yield
    except StorageError:
        raise
    except (DBAPIError, OSError, UnicodeDecodeError) as exc:
        mapped = storage_error_from(exc)
        if mapped is None and isinstance(exc, OSError):
            raise
        raise (mapped or plain_storage_error(exc)) from exc
    except Exception as exc:
        # Raw driver errors (sqlite3 or sqlcipher3) raised outside SQLAlchemy's wrapping.
        if not is_driver_error(exc) or type(exc).__module__.startswith("sqlalchemy"):
            raise
        raise plain_storage_error(exc) from exc


class Gate:
    """Reads and saves run side by side (SQLite arbitrates them); file swaps run alone.

    A restore, encryption or re-key replaces the database file, so it waits for
    every session in flight and holds new ones back. Ordinary sessions never
    wait for each other here, so a background backup or check cannot stall the
    window's reads.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._sessions = 0
        self._owner: int | None = None
        self._depth = 0

    @contextmanager
    def shared(self) -> Iterator[None]:
        me = threading.get_ident()
        with self._changed:
            while self._owner is not None and self._owner != me:
                self._changed.wait()
            self._sessions += 1
        try:
            yield
        finally:
            with self._changed:
                self._sessions -= 1
                self._changed.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        me = threading.get_ident()
        with self._changed:
            if self._owner == me:
                self._depth += 1
            else:
                while self._owner is not None or self._sessions:
                    self._changed.wait()
                self._owner, self._depth = me, 1
        try:
            yield
        finally:
            with self._changed:
                self._depth -= 1
                if self._depth == 0:
                    self._owner = None
                    self._changed.notify_all()


class StoreBase:
    """One engine, short sessions, the write gate and the audit chain; the stores build on it."""

    def __init__(self, engine: Engine, *, actor: str = "clinician", busy_retries: int = 1,
                 retry_pause_s: float = 0.25, read_only: bool = False, device: str = "local",
                 role: str | None = None) -> None:
        self.actor = actor
        self.read_only = read_only  # the data folder cannot be written: reads only
        # Drafts are kept per person and device; ``role`` (clinic server) limits what is read.
        self.device = device
        self.role = role
        self.busy_retries = busy_retries
        self.retry_pause_s = retry_pause_s
        self._gate = Gate()
        self.rebind(engine)

    def rebind(self, engine: Engine) -> None:
        """Use another engine for the same data (after encrypting or restoring the file).

        The audit anchor is sealed with the database key, so it is sealed
        again with the new engine's key.
        """
        rebinding = hasattr(self, "engine")
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(reading(engine), expire_on_commit=False)
        if rebinding and not self.read_only:
            head = self.audit_head()
            if head is not None:
                self._write_anchor(head)

    @property
    def key_hex(self) -> str | None:
        """The SQLCipher key of this database, None when it is not encrypted."""
        return engine_key(self.engine)

    @property
    def database_path(self) -> Path | None:
        return database_path(self.engine)

    # -- sessions and audit -------------------------------------------------

    @contextmanager
    def maintenance(self) -> Iterator[None]:
        """Hold every other use of this repository (other threads wait) while the file is swapped.

        Restoring, encrypting and re-keying replace or rename the database file;
        a save from another thread in that moment could create a stray file.
        """
        with self._gate.exclusive():
            yield

    @contextmanager
    def _write(self) -> Iterator[Session]:
        if self.read_only:
            raise ReadOnlyStorageError(READ_ONLY_FOLDER)
        with self._gate.shared(), plain_storage_errors():
            with self._sessions.begin() as session:
                yield session
            head = session.info.get("audit_head_event")
        if head is not None:
            self._write_anchor(head)

    def _write_anchor(self, head: tuple[int, str]) -> None:
        """Record the chain head outside the database, after the commit (db.anchor)."""
        database = self.database_path
        if database is None:
            return
        try:
            write_anchor(database, head, self.key_hex)
        except OSError as exc:  # the commit stands; the anchor lags and `check` says so
            log.warning("audit anchor not updated: %s", type(exc).__name__)

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with self._gate.shared(), plain_storage_errors(), self._read_sessions() as session:
            yield session

    def _audit(self, session: Session, action: str, entity: str, entity_id: int | None,
               client_id: int | None, detail: str = "") -> None:
        check_audit_detail(detail)
        session.flush()
        prev_hash = self._chain_head(session)
        at = now()
        digest = event_hash(prev_hash, at, self.actor, action, entity, entity_id, client_id, detail)
        row = AuditEventRow(at=at, actor=self.actor, action=action, entity=entity, entity_id=entity_id,
                            client_id=client_id, detail=detail, prev_hash=prev_hash, hash=digest)
        session.add(row)
        session.flush()
        session.info["audit_head"] = digest
        session.info["audit_head_event"] = (int(row.id), digest)

    @staticmethod
    def _chain_head(session: Session) -> str:
        """The hash the next event in this transaction chains from.

        The write lock is held for the whole transaction (BEGIN IMMEDIATE on SQLite; on a
        server a transaction-scoped advisory lock that every appender takes first), so the
        chain head read once stays the head: later events in it chain from memory.
        """
        prev_hash = session.info.get("audit_head")
        if prev_hash is None:
            if session.get_bind().dialect.name == "postgresql":
                # Lock, then the head, in one round trip (migration 0009): the lock is held from here to
                # the commit, and the function's SELECT sees the head the previous holder committed.
                prev = session.execute(select(func.medius_audit_chain_head(AUDIT_CHAIN_LOCK))).scalar()
            else:
                prev = session.execute(
                    select(AuditEventRow.hash).order_by(AuditEventRow.id.desc()).limit(1)).scalar()
            prev_hash = prev or GENESIS_HASH
        return str(prev_hash)

    def _audit_many(self, session: Session, events: Sequence[Event]) -> None:
        """One event per (action, entity, entity_id, client_id), written together (db.bulk_insert)."""
        if events:
            head = insert_audit_events(session, self._chain_head(session), self.actor, now(), events)
            session.info["audit_head"] = head[1]
            session.info["audit_head_event"] = head

    @retry_when_busy
    def record_event(self, action: str, entity: str, entity_id: int | None = None,
                     client_id: int | None = None, detail: str = "") -> None:
        """Audit an action that changes no row (an export, a report, a backup)."""
        with self._write() as session:
            self._audit(session, action, entity, entity_id, client_id, detail)

    def _value_of(self, column: Any, row_id: int, missing: str) -> int:
        """One integer column of the row with ``row_id`` in the column's table; NotFoundError(missing) if none."""
        with self._read() as session:
            value = session.execute(select(column).where(column.table.c.id == row_id)).scalar()
        if value is None:
            raise NotFoundError(missing)
        return int(value)

    # -- versions (optimistic concurrency) --------------------------------

    def _last_change(self, session: Session, entity: str, entity_id: int) -> tuple[str | None, datetime | None]:
        row = session.execute(
            select(AuditEventRow.actor, AuditEventRow.at)
            .where(AuditEventRow.entity == entity, AuditEventRow.entity_id == entity_id,
                   AuditEventRow.action.in_(("create", "update", "delete")))
            .order_by(AuditEventRow.id.desc()).limit(1)
        ).first()
        return (row.actor, row.at) if row else (None, None)

    def _check_version(self, session: Session, entity: str, entity_id: int, stored: int,
                       expected: int | None) -> None:
        if expected is not None and stored != expected:
            who, when = self._last_change(session, entity, entity_id)
            raise ConflictError(entity, entity_id, expected, stored, who, when)

    @contextmanager
    def _conflicts(self, entity: str, entity_id: int, expected: int | None) -> Iterator[None]:
        """A save that lost the race inside the database (the versioned UPDATE matched no row)
        becomes a ConflictError naming who saved first; the transaction was rolled back."""
        try:
            yield
        except StaleDataError:
            with self._read() as session:
                model = ClientRow if entity == "client" else AssessmentRow
                stored = session.execute(select(model.version).where(model.id == entity_id)).scalar()
                who, when = self._last_change(session, entity, entity_id)
            raise ConflictError(entity, entity_id, expected or 0, stored, who, when) from None

    # -- audit --------------------------------------------------------------

    def audit_events(self, client_id: int | None = None) -> list[AuditEvent]:
        stmt = AUDIT_COLUMNS.order_by(AuditEventRow.id)
        if client_id is not None:
            stmt = stmt.where(AuditEventRow.client_id == client_id)
        with self._read() as session:  # Core rows: the start-up chain check reads every event
            return [event_from_row(row) for row in session.connection().execute(stmt)]

    def audit_events_after(self, event_id: int) -> list[AuditEvent]:
        """Events newer than ``event_id`` (what happened since a backup's chain head)."""
        with self._read() as session:
            rows = session.execute(AUDIT_COLUMNS.where(AuditEventRow.id > event_id).order_by(AuditEventRow.id))
            return [event_from_row(row) for row in rows]

    def audit_head(self) -> tuple[int, str] | None:
        """(id, hash) of the newest audit event: a backup's manifest records it."""
        with self._read() as session:
            row = session.execute(
                select(AuditEventRow.id, AuditEventRow.hash).order_by(AuditEventRow.id.desc()).limit(1)
            ).first()
            return (int(row[0]), str(row[1])) if row else None

    def audit_hash(self, event_id: int) -> str | None:
        with self._read() as session:
            return session.execute(select(AuditEventRow.hash).where(AuditEventRow.id == event_id)).scalar()

    def verify_audit_chain(self) -> int | None:
        """Id of the first event whose hash does not match the chain, or None when intact."""
        with self._read() as session:  # plain Core rows hashed as they come: no event objects for every event
            return first_broken_event(session.connection().execute(AUDIT_COLUMNS.order_by(AuditEventRow.id)))

    # -- counts (checks and tests) -----------------------------------------

    def table_counts(self) -> dict[str, int]:
        from db.models import Base

        with self._read() as session:
            return {
                table.name: int(session.execute(select(func.count()).select_from(table)).scalar() or 0)
                for table in Base.metadata.sorted_tables
            }
