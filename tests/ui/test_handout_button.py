"""The client handout button beside the letter export: written off the GUI thread, large print on request."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from desktop.clinical import model as m


def test_handout_button_writes_the_large_print_handout(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    client_id, _ = medius_repo.add_client(
        m.Client("Zoë", "Ñúñez", date(1980, 1, 2)),
        [m.Assessment(performed_on=date(2026, 10, 2), body_mass_kg=60.0, pain_nprs=4, red_flags=(),
                      trendelenburg_left=m.TrendelenburgSide(hold_s=30),
                      trendelenburg_right=m.TrendelenburgSide(hold_s=8))],
    )
    window = make_window()
    (assessment_id, _a), = medius_repo.list_assessments(client_id)
    editor = window.open_assessment(assessment_id)
    editor.go_to_step(7)
    export = editor.page("export")
    qtbot.waitUntil(lambda: export.handout_button.isEnabled(), timeout=20000)
    export.large_print.setChecked(True)
    export.handout_button.click()
    qtbot.waitUntil(lambda: export.path is not None or "could not" in export.status.text(), timeout=60000)
    pdf = Path(export.path)
    assert pdf.parent == Path(window.paths.exports)
    assert pdf.name == f"medius-handout-{assessment_id}-2026-10-02-large-print.pdf"
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages).split())
    assert "Your home exercise plan" in text and "Ñúñez" in text and "Trendelenburg" not in text


def test_handout_of_a_new_visit_saves_the_visit_first(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    from tests.ui.helpers import create_client, fill_visit, type_into, wait_for_storage

    window = make_window()
    client_id = create_client(qtbot, window, "Rosa", "Rossi", "1966-02-03")
    editor = window.open_assessment_for(client_id)
    wait_for_storage(qtbot)
    fill_visit(qtbot, editor)
    editor.go_to_step(1)
    editor.page("screening").reviewed.click()
    editor.go_to_step(2)
    type_into(qtbot, editor.page("pain").nprs, "4")
    editor.go_to_step(3)
    tb = editor.page("trendelenburg")
    type_into(qtbot, tb.hold, "30")
    tb.right_button.click()
    type_into(qtbot, tb.hold, "12")
    editor.go_to_step(7)
    export = editor.page("export")
    qtbot.waitUntil(lambda: export.handout_button.isEnabled(), timeout=20000)
    export.handout_button.click()  # not saved yet: no visit id until the save is done
    qtbot.waitUntil(lambda: export.path is not None or "could not" in export.status.text(), timeout=60000)
    (assessment_id, _stored), = medius_repo.list_assessments(client_id)
    assert editor.assessment_id == assessment_id and not editor.dirty
    assert Path(export.path).name.startswith(f"medius-handout-{assessment_id}-")
