"""Files the app writes for the clinician: whole or absent, never half written; and Medius's own
files readable by their owner only (``restrict_permissions``).

Exports and reports carry client data out of the app, so they follow one
order of effects (``publish_audited``): the bytes go to a hidden file beside
the target and are flushed to disk; then the audit event is written; only
then is the file renamed into place. If the audit event cannot be written the
hidden file is removed, so no file leaves the app unrecorded, and the message
says so. A full disk is reported as such, with the room needed.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from db.errors import (
    DiskFullError,
    ReadOnlyStorageError,
    StorageError,
    disk_full,
    storage_error_from,
)

if TYPE_CHECKING:
    from desktop.paths import AppPaths

# Room an audit event may need in the database (its WAL pages), beyond the file itself.
AUDIT_ROOM_BYTES = 1_000_000
_FULL = (errno.ENOSPC, errno.EDQUOT)


def write_hidden(path: Path, data: bytes, what: str) -> Path:
    """``data`` in a hidden file beside ``path``, flushed to disk; a full disk says how much room is needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".medius-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno in _FULL:
            raise disk_full(len(data), path.parent, what=what) from None
        raise
    return Path(tmp)


def write_bytes_atomic(path: Path, data: bytes, *, what: str = "the file") -> Path:
    """Write beside the target, fsync, then rename over it (owner-only on POSIX)."""
    tmp = write_hidden(path, data, what)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def publish_audited(path: Path, data: bytes, audit: Callable[[], None], *, what: str = "the file") -> bool:
    """Write ``data`` to ``path`` only once ``audit()`` has recorded it; True when it was recorded.

    A data folder on read-only storage cannot record anything; reading and
    exporting from it still work, so the file is published and False is
    returned for the caller to say that this export is not in the audit trail.
    """
    return publish_all_audited([(path, data)], audit, what=what)


def publish_all_audited(files: list[tuple[Path, bytes]], audit: Callable[[], None], *,
                        what: str = "the files") -> bool:
    """``publish_audited`` for several files that leave together (a CSV export): all or none."""
    hidden: list[tuple[Path, Path]] = []
    audited = True
    try:
        for path, data in files:
            hidden.append((write_hidden(path, data, what), path))
        try:
            audit()
        except ReadOnlyStorageError:
            audited = False
        except DiskFullError:
            size = sum(len(data) for _path, data in files)
            raise disk_full(size + AUDIT_ROOM_BYTES, "the data folder",
                            what=f"{what} (its audit entry could not be recorded, so it was removed)") from None
        except StorageError as exc:
            raise type(exc)(f"{what[:1].upper()}{what[1:]} was not written: its audit entry could not be "
                            f"recorded, so it was removed. {exc}") from None
        for tmp, path in hidden:
            os.replace(tmp, path)
    except BaseException as exc:
        for tmp, _path in hidden:
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            mapped = storage_error_from(exc)
            if mapped is not None:
                raise mapped from None
        raise
    return audited


READ_ONLY_NOT_AUDITED = ("the data folder is read-only, so this could not be recorded in the audit trail; "
                         "record it by hand if your clinic requires it")


def restrict_permissions(paths: AppPaths) -> list[Path]:
    """Make Medius's own folders 0700 and files 0600 on POSIX. Returns what changed.

    Health information: nobody else with an account on the laptop may read
    it. Only Medius's files are touched (a data folder given on the command
    line may hold other things).
    """
    if os.name != "posix" or not paths.data_dir.is_dir():
        return []
    changed: list[Path] = []

    def restrict(path: Path, mode: int) -> None:
        try:
            if not path.is_symlink() and (path.stat().st_mode & 0o777) != mode:
                os.chmod(path, mode)
                changed.append(path)
        except OSError:
            pass

    restrict(paths.data_dir, 0o700)
    for path in paths.data_dir.iterdir():
        if path.is_file() and (path.name.startswith(("medius", ".medius")) or path.name == "security.json"):
            restrict(path, 0o600)
    for folder in (paths.backups, paths.logs):
        if folder.is_dir():
            restrict(folder, 0o700)
            for path in folder.iterdir():
                if path.is_file():
                    restrict(path, 0o600)
    for folder in (paths.exports, paths.norms):
        if folder.is_dir():
            restrict(folder, 0o700)
    return changed
