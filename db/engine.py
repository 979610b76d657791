"""Engine setup: SQLite pragmas on every connection, real transactions, migrations.

Python 3.11's sqlite3 module does not open transactions for DDL or SELECT
(reliability.md §1.8); we take control with ``isolation_level = None`` and
emit ``BEGIN IMMEDIATE`` ourselves so a save is one atomic, write-locked
transaction and a failed migration leaves no half-made schema.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000


class DatabaseError(RuntimeError):
    """A problem with the database the clinician must be told about in plain words."""


class DatabaseTooNewError(DatabaseError):
    pass


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _configure_sqlite(engine: Engine, key_hex: str | None) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if key_hex:
            cursor.execute(f"PRAGMA key = \"x'{key_hex}'\"")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA trusted_schema = OFF")
        mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode and str(mode[0]).lower() not in ("wal", "memory"):
            log.warning("journal mode is %s, not WAL", mode[0])
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, *, key_hex: str | None = None) -> Engine:
    """An engine for ``url``; SQLite files get the pragmas above (and SQLCipher with a key)."""
    if not _is_sqlite(url):
        return create_engine(url, pool_pre_ping=True)
    kwargs: dict[str, Any] = {}
    if key_hex:
        import sqlcipher3

        kwargs["module"] = sqlcipher3.dbapi2
    from sqlalchemy.pool import NullPool

    engine = create_engine(url, poolclass=NullPool, **kwargs)
    _configure_sqlite(engine, key_hex)
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


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
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def head_revision(engine: Engine) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config(engine)).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        has_table = conn.execute(
            text("SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).first() if _is_sqlite(str(engine.url)) else True
        if not has_table:
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def known_revisions(engine: Engine) -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(engine))
    return {rev.revision for rev in script.walk_revisions()}


def copy_database_file(source: Path, destination: Path) -> Path:
    """A consistent copy of a live SQLite file via the online backup API."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(destination))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return destination


def migrate(engine: Engine, *, backup_dir: Path | None = None) -> str:
    """Bring the schema to head; copy the file first when an upgrade is due.

    Returns the revision now in force. Refuses a database written by a newer
    version of the app (its revision is unknown here), leaving it untouched.
    """
    from alembic import command

    head = head_revision(engine)
    current = current_revision(engine)
    if current == head:
        return head
    if current is not None and current not in known_revisions(engine):
        raise DatabaseTooNewError(
            "This database was written by a newer version of Medius "
            f"(schema {current}). Install the newer version to open it; nothing was changed."
        )
    database = engine.url.database
    if current is not None and backup_dir is not None and database and key_free(engine):
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = backup_dir / f"pre-upgrade-{current}-{stamp}.sqlite3"
        copy_database_file(Path(database), target)
        log.info("copied database before upgrade from %s", current)
    elif current is not None and backup_dir is not None and database:
        backup_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        shutil.copy2(database, backup_dir / f"pre-upgrade-{current}-{stamp}.sqlite3")
    config = _alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return head


def key_free(engine: Engine) -> bool:
    """True for a plain (unencrypted) SQLite engine, whose file stdlib sqlite3 can read."""
    return engine.dialect.dbapi is None or engine.dialect.dbapi.__name__.startswith("sqlite3")
