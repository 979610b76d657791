"""services.security: the clinic password, its key and verifier, and security.json."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path

import pytest

from desktop.paths import AppPaths
from desktop.services import security
from desktop.services.security import (
    KeyEntry,
    SecurityError,
    SecurityState,
    WrongPasswordError,
    check_password,
    key_for_password,
    load_state,
    new_key_entry,
    password_problem,
    save_state,
)

FAST_N = 2**4  # scrypt cost for tests; the app uses 2**17
PASSWORD = "harbour clinic 2026"


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "data").ensure()


@pytest.mark.parametrize(("password", "repeated", "problem"), [
    ("123456789", None, "Use at least 10 characters."),
    ("1234567890", None, None),
    (" harbour clinic", None, "The password must not start or end with a space."),
    (PASSWORD, PASSWORD.upper(), "The two passwords are not the same."),
    (PASSWORD, PASSWORD, None),
])
def test_what_a_new_password_must_be(password: str, repeated: str | None, problem: str | None) -> None:
    assert password_problem(password, repeated) == problem


def test_the_key_is_scrypt_of_password_and_salt_and_the_verifier_an_hmac_of_it() -> None:
    entry, key_hex = new_key_entry(PASSWORD, n=FAST_N)
    salt = bytes.fromhex(entry.salt)
    assert len(salt) == 16 and (entry.n, entry.r, entry.p) == (16, 8, 1)
    key = hashlib.scrypt(PASSWORD.encode(), salt=salt, n=16, r=8, p=1, dklen=32)
    assert key_hex == key.hex() and len(key_hex) == 64  # 32 bytes: a raw SQLCipher key
    assert entry.verifier == hmac.new(key, b"medius-password-verifier-v1", hashlib.sha256).hexdigest()
    assert entry.matches(entry.derive(PASSWORD)) and not entry.matches(entry.derive(PASSWORD + "!"))
    assert new_key_entry(PASSWORD, n=FAST_N)[1] != key_hex  # a fresh salt, another key


def test_the_state_file_round_trips_owner_only_and_never_holds_the_key(paths: AppPaths) -> None:
    (current, current_key), (pending, _) = new_key_entry(PASSWORD, n=FAST_N), new_key_entry("new password 1", n=FAST_N)
    (old, _old_key) = new_key_entry("old password 1", n=FAST_N)
    state = SecurityState(current, pending=pending, converting=True, history=(old,))
    save_state(paths, state)
    assert load_state(paths) == state
    assert os.stat(paths.security_file).st_mode & 0o777 == 0o600
    text = paths.security_file.read_text(encoding="utf-8")
    assert current_key not in text and PASSWORD not in text
    assert json.loads(text)["cipher"] == "sqlcipher4-raw-key"
    paths.security_file.write_text("{ not json", encoding="utf-8")
    with pytest.raises(SecurityError, match="security.json in the data folder cannot be read"):
        load_state(paths)


def test_the_current_or_pending_password_unlocks_and_earlier_ones_open_old_backups(paths: AppPaths) -> None:
    assert not check_password(paths, PASSWORD)  # not encrypted: no password is right
    (current, current_key), (pending, pending_key) = (new_key_entry(PASSWORD, n=FAST_N),
                                                      new_key_entry("new password 1", n=FAST_N))
    old, old_key = new_key_entry("old password 1", n=FAST_N)
    save_state(paths, SecurityState(current, pending=pending, history=(old,)))
    assert check_password(paths, PASSWORD) and check_password(paths, "new password 1")
    assert not check_password(paths, "old password 1")  # the idle lock takes only today's password
    assert key_for_password(paths, "old password 1") == old_key
    assert (key_for_password(paths, PASSWORD), key_for_password(paths, "new password 1")) == (current_key, pending_key)
    with pytest.raises(WrongPasswordError, match="never used"):
        key_for_password(paths, "someone's guess")


def test_encryption_is_chosen_before_the_database_exists(paths: AppPaths) -> None:
    with pytest.raises(SecurityError, match="at least 10"):
        security.create_encrypted_folder(paths, "short", n=FAST_N)
    key_hex = security.create_encrypted_folder(paths, PASSWORD, n=FAST_N)
    state = load_state(paths)
    assert state is not None and isinstance(state.current, KeyEntry)
    assert state.current.matches(bytes.fromhex(key_hex)) and not paths.database.exists()
    assert security.unlock(paths, PASSWORD) == key_hex  # no database yet: the verifier alone decides
    with pytest.raises(SecurityError, match="already has a database"):
        paths.database.write_bytes(b"")
        security.create_encrypted_folder(paths, PASSWORD, n=FAST_N)
    with pytest.raises(SecurityError, match="not encrypted"):
        security.unlock(AppPaths(paths.data_dir / "other"), PASSWORD)
