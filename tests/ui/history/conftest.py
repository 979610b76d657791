"""Fixtures for the history views."""

from __future__ import annotations

import pytest

from desktop.ui.history.binding_guard import guard_singleton_refcounts


@pytest.fixture(scope="session", autouse=True)
def _binding_guard() -> None:
    """PySide6 6.12 on CPython 3.11 leaks references to None/True (see binding_guard)."""
    guard_singleton_refcounts()
