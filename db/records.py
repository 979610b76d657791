"""Plain records and helpers shared by the repository and the start-up reader.

Nothing here imports SQLAlchemy, so the first screen can use these before
the storage layer has loaded (see ``db.quick``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# The newest script in db/migrations/versions (a test keeps them equal). Knowing it
# lets a start on an up-to-date database skip importing Alembic altogether.
SCHEMA_HEAD = "0010_no_duplicate_indexes"


class NotFoundError(LookupError):
    pass


class ConflictError(RuntimeError):
    """Someone else saved this record after you opened it: nothing was overwritten.

    ``yours`` is the version you opened, ``theirs`` the version stored now,
    ``changed_by``/``changed_at`` who saved it last and when (from the audit trail).
    """

    def __init__(self, entity: str, entity_id: int, yours: int, theirs: int | None,
                 changed_by: str | None = None, changed_at: datetime | None = None) -> None:
        self.entity, self.entity_id = entity, entity_id
        self.yours, self.theirs = yours, theirs
        self.changed_by, self.changed_at = changed_by, changed_at
        who = f" by {changed_by}" if changed_by else ""
        when = f" at {changed_at:%Y-%m-%d %H:%M} UTC" if changed_at else ""
        now = f" (now version {theirs})" if theirs is not None else " (it was deleted)"
        super().__init__(
            f"conflict: {entity} {entity_id} was changed{who}{when}{now} since you opened version {yours}; "
            "nothing was overwritten")


PHOTO_KINDS = ("single_leg", "reference")


# A client's (version, updated_at) and each visit's (id, version, updated_at): see ``visit_stamps``.
Stamps = tuple[tuple[Any, ...], tuple[tuple[Any, ...], ...]]

@dataclass(frozen=True)
class StoredPhoto:
    """A Trendelenburg photo as stored: a downscaled JPEG without metadata, and its size."""

    jpeg: bytes = field(repr=False)
    width: int
    height: int


# The client's fields reception may read and write on a clinic server: who they are and how to
# reach them, never the notes or athlete group (the store, the grants and the comparison use this).
CONTACT_FIELDS: tuple[str, ...] = ("given_name", "family_name", "date_of_birth", "sex", "external_id", "phone",
                                   "email")


@dataclass(frozen=True)
class ClientSummary:
    """One line of the client list: enough to show and search, nothing more."""

    id: int
    given_name: str
    family_name: str
    date_of_birth: date
    external_id: str | None
    assessment_count: int
    last_visit: date | None
    # The stored, already folded search text (``fold`` of given, family, file number,
    # birth date); empty when unknown. Not part of equality: it is derived.
    search_key: str = field(default="", compare=False, repr=False)

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


def fold(text: str) -> str:
    """Lower-case and strip accents so "nguyen" finds "Nguyễn" and "zoe" finds "Zoë"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return folded.replace("đ", "d").replace("ł", "l").replace("ø", "o").replace("ß", "ss")


@dataclass(frozen=True)
class AuditEvent:
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: int | None
    client_id: int | None
    detail: str
    prev_hash: str
    hash: str
