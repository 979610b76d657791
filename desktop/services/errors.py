"""Errors the window shows to the clinician, and the one rule for turning any error into words.

Our own errors carry messages written for people (what happened, what to do).
Anything else (a library's exception, an unexpected bug) never reaches the
screen as its own text: it becomes a plain sentence, and its type goes to the
log.
"""

from __future__ import annotations

import functools
import logging

from db.errors import DatabaseError, StorageError
from db.records import ConflictError, NotFoundError

__all__ = ["DatabaseError", "StorageError", "plain_message"]

log = logging.getLogger(__name__)

UNEXPECTED = ("Medius stopped on an unexpected problem; nothing was lost. "
              "The log file in the data folder says where, for support.")


@functools.cache
def _written_for_people() -> tuple[type[BaseException], ...]:
    """Our error types (imported on first use: this module loads with the window)."""
    from desktop.clinical.exercises import LibraryError
    from desktop.clinical.norms import NormTableError
    from desktop.clinical.pelvic_drop import LandmarkError
    from desktop.clinical.validation import ValidationError
    from desktop.devices.base import DeviceError
    from desktop.devices.csv_file import ForceFileError
    from desktop.services.accounts import AccessDenied
    from desktop.services.backup import BackupError
    from desktop.services.exchange import ExchangeError
    from desktop.services.outbox import WrongPreviousPassword
    from desktop.services.outcome_report import OutcomeRangeError
    from desktop.services.photos import PhotoError
    from desktop.services.reports import MissingGlyphsError, ReportNotAllowedError
    from desktop.services.server_backup import ServerBackupError

    return (DatabaseError, ConflictError, NotFoundError, LibraryError, NormTableError, LandmarkError,
            ValidationError, DeviceError, ForceFileError, AccessDenied, BackupError, ExchangeError,
            OutcomeRangeError, PhotoError, MissingGlyphsError, ReportNotAllowedError, ServerBackupError,
            WrongPreviousPassword)


def plain_message(error: BaseException) -> str:
    """What to tell the clinician about ``error``: our own message, a file problem in plain
    words, or a sentence that points to the log (the error's own text is never shown)."""
    if isinstance(error, _written_for_people()):
        return str(error)
    if isinstance(error, OSError) and error.filename:
        return f"A file could not be read or written ({error.filename}): {error.strerror or 'system error'}."
    if isinstance(error, OSError) and error.strerror:
        # No file named: a connection, a device or a port the system refused (serial errors are OSErrors too).
        return f"The computer refused the request: {error.strerror}."
    log.error("shown as unexpected: %s", type(error).__name__)
    return UNEXPECTED
