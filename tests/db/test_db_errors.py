"""db.errors: every storage failure reaches the clinician as a designed message, never the driver's text.

(Named apart from tests/services/test_errors.py: test modules here share one namespace by file name.)
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path
from typing import Any

import psycopg
import psycopg.errors
import pytest

from db import errors as e


def _coded(code: int, text: str) -> sqlite3.OperationalError:
    """A driver error as sqlite3 raises it, with its (extended) result code."""
    error = sqlite3.OperationalError(text)
    error.sqlite_errorcode = code
    return error


@pytest.mark.parametrize(("code", "kind"), [
    (522, e.StorageIOError),  # SQLITE_IOERR_SHORT_READ = 10 | (2 << 8): its low byte is 10
    (517, e.DatabaseBusyError),  # SQLITE_BUSY_SNAPSHOT = 5 | (2 << 8)
    (1032, e.ReadOnlyStorageError),  # SQLITE_READONLY_DBMOVED = 8 | (4 << 8)
    (13, e.DiskFullError),
    (26, e.DatabaseDamagedError),
])
def test_extended_result_codes_map_by_their_primary_code(code: int, kind: type[e.StorageError]) -> None:
    mapped = e.storage_error_from(_coded(code, "driver words: table clients, page 4711"))
    assert type(mapped) is kind
    assert str(mapped) == kind.default_message and "4711" not in str(mapped)


def test_a_real_driver_error_on_a_file_that_is_no_database_reads_as_damage(tmp_path: Path) -> None:
    path = tmp_path / "medius.sqlite3"
    path.write_bytes(b"this is a letter, not a database" * 64)
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError) as raised:
        conn.execute("SELECT * FROM sqlite_master").fetchall()
    conn.close()
    mapped = e.plain_storage_error(raised.value)
    assert isinstance(mapped, e.DatabaseDamagedError)
    assert str(mapped) == e.DatabaseDamagedError.default_message  # not "file is not a database"


def test_anything_unrecognised_becomes_the_unexpected_message_without_its_text() -> None:
    mapped = e.plain_storage_error(sqlite3.OperationalError("no such column: secret_column"))
    assert type(mapped) is e.UnexpectedStorageError
    assert "secret_column" not in str(mapped) and "log file" in str(mapped)
    # Bytes SQLite could not decode are damage, not a crash.
    undecodable = UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
    assert type(e.storage_error_from(undecodable)) is e.DatabaseDamagedError


@pytest.mark.parametrize(("number", "kind"), [
    (errno.EROFS, e.ReadOnlyStorageError), (errno.EACCES, e.ReadOnlyStorageError),
    (errno.EDQUOT, e.DiskFullError), (errno.ENODEV, e.StorageUnavailableError), (errno.EEXIST, None),
])
def test_os_errors_map_by_errno(number: int, kind: type[e.StorageError] | None) -> None:
    mapped = e.storage_error_from(OSError(number, "whatever the OS said"))
    assert (type(mapped) if mapped else None) is kind


@pytest.mark.parametrize(("error", "kind", "retry"), [
    (psycopg.OperationalError("connection refused"), e.ServerUnreachableError, True),  # no reply at all
    (psycopg.errors.AdminShutdown("terminating connection"), e.ServerUnreachableError, True),  # 57P01
    (psycopg.errors.InsufficientPrivilege("permission denied for table clients"), e.ForbiddenByServerError, False),
])
def test_server_errors_say_what_happened(error: Exception, kind: type[e.StorageError], retry: bool) -> None:
    mapped = e.storage_error_from(error)
    assert type(mapped) is kind and mapped.retry_may_help is retry
    assert "clients" not in str(mapped) and "terminating" not in str(mapped)


@pytest.mark.parametrize(("needed", "shown"), [
    (2_100_000, "2.1 MB"),  # 2 100 000 / 1 000 000 = 2.1
    (500, "1 KB"),  # raised to the 1024-byte floor: round(1.024) = 1
    (1_500, "2 KB"),  # round(1.5) = 2
    (999_499, "999 KB"),  # round(999.499) = 999
    (999_500, "1.0 MB"),  # round(999.5) = 1000 KB reads as 1.0 MB (999 500 / 1 000 000 = 0.9995 -> 1.0)
])
def test_room_needed_in_round_words(needed: int, shown: str) -> None:
    expected = f"Free at least {shown} on the drive holding /media/usb, then try again."
    assert e.room_needed(needed, "/media/usb") == expected
    assert e.room_needed(None) == "" and e.room_needed(0, "/x") == ""


def test_disk_full_names_what_and_the_room_when_known() -> None:
    assert str(e.disk_full()) == e.DiskFullError.default_message
    message = str(e.disk_full(3_000_000, "/data", what="the import"))
    assert message == ("The disk is full, so the import was not saved. Nothing was half-saved. "
                       "Free at least 3.0 MB on the drive holding /data, then try again.")


def test_an_io_error_on_a_nearly_full_disk_is_the_full_disk(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    free: dict[str, int] = {"bytes": 999_999}
    monkeypatch.setattr(shutil, "disk_usage", lambda _folder: usage(10**9, 10**9 - free["bytes"], free["bytes"]))
    io_error: Any = e.StorageIOError()
    assert type(e.refine_for_free_space(io_error, tmp_path)) is e.DiskFullError  # 999 999 < 1 000 000
    free["bytes"] = 1_000_000
    assert e.refine_for_free_space(io_error, tmp_path) is io_error
    busy = e.DatabaseBusyError()
    free["bytes"] = 0
    assert e.refine_for_free_space(busy, tmp_path) is busy  # only I/O and open failures are refined


def test_only_driver_modules_count_as_driver_errors() -> None:
    assert e.is_driver_error(sqlite3.OperationalError("x"))
    assert not e.is_driver_error(ValueError("database is locked"))
