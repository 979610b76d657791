"""Names of drafts in storage (visits, and client details being edited): cheap to import, so the
first screen can read them."""

from __future__ import annotations

DRAFT_PREFIX = "client:"


def draft_key(client_id: int, assessment_id: int | None) -> str:
    """Drafts live under ``client:<id>:`` so deleting a client removes them too."""
    return f"{DRAFT_PREFIX}{client_id}:assessment:{assessment_id if assessment_id is not None else 'new'}"


def parse_draft_key(key: str) -> tuple[int, int | None] | None:
    parts = key.split(":")
    if len(parts) != 4 or parts[0] != "client" or parts[2] != "assessment":
        return None
    try:
        client_id = int(parts[1])
        assessment_id = None if parts[3] == "new" else int(parts[3])
    except ValueError:
        return None
    return client_id, assessment_id


def client_details_key(client_id: int | None) -> str:
    """The draft of a client's details form: ``client:<id>:details`` (removed with the client), or
    ``client:new:details`` for a client not yet saved. ``parse_draft_key`` reads neither as a visit."""
    return f"{DRAFT_PREFIX}{client_id if client_id is not None else 'new'}:details"
