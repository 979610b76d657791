"""db.quick.QuickReader answers the start-up checks and a client's page exactly as the repository does."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import Boolean, Date, DateTime, Float, Time

from db.models import Base
from db.quick import QUICK_ATTRIBUTES, QUICK_READS, QuickReader, QuickReadError
from db.records import NotFoundError
from db.repository import Repository
from desktop.clinical import model as m
from desktop.paths import AppPaths
from desktop.services.database import open_repository
from desktop.services.demo import add_demo_clients
from tests.fixtures.records import client, full_visit, varied_records


@pytest.fixture
def stocked(migrated_paths: AppPaths) -> Repository:
    """Demo clients, varied visits (MMT, photos, programs, screening not done) and one full visit."""
    repo = open_repository(migrated_paths)
    add_demo_clients(repo)
    for person, visits in varied_records():
        repo.add_client(person, visits)
    later = replace(full_visit(), performed_on=date(2026, 11, 2), performed_at=None, referrer=None, red_flags=None,
                    odi_item_scores=None, program=None, hip_abduction=m.HipAbduction(
                        method="mmt", left=m.MmtSide(3, "+"), right=m.MmtSide(4, None)))
    repo.add_client(client(7), [later, full_visit()])  # stored out of date order: read back in date order
    return repo


def test_every_client_reads_equal_to_the_repository_with_its_stamps(stocked: Repository) -> None:
    quick = QuickReader(stocked.database_path)  # type: ignore[arg-type]
    summaries = stocked.list_clients("")
    assert len(summaries) >= 8 and sum(s.assessment_count for s in summaries) >= 12

    for summary in summaries:
        record, stamps = quick.client_with_stamps(summary.id)
        assert (record, stamps) == stocked.client_with_stamps(summary.id)
        assert quick.visit_stamps(summary.id) == stocked.visit_stamps(summary.id) == stamps
        # Stamps hold the repository's types, so a result cached from either read matches the other.
        assert isinstance(stamps[0][0], int) and isinstance(stamps[0][1], datetime)
        assert all(isinstance(visit[2], datetime) for visit in stamps[1])

    full = next(s.id for s in summaries if s.external_id == client(7).external_id)
    record, _stamps = quick.client_with_stamps(full)
    assert [a.performed_on for _id, a in record.assessments] == [date(2026, 10, 1), date(2026, 11, 2)]
    assert record.assessments[0][1] == full_visit()  # curves, photos, exclusions, program: all of it
    assert record.assessments[0][1].performed_at == time(16, 20)


def test_a_changed_visit_and_client_read_equal_again(stocked: Repository) -> None:
    quick = QuickReader(stocked.database_path)  # type: ignore[arg-type]
    summary = next(s for s in stocked.list_clients("") if s.assessment_count)
    record, before = quick.client_with_stamps(summary.id)
    visit_id, visit = record.assessments[-1]
    stocked.update_assessment(visit_id, replace(visit, notes="seen again", pain_nprs=2))
    stocked.update_client(summary.id, replace(record.client, phone="0400 000 000"))

    after = quick.client_with_stamps(summary.id)
    assert after == stocked.client_with_stamps(summary.id)
    assert after[1] != before and after[0].assessments[-1][1].notes == "seen again"


def test_settings_read_equal_before_and_after_they_are_saved(stocked: Repository) -> None:
    quick = QuickReader(stocked.database_path)  # type: ignore[arg-type]
    assert quick.get_settings() == stocked.get_settings()
    stocked.save_settings(replace(stocked.get_settings(), clinic_name="Harbour Physio", logo_png=b"\x89PNG\r\n",
                                  pelvic_drop_threshold_deg=3.5, idle_lock_minutes=7, default_unit="kgf"))
    assert quick.get_settings() == stocked.get_settings()
    assert quick.get_settings().logo_png == b"\x89PNG\r\n"


def test_audit_reads_are_equal_and_a_changed_event_is_found_at_the_same_id(stocked: Repository) -> None:
    path = stocked.database_path
    assert path is not None
    quick = QuickReader(path)
    assert quick.verify_audit_chain() is None and stocked.verify_audit_chain() is None
    head = quick.audit_head()
    assert head == stocked.audit_head() and head is not None
    assert quick.audit_hash(head[0]) == stocked.audit_hash(head[0]) == head[1]
    assert quick.audit_hash(head[0] + 100) is None and stocked.audit_hash(head[0] + 100) is None
    for after in (0, 3, head[0] - 1, head[0]):
        assert quick.audit_events_after(after) == stocked.audit_events_after(after)
    assert len(quick.audit_events_after(0)) == head[0] and quick.audit_events_after(head[0]) == []
    assert (quick.database_path, quick.key_hex) == (stocked.database_path, stocked.key_hex)

    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_events_no_update")  # as someone editing the file outside Medius could
    conn.execute("UPDATE audit_events SET detail = 'fields=notes' WHERE id = 3")
    conn.commit()
    conn.close()
    assert quick.verify_audit_chain() == stocked.verify_audit_chain() == 3


def test_an_unknown_client_is_not_found_as_in_the_repository(stocked: Repository) -> None:
    quick = QuickReader(stocked.database_path)  # type: ignore[arg-type]
    for read in (quick.client_with_stamps, quick.visit_stamps):
        with pytest.raises(NotFoundError):
            read(99999)
    with pytest.raises(NotFoundError):
        stocked.client_with_stamps(99999)


def test_every_column_is_read_as_its_model_type() -> None:
    """The reader reads by the type the file declares; each model column declares one it knows,
    and the dates, times and flags among them are the ones it converts (decimals are read as stored,
    as SQLAlchemy reads them)."""
    from db.quick import _AS_STORED, _READ_AS

    converted = {Date: "DATE", DateTime: "DATETIME", Time: "TIME", Boolean: "BOOLEAN"}
    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect()
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            declared = column.type.compile(dialect=dialect)
            kind = next((name for sa_type, name in converted.items() if isinstance(column.type, sa_type)), None)
            if kind is not None:
                assert declared == kind and kind in _READ_AS, (table.name, column.name)
            elif isinstance(column.type, Float):
                assert declared == "FLOAT" and "FLOAT" in _AS_STORED, (table.name, column.name)
            else:
                assert declared.partition("(")[0] in _AS_STORED, (table.name, column.name, declared)


def test_the_file_as_migrated_declares_what_the_models_do(migrated_paths: AppPaths) -> None:
    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect()
    conn = sqlite3.connect(migrated_paths.database)
    try:
        for table in Base.metadata.sorted_tables:
            declared = {row[1]: row[2] for row in conn.execute(f'PRAGMA table_info("{table.name}")')}
            expected = {column.name: column.type.compile(dialect=dialect) for column in table.columns}
            assert declared == expected, table.name
    finally:
        conn.close()


def _copy(stocked: Repository, tmp_path: Path) -> Path:
    source = stocked.database_path
    assert source is not None
    stocked.engine.dispose()
    target = tmp_path / "copy.sqlite3"
    shutil.copyfile(source, target)
    return target


def test_a_column_of_a_type_it_does_not_know_ends_quick_reading(stocked: Repository, tmp_path: Path) -> None:
    copy = _copy(stocked, tmp_path)
    conn = sqlite3.connect(copy)
    conn.execute("ALTER TABLE clients ADD COLUMN weight NUMERIC")
    conn.commit()
    conn.close()
    with pytest.raises(QuickReadError):
        QuickReader(copy).client_with_stamps(1)


def test_a_decimal_stored_as_text_outside_medius_reads_as_the_repository_reads_it(stocked: Repository) -> None:
    """Text in a FLOAT column (written by another program) is not turned into a number: the
    repository returns it as stored, and so does the quick reader."""
    path = stocked.database_path
    assert path is not None
    conn = sqlite3.connect(path)
    conn.execute("UPDATE hip_abduction_sides SET lever_arm_cm = '1_5' WHERE id = (SELECT min(id) FROM "
                 "hip_abduction_sides WHERE lever_arm_cm IS NOT NULL)")
    conn.execute("UPDATE psfs_items SET score = 'Infinity' WHERE id = (SELECT min(id) FROM psfs_items)")
    conn.commit()
    conn.close()
    quick = QuickReader(path)
    changed = [s.id for s in stocked.list_clients("") if s.assessment_count]
    assert all(quick.client_with_stamps(cid) == stocked.client_with_stamps(cid) for cid in changed)
    found = [side.lever_arm_cm for cid in changed for _id, visit in quick.client_with_stamps(cid)[0].assessments
             if visit.hip_abduction for side in (visit.hip_abduction.left, visit.hip_abduction.right)
             if isinstance(side, m.HhdSide)]
    assert "1_5" in found


def test_a_stored_value_it_cannot_read_ends_quick_reading(stocked: Repository, tmp_path: Path) -> None:
    copy = _copy(stocked, tmp_path)
    conn = sqlite3.connect(copy)
    conn.execute("DROP TRIGGER audit_events_no_update")
    conn.execute("UPDATE clients SET date_of_birth = 'yesterday' WHERE id = 1")
    conn.execute("UPDATE audit_events SET at = 'soon' WHERE id = 1")
    conn.commit()
    conn.close()
    quick = QuickReader(copy)
    with pytest.raises(QuickReadError):
        quick.client_with_stamps(1)
    with pytest.raises(QuickReadError):
        quick.verify_audit_chain()
    with pytest.raises(QuickReadError):
        QuickReader(tmp_path / "gone.sqlite3").get_settings()


def test_the_quick_reads_are_the_repository_s(stocked: Repository) -> None:
    quick = QuickReader(stocked.database_path)  # type: ignore[arg-type]
    for name in QUICK_READS:
        assert callable(getattr(stocked, name)) and callable(getattr(quick, name)), name
    for name in QUICK_ATTRIBUTES:
        assert getattr(quick, name) == getattr(stocked, name), name


def test_the_visit_children_are_the_models_with_their_order() -> None:
    """The quick reader names a visit's child tables itself (it may not load the models); they are the
    mapping's, read in the order the models' relationships give (ties by id)."""
    from db.mapping import VISIT_CHILDREN
    from db.models import AssessmentRow
    from db.quick import _VISIT_CHILDREN

    assert {attribute: table for table, attribute, _order in _VISIT_CHILDREN} == {
        attribute: row.__tablename__ for attribute, row in VISIT_CHILDREN.items()}
    for _table, attribute, order in _VISIT_CHILDREN:
        ordered_by = getattr(AssessmentRow, attribute).property.order_by or ()
        assert [column.name for column in ordered_by] in ([name.strip() for name in order.split(",")], []), attribute
