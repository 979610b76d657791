"""People who sign in to a clinic server: password hashing, sign-in with lock-out, the user list.

Passwords are hashed with scrypt from the standard library (memory-hard:
16 MiB per guess with the parameters below). Five failed sign-ins in a row
lock the account for fifteen minutes. Nothing here ever logs a password.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select, update

from db.models import UserRow
from db.server import APP_ROLES

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_FAILED_SIGN_INS = 5
LOCK_OUT = timedelta(minutes=15)
MIN_PASSWORD_CHARS = 10
_NAME = re.compile(r"[a-z][a-z0-9._-]{0,63}")

# Actions a role may take (CLI sub-commands and window features use the same table).
ALLOWED: dict[str, frozenset[str]] = {
    "admin": frozenset({"import", "export", "list", "summary", "report", "backup", "restore", "check", "demo",
                        "edit", "users", "server", "add-client", "edit-client", "settings"}),
    "clinician": frozenset({"import", "export", "list", "summary", "report", "check", "demo", "edit",
                            "add-client", "edit-client"}),
    "reception": frozenset({"list", "add-client", "edit-client"}),
}


class AccessDenied(PermissionError):
    """The person may not do this: wrong password, disabled or locked account, or the role forbids it."""


class SignedOut(AccessDenied):  # noqa: N818 - the person's state, as the message says
    """The idle lock signed the person out of the clinic server: nothing is read or written until
    they sign in again."""

    def __init__(self) -> None:
        super().__init__("signed out of the clinic server after a quiet spell; sign in again to continue")


class ServerSession:
    """Signing the person out of the clinic server (the idle lock) and back in with their password.

    Signed out, every connection the repository asks for is refused (``SignedOut``)
    and the open ones are closed, so their database role is gone too.
    """

    def __init__(self, engine: Engine, name: str) -> None:
        from sqlalchemy import event

        self.engine, self.name = engine, name
        self.signed_out = False
        event.listen(engine, "checkout", self._refuse_when_signed_out)

    def _refuse_when_signed_out(self, *_args: object) -> None:
        if self.signed_out:
            raise SignedOut()

    def sign_out(self) -> None:
        self.signed_out = True
        self.engine.dispose()

    def sign_in_again(self, password: str) -> bool:
        """True when the password is right; AccessDenied when the account is disabled or locked."""
        from desktop.services.database import sign_in_to_server

        try:
            sign_in_to_server(self.engine.url.render_as_string(hide_password=False), self.name, password)
        except SignedOut:
            raise
        except AccessDenied as refused:
            if "wrong user name or password" in str(refused):
                return False
            raise
        self.signed_out = False
        return True


@dataclass(frozen=True)
class User:
    name: str
    role: str
    disabled: bool = False
    locked_until: datetime | None = None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                                p=int(p), dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def check_new_user(name: str, role: str, password: str) -> None:
    """ValueError naming what is wrong with a new account, before anything is stored."""
    if not _NAME.fullmatch(name):
        raise ValueError("user name: lower-case letters, digits, '.', '_' or '-', starting with a letter")
    if role not in APP_ROLES:
        raise ValueError(f"role: one of {', '.join(APP_ROLES)}")
    if len(password) < MIN_PASSWORD_CHARS:
        raise ValueError(f"password: at least {MIN_PASSWORD_CHARS} characters")


def sign_in(engine: Engine, name: str, password: str) -> User:
    """The signed-in user, or AccessDenied. Failures are counted; too many lock the account.

    The user row is locked for the check, so two laptops guessing at once still
    count every failure.
    """
    denied = AccessDenied("wrong user name or password")
    with engine.begin() as conn:
        row = conn.execute(select(UserRow.__table__).where(UserRow.name == name).with_for_update()).first()
        if row is None:
            hash_password(password)  # same time as a real check: names cannot be probed by timing
            raise denied
        now = _now()
        # The password is checked first: an account's state (disabled, locked) is told only to
        # someone who knows its password, so a guesser learns nothing about the account.
        right = verify_password(password, row.password_hash)
        locked_now = row.locked_until is not None and row.locked_until > now
        if row.disabled or locked_now:
            if not right:
                raise denied
            if row.disabled:
                raise AccessDenied(f"the account {name!r} is disabled; ask an admin")
            raise AccessDenied(f"the account {name!r} is locked after repeated failed sign-ins until "
                               f"{row.locked_until:%H:%M} UTC; ask an admin or try again then")
        if not right:
            failures = row.failed_attempts + 1
            locked = now + LOCK_OUT if failures >= MAX_FAILED_SIGN_INS else None
            conn.execute(update(UserRow).where(UserRow.id == row.id)
                         .values(failed_attempts=0 if locked else failures, locked_until=locked))
            failed: AccessDenied | None = denied
        else:
            failed = None
            if row.failed_attempts or row.locked_until:
                conn.execute(update(UserRow).where(UserRow.id == row.id)
                             .values(failed_attempts=0, locked_until=None))
    if failed is not None:
        raise failed  # after the commit, so the failure is counted
    return User(row.name, row.role)


def require(user: User | None, action: str) -> None:
    """AccessDenied unless ``user``'s role may take ``action`` (no user: a local, single-person folder)."""
    if user is not None and action not in ALLOWED[user.role]:
        raise AccessDenied(f"{user.name} ({user.role}) may not {action.replace('-', ' ')}")


def denied_by_database(error: BaseException) -> bool:
    """True when the server refused a statement for lack of privilege (SQLSTATE 42501)."""
    seen: BaseException | None = error
    while seen is not None:
        original = getattr(seen, "orig", None)
        if getattr(original, "sqlstate", None) == "42501" or getattr(seen, "sqlstate", None) == "42501":
            return True
        seen = seen.__cause__ or seen.__context__
    return False
