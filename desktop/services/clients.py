"""Client use cases: the list, one record, add and edit (validation, the possible-duplicate check), delete.

Plain records in and out; storage stays behind the repository. The list
record types live in ``db.records`` (no SQLAlchemy there) and are re-exported
here so the window never names the storage package.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, NoReturn

from db.quick import FirstPage
from db.records import CONTACT_FIELDS, ClientSummary, ConflictError, NotFoundError, fold
from desktop.services.drafts import client_details_key

if TYPE_CHECKING:
    from db.repository import Repository
    from desktop.clinical import model as m
    from desktop.services.conflicts import ClientConflict

__all__ = ["ClientService", "ClientSummary", "ConflictError", "FirstPage", "NotFoundError", "PossibleDuplicate", "fold"]


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

    # -- the details form's draft (typing kept until it is saved or discarded) -----------

    def keep_draft(self, client_id: int | None, payload: dict[str, Any]) -> None:
        """Keep the details form's unsaved typing for the signed-in person on this device."""
        self.repo.save_draft(client_details_key(client_id), payload)

    def draft(self, client_id: int | None) -> dict[str, Any] | None:
        """The details form's kept typing for this client (``None``: a new client), if any."""
        return self.repo.load_draft(client_details_key(client_id))

    def drop_draft(self, client_id: int | None) -> None:
        self.repo.delete_draft(client_details_key(client_id), with_photos=False)

    def get(self, client_id: int) -> m.Client:
        if not self.clinical_access:
            return self.repo.client_contact(client_id)
        return self.repo.get_client(client_id).client

    def get_for_edit(self, client_id: int) -> tuple[m.Client, int]:
        """The client as the edit form shows it (reception: contact details only) and the version
        read, which ``save`` names so that a newer stored version is a conflict, never overwritten.
        The version is read first: a save landing in between makes it older, never newer."""
        version = self.repo.client_version(client_id)
        return self.get(client_id), version

    def _clinical(self) -> None:
        if not self.clinical_access:
            refuse_clinical(self.repo)

    @property
    def clinical_access(self) -> bool:
        """False for reception on a clinic server: names and contact details only, never a visit."""
        return role_of(self.repo) != "reception"

    def contact(self, client_id: int) -> m.Client:
        """Name, birth date, file number, phone and e-mail: all reception may read of a client."""
        return self.repo.client_contact(client_id)

    def record(self, client_id: int) -> m.ClientRecord:
        """The client with every stored visit."""
        self._clinical()
        return self.repo.get_client(client_id)

    def search(self, query: str = "", *, limit: int | None = None) -> list[ClientSummary]:
        """Clients whose name, birth date or file number match ``query`` (all when empty), by name."""
        return self.repo.list_clients(query, limit=limit)

    def summary(self, client_id: int) -> ClientSummary | None:
        """One client's line of the client list as stored now (None when the client is gone)."""
        return self.repo.client_summary(client_id)

    def all_ids(self) -> list[int]:
        return self.repo.all_client_ids()

    def name(self, client_id: int) -> str | None:
        """The display name, or None when the client no longer exists."""
        try:
            return str(self.get(client_id).display_name)
        except NotFoundError:
            return None

    def visits(self, client_id: int) -> list[tuple[int, m.Assessment]]:
        """A client's stored visits, oldest first."""
        self._clinical()
        return self.repo.list_assessments(client_id)

    def visit_count(self, client_id: int) -> int:
        self._clinical()
        return len(self.repo.list_assessments(client_id))

    def delete(self, client_id: int) -> None:
        """Remove the client, every visit and every draft; the audit keeps record number and counts only."""
        from desktop.services.privacy import delete_client

        self._clinical()
        delete_client(self.repo, client_id)

    def possible_duplicates(self, client: m.Client, exclude_id: int | None = None) -> list[PossibleDuplicate]:
        """Stored clients with the same file number, or the same birth date and the same or a similar name."""
        from desktop.clinical.duplicates import duplicate_reason

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

    def save(self, client: m.Client, client_id: int | None = None, *, allow_duplicates: bool = False,
             expected_version: int | None = None) -> int | list[PossibleDuplicate]:
        """Store ``client`` (new, or over ``client_id``) and return its id; or, unless
        ``allow_duplicates``, the possible duplicates found instead, storing nothing.

        ``expected_version`` (from ``get_for_edit``): a client someone else saved since raises
        ClientConflict (both versions, for the side-by-side choice) and nothing is overwritten.
        Reception stores the name and contact details only; a new client from reception has no
        notes and no athlete group."""
        from desktop.clinical.validation import require_valid, validate_client

        require_valid(validate_client(client))
        if not allow_duplicates:
            found = self.possible_duplicates(client, exclude_id=client_id)
            if found:
                return found
        if not self.clinical_access:
            client = replace(client, notes="", athlete_group=None)
        if client_id is None:
            new_id, _assessments = self.repo.add_client(client)
            return int(new_id)
        try:
            if not self.clinical_access:
                self.repo.update_client_contact(client_id, client, expected_version=expected_version)
            else:
                self.repo.update_client(client_id, client, expected_version=expected_version)
        except ConflictError as error:
            if error.theirs is None or expected_version is None:
                raise
            raise self._conflict(client_id, client, expected_version, error) from None
        return client_id

    def _conflict(self, client_id: int, yours: m.Client, opened: int, error: ConflictError) -> ClientConflict:
        """Both versions of a client's details for the side-by-side choice: the stored one is read
        now with its version (read first, so a save landing meanwhile makes the merge conflict again
        rather than overwrite it)."""
        from desktop.services.conflicts import CLIENT_FIELD_LABELS, ClientConflict

        theirs, stored_version = self.get_for_edit(client_id)
        fields = tuple(CLIENT_FIELD_LABELS) if self.clinical_access else CONTACT_FIELDS
        return ClientConflict(client_id, opened, stored_version, yours, theirs, error.changed_by, error.changed_at,
                              fields)


def role_of(repo: object) -> str | None:
    """The signed-in person's role on a clinic server (None for a local folder). A quick start's
    repository handle answers None itself, without opening storage."""
    role = getattr(repo, "role", None)
    return role if isinstance(role, str) else None


def refuse_clinical(repo: object) -> NoReturn:
    """AccessDenied for a person whose role may not read or write clinical records (reception)."""
    from desktop.services.accounts import AccessDenied

    who = getattr(repo, "actor", None) or "this person"
    raise AccessDenied(f"{who} (reception) may not open or change clinical records: visits, findings, "
                       "notes and letters are for the clinicians")
