"""Visits: add, edit (versioned), delete, read."""

from __future__ import annotations

import json

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from db.draft_store import DraftStore
from db.mapping import (
    ASSESSMENT_LOAD,
    CHILD_TABLES,
    VISIT_CHILDREN,
    apply_assessment,
    assessment_children,
    assessment_columns,
    field_digests,
)
from db.models import (
    AssessmentRow,
    ClientRow,
    PhotoRow,
)
from db.records import NotFoundError
from db.rows import assessment_from_row
from db.store_base import now, retry_when_busy
from desktop.clinical import model as m


class AssessmentStore(DraftStore):
    # -- assessments --------------------------------------------------------

    def _add_assessment(self, session: Session, client_id: int, assessment: m.Assessment, *,
                        audit: bool = True) -> int:
        # Core-level inserts (the row, then one executemany per child table): the same
        # statements the unit of work would send, without its per-object bookkeeping.
        stamp = now()
        session.flush()
        assessment_id = int(session.execute(
            insert(AssessmentRow).returning(AssessmentRow.id),
            [{**assessment_columns(assessment), "client_id": client_id, "created_at": stamp, "updated_at": stamp}],
        ).scalar_one())
        self._insert_children(session, assessment_id, assessment_children(assessment))
        if audit:
            self._audit(session, "create", "assessment", assessment_id, client_id)
        return assessment_id

    @staticmethod
    def _insert_children(session: Session, assessment_id: int, rows: dict[str, list[dict[str, object]]],
                         tables: list[str] | None = None) -> None:
        for table in tables if tables is not None else list(rows):
            if rows[table]:
                # The Core table: one executemany even where some rows hold None (the ORM's bulk
                # insert would split the rows into groups by which columns are None).
                session.execute(insert(VISIT_CHILDREN[table].__table__),
                                [{**columns, "assessment_id": assessment_id} for columns in rows[table]])

    @retry_when_busy
    def add_assessment(
        self, client_id: int, assessment: m.Assessment, *, photos_draft: str | None = None
    ) -> int:
        """Store a visit; photos kept under ``photos_draft`` join it in the same transaction."""
        with self._write() as session:
            if session.execute(select(ClientRow.id).where(ClientRow.id == client_id)).first() is None:
                raise NotFoundError(f"no client with id {client_id}")
            assessment_id = self._add_assessment(session, client_id, assessment, audit=False)
            if photos_draft is not None:
                self._attach_photos(session, photos_draft, client_id, assessment_id)
            # Last: on a server the audit chain's lock is held from here to the commit only.
            self._audit(session, "create", "assessment", assessment_id, client_id)
            return assessment_id

    @retry_when_busy
    def update_assessment(self, assessment_id: int, assessment: m.Assessment, *,
                          expected_version: int | None = None,
                          photos_draft: str | None = None) -> int:
        """Store an edited visit (program included); with ``expected_version`` a visit someone
        else saved since it was opened raises ConflictError and nothing is written.
        Returns the new version."""
        with self._conflicts("assessment", assessment_id, expected_version), self._write() as session:
            # FOR UPDATE (servers): a second writer waits here, then reads the winner's version.
            # The visit's own row only: its field hashes say which child rows to replace.
            row = session.execute(
                select(AssessmentRow).where(AssessmentRow.id == assessment_id).with_for_update(of=AssessmentRow)
            ).scalar_one_or_none()
            if row is None:
                raise NotFoundError(f"no assessment with id {assessment_id}")
            self._check_version(session, "assessment", assessment_id, row.version, expected_version)
            if row.field_digests:
                changed = self._replace_changed(session, row, assessment)
            else:  # saved before the hashes existed: read it in full this once
                changed = self._replace_all(session, row, assessment)
            row.updated_at = now()
            if photos_draft is not None and self._attach_photos(
                session, photos_draft, row.client_id, assessment_id
            ):
                changed.append("photos")
            self._audit(session, "update", "assessment", assessment_id, row.client_id,
                        "fields=" + ",".join(changed))
            session.flush()
            return row.version

    @staticmethod
    def _replace_changed(session: Session, row: AssessmentRow, assessment: m.Assessment) -> list[str]:
        """Write the fields whose hash differs from the stored one; the changed fields' names."""
        stored = json.loads(row.field_digests or "{}")
        changed = [name for name, digest in field_digests(assessment).items() if stored.get(name) != digest]
        for name, value in assessment_columns(assessment).items():
            setattr(row, name, value)
        tables = list(dict.fromkeys(t for name in changed for t in CHILD_TABLES.get(name, ())))
        if tables:
            rows = assessment_children(assessment)
            for table in tables:  # old rows out first: their unique keys (side, section...) would clash
                model = VISIT_CHILDREN[table]
                session.execute(delete(model).where(model.assessment_id == row.id))
            AssessmentStore._insert_children(session, row.id, rows, tables)
        return changed

    @staticmethod
    def _replace_all(session: Session, row: AssessmentRow, assessment: m.Assessment) -> list[str]:
        before = assessment_from_row(row)  # loads the child rows (lazily, once)
        for children in (row.red_flags, row.odi_scores, row.psfs_items, row.trendelenburg,
                         row.hip_sides, row.hip_trials, row.program_items):
            children.clear()
        session.flush()
        apply_assessment(row, assessment)
        return [f for f in m.Assessment.__dataclass_fields__ if getattr(before, f) != getattr(assessment, f)]

    @retry_when_busy
    def delete_assessment(self, assessment_id: int) -> None:
        with self._write() as session:
            row = session.get(AssessmentRow, assessment_id)
            if row is None:
                raise NotFoundError(f"no assessment with id {assessment_id}")
            client_id = row.client_id
            session.execute(delete(PhotoRow).where(PhotoRow.assessment_id == assessment_id))
            session.delete(row)
            self._audit(session, "delete", "assessment", assessment_id, client_id)

    def get_assessment(self, assessment_id: int) -> tuple[int, m.Assessment]:
        """(client_id, assessment) for an id."""
        with self._read() as session:
            row = session.execute(
                select(AssessmentRow).where(AssessmentRow.id == assessment_id).options(*ASSESSMENT_LOAD)
            ).scalar_one_or_none()
            if row is None:
                raise NotFoundError(f"no assessment with id {assessment_id}")
            return row.client_id, assessment_from_row(row)

    def client_of_assessment(self, assessment_id: int) -> int:
        """The id of the client a visit belongs to (one column, not the visit)."""
        return self._value_of(AssessmentRow.client_id, assessment_id, f"no assessment with id {assessment_id}")

    def list_assessments(self, client_id: int) -> list[tuple[int, m.Assessment]]:
        """A client's assessments, oldest first."""
        with self._read() as session:
            rows = session.execute(
                select(AssessmentRow)
                .where(AssessmentRow.client_id == client_id)
                .order_by(AssessmentRow.performed_on, AssessmentRow.id)
                .options(*ASSESSMENT_LOAD)
            ).scalars()
            return [(r.id, assessment_from_row(r)) for r in rows]
