"""Which steps of a full assessment this visit lacks (design.md Round 2, ``results.completeness``).

A step is done, not done, or not applicable. A missing step is reported as
"not assessed", never as normal; screening that was not done is never read as
"no red flags".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.clinical.model import SIDES, Assessment, HhdSide, MmtSide


@dataclass(frozen=True)
class Completeness:
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.missing

    def to_json(self) -> dict[str, Any]:
        return {"complete": self.complete, "missing": list(self.missing)}


def _hip_missing(assessment: Assessment) -> list[str]:
    hip = assessment.hip_abduction
    if hip is None:
        return ["hip_abduction"]
    recorded = {side for side in SIDES
                if isinstance(v := hip.side(side), MmtSide) or (isinstance(v, HhdSide) and v.trials)}
    if not recorded:
        return ["hip_abduction"]
    return [f"hip_abduction.{side}" for side in SIDES if side not in recorded]


def completeness(assessment: Assessment, *, red_flag_block: bool = False) -> Completeness:
    """Missing steps in the order the assessment runs.

    With a cauda-equina flag the physical tests are not applicable (the client
    is sent for same-day review), so only screening counts then.
    """
    missing: list[str] = []
    if assessment.red_flags is None:
        missing.append("screening")
    if red_flag_block:
        return Completeness(tuple(missing))
    if assessment.pain_nprs is None:
        missing.append("pain_nprs")
    scores = assessment.odi_item_scores
    if scores is None or all(score is None for score in scores):
        missing.append("odi")
    if not assessment.psfs:
        missing.append("psfs")
    for side in SIDES:
        if assessment.trendelenburg(side) is None:
            missing.append(f"trendelenburg.{side}")
    missing += _hip_missing(assessment)
    return Completeness(tuple(missing))
