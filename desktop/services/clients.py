"""Adding and editing clients: validation, the possible-duplicate check, then storage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from desktop.clinical import model as m
from desktop.clinical.duplicates import duplicate_reason
from desktop.clinical.validation import require_valid, validate_client

if TYPE_CHECKING:
    from db.repository import Repository


@dataclass(frozen=True)
class PossibleDuplicate:
    """A stored client who is probably the one being entered; ``reason`` is a duplicates code."""

    client_id: int
    display_name: str
    date_of_birth: date
    external_id: str | None
    visits: int
    reason: str


class ClientService:
    """``ClientService(repo)``: the client dialog's use cases; every call may run off the GUI thread."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    def get(self, client_id: int) -> m.Client:
        return self.repo.get_client(client_id).client

    def possible_duplicates(self, client: m.Client, exclude_id: int | None = None) -> list[PossibleDuplicate]:
        """Stored clients with the same file number, or the same birth date and the same or a similar name."""
        seen: dict[int, PossibleDuplicate] = {}
        queries = [client.date_of_birth.isoformat()] + ([client.external_id] if client.external_id else [])
        for query in queries:
            for row in self.repo.list_clients(query):
                if row.id == exclude_id or row.id in seen:
                    continue
                reason = duplicate_reason(client.given_name, client.family_name, client.date_of_birth,
                                          client.external_id, row.given_name, row.family_name, row.date_of_birth,
                                          row.external_id)
                if reason is not None:
                    seen[row.id] = PossibleDuplicate(row.id, f"{row.given_name} {row.family_name}",
                                                     row.date_of_birth, row.external_id, row.assessment_count,
                                                     reason)
        return list(seen.values())

    def save(self, client: m.Client, client_id: int | None = None, *,
             allow_duplicates: bool = False) -> int | list[PossibleDuplicate]:
        """Store ``client`` (new, or over ``client_id``) and return its id; or, unless
        ``allow_duplicates``, the possible duplicates found instead, storing nothing."""
        require_valid(validate_client(client))
        if not allow_duplicates:
            found = self.possible_duplicates(client, exclude_id=client_id)
            if found:
                return found
        if client_id is None:
            new_id, _assessments = self.repo.add_client(client)
            return int(new_id)
        self.repo.update_client(client_id, client)
        return client_id
