"""The stores the repository is assembled from, one section each: clients, visits, drafts, clinic."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from db.records import NotFoundError, StoredPhoto
from db.repository import Repository
from desktop.clinical import model as m
from desktop.paths import AppPaths
from desktop.services.database import open_repository
from tests.fixtures.records import assessment, client

JPEG = StoredPhoto(b"\xff\xd8 a small jpeg \xff\xd9", 40, 30)


@pytest.fixture
def repo(migrated_paths: AppPaths) -> Repository:
    return open_repository(migrated_paths)


# -- client_store ----------------------------------------------------------------------


def test_the_client_list_counts_visits_and_names_the_last_one(repo: Repository) -> None:
    ana, _ = repo.add_client(client(0), [assessment(3), assessment(9), assessment(5)])
    repo.add_client(client(1))
    rows = {row.id: row for row in repo.list_clients()}
    assert (rows[ana].assessment_count, rows[ana].last_visit) == (3, date(2026, 10, 9))
    assert [row.family_name for row in repo.list_clients()] == ["Nguyễn Thị", "王"]  # by family name
    assert len(repo.list_clients("", limit=1)) == 1
    assert repo.list_clients("a_h") == []  # "_" is a letter here, not any one character


def test_reception_lists_names_without_visit_figures_and_reads_contact_only(repo: Repository) -> None:
    client_id, _ = repo.add_client(client(2, notes="Worried about surgery", athlete_group="runners"),
                                   [assessment(1)])
    reception = Repository(repo.engine, actor="desk", role="reception")
    [row] = reception.list_clients()
    assert (row.assessment_count, row.last_visit) == (0, None)
    contact = reception.client_contact(client_id)
    assert (contact.notes, contact.athlete_group) == ("", None)
    assert (contact.given_name, contact.email) == ("Zoë", "person2@example.org")


def test_an_edit_is_versioned_and_its_audit_names_the_changed_fields_only(repo: Repository) -> None:
    client_id, _ = repo.add_client(client(0))
    assert repo.client_version(client_id) == 1
    new_version = repo.update_client(client_id, client(0, phone="0400 000 001", notes="prefers mornings"))
    assert new_version == repo.client_version(client_id) == 2
    assert repo.audit_events(client_id)[-1].detail == "fields=phone,notes"
    for read in (repo.client_version, repo.client_contact, repo.get_client, repo.delete_client):
        with pytest.raises(NotFoundError):
            read(client_id + 1)


def test_deleting_a_client_takes_their_drafts_and_leaves_others(repo: Repository) -> None:
    first, _ = repo.add_client(client(0))
    second, _ = repo.add_client(client(1))
    for client_id in (first, second):
        repo.save_draft(f"client:{client_id}:assessment:new", {"pain": 3})
    repo.delete_client(first)
    assert [key for key, _ in repo.list_drafts()] == [f"client:{second}:assessment:new"]
    assert repo.all_client_ids() == [second]


# -- assessment_store ------------------------------------------------------------------


def test_visits_list_by_date_then_by_id_and_unknown_ones_are_not_found(repo: Repository) -> None:
    client_id, (late, early) = repo.add_client(client(0), [assessment(20), assessment(2)])
    same_day = repo.add_assessment(client_id, assessment(2, nprs=1))
    assert [aid for aid, _ in repo.list_assessments(client_id)] == [early, same_day, late]
    with pytest.raises(NotFoundError):
        repo.add_assessment(client_id + 1, assessment(1))
    for use in (repo.get_assessment, repo.delete_assessment, repo.assessment_version):
        with pytest.raises(NotFoundError):
            use(late + 100)


def test_a_visit_edit_bumps_its_version_and_audits_the_changed_fields(repo: Repository) -> None:
    client_id, (aid,) = repo.add_client(client(0), [assessment(1)])
    edited = dataclasses.replace(assessment(1), pain_nprs=2, notes="better")
    assert repo.update_assessment(aid, edited) == 2
    event = repo.audit_events(client_id)[-1]
    assert (event.action, event.entity_id, event.detail) == ("update", aid, "fields=pain_nprs,notes")


def test_deleting_a_visit_takes_its_photos_and_keeps_the_client(repo: Repository) -> None:
    client_id, (aid, kept) = repo.add_client(client(0), [assessment(1), assessment(2)])
    repo.keep_draft_photo(client_id, "d1", "left", "single_leg", JPEG)
    repo.update_assessment(aid, assessment(1), photos_draft="d1")
    repo.delete_assessment(aid)
    assert repo.client_photos(client_id) == []
    assert [i for i, _ in repo.list_assessments(client_id)] == [kept]
    assert repo.audit_events(client_id)[-1].action == "delete"


# -- draft_store -----------------------------------------------------------------------


def test_a_draft_photo_replaces_or_removes_the_saved_one_only_when_the_visit_is_saved(repo: Repository) -> None:
    client_id, (aid,) = repo.add_client(client(0), [assessment(1)])
    repo.keep_draft_photo(client_id, "d1", "right", "single_leg", JPEG)
    repo.update_assessment(aid, assessment(1), photos_draft="d1")
    assert repo.assessment_photos(aid) == {("right", "single_leg"): JPEG}
    repo.keep_draft_photo(client_id, "d2", "right", "single_leg", None)  # removed in the editor
    assert repo.photo("right", "single_leg", assessment_id=aid, draft_key="d2") is None  # as the editor sees it
    assert repo.assessment_photos(aid) == {("right", "single_leg"): JPEG}  # still stored until saved
    repo.update_assessment(aid, assessment(1), photos_draft="d2")
    assert repo.assessment_photos(aid) == {} and repo.table_counts()["trendelenburg_photos"] == 0


def test_discarding_a_draft_drops_its_photos_but_not_a_saved_visits(repo: Repository) -> None:
    client_id, (aid,) = repo.add_client(client(0), [assessment(1)])
    repo.keep_draft_photo(client_id, "d1", "left", "reference", JPEG)
    repo.update_assessment(aid, assessment(1), photos_draft="d1")
    repo.save_draft("d2", {"pain": 4})
    repo.keep_draft_photo(client_id, "d2", "left", "single_leg", JPEG)
    repo.delete_draft("d2")
    assert repo.load_draft("d2") is None
    assert [(a, side, kind) for a, side, kind, _ in repo.client_photos(client_id)] == [(aid, "left", "reference")]
    with pytest.raises(NotFoundError):
        repo.keep_draft_photo(client_id + 1, "d3", "left", "single_leg", JPEG)


# -- clinic_store ----------------------------------------------------------------------


def test_settings_default_until_saved(repo: Repository) -> None:
    assert repo.get_settings() == m.ClinicSettings()
    chosen = m.ClinicSettings(clinic_name="Harbour Physio", logo_png=b"\x89PNG", pelvic_drop_threshold_deg=4.5)
    repo.save_settings(chosen)
    assert repo.get_settings() == chosen


def test_the_clinician_list_keeps_ids_order_and_drops_those_left_out(repo: Repository) -> None:
    letterhead = m.ClinicSettings(clinic_name="Harbour Physio")
    repo.save_clinic(letterhead, [m.Clinician("Mia Chen", "BPhty"), m.Clinician("Jo Smith"),
                                  m.Clinician("Sam Lee")])
    mia, jo, sam = repo.list_clinicians()
    assert [c.name for c in (mia, jo, sam)] == ["Mia Chen", "Jo Smith", "Sam Lee"]
    # Sam leaves, Jo moves first and gains a number, Ana joins last.
    repo.save_clinic(letterhead, [dataclasses.replace(jo, registration_number="PHY0001"), mia,
                                  m.Clinician("Ana Ruiz")])
    stored = repo.list_clinicians()
    assert [(c.name, c.registration_number) for c in stored] == [
        ("Jo Smith", "PHY0001"), ("Mia Chen", ""), ("Ana Ruiz", "")]
    assert [c.id for c in stored[:2]] == [jo.id, mia.id] and stored[2].id not in (jo.id, mia.id, None)
    assert repo.get_settings() == letterhead
    assert repo.audit_events()[-1].detail == "clinicians=3"
