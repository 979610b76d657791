"""The summary step as a structured view: sections, both sides side by side, flags in colour, names not ids."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from desktop.services.demo import demo_records
from tests.ui.helpers import (
    settle,
    wait_for_storage,  # noqa: E402
)


def _texts(widget: Any) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def test_summary_shows_sections_sides_colours_and_exercise_names(qtbot: Any, make_window: Any,
                                                                 medius_repo: Any) -> None:
    client, visits = demo_records()[0]  # first visit: dynamometer, marked asymmetry, a program
    _client_id, ids = medius_repo.add_client(client, visits)
    window = make_window()
    editor = window.open_assessment(ids[0])
    wait_for_storage(qtbot)
    editor.go_to_step(5)
    settle(qtbot, editor)
    view = editor.page("summary").findings
    qtbot.waitUntil(lambda: "program" in view.sections, timeout=5000)
    assert list(view.sections) == ["screening", "trendelenburg", "hip_abduction", "outcomes", "weak_sides",
                                   "program"] or list(view.sections)[:5] == [
        "screening", "trendelenburg", "hip_abduction", "outcomes", "weak_sides"]
    hip = _texts(view.sections["hip_abduction"])
    assert "Left" in hip and "Right" in hip and any(t.endswith(" N") for t in hip)
    program = " ".join(_texts(view.sections["program"]))
    assert editor.results is not None
    results = editor.results.to_json()
    for item in results["program"]["exercises"]:
        assert item["id"] not in program  # no internal ids shown
    assert "Starts at stage" in program
    pictures = [label for label in view.sections["program"].findChildren(QLabel) if label.pixmap() and
                not label.pixmap().isNull()]
    assert len(pictures) == len(results["program"]["exercises"])
    weak = view.sections["weak_sides"].findChildren(QLabel)[0]
    if results["weak_sides"]:
        assert weak.text().startswith("Weak:") and "color:" in weak.styleSheet()


def test_steps_not_done_read_not_assessed_never_normal(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    from tests.ui.helpers import create_client

    window = make_window()
    editor = window.open_assessment_for(create_client(qtbot, window, "Ana", "Nguyen", "1971-03-14"))
    wait_for_storage(qtbot)
    editor.go_to_step(2)
    from tests.ui.helpers import type_into

    type_into(qtbot, editor.page("pain").nprs, "4")
    editor.go_to_step(5)
    settle(qtbot, editor)
    view = editor.page("summary").findings
    qtbot.waitUntil(lambda: "weak_sides" in view.sections, timeout=5000)
    assert "Not assessed" in _texts(view.sections["trendelenburg"])
    assert "Not assessed" in _texts(view.sections["hip_abduction"])
    weak = " ".join(_texts(view.sections["weak_sides"]))
    assert weak.startswith("Not assessed") and "No weak side" not in weak
    outcomes = _texts(view.sections["outcomes"])
    assert "4/10" in outcomes and "Not assessed" in outcomes  # ODI and PSFS left blank
