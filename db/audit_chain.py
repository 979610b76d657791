"""The audit chain's primitives: what an event may say and how it is hashed."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from db.records import AuditEvent

GENESIS_HASH = "0" * 64
# Key of the PostgreSQL advisory lock that serialises audit appends (one chain, many writers).
AUDIT_CHAIN_LOCK = 0x4D454449  # "MEDI"
log = logging.getLogger(__name__)

# Audit details are space-separated "key=value" pairs or lower-case words
# (field names, counts, file kinds). Capitals, spaces inside values, digits
# with dashes like dates: refused, so a name or birth date cannot slip in.
_SAFE_DETAIL = re.compile(r"(?:(?:[a-z_]+=[a-z0-9_.,+:]*|[a-z_]+)(?: |$))*")
MAX_DETAIL_CHARS = 500



def check_audit_detail(detail: str) -> str:
    """``detail`` unchanged when it holds only field names, counts and kinds; ValueError otherwise."""
    if len(detail) > MAX_DETAIL_CHARS or not _SAFE_DETAIL.fullmatch(detail):
        raise ValueError("audit detail may hold only field names, counts and kinds (key=value, lower case)")
    return detail


# The columns an event is read with, in this order (``event_from_row``, ``first_broken_event``).
AUDIT_COLUMN_NAMES = ("id", "at", "actor", "action", "entity", "entity_id", "client_id", "detail", "prev_hash", "hash")


def event_from_row(row: Any) -> AuditEvent:
    """An event from a row of ``AUDIT_COLUMN_NAMES`` (plain rows, no ORM objects: the chain check reads every event)."""
    return AuditEvent(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9])


# The encoder ``json.dumps(ensure_ascii=False, separators=(",", ":"))`` builds on every call,
# built once: the start-up chain check hashes every event (the same text, a fraction of the time).
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def event_hash(prev_hash: str, at: datetime, actor: str, action: str, entity: str,
               entity_id: int | None, client_id: int | None, detail: str) -> str:
    payload = _ENCODE([prev_hash, at.isoformat(), actor, action, entity, entity_id, client_id, detail])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()



def first_broken_event(rows: Iterable[Sequence[Any]]) -> int | None:
    """Id of the first event whose hash does not continue the chain, or None when it is intact.

    ``rows`` are every event's ``AUDIT_COLUMN_NAMES`` values, oldest first, ``at`` as a
    datetime: the repository reads them with SQLAlchemy, the start-up check with sqlite3.
    """
    prev = GENESIS_HASH
    for event_id, at, actor, action, entity, entity_id, client_id, detail, prev_hash, stored_hash in rows:
        expected = event_hash(prev, at, actor, action, entity, entity_id, client_id, detail)
        if prev_hash != prev or stored_hash != expected:
            return int(event_id)
        prev = stored_hash
    return None
