"""The clinic's letterhead, settings and clinicians."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (
    ClinicianRow,
    SettingsRow,
)
from db.rows import SETTINGS_FIELDS, settings_from_row
from db.store_base import StoreBase, retry_when_busy
from desktop.clinical import model as m


class ClinicStore(StoreBase):
    # -- settings -----------------------------------------------------------

    def get_settings(self) -> m.ClinicSettings:
        with self._read() as session:
            return settings_from_row(session.get(SettingsRow, 1))

    @retry_when_busy
    def save_settings(self, settings: m.ClinicSettings) -> None:
        with self._write() as session:
            self._store_settings(session, settings)
            self._audit(session, "update", "settings", 1, None)

    @staticmethod
    def _store_settings(session: Session, settings: m.ClinicSettings) -> None:
        row = session.get(SettingsRow, 1)
        if row is None:
            row = SettingsRow(id=1)
            session.add(row)
        for field in SETTINGS_FIELDS:
            setattr(row, field, getattr(settings, field))

    # -- clinicians ---------------------------------------------------------

    def list_clinicians(self) -> list[m.Clinician]:
        """The clinic's clinicians in the clinic's order."""
        with self._read() as session:
            rows = session.execute(select(ClinicianRow).order_by(ClinicianRow.position, ClinicianRow.id)).scalars()
            return [m.Clinician(name=r.name, qualifications=r.qualifications,
                                registration_number=r.registration_number, phone=r.phone, id=r.id) for r in rows]

    @retry_when_busy
    def save_clinic(self, settings: m.ClinicSettings, clinicians: list[m.Clinician]) -> None:
        """Letterhead and clinician list in one transaction; clinicians left out are removed."""
        with self._write() as session:
            self._store_settings(session, settings)
            existing = {row.id: row for row in session.execute(select(ClinicianRow)).scalars()}
            kept: set[int] = set()
            for position, clinician in enumerate(clinicians):
                row = existing.get(clinician.id) if clinician.id is not None else None
                if row is None:
                    row = ClinicianRow()
                    session.add(row)
                else:
                    kept.add(row.id)
                row.position = position
                row.name = clinician.name
                row.qualifications = clinician.qualifications
                row.registration_number = clinician.registration_number
                row.phone = clinician.phone
            for row_id, row in existing.items():
                if row_id not in kept:
                    session.delete(row)
            self._audit(session, "update", "settings", 1, None, f"clinicians={len(clinicians)}")
