"""db.audit_chain: how one audit event is hashed, and how stored rows read back as events."""

from __future__ import annotations

import hashlib
from datetime import datetime

from db.audit_chain import GENESIS_HASH, event_from_row, event_hash
from db.repository import Repository
from db.store_base import AUDIT_COLUMNS
from desktop.paths import AppPaths
from desktop.services.database import open_repository


def test_the_first_event_hashes_the_documented_payload() -> None:
    at = datetime(2026, 10, 1, 9, 30)
    # The payload is the compact JSON list [prev_hash, at (ISO), actor, action, entity,
    # entity_id, client_id, detail], written out here by hand:
    payload = ('["' + "0" * 64 + '","2026-10-01T09:30:00","Jo Smith","create","client",7,7,""]')
    expected = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    assert event_hash(GENESIS_HASH, at, "Jo Smith", "create", "client", 7, 7, "") == expected


def test_names_stay_utf8_missing_ids_are_null_and_microseconds_count() -> None:
    at = datetime(2026, 10, 1, 9, 30, 0, 250)
    prev = "ab" * 32
    # "Zoë" goes in as its UTF-8 bytes (not \u00eb), None as null, 250 µs as ".000250".
    payload = '["' + "ab" * 32 + '","2026-10-01T09:30:00.000250","Zoë","export","exchange",null,null,"clients=3"]'
    expected = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    assert event_hash(prev, at, "Zoë", "export", "exchange", None, None, "clients=3") == expected
    # Every field is part of the hash: one more client in the detail is another event.
    assert event_hash(prev, at, "Zoë", "export", "exchange", None, None, "clients=4") != expected


def test_stored_rows_read_back_as_chained_events(migrated_paths: AppPaths) -> None:
    repo: Repository = open_repository(migrated_paths)
    repo.record_event("export", "exchange", None, None, "clients=0")
    repo.record_event("report", "assessment", 5, 2, "referral")
    with repo._read() as session:
        first, second = (event_from_row(row) for row in session.execute(AUDIT_COLUMNS.order_by("id")))
    assert (first.action, first.entity, first.entity_id, first.client_id, first.detail) == (
        "export", "exchange", None, None, "clients=0")
    assert (second.entity_id, second.client_id, second.detail) == (5, 2, "referral")
    assert first.prev_hash == GENESIS_HASH and second.prev_hash == first.hash
    assert second.hash == event_hash(first.hash, second.at, "clinician", "report", "assessment", 5, 2, "referral")


def test_chain_check_names_the_first_event_changed_outside_medius(migrated_paths: AppPaths) -> None:
    import sqlite3

    repo: Repository = open_repository(migrated_paths)
    for count in range(4):
        repo.record_event("export", "exchange", None, None, f"clients={count}")
    ids = [event.id for event in repo.audit_events()]
    assert repo.verify_audit_chain() is None
    repo.engine.dispose()
    with sqlite3.connect(migrated_paths.database) as conn:  # what someone editing the file could do
        conn.execute("DROP TRIGGER audit_events_no_update")
        conn.execute("UPDATE audit_events SET detail = 'clients=9' WHERE id = ?", (ids[2],))
    assert repo.verify_audit_chain() == ids[2]
    with sqlite3.connect(migrated_paths.database) as conn:  # an event's link to its predecessor broken
        conn.execute("UPDATE audit_events SET prev_hash = ? WHERE id = ?", ("f" * 64, ids[1]))
    assert repo.verify_audit_chain() == ids[1]
