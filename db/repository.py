"""The one storage facade. Short sessions in, plain dataclasses out.

Every write is one transaction that stores the record, its child rows and its
audit event together, so a crash or error never leaves half a record. The
facade is assembled from one store per responsibility: clients, visits,
drafts and photos, the clinic's settings, and the audit chain they share.
"""

from __future__ import annotations

from db.audit_chain import AUDIT_CHAIN_LOCK, GENESIS_HASH, MAX_DETAIL_CHARS, check_audit_detail, event_hash
from db.client_store import ClientStore
from db.clinic_store import ClinicStore
from db.mapping import search_key
from db.records import AuditEvent, ClientSummary, ConflictError, NotFoundError, StoredPhoto, fold
from db.rows import SETTINGS_FIELDS

__all__ = [
    "AUDIT_CHAIN_LOCK", "GENESIS_HASH", "MAX_DETAIL_CHARS", "SETTINGS_FIELDS", "AuditEvent", "ClientSummary",
    "ConflictError", "NotFoundError", "Repository", "StoredPhoto", "check_audit_detail", "event_hash", "fold",
    "search_key",
]


class Repository(ClientStore, ClinicStore):
    """Storage facade over one engine. Methods open a short session each."""
