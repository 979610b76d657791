"""Logging to a rotating, owner-only file in the data folder; nothing identifying a client.

Log calls carry ids, counts and error types, never names, birth dates or
emails. As a safety net the formatter also scrubs what would identify a
person if a message or traceback ever carried it: e-mail addresses, dates
written as YYYY-MM-DD or DD/MM/YYYY, and SQL parameter lists (the engine
hides those too). Timestamps of the log lines themselves are kept.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path
from typing import Any

LOG_FILE = "medius.log"
_OURS = "_medius_handler"

_PATTERNS = (
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "<email>"),
    (re.compile(r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b"), "<date>"),
    (re.compile(r"\b[0-3]?\d[/.][01]?\d[/.](?:19|20)\d\d\b"), "<date>"),
    (re.compile(r"\[parameters: .*?\](?=\n|$|\s\()", re.DOTALL), "[parameters: <hidden>]"),
)


def redact(text: str) -> str:
    """``text`` with e-mail addresses, calendar dates and SQL parameters replaced by placeholders."""
    for pattern, placeholder in _PATTERNS:
        text = pattern.sub(placeholder, text)
    return text


class RedactingFormatter(logging.Formatter):
    """Scrubs the message, traceback and stack text; leaves the line's own timestamp alone."""

    def format(self, record: logging.LogRecord) -> str:
        cached = record.exc_text  # another handler may have cached an unscrubbed traceback
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging API
        record.message = redact(record.message)
        return super().formatMessage(record)

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging API
        return redact(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - logging API
        return redact(super().formatStack(stack_info))


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Creates the log and every rotated file owner-only (0600) on POSIX.

    A log line that cannot be written (a full disk, a read-only or vanished
    folder) is dropped quietly: logging must never print "--- Logging error
    ---" with a traceback on the clinician's screen, nor stop the app. The
    number of lines lost is counted and said in the next line that gets through.
    """

    dropped = 0

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging API
        self.dropped += 1
        try:
            if self.stream is not None:
                self.stream.close()
        except OSError:
            pass
        self.stream = None  # reopened by the next emit, once there is room again

    def emit(self, record: logging.LogRecord) -> None:
        if self.dropped:
            lost, self.dropped = self.dropped, 0
            note = logging.LogRecord(record.name, logging.WARNING, __file__, 0,
                                     "%d log line(s) could not be written earlier (disk full or read-only)",
                                     (lost,), None)
            super().emit(note)
            if self.dropped:  # still failing: keep counting, including this one
                self.dropped += lost
                return
        super().emit(record)

    def _open(self) -> Any:
        if os.name == "posix" and not os.path.exists(self.baseFilename):
            os.close(os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        stream = super()._open()
        if os.name == "posix":
            os.chmod(self.baseFilename, 0o600)
        return stream


def setup_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send log records to ``log_dir/medius.log``; calling again moves the log, never doubles it.

    Raises OSError when the folder cannot be made or the log opened (callers
    then log nowhere); a full disk later on only drops lines.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        try:
            os.chmod(log_dir, 0o700)
        except OSError:
            pass  # a read-only folder: the open below decides
    path = log_dir / LOG_FILE
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(old)
        old.close()
    handler = PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    setattr(handler, _OURS, True)
    root.setLevel(level)
    root.addHandler(handler)
    return path
