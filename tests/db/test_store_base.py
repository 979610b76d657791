"""db.store_base: the write gate, busy retries, plain storage errors, versions and the anchored audit chain."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime

import pytest
from sqlalchemy.orm.exc import StaleDataError

from db.anchor import anchor_path, read_anchor
from db.errors import DatabaseBusyError, DiskFullError, StorageError, UnexpectedStorageError
from db.records import ConflictError
from db.repository import Repository
from db.store_base import Gate, StoreBase, plain_storage_errors, retry_when_busy
from desktop.paths import AppPaths
from desktop.services.database import open_repository
from tests.fixtures.records import client


@pytest.fixture
def repo(migrated_paths: AppPaths) -> Repository:
    return open_repository(migrated_paths)


def test_maintenance_may_nest_on_its_own_thread_and_holds_others_until_the_outer_one_ends() -> None:
    gate = Gate()
    entered = threading.Event()

    def session() -> None:
        with gate.shared():
            entered.set()

    with gate.exclusive():
        with gate.exclusive():  # a restore that re-keys: the same thread, no deadlock
            pass
        other = threading.Thread(target=session)
        other.start()
        assert not entered.wait(0.1)  # the inner exit did not release the gate
    assert entered.wait(5)
    other.join(5)


class _Flaky(StoreBase):
    """A store whose write fails with the given errors first, then succeeds."""

    def __init__(self, failures: list[StorageError], busy_retries: int) -> None:
        self.failures, self.calls = failures, 0
        self.busy_retries, self.retry_pause_s = busy_retries, 0.0

    @retry_when_busy
    def save(self) -> str:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return "saved"


def test_busy_writes_are_tried_again_up_to_the_limit_and_nothing_else_is() -> None:
    store = _Flaky([DatabaseBusyError(), DatabaseBusyError()], busy_retries=3)
    assert store.save() == "saved" and store.calls == 3  # two busy answers, the third attempt stores
    store = _Flaky([DatabaseBusyError()] * 4, busy_retries=3)
    with pytest.raises(DatabaseBusyError):
        store.save()
    assert store.calls == 4  # the first attempt and 3 retries
    store = _Flaky([DiskFullError()], busy_retries=3)
    with pytest.raises(DiskFullError):
        store.save()
    assert store.calls == 1  # a full disk is not fixed by waiting


def test_driver_failures_become_designed_errors_and_our_own_pass_through() -> None:
    with pytest.raises(UnexpectedStorageError) as raised, plain_storage_errors():
        raise sqlite3.OperationalError("no such table: visits_secret")
    assert isinstance(raised.value.__cause__, sqlite3.OperationalError)  # the detail stays for the log
    assert "visits_secret" not in str(raised.value)
    with pytest.raises(ValueError, match="our own words"), plain_storage_errors():
        raise ValueError("our own words")
    with pytest.raises(OSError, match="exists"), plain_storage_errors():
        raise FileExistsError(17, "exists")  # an OS error that is no storage failure stays as it is


def test_a_stale_update_is_a_conflict_naming_who_saved_first(repo: Repository) -> None:
    client_id, _ = repo.add_client(client(0))
    repo.actor = "maria"
    repo.update_client(client_id, client(0, phone="0400 000 001"))
    with pytest.raises(ConflictError) as raised, repo._conflicts("client", client_id, 1):
        raise StaleDataError("UPDATE clients matched 0 rows")
    conflict = raised.value
    assert (conflict.yours, conflict.theirs, conflict.changed_by) == (1, 2, "maria")
    assert isinstance(conflict.changed_at, datetime)
    with repo._read() as session:
        repo._check_version(session, "client", client_id, 2, None)  # no version named: no check
        repo._check_version(session, "client", client_id, 2, 2)
        with pytest.raises(ConflictError, match="now version 2"):
            repo._check_version(session, "client", client_id, 2, 1)


def test_every_audited_write_moves_the_anchor_after_its_commit(repo: Repository) -> None:
    database = repo.database_path
    assert database is not None
    repo.add_client(client(0))
    repo.record_event("export", "exchange", None, None, "clients=1")
    head = repo.audit_head()
    anchor = read_anchor(database)
    assert head is not None and anchor is not None and (anchor.head_id, anchor.head_hash) == head
    assert [e.action for e in repo.audit_events_after(head[0] - 1)] == ["export"]
    repo.save_draft("client:1:new", {"pain": 3})  # no audit event: the anchor stays
    assert read_anchor(database) == anchor


def test_an_anchor_that_cannot_be_written_does_not_undo_the_save(repo: Repository) -> None:
    database = repo.database_path
    assert database is not None
    anchor_path(database).mkdir()  # the rename onto it fails: a real OS error
    client_id, _ = repo.add_client(client(0))
    assert repo.get_client(client_id).client == client(0)
    assert repo.verify_audit_chain() is None and repo.table_counts()["audit_events"] == 1
