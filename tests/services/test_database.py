"""services.database: opening the data folder (created, migrated, owner-only; read-only when it must be)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from db.engine import DatabaseError, current_revision
from db.errors import ReadOnlyStorageError
from db.records import SCHEMA_HEAD
from desktop.paths import AppPaths
from desktop.services import database
from desktop.services.database import (
    check_server_schema,
    device_name,
    folder_is_read_only,
    is_server_url,
    open_read_only,
    open_repository,
)
from tests.fixtures.records import client


def test_a_new_folder_is_created_owner_only_and_migrated_to_head(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "new" / "data")
    repo = open_repository(paths, actor="Jo Smith")
    assert current_revision(repo.engine) == SCHEMA_HEAD and repo.actor == "Jo Smith" and not repo.read_only
    assert os.stat(paths.data_dir).st_mode & 0o777 == 0o700
    assert os.stat(paths.database).st_mode & 0o777 == 0o600
    assert all(folder.is_dir() for folder in (paths.backups, paths.logs, paths.exports, paths.norms))


def test_a_read_only_folder_opens_for_reading_and_changes_nothing(migrated_paths: AppPaths,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    writable = open_repository(migrated_paths)
    client_id, _ = writable.add_client(client(0))
    writable.engine.dispose()
    before = migrated_paths.database.read_bytes()
    real_access = os.access

    def drive_refuses(path: object, mode: int, **kwargs: object) -> bool:  # the OS edge: a read-only drive
        return False if mode == os.W_OK else real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", drive_refuses)
    assert folder_is_read_only(migrated_paths)
    repo = open_repository(migrated_paths)
    assert repo.read_only and repo.get_client(client_id).client == client(0)
    with pytest.raises(ReadOnlyStorageError, match="read-only"):
        repo.add_client(client(1))
    repo.engine.dispose()
    assert migrated_paths.database.read_bytes() == before


def test_a_folder_that_is_missing_or_writable_is_not_read_only(tmp_path: Path, migrated_paths: AppPaths) -> None:
    assert not folder_is_read_only(AppPaths(tmp_path / "not-yet"))
    assert not folder_is_read_only(migrated_paths)


def test_a_read_only_folder_without_a_database_says_there_is_nothing_to_read(tmp_path: Path) -> None:
    with pytest.raises(ReadOnlyStorageError, match="holds no database yet"):
        open_read_only(AppPaths(tmp_path))
    assert list(tmp_path.iterdir()) == []  # nothing was created


def test_a_clinic_server_must_already_be_at_this_medius_schema(tmp_path: Path, migrated_paths: AppPaths) -> None:
    with pytest.raises(DatabaseError, match=f"at schema none, this Medius needs {SCHEMA_HEAD}"):
        check_server_schema(create_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}"))
    check_server_schema(open_repository(migrated_paths).engine)


def test_the_device_name_and_server_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDIUS_DEVICE", "room-1-" + "x" * 300)
    assert device_name() == ("room-1-" + "x" * 300)[:200]
    monkeypatch.delenv("MEDIUS_DEVICE")
    assert device_name()  # the computer's name
    assert is_server_url("postgresql+psycopg://clinic@server/medius")
    assert not is_server_url("sqlite:////home/jo/medius.sqlite3")
    assert database.restrict_permissions(AppPaths(Path("/nonexistent-medius"))) == []
