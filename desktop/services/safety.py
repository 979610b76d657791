"""Data-safety use cases for the window and the command line: backups, the clinic password, the audit trail.

Each call blocks on storage or files: the window runs them off the GUI thread.
Heavy modules (the backup code imports the storage engine) load on first use,
so building these objects at start-up costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from db.records import AuditEvent

if TYPE_CHECKING:
    from db.repository import Repository
    from desktop.paths import AppPaths
    from desktop.services.accounts import ServerSession
    from desktop.services.audit import TrailReport
    from desktop.services.backup import BackupService


class SecurityService:
    """The clinic password of the data folder (SQLCipher encryption), see services.security."""

    def __init__(self, repo: Repository, paths: AppPaths) -> None:
        self._repo = repo
        self._paths = paths

    def is_encrypted(self) -> bool:
        from desktop.services.security import is_encrypted

        return is_encrypted(self._paths)

    @property
    def on_server(self) -> bool:
        """Signed in to a clinic server (its repository carries the person's role)."""
        return getattr(self._repo, "role", None) is not None

    @property
    def user_name(self) -> str:
        return str(self._repo.actor)

    def idle_lock_applies(self) -> bool:
        """The idle lock arms for an encrypted data folder and on a clinic server."""
        return self.on_server or self.is_encrypted()

    @cached_property
    def _session(self) -> ServerSession:
        from desktop.services.accounts import ServerSession

        return ServerSession(self._repo.engine, self._repo.actor)

    def sign_out(self) -> None:
        """Sign the person out of the clinic server until ``check_password`` signs them in again."""
        self._session.sign_out()

    def check_password(self, password: str) -> bool:
        """The clinic password of an encrypted folder; on a server, the person's own (signing them in)."""
        if self.on_server:
            return self._session.sign_in_again(password)
        from desktop.services.security import check_password

        return check_password(self._paths, password)

    def key_for_password(self, password: str) -> str:
        """The key a password gives in this folder (to open a backup made before a change)."""
        from desktop.services.security import key_for_password

        return key_for_password(self._paths, password)

    def enable_encryption(self, password: str) -> str:
        from desktop.services.security import enable_encryption

        return enable_encryption(self._paths, self._repo, password)

    def change_password(self, old_password: str, new_password: str) -> str:
        from desktop.services.security import change_password

        return change_password(self._paths, self._repo, old_password, new_password)


class AuditService:
    """The hash-chained audit trail: read it, verify it (also against its anchor), add an event."""

    def __init__(self, repo: Repository, paths: AppPaths) -> None:
        self._repo = repo
        self._paths = paths

    def check_trail(self) -> TrailReport:
        """The chain, its anchor beside the database and the newest backup's head agree (``medius check``)."""
        from desktop.services.audit import check_trail

        return check_trail(self._repo, self._paths)

    def events(self, client_id: int | None = None) -> list[AuditEvent]:
        return self._repo.audit_events(client_id)

    def verify_chain(self) -> int | None:
        """None when the chain is intact, else the id of the first event that does not match."""
        return self._repo.verify_audit_chain()

    def record(self, action: str, entity: str, entity_id: int | None = None, client_id: int | None = None,
               detail: str = "") -> None:
        self._repo.record_event(action, entity, entity_id, client_id, detail)


@dataclass(frozen=True)
class BackupRow:
    path: Path
    taken: datetime
    kind: str
    size_bytes: int
    encrypted: bool


@dataclass(frozen=True)
class SafetyServices:
    repo: Repository
    paths: AppPaths
    security: SecurityService
    audit: AuditService

    @cached_property
    def backups(self) -> BackupService:
        from desktop.services.backup import BackupService

        return BackupService(self.repo, self.paths)

    def list_backups(self) -> list[BackupRow]:
        """The backups folder, newest first, with what the list shows of each (read from the files)."""
        from datetime import datetime

        from desktop.services.backup import (
            is_encrypted_file,
            kind_of,
            list_backups,
            read_manifest,
            stamp_of,
        )

        rows = []
        for path in list_backups(self.paths.backups):
            manifest = read_manifest(path) or {}
            stat = path.stat()
            rows.append(BackupRow(path=path, taken=stamp_of(path) or datetime.fromtimestamp(stat.st_mtime),
                                  kind=str(manifest.get("kind") or kind_of(path)), size_bytes=stat.st_size,
                                  encrypted=bool(manifest.get("encrypted", is_encrypted_file(path)))))
        return rows
