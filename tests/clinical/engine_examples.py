"""Inputs shared by the clinical-engine tests: the design.md example assessment."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from desktop.clinical import model as m

DESIGN_EXAMPLE: dict[str, Any] = {
    "performed_on": "2026-10-02",
    "clinician": "Jo Smith",
    "referrer": {"name": "Dr A. Lee", "practice": "Harbour GP"},
    "body_mass_kg": 68.0,
    "height_cm": 165.0,
    "red_flags": [],
    "red_flags_acknowledged": False,
    "pain_nprs": 6,
    "odi_item_scores": [2, 1, 3, None, 2, 1, 0, None, 2, 1],
    "psfs": [{"activity": "Walking 30 min", "score": 4}],
    "trendelenburg": {
        "left": {"elevation_maximal": True, "hold_s": 30, "trunk_lean": "none",
                 "pain_nprs": 0, "invalid_reason": None, "pelvic_drop_deg": None},
        "right": {"elevation_maximal": True, "hold_s": 12, "trunk_lean": "marked",
                  "pain_nprs": 2, "invalid_reason": None, "pelvic_drop_deg": 6},
    },
    "hip_abduction": {
        "method": "hhd", "position": "supine", "unit": "N",
        "left": {"trials": [150.0, 158.0, 155.0], "lever_arm_cm": 80.0},
        "right": {"trials": [120.0, 118.0, 125.0], "lever_arm_cm": 80.0},
    },
    "notes": "",
}  # fmt: skip

CLIENT = m.Client("Ana", "Nguyễn", date(1971, 3, 14), "female")
TODAY = date(2026, 10, 2)


def design_assessment() -> m.Assessment:
    return m.assessment_from_dict(DESIGN_EXAMPLE)


def with_hip(assessment: m.Assessment, **changes: Any) -> m.Assessment:
    assert assessment.hip_abduction is not None
    return replace(assessment, hip_abduction=replace(assessment.hip_abduction, **changes))
