"""services.handle.RepositoryHandle: the repository opened once, on first use, and forwarded to."""

from __future__ import annotations

import copy
from collections.abc import Callable

from db.repository import Repository
from desktop.paths import AppPaths
from desktop.services.database import open_repository
from desktop.services.handle import RepositoryHandle


def test_python_machinery_never_opens_the_repository(migrated_paths: AppPaths) -> None:
    opened: list[Repository] = []

    def opener() -> Repository:
        opened.append(open_repository(migrated_paths))
        return opened[-1]

    handle = RepositoryHandle(opener)
    # copy, repr and protocol checks look up dunder names: they must not start the opening.
    assert not hasattr(handle, "__len__")
    copy.copy(handle)
    repr(handle)
    assert opened == [] and not handle.is_open
    assert handle.list_clients("") == [] and handle.actor == "clinician"  # plain names are forwarded
    assert len(opened) == 1 and handle.open() is opened[0] and handle.is_open


def test_the_role_of_a_quick_start_is_read_without_opening_storage() -> None:
    from desktop.services.clients import ClientService, role_of

    def opener() -> Repository:
        raise AssertionError("storage opened to ask for a role")

    handle = RepositoryHandle(opener)
    assert role_of(handle) is None
    assert ClientService(handle).clinical_access  # type: ignore[arg-type]
    assert not handle.is_open


def _stocked(paths: AppPaths) -> tuple[int, tuple[object, ...]]:
    from tests.fixtures.records import assessment, client

    repo = open_repository(paths)
    client_id = repo.add_client(client(1), [assessment(1), assessment(2)])[0]
    found = repo.client_with_stamps(client_id)
    repo.engine.dispose()
    return client_id, found


def _counting(paths: AppPaths, opened: list[Repository]) -> Callable[[], Repository]:
    """An opener that appends each repository it opens to ``opened``."""
    def opener() -> Repository:
        opened.append(open_repository(paths))
        return opened[-1]

    return opener


def test_quick_reads_are_answered_without_opening_and_anything_else_opens(migrated_paths: AppPaths) -> None:
    from db.quick import QuickReader

    client_id, expected = _stocked(migrated_paths)
    opened: list[Repository] = []
    quick = QuickReader(migrated_paths.database)
    handle = RepositoryHandle(_counting(migrated_paths, opened), quick=quick)
    assert handle.client_with_stamps(client_id) == expected
    assert handle.verify_audit_chain() is None and handle.audit_head() is not None
    assert handle.get_settings().idle_lock_minutes >= 0
    assert (handle.database_path, handle.key_hex) == (migrated_paths.database, None)
    assert opened == [] and not handle.is_open

    assert len(handle.list_clients("")) == 1  # not a quick read: the repository opens and answers
    assert len(opened) == 1 and handle.is_open
    quick.database_path = migrated_paths.data_dir / "elsewhere.sqlite3"  # once open, never asked again
    assert handle.client_with_stamps(client_id) == expected


def test_a_quick_read_that_fails_is_answered_by_the_repository(migrated_paths: AppPaths) -> None:
    from db.quick import QuickReader

    client_id, expected = _stocked(migrated_paths)
    opened: list[Repository] = []
    handle = RepositoryHandle(_counting(migrated_paths, opened),
                              quick=QuickReader(migrated_paths.data_dir / "missing.sqlite3"))
    assert handle.client_with_stamps(client_id) == expected
    assert len(opened) == 1 and handle.is_open


def test_an_unknown_client_is_not_found_without_opening(migrated_paths: AppPaths) -> None:
    import pytest

    from db.quick import QuickReader
    from db.records import NotFoundError

    def opener() -> Repository:
        raise AssertionError("storage opened for a client that does not exist")

    handle = RepositoryHandle(opener, quick=QuickReader(migrated_paths.database))
    with pytest.raises(NotFoundError):
        handle.visit_stamps(4321)
    assert not handle.is_open
