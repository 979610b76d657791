"""Engine setup: SQLite pragmas on every connection, real transactions, migrations.

Python 3.11's sqlite3 module does not open transactions for DDL or SELECT
(reliability.md §1.8); we take control with ``isolation_level = None`` and
emit ``BEGIN IMMEDIATE`` ourselves so a save is one atomic, write-locked
transaction and a failed migration leaves no half-made schema.
"""

from __future__ import annotations

import logging
import re
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from db.errors import DatabaseError, DatabaseTooNewError, StorageError, storage_error_from
from db.files import (
    BUSY_TIMEOUT_MS,
    _check_key,
    copy_database_file,
    read_only_uri,
    sqlite_driver,
)
from db.records import SCHEMA_HEAD

log = logging.getLogger(__name__)

READ_ONLY = "medius_read_only"  # execution option: this transaction only reads

# The SQLCipher key each engine was made with, so helpers that open the same
# file directly (copies before migrating, backups) use the same driver and key.
_ENGINE_KEYS: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()
# Engines opened read-only on a file (their URL does not name it).
_READ_ONLY_FILES: weakref.WeakKeyDictionary[Engine, Path] = weakref.WeakKeyDictionary()

__all__ = ["DatabaseError", "DatabaseTooNewError", "StorageError", "make_engine", "migrate"]


def engine_key(engine: Engine) -> str | None:
    """The raw SQLCipher key ``engine`` was made with (None for a plain file)."""
    return _ENGINE_KEYS.get(engine)


def database_path(engine: Engine) -> Path | None:
    """The file behind a SQLite engine, or None for a server or in-memory database."""
    if engine in _READ_ONLY_FILES:
        return _READ_ONLY_FILES[engine]
    if not _is_sqlite(str(engine.url)):
        return None
    name = engine.url.database
    return Path(name) if name and name != ":memory:" else None


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _configure_sqlite(engine: Engine, key_hex: str | None, busy_timeout_ms: int,
                      read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if key_hex:
            cursor.execute(f"PRAGMA key = \"x'{key_hex}'\"")
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA trusted_schema = OFF")
        if not read_only:
            mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
            if mode and str(mode[0]).lower() not in ("wal", "memory"):
                log.warning("journal mode is %s, not WAL", mode[0])
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Reads (marked with READ_ONLY) start a deferred transaction: under WAL they
        # neither wait for nor block the writer, and work on read-only storage.
        if read_only or connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, *, key_hex: str | None = None, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
                role: str | None = None) -> Engine:
    """An engine for ``url``; SQLite files get the pragmas above (and SQLCipher with a key).

    ``hide_parameters`` keeps names and birth dates out of exception texts,
    which end up in log files. ``role`` (servers only) is the database role
    every connection takes on after signing in.
    """
    if not _is_sqlite(url):
        return _make_server_engine(url, role=role)
    kwargs: dict[str, Any] = {}
    if key_hex:
        kwargs["module"] = sqlite_driver(_check_key(key_hex))
    from sqlalchemy.pool import NullPool

    engine = create_engine(url, poolclass=NullPool, hide_parameters=True, **kwargs)
    _configure_sqlite(engine, key_hex, busy_timeout_ms)
    if key_hex:
        _ENGINE_KEYS[engine] = key_hex
    return engine


SERVER_CONNECT_TIMEOUT_S = 5


def is_server(engine: Engine) -> bool:
    """True for a clinic server (PostgreSQL) engine."""
    return engine.dialect.name == "postgresql"


def _make_server_engine(url: str, *, role: str | None = None) -> Engine:
    """A PostgreSQL engine: every pooled connection is checked before use (a restarted or
    unreachable server is noticed and reconnected instead of failing a save), connecting
    gives up after a few seconds, and parameters stay out of error texts (logs)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() != "psycopg":
        parsed = parsed.set(drivername="postgresql+psycopg")
    connect_args: dict[str, Any] = {"application_name": "medius"}
    if "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = SERVER_CONNECT_TIMEOUT_S
    engine = create_engine(parsed, hide_parameters=True, pool_size=5, max_overflow=5,
                           pool_recycle=1800, connect_args=connect_args)
    event.listen(engine, "checkout", _replace_if_ended)
    if role:
        set_session_role(engine, role)
    return engine


def server_connection_ended(dbapi_connection: Any) -> bool:
    """True when an idle pooled connection was ended by the server (restart, shutdown, killed backend).

    An idle connection has nothing to read; a server that ends it sends its last
    message (or closes the socket), which makes the socket readable. So one
    non-blocking poll tells, without the round trip of a test query before every
    use. A connection lost silently (a cut cable) is not seen here: the statement
    then fails like any other network fault (and a save is kept in the outbox).
    """
    import select

    if getattr(dbapi_connection, "closed", False) or getattr(dbapi_connection, "broken", False):
        return True
    try:
        readable, _, _ = select.select([dbapi_connection.fileno()], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


def _replace_if_ended(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    if server_connection_ended(dbapi_connection):
        from sqlalchemy.exc import DisconnectionError

        raise DisconnectionError("the clinic server ended this connection")  # the pool opens a new one


def set_session_role(engine: Engine, role: str) -> None:
    """Run every connection of ``engine`` as database role ``role`` (``SET ROLE``).

    The login named in the URL holds no table rights itself; the role it takes
    on decides what the database lets this user read and write.
    """
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", role):
        raise ValueError(f"not a database role name: {role!r}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        try:
            dbapi_connection.execute(f"SET ROLE {role}")
        finally:
            dbapi_connection.autocommit = autocommit


def make_read_only_engine(path: Path, *, key_hex: str | None = None,
                          busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine that only reads ``path`` (a data folder on read-only storage)."""
    from sqlalchemy.pool import NullPool

    driver = sqlite_driver(_check_key(key_hex) if key_hex else None)
    uri = read_only_uri(path)

    def connect() -> Any:
        return driver.connect(uri, uri=True, isolation_level=None, check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect, poolclass=NullPool, hide_parameters=True,
                           **({"module": driver} if key_hex else {}))
    _configure_sqlite(engine, key_hex, busy_timeout_ms, read_only=True)
    if key_hex:
        _ENGINE_KEYS[engine] = key_hex
    _READ_ONLY_FILES[engine] = path
    return engine


def quick_check(engine: Engine) -> list[str]:
    """Problems ``PRAGMA quick_check`` reports (empty when sound); storage errors raised plainly."""
    try:
        with engine.connect() as conn:
            rows = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check").fetchall()]
    except Exception as exc:
        mapped = storage_error_from(exc)
        if mapped is None:
            raise
        raise mapped from exc
    return [] if rows == ["ok"] else rows


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def reading(engine: Engine) -> Engine:
    """The same engine, with transactions that only read (deferred BEGIN instead of IMMEDIATE).

    On a clinic server, reads run in autocommit: one round trip per query instead
    of BEGIN, the query and ROLLBACK. Nothing is lost by it: under PostgreSQL's
    READ COMMITTED every statement takes its own snapshot inside a transaction too.
    """
    if is_server(engine):
        return engine.execution_options(**{READ_ONLY: True}, isolation_level="AUTOCOMMIT")
    return engine.execution_options(**{READ_ONLY: True})


@contextmanager
def raw_connection(engine: Engine) -> Iterator[Any]:
    conn = engine.raw_connection()
    try:
        yield conn
    finally:
        conn.close()


# ---------------------------------------------------------------------------
# Migrations


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    from desktop.paths import migrations_dir

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    # Migrations run on the connection handed over (see env.py); the URL is only a label,
    # so it never carries the password. configparser needs "%" doubled.
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=True).replace("%", "%%"))
    return config


def head_revision(engine: Engine) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config(engine)).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if _is_sqlite(str(engine.url)):
            has_table = conn.execute(
                text("SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'")
            ).first()
        else:
            has_table = conn.execute(text("SELECT to_regclass('alembic_version')")).scalar()
        if not has_table:
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def known_revisions(engine: Engine) -> set[str]:
    return known_revision_ids()


def known_revision_ids() -> set[str]:
    """Every schema revision this version of the app can read (older ones are upgraded)."""
    from alembic.script import ScriptDirectory

    from desktop.paths import migrations_dir

    return {rev.revision for rev in ScriptDirectory(str(migrations_dir())).walk_revisions()}


def migrate(engine: Engine, *, backup_dir: Path | None = None) -> str:
    """Bring the schema to head; copy the file first when an upgrade is due.

    Returns the revision now in force. Refuses a database written by a newer
    version of the app (its revision is unknown here), leaving it untouched.
    """
    current = current_revision(engine)
    if current == SCHEMA_HEAD:
        return SCHEMA_HEAD
    from alembic import command

    head = head_revision(engine)
    if current == head:
        return head
    if current is not None and current not in known_revisions(engine):
        raise DatabaseTooNewError(
            "This database was written by a newer version of Medius "
            f"(schema {current}). Install the newer version to open it; nothing was changed."
        )
    if engine in _READ_ONLY_FILES:
        from db.errors import READ_ONLY_FOLDER, ReadOnlyStorageError

        raise ReadOnlyStorageError(
            "This database needs an upgrade to this version of Medius, which cannot happen while "
            "the data folder is read-only. " + READ_ONLY_FOLDER)
    database = database_path(engine)
    if current is not None and backup_dir is not None and database is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = backup_dir / f"medius-pre-upgrade-{stamp}.sqlite3"
        copy_database_file(database, target, key_hex=engine_key(engine))
        log.info("copied database before upgrade from %s", current)
    config = _alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return head


def key_free(engine: Engine) -> bool:
    """True for a plain (unencrypted) SQLite engine, whose file stdlib sqlite3 can read."""
    return engine_key(engine) is None
