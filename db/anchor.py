"""The audit anchor: the audit chain's head, kept outside the database file.

The hash chain inside the database shows that no event was changed in
place, but not that the newest events were removed, that every event was
removed, or that someone edited a record and recomputed every hash. So after
every write that adds an audit event, the chain head (event id and hash) is
written to a small file beside the database, and each backup's manifest
records the head too. ``medius check`` compares the chain with both.

The anchor is sealed: with an encrypted database, by an HMAC whose key is
derived from the database key, so forging it needs the clinic password;
with a plain database, by a SHA-256 checksum, which catches a damaged or
hand-edited anchor but not someone who rewrites database and anchor
together (docs/audit-trail.md says what the trail can and cannot prove).

The anchor is written after the commit, atomically. A crash between the two
leaves it one write behind the database: that reads as "behind", not as
tampering. No Qt, no SQLAlchemy.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

ANCHOR_SUFFIX = ".audit-anchor"
FORMAT = "medius-audit-anchor"


class AnchorUnreadableError(ValueError):
    """The anchor file exists but is garbled or its seal does not match."""


@dataclass(frozen=True)
class Anchor:
    head_id: int
    head_hash: str
    restored_at: str | None = None  # when a backup last replaced the database (ISO, local time)
    written_at: str | None = None


def anchor_path(database: Path) -> Path:
    return database.with_name(database.name + ANCHOR_SUFFIX)


def _seal_key(key_hex: str | None) -> bytes | None:
    if not key_hex:
        return None
    return hashlib.sha256(b"medius-audit-anchor:" + bytes.fromhex(key_hex)).digest()


def _seal(body: dict[str, Any], key_hex: str | None) -> str:
    payload = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")
    key = _seal_key(key_hex)
    if key is None:
        return "sha256:" + hashlib.sha256(payload).hexdigest()
    return "hmac-sha256:" + hmac.new(key, payload, hashlib.sha256).hexdigest()


def read_anchor(database: Path, key_hex: str | None = None) -> Anchor | None:
    """The anchor beside ``database``; None when there is none; AnchorUnreadableError when forged or garbled."""
    path = anchor_path(database)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
        seal = data.pop("seal")
        if data.get("format") != FORMAT or not hmac.compare_digest(str(seal), _seal(data, key_hex)):
            raise AnchorUnreadableError("the audit anchor's seal does not match its content")
        return Anchor(int(data["head_id"]), str(data["head_hash"]), data.get("restored_at"), data.get("written_at"))
    except AnchorUnreadableError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise AnchorUnreadableError("the audit anchor file is garbled") from exc


def write_anchor(database: Path, head: tuple[int, str] | None, key_hex: str | None = None, *,
                 restored: bool = False) -> Anchor:
    """Record ``head`` beside ``database`` (atomic: the old anchor or the new one, never half).

    ``restored`` marks that a backup has just replaced the database: backup
    manifests written before this moment describe another line of history.
    """
    try:
        previous = read_anchor(database, key_hex)
    except AnchorUnreadableError:
        previous = None
    now = datetime.now().replace(microsecond=0).isoformat()
    restored_at = now if restored else (previous.restored_at if previous else None)
    head_id, head_hash = head if head else (0, "")
    body: dict[str, Any] = {"format": FORMAT, "version": 1, "head_id": head_id, "head_hash": head_hash,
                            "restored_at": restored_at, "written_at": now}
    body["seal"] = _seal(body, key_hex)
    write_json_private(anchor_path(database), body)
    return Anchor(head_id, head_hash, restored_at, now)


def write_json_private(path: Path, data: dict[str, Any]) -> None:
    """Write JSON readable by the owner only, flushed to disk, then renamed into place: whole or absent."""
    tmp = path.with_name(f".{path.name}.partial")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, sort_keys=True)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def compare_head(expected: tuple[int, str], head: tuple[int, str] | None, hash_of: Any, source: str) -> str | None:
    """Why the chain does not reach ``expected`` (recorded by ``source``), or None when it does.

    ``head`` is the database's newest event; ``hash_of(id)`` the hash stored
    for one event id (None when there is no such event).
    """
    want_id, want_hash = expected
    if want_id <= 0:
        return None
    if head is None:
        return f"the {source} records {want_id} event(s), but the database holds none: the trail was deleted"
    if head[0] < want_id:
        return (f"the {source} records event {want_id}, but the database ends at event {head[0]}: "
                "the newest events were removed")
    stored = hash_of(want_id)
    if stored is None:
        return f"event {want_id}, recorded by the {source}, is missing from the database"
    if stored != want_hash:
        return (f"event {want_id} differs from the {source}: events were changed and their hashes "
                "recomputed")
    return None
