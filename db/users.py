"""Storage of the people who may sign in to a clinic server (admin use; audited)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import UserRow
from db.records import NotFoundError
from db.repository import Repository


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class UserStore:
    """The user list of one database, written through the repository (one transaction, audited)."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    def add(self, name: str, role: str, password_hash: str) -> int:
        with self.repo._write() as session:
            if session.execute(select(UserRow.id).where(UserRow.name == name)).first() is not None:
                raise ValueError(f"user name: {name!r} is taken")
            row = UserRow(name=name, role=role, password_hash=password_hash, disabled=False,
                          failed_attempts=0, created_at=_now())
            session.add(row)
            session.flush()
            self.repo._audit(session, "create", "user", row.id, None, f"role={role}")
            return row.id

    def list(self) -> list[tuple[str, str, bool, datetime | None]]:
        """(name, role, disabled, locked_until) for every account, by name."""
        with self.repo._read() as session:
            rows = session.execute(select(UserRow.name, UserRow.role, UserRow.disabled, UserRow.locked_until)
                                   .order_by(UserRow.name))
            return [(r.name, r.role, bool(r.disabled), r.locked_until) for r in rows]

    def set_disabled(self, name: str, disabled: bool) -> None:
        with self.repo._write() as session:
            row = self._row(session, name)
            row.disabled = disabled
            if not disabled:
                row.failed_attempts, row.locked_until = 0, None
            self.repo._audit(session, "disable" if disabled else "enable", "user", row.id, None)

    def set_password_hash(self, name: str, password_hash: str) -> None:
        """A new password (an admin's reset, or an admin's own change); the lock-out count starts again."""
        with self.repo._write() as session:
            row = self._row(session, name)
            row.password_hash = password_hash
            row.failed_attempts, row.locked_until = 0, None
            self.repo._audit(session, "password", "user", row.id, None)

    @staticmethod
    def _row(session: Session, name: str) -> UserRow:
        row = session.execute(select(UserRow).where(UserRow.name == name)).scalar_one_or_none()
        if row is None:
            raise NotFoundError(f"no user named {name!r}")
        return row

    def count(self) -> int:
        with self.repo._read() as session:
            return len(session.execute(select(UserRow.id)).all())
