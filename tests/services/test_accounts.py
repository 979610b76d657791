"""services.accounts: password hashes, sign-in counting and lock-out, what each role may do."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime, timedelta

import psycopg.errors
import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import ProgrammingError

from db.models import UserRow
from db.users import UserStore
from desktop.paths import AppPaths
from desktop.services.accounts import (
    LOCK_OUT,
    AccessDenied,
    ServerSession,
    SignedOut,
    User,
    check_new_user,
    denied_by_database,
    hash_password,
    require,
    sign_in,
    verify_password,
)
from desktop.services.database import open_repository

PASSWORD = "correct horse battery"


@pytest.fixture
def engine(migrated_paths: AppPaths) -> Engine:
    repo = open_repository(migrated_paths, actor="admin")
    UserStore(repo).add("maria", "clinician", hash_password(PASSWORD))
    return repo.engine


def _failures(engine: Engine) -> tuple[int, datetime | None]:
    with engine.connect() as conn:
        row = conn.execute(select(UserRow.failed_attempts, UserRow.locked_until)).one()
    return row.failed_attempts, row.locked_until


def test_a_hash_is_salted_scrypt_that_only_its_password_matches() -> None:
    stored = hash_password(PASSWORD)
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")  # 2**14: 128 * 8 * 16384 bytes = 16 MiB a guess
    expected = hashlib.scrypt(PASSWORD.encode(), salt=base64.b64decode(salt), n=16384, r=8, p=1, dklen=32)
    assert base64.b64decode(digest) == expected
    assert hash_password(PASSWORD) != stored  # a new salt each time
    assert verify_password(PASSWORD, stored) and not verify_password(PASSWORD + " ", stored)
    for damaged in ("", "bcrypt$1$2$3$4$5", stored.replace("$", "#"), "scrypt$x$8$1$AA==$AA=="):
        assert verify_password(PASSWORD, damaged) is False


@pytest.mark.parametrize(("name", "role", "password", "problem"), [
    ("Maria", "clinician", PASSWORD, "user name"), ("1maria", "clinician", PASSWORD, "user name"),
    ("maria", "owner", PASSWORD, "role"), ("maria", "clinician", "short pass", None),  # 10 characters: enough
    ("maria", "clinician", "nine char", "password"),
])
def test_a_new_account_is_checked_before_anything_is_stored(name: str, role: str, password: str,
                                                            problem: str | None) -> None:
    if problem is None:
        check_new_user(name, role, password)
        return
    with pytest.raises(ValueError, match=f"^{problem}:"):
        check_new_user(name, role, password)


def test_failures_count_until_a_right_password_and_five_in_a_row_lock_for_fifteen_minutes(engine: Engine) -> None:
    for _ in range(4):
        with pytest.raises(AccessDenied, match="wrong user name or password"):
            sign_in(engine, "maria", "wrong password!")
    assert _failures(engine) == (4, None)
    assert sign_in(engine, "maria", PASSWORD) == User("maria", "clinician")
    assert _failures(engine) == (0, None)  # the right password clears the count
    before = datetime.now(UTC).replace(tzinfo=None)
    for _ in range(5):
        with pytest.raises(AccessDenied):
            sign_in(engine, "maria", "wrong password!")
    count, locked_until = _failures(engine)
    assert count == 0 and locked_until is not None
    assert before + LOCK_OUT <= locked_until <= datetime.now(UTC).replace(tzinfo=None) + LOCK_OUT
    assert LOCK_OUT == timedelta(minutes=15)
    with pytest.raises(AccessDenied, match="locked after repeated failed sign-ins"):
        sign_in(engine, "maria", PASSWORD)  # even the right password waits
    with pytest.raises(AccessDenied, match="^wrong user name or password$"):
        sign_in(engine, "maria", "wrong password!")  # a guesser is not told the account is locked
    assert _failures(engine) == (0, locked_until)  # and a guess while locked does not extend the lock


def test_a_disabled_account_is_named_only_to_someone_with_its_password(engine: Engine,
                                                                      migrated_paths: AppPaths) -> None:
    UserStore(open_repository(migrated_paths, actor="admin")).set_disabled("maria", True)
    with pytest.raises(AccessDenied, match="^wrong user name or password$"):
        sign_in(engine, "maria", "wrong password!")
    with pytest.raises(AccessDenied, match="'maria' is disabled"):
        sign_in(engine, "maria", PASSWORD)


def test_each_role_may_do_what_its_table_says() -> None:
    require(None, "restore")  # a local, single-person folder: no roles
    require(User("ann", "admin"), "users")
    require(User("tom", "reception"), "add-client")
    with pytest.raises(AccessDenied, match=r"^tom \(reception\) may not export$"):
        require(User("tom", "reception"), "export")
    with pytest.raises(AccessDenied, match=r"^maria \(clinician\) may not restore$"):
        require(User("maria", "clinician"), "restore")


def test_a_refusal_for_lack_of_privilege_is_found_anywhere_in_the_chain() -> None:
    refused = ProgrammingError("SELECT", {}, psycopg.errors.InsufficientPrivilege("permission denied"))
    assert denied_by_database(refused)
    try:
        try:
            raise refused
        except ProgrammingError as error:
            raise RuntimeError("the export failed") from error
    except RuntimeError as outer:
        assert denied_by_database(outer)
    assert not denied_by_database(RuntimeError("permission denied"))  # words alone are not the server's code


def test_signed_out_every_connection_is_refused_until_the_password_is_given(engine: Engine) -> None:
    session = ServerSession(engine, "maria")
    session.sign_out()
    with pytest.raises(SignedOut):
        engine.connect()
    assert session.sign_in_again("wrong password!") is False and session.signed_out
    assert session.sign_in_again(PASSWORD) is True
    with engine.connect() as conn:
        assert conn.execute(text("SELECT 1")).scalar() == 1
