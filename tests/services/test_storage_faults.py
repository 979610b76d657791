"""Faults outside the app: disk full, read-only, locked, missing folder. Clear message, nothing half-written.

Read-only note: the tests run as root, for whom chmod does not stop writes,
so read-only storage is produced with ``PRAGMA query_only`` on every
connection (SQLite then answers SQLITE_READONLY exactly as for a read-only
file). A chmod variant runs only for non-root users.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.errors import (
    DatabaseBusyError,
    DiskFullError,
    ReadOnlyStorageError,
    StorageError,
    StorageUnavailableError,
    storage_error_from,
)
from db.repository import Repository
from desktop.paths import AppPaths
from desktop.services.database import open_repository
from tests.fixtures.records import CHILD_ROWS, assessment, client


@pytest.fixture
def paths(data_dir: Path) -> AppPaths:
    return AppPaths(data_dir).ensure()


@pytest.fixture
def repo(paths: AppPaths) -> Repository:
    repo = open_repository(paths)
    repo.add_client(client(0), [assessment(1)])
    return repo


def _no_half_records(repo: Repository) -> None:
    counts = repo.table_counts()
    for table, per_visit in CHILD_ROWS.items():
        assert counts[table] == per_visit * counts["assessments"], table


def test_injected_disk_full_mid_transaction_leaves_nothing(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    before = repo.table_counts()
    real_flush = Session.flush
    calls = {"n": 0}

    def flaky_flush(self: Session, *args: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # the client row is already flushed; the assessment is next
            raise sqlite3.OperationalError("database or disk is full")
        real_flush(self, *args, **kwargs)

    monkeypatch.setattr(Session, "flush", flaky_flush)
    with pytest.raises(DiskFullError) as caught:
        repo.add_client(client(1), [assessment(2), assessment(3)])
    assert calls["n"] >= 3
    assert "disk is full" in str(caught.value) and "draft" in str(caught.value)
    monkeypatch.setattr(Session, "flush", real_flush)
    assert repo.table_counts() == before
    _no_half_records(repo)


def _limit_pages(repo: Repository, extra_pages: int) -> None:
    @event.listens_for(repo.engine, "connect")
    def _cap(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + extra_pages}")


def test_real_sqlite_full_from_max_page_count(repo: Repository) -> None:
    """SQLite itself reports SQLITE_FULL: the file may not grow past a few pages."""
    before = repo.table_counts()
    _limit_pages(repo, 2)
    big = assessment(4, notes="x" * 400_000)
    with pytest.raises(DiskFullError):
        repo.add_client(client(1), [big])
    with pytest.raises(DiskFullError):
        repo.save_draft("client:1:assessment:new", {"notes": "y" * 400_000})
    assert repo.table_counts() == before
    _no_half_records(repo)
    # With room again the same save succeeds: the error was the disk, not the data.
    roomy = Repository(make_engine(str(repo.engine.url)))
    roomy.add_client(client(1), [big])
    assert roomy.table_counts()["assessments"] == before["assessments"] + 1


def test_read_only_storage_gives_a_clear_message(repo: Repository) -> None:
    before = repo.table_counts()

    @event.listens_for(repo.engine, "connect")
    def _read_only(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA query_only = 1")

    with pytest.raises(ReadOnlyStorageError) as caught:
        repo.add_assessment(1, assessment(9))
    assert "read-only" in str(caught.value)
    with pytest.raises(ReadOnlyStorageError):
        repo.save_draft("client:1:assessment:new", {"pain_nprs": 3})
    assert repo.list_clients()[0].assessment_count == 1  # reading still works
    assert repo.table_counts() == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_by_permissions(paths: AppPaths, repo: Repository) -> None:
    before = repo.table_counts()
    os.chmod(paths.database, 0o400)
    os.chmod(paths.data_dir, 0o500)
    try:
        with pytest.raises((ReadOnlyStorageError, StorageUnavailableError)):
            repo.add_assessment(1, assessment(9))
    finally:
        os.chmod(paths.data_dir, 0o700)
        os.chmod(paths.database, 0o600)
    assert repo.table_counts() == before


def test_locked_database_is_retried_then_reported(paths: AppPaths, repo: Repository) -> None:
    quick = Repository(make_engine(paths.database_url(), busy_timeout_ms=100), busy_retries=1, retry_pause_s=0.05)
    before = repo.table_counts()
    holder = sqlite3.connect(paths.database, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusyError) as caught:
            quick.add_assessment(1, assessment(9))
        assert caught.value.retry_may_help
        assert str(caught.value).startswith("Another program is using the database")
    finally:
        holder.execute("ROLLBACK")
    assert repo.table_counts() == before

    # Released while the repository waits to retry: the save goes through on the second attempt.
    patient = Repository(make_engine(paths.database_url(), busy_timeout_ms=100), busy_retries=2, retry_pause_s=0.3)
    holder.execute("BEGIN IMMEDIATE")
    releaser = threading.Timer(0.2, lambda: holder.execute("ROLLBACK"))
    releaser.start()
    try:
        patient.add_assessment(1, assessment(9))
    finally:
        releaser.join()
        holder.close()
    assert repo.table_counts()["assessments"] == before["assessments"] + 1
    _no_half_records(repo)


def test_missing_data_folder_is_reported_not_crashed(paths: AppPaths, repo: Repository) -> None:
    shutil.rmtree(paths.data_dir)
    with pytest.raises(StorageUnavailableError) as caught:
        repo.add_client(client(2))
    assert "data folder is missing" in str(caught.value)
    with pytest.raises(StorageUnavailableError):
        repo.list_clients()
    assert not paths.data_dir.exists()  # nothing recreated a stray empty database


@pytest.mark.parametrize(("error", "kind"), [
    (sqlite3.OperationalError("database or disk is full"), DiskFullError),
    (sqlite3.OperationalError("attempt to write a readonly database"), ReadOnlyStorageError),
    (sqlite3.OperationalError("database is locked"), DatabaseBusyError),
    (sqlite3.OperationalError("unable to open database file"), StorageUnavailableError),
    (OSError(28, "No space left on device"), DiskFullError),
])
def test_driver_errors_map_to_plain_errors(error: BaseException, kind: type[StorageError]) -> None:
    mapped = storage_error_from(error)
    assert type(mapped) is kind
    assert "sqlite" not in str(mapped).lower()


def test_unrelated_errors_are_not_disguised() -> None:
    assert storage_error_from(sqlite3.OperationalError("no such table: x")) is None
    assert storage_error_from(ValueError("database or disk is full")) is not None  # text fallback
    assert storage_error_from(KeyError("x")) is None


def test_audit_detail_refuses_identifying_text(repo: Repository) -> None:
    before = repo.table_counts()
    for detail in ("Ana Nguyen", "name=Ana", "dob=1971-03-14", "email=a@b.org", "Zoë"):
        with pytest.raises(ValueError):
            repo.record_event("export", "client", 1, 1, detail)
    repo.record_event("export", "client", 1, 1, "clients=1 kind=pdf")
    assert repo.table_counts()["audit_events"] == before["audit_events"] + 1
