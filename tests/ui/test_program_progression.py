"""At a re-assessment the program step proposes advance / hold / step back; the clinician applies it."""

from __future__ import annotations

import dataclasses
from typing import Any

from desktop.clinical import model as m
from tests.ui.helpers import settle, type_into, wait_for_storage


def test_reassessment_offers_progression_of_the_last_program(qtbot: Any, make_window: Any,
                                                             medius_repo: Any) -> None:
    from desktop.services.demo import add_demo_clients

    add_demo_clients(medius_repo)
    ana = next(c for c in medius_repo.list_clients("MED-0001"))
    (last_id, last), *_ = reversed(medius_repo.list_assessments(ana.id))
    confirmed = m.Program((m.ProgramItem("foam_roll_glute_med", 0, sets=2, hold_s=60, side="both"),
                           m.ProgramItem("clamshell", 1, sets=2, reps=12, side="right")))
    medius_repo.update_assessment(last_id, dataclasses.replace(last, program=confirmed))

    window = make_window()
    page = window.open_client(ana.id)
    wait_for_storage(qtbot)
    page.reassess_button.click()
    wait_for_storage(qtbot)
    editor = window.editor
    type_into(qtbot, editor.page("pain").nprs, "2")
    tb = editor.page("trendelenburg")
    editor.go_to_step(3)
    type_into(qtbot, tb.hold, "30")
    tb.right_button.click()
    type_into(qtbot, tb.hold, "30")
    hip = editor.page("hip")
    editor.go_to_step(4)
    for side, values in (("left", ("160", "158", "161")), ("right", ("156", "155", "157"))):
        for edit, value in zip(hip.sides[side].trial_edits, values, strict=False):
            type_into(qtbot, edit, value)
    settle(qtbot, editor)
    editor.go_to_step(6)
    program = editor.page("program")
    assert program.progression_text.isVisibleTo(program)
    text = program.progression_text.text()
    assert "Advance" in text and "Clamshell" in text and "Hold" in text

    program.apply_progression_button.click()
    ids = [row["id"] for row in program.model.rows]
    assert ids[0] == "foam_roll_glute_med" and ids[1] != "clamshell"
    assert program.dump()["items"][1]["side"] == "right"
