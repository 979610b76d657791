"""services.files: files for the clinician appear whole, and only once their audit event is recorded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from db.errors import DiskFullError, ReadOnlyStorageError, StorageError
from desktop.services.files import publish_audited, write_bytes_atomic


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_an_atomic_write_replaces_the_target_owner_only_and_leaves_no_hidden_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "letter.pdf"
    write_bytes_atomic(target, b"old")
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new" and _names(target.parent) == ["letter.pdf"]
    assert os.stat(target).st_mode & 0o777 == 0o600


def test_the_file_appears_only_after_its_audit_event(tmp_path: Path) -> None:
    target = tmp_path / "letter.pdf"
    seen: list[list[str]] = []
    assert publish_audited(target, b"%PDF", lambda: seen.append(_names(tmp_path))) is True
    assert len(seen[0]) == 1 and seen[0][0].startswith(".medius-")  # only the hidden file while auditing
    assert _names(tmp_path) == ["letter.pdf"]


def test_a_read_only_data_folder_still_publishes_and_says_it_was_not_audited(tmp_path: Path) -> None:
    def refused() -> None:
        raise ReadOnlyStorageError()

    assert publish_audited(tmp_path / "letter.pdf", b"%PDF", refused) is False
    assert _names(tmp_path) == ["letter.pdf"]


def test_a_full_disk_at_the_audit_removes_the_file_and_names_the_room(tmp_path: Path) -> None:
    def full() -> None:
        raise DiskFullError()

    with pytest.raises(DiskFullError) as raised:
        publish_audited(tmp_path / "letter.pdf", b"x" * 500_000, full, what="the report")
    # 500 000 bytes of letter + 1 000 000 for the audit event = 1.5 MB.
    assert "Free at least 1.5 MB on the drive holding the data folder" in str(raised.value)
    assert "the report (its audit entry could not be recorded, so it was removed)" in str(raised.value)
    assert _names(tmp_path) == []


def test_any_other_audit_failure_keeps_its_words_and_withholds_the_file(tmp_path: Path) -> None:
    def broken() -> None:
        raise StorageError("The drive reported a read or write error.")

    with pytest.raises(StorageError) as raised:
        publish_audited(tmp_path / "letter.pdf", b"%PDF", broken, what="the report")
    assert str(raised.value) == ("The report was not written: its audit entry could not be recorded, so it was "
                                 "removed. The drive reported a read or write error.")

    def bug() -> None:
        raise KeyError("audit")

    with pytest.raises(KeyError):
        publish_audited(tmp_path / "letter.pdf", b"%PDF", bug)
    assert _names(tmp_path) == []
