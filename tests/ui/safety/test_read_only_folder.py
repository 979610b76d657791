"""A read-only data folder stops the start with plain words on what is wrong and how to fix it.

File permissions mean nothing to root, so the operating system's answer is
what is replaced here: creating or changing a file in the data folder fails
as it does on a read-only drive (EROFS) or a folder the account may not
change (EACCES). Everything else is the real start-up.
"""

from __future__ import annotations

import argparse
import errno
import os
from pathlib import Path
from typing import Any

import pytest

from desktop.app import run_gui
from desktop.paths import AppPaths
from tests.fixtures.records import filled_repository
from tests.ui.safety.conftest import Prompts

STRERROR = {errno.EROFS: "Read-only file system", errno.EACCES: "Permission denied"}


def refuse_writes_in(folder: Path, code: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The OS edge: every write into ``folder`` fails with ``code``, and asking whether it may be
    written says no, as on a read-only drive (SQLite then opens the file immutable, creating no
    -wal or -shm beside it); reading still works."""
    real_open, real_chmod, real_access = os.open, os.chmod, os.access
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND

    def inside(path: Any) -> bool:
        return Path(path).resolve().is_relative_to(folder.resolve())

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & writing and inside(path):
            raise OSError(code, STRERROR[code], str(path))
        return real_open(path, flags, *args, **kwargs)

    def chmod(path: Any, mode: int, *args: Any, **kwargs: Any) -> None:
        if code == errno.EROFS and inside(path):
            raise OSError(code, STRERROR[code], str(path))
        real_chmod(path, mode, *args, **kwargs)

    def access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        if mode & os.W_OK and inside(path):
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "chmod", chmod)
    monkeypatch.setattr(os, "access", access)


@pytest.mark.parametrize(("code", "why"), [
    (errno.EROFS, "The drive or share it is on is read-only."),
    (errno.EACCES, "Your account may read this folder but not change it."),
])
def test_a_read_only_data_folder_is_explained_and_left_untouched(
        paths: AppPaths, asked: Prompts, monkeypatch: pytest.MonkeyPatch, code: int, why: str) -> None:
    filled_repository(paths).engine.dispose()
    before = {path: path.read_bytes() for path in paths.data_dir.rglob("*") if path.is_file()}
    refuse_writes_in(paths.data_dir, code, monkeypatch)
    args = argparse.Namespace(data_dir=str(paths.data_dir), database_url=None, exit_after_startup=True,
                              command=None)

    assert run_gui(args) == 1

    monkeypatch.undo()
    [message] = asked.texts("warn")
    assert message.startswith(f"Medius cannot save in its data folder:\n  {paths.data_dir}\n\n{why}")
    assert "write-protect switch" in message and "medius --data-dir FOLDER" in message
    assert "medius list" in message  # what still works
    assert STRERROR[code] not in message and "Errno" not in message  # no raw system text
    assert asked.texts("inform") == []  # not mistaken for "already open"
    after = {path: path.read_bytes() for path in paths.data_dir.rglob("*") if path.is_file()}
    assert after == before


def test_a_writable_folder_has_no_write_problem(paths: AppPaths) -> None:
    filled_repository(paths)
    assert paths.write_problem() is None
    assert sorted(p.name for p in paths.data_dir.iterdir() if p.name.startswith(".medius-write-check")) == []
