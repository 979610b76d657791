"""An edit rewrites only what changed: the child rows of unchanged fields stay, found by the stored
per-field hashes rather than by reading the old visit back (both engines)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, select, update

from db.engine import make_engine, migrate
from db.mapping import field_digests
from db.models import AssessmentRow, OdiScoreRow, PsfsRow, RedFlagRow
from db.repository import Repository
from desktop.clinical import model as m
from desktop.clinical.curves import ForceCurve
from tests.fixtures.records import assessment, client


@pytest.fixture
def repo(database_url: str) -> Iterator[Repository]:
    engine = make_engine(database_url)
    migrate(engine)
    yield Repository(engine, actor="carl")
    engine.dispose()


def _ids(repo: Repository, model: Any, aid: int) -> list[int]:
    with repo._read() as session:
        return list(session.execute(select(model.id).where(model.assessment_id == aid).order_by(model.id)).scalars())


def _statements(repo: Repository, action: Any) -> list[str]:
    seen: list[str] = []

    def record(_c: Any, _cur: Any, statement: str, *_rest: Any) -> None:
        seen.append(" ".join(statement.split()[:3]))  # e.g. "INSERT INTO audit_events", "DELETE FROM odi_scores"

    event.listen(repo.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(repo.engine, "before_cursor_execute", record)
    return seen


def test_a_notes_edit_touches_no_child_row(repo: Repository) -> None:
    client_id, (aid,) = repo.add_client(client(0), [assessment(3)])
    flags, odi = _ids(repo, RedFlagRow, aid), _ids(repo, OdiScoreRow, aid)
    edited = dataclasses.replace(assessment(3), notes="phoned: better")

    sent = _statements(repo, lambda: repo.update_assessment(aid, edited, expected_version=1))

    assert repo.get_assessment(aid) == (client_id, edited)
    assert (_ids(repo, RedFlagRow, aid), _ids(repo, OdiScoreRow, aid)) == (flags, odi)
    assert not [s for s in sent if s.startswith(("DELETE", "INSERT")) and "audit" not in s]
    assert [e.detail for e in repo.audit_events() if e.action == "update"] == ["fields=notes"]


def test_only_the_changed_fields_child_rows_are_replaced(repo: Repository) -> None:
    client_id, (aid,) = repo.add_client(client(1), [assessment(3)])
    flags = _ids(repo, RedFlagRow, aid)
    edited = dataclasses.replace(assessment(3), pain_nprs=2, psfs=(m.PsfsItem("Stairs", 6),))

    sent = _statements(repo, lambda: repo.update_assessment(aid, edited, expected_version=1))

    assert repo.get_assessment(aid) == (client_id, edited)
    assert _ids(repo, RedFlagRow, aid) == flags and len(_ids(repo, PsfsRow, aid)) == 1
    written = sorted({s.split()[2] for s in sent if s.startswith(("DELETE", "INSERT"))})
    assert written == ["audit_events", "psfs_items"]
    assert [e.detail for e in repo.audit_events() if e.action == "update"] == ["fields=pain_nprs,psfs"]
    assert repo.verify_audit_chain() is None


def test_a_visit_saved_before_the_hashes_is_read_in_full_once(repo: Repository) -> None:
    client_id, (aid,) = repo.add_client(client(2), [assessment(3)])
    with repo._write() as session:  # as a visit stored by the previous schema revision
        session.execute(update(AssessmentRow).where(AssessmentRow.id == aid).values(field_digests=None))
    edited = dataclasses.replace(assessment(3), red_flags=())

    repo.update_assessment(aid, edited, expected_version=1)

    assert repo.get_assessment(aid) == (client_id, edited)
    assert _ids(repo, RedFlagRow, aid) == []
    with repo._read() as session:
        stored = session.execute(select(AssessmentRow.field_digests).where(AssessmentRow.id == aid)).scalar()
    assert stored is not None and '"red_flags"' in stored
    assert [e.detail for e in repo.audit_events() if e.action == "update"] == ["fields=red_flags"]


def test_hashes_see_values_as_stored() -> None:
    # Worked by hand: 150 and 150.0 are one stored force; a curve is kept as float32 to 4 decimals,
    # so 1.00001 and 1.0 are the same stored curve, while 1.001 is not.
    hhd = m.HipAbduction(left=m.HhdSide((150, 158), 80))
    same = m.HipAbduction(left=m.HhdSide((150.0, 158.0), 80.0))
    assert field_digests(assessment(1))["hip_abduction"] != field_digests(
        dataclasses.replace(assessment(1), hip_abduction=hhd))["hip_abduction"]
    a, b = (dataclasses.replace(assessment(1), hip_abduction=h) for h in (hhd, same))
    assert field_digests(a) == field_digests(b)
    curves = [m.HipAbduction(left=m.HhdSide((1.0,), 80.0, curves=(ForceCurve(1000.0, (0.0, v)),))) for v in
              (1.0, 1.00001, 1.001)]
    digests = [field_digests(dataclasses.replace(assessment(1), hip_abduction=h))["hip_abduction"] for h in curves]
    assert digests[0] == digests[1] != digests[2]
