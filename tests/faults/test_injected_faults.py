"""Disk full and read-only storage by injection at the OS edge, for machines that may not mount.

The mounted versions (a size-limited tmpfs, a read-only bind mount) are in
test_fault_matrix.py; these run everywhere and pin the same answers: the
order of effects for exports and reports, the room needed, logging that
survives, and a data folder that can only be read.
"""

from __future__ import annotations

import errno
import io
import logging
import os
from pathlib import Path

import pytest

from db.errors import DiskFullError
from tests.faults import harness


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> harness.Seed:
    return harness.make_seed(tmp_path_factory.mktemp("seed"))


def _no_hidden_files(folder: Path) -> None:
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("command", ["report", "export"])
def test_a_file_whose_audit_entry_cannot_be_written_is_removed(
        seed: harness.Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    from db.repository import Repository

    folder = harness.copy_seed(seed, tmp_path / "folder")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    before = harness.audit_actions(folder)

    def full(*_args: object, **_kwargs: object) -> None:
        raise DiskFullError()

    monkeypatch.setattr(Repository, "record_event", full)
    args = (["report", "1", "--out", str(out_dir / "r.pdf")] if command == "report"
            else ["export", "--client", "1", "--out", str(out_dir / "e.json")])
    result = harness.run(folder, *args)

    assert result.code == 1
    assert "disk is full" in result.err and "audit entry could not be recorded, so it was removed" in result.err
    assert "Free at least" in result.err
    assert not list(out_dir.iterdir())  # neither the file nor its hidden draft
    assert harness.audit_actions(folder) == before
    for marker in harness.RAW_MARKERS:
        assert marker not in result.text


def test_enospc_while_writing_a_report_says_the_room_needed(
        seed: harness.Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.services.files as files

    folder = harness.copy_seed(seed, tmp_path / "folder")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    before = harness.audit_actions(folder)

    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", no_space)
    result = harness.run(folder, "report", "1", "--out", str(out_dir / "r.pdf"))

    assert result.code == 1
    assert "The disk is full, so the report was not saved" in result.err and "KB" in result.err
    assert "damage" not in result.text.lower() and "restore" not in result.text.lower()
    _no_hidden_files(out_dir)
    assert not (out_dir / "r.pdf").exists()
    assert harness.audit_actions(folder) == before  # nothing recorded for a file that does not exist


def test_logging_survives_a_full_disk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.logging_setup import PrivateRotatingFileHandler, RedactingFormatter

    handler = PrivateRotatingFileHandler(tmp_path / "medius.log", maxBytes=1_000_000, backupCount=1,
                                         encoding="utf-8")
    handler.setFormatter(RedactingFormatter("%(levelname)s %(message)s"))

    class FullStream(io.StringIO):
        def write(self, _text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    disk = {"full": True}
    real_open = handler._open
    handler._open = lambda: FullStream() if disk["full"] else real_open()  # type: ignore[method-assign]
    handler.stream = FullStream()
    logger = logging.getLogger("medius.test.full")
    logger.addHandler(handler)
    try:
        logger.warning("first line on a full disk")
        logger.warning("second line on a full disk")
        assert handler.dropped == 2
        disk["full"] = False
        logger.warning("room again")  # the stream is reopened on the real file
    finally:
        logger.removeHandler(handler)
        handler.close()
    captured = capsys.readouterr()
    assert "Logging error" not in captured.err and "Traceback" not in captured.err
    text = (tmp_path / "medius.log").read_text(encoding="utf-8")
    assert "2 log line(s) could not be written earlier" in text and "room again" in text


def test_an_unwritable_folder_is_opened_read_only(
        seed: harness.Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.access says the folder cannot be written (as on a read-only mount): reads work, writes refuse."""
    import db.files

    folder = harness.copy_seed(seed, tmp_path / "folder")
    real_access = os.access
    monkeypatch.setattr(db.files, "folder_writable", lambda path: Path(path) != folder)
    monkeypatch.setattr(os, "access", lambda path, mode, *a, **k: (
        False if mode == os.W_OK and str(path).startswith(str(folder)) else real_access(path, mode, *a, **k)))
    outside = tmp_path / "outside"
    outside.mkdir()
    before = harness.database(folder).read_bytes()

    for args in (["list"], ["summary", "1"], ["check"],
                 ["export", "--client", "1", "--out", str(outside / "e.json")],
                 ["report", "1", "--out", str(outside / "r.pdf")]):
        result = harness.run(folder, *args)
        assert result.code == 0, (args, result.text)
    assert (outside / "e.json").is_file() and (outside / "r.pdf").is_file()
    source = harness.write_json(tmp_path / "in.json", harness.exchange_document(external_id="I1"))
    for args in (["import", str(source)], ["demo"], ["restore", str(seed.backup)]):
        result = harness.run(folder, *args)
        assert result.code == 1 and "read-only" in result.err, (args, result.text)
    assert harness.database(folder).read_bytes() == before


def test_an_io_error_on_a_nearly_full_disk_is_the_full_disk_not_damage(
        seed: harness.Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite says "disk I/O error" when a full disk stops it growing its -shm file."""
    import shutil
    import sqlite3
    from collections import namedtuple

    import desktop.services.startup as startup

    folder = harness.copy_seed(seed, tmp_path / "folder")
    usage = namedtuple("usage", "total used free")

    def io_error(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(startup, "connect_file", io_error)
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: usage(10**9, 10**9 - 16384, 16384))
    result = harness.run(folder, "list")

    assert result.code == 1
    assert "The disk is full" in result.err
    assert "damage" not in result.text.lower() and "restore" not in result.text.lower()
    for marker in harness.RAW_MARKERS:
        assert marker not in result.text
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: usage(10**9, 10**8, 9 * 10**8))
    roomy = harness.run(folder, "list")
    assert roomy.code == 1 and "read or write error" in roomy.err  # plenty of room: the drive itself failed
