"""Visits: add, edit (versioned), delete, read."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.draft_store import DraftStore
from db.mapping import (
    ASSESSMENT_LOAD,
    apply_assessment,
    assessment_from_row,
)
from db.models import (
    AssessmentRow,
    ClientRow,
    PhotoRow,
)
from db.records import NotFoundError
from db.store_base import now, retry_when_busy
from desktop.clinical import model as m


class AssessmentStore(DraftStore):
    # -- assessments --------------------------------------------------------

    def _add_assessment(self, session: Session, client_id: int, assessment: m.Assessment, *,
                        audit: bool = True) -> int:
        stamp = now()
        row = AssessmentRow(client_id=client_id, created_at=stamp, updated_at=stamp)
        apply_assessment(row, assessment)
        session.add(row)
        session.flush()
        if audit:
            self._audit(session, "create", "assessment", row.id, client_id)
        return row.id

    @retry_when_busy
    def add_assessment(
        self, client_id: int, assessment: m.Assessment, *, photos_draft: str | None = None
    ) -> int:
        """Store a visit; photos kept under ``photos_draft`` join it in the same transaction."""
        with self._write() as session:
            if session.get(ClientRow, client_id) is None:
                raise NotFoundError(f"no client with id {client_id}")
            assessment_id = self._add_assessment(session, client_id, assessment)
            if photos_draft is not None:
                self._attach_photos(session, photos_draft, client_id, assessment_id)
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
            row = session.execute(
                select(AssessmentRow).where(AssessmentRow.id == assessment_id).options(*ASSESSMENT_LOAD)
                .with_for_update(of=AssessmentRow)
            ).scalar_one_or_none()
            if row is None:
                raise NotFoundError(f"no assessment with id {assessment_id}")
            self._check_version(session, "assessment", assessment_id, row.version, expected_version)
            before = assessment_from_row(row)
            # Remove the old child rows first: their unique keys (side, section...) would
            # otherwise clash with the replacements inserted in the same flush.
            for children in (row.red_flags, row.odi_scores, row.psfs_items, row.trendelenburg,
                             row.hip_sides, row.hip_trials, row.program_items):
                children.clear()
            session.flush()
            apply_assessment(row, assessment)
            row.updated_at = now()
            changed = [f for f in m.Assessment.__dataclass_fields__ if getattr(before, f) != getattr(assessment, f)]
            if photos_draft is not None and self._attach_photos(
                session, photos_draft, row.client_id, assessment_id
            ):
                changed.append("photos")
            self._audit(session, "update", "assessment", assessment_id, row.client_id,
                        "fields=" + ",".join(changed))
            session.flush()
            return row.version

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
