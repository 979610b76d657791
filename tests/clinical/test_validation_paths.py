"""Each check names the offending field by its full JSON path, and text checks refuse exactly the
characters they list (a valid value passes one quick search)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop.clinical import model as m
from desktop.clinical.validation import Problem, text_problem, validate_assessment
from tests.fixtures.records import assessment


def test_paths_of_nested_problems() -> None:
    bad = replace(
        assessment(1),
        odi_item_scores=(0, 1, 2, 6, None, 0, 0, 0, 0, 0),
        psfs=(m.PsfsItem("Stairs", 4), m.PsfsItem("Line\nbreak", 11)),
        trendelenburg_right=m.TrendelenburgSide(hold_s=12, pain_nprs=11, trunk_lean="slight"),
        hip_abduction=m.HipAbduction(method="hhd", unit="N", left=m.HhdSide((150.0, -1.0), 200.0)),
        program=m.Program((m.ProgramItem("clamshell", 1), m.ProgramItem("bridge", 5, sets=0, notes="\x00"))),
    )
    assert validate_assessment(bad, today=date(2027, 1, 1)) == [
        Problem("odi_item_scores[3]", "must be a whole number from 0 to 5"),
        Problem("psfs[1].activity", "must be one line (no line breaks, tabs or control characters)"),
        Problem("psfs[1].score", "must be between 0 and 10"),
        Problem("trendelenburg.right.trunk_lean", "must be one of: none, mild, marked"),
        Problem("trendelenburg.right.pain_nprs", "must be a whole number from 0 to 10"),
        Problem("hip_abduction.left.trials[1]", "must be a positive number"),
        Problem("hip_abduction.left.lever_arm_cm", "must be between 20 and 120 cm"),
        Problem("program.exercises[1].stage", "must be a whole number from 0 to 4"),
        Problem("program.exercises[1].sets", "must be a whole number from 1 to 10"),
        Problem("program.exercises[1].notes", "must not contain control characters"),
    ]


SURROGATE = "must be valid text (it holds a broken character, a lone surrogate)"
CONTROL = "must not contain control characters"
LINE = "must be one line (no line breaks, tabs or control characters)"


@pytest.mark.parametrize(("text", "one_line", "expected"), [
    ("Nguyễn 芳 O'Brien – ok", True, None),
    ("two\nlines\r\n\tand a tab", False, None),
    ("a\u2028b", False, None),
    ("bad \ud800", False, SURROGATE),
    ("bell \x07", False, CONTROL),
    ("delete \x7f", True, CONTROL),
    ("vertical tab \x0b", False, CONTROL),
    ("tab\t", True, LINE),
    ("next line \x85", True, LINE),
    ("c1 \x9f", True, LINE),
    ("c1 \x80 is fine in notes", False, None),
    ("paragraph \u2029", True, LINE),
    ("line \u2028", True, LINE),
    ("carriage \r", True, LINE),
])
def test_text_problems(text: str, one_line: bool, expected: str | None) -> None:
    assert text_problem(text, one_line=one_line) == expected
