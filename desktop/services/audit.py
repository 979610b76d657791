"""Is the audit trail whole? The hash chain, compared with its anchor and the newest backup's manifest.

The chain alone proves that no event was changed in place. The anchor beside
the database (db.anchor) and the audit head in each backup's manifest prove
more: that the newest events were not removed, that the trail was not
emptied, and that nobody edited a record and recomputed every hash since
they were written. docs/audit-trail.md explains what this can and cannot prove.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from db.anchor import AnchorUnreadableError, compare_head, read_anchor
from desktop.services.backup import list_backups, read_manifest

if TYPE_CHECKING:
    from db.repository import Repository
    from desktop.paths import AppPaths


@dataclass
class TrailReport:
    problems: list[str] = field(default_factory=list)  # tampering or loss: `check` exits 1
    notes: list[str] = field(default_factory=list)  # worth saying, not a failure

    @property
    def intact(self) -> bool:
        return not self.problems

    def line(self) -> str:
        if self.problems:
            return "Audit chain: NOT intact: " + "; ".join(self.problems)
        return "Audit chain: intact" + (f" ({'; '.join(self.notes)})" if self.notes else "")


def check_trail(repo: Repository, paths: AppPaths) -> TrailReport:
    report = TrailReport()
    broken = repo.verify_audit_chain()
    if broken is not None:
        report.problems.append(f"event {broken} does not match the hash chain (changed after it was written)")
    head = repo.audit_head()
    database = repo.database_path
    restored_at: str | None = None
    if database is not None:
        try:
            anchor = read_anchor(database, repo.key_hex)
        except AnchorUnreadableError as exc:
            anchor = None
            report.problems.append(str(exc))
        else:
            if anchor is None:
                if head is not None:
                    report.notes.append("no audit anchor yet; it is written with the next change")
            else:
                restored_at = anchor.restored_at
                problem = compare_head((anchor.head_id, anchor.head_hash), head, repo.audit_hash, "audit anchor")
                if problem:
                    report.problems.append(problem)
                elif head is not None and head[0] > anchor.head_id:
                    report.notes.append(f"the anchor is {head[0] - anchor.head_id} event(s) behind "
                                        "(a save was interrupted before it was anchored)")
    problem = _compare_newest_backup(repo, paths, head, restored_at)
    if problem:
        report.problems.append(problem)
    return report


def _compare_newest_backup(repo: Repository, paths: AppPaths, head: tuple[int, str] | None,
                           restored_at: str | None) -> str | None:
    """The newest backup taken since the last restore must be a point the chain passed through."""
    since = _parse(restored_at)
    for backup in list_backups(paths.backups):
        manifest = read_manifest(backup) or {}
        recorded = manifest.get("audit_head")
        created = _parse(manifest.get("created_at"))
        if not isinstance(recorded, dict) or created is None:
            continue
        if since is not None and created <= since:
            return None  # older backups describe the history before the restore
        try:
            expected = (int(recorded["id"]), str(recorded["hash"]))
        except (KeyError, TypeError, ValueError):
            continue
        return compare_head(expected, head, repo.audit_hash, f"backup {backup.name}")
    return None


def _parse(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
