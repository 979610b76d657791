"""Encryption at rest: the clinic password, its key, and switching a data folder to SQLCipher.

The password never reaches the disk. scrypt (n=2^17, r=8, p=1: OWASP's
minimum for scrypt) turns it and a random salt into a 32-byte raw SQLCipher
key. ``security.json`` in the data folder holds the salt, the cost
parameters and a verifier (an HMAC made with the key), so a wrong password
is recognised before the database is touched and can never damage it. The
raw key bypasses SQLCipher's own KDF, so opening costs about a millisecond
once the password is known.

Every change is ordered so that a crash at any point leaves either the old
state or the new one, and a way to finish: conversion writes a verified
encrypted copy before the swap and keeps the plain file until the new one is
proven; a password change records the new key as ``pending`` before
``PRAGMA rekey`` so either password opens the database afterwards.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.errors import DatabaseError
from db.files import connect_file, sqlite_driver
from desktop.paths import SECURITY_FILE

if TYPE_CHECKING:
    from db.repository import Repository
    from desktop.paths import AppPaths

log = logging.getLogger(__name__)

SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
MIN_PASSWORD_CHARS = 10
_VERIFIER_LABEL = b"medius-password-verifier-v1"


class SecurityError(DatabaseError):
    """Encryption could not be set up, unlocked or changed; the message is for the clinician."""


class WrongPasswordError(SecurityError):
    pass


@dataclass(frozen=True)
class KeyEntry:
    """How to turn the password into the key, and how to recognise the right one."""

    salt: str
    n: int
    r: int
    p: int
    verifier: str

    def derive(self, password: str) -> bytes:
        return derive_key(password, bytes.fromhex(self.salt), self.n, self.r, self.p)

    def matches(self, key: bytes) -> bool:
        return hmac.compare_digest(self.verifier, _verifier(key))


@dataclass(frozen=True)
class SecurityState:
    """The contents of ``security.json``."""

    current: KeyEntry
    pending: KeyEntry | None = None
    converting: bool = False
    # Entries of earlier passwords: not secret, but needed to open backups made before a change.
    history: tuple[KeyEntry, ...] = ()


def derive_key(password: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32)


def _verifier(key: bytes) -> str:
    return hmac.new(key, _VERIFIER_LABEL, hashlib.sha256).hexdigest()


def new_key_entry(password: str, *, n: int | None = None) -> tuple[KeyEntry, str]:
    """A fresh salt and verifier for ``password``, and the raw key as 64 hex characters."""
    n = n or SCRYPT_N
    salt = secrets.token_bytes(16)
    key = derive_key(password, salt, n)
    return KeyEntry(salt.hex(), n, SCRYPT_R, SCRYPT_P, _verifier(key)), key.hex()


def password_problem(password: str, repeated: str | None = None) -> str | None:
    """Why a new password is not acceptable, or None."""
    if len(password) < MIN_PASSWORD_CHARS:
        return f"Use at least {MIN_PASSWORD_CHARS} characters."
    if password.strip() != password:
        return "The password must not start or end with a space."
    if repeated is not None and repeated != password:
        return "The two passwords are not the same."
    return None


# ---------------------------------------------------------------------------
# security.json


def security_file(paths: AppPaths) -> Path:
    return paths.security_file


def is_encrypted(paths: AppPaths) -> bool:
    """True when this data folder's database is (or is being made) encrypted."""
    return security_file(paths).is_file()


def load_state(paths: AppPaths) -> SecurityState | None:
    path = security_file(paths)
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        pending = data.get("pending")
        return SecurityState(KeyEntry(**data["current"]), KeyEntry(**pending) if pending else None,
                             bool(data.get("converting")),
                             tuple(KeyEntry(**e) for e in data.get("history") or ()))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SecurityError(f"{SECURITY_FILE} in the data folder cannot be read: {exc}") from None


def save_state(paths: AppPaths, state: SecurityState) -> None:
    """Write ``security.json`` atomically and owner-only."""
    path = security_file(paths)
    data: dict[str, Any] = {
        "format": "medius-security",
        "version": 1,
        "cipher": "sqlcipher4-raw-key",
        "kdf": "scrypt",
        "current": asdict(state.current),
        "pending": asdict(state.pending) if state.pending else None,
        "converting": state.converting,
        "history": [asdict(e) for e in state.history],
    }
    tmp = path.with_name(f".{path.name}.partial")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# ---------------------------------------------------------------------------
# Unlocking


def _opens(database: Path, key_hex: str) -> bool:
    if not database.exists():
        return True
    driver = sqlite_driver(key_hex)
    try:
        conn = connect_file(database, key_hex=key_hex)
    except driver.Error:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except driver.DatabaseError:
        return False
    finally:
        conn.close()


def check_password(paths: AppPaths, password: str) -> bool:
    """True when ``password`` is the folder's password (the idle lock uses this; no file is opened)."""
    state = load_state(paths)
    if state is None:
        return False
    entries = [state.current] + ([state.pending] if state.pending else [])
    return any(entry.matches(entry.derive(password)) for entry in entries)


def unlock(paths: AppPaths, password: str) -> str:
    """The raw key for this folder's database; WrongPasswordError before anything is opened.

    Also finishes a password change or conversion a crash interrupted, once
    the password proves which key the file really has.
    """
    state = load_state(paths)
    if state is None:
        raise SecurityError("this data folder is not encrypted")
    recover_interrupted_conversion(paths)
    for entry in (state.current, state.pending):
        if entry is None:
            continue
        key = entry.derive(password)
        if not entry.matches(key):
            continue
        key_hex = key.hex()
        if state.pending is not None and not _opens(paths.database, key_hex):
            raise WrongPasswordError(
                "A password change was interrupted before it finished. Enter the other password "
                "(the one before the change, or the new one)."
            )
        if state.pending is not None or state.converting:
            others = tuple(e for e in (state.current, state.pending) if e is not None and e != entry)
            save_state(paths, SecurityState(entry, history=state.history + others))
            _remove_plain_leftovers(paths)
        return key_hex
    raise WrongPasswordError("That password is not right. Nothing was opened or changed; try again.")


def key_for_password(paths: AppPaths, password: str) -> str:
    """The key ``password`` gives under the current or any earlier password entry (old backups)."""
    state = load_state(paths)
    if state is None:
        raise SecurityError("this data folder is not encrypted, so it cannot open encrypted backups")
    for entry in (state.current, state.pending, *state.history):
        if entry is not None:
            key = entry.derive(password)
            if entry.matches(key):
                return key.hex()
    raise WrongPasswordError("That password was never used for this data folder.")


# ---------------------------------------------------------------------------
# Turning encryption on, changing the password


def create_encrypted_folder(paths: AppPaths, password: str, *, n: int | None = None) -> str:
    """First start with encryption chosen: record the key before the database exists."""
    problem = password_problem(password)
    if problem:
        raise SecurityError(problem)
    if paths.database.exists():
        raise SecurityError("this data folder already has a database; encrypt it from Settings instead")
    paths.ensure()
    entry, key_hex = new_key_entry(password, n=n)
    save_state(paths, SecurityState(entry))
    return key_hex


def _staged(paths: AppPaths) -> Path:
    return paths.database.with_name(f".{paths.database.name}.encrypting")


def _plain_leftovers(paths: AppPaths) -> list[Path]:
    return sorted(paths.data_dir.glob(f"{paths.database.name}.pre-encryption-*"))


def _remove_plain_leftovers(paths: AppPaths) -> None:
    for leftover in _plain_leftovers(paths):
        leftover.unlink(missing_ok=True)


def recover_interrupted_conversion(paths: AppPaths) -> None:
    """Finish or undo an encryption a crash interrupted; never loses the database."""
    from desktop.services.backup import is_encrypted_file

    state = load_state(paths)
    if state is None or not state.converting:
        return
    staged = _staged(paths)
    database = paths.database
    if not database.exists() and staged.exists():
        os.replace(staged, database)  # the swap was half done: the verified copy goes in
        _fsync_dir(database.parent)
    elif database.exists() and not is_encrypted_file(database):
        staged.unlink(missing_ok=True)  # the swap never happened: stay plain
        security_file(paths).unlink(missing_ok=True)
        log.warning("an interrupted encryption was undone; the database stays unencrypted")


def _table_counts(database: Path, key_hex: str | None) -> dict[str, int]:
    conn = connect_file(database, key_hex=key_hex, readonly=True)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in names}
    finally:
        conn.close()


def enable_encryption(paths: AppPaths, repo: Repository, password: str, *, n: int | None = None) -> str:
    """Encrypt an existing plain database (and its backups) under ``password``; returns the key.

    The repository is re-pointed at the encrypted file. Order: verified
    encrypted copy; ``security.json`` marked converting; plain file renamed
    aside; copy renamed in; proved to open; plain file deleted.
    """
    with repo.maintenance():
        return _enable_encryption(paths, repo, password, n=n)


def _enable_encryption(paths: AppPaths, repo: Repository, password: str, *, n: int | None = None) -> str:
    from desktop.services.backup import copy_with_key, integrity_problems, set_aside

    problem = password_problem(password)
    if problem:
        raise SecurityError(problem)
    if is_encrypted(paths) or repo.key_hex:
        raise SecurityError("this data folder is already encrypted")
    database = paths.database
    if repo.database_path != database:
        raise SecurityError("only the database in the data folder can be encrypted")
    repo.engine.dispose()
    entry, key_hex = new_key_entry(password, n=n)
    staged = _staged(paths)
    staged.unlink(missing_ok=True)
    try:
        before = _table_counts(database, None)
        copy_with_key(database, None, staged, key_hex)
        problems = integrity_problems(staged, key_hex)
        if problems or _table_counts(staged, key_hex) != before:
            raise SecurityError(f"the encrypted copy did not match the database: {problems[:1]}")
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    save_state(paths, SecurityState(entry, converting=True))
    set_aside(database, "pre-encryption")
    os.replace(staged, database)
    _fsync_dir(database.parent)
    from db.engine import make_engine  # SQLAlchemy: loaded when a folder is encrypted, not at start-up

    engine = make_engine(paths.database_url(), key_hex=key_hex)
    if _table_counts(database, key_hex) != before:
        raise SecurityError("the encrypted database could not be verified; the plain copy was kept")
    save_state(paths, SecurityState(entry))
    _remove_plain_leftovers(paths)
    repo.rebind(engine)
    encrypt_plain_backups(paths, key_hex)
    repo.record_event("encrypt", "database", None, None, "enabled")
    log.info("database encrypted")
    return key_hex


def encrypt_plain_backups(paths: AppPaths, key_hex: str) -> int:
    """Re-write every unencrypted backup in the backups folder under ``key_hex``; returns how many."""
    from desktop.services.backup import (
        copy_with_key,
        integrity_problems,
        is_encrypted_file,
        kind_of,
        list_backups,
        read_manifest,
        write_manifest,
    )

    done = 0
    for backup in list_backups(paths.backups):
        if is_encrypted_file(backup):
            continue
        tmp = backup.with_name(f".{backup.name}.encrypting")
        tmp.unlink(missing_ok=True)
        try:
            copy_with_key(backup, None, tmp, key_hex)
            if integrity_problems(tmp, key_hex):
                log.warning("could not encrypt backup %s; left as it was", backup.name)
                continue
            os.replace(tmp, backup)
        finally:
            tmp.unlink(missing_ok=True)
        kind = (read_manifest(backup) or {}).get("kind") or kind_of(backup)
        write_manifest(backup, key_hex, str(kind))
        done += 1
    return done


def change_password(paths: AppPaths, repo: Repository, old_password: str, new_password: str,
                    *, n: int | None = None) -> str:
    """Re-key the database with ``PRAGMA rekey``; returns the new key.

    Older backups keep the key they were made with: restoring one asks for
    the password in force then. A fresh backup under the new key is taken at once.
    """
    with repo.maintenance():
        return _change_password(paths, repo, old_password, new_password, n=n)


def _change_password(paths: AppPaths, repo: Repository, old_password: str, new_password: str,
                     *, n: int | None = None) -> str:
    problem = password_problem(new_password)
    if problem:
        raise SecurityError(problem)
    state = load_state(paths)
    if state is None:
        raise SecurityError("this data folder is not encrypted")
    old_key = unlock(paths, old_password)
    entry, new_key = new_key_entry(new_password, n=n)
    repo.engine.dispose()
    save_state(paths, SecurityState(state.current, pending=entry, history=state.history))
    conn = connect_file(paths.database, key_hex=old_key)
    try:
        conn.execute(f"PRAGMA rekey = \"x'{new_key}'\"")
    finally:
        conn.close()
    save_state(paths, SecurityState(entry, history=state.history + (state.current,)))
    from db.engine import make_engine

    repo.rebind(make_engine(paths.database_url(), key_hex=new_key))
    repo.record_event("rekey", "database", None, None, "password_changed")
    from desktop.services.backup import BackupService

    BackupService(repo, paths).back_up(kind="auto")
    log.info("database password changed")
    return new_key
