"""services.demo: five realistic clients with history, each stored whole, with progress as they go."""

from __future__ import annotations

from datetime import date, timedelta

from desktop.clinical.validation import validate_assessment, validate_client
from desktop.paths import AppPaths
from desktop.services.database import open_repository
from desktop.services.demo import add_demo_clients, demo_records

TODAY = date(2026, 12, 2)


def test_the_demo_records_are_valid_and_dated_back_from_today() -> None:
    records = demo_records(TODAY)
    assert [len(visits) for _client, visits in records] == [3, 1, 1, 2, 1]
    first_visits = [visit.performed_on for visit in records[0][1]]
    assert first_visits == [TODAY - timedelta(weeks=12), TODAY - timedelta(weeks=6), TODAY]  # 2026-09-09 ...
    assert first_visits[0] == date(2026, 9, 9)  # 12 weeks = 84 days before 2 December
    for client, visits in records:
        assert validate_client(client, today=TODAY) == []
        for visit in visits:
            assert validate_assessment(visit, date_of_birth=client.date_of_birth, today=TODAY) == []


def test_each_client_is_stored_in_turn_with_progress_and_the_chosen_clinician(migrated_paths: AppPaths) -> None:
    repo = open_repository(migrated_paths)
    reports: list[tuple[int, str]] = []
    added = add_demo_clients(repo, TODAY, clinician="Mia Chen", progress=lambda p, text: reports.append((p, text)))
    assert [len(visit_ids) for _client_id, visit_ids in added] == [3, 1, 1, 2, 1]
    # 100 * index // 5 before each of the five clients, then 100 when done.
    assert [percent for percent, _text in reports] == [0, 20, 40, 60, 80, 100]
    assert reports[1][1] == "Adding demo client 2 of 5: 芳 王" and reports[-1][1] == "5 demo clients added"
    visits = [visit for client_id, _ in added for _id, visit in repo.list_assessments(client_id)]
    assert len(visits) == 8 and {visit.clinician for visit in visits} == {"Mia Chen"}
    # One import event per client: each was its own transaction.
    assert [e.detail for e in repo.audit_events() if e.action == "import"] == ["clients=1"] * 5
