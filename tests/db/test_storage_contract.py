"""The storage contract, run on both engines: a SQLite file and a real PostgreSQL database.

Each test gets a fresh database migrated by the same Alembic scripts; the
repository must behave identically on both.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from db.engine import current_revision, make_engine, migrate
from db.records import SCHEMA_HEAD, NotFoundError
from db.repository import Repository
from desktop.clinical import model as m
from tests.fixtures.records import assessment, client, varied_records


@pytest.fixture
def repo(database_url: str) -> Iterator[Repository]:
    engine = make_engine(database_url)
    migrate(engine)
    yield Repository(engine)
    engine.dispose()


def test_migrations_reach_the_same_head(repo: Repository) -> None:
    assert current_revision(repo.engine) == SCHEMA_HEAD
    assert set(repo.table_counts()) >= {"clients", "assessments", "audit_events", "drafts"}


def test_client_with_visits_round_trips_exactly(repo: Repository) -> None:
    visits = [assessment(2), assessment(9, nprs=2, notes="ünïcode ✓ 张伟")]
    client_id, ids = repo.add_client(client(0), visits)
    record = repo.get_client(client_id)
    assert record.client == client(0)
    assert [a for _, a in record.assessments] == visits
    assert [i for i, _ in record.assessments] == ids
    assert repo.get_assessment(ids[1]) == (client_id, visits[1])


def test_search_is_accent_and_case_insensitive(repo: Repository) -> None:
    for index in range(3):
        repo.add_client(client(index, external_id=f"MED-{index:04d}"))
    assert [c.family_name for c in repo.list_clients("nguyen")] == ["Nguyễn Thị"]
    assert [c.family_name for c in repo.list_clients("ZOE nunez")] == ["Ñúñez"]
    assert [c.given_name for c in repo.list_clients("芳")] == ["芳"]
    assert repo.list_clients("100%") == []  # wildcards are literal
    assert len(repo.list_clients("")) == 3


def test_one_clients_line_reads_as_in_the_whole_list(repo: Repository) -> None:
    first, _ = repo.add_client(client(0), [assessment(2), assessment(9)])
    repo.add_client(client(1))
    line = repo.client_summary(first)
    assert line is not None and line.assessment_count == 2
    assert line == next(c for c in repo.list_clients() if c.id == first)
    assert line.search_key == next(c for c in repo.list_clients() if c.id == first).search_key
    assert repo.client_summary(first + 1000) is None


def test_update_replaces_children_and_keeps_counts(repo: Repository) -> None:
    client_id, (aid,) = repo.add_client(client(1), [assessment(3)])
    before = repo.table_counts()
    program = m.Program((m.ProgramItem("clamshell", 1, sets=3, reps=12),))
    edited = dataclasses.replace(assessment(3), pain_nprs=1,
                                 red_flags=("night_pain", "weight_loss"), program=program)
    repo.update_assessment(aid, edited)
    assert repo.get_assessment(aid) == (client_id, edited)
    after = repo.table_counts()
    assert after["assessment_red_flags"] == before["assessment_red_flags"] + 1
    assert after["program_items"] == before["program_items"] + 1
    assert after["hip_abduction_trials"] == before["hip_abduction_trials"]


def test_delete_client_cascades_and_is_audited(repo: Repository) -> None:
    client_id, _ = repo.add_client(client(0), [assessment(1), assessment(2)])
    repo.delete_client(client_id)
    counts = repo.table_counts()
    assert counts["clients"] == counts["assessments"] == counts["hip_abduction_trials"] == 0
    with pytest.raises(NotFoundError):
        repo.get_client(client_id)
    assert repo.audit_events(client_id)[-1].detail == "assessments=2"
    assert repo.verify_audit_chain() is None


def test_import_writes_every_row_with_ids_in_file_order_and_one_event_each(repo: Repository) -> None:
    before_id, _ = repo.add_client(client(0), [assessment(1)])
    records = varied_records()
    out = repo.add_clients(records)
    assert [len(ids) for _, ids in out] == [2, 0, 1]
    client_ids = [client_id for client_id, _ in out]
    visit_ids = [i for _, ids in out for i in ids]
    assert before_id < client_ids[0] < client_ids[1] < client_ids[2]
    assert visit_ids == sorted(visit_ids)
    for (client_id, ids), (expected, visits) in zip(out, records, strict=True):
        stored = repo.get_client(client_id)
        assert stored.client == expected
        assert list(stored.assessments) == list(zip(ids, visits, strict=True))
    # The single-record path's events, in its order, then the import's own; the chain holds.
    events = [(e.action, e.entity, e.entity_id, e.client_id) for e in repo.audit_events()[2:]]
    assert events == [
        ("create", "client", client_ids[0], client_ids[0]),
        ("create", "assessment", visit_ids[0], client_ids[0]),
        ("create", "assessment", visit_ids[1], client_ids[0]),
        ("create", "client", client_ids[1], client_ids[1]),
        ("create", "client", client_ids[2], client_ids[2]),
        ("create", "assessment", visit_ids[2], client_ids[2]),
        ("import", "exchange", None, None),
    ]
    assert repo.verify_audit_chain() is None
    assert repo.audit_head() == (repo.audit_events()[-1].id, repo.audit_events()[-1].hash)
    after_id, _ = repo.add_client(client(4), [assessment(8)])  # ids carry on after the import
    assert after_id > client_ids[2]
    assert repo.verify_audit_chain() is None


def test_import_is_all_or_nothing(repo: Repository) -> None:
    # The second record breaks a unique key (the same red flag twice): the first must go too.
    broken_visit = dataclasses.replace(assessment(5), red_flags=("night_pain", "night_pain"))
    records = [(client(1), [assessment(4)]), (client(2), [broken_visit])]
    with pytest.raises(Exception):  # noqa: B017 - the driver's integrity error; nothing may stay
        repo.add_clients(records)
    assert repo.table_counts()["clients"] == 0
    assert repo.audit_events() == []


def test_drafts_settings_and_audit_chain(repo: Repository) -> None:
    repo.save_draft("client:1:new", {"pain": 3, "name": "Zoë"})
    assert repo.load_draft("client:1:new") == {"pain": 3, "name": "Zoë"}
    assert [k for k, _ in repo.list_drafts("client:1:")] == ["client:1:new"]
    repo.delete_draft("client:1:new")
    assert repo.load_draft("client:1:new") is None
    settings = dataclasses.replace(m.ClinicSettings(), clinic_name="Harbour Physio", idle_lock_minutes=5)
    repo.save_settings(settings)
    assert repo.get_settings() == settings
    repo.record_event("export", "exchange", None, None, "clients=0")
    events = repo.audit_events()
    assert [e.action for e in events] == ["update", "export"]
    assert repo.verify_audit_chain() is None
    assert repo.audit_head() == (events[-1].id, events[-1].hash)


def test_audit_rows_cannot_be_changed_or_removed(repo: Repository) -> None:
    repo.add_client(client(0))
    for statement in ("UPDATE audit_events SET actor = 'someone else'", "DELETE FROM audit_events"):
        with pytest.raises(Exception, match="append-only"), repo.engine.begin() as conn:
            conn.execute(text(statement))
    assert repo.verify_audit_chain() is None and len(repo.audit_events()) == 1
