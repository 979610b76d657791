"""Report test fixtures."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop.report.data import ReportData


@pytest.fixture
def render() -> Callable[..., bytes]:
    from desktop.report.renderer import render_report

    def _render(data: ReportData) -> bytes:
        return render_report(data, invariant=True)

    return _render
