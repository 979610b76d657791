"""services.handle.RepositoryHandle: the repository opened once, on first use, and forwarded to."""

from __future__ import annotations

import copy

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
