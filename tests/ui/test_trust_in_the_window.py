"""The window shows what the letter will say: provisional strength in amber with its reason,
an incomplete visit labelled in the visit list, export blocked until screening is done."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from desktop.clinical import model as m
from desktop.clinical.results import compute_results
from desktop.ui.widgets import accent

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "clinical"))
from engine_examples import CLIENT, design_assessment, with_hip  # noqa: E402


def test_provisional_asymmetry_is_amber_with_its_reason(qtbot: Any) -> None:
    from desktop.ui.assessment.strength import HipPage

    page = HipPage()
    qtbot.addWidget(page)
    # Right trials 120, 118, 165 N: CV 19.8% -> provisional (Thorborg 2010 retest threshold 10%).
    outlier = with_hip(design_assessment(), right=m.HhdSide((120.0, 118.0, 165.0), 80.0))
    page.set_results(compute_results(CLIENT, outlier), {})
    assert "Provisional: the right trials varied by 20% (more than 10%)" in page.lsi.text()
    assert accent(page.lsi, "caution").name() in page.lsi.styleSheet()
    page.set_results(compute_results(CLIENT, design_assessment()), {})
    assert "Provisional" not in page.lsi.text()
    assert accent(page.lsi, "caution").name() not in page.lsi.styleSheet()


def test_incomplete_visit_is_labelled_in_the_visit_list(qtbot: Any) -> None:
    from desktop.ui.client_page import VisitTableModel

    model = VisitTableModel()
    partial = replace(design_assessment(), trendelenburg_left=None)
    full = replace(design_assessment(), performed_on=date(2026, 11, 13))
    model.set_visits([(1, partial, compute_results(CLIENT, partial)), (2, full, compute_results(CLIENT, full))])
    # Newest first: the complete visit, then the incomplete one.
    assert model.text(0, 0) == "2026-11-13"
    assert model.text(1, 0) == "2026-10-02 (incomplete)"


def test_export_is_blocked_until_screening_is_done(qtbot: Any) -> None:
    from desktop.ui.assessment.export import ExportPage

    page = ExportPage()
    qtbot.addWidget(page)
    page.show()
    page.set_results(compute_results(CLIENT, replace(design_assessment(), red_flags=None)), {})
    assert page.blocker.isVisible() and "screening was not done" in page.blocker.text()
    assert not page.export_button.isEnabled()
    page.set_results(compute_results(CLIENT, design_assessment()), {})
    assert not page.blocker.isVisible()


def test_urgent_letter_exported_late_is_flagged_on_the_export_step(qtbot: Any) -> None:
    from datetime import timedelta

    from desktop.ui.assessment.export import ExportPage

    page = ExportPage()
    qtbot.addWidget(page)
    # Assessed three days ago with a cauda-equina flag: today - (today - 3 days) = 3 days late.
    urgent = replace(design_assessment(), red_flags=("ces_bladder",), performed_on=date.today() - timedelta(days=3))
    page.set_results(compute_results(CLIENT, urgent), {"assessment": urgent})
    assert "It is printed 3 days after the assessment and says so in red" in page.kind.text()
    today = replace(urgent, performed_on=date.today())
    page.set_results(compute_results(CLIENT, today), {"assessment": today})
    assert "after the assessment" not in page.kind.text()
