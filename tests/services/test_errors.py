"""services.errors.plain_message: our messages as written, file problems in plain words, nothing else's text."""

from __future__ import annotations

import errno
import logging
import sqlite3

import pytest

from db.errors import DiskFullError
from db.records import ConflictError, NotFoundError
from desktop.clinical.validation import Problem, ValidationError
from desktop.services.accounts import AccessDenied
from desktop.services.errors import UNEXPECTED, plain_message
from desktop.services.reports import ReportNotAllowedError


@pytest.mark.parametrize("error", [
    DiskFullError(),
    ConflictError("assessment", 9, 1, 2, "maria"),
    NotFoundError("no client with id 7"),
    ValidationError([Problem("pain_nprs", "must be 0 to 10")]),
    AccessDenied("tom (reception) may not export"),
    ReportNotAllowedError("red flags are recorded but not acknowledged"),
])
def test_our_own_messages_pass_through_as_written(error: BaseException) -> None:
    assert plain_message(error) == str(error)


def test_a_file_problem_says_which_file_and_what_the_system_said() -> None:
    error = PermissionError(errno.EACCES, "Permission denied", "/media/usb/letter.pdf")
    assert plain_message(error) == "A file could not be read or written (/media/usb/letter.pdf): Permission denied."
    # Without a file name it is not called a file problem: a refused connection or port reads as such,
    # and an OSError with no words at all is an unexpected problem like any other.
    refused = ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")
    assert plain_message(refused) == "The computer refused the request: Connection refused."
    assert plain_message(OSError("bare")) == UNEXPECTED


@pytest.mark.parametrize("error", [
    KeyError("Ana Nguyễn"),
    ValueError("could not convert 'Zoë Ñúñez' to float"),
    sqlite3.OperationalError("no such column: given_name"),  # a driver error that was never mapped
    RuntimeError(),
])
def test_anything_else_never_shows_its_own_text(error: BaseException, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="desktop.services.errors"):
        assert plain_message(error) == UNEXPECTED
    assert caplog.messages == [f"shown as unexpected: {type(error).__name__}"]  # the type only, for support
