"""Red-flag screening summary for results, the window and the report.

The rules live in screening.py; this gathers them into one typed result whose
message is a code (worded in desktop.clinical.wording).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.clinical import screening
from desktop.clinical.messages import Message, msg
from desktop.clinical.model import Assessment
from desktop.clinical.wording import words
from desktop.clinical.wording.clinician import ACKNOWLEDGE_TEXT, URGENT_REFERRAL_TEXT

__all__ = ["ACKNOWLEDGE_TEXT", "URGENT_REFERRAL_TEXT", "FlagItem", "ScreeningResult", "screening_summary"]


@dataclass(frozen=True)
class FlagItem:
    code: str
    label: str
    domain: str
    cauda_equina: bool

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "label": self.label, "domain": self.domain, "cauda_equina": self.cauda_equina}


@dataclass(frozen=True)
class ScreeningResult:
    done: bool
    red_flag_block: bool
    needs_acknowledgement: bool
    acknowledged: bool
    flags: tuple[FlagItem, ...]
    message: Message

    @property
    def non_urgent_flags(self) -> tuple[FlagItem, ...]:
        return tuple(flag for flag in self.flags if not flag.cauda_equina)

    @property
    def cauda_equina_flags(self) -> tuple[FlagItem, ...]:
        return tuple(flag for flag in self.flags if flag.cauda_equina)

    def to_json(self) -> dict[str, Any]:
        return {
            "done": self.done,
            "red_flag_block": self.red_flag_block,
            "needs_acknowledgement": self.needs_acknowledgement,
            "acknowledged": self.acknowledged,
            "flags": [flag.to_json() for flag in self.flags],
            "message": words(self.message),
        }


def screening_summary(assessment: Assessment) -> ScreeningResult:
    done = assessment.red_flags is not None
    codes = tuple(assessment.red_flags or ())
    flags = []
    for code in codes:
        flag = screening.RED_FLAGS_BY_CODE.get(code)
        flags.append(FlagItem(code, flag.label if flag else code, flag.domain if flag else "Other",
                              flag.cauda_equina if flag else False))
    block = screening.red_flag_block(codes)
    needs_ack = screening.needs_acknowledgement(codes, assessment.red_flags_acknowledged)
    if not done:
        message = msg("screening.not_done")
    elif block:
        message = msg("screening.urgent")
    elif needs_ack:
        message = msg("screening.acknowledge")
    elif codes:
        message = msg("screening.acknowledged")
    else:
        message = msg("screening.none_recorded")
    return ScreeningResult(done, block, needs_ack, assessment.red_flags_acknowledged, tuple(flags), message)
