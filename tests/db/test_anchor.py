"""db.anchor: the audit chain's head kept beside the database, sealed, whole or absent."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from db.anchor import Anchor, AnchorUnreadableError, anchor_path, compare_head, read_anchor, write_anchor

KEY = "11" * 32


def test_the_head_round_trips_in_a_private_file_beside_the_database(tmp_path: Path) -> None:
    database = tmp_path / "medius.sqlite3"
    written = write_anchor(database, (12, "ab" * 32))
    path = anchor_path(database)
    assert path == tmp_path / "medius.sqlite3.audit-anchor"
    assert read_anchor(database) == written == Anchor(12, "ab" * 32, None, written.written_at)
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no partial file left behind
    assert read_anchor(tmp_path / "other.sqlite3") is None


def test_a_plain_anchor_is_sealed_with_the_sha256_of_its_sorted_body(tmp_path: Path) -> None:
    database = tmp_path / "medius.sqlite3"
    write_anchor(database, (3, "cd" * 32))
    data = json.loads(anchor_path(database).read_text(encoding="utf-8"))
    seal = data.pop("seal")
    body = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")
    assert seal == "sha256:" + hashlib.sha256(body).hexdigest()


def test_a_hand_edited_or_garbled_anchor_is_unreadable(tmp_path: Path) -> None:
    database = tmp_path / "medius.sqlite3"
    write_anchor(database, (3, "cd" * 32))
    path = anchor_path(database)
    path.write_text(path.read_text(encoding="utf-8").replace('"head_id": 3', '"head_id": 2'), encoding="utf-8")
    with pytest.raises(AnchorUnreadableError, match="seal does not match"):
        read_anchor(database)
    path.write_bytes(b"\x00{not json")
    with pytest.raises(AnchorUnreadableError, match="garbled"):
        read_anchor(database)
    # Writing again over the unreadable one starts afresh.
    assert write_anchor(database, (4, "ef" * 32)).head_id == 4 and read_anchor(database) is not None


def test_an_encrypted_database_seals_with_its_key(tmp_path: Path) -> None:
    database = tmp_path / "medius.sqlite3"
    write_anchor(database, (5, "aa" * 32), KEY)
    assert json.loads(anchor_path(database).read_text(encoding="utf-8"))["seal"].startswith("hmac-sha256:")
    assert read_anchor(database, KEY) is not None
    for other in (None, "22" * 32):  # without the key, or with another, it cannot be read (or forged)
        with pytest.raises(AnchorUnreadableError):
            read_anchor(database, other)


def test_the_restore_mark_stays_until_the_next_restore(tmp_path: Path) -> None:
    database = tmp_path / "medius.sqlite3"
    assert write_anchor(database, (1, "aa" * 32)).restored_at is None
    restored = write_anchor(database, (1, "aa" * 32), restored=True).restored_at
    assert restored is not None
    assert write_anchor(database, (2, "bb" * 32)).restored_at == restored
    assert write_anchor(database, None) == Anchor(0, "", restored, read_anchor(database).written_at)  # type: ignore[union-attr]


def test_compare_head_says_how_the_chain_misses_the_recorded_head() -> None:
    hashes = {1: "h1", 2: "h2", 3: "h3"}
    assert compare_head((3, "h3"), (3, "h3"), hashes.get, "audit anchor") is None
    assert compare_head((2, "h2"), (3, "h3"), hashes.get, "audit anchor") is None  # the chain went on
    assert compare_head((0, ""), None, hashes.get, "audit anchor") is None  # nothing was recorded
    assert "holds none: the trail was deleted" in str(compare_head((3, "h3"), None, hashes.get, "audit anchor"))
    assert "ends at event 2: the newest events were removed" in str(
        compare_head((3, "h3"), (2, "h2"), hashes.get, "audit anchor"))
    assert "event 3, recorded by the backup b1, is missing" in str(
        compare_head((3, "h3"), (4, "h4"), {4: "h4"}.get, "backup b1"))
    assert "hashes recomputed" in str(compare_head((3, "h3"), (3, "other"), {3: "other"}.get, "audit anchor"))
