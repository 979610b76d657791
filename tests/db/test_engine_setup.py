"""Engine configuration: pragmas on every pooled connection, real transactions (reliability.md §1.8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from db.engine import make_engine


def _url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'engine.sqlite3'}"


def test_pragmas_on_a_pooled_connection(tmp_path: Path) -> None:
    engine = make_engine(_url(tmp_path))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert conn.exec_driver_sql("PRAGMA trusted_schema").scalar() == 0
    # A second checkout gets the same settings (each new DBAPI connection is configured).
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    engine = make_engine(_url(tmp_path))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE parent (id INTEGER PRIMARY KEY)"))
        conn.execute(text("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id))"))
    with pytest.raises(Exception, match="FOREIGN KEY"), engine.begin() as conn:
        conn.execute(text("INSERT INTO child (parent_id) VALUES (42)"))


def _ddl_then_fail(engine: object) -> None:
    with pytest.raises(RuntimeError), engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(text("CREATE TABLE half (x INTEGER)"))
        conn.execute(text("INSERT INTO half VALUES (1)"))
        raise RuntimeError("fail mid-transaction")


def _has_table(engine: object, name: str) -> bool:
    with engine.connect() as conn:  # type: ignore[attr-defined]
        return conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name = :n"), {"n": name}).scalar() == 1


def test_ddl_is_rolled_back_with_the_transaction(tmp_path: Path) -> None:
    """Regression check for the pysqlite quirk: DDL must not survive a rollback."""
    engine = make_engine(_url(tmp_path))
    _ddl_then_fail(engine)
    assert not _has_table(engine, "half")


def test_the_default_driver_behaviour_would_keep_the_table(tmp_path: Path) -> None:
    """The same steps on an unconfigured engine keep the table: the check above can fail."""
    plain = create_engine(f"sqlite:///{tmp_path / 'plain.sqlite3'}")
    _ddl_then_fail(plain)
    assert _has_table(plain, "half")


def test_writes_take_the_write_lock_up_front(tmp_path: Path) -> None:
    """BEGIN IMMEDIATE: a second writer waits (here: fails fast) before its first statement."""
    first = make_engine(_url(tmp_path))
    second = make_engine(_url(tmp_path), busy_timeout_ms=50)
    with first.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    with first.begin() as holder:
        holder.execute(text("SELECT 1"))  # no write yet, but the lock is held
        with pytest.raises(Exception, match="locked"), second.begin() as conn:
            conn.execute(text("SELECT count(*) FROM t"))


def test_reads_are_not_blocked_by_a_writer(tmp_path: Path) -> None:
    """Read transactions begin deferred: under WAL they see the last commit while a writer holds the lock."""
    from db.engine import reading

    writer = make_engine(_url(tmp_path))
    reader = reading(make_engine(_url(tmp_path), busy_timeout_ms=50))
    with writer.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
        conn.execute(text("INSERT INTO t VALUES (1)"))
    with writer.begin() as holder:
        holder.execute(text("INSERT INTO t VALUES (2)"))
        with reader.begin() as conn:
            assert conn.execute(text("SELECT count(*) FROM t")).scalar() == 1
