"""Two people save the same visit: the services keep the loser's version as a draft and resolve it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

import pytest

from db.engine import make_engine, migrate
from db.repository import Repository
from desktop.clinical import model as m
from desktop.services.assessments import AssessmentService
from desktop.services.conflicts import VisitConflict, conflict_key, describe
from tests.fixtures.records import assessment, client


@pytest.fixture
def two(database_url: str) -> Iterator[tuple[AssessmentService, AssessmentService]]:
    engine = make_engine(database_url)
    migrate(engine)
    other = make_engine(database_url)
    yield (AssessmentService(Repository(engine, actor="maria", device="room-1")),
           AssessmentService(Repository(other, actor="tom", device="room-2")))
    engine.dispose()
    other.dispose()


def test_the_second_save_shows_both_versions_and_keeps_the_loser_as_a_draft(
        two: tuple[AssessmentService, AssessmentService]) -> None:
    maria, tom = two
    client_id, (aid,) = maria.repo.add_client(client(0), [assessment(3)])
    hers_opened = maria.open_visit(None, aid)
    his_opened = tom.open_visit(None, aid)
    assert hers_opened.version == his_opened.version == 1
    hers = dataclasses.replace(assessment(3), pain_nprs=2, notes="maria's edit")
    his = dataclasses.replace(assessment(3), pain_nprs=7, body_mass_kg=80.5, notes="tom's edit")
    assert maria.save_versioned(client_id, aid, hers, expected_version=hers_opened.version) == (aid, 2)

    with pytest.raises(VisitConflict) as caught:
        tom.save(client_id, aid, his, expected_version=his_opened.version)
    conflict = caught.value
    assert (conflict.opened_version, conflict.stored_version, conflict.changed_by) == (1, 2, "maria")
    assert conflict.yours == his and conflict.theirs == hers
    assert "maria" in str(conflict) and "version 2" in str(conflict)
    # Nothing overwritten; his version waits as his draft on his device only.
    assert tom.get(aid) == (client_id, hers)
    assert tom.kept_conflict(aid) == his
    assert maria.kept_conflict(aid) is None
    # Side by side: only the fields that differ, in the form's order, in plain words.
    assert [(d.field, d.yours, d.theirs) for d in conflict.differences()] == [
        ("body_mass_kg", "80.5", "68"),
        ("pain_nprs", "7", "2"),
        ("notes", "tom's edit", "maria's edit"),
    ]
    # He keeps his pain score and mass, and her notes.
    merged = conflict.merge({"pain_nprs", "body_mass_kg"})
    assert (merged.pain_nprs, merged.body_mass_kg, merged.notes) == (7, 80.5, "maria's edit")
    assert tom.resolve_conflict(conflict, merged) == (aid, 3)
    assert tom.get(aid) == (client_id, merged)
    assert tom.kept_conflict(aid) is None
    assert [e.actor for e in tom.repo.audit_events() if e.action == "update"] == ["maria", "tom"]
    assert tom.repo.verify_audit_chain() is None


def test_a_resolution_that_loses_again_is_a_new_conflict(two: tuple[AssessmentService, AssessmentService]) -> None:
    maria, tom = two
    client_id, (aid,) = maria.repo.add_client(client(1), [assessment(4)])
    maria.save(client_id, aid, dataclasses.replace(assessment(4), notes="m1"), expected_version=1)
    with pytest.raises(VisitConflict) as first:
        tom.save(client_id, aid, dataclasses.replace(assessment(4), notes="t1"), expected_version=1)
    maria.save(client_id, aid, dataclasses.replace(assessment(4), notes="m2"), expected_version=2)
    with pytest.raises(VisitConflict) as second:
        tom.resolve_conflict(first.value, first.value.yours)
    assert (second.value.stored_version, second.value.theirs.notes) == (3, "m2")  # type: ignore[union-attr]
    assert tom.kept_conflict(aid) == first.value.yours
    assert tom.get(aid)[1].notes == "m2"


def test_a_visit_deleted_meanwhile_is_kept_as_a_new_visit(two: tuple[AssessmentService, AssessmentService]) -> None:
    maria, tom = two
    client_id, (aid,) = maria.repo.add_client(client(2), [assessment(5)])
    maria.repo.delete_assessment(aid)
    his = dataclasses.replace(assessment(5), notes="still needed")
    with pytest.raises(VisitConflict) as caught:
        tom.save(client_id, aid, his, expected_version=1)
    conflict = caught.value
    assert conflict.theirs is None and conflict.stored_version is None
    assert "deleted by maria" in str(conflict)
    new_id, version = tom.resolve_conflict(conflict, conflict.merge(set()))
    assert version == 1  # a new visit (SQLite may reuse the deleted id)
    assert tom.get(new_id) == (client_id, his)
    assert tom.repo.load_draft(conflict_key(aid)) is None


def test_describe_reads_like_the_form() -> None:
    assert describe(None) == "not recorded"
    assert describe(True) == "yes"
    assert describe(68.0) == "68"
    assert describe(date(2026, 10, 2)) == "2026-10-02"
    assert describe((2, None, 3)) == "2, -, 3"
    assert describe((m.PsfsItem("Walking 30 min", 4.0),)) == "Walking 30 min: 4"
    assert describe(m.Referrer("Dr A. Lee", None)) == "name Dr A. Lee"
    with pytest.raises(ValueError, match="not a field"):
        VisitConflict(1, 1, 1, 2, assessment(1), assessment(2), None, None).merge({"colour"})
