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
