"""db.users: the sign-in list, written through the repository (one transaction, audited)."""

from __future__ import annotations

import pytest

from db.records import NotFoundError
from db.repository import Repository
from db.users import UserStore
from desktop.paths import AppPaths
from desktop.services.accounts import AccessDenied, hash_password, sign_in
from desktop.services.database import open_repository


@pytest.fixture
def users(migrated_paths: AppPaths) -> UserStore:
    return UserStore(open_repository(migrated_paths, actor="admin"))


def test_accounts_are_listed_by_name_and_a_taken_name_is_refused(users: UserStore) -> None:
    stored = hash_password("correct horse battery")
    users.add("tom", "reception", stored)
    users.add("maria", "clinician", stored)
    with pytest.raises(ValueError, match="'tom' is taken"):
        users.add("tom", "admin", stored)
    assert users.list() == [("maria", "clinician", False, None), ("tom", "reception", False, None)]
    assert users.count() == 2
    events = [(e.actor, e.action, e.entity, e.detail) for e in users.repo.audit_events()]
    assert events == [("admin", "create", "user", "role=reception"), ("admin", "create", "user", "role=clinician")]


def test_enabling_an_account_again_clears_its_lock_out(users: UserStore) -> None:
    repo: Repository = users.repo
    users.add("maria", "clinician", hash_password("correct horse battery"))
    for _ in range(5):  # five wrong passwords lock the account
        with pytest.raises(AccessDenied):
            sign_in(repo.engine, "maria", "wrong password!")
    [(_name, _role, _disabled, locked_until)] = users.list()
    assert locked_until is not None
    users.set_disabled("maria", True)
    assert users.list()[0][2] is True
    users.set_disabled("maria", False)
    assert users.list() == [("maria", "clinician", False, None)]
    assert sign_in(repo.engine, "maria", "correct horse battery").role == "clinician"
    assert [e.action for e in repo.audit_events()] == ["create", "disable", "enable"]
    with pytest.raises(NotFoundError):
        users.set_disabled("nobody", True)
