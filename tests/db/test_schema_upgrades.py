"""Migrations: a database from revision 0001 upgrades with its rows; a newer one is refused untouched."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from db.engine import DatabaseTooNewError, current_revision, head_revision, make_engine, migrate
from db.records import SCHEMA_HEAD
from desktop.paths import AppPaths
from desktop.services.database import open_repository
from tests.fixtures.records import client

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema-0001.sqlite3"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_head_constant_start_up_compares_without_alembic_is_the_scripts_head(tmp_path: Path) -> None:
    # The quick start (db.quick) and migrate() compare the stored revision with SCHEMA_HEAD and
    # load alembic only when they differ; a new migration must move the constant with it.
    engine = make_engine(f"sqlite:///{tmp_path / 'head.sqlite3'}")
    try:
        assert head_revision(engine) == SCHEMA_HEAD
    finally:
        engine.dispose()


def test_fixture_is_at_the_first_revision() -> None:
    conn = sqlite3.connect(f"file:{FIXTURE}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001_initial",)
        assert conn.execute("SELECT count(*) FROM clients").fetchone() == (2,)
    finally:
        conn.close()


def test_upgrading_a_copy_of_revision_0001_keeps_every_row(data_dir: Path) -> None:
    paths = AppPaths(data_dir).ensure()
    shutil.copy2(FIXTURE, paths.database)
    fixture_hash = _sha256(FIXTURE)

    repo = open_repository(paths)

    assert current_revision(repo.engine) == head_revision(repo.engine)
    clients = repo.list_clients()
    assert [(c.given_name, c.family_name) for c in clients] == [("Ánh", "Nguyễn Thị"), ("芳", "王")]
    assert [c.assessment_count for c in clients] == [2, 1]
    record = repo.get_client(1)
    assert record.client.date_of_birth == date(1971, 3, 14)
    assert record.client.email == "anh@example.org"
    first = record.assessments[0][1]
    assert first.performed_on == date(2026, 9, 1)
    assert first.hip_abduction is not None and first.hip_abduction.left is not None
    assert first.hip_abduction.left.trials == (150.0, 158.0, 155.0)  # type: ignore[union-attr]
    # Sections 1..10 score section % 4, section 8 unanswered.
    assert first.odi_item_scores == (1, 2, 3, 0, 1, 2, 3, None, 1, 2)
    assert repo.verify_audit_chain() is None
    assert _sha256(FIXTURE) == fixture_hash  # the committed file itself is never touched
    if head_revision(repo.engine) != "0001_initial":
        assert list(paths.backups.glob("medius-pre-upgrade-*.sqlite3")), "no copy taken before the upgrade"


def test_a_database_from_a_newer_version_is_refused_and_left_byte_identical(data_dir: Path) -> None:
    paths = AppPaths(data_dir).ensure()
    repo = open_repository(paths)
    repo.add_client(client(0))
    repo.engine.dispose()
    conn = sqlite3.connect(paths.database)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = _sha256(paths.database)
    listing_before = sorted(p.name for p in data_dir.rglob("*"))

    with pytest.raises(DatabaseTooNewError) as caught:
        open_repository(paths)

    message = str(caught.value)
    assert "newer version of Medius" in message and "nothing was changed" in message
    assert _sha256(paths.database) == before
    assert sorted(p.name for p in data_dir.rglob("*")) == listing_before


def test_migrate_is_a_no_op_at_head(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    assert migrate(engine) == head_revision(engine)
    assert migrate(engine, backup_dir=tmp_path / "b") == head_revision(engine)
    assert not (tmp_path / "b").exists()  # nothing to copy when nothing changes


def test_schema_head_constant_names_the_newest_migration(tmp_path: Path) -> None:
    from db.engine import SCHEMA_HEAD

    engine = make_engine(f"sqlite:///{tmp_path / 'head.sqlite3'}")
    assert SCHEMA_HEAD == head_revision(engine)
