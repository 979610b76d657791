"""services.reports.ReportService: letters into the exports folder only once audited; previews write nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from db.repository import Repository
from desktop.paths import AppPaths
from desktop.services.assessments import AssessmentService
from desktop.services.database import open_repository
from desktop.services.documents import page_count
from desktop.services.reports import ReportNotAllowedError, ReportService, export_blocker
from tests.fixtures.records import assessment, client


@pytest.fixture
def repo(migrated_paths: AppPaths) -> Repository:
    return open_repository(migrated_paths)


def _service(repo: Repository, paths: AppPaths) -> ReportService:
    return ReportService(repo, AssessmentService(repo), paths.exports)


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_letter_goes_to_its_default_name_once_audited_and_the_preview_writes_nothing(
        repo: Repository, migrated_paths: AppPaths) -> None:
    client_id, (aid,) = repo.add_client(client(0), [assessment(1)])
    reports = _service(repo, migrated_paths)
    preview = reports.preview(aid)
    assert preview.startswith(b"%PDF") and _files(migrated_paths.exports) == []
    assert repo.audit_events(client_id)[-1].action == "create"  # a preview is not an export
    path = reports.export(aid)
    assert path == reports.default_path(aid, date(2026, 10, 1))
    assert path == migrated_paths.exports / f"medius-referral-{aid}-2026-10-01.pdf"
    assert _files(migrated_paths.exports) == [path.name]
    assert page_count(path.read_bytes()) == page_count(preview)
    event = repo.audit_events(client_id)[-1]
    assert (event.action, event.entity, event.entity_id, event.detail) == ("report", "assessment", aid, "referral")


def test_a_letter_without_screening_is_refused_and_leaves_nothing(repo: Repository, migrated_paths: AppPaths) -> None:
    client_id, (aid,) = repo.add_client(client(1), [replace(assessment(2), red_flags=None)])
    reports = _service(repo, migrated_paths)
    assert export_blocker(AssessmentService(repo).results(aid)) == "screening_not_done"
    for attempt in (reports.preview, reports.export):
        with pytest.raises(ReportNotAllowedError, match="screening was not done"):
            attempt(aid)
    assert _files(migrated_paths.exports) == [] and repo.audit_events(client_id)[-1].action == "create"
    assert export_blocker(None) is None  # nothing computed yet: nothing to block


def test_the_handout_and_the_outcome_report_are_written_where_asked(repo: Repository,
                                                                    migrated_paths: AppPaths) -> None:
    _client_id, (aid, _later) = repo.add_client(client(0), [assessment(1), assessment(20)])
    repo.add_client(client(1), [replace(assessment(3), performed_on=date(2026, 11, 3))])  # outside the range
    reports = _service(repo, migrated_paths)
    handout = reports.handout(aid, migrated_paths.exports / "handout.pdf", large_print=True)
    assert handout.read_bytes().startswith(b"%PDF")
    pdf, table = reports.outcome_report(date(2026, 10, 1), date(2026, 10, 31))
    stem = "medius-outcomes-2026-10-01-to-2026-10-31"
    assert (pdf, table) == (migrated_paths.exports / f"{stem}.pdf", migrated_paths.exports / f"{stem}.csv")
    assert _files(migrated_paths.exports) == sorted(["handout.pdf", f"{stem}.pdf", f"{stem}.csv"])
    assert repo.audit_events()[-1].detail == "clients=1"  # two visits in October: one client; November's is out
