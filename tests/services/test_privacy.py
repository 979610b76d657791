"""services.privacy: what a client is given (their record, its PDF, their photos) and what deletion says."""

from __future__ import annotations

import json
from datetime import date

from db.records import StoredPhoto
from desktop.paths import AppPaths
from desktop.services.database import open_repository
from desktop.services.privacy import delete_warning, export_basename, export_client_data
from tests.fixtures.records import assessment, client

TODAY = date(2026, 12, 2)
JPEG = StoredPhoto(b"\xff\xd8 a stance photo \xff\xd9", 40, 30)


def test_the_export_carries_every_photo_as_a_jpeg_named_without_the_client(migrated_paths: AppPaths) -> None:
    repo = open_repository(migrated_paths)
    client_id, _ = repo.add_client(client(0))
    repo.keep_draft_photo(client_id, "d1", "right", "single_leg", JPEG)
    repo.keep_draft_photo(client_id, "d1", "right", "reference", JPEG)
    visit_id = repo.add_assessment(client_id, assessment(1), photos_draft="d1")
    repo.keep_draft_photo(client_id, "d2", "left", "single_leg", JPEG)  # a visit still being written
    folder = migrated_paths.exports / "request"

    export = export_client_data(repo, client_id, folder, today=TODAY)

    base = f"medius-client-{client_id}-record-2026-12-02"
    assert base == export_basename(client_id, TODAY)
    assert (export.json_path.name, export.pdf_path.name, export.assessments) == (f"{base}.json", f"{base}.pdf", 1)
    assert [p.relative_to(folder).as_posix() for p in export.photos] == [
        f"{base}-photos/visit-{visit_id}-right-stance-single-leg-1.jpg",
        f"{base}-photos/visit-{visit_id}-right-stance-reference-2.jpg",
        f"{base}-photos/unsaved-visit-left-stance-single-leg-3.jpg",
    ]
    assert all(p.read_bytes() == JPEG.jpeg for p in export.photos)
    assert sorted(p.name for p in folder.rglob("*") if p.name.startswith(".")) == []  # no hidden leftovers
    assert json.loads(export.json_path.read_text(encoding="utf-8"))["clients"][0]["given_name"] == "Ánh"
    event = repo.audit_events(client_id)[-1]
    assert (event.action, event.detail) == ("privacy_export", "assessments=1 files=json,pdf,jpeg photos=3")
    assert export.audited


def test_a_read_only_data_folder_still_answers_the_request_and_says_it_was_not_recorded(
        migrated_paths: AppPaths) -> None:
    repo = open_repository(migrated_paths)
    client_id, _ = repo.add_client(client(0), [assessment(1)])
    repo.read_only = True  # as open_read_only gives it: reads work, every write is refused
    export = export_client_data(repo, client_id, migrated_paths.exports, today=TODAY)
    assert export.audited is False
    assert export.json_path.is_file() and export.pdf_path.is_file()
    assert repo.audit_events(client_id)[-1].action == "create"


def test_the_deletion_warning_gives_the_backup_rotation_in_numbers() -> None:
    warning = delete_warning(12, 3)
    assert warning.startswith("Delete client record #12 and its 3 assessment(s)? This cannot be undone.")
    # services.backup keeps 7 daily, 4 weekly and 12 monthly backups.
    assert "daily backups after 7 days, weekly after 4 weeks, monthly after 12 months" in warning
    assert warning.endswith("keeps only a note that record #12 was deleted, without the name or details.")
