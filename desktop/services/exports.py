"""Files that leave or enter Medius: the exchange format (import and export) and the privacy export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.repository import Repository
    from desktop.services.privacy import PrivacyExport


class ExportService:
    def __init__(self, repo: Repository, exports_dir: Path) -> None:
        self._repo = repo
        self.exports_dir = exports_dir

    def import_exchange(self, path: Path, data_dir: Path | None = None) -> list[tuple[int, list[int]]]:
        """Validate the whole file, then add every client in one transaction; the new ids.

        A full disk is reported with the room the import needs (in ``data_dir``).
        """
        from db.errors import DiskFullError, disk_full
        from desktop.services.exchange import import_file
        from desktop.services.files import AUDIT_ROOM_BYTES

        try:
            return import_file(self._repo, path)
        except DiskFullError:
            if data_dir is None:
                raise
            size = path.stat().st_size if path.is_file() else 0
            raise disk_full(4 * size + AUDIT_ROOM_BYTES, data_dir, what="the import") from None

    def export_exchange(self, client_ids: list[int] | None, out: Path) -> tuple[int, bool]:
        """Write these clients (None: all) in the exchange format with computed results.

        How many, and whether the export's audit event was recorded (False only on
        read-only storage); the file appears only once the event is recorded.
        """
        from desktop.services.assessments import compute_with_settings
        from desktop.services.exchange import export_document, export_file

        ids = self._repo.all_client_ids() if client_ids is None else client_ids
        document = export_document(self._repo, ids, results_for=compute_with_settings(self._repo))
        single = ids[0] if client_ids is not None and len(ids) == 1 else None
        return len(ids), export_file(self._repo, out, document, single)

    def privacy_export(self, client_id: int, folder: Path) -> PrivacyExport:
        """Everything held about one client, as JSON and a readable PDF, in ``folder``."""
        from desktop.services.privacy import export_client_data

        return export_client_data(self._repo, client_id, folder)
