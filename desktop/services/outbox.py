"""Visits saved while the clinic server could not be reached: kept on this laptop until it can.

A save to the clinic server is one transaction, so a connection lost
mid-save leaves nothing half-written there. The visit itself goes into this
outbox: one small SQLite file per person and server in the data folder,
encrypted with SQLCipher under a key derived (scrypt) from the person's own
password, so a lost laptop does not give the visits away. When the server
answers again the outbox is delivered, oldest first, each visit in its own
transaction as an ordinary save (naming the version it was typed over, so a
visit someone else changed meanwhile becomes a conflict, never an overwrite).

A save whose reply was lost may have reached the server all the same; a
delivery finds that visit stored already (same client, same contents) and
does not store it twice.

After the person's password changed (by themselves or an admin's reset) the
new password cannot open the outbox kept under the old one. It is never
deleted or overwritten: at sign-in it is set aside whole (``…earlier-N``
beside it, still sealed) and a fresh outbox takes new visits. How many visits
wait in it cannot be known without the old key (the whole file is
encrypted). With the previous password, ``take_earlier`` moves its visits
into the current outbox (sealed under the new password) and only then
removes the set-aside file.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.clinical import model as m

OUTBOX_DIR = "outbox"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS pending (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL,
    assessment_id INTEGER,
    expected_version INTEGER,
    payload TEXT NOT NULL,
    kept_at TEXT NOT NULL
)"""


@dataclass(frozen=True)
class PendingVisit:
    id: int
    client_id: int
    assessment_id: int | None  # None: a new visit
    expected_version: int | None
    assessment: m.Assessment
    kept_at: datetime


class Outbox:
    """The visits one person kept on this laptop for one clinic server. Thread-safe, small, local."""

    def __init__(self, path: Path, key_hex: str | None, salt: bytes | None = None) -> None:
        self.path = path
        self._key = key_hex
        self._salt = salt
        self._lock = threading.Lock()
        # Entries delivered in this session -> (assessment id, version): a save from the editor
        # that still names the entry then edits the delivered visit instead of adding it again.
        self.delivered: dict[int, tuple[int, int]] = {}

    def _connect(self) -> Any:
        from db.files import connect_file, create_private_file

        if not self.path.exists():
            create_private_file(self.path)
        conn = connect_file(self.path, key_hex=self._key)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(_SCHEMA)
        return conn

    def _run(self, sql: str, params: tuple[Any, ...] = (), *,
             many: list[tuple[Any, ...]] | None = None) -> tuple[list[tuple[Any, ...]], int]:
        """(rows, rows changed) of one statement in its own durable transaction; with ``many``, the
        statement once per parameter tuple in that one transaction (all stored, or none)."""
        with self._lock:
            conn = self._connect()
            try:
                conn.execute("BEGIN IMMEDIATE")
                cursor = conn.executemany(sql, many) if many is not None else conn.execute(sql, params)
                rows = cursor.fetchall()
                changed = cursor.rowcount
                conn.execute("COMMIT")
                return rows, changed
            except BaseException:
                conn.rollback()
                raise
            finally:
                conn.close()

    def put(self, client_id: int, assessment_id: int | None, expected_version: int | None,
            assessment: m.Assessment, *, replace: int | None = None) -> int:
        """Keep a visit (durably, before this returns); ``replace`` is an entry of the same visit kept earlier."""
        payload = _payload(assessment)
        kept_at = datetime.now(UTC).replace(tzinfo=None).isoformat()
        if replace is not None and self._run("UPDATE pending SET payload = ?, kept_at = ? WHERE id = ?",
                                             (payload, kept_at, replace))[1]:
            return replace
        rows, _ = self._run(
            "INSERT INTO pending (client_id, assessment_id, expected_version, payload, kept_at) "
            "VALUES (?, ?, ?, ?, ?) RETURNING id", (client_id, assessment_id, expected_version, payload, kept_at))
        return int(rows[0][0])

    def pending(self) -> list[PendingVisit]:
        if not self.path.exists():
            return []
        rows, _ = self._run("SELECT id, client_id, assessment_id, expected_version, payload, kept_at "
                            "FROM pending ORDER BY id")
        return [PendingVisit(r[0], r[1], r[2], r[3], m.assessment_from_dict(json.loads(r[4])),
                             datetime.fromisoformat(r[5])) for r in rows]

    def count(self) -> int:
        if not self.path.exists():
            return 0
        return int(self._run("SELECT count(*) FROM pending")[0][0][0])

    def remove(self, entry_id: int) -> None:
        self._run("DELETE FROM pending WHERE id = ?", (entry_id,))

    def opens(self) -> bool:
        """False when the file exists but this key cannot open it (sealed under another password)."""
        from db.files import sqlite_driver

        if not self.path.exists():
            return True
        try:
            self.count()
        except sqlite_driver(self._key).DatabaseError as exc:  # a wrong key reads as "not a database"
            if "not a database" in str(exc):
                return False
            raise
        return True

    def set_aside_if_sealed_otherwise(self) -> Path | None:
        """Move an outbox this key cannot open beside this one, whole and still sealed (never deleted),
        so new visits have a place to wait; the path it now has, or None."""
        if self.opens():
            return None
        n = 1
        while (aside := self._earlier_path(n)).exists():
            n += 1
        self.path.replace(aside)
        return aside

    def _earlier_path(self, n: int) -> Path:
        return self.path.with_name(f"{self.path.stem}.earlier-{n}{self.path.suffix}")

    def earlier(self) -> list[Path]:
        """Outboxes set aside after a password change: sealed under an earlier password, waiting."""
        return sorted(self.path.parent.glob(f"{self.path.stem}.earlier-*{self.path.suffix}"))

    def take_earlier(self, password: str) -> int:
        """Move the visits of every set-aside outbox that ``password`` opens into this one (sealed
        under this outbox's key) and remove that file once they are safely here. The number of
        visits moved; WrongPreviousPassword when the password opens none of them."""
        if self._salt is None:
            raise WrongPreviousPassword()
        key = outbox_key(password, self._salt)
        moved, opened = 0, False
        for path in self.earlier():
            old = Outbox(path, key)
            if not old.opens():
                continue
            opened = True
            entries = old.pending()
            if entries:  # in one transaction: a failure part way moves none, so a retry adds no copies
                self._run("INSERT INTO pending (client_id, assessment_id, expected_version, payload, kept_at) "
                          "VALUES (?, ?, ?, ?, ?)",
                          many=[(e.client_id, e.assessment_id, e.expected_version, _payload(e.assessment),
                                 e.kept_at.isoformat()) for e in entries])
            moved += len(entries)
            path.unlink()
        if not opened:
            raise WrongPreviousPassword()
        return moved

    def reseal(self, new_password: str) -> None:
        """Seal this outbox under ``new_password`` (the person changed it in Medius): same visits, new key."""
        if self._salt is None:
            return
        new_key = outbox_key(new_password, self._salt)
        with self._lock:
            if self.path.exists():
                conn = self._connect()
                try:
                    conn.execute(f"PRAGMA rekey = \"x'{new_key}'\"")
                finally:
                    conn.close()
            self._key = new_key


def _payload(assessment: m.Assessment) -> str:
    return json.dumps(m.assessment_to_dict(assessment), ensure_ascii=False, sort_keys=True)


class WrongPreviousPassword(ValueError):
    """The password given opens none of the visits kept under an earlier password."""

    def __init__(self) -> None:
        super().__init__("that is not the previous password: the kept visits stay sealed on this laptop, "
                         "untouched; try again or leave them for later")


def outbox_key(password: str, salt: bytes) -> str:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                          maxmem=64 * 1024 * 1024, dklen=32).hex()


def open_outbox(data_dir: Path, server_url: str, user: str, password: str) -> Outbox:
    """The outbox of ``user`` for the server at ``server_url`` (no password in the URL is used).

    The salt is random per person and server, kept beside the file.
    """
    from sqlalchemy.engine import make_url

    from db.files import create_private_file

    parsed = make_url(server_url)
    where = f"{parsed.host or ''}|{parsed.query.get('host', '')}|{parsed.port or ''}|{parsed.database or ''}"
    server = hashlib.sha256(where.encode("utf-8")).hexdigest()[:12]
    folder = data_dir / OUTBOX_DIR
    stem = f"{hashlib.sha256(user.encode('utf-8')).hexdigest()[:12]}-{server}"
    salt_file = folder / f"{stem}.salt"
    if not salt_file.exists():
        create_private_file(salt_file)
        salt_file.write_text(secrets.token_hex(16), encoding="ascii")
    salt = bytes.fromhex(salt_file.read_text(encoding="ascii").strip())
    outbox = Outbox(folder / f"{stem}.sqlite3", outbox_key(password, salt), salt)
    outbox.set_aside_if_sealed_otherwise()  # the password changed since: kept whole, for take_earlier
    return outbox


# The outbox that belongs to a signed-in server repository (set where the password is known).
_OUTBOXES: weakref.WeakKeyDictionary[Any, Outbox] = weakref.WeakKeyDictionary()


def attach_outbox(repo: Any, outbox: Outbox) -> None:
    _OUTBOXES[repo] = outbox


def outbox_of(repo: Any) -> Outbox | None:
    return _OUTBOXES.get(repo)


class VisitKeptLocally(Exception):  # noqa: N818 - an outcome, not a failure: the visit is safe
    """The server could not be reached mid-save: nothing was written there, the visit is in the outbox."""

    def __init__(self, entry_id: int, waiting: int) -> None:
        self.entry_id, self.waiting = entry_id, waiting
        super().__init__(
            "The clinic server could not be reached, so this visit was not saved there (nothing was "
            "half-saved). It is kept on this laptop, encrypted, and Medius saves it to the server as soon as "
            "the connection returns." + (f" {waiting} visits are waiting." if waiting > 1 else ""))


@dataclass(frozen=True)
class Delivery:
    """What one delivery of the outbox did: stored visits by entry, conflicts, and what still waits."""

    stored: dict[int, tuple[int, int]]  # entry id -> (assessment id, version)
    conflicts: list[Any]  # VisitConflict: kept on the server as the person's conflict drafts
    waiting: int

    def __str__(self) -> str:
        parts = []
        if self.stored:
            parts.append(f"{len(self.stored)} visit(s) kept on this laptop were saved to the clinic server.")
        if self.conflicts:
            parts.append(f"{len(self.conflicts)} of them had been changed by someone else meanwhile: open them "
                         "to compare the versions (yours is kept as a draft).")
        if self.waiting:
            parts.append(f"{self.waiting} visit(s) still wait for the clinic server.")
        return " ".join(parts)
