"""db.mapping: one full visit, and its client, through rows and back unchanged."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import select

from db.mapping import (
    ASSESSMENT_LOAD,
    CHILD_TABLES,
    VISIT_CHILDREN,
    apply_assessment,
    apply_client,
    assessment_children,
    client_columns,
    search_key,
)
from db.models import AssessmentRow, ClientRow
from db.rows import assessment_from_row, client_from_row
from desktop.clinical import model as m
from desktop.clinical.validation import ValidationError
from desktop.paths import AppPaths
from desktop.services.database import open_repository
from tests.fixtures.records import client, full_visit


def test_a_full_visit_writes_the_child_rows_counted_by_hand() -> None:
    children = assessment_children(full_visit())
    # 2 flags, 10 ODI sections (blanks kept as rows), 2 PSFS, 2 stances, 2 hip sides,
    # 3 + 2 trials, 2 exercises.
    assert {name: len(rows) for name, rows in children.items()} == {
        "red_flags": 2, "odi_scores": 10, "psfs_items": 2, "trendelenburg": 2, "hip_sides": 2,
        "hip_trials": 5, "program_items": 2}
    trials = children["hip_trials"]
    assert [t["excluded_reason"] for t in trials] == [None, None, "pain", None, None]
    assert [t["curve_rate_hz"] for t in trials] == [10.0, 10.0, None, None, None]
    assert len(trials[0]["curve_force"]) == 4 * 4  # four float32 samples
    # Every row of a table has the same keys, so one executemany can write them.
    assert all(rows[0].keys() == row.keys() for rows in children.values() for row in rows)


def test_a_full_visit_round_trips_through_a_row_in_memory() -> None:
    row = AssessmentRow()
    apply_assessment(row, full_visit())
    assert assessment_from_row(row) == full_visit()


def test_a_full_visit_and_its_client_round_trip_through_the_database(migrated_paths: AppPaths) -> None:
    repo = open_repository(migrated_paths)
    person = client(1, athlete_group="runners", notes="Left-handed", phone="+61 2 5550 1234")
    with repo._sessions.begin() as session:
        client_row = ClientRow(created_at=date(2026, 10, 1), updated_at=date(2026, 10, 1))
        apply_client(client_row, person)
        session.add(client_row)
        session.flush()
        visit_row = AssessmentRow(client_id=client_row.id, created_at=date(2026, 10, 1),
                                  updated_at=date(2026, 10, 1))
        apply_assessment(visit_row, full_visit())
        session.add(visit_row)
    with repo._sessions() as session:
        stored = session.execute(select(AssessmentRow).options(*ASSESSMENT_LOAD)).scalar_one()
        assert assessment_from_row(stored) == full_visit()
        assert client_from_row(session.execute(select(ClientRow)).scalar_one()) == person


def test_an_edit_of_one_field_touches_only_the_child_tables_listed_for_it() -> None:
    """An edit rewrites the child tables CHILD_TABLES names for the changed fields: none may be missing."""
    full = full_visit()
    before = assessment_children(full)
    blank = m.Assessment(performed_on=date(2026, 10, 2))
    for field in dataclasses.fields(m.Assessment):
        edited = dataclasses.replace(full, **{field.name: getattr(blank, field.name)})
        touched = {table for table, rows in assessment_children(edited).items() if rows != before[table]}
        assert touched <= set(CHILD_TABLES.get(field.name, ())), field.name
        assert touched or field.name not in CHILD_TABLES, field.name  # a listed field does live there
    assert {t for tables in CHILD_TABLES.values() for t in tables} == set(VISIT_CHILDREN)


def test_an_mmt_test_and_an_empty_visit_round_trip() -> None:
    mmt = m.Assessment(performed_on=date(2026, 10, 2), red_flags=None,
                       hip_abduction=m.HipAbduction(method="mmt", position="side_lying", left=m.MmtSide(5),
                                                    right=m.MmtSide(3, "+")))
    for visit in (mmt, m.Assessment(performed_on=date(2026, 10, 3))):
        row = AssessmentRow()
        apply_assessment(row, visit)
        assert assessment_from_row(row) == visit


def test_the_client_search_key_is_folded_and_names_are_checked_at_the_last_edge() -> None:
    person = m.Client("Zoë", "Ñúñez", date(1990, 6, 21), "female", "MED-0003")
    assert search_key(person) == "zoe nunez med-0003 1990-06-21"
    assert client_columns(person)["search_key"] == search_key(person)
    with pytest.raises(ValidationError, match="family_name"):
        client_columns(m.Client("Zoë", "Ñúñez\nDROP", date(1990, 6, 21)))
