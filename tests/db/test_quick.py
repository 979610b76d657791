"""The start-up reader (db.quick) shows exactly what the repository would, or declines."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from db.quick import FirstPageReading, read_first_page
from db.records import ClientSummary
from desktop.clinical import model as m
from desktop.paths import AppPaths
from desktop.services.database import open_repository
from desktop.services.demo import add_demo_clients
from desktop.services.handle import RepositoryHandle
from desktop.ui.assessment.keys import DRAFT_PREFIX
from desktop.ui.client_index import summary_key
from tests.fixtures.records import assessment, client


@pytest.fixture
def paths(data_dir: Path) -> AppPaths:
    return AppPaths(data_dir).ensure()


def test_same_rows_order_counts_and_drafts_as_the_repository(paths: AppPaths) -> None:
    repo = open_repository(paths)
    add_demo_clients(repo)
    for i in range(7):  # non-Latin names, equal family names, visits on different days
        repo.add_client(client(i), [assessment(day + 1) for day in range(i % 3)])
    repo.add_client(m.Client("Ann", "Smith", date(1980, 1, 2), "female", None), [])
    repo.add_client(m.Client("Ann", "Smith", date(1981, 1, 2), "female", "S-2"), [])
    repo.save_draft("client:1:new", {"step": 2})
    repo.save_draft("client:2:5", {"step": 4})
    repo.save_draft("settings", {"x": 1})

    page = read_first_page(paths.database, DRAFT_PREFIX)

    assert page is not None
    assert page.clients == repo.list_clients("")
    assert [vars(row) for row in page.clients] == [vars(row) for row in repo.list_clients("")]  # every attribute
    assert all(type(row) is ClientSummary for row in page.clients)
    assert len(page.clients) >= 10
    assert any(row.assessment_count and row.last_visit for row in page.clients)
    # The stored search keys are what the list would compute itself, so searching is identical.
    assert [row.search_key for row in page.clients] == [summary_key(row) for row in page.clients]
    assert [row.search_key for row in repo.list_clients("")] == [row.search_key for row in page.clients]
    assert page.drafts == repo.list_drafts(DRAFT_PREFIX)
    assert [key for key, _ in page.drafts] == ["client:2:5", "client:1:new"]


def test_empty_database_reads_as_an_empty_list(paths: AppPaths) -> None:
    open_repository(paths)
    page = read_first_page(paths.database, DRAFT_PREFIX)
    assert page is not None and page.clients == [] and page.drafts == []


def test_declines_a_missing_or_empty_file(paths: AppPaths) -> None:
    assert read_first_page(paths.database, DRAFT_PREFIX) is None
    paths.database.write_bytes(b"")
    assert read_first_page(paths.database, DRAFT_PREFIX) is None


def test_declines_a_file_that_is_not_plain_sqlite(paths: AppPaths) -> None:
    paths.database.write_bytes(bytes(range(256)) * 64)  # what an encrypted file looks like from outside
    assert read_first_page(paths.database, DRAFT_PREFIX) is None


def test_declines_a_database_at_another_schema(paths: AppPaths) -> None:
    open_repository(paths).engine.dispose()
    with sqlite3.connect(paths.database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    assert read_first_page(paths.database, DRAFT_PREFIX) is None
    with sqlite3.connect(paths.database) as conn:
        conn.execute("DROP TABLE alembic_version")
    assert read_first_page(paths.database, DRAFT_PREFIX) is None


def test_declines_a_damaged_database_and_never_writes(paths: AppPaths, tmp_path: Path) -> None:
    repo = open_repository(paths)
    for i in range(40):
        repo.add_client(client(i), [assessment(1)])
    repo.engine.dispose()
    with sqlite3.connect(paths.database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(paths.database.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(page_size * 3, len(data), page_size):  # scribble over the b-tree pages
        data[offset:offset + 40] = b"\xff" * 40
    paths.database.write_bytes(bytes(data))
    before = paths.database.read_bytes()

    assert read_first_page(paths.database, DRAFT_PREFIX) is None
    assert paths.database.read_bytes() == before


def test_reading_begun_on_a_thread_gives_the_same_page_or_declines_alike(paths: AppPaths) -> None:
    assert FirstPageReading(paths.database, DRAFT_PREFIX).result() is None  # no file yet
    repo = open_repository(paths)
    for i in range(7):
        repo.add_client(client(i), [assessment(day + 1) for day in range(i % 3)])
    repo.save_draft("client:1:new", {"step": 2})

    page = FirstPageReading(paths.database, DRAFT_PREFIX).result()

    assert page is not None and page == read_first_page(paths.database, DRAFT_PREFIX)
    assert page.clients == repo.list_clients("") and page.drafts == repo.list_drafts(DRAFT_PREFIX)
    repo.engine.dispose()
    with sqlite3.connect(paths.database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    assert FirstPageReading(paths.database, DRAFT_PREFIX).result() is None


def test_handle_opens_once_for_concurrent_callers_and_forwards(paths: AppPaths) -> None:
    calls: list[int] = []

    def opener() -> object:
        calls.append(1)
        time.sleep(0.05)
        return open_repository(paths)

    handle = RepositoryHandle(opener)  # type: ignore[arg-type]
    assert not handle.is_open
    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(handle.open())) for _ in range(4)]
    for thread in threads:
        thread.start()
    assert handle.list_clients("") == []  # forwarded, waiting for the opening in progress
    for thread in threads:
        thread.join()
    assert calls == [1]
    assert handle.is_open and all(r is results[0] for r in results)


def test_handle_reraises_a_failed_opening_every_time() -> None:
    calls: list[int] = []

    def opener() -> object:
        calls.append(1)
        raise OSError("the drive is gone")

    handle = RepositoryHandle(opener)  # type: ignore[arg-type]
    for _ in range(2):
        with pytest.raises(OSError, match="drive is gone"):
            handle.list_clients("")
    assert calls == [1] and not handle.is_open
