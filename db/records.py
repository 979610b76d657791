"""Plain records and helpers shared by the repository and the start-up reader.

Nothing here imports SQLAlchemy, so the first screen can use these before
the storage layer has loaded (see ``db.quick``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

# The newest script in db/migrations/versions (a test keeps them equal). Knowing it
# lets a start on an up-to-date database skip importing Alembic altogether.
SCHEMA_HEAD = "0003_clinicians"


class NotFoundError(LookupError):
    pass


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
