"""Storage failures in plain words, mapped from SQLite's result codes.

The clinician never sees "sqlite3.OperationalError: database or disk is
full". The repository turns each driver error into one of the classes below,
whose message says what happened, that nothing half-written was kept, and
what to do next. The UI keeps the typed form (and its draft) and offers to
try again. Codes follow https://www.sqlite.org/rescode.html; the low byte of
an extended code is its primary code.
"""

from __future__ import annotations

import errno

SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_NOMEM = 7
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

_KEPT = "Nothing was half-saved; in the window, what you typed stays in the form (and its draft)."


class DatabaseError(RuntimeError):
    """A problem with the database the clinician must be told about in plain words."""


class DatabaseTooNewError(DatabaseError):
    """The file was written by a newer Medius; it is left untouched."""


class StorageError(DatabaseError):
    """A save or read failed for a reason outside the app; the message is for the clinician.

    ``retry_may_help`` is true when the same action can succeed later without
    anyone changing anything (another program held the database briefly).
    """

    retry_may_help = False
    default_message = "Medius could not use its database. " + _KEPT

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)


class DiskFullError(StorageError):
    default_message = (
        "The disk is full, so this was not saved. " + _KEPT + " Free some disk space, then save again."
    )


class ReadOnlyStorageError(StorageError):
    default_message = (
        "Medius cannot write to its data folder: it is read-only. " + _KEPT
        + " Check the folder's permissions or the drive, then save again."
    )


READ_ONLY_FOLDER = (
    "Medius's data folder is read-only, so Medius can only read it: nothing was changed. Listing, "
    "summaries, exports and reports to another folder still work. To save, make the folder writable "
    "(check its permissions or the drive) and try again."
)


class DatabaseBusyError(StorageError):
    retry_may_help = True
    default_message = (
        "Another program is using the database, so this was not saved yet. " + _KEPT
        + " Try again in a moment; if it keeps happening, close other copies of Medius or backup tools."
    )


class StorageUnavailableError(StorageError):
    default_message = (
        "Medius cannot reach its database: the data folder is missing or its drive is disconnected. "
        + _KEPT + " Reconnect the drive, then save again."
    )


class StorageIOError(StorageError):
    default_message = (
        "The drive reported a read or write error. " + _KEPT + " Check the drive, then save again."
    )


class DatabaseDamagedError(StorageError):
    default_message = (
        "The database file is damaged or is not a Medius database. Nothing more will be written to it. "
        "Restart Medius to restore the newest good backup."
    )


class NotMediusDatabaseError(DatabaseDamagedError):
    default_message = (
        "The file in Medius's data folder is a database, but not a Medius database. It was left untouched. "
        "Restore the newest good backup, or move the file away and start again."
    )


class DatabaseMissingError(DatabaseDamagedError):
    default_message = (
        "Medius's database file is missing or empty, although backups or the audit record show it held "
        "records. Nothing was created in its place. Restore the newest good backup."
    )


class UnexpectedStorageError(StorageError):
    default_message = (
        "Medius could not use its database for a reason it does not recognise. Nothing was half-saved. "
        "The log file in the data folder has the technical detail for support."
    )


def room_needed(needed_bytes: int | None, where: object = None) -> str:
    """"Free at least 2.1 MB on the drive holding X" (empty when the size is unknown)."""
    if not needed_bytes:
        return ""
    size = max(needed_bytes, 1024)
    kilobytes = max(1, round(size / 1000))
    shown = f"{size / 1_000_000:.1f} MB" if kilobytes >= 1000 else f"{kilobytes} KB"  # never "1000 KB"
    place = f" on the drive holding {where}" if where else ""
    return f"Free at least {shown}{place}, then try again."


def disk_full(needed_bytes: int | None = None, where: object = None, *, what: str = "this") -> DiskFullError:
    """The disk-full error with the room needed, when it is known."""
    room = room_needed(needed_bytes, where)
    if not room:
        return DiskFullError()
    return DiskFullError(f"The disk is full, so {what} was not saved. Nothing was half-saved. {room}")


class ServerUnreachableError(StorageError):
    """The clinic server cannot be reached (network down, server stopped or restarting)."""

    retry_may_help = True
    default_message = (
        "Medius cannot reach the clinic server (the network is down or the server is restarting), "
        "so this was not saved there. " + _KEPT + " Medius reconnects by itself: save again in a moment."
    )


class ForbiddenByServerError(StorageError):
    """The clinic server refused a statement to the signed-in person's database role (SQLSTATE 42501)."""

    default_message = "The clinic server does not allow this for your role; nothing was changed."


# PostgreSQL SQLSTATEs that mean the connection, not the statement, failed:
# class 08 (connection exception) and the server shutting down or starting up.
_SERVER_GONE = ("08", "57P01", "57P02", "57P03")


def _server_gone(original: BaseException) -> bool:
    if not type(original).__module__.startswith("psycopg"):
        return False
    state = getattr(original, "sqlstate", None)
    if state is None:  # no reply at all: refused, timed out, closed under us
        return type(original).__name__ in ("OperationalError", "InterfaceError")
    return str(state).startswith(_SERVER_GONE)


_BY_CODE: dict[int, type[StorageError]] = {
    SQLITE_FULL: DiskFullError,
    SQLITE_READONLY: ReadOnlyStorageError,
    SQLITE_PERM: ReadOnlyStorageError,
    SQLITE_BUSY: DatabaseBusyError,
    SQLITE_LOCKED: DatabaseBusyError,
    SQLITE_CANTOPEN: StorageUnavailableError,
    SQLITE_IOERR: StorageIOError,
    SQLITE_NOMEM: StorageIOError,
    SQLITE_CORRUPT: DatabaseDamagedError,
    SQLITE_NOTADB: DatabaseDamagedError,
}

# Fallback when an error carries no code (injected in tests, older drivers).
_BY_TEXT: tuple[tuple[str, type[StorageError]], ...] = (
    ("disk is full", DiskFullError),
    ("readonly database", ReadOnlyStorageError),
    ("read-only", ReadOnlyStorageError),
    ("database is locked", DatabaseBusyError),
    ("database table is locked", DatabaseBusyError),
    ("unable to open database", StorageUnavailableError),
    ("disk i/o error", StorageIOError),
    ("malformed", DatabaseDamagedError),
    ("file is not a database", DatabaseDamagedError),
    ("not a database", DatabaseDamagedError),
    ("no space left", DiskFullError),
)


_BY_ERRNO: dict[int, type[StorageError]] = {
    errno.ENOSPC: DiskFullError,
    errno.EDQUOT: DiskFullError,
    errno.EROFS: ReadOnlyStorageError,
    errno.EACCES: ReadOnlyStorageError,
    errno.EPERM: ReadOnlyStorageError,
    errno.ENOENT: StorageUnavailableError,
    errno.EIO: StorageIOError,
    errno.ENODEV: StorageUnavailableError,
    errno.ENXIO: StorageUnavailableError,
}


def storage_error_from(error: BaseException) -> StorageError | None:
    """The plain-words error for a driver (or SQLAlchemy-wrapped) error, or None if it is not one.

    Never reads the error's text as anything but a hint: SQLite's messages
    may carry bytes that are not UTF-8 (a damaged schema), which the driver
    turns into ``UnicodeDecodeError``; that is damage, not a crash.
    """
    if isinstance(error, StorageError):
        return error
    if isinstance(error, OSError):
        kind = _BY_ERRNO.get(error.errno or 0)
        return kind() if kind else None
    original = getattr(error, "orig", None) or error
    if isinstance(original, UnicodeDecodeError):
        return DatabaseDamagedError()
    if _server_gone(original):
        return ServerUnreachableError()
    if getattr(original, "sqlstate", None) == "42501":
        return ForbiddenByServerError()
    code = getattr(original, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _BY_CODE:
        return _BY_CODE[code & 0xFF]()
    try:
        text = str(original).lower()
    except Exception:  # noqa: BLE001 - an unprintable driver message
        return DatabaseDamagedError()
    for fragment, kind in _BY_TEXT:
        if fragment in text:
            return kind()
    return None


# Below this much free space, an I/O error is taken to be the full disk: SQLite reports a
# full disk as "disk I/O error" when it cannot grow its shared-memory (-shm) file.
NEARLY_FULL_BYTES = 1_000_000


def refine_for_free_space(error: StorageError, folder: object) -> StorageError:
    """``error``, or DiskFullError when it is an I/O or open failure on a (nearly) full disk."""
    import shutil

    if not isinstance(error, StorageIOError | StorageUnavailableError) or folder is None:
        return error
    try:
        free = shutil.disk_usage(str(folder)).free
    except OSError:
        return error
    return DiskFullError() if free < NEARLY_FULL_BYTES else error


def is_driver_error(error: BaseException) -> bool:
    """True for errors raised by the SQLite drivers or SQLAlchemy (storage, not the app's own logic)."""
    module = type(error).__module__
    return module.startswith(("sqlite3", "sqlcipher3", "sqlalchemy", "_sqlite3"))


def plain_storage_error(error: BaseException) -> StorageError:
    """Always a designed message: the mapped error, else the unexpected-storage one."""
    return storage_error_from(error) or UnexpectedStorageError()
