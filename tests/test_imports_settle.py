"""The collector pauses for a large import and resumes exactly as it was."""

from __future__ import annotations

import gc

import pytest

from desktop.imports import collector_paused


def test_collector_is_off_inside_and_back_on_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collector_resumes_after_a_failure_and_stays_off_when_it_was_off() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("import failed")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_pyside_source_scan_is_skipped_inside_and_restored_after() -> None:
    import json

    import PySide6.QtCore  # noqa: F401 - installs the import hook
    import shibokensupport.feature as feature  # type: ignore[import-not-found]

    from desktop.imports import pyside_source_scan_skipped
    from desktop.ui import worker  # its source names PySide6

    original = feature._mod_uses_pyside
    assert original(worker)
    with pyside_source_scan_skipped():
        assert not feature._mod_uses_pyside(worker)
        assert not feature._mod_uses_pyside(json)
    assert feature._mod_uses_pyside is original


def test_overlapping_skips_on_two_threads_restore_the_hook_when_the_last_ends() -> None:
    """Start-up's window and a storage opening on another thread may overlap and end in either order."""
    import threading

    import PySide6.QtCore  # noqa: F401 - installs the import hook
    import shibokensupport.feature as feature  # type: ignore[import-not-found]

    from desktop.imports import pyside_source_scan_skipped
    from desktop.ui import worker  # its source names PySide6

    original = feature._mod_uses_pyside
    began, may_end = threading.Event(), threading.Event()

    def other_thread() -> None:
        with pyside_source_scan_skipped():
            began.set()
            may_end.wait(10)

    thread = threading.Thread(target=other_thread)
    thread.start()
    assert began.wait(10)
    with pyside_source_scan_skipped():  # begun after the other thread's skip, ended after it
        may_end.set()
        thread.join(10)
        assert not feature._mod_uses_pyside(worker)  # this skip still runs
    assert feature._mod_uses_pyside is original
    assert feature._mod_uses_pyside(worker)
