"""Drafts of visits being edited, and the photos held for them until the visit is saved."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, select
from sqlalchemy.orm import Session

from db.models import (
    ClientRow,
    DraftRow,
    PhotoRow,
)
from db.records import PHOTO_KINDS, NotFoundError, StoredPhoto
from db.store_base import StoreBase, now, retry_when_busy
from desktop.clinical import model as m


class DraftStore(StoreBase):
    # -- drafts -------------------------------------------------------------

    def _mine(self) -> Any:
        """Drafts of the signed-in person on this device."""
        return (DraftRow.owner == self.actor) & (DraftRow.device == self.device)

    @retry_when_busy
    def save_draft(self, key: str, payload: dict[str, Any]) -> None:
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        with self._write() as session:
            row = session.execute(select(DraftRow).where(self._mine(), DraftRow.key == key)).scalar_one_or_none()
            if row is None:
                session.add(DraftRow(key=key, payload=text, updated_at=now(), owner=self.actor,
                                     device=self.device))
            elif row.payload != text:
                row.payload = text
                row.updated_at = now()

    def load_draft(self, key: str) -> dict[str, Any] | None:
        with self._read() as session:
            row = session.execute(select(DraftRow).where(self._mine(), DraftRow.key == key)).scalar_one_or_none()
            return json.loads(row.payload) if row else None

    def list_drafts(self, prefix: str = "") -> list[tuple[str, datetime]]:
        with self._read() as session:
            rows = session.execute(
                select(DraftRow.key, DraftRow.updated_at).where(self._mine(), DraftRow.key.like(f"{prefix}%"))
                .order_by(DraftRow.updated_at.desc())
            )
            return [(r.key, r.updated_at) for r in rows]

    @retry_when_busy
    def delete_draft(self, key: str, *, with_photos: bool = True) -> None:
        """Discard a draft and the photos taken for it (photos of a saved visit stay). A draft that
        holds no photos (a client's details) passes ``with_photos=False``: reception, whose role
        may not touch photos, discards it too."""
        with self._write() as session:
            session.execute(delete(DraftRow).where(self._mine(), DraftRow.key == key))
            if with_photos:
                session.execute(delete(PhotoRow).where(PhotoRow.draft_key == key))

    # -- photos -------------------------------------------------------------

    @staticmethod
    def _check_photo_slot(side: str, kind: str) -> None:
        if side not in m.SIDES or kind not in PHOTO_KINDS:
            raise ValueError(f"unknown photo slot {side}/{kind}")

    @retry_when_busy
    def keep_draft_photo(self, client_id: int, draft_key: str, side: str, kind: str,
                         photo: StoredPhoto | None) -> None:
        """Hold a photo (or its removal, ``None``) for a visit being edited, until it is saved."""
        self._check_photo_slot(side, kind)
        with self._write() as session:
            if session.get(ClientRow, client_id) is None:
                raise NotFoundError(f"no client with id {client_id}")
            session.execute(delete(PhotoRow).where(self._in_slot(side, kind, draft_key=draft_key)))
            session.add(PhotoRow(
                client_id=client_id, draft_key=draft_key, stance_side=side, kind=kind,
                jpeg=photo.jpeg if photo else None, width=photo.width if photo else 0,
                height=photo.height if photo else 0, created_at=now(),
            ))

    @staticmethod
    def _in_slot(side: str, kind: str, *, draft_key: str | None = None,
                 assessment_id: int | None = None) -> Any:
        """Where-clause of one photo slot, of a draft or of a saved visit."""
        owner = (
            PhotoRow.draft_key == draft_key
            if draft_key is not None
            else PhotoRow.assessment_id == assessment_id
        )
        return and_(owner, PhotoRow.stance_side == side, PhotoRow.kind == kind)

    def _attach_photos(
        self, session: Session, draft_key: str, client_id: int, assessment_id: int
    ) -> int:
        """Move a draft's photos onto the saved visit, replacing its photos in those slots."""
        pending = list(session.execute(
            select(PhotoRow).where(PhotoRow.draft_key == draft_key, PhotoRow.client_id == client_id)
        ).scalars())
        for row in pending:
            session.execute(delete(PhotoRow).where(
                self._in_slot(row.stance_side, row.kind, assessment_id=assessment_id)))
            if row.jpeg is None:
                session.delete(row)
            else:
                row.assessment_id, row.draft_key = assessment_id, None
        return len(pending)

    def photo(self, side: str, kind: str, *, assessment_id: int | None = None,
              draft_key: str | None = None) -> StoredPhoto | None:
        """A slot's photo as the editor sees it: the draft's if any, else the saved visit's."""
        self._check_photo_slot(side, kind)
        with self._read() as session:
            if draft_key is not None:
                row = session.execute(
                    select(PhotoRow).where(self._in_slot(side, kind, draft_key=draft_key))
                ).scalars().first()
                if row is not None:
                    return StoredPhoto(row.jpeg, row.width, row.height) if row.jpeg else None
            if assessment_id is None:
                return None
            row = session.execute(
                select(PhotoRow).where(self._in_slot(side, kind, assessment_id=assessment_id))
            ).scalars().first()
            if row is None or not row.jpeg:
                return None
            return StoredPhoto(row.jpeg, row.width, row.height)

    def assessment_photos(self, assessment_id: int) -> dict[tuple[str, str], StoredPhoto]:
        """A saved visit's photos by (stance side, kind)."""
        with self._read() as session:
            rows = session.execute(
                select(PhotoRow).where(PhotoRow.assessment_id == assessment_id)
            ).scalars()
            return {
                (r.stance_side, r.kind): StoredPhoto(r.jpeg, r.width, r.height)
                for r in rows
                if r.jpeg
            }

    def client_photos(self, client_id: int) -> list[tuple[int | None, str, str, StoredPhoto]]:
        """Every photo held about a client, saved or draft: (assessment id, side, kind, photo)."""
        with self._read() as session:
            rows = session.execute(
                select(PhotoRow).where(PhotoRow.client_id == client_id).order_by(PhotoRow.id)
            ).scalars()
            return [(r.assessment_id, r.stance_side, r.kind, StoredPhoto(r.jpeg, r.width, r.height))
                    for r in rows if r.jpeg]
