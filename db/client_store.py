"""Clients: add (one or many, atomically), edit (versioned), delete, read, search."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, delete, func, null, or_, select, update
from sqlalchemy.orm import Session, selectinload

from db.assessment_store import AssessmentStore
from db.bulk_insert import insert_records
from db.mapping import (
    ASSESSMENT_LOAD,
    apply_client,
)
from db.models import (
    AssessmentRow,
    ClientRow,
    DraftRow,
    PhotoRow,
)
from db.records import CONTACT_FIELDS, ClientSummary, ConflictError, NotFoundError, Stamps, fold
from db.rows import assessment_from_row, client_from_row
from db.store_base import now, retry_when_busy
from desktop.clinical import model as m


class ClientStore(AssessmentStore):
    # -- clients ------------------------------------------------------------

    @retry_when_busy
    def add_client(self, client: m.Client, assessments: list[m.Assessment] | None = None) -> tuple[int, list[int]]:
        """Store a client and optionally its assessments in one transaction."""
        with self._write() as session:
            client_id, assessment_ids = self._add_client(session, client, assessments or [])
        return client_id, assessment_ids

    def _add_client(self, session: Session, client: m.Client,
                    assessments: list[m.Assessment]) -> tuple[int, list[int]]:
        return self._insert_client(session, client, assessments, audit=True)

    def _insert_client(self, session: Session, client: m.Client, assessments: list[m.Assessment], *,
                       audit: bool = False) -> tuple[int, list[int]]:
        """The rows of a client and its visits; audited unless the caller copies an audit trail itself."""
        stamp = now()
        row = ClientRow(created_at=stamp, updated_at=stamp)
        apply_client(row, client)
        session.add(row)
        session.flush()
        if audit:
            self._audit(session, "create", "client", row.id, row.id)
        ids = [self._add_assessment(session, row.id, a, audit=audit) for a in assessments]
        return row.id, ids

    @retry_when_busy
    def add_clients(self, records: list[tuple[m.Client, list[m.Assessment]]]) -> list[tuple[int, list[int]]]:
        """Store many clients atomically: all of them, or none (imports), a table at a time (db.bulk_insert)."""
        with self._write() as session:
            out, events = insert_records(session, records, now())
            self._audit_many(session, events)
            self._audit(session, "import", "exchange", None, None, f"clients={len(records)}")
        return out

    @retry_when_busy
    def update_client(self, client_id: int, client: m.Client, *, expected_version: int | None = None) -> int:
        """Store an edit; with ``expected_version`` (the version that was opened) a newer stored
        version raises ConflictError instead of being overwritten. Returns the new version."""
        with self._conflicts("client", client_id, expected_version), self._write() as session:
            row = session.get(ClientRow, client_id, with_for_update=True)
            if row is None:
                raise NotFoundError(f"no client with id {client_id}")
            self._check_version(session, "client", client_id, row.version, expected_version)
            before = client_from_row(row)
            apply_client(row, client)
            row.updated_at = now()
            changed = [f for f in m.Client.__dataclass_fields__ if getattr(before, f) != getattr(client, f)]
            self._audit(session, "update", "client", client_id, client_id, "fields=" + ",".join(changed))
            session.flush()
            return row.version

    @retry_when_busy
    def update_client_contact(self, client_id: int, client: m.Client, *, expected_version: int | None = None) -> int:
        """Store a new name, birth date, sex, file number, phone and e-mail only (what reception may
        write; the notes and athlete group are neither read nor written). Versioned as ``update_client``;
        returns the new version."""
        from db.mapping import client_columns

        columns = {k: v for k, v in client_columns(client).items() if k in CONTACT_FIELDS}
        with self._write() as session:
            row = session.execute(
                select(ClientRow.version, *(getattr(ClientRow, n) for n in CONTACT_FIELDS))
                .where(ClientRow.id == client_id).with_for_update()).first()
            if row is None:
                raise NotFoundError(f"no client with id {client_id}")
            if expected_version is not None and row.version != expected_version:
                who, when = (None, None)
                if self.role != "reception":  # reception may not read who changed what
                    who, when = self._last_change(session, "client", client_id)
                raise ConflictError("client", client_id, expected_version, row.version, who, when)
            version = int(row.version) + 1
            session.execute(
                update(ClientRow).where(ClientRow.id == client_id)
                .values(**columns, version=version, updated_at=now()))
            changed = [n for n in CONTACT_FIELDS if getattr(row, n) != getattr(client, n)]
            self._audit(session, "update", "client", client_id, client_id, "fields=" + ",".join(changed))
            return version

    def client_version(self, client_id: int) -> int:
        return self._value_of(ClientRow.version, client_id, f"no client with id {client_id}")

    def assessment_version(self, assessment_id: int) -> int:
        return self._value_of(AssessmentRow.version, assessment_id, f"no assessment with id {assessment_id}")

    @retry_when_busy
    def delete_client(self, client_id: int) -> None:
        """Remove a client and every assessment; the audit keeps only the id and counts."""
        with self._write() as session:
            row = session.get(ClientRow, client_id)
            if row is None:
                raise NotFoundError(f"no client with id {client_id}")
            count = len(row.assessments)
            # The foreign keys cascade too; deleting here does not depend on them being enforced.
            session.execute(delete(PhotoRow).where(PhotoRow.client_id == client_id))
            session.delete(row)
            session.execute(delete(DraftRow).where(DraftRow.key.like(f"client:{client_id}:%")))
            self._audit(session, "delete", "client", client_id, client_id, f"assessments={count}")

    def get_client(self, client_id: int) -> m.ClientRecord:
        with self._read() as session:
            return self._client_record(session, client_id)

    @staticmethod
    def _client_record(session: Session, client_id: int) -> m.ClientRecord:
        row = session.execute(
            select(ClientRow)
            .where(ClientRow.id == client_id)
            .options(selectinload(ClientRow.assessments).options(*ASSESSMENT_LOAD))
        ).scalar_one_or_none()
        if row is None:
            raise NotFoundError(f"no client with id {client_id}")
        return m.ClientRecord(
            id=row.id,
            client=client_from_row(row),
            assessments=tuple((a.id, assessment_from_row(a)) for a in row.assessments),
        )

    def visit_stamps(self, client_id: int) -> Stamps:
        """What changes whenever the client or one of their visits changes, without reading them:
        the client's (version, updated_at) and each visit's (id, version, updated_at), in the
        order ``get_client`` gives the visits. Versions only grow, and a reused id comes with a
        new time, so equal stamps mean equal records (caches of computed results key on them)."""
        with self._read() as session:
            return self._stamps(session, client_id)

    def client_with_stamps(self, client_id: int) -> tuple[m.ClientRecord, Stamps]:
        """``get_client`` and ``visit_stamps`` in one read, the stamps first: a save landing in
        between can only make the stamps older than the record, never newer."""
        with self._read() as session:
            stamps = self._stamps(session, client_id)
            return self._client_record(session, client_id), stamps

    @staticmethod
    def _stamps(session: Session, client_id: int) -> Stamps:
        client = session.execute(
            select(ClientRow.version, ClientRow.updated_at).where(ClientRow.id == client_id)).first()
        if client is None:
            raise NotFoundError(f"no client with id {client_id}")
        visits = session.execute(
            select(AssessmentRow.id, AssessmentRow.version, AssessmentRow.updated_at)
            .where(AssessmentRow.client_id == client_id)
            .order_by(AssessmentRow.performed_on, AssessmentRow.id)
        ).all()
        return tuple(client), tuple(tuple(row) for row in visits)

    def client_contact(self, client_id: int) -> m.Client:
        """A client's name and contact details only: what reception may read (no notes, no visits)."""
        with self._read() as session:
            row = session.execute(
                select(ClientRow.given_name, ClientRow.family_name, ClientRow.date_of_birth, ClientRow.sex,
                       ClientRow.external_id, ClientRow.phone, ClientRow.email).where(ClientRow.id == client_id)
            ).first()
            if row is None:
                raise NotFoundError(f"no client with id {client_id}")
            return m.Client(row.given_name, row.family_name, row.date_of_birth, row.sex, row.external_id,
                            row.phone, row.email)

    def all_client_ids(self) -> list[int]:
        with self._read() as session:
            return list(session.execute(select(ClientRow.id).order_by(ClientRow.id)).scalars())

    def list_clients(self, query: str = "", *, limit: int | None = None) -> list[ClientSummary]:
        """Clients matching every word of ``query`` (accent- and case-insensitive), by name."""
        stmt = self._summaries()
        for word in fold(query).split():
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            stmt = stmt.where(or_(ClientRow.search_key.like(f"%{escaped}%", escape="\\")))
        if limit:
            stmt = stmt.limit(limit)
        return self._read_summaries(stmt)

    def client_summary(self, client_id: int) -> ClientSummary | None:
        """One client's line of the client list (visit count, last visit), or None when gone.

        A laptop on a clinic server refreshes the one line a save changed instead of
        reading every client again."""
        found = self._read_summaries(self._summaries().where(ClientRow.id == client_id))
        return found[0] if found else None

    def _read_summaries(self, stmt: Select[Any]) -> list[ClientSummary]:
        with self._read() as session:
            return [
                ClientSummary(r.id, r.given_name, r.family_name, r.date_of_birth, r.external_id,
                              r.n or 0, r.last, r.search_key or "")
                for r in session.execute(stmt)
            ]

    def _summaries(self) -> Select[Any]:
        """The client list's columns, by name (no filter)."""
        if self.role == "reception":
            # Reception's database role cannot read assessments at all: list names only.
            n: ColumnElement[Any] = null()
            last: ColumnElement[Any] = null()
        else:
            # Per listed client only (index on client_id, performed_on), not over every visit.
            n = select(func.count(AssessmentRow.id)).where(AssessmentRow.client_id == ClientRow.id) \
                .correlate(ClientRow).scalar_subquery()
            last = select(func.max(AssessmentRow.performed_on)).where(AssessmentRow.client_id == ClientRow.id) \
                .correlate(ClientRow).scalar_subquery()
        stmt = select(ClientRow.id, ClientRow.given_name, ClientRow.family_name, ClientRow.date_of_birth,
                      ClientRow.external_id, n.label("n"), last.label("last"), ClientRow.search_key)
        return stmt.order_by(ClientRow.family_name, ClientRow.given_name, ClientRow.id)
