"""Fixtures for a real PostgreSQL: one throwaway server per test run, a fresh database per test.

Where PostgreSQL is not installed, the PostgreSQL tests are skipped and the
run's header says so on one line (``make test`` installs the Debian
``postgresql`` package where it is missing, so CI always runs them).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pgserver import PgServer, missing_reason, start_server

TEMPLATE = "medius_template"
_numbers = itertools.count(1)


def pytest_report_header(config: pytest.Config) -> str | None:
    reason = missing_reason()
    if reason:
        return f"!!! PostgreSQL tests are SKIPPED: {reason} !!!"
    return None


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A running throwaway cluster on a Unix socket, removed at the end of the run."""
    reason = missing_reason()
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    server = start_server()
    try:
        _make_template(server)
        yield server
    finally:
        server.destroy()


def _make_template(server: PgServer) -> None:
    """A database migrated to head once; each test's database is a copy of it (fast)."""
    from db.engine import make_engine, migrate

    url = server.create_database(TEMPLATE)
    engine = make_engine(url)
    try:
        migrate(engine)
    finally:
        engine.dispose()


def fresh_database(server: PgServer, *, migrated: bool = True) -> str:
    """The URL of a new database: migrated to head (copied from the template) or empty."""
    import psycopg

    name = f"t{next(_numbers)}"
    with psycopg.connect(host=str(server.root), port=server.port, user=server.superuser, dbname="postgres",
                         autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{TEMPLATE}"' if migrated else ""))
    return server.url(name)


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """A fresh PostgreSQL database migrated to head."""
    return fresh_database(pg_server)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on both engines: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'medius.sqlite3'}"
    server: PgServer = request.getfixturevalue("pg_server")
    return fresh_database(server)
