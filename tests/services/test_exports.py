"""services.exports.ExportService: exchange files out (audited, with the clinic's results) and in (all or none)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import event

from db.errors import DiskFullError
from db.repository import Repository
from desktop.paths import AppPaths
from desktop.services.database import open_repository
from desktop.services.exports import ExportService
from tests.fixtures.records import assessment, client


@pytest.fixture
def repo(migrated_paths: AppPaths) -> Repository:
    repo = open_repository(migrated_paths)
    repo.add_client(client(0), [assessment(1)])
    repo.add_client(client(1))
    return repo


def test_an_export_is_audited_as_all_clients_or_the_one_chosen(repo: Repository, migrated_paths: AppPaths) -> None:
    exports = ExportService(repo, migrated_paths.exports)
    assert exports.export_exchange(None, migrated_paths.exports / "all.json") == (2, True)
    first, second = repo.all_client_ids()
    assert exports.export_exchange([second], migrated_paths.exports / "one.json") == (1, True)
    assert exports.export_exchange([first, second], migrated_paths.exports / "two.json") == (2, True)
    events = [(e.client_id, e.detail) for e in repo.audit_events() if e.action == "export"]
    assert events == [(None, "clients=2"), (second, "clients=1"), (None, "clients=2")]


def test_exported_results_use_the_clinics_pelvic_drop_threshold(repo: Repository, migrated_paths: AppPaths) -> None:
    out = migrated_paths.exports / "all.json"
    for threshold, reached in ((5.0, True), (7.0, False)):  # the visit's right stance dropped 6 degrees
        repo.save_settings(replace(repo.get_settings(), pelvic_drop_threshold_deg=threshold))
        ExportService(repo, migrated_paths.exports).export_exchange(None, out)
        visit = json.loads(out.read_text(encoding="utf-8"))["clients"][0]["assessments"][0]
        error = visit["results"]["trendelenburg"]["right"]["pelvic_drop_error"]
        assert (error["threshold_deg"], error["threshold_reached"]) == (threshold, reached)


def test_an_import_on_a_full_disk_adds_nothing_and_names_the_room(repo: Repository, migrated_paths: AppPaths) -> None:
    exports = ExportService(repo, migrated_paths.exports)
    # 16 visits with 19 000 characters of notes each: more than the file's free pages hold.
    repo.add_clients([(client(index), [assessment(2, notes="x" * 19_000)]) for index in range(2, 18)])
    source = migrated_paths.exports / "all.json"
    exports.export_exchange(None, source)
    before = repo.table_counts()

    @event.listens_for(repo.engine, "connect")
    def no_room(connection: Any, _record: Any) -> None:  # SQLite itself: the file may not grow
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")

    repo.engine.dispose()
    with pytest.raises(DiskFullError) as raised:
        exports.import_exchange(source, migrated_paths.data_dir)
    needed = 4 * source.stat().st_size + 1_000_000  # four times the file, plus 1 MB for the audit event
    shown = f"{needed / 1_000_000:.1f} MB"
    assert shown == "3.2 MB"  # 0.556 MB of file (notes and computed results): 4 x 0.556 + 1 = 3.22
    assert str(raised.value) == (f"The disk is full, so the import was not saved. Nothing was half-saved. Free at "
                                 f"least {shown} on the drive holding {migrated_paths.data_dir}, then try again.")
    with pytest.raises(DiskFullError) as plain:
        exports.import_exchange(source)  # no folder given: the plain message
    assert str(plain.value) == DiskFullError.default_message
    assert repo.table_counts() == before


def test_a_privacy_request_is_answered_into_the_chosen_folder(repo: Repository, migrated_paths: AppPaths) -> None:
    first, _second = repo.all_client_ids()
    folder = migrated_paths.data_dir.parent / "request"
    export = ExportService(repo, migrated_paths.exports).privacy_export(first, folder)
    assert (export.json_path.parent, export.pdf_path.parent, export.assessments, export.audited) == (
        folder, folder, 1, True)
    assert list(migrated_paths.exports.iterdir()) == []  # not the exports folder
