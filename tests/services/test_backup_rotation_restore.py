"""Backups: verified, with manifests, rotated; restore is exact and refuses damaged files."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop.paths import AppPaths
from desktop.services.backup import (
    BackupError,
    BackupService,
    automatic_backup_due,
    describe_backup,
    manifest_path,
    restore_backup,
    rotation_keeps,
    stamp_of,
)
from desktop.services.database import open_repository
from tests.fixtures.records import assessment, client, filled_repository, table_rows


@pytest.fixture
def paths(data_dir: Path) -> AppPaths:
    return AppPaths(data_dir).ensure()


def test_backup_is_verified_private_and_described_by_its_manifest(paths: AppPaths) -> None:
    repo = filled_repository(paths)
    counts = repo.table_counts()
    head = repo.audit_head()

    info = BackupService(repo, paths).back_up()

    assert info.path.parent == paths.backups and info.kind == "manual"
    assert (info.clients, info.assessments, info.newest_assessment) == (3, 6, "2026-10-02")
    manifest = json.loads(manifest_path(info.path).read_text(encoding="utf-8"))
    assert {k: v for k, v in manifest["row_counts"].items() if k != "alembic_version"} == counts
    assert manifest["audit_head"] == {"id": head[0], "hash": head[1]}  # type: ignore[index]
    assert manifest["encrypted"] is False and len(manifest["sha256"]) == 64
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(manifest_path(info.path).stat().st_mode) == 0o600
    assert not list(paths.backups.glob(".*"))  # no temporary file left behind
    assert repo.audit_events()[-1].action == "backup"
    # The backup is one self-contained file (rollback journal), not a WAL database.
    assert info.path.read_bytes()[18:20] == b"\x01\x01"


def test_restore_round_trip_is_identical_row_by_row(paths: AppPaths) -> None:
    repo = filled_repository(paths)
    service = BackupService(repo, paths)
    backup = service.back_up().path
    saved = table_rows(backup)

    new_id, _ = repo.add_client(client(2, given_name="Later"), [assessment(20)])
    repo.update_client(1, client(0, notes="changed"))
    repo.delete_client(2)

    outcome = service.restore(backup)

    restored = table_rows(paths.database)
    for table, rows in saved.items():
        if table == "audit_events":
            assert restored[table][: len(rows)] == rows
            assert [r[3] for r in restored[table][len(rows):]] == ["restore"]
        else:
            assert restored[table] == rows, table
    assert repo.verify_audit_chain() is None
    # The database that was replaced is kept as a verified backup and holds the later client.
    assert outcome.kept_copy is not None and outcome.kept_copy.name.startswith("medius-pre-restore-")
    assert new_id in {r[0] for r in table_rows(outcome.kept_copy)["clients"]}


def test_restore_into_a_fresh_folder(paths: AppPaths, tmp_path: Path) -> None:
    repo = filled_repository(paths)
    backup = BackupService(repo, paths).back_up().path
    fresh = AppPaths(tmp_path / "fresh").ensure()

    outcome = restore_backup(backup, fresh.database, fresh.backups)

    assert outcome.kept_copy is None and outcome.set_aside is None
    assert table_rows(fresh.database) == table_rows(backup)
    assert open_repository(fresh).verify_audit_chain() is None


def _flip(path: Path, offset: int, count: int = 64) -> None:
    data = bytearray(path.read_bytes())
    for i in range(offset, offset + count):
        data[i] ^= 0xA5
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["flipped", "truncated", "truncated-no-manifest", "empty", "not-sqlite"])
def test_a_damaged_backup_is_refused_and_nothing_changes(paths: AppPaths, damage: str) -> None:
    repo = filled_repository(paths, clients=6, visits=3)
    service = BackupService(repo, paths)
    backup = service.back_up().path
    repo.add_client(client(1, given_name="After"))
    before = table_rows(paths.database)
    size = backup.stat().st_size
    if damage == "flipped":
        _flip(backup, size // 2)
    elif damage.startswith("truncated"):
        with open(backup, "r+b") as handle:
            handle.truncate(size // 2)
        if damage.endswith("no-manifest"):
            manifest_path(backup).unlink()
    elif damage == "empty":
        backup.write_bytes(b"")
    else:
        backup.write_bytes(b"this is not a database at all" * 100)

    with pytest.raises(BackupError):
        describe_backup(backup)
    with pytest.raises(BackupError):
        service.restore(backup)

    assert table_rows(paths.database) == before
    assert not list(paths.backups.glob("medius-pre-restore-*"))


def test_a_backup_from_a_newer_version_is_refused(paths: AppPaths) -> None:
    import sqlite3

    repo = filled_repository(paths, clients=1)
    backup = BackupService(repo, paths).back_up().path
    manifest_path(backup).unlink()
    conn = sqlite3.connect(backup)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    with pytest.raises(BackupError, match="newer version"):
        BackupService(repo, paths).restore(backup)


def _fake(folder: Path, when: datetime) -> Path:
    path = folder / f"medius-auto-{when:%Y%m%d-%H%M%S}.sqlite3"
    path.write_bytes(b"")
    return path


def test_rotation_hand_worked(tmp_path: Path) -> None:
    # One backup a day, 1-10 Nov 2026. 1 Nov is a Sunday (ISO week 44); 2-8 Nov week 45; 9-10 Nov week 46.
    # Daily keeps 10..4 Nov (7). Weekly: newest of weeks 46, 45, 44 = 10, 8, 1 Nov. Monthly: 10 Nov.
    # Kept: 1 and 4..10 Nov; gone: 2 and 3 Nov.
    made = [_fake(tmp_path, datetime(2026, 11, day, 18, 0)) for day in range(1, 11)]
    kept = rotation_keeps(made)
    assert sorted(stamp_of(p).day for p in kept) == [1, 4, 5, 6, 7, 8, 9, 10]  # type: ignore[union-attr]


def test_rotation_over_two_years_keeps_7_daily_4_weekly_12_monthly(tmp_path: Path) -> None:
    newest = datetime(2026, 11, 24, 17, 0)
    made = [_fake(tmp_path, newest - timedelta(days=d)) for d in range(730)]
    kept = rotation_keeps(made)
    stamps = sorted((stamp_of(p) for p in kept), reverse=True)  # type: ignore[type-var]
    assert stamps[:7] == [newest - timedelta(days=d) for d in range(7)]
    assert len({(s.year, s.month) for s in stamps}) == 12
    assert min(stamps) > newest - timedelta(days=366)
    assert len(kept) <= 7 + 4 + 12


def test_automatic_backup_is_daily_at_start_and_on_exit_only_after_changes(paths: AppPaths) -> None:
    repo = filled_repository(paths, clients=1)
    service = BackupService(repo, paths)
    now = datetime.now()
    assert automatic_backup_due(paths.backups, now)
    first = service.automatic(now=now)
    assert first is not None and first.kind == "auto"
    assert service.automatic(now=now + timedelta(hours=23)) is None
    assert service.automatic(at_exit=True, now=now + timedelta(hours=1)) is None  # nothing changed
    repo.add_client(client(1))
    later = service.automatic(at_exit=True, now=now + timedelta(hours=2))
    assert later is not None and later.clients == 2
    assert automatic_backup_due(paths.backups, now + timedelta(hours=26, minutes=1))


def test_files_in_the_data_folder_are_owner_only(paths: AppPaths) -> None:
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    repo = filled_repository(paths, clients=1)
    BackupService(repo, paths).back_up()
    assert stat.S_IMODE(paths.data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.database.stat().st_mode) == 0o600
    for folder in (paths.backups, paths.logs):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for file in paths.backups.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
