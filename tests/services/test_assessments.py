"""services.assessments: results against the right visits and the clinic's settings; pre-fill; unsaved visits."""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from db.repository import Repository
from desktop.clinical import model as m
from desktop.paths import AppPaths
from desktop.services.assessments import AssessmentService, NormService, compute_with_settings, norms_dir_for
from desktop.services.database import open_repository
from desktop.services.drafts import draft_key
from tests.fixtures.records import assessment, client
from tests.services.test_app_services import _clinic_table


@pytest.fixture
def repo(migrated_paths: AppPaths) -> Repository:
    return open_repository(migrated_paths)


def test_history_measures_change_from_the_first_visit(repo: Repository) -> None:
    client_id, (first, _second, third) = repo.add_client(
        client(0), [assessment(1, nprs=7), assessment(5, nprs=5), assessment(9, nprs=3)])
    service = AssessmentService(repo)
    history = service.history(client_id)
    assert [aid for aid, _visit, _results in history] == [first, _second, third]
    results = service.results(third)
    assert results == history[2][2]
    assert results.change is not None and results.change.baseline_performed_on == date(2026, 10, 1)
    pain = next(c for c in results.change.measures if c.measure == "nprs")
    assert (pain.baseline, pain.current, pain.change) == (7, 3, -4)  # 3 now - 7 at the first visit
    torque = next(c for c in results.change.measures
                  if c.measure == "hip_abduction_torque_nm_per_kg" and c.side == "right")
    assert torque.current == pytest.approx(125.0 * 0.80 / 68.0)  # best right trial x lever arm / mass = 1.4706
    assert history[0][2].change is None  # the first visit is the baseline itself


def test_compute_with_settings_applies_the_clinics_threshold_and_table(repo: Repository) -> None:
    client_id, (aid,) = repo.add_client(client(0), [assessment(1)])  # right stance: 6 degrees of drop
    visits = [(aid, assessment(1))]
    for threshold, reached in ((5.0, True), (6.0, True), (6.5, False), (None, None)):  # reached when 6 >= it
        repo.save_settings(replace(repo.get_settings(), pelvic_drop_threshold_deg=threshold))
        results = compute_with_settings(repo)(client(0), visits, 0)
        right = results.trendelenburg.right
        assert right is not None and right.pelvic_drop_error is not None
        assert right.pelvic_drop_error["threshold_reached"] is reached, threshold
        assert AssessmentService(repo).results(aid) == results  # the window and exports agree
    made = compute_with_settings(repo)
    assert isinstance(made, functools.partial)
    table = made.keywords["norm_table"]
    assert table is not None and table.name == "builtin"


def test_a_reassessment_carries_the_protocol_but_not_the_measurements(repo: Repository) -> None:
    service = AssessmentService(repo)
    empty_id, _ = repo.add_client(client(1))
    assert service.prefill_reassessment(empty_id, on=date(2026, 11, 2)) == m.Assessment(performed_on=date(2026, 11, 2))
    assert service.psfs_activities(empty_id) == []
    client_id, _ = repo.add_client(client(0), [assessment(1), replace(assessment(9), body_mass_kg=66.5)])
    new = service.prefill_reassessment(client_id, on=date(2026, 11, 2))
    assert (new.performed_on, new.body_mass_kg, new.height_cm, new.clinician) == (
        date(2026, 11, 2), 66.5, 165.0, "Jo Smith")  # from the latest visit
    assert new.hip_abduction == m.HipAbduction(method="hhd", position="supine", unit="N",
                                               left=m.HhdSide((), 80.0), right=m.HhdSide((), 80.0))
    assert (new.pain_nprs, new.psfs, new.trendelenburg_left) == (None, (), None)
    assert service.psfs_activities(client_id) == ["Walking 30 min", "Gardening"]  # to be re-rated


def test_unsaved_visits_name_their_client_and_skip_deleted_clients_and_foreign_keys(repo: Repository) -> None:
    kept, _ = repo.add_client(client(0))
    gone, _ = repo.add_client(client(1))
    service = AssessmentService(repo)
    for key in (draft_key(kept, None), draft_key(gone, 4), "settings:letterhead", "client:x:assessment:new"):
        repo.save_draft(key, {"pain": 3})
    repo.delete_client(gone)  # its drafts go with it
    [visit] = service.unsaved_visits()
    assert (visit.key, visit.client_id, visit.assessment_id, visit.client_name) == (
        draft_key(kept, None), kept, None, "Ánh Nguyễn Thị")
    listed = [(draft_key(gone, 4), datetime(2026, 10, 1)), (draft_key(kept, 2), datetime(2026, 10, 2))]
    [given] = service.unsaved_visits(listed, names={kept: "From the start-up reader"})
    assert (given.assessment_id, given.client_name) == (2, "From the start-up reader")


def test_reference_tables_live_beside_a_file_database_only(repo: Repository, tmp_path: Path) -> None:
    assert repo.database_path is not None
    assert norms_dir_for(repo) == repo.database_path.parent / "norms"
    in_memory = Repository(create_engine("sqlite://"))
    assert norms_dir_for(in_memory) is None
    csv = _clinic_table(tmp_path)
    with pytest.raises(OSError, match="local data folder only"):
        NormService(repo, lambda: None).add_table_file(csv)
    assert NormService(repo, tmp_path / "custom").add_table_file(csv) == "clinic"
    assert (tmp_path / "custom" / "clinic.csv").read_bytes() == csv.read_bytes()
