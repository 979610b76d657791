"""Invalid inputs the engine relies on validation to reject (desktop.clinical.validation)."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pytest
from engine_examples import TODAY, design_assessment, with_hip

from desktop.clinical.model import Assessment, HhdSide, HipAbduction, MmtSide, TrendelenburgSide
from desktop.clinical.validation import validate_assessment


def _problems(assessment: Assessment) -> dict[str, str]:
    return {p.path: p.message for p in validate_assessment(assessment, today=TODAY)}


def test_design_example_is_valid() -> None:
    assert _problems(design_assessment()) == {}


CASES: list[tuple[str, Any, str, str]] = [
    ("nan trial", lambda a: with_hip(a, left=HhdSide((150.0, math.nan), 80.0)),
     "hip_abduction.left.trials[1]", "finite"),
    ("inf trial", lambda a: with_hip(a, left=HhdSide((math.inf,), 80.0)),
     "hip_abduction.left.trials[0]", "finite"),
    ("negative force", lambda a: with_hip(a, right=HhdSide((120.0, -5.0), 80.0)),
     "hip_abduction.right.trials[1]", "positive"),
    ("zero force", lambda a: with_hip(a, right=HhdSide((0.0,), 80.0)),
     "hip_abduction.right.trials[0]", "positive"),
    ("zero body mass", lambda a: replace(a, body_mass_kg=0.0), "body_mass_kg", "between"),
    ("nan body mass", lambda a: replace(a, body_mass_kg=math.nan), "body_mass_kg", "finite"),
    ("lever too short", lambda a: with_hip(a, left=HhdSide((150.0,), 19.9)),
     "hip_abduction.left.lever_arm_cm", "between 20 and 120"),
    ("lever too long", lambda a: with_hip(a, left=HhdSide((150.0,), 121.0)),
     "hip_abduction.left.lever_arm_cm", "between 20 and 120"),
    ("hold over the 30 s test", lambda a: replace(a, trendelenburg_left=TrendelenburgSide(hold_s=45)),
     "trendelenburg.left.hold_s", "the test stops at 30 s"),
    ("negative hold", lambda a: replace(a, trendelenburg_left=TrendelenburgSide(hold_s=-1)),
     "trendelenburg.left.hold_s", "between 0 and 30"),
    ("nprs 11", lambda a: replace(a, pain_nprs=11), "pain_nprs", "0 to 10"),
    ("odi section 6", lambda a: replace(a, odi_item_scores=(2, 1, 6, None, 2, 1, 0, None, 2, 1)),
     "odi_item_scores[2]", "0 to 5"),
    ("trendelenburg pain 11", lambda a: replace(a, trendelenburg_right=TrendelenburgSide(hold_s=5, pain_nprs=11)),
     "trendelenburg.right.pain_nprs", "0 to 10"),
    ("mmt grade 6", lambda a: replace(a, hip_abduction=HipAbduction(method="mmt", left=MmtSide(6), right=MmtSide(5))),
     "hip_abduction.left.grade", "0 to 5"),
    ("mmt 5+", lambda a: replace(a, hip_abduction=HipAbduction(method="mmt", left=MmtSide(5, "+"), right=MmtSide(5))),
     "hip_abduction.left.modifier", "does not exist"),
    ("psfs 11", lambda a: replace(a, psfs=(a.psfs[0].__class__("Walking", 11),)), "psfs[0].score", "between"),
    ("rmdq 25", lambda a: replace(a, rmdq_total=25), "rmdq_total", "0 to 24"),
]  # fmt: skip


@pytest.mark.parametrize(("label", "change", "path", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_invalid_value_rejected_with_message(label: str, change: Any, path: str, fragment: str) -> None:
    problems = _problems(change(design_assessment()))
    assert path in problems, f"{label}: not rejected; got {problems}"
    assert fragment in problems[path]
