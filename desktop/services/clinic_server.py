"""Setting up a clinic server and moving a single-laptop data folder onto it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.engine import make_engine, migrate
from db.models import AuditEventRow, ClientRow, DraftRow, SettingsRow
from db.records import AuditEvent
from db.repository import AUDIT_CHAIN_LOCK, GENESIS_HASH, SETTINGS_FIELDS, Repository, event_hash
from db.server import LOGIN_ROLE, create_roles_and_grants
from db.users import UserStore
from desktop.clinical.model import ClientRecord, ClinicSettings
from desktop.services.accounts import check_new_user, hash_password


class MoveRefused(ValueError):
    """The move would mix data in a way nobody asked for; nothing was copied."""


def init_server(database_url: str, admin: str, password: str, *, login_password: str | None = None) -> str:
    """Schema (created or upgraded), roles and grants, and the first admin. Run with the owner's login.

    Safe to run again: an existing user list is kept and only the schema and
    grants are brought up to date. Returns what was done, in words.
    """
    engine = make_engine(database_url)
    try:
        revision = migrate(engine)
        with engine.begin() as conn:
            create_roles_and_grants(conn, login_password=login_password)
        repo = Repository(engine, actor=admin, role="admin")
        store = UserStore(repo)
        if store.count():
            repo.record_event("upgrade", "server", None, None, f"schema={revision}")
            return (f"Clinic server up to date: schema {revision}; roles and grants refreshed. "
                    "Existing users kept (no new admin made).")
        check_new_user(admin, "admin", password)
        store.add(admin, "admin", hash_password(password))
        repo.record_event("init", "server", None, None, f"schema={revision}")
    finally:
        engine.dispose()
    return (f"Clinic server ready: schema {revision}; database roles medius_admin, medius_clinician, "
            f"medius_reception; laptops connect as {LOGIN_ROLE}; first admin {admin}.")


@dataclass(frozen=True)
class MoveReport:
    clients: int
    skipped: int
    assessments: int
    drafts: int
    events: int

    def __str__(self) -> str:
        skipped = f", {self.skipped} already on the server skipped" if self.skipped else ""
        return (f"Moved {self.clients} client(s){skipped}, {self.assessments} assessment(s), {self.drafts} "
                f"draft(s) and {self.events} audit event(s) onto the clinic server; the move is in its audit trail.")


def _identity(given: str, family: str, born: object, external_id: str | None) -> tuple[str, str, str, str]:
    return (given.casefold(), family.casefold(), str(born), (external_id or "").casefold())


_DRAFT_CLIENT = re.compile(r"^client:(\d+):assessment:(\d+|new)$")
_DRAFT_CONFLICT = re.compile(r"^conflict:assessment:(\d+)$")
_DRAFT_DETAILS = re.compile(r"^client:(\d+):details$")


@dataclass(frozen=True)
class _FolderContents:
    """Everything a move copies, read from the data folder before the server is touched."""

    clients: list[ClientRecord]
    events: list[AuditEvent]
    settings: ClinicSettings
    drafts: list[tuple[str, dict[str, Any] | None]]


def migrate_from(server: Repository, source_dir: Path, *, duplicates: str = "refuse",
                 key_hex: str | None = None, device: str | None = None) -> MoveReport:
    """Copy a data folder's clients, visits (programs included), drafts and audit trail onto the server.

    One transaction: all of it or nothing. The source's audit chain must be
    intact; its events are appended to the server's chain in order, each
    re-hashed onto the server's head (re-anchored) and naming its original
    actor, time and source event; then one ``move`` event records the copy.
    A server that already holds clients is refused unless ``duplicates`` says
    what to do: ``skip`` clients already there (same names, birth date, file
    number) or ``keep-both``.
    """
    from desktop.services.database import device_name

    if duplicates not in ("refuse", "skip", "keep-both"):
        raise ValueError(f"duplicates: refuse, skip or keep-both, not {duplicates!r}")
    source = _read_folder(source_dir, key_hex)
    device = device or device_name()
    with server._write() as session:
        if session.get_bind().dialect.name == "postgresql":  # the chain head stays ours until commit
            session.execute(select(func.pg_advisory_xact_lock(AUDIT_CHAIN_LOCK)))
        client_ids, assessment_ids, skipped = _copy_clients(server, session, source.clients, duplicates)
        _append_events(session, source.events, client_ids, assessment_ids)
        moved_drafts = _copy_drafts(server, session, source.drafts, client_ids, assessment_ids, device)
        if session.get(SettingsRow, 1) is None and source.settings.clinic_name:
            session.add(SettingsRow(id=1, **{f: getattr(source.settings, f) for f in SETTINGS_FIELDS}))
        report = MoveReport(len(client_ids), skipped, len(assessment_ids), moved_drafts, len(source.events))
        server._audit(session, "move", "data_folder", None, None,
                      f"clients={report.clients} skipped={report.skipped} assessments={report.assessments} "
                      f"drafts={report.drafts} events={report.events}")
    return report


def _read_folder(source_dir: Path, key_hex: str | None) -> _FolderContents:
    """The folder's records, refused when it holds no database or its audit chain is broken."""
    from desktop.paths import resolve_paths
    from desktop.services.database import open_repository

    folder = resolve_paths(source_dir)
    if not folder.database.is_file():
        raise MoveRefused(f"{source_dir} holds no Medius database")
    source = open_repository(folder, key_hex=key_hex)
    try:
        broken = source.verify_audit_chain()
        if broken is not None:
            raise MoveRefused(f"the folder's audit trail is broken at event {broken}; run `medius check` there "
                              "and restore a good backup before moving it")
        clients = [source.get_client(cid) for cid in source.all_client_ids()]
        events = source.audit_events()
        settings = source.get_settings()
        drafts = [(key, source.load_draft(key)) for key, _ in source.list_drafts()]
    finally:
        source.engine.dispose()
    return _FolderContents(clients, events, settings, drafts)


def _copy_clients(server: Repository, session: Session, clients: list[ClientRecord],
                  duplicates: str) -> tuple[dict[int, int], dict[int, int], int]:  # fmt: skip
    """Insert the clients with their visits: the new client ids and visit ids by old id, and how many were skipped.

    Refuses a server that already holds clients unless ``duplicates`` says what to do.
    """
    existing = session.execute(select(ClientRow.given_name, ClientRow.family_name, ClientRow.date_of_birth,
                                      ClientRow.external_id)).all()
    if existing and duplicates == "refuse":
        raise MoveRefused(f"the server already holds {len(existing)} client(s); run again with "
                          "--duplicates skip (leave out clients already there) or --duplicates keep-both")
    known = {_identity(*row) for row in existing}
    client_ids: dict[int, int] = {}
    assessment_ids: dict[int, int] = {}
    skipped = 0
    for record in clients:
        c = record.client
        if duplicates == "skip" and _identity(c.given_name, c.family_name, c.date_of_birth,
                                               c.external_id) in known:
            skipped += 1
            continue
        new_client, new_visits = server._insert_client(session, c, [a for _, a in record.assessments])
        old_ids = [old for old, _ in record.assessments]
        if record.id is None or None in old_ids:
            raise ValueError("a record read from the data folder has no id")
        client_ids[record.id] = new_client
        assessment_ids.update({old: new for old, new in zip(old_ids, new_visits, strict=True) if old is not None})
    return client_ids, assessment_ids, skipped


def _append_events(session: Session, events: list[AuditEvent], client_ids: dict[int, int],
                   assessment_ids: dict[int, int]) -> None:  # fmt: skip
    """The folder's audit events re-hashed onto the server's chain head, with the ids they now refer to."""
    head = session.execute(select(AuditEventRow.hash).order_by(AuditEventRow.id.desc()).limit(1)).scalar()
    prev = head or GENESIS_HASH
    for e in events:
        ids = client_ids if e.entity == "client" else assessment_ids if e.entity == "assessment" else {}
        entity_id = ids.get(e.entity_id) if e.entity_id is not None else None
        client_id = client_ids.get(e.client_id) if e.client_id is not None else None
        detail = " ".join(x for x in (e.detail, f"source_event={e.id}") if x)
        digest = event_hash(prev, e.at, e.actor, e.action, e.entity, entity_id, client_id, detail)
        session.add(AuditEventRow(at=e.at, actor=e.actor, action=e.action, entity=e.entity,
                                  entity_id=entity_id, client_id=client_id, detail=detail,
                                  prev_hash=prev, hash=digest))
        prev = digest
    session.info["audit_head"] = prev


def _copy_drafts(server: Repository, session: Session, drafts: list[tuple[str, dict[str, Any] | None]],
                 client_ids: dict[int, int], assessment_ids: dict[int, int], device: str) -> int:  # fmt: skip
    """The drafts of moved clients and visits (and drafts of no client), owned by whoever moves them."""
    moved = 0
    # A second move by the same person from the same device finds their drafts already there:
    # the server's copy stays (a draft is never overwritten by an older one from the laptop).
    held = set(session.execute(
        select(DraftRow.key).where(DraftRow.owner == server.actor, DraftRow.device == device)).scalars())
    for key, payload in drafts:
        if payload is None:
            continue
        new_key = _moved_draft_key(key, client_ids, assessment_ids)
        if new_key is None or new_key in held:
            continue
        held.add(new_key)
        session.add(DraftRow(key=new_key, payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
                             updated_at=datetime.now(UTC).replace(tzinfo=None),
                             owner=server.actor, device=device))
        moved += 1
    return moved


def _moved_draft_key(key: str, client_ids: dict[int, int], assessment_ids: dict[int, int]) -> str | None:
    """A draft's key with the server's ids (visit and client-details drafts, kept conflict versions), None when its
    client or visit was not moved."""
    conflict = _DRAFT_CONFLICT.match(key)
    if conflict:
        old = int(conflict.group(1))
        return f"conflict:assessment:{assessment_ids[old]}" if old in assessment_ids else None
    details = _DRAFT_DETAILS.match(key)
    if details:
        old = int(details.group(1))
        return f"client:{client_ids[old]}:details" if old in client_ids else None
    match = _DRAFT_CLIENT.match(key)
    if not match:
        return key
    if int(match.group(1)) not in client_ids:
        return None
    visit = match.group(2)
    if visit != "new":
        if int(visit) not in assessment_ids:
            return None
        visit = str(assessment_ids[int(visit)])
    return f"client:{client_ids[int(match.group(1))]}:assessment:{visit}"
