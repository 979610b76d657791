"""Results of a client's visits are computed once, and again exactly when something they depend on changes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from db.repository import Repository
from desktop.clinical.trends import trend_series
from desktop.paths import AppPaths
from desktop.services.assessments import AssessmentService, compute
from desktop.services.database import open_repository
from tests.fixtures.records import assessment, client


@pytest.fixture
def repo(data_dir: Path) -> Repository:
    return open_repository(AppPaths(data_dir).ensure())


def four_visits(repo: Repository) -> tuple[int, list[int]]:
    return repo.add_client(client(0), [assessment(day, nprs=7 - day) for day in (1, 8, 15, 22)])


def fresh(repo: Repository, client_id: int) -> list[dict[str, object]]:
    """Every visit's results computed from scratch, as JSON (what the cache must agree with)."""
    record = repo.get_client(client_id)
    visits = [(aid, a) for aid, a in record.assessments if aid is not None]
    threshold = repo.get_settings().pelvic_drop_threshold_deg
    return [compute(record.client, visits, i, pelvic_drop_threshold_deg=threshold).to_json()
            for i in range(len(visits))]


def opened(repo: Repository) -> tuple[AssessmentService, int, list[int]]:
    """Four visits of one client, opened once (four results computed)."""
    client_id, ids = four_visits(repo)
    service = AssessmentService(repo)
    service.client_overview(client_id)
    return service, client_id, ids


def shown(service: AssessmentService, client_id: int) -> list[dict[str, object]]:
    return [results.to_json() for _aid, _a, results in service.client_overview(client_id).visits]


def test_opening_again_computes_nothing(repo: Repository) -> None:
    client_id, _ids = four_visits(repo)
    service = AssessmentService(repo)

    first = service.client_overview(client_id)
    assert service.computed.computed == 4
    again = service.client_overview(client_id)

    assert service.computed.computed == 4
    assert again == first
    assert [r.to_json() for _i, _a, r in again.visits] == fresh(repo, client_id)
    assert again.series == trend_series(list(again.visits))


def test_a_changed_visit_recomputes_itself_and_the_visit_after_it(repo: Repository) -> None:
    service, client_id, ids = opened(repo)
    _cid, second = repo.get_assessment(ids[1])

    repo.update_assessment(ids[1], replace(second, pain_nprs=2))

    # Visit 2 itself, and visit 3 whose "previous" it is; visits 1 and 4 keep their results.
    assert shown(service, client_id) == fresh(repo, client_id)
    assert service.computed.computed == 4 + 2
    assert service.client_overview(client_id).visits[1][2].to_json() == fresh(repo, client_id)[1]


def test_a_changed_first_visit_recomputes_every_visit(repo: Repository) -> None:
    service, client_id, ids = opened(repo)
    _cid, first = repo.get_assessment(ids[0])

    repo.update_assessment(ids[0], replace(first, pain_nprs=9))  # the baseline of every change

    assert shown(service, client_id) == fresh(repo, client_id)
    assert service.computed.computed == 4 + 4


def test_a_new_visit_computes_only_itself(repo: Repository) -> None:
    service, client_id, _ids = opened(repo)

    repo.add_assessment(client_id, assessment(29, nprs=1))

    assert shown(service, client_id) == fresh(repo, client_id)
    assert service.computed.computed == 4 + 1


def test_a_changed_setting_or_client_recomputes_every_visit(repo: Repository) -> None:
    service, client_id, _ids = opened(repo)

    repo.save_settings(replace(repo.get_settings(), pelvic_drop_threshold_deg=3.0))
    assert shown(service, client_id) == fresh(repo, client_id)
    assert service.computed.computed == 8

    repo.update_client(client_id, client(0, date_of_birth=client(0).date_of_birth.replace(year=1990)))
    assert shown(service, client_id) == fresh(repo, client_id)
    assert service.computed.computed == 12


def test_a_deleted_visit_is_gone_and_its_successor_recomputed(repo: Repository) -> None:
    service, client_id, ids = opened(repo)

    repo.delete_assessment(ids[2])

    assert [aid for aid, _a, _r in service.client_overview(client_id).visits] == [ids[0], ids[1], ids[3]]
    assert shown(service, client_id) == fresh(repo, client_id)
    assert service.computed.computed == 4 + 1  # the last visit's "previous" is now visit 2


def test_stamps_grow_with_every_change_and_come_with_their_record(repo: Repository) -> None:
    client_id, (first,) = repo.add_client(client(0), [assessment(1)])
    (client_version, _at), visits = repo.visit_stamps(client_id)
    assert client_version == 1 and [stamp[:2] for stamp in visits] == [(first, 1)]

    repo.update_assessment(first, replace(repo.get_assessment(first)[1], pain_nprs=1))
    second = repo.add_assessment(client_id, assessment(2))
    record, (_client, visits) = repo.client_with_stamps(client_id)

    assert [stamp[:2] for stamp in visits] == [(first, 2), (second, 1)]
    assert [aid for aid, _a in record.assessments] == [first, second]
    assert (_client, visits) == repo.visit_stamps(client_id)


def test_the_client_of_a_visit_is_read_without_the_visit(repo: Repository) -> None:
    from db.records import NotFoundError

    client_id, ids = four_visits(repo)
    assert [repo.client_of_assessment(aid) for aid in ids] == [client_id] * 4
    with pytest.raises(NotFoundError):
        repo.client_of_assessment(max(ids) + 1)
