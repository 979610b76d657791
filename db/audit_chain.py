"""The audit chain's primitives: what an event may say and how it is hashed."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from datetime import datetime
from typing import Any

from sqlalchemy import select

from db.models import (
    AuditEventRow,
)
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


AUDIT_COLUMNS = select(AuditEventRow.id, AuditEventRow.at, AuditEventRow.actor, AuditEventRow.action,
                       AuditEventRow.entity, AuditEventRow.entity_id, AuditEventRow.client_id,
                       AuditEventRow.detail, AuditEventRow.prev_hash, AuditEventRow.hash)


def event_from_row(row: Any) -> AuditEvent:
    """An event from a row of ``AUDIT_COLUMNS`` (plain rows, no ORM objects: the chain check reads every event)."""
    return AuditEvent(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9])


# The encoder ``json.dumps(ensure_ascii=False, separators=(",", ":"))`` builds on every call,
# built once: the start-up chain check hashes every event (the same text, a fraction of the time).
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def event_hash(prev_hash: str, at: datetime, actor: str, action: str, entity: str,
               entity_id: int | None, client_id: int | None, detail: str) -> str:
    payload = _ENCODE([prev_hash, at.isoformat(), actor, action, entity, entity_id, client_id, detail])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()

