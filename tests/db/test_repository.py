"""The storage facade's own rules, store by store: audit details, busy retries, read-only folders, drafts."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import db.repository as repository
from db.errors import DatabaseBusyError, ReadOnlyStorageError
from desktop.clinical import model as m
from desktop.paths import AppPaths, resolve_paths
from desktop.services.database import open_repository
from tests.fixtures.records import assessment, client, table_rows, varied_records


@pytest.fixture
def repo(tmp_path: Path) -> Any:
    paths: AppPaths = resolve_paths(tmp_path / "data").ensure()
    return open_repository(paths)


def test_the_facade_keeps_its_names_after_the_split() -> None:
    for name in ("Repository", "NotFoundError", "ClientSummary", "AuditEvent", "GENESIS_HASH", "event_hash",
                 "check_audit_detail", "search_key", "fold", "SETTINGS_FIELDS"):
        assert hasattr(repository, name), name


@pytest.mark.parametrize("detail", ["fields=notes,email", "clients=3", "kind=auto", "assessments=2 files=json,pdf"])
def test_audit_details_of_names_counts_and_kinds_pass(detail: str) -> None:
    assert repository.check_audit_detail(detail) == detail


@pytest.mark.parametrize("detail", ["name=Ana", "born 1971-03-14", "Ana Nguyễn", "x" * 501])
def test_audit_details_that_could_identify_someone_are_refused(detail: str) -> None:
    with pytest.raises(ValueError, match="field names, counts and kinds"):
        repository.check_audit_detail(detail)


def test_a_write_that_meets_a_locked_database_is_tried_once_more(repo: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    client_id, _ = repo.add_client(client(0))
    repo.retry_pause_s = 0.0
    real_write = repo._write
    calls: list[int] = []

    def locked_once() -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise DatabaseBusyError()
        return real_write()

    monkeypatch.setattr(repo, "_write", locked_once)
    assert repo.add_assessment(client_id, assessment(1)) > 0
    assert len(calls) == 2

    calls.clear()
    monkeypatch.setattr(repo, "_write", lambda: (calls.append(1), (_ for _ in ()).throw(DatabaseBusyError()))[1])
    with pytest.raises(DatabaseBusyError):
        repo.add_assessment(client_id, assessment(2))
    assert len(calls) == repo.busy_retries + 1
    assert len(repo.list_assessments(client_id)) == 1  # the refused visit left nothing behind


def test_a_read_only_folder_reads_but_refuses_every_write(repo: Any) -> None:
    client_id, _ = repo.add_client(client(1))
    repo.read_only = True
    assert repo.get_client(client_id).client.family_name == client(1).family_name
    for write in (lambda: repo.save_draft("client:1:assessment:new", {}), lambda: repo.add_client(client(2)),
                  lambda: repo.record_event("export", "exchange")):
        with pytest.raises(ReadOnlyStorageError):
            write()


def test_drafts_are_listed_newest_first_by_prefix_and_unchanged_text_keeps_its_time(repo: Any) -> None:
    repo.save_draft("client:1:assessment:new", {"step": 1})
    repo.save_draft("client:2:assessment:new", {"step": 2})
    repo.save_draft("other:thing", {"x": 1})
    first_time = dict(repo.list_drafts("client:"))["client:1:assessment:new"]
    repo.save_draft("client:1:assessment:new", {"step": 1})  # same text: not a new edit
    assert dict(repo.list_drafts("client:"))["client:1:assessment:new"] == first_time
    assert [key for key, _ in repo.list_drafts("client:")] == ["client:2:assessment:new", "client:1:assessment:new"]
    repo.delete_draft("client:2:assessment:new")
    assert repo.load_draft("client:2:assessment:new") is None
    assert repo.load_draft("client:1:assessment:new") == {"step": 1}


def _rows(path: Path | None, table: str, columns: list[str]) -> list[tuple[object, ...]]:
    import sqlite3

    assert path is not None
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id").fetchall()


def _many_records() -> list[tuple[m.Client, list[m.Assessment]]]:
    """Enough clients and visits that every table is written many rows to a statement, with some left over."""
    from bench.exchange_file import exchange_document

    return [(m.client_from_dict(c), [m.assessment_from_dict(a) for a in c["assessments"]])
            for c in exchange_document(120, 250, seed=7)["clients"]]


@pytest.mark.parametrize("make_records", [varied_records, _many_records])
def test_an_import_stores_the_same_column_values_as_saving_one_by_one(
        tmp_path: Path, make_records: Callable[[], list[tuple[m.Client, list[m.Assessment]]]]) -> None:
    """The table-by-table path converts values with the column types, as the ORM does: same text."""
    from db.models import AssessmentRow, ClientRow

    one_by_one = open_repository(resolve_paths(tmp_path / "single").ensure())
    at_once = open_repository(resolve_paths(tmp_path / "bulk").ensure())
    records = make_records()
    for person, visits in records:
        one_by_one.add_client(person, visits)
    at_once.add_clients(records)
    single_rows, bulk_rows = table_rows(one_by_one.database_path), table_rows(at_once.database_path)
    for table, rows in single_rows.items():
        if table not in ("clients", "assessments", "audit_events"):
            assert bulk_rows[table] == rows, table
    stamps = ["created_at", "updated_at"]
    for model in (ClientRow, AssessmentRow):
        table, columns = model.__tablename__, [c.name for c in model.__table__.c if c.name not in stamps]
        assert _rows(at_once.database_path, table, columns) == _rows(one_by_one.database_path, table, columns)
        for row in _rows(at_once.database_path, table, stamps):
            assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", str(v)) for v in row), row
    events = ["actor", "action", "entity", "entity_id", "client_id", "detail"]
    assert _rows(at_once.database_path, "audit_events", events)[:-1] == _rows(one_by_one.database_path,
                                                                              "audit_events", events)
