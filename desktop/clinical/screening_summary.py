"""Red-flag screening summary for results, the window and the report.

The rules live in screening.py; this only gathers them into one plain dict.
"""

from __future__ import annotations

from typing import Any

from desktop.clinical import screening
from desktop.clinical.model import Assessment

URGENT_REFERRAL_TEXT = (
    "Possible cauda equina syndrome: refer immediately to the hospital emergency department, "
    "to be seen within hours (GIRFT national pathway). No exercise program is given."
)
ACKNOWLEDGE_TEXT = (
    "Red flags recorded: review them, arrange medical referral where needed, and acknowledge "
    "before the report is exported."
)


def screening_summary(assessment: Assessment) -> dict[str, Any]:
    codes = tuple(assessment.red_flags)
    flags = []
    for code in codes:
        flag = screening.RED_FLAGS_BY_CODE.get(code)
        flags.append(
            {
                "code": code,
                "label": flag.label if flag else code,
                "domain": flag.domain if flag else "Other",
                "cauda_equina": flag.cauda_equina if flag else False,
            }
        )
    block = screening.red_flag_block(codes)
    needs_ack = screening.needs_acknowledgement(codes, assessment.red_flags_acknowledged)
    if block:
        message = URGENT_REFERRAL_TEXT
    elif needs_ack:
        message = ACKNOWLEDGE_TEXT
    elif codes:
        message = "Red flags recorded and acknowledged by the clinician."
    else:
        message = "No red flags recorded."
    return {
        "red_flag_block": block,
        "needs_acknowledgement": needs_ack,
        "acknowledged": assessment.red_flags_acknowledged,
        "flags": flags,
        "message": message,
    }
