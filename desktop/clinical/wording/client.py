"""The client's wording: plain words, no test names or abbreviations. Falls back to the clinician's.

The programme rules (clinical-reference §7.4-§7.5) are said once, relative to
the client's own usual pain, so a client whose everyday pain is 5/10 can still
follow them; the 2-point allowance is the size of a change in pain that people
notice (NPRS MCID 2 points, Ostelo 2008). App convention [U], stated in
docs/clinical-basis.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from desktop.clinical.pain_rule import EXERCISE_PAIN_RISE_MAX

P = Mapping[str, Any]

# The handout's rule, defined once: the NPRS minimal clinically important change (Ostelo 2008).
PAIN_ALLOWANCE_POINTS = EXERCISE_PAIN_RISE_MAX

PAIN_RULE = (
    f"Your pain may go up a little while you exercise. That is fine if it stays within "
    f"{PAIN_ALLOWANCE_POINTS} points of your usual pain (on a scale of 0 to 10) and is back to "
    "your usual level by the next day."
)
MOVE_ON = (
    "You can do every set and repetition with your hips level and your body upright.",
    "Your pain follows the pain rule above.",
    "The exercises feel hard but manageable: you could talk in short sentences while doing them.",
    "All of this has been true for 2 sessions in a row. Then move to the next version of the exercise.",
)
STEP_BACK = (
    f"Pain goes up by more than {PAIN_ALLOWANCE_POINTS} points above your usual pain, or is still "
    "higher than usual the next day: go back to the easier version and do fewer sets.",
)
EFFORT = (
    "How hard? Choose a weight, or a band colour, with which the last 2 to 3 repetitions of each "
    "set feel hard but you can still do them well. When you could do 1 or 2 more than the "
    "target, make it a little harder (a heavier weight or the next band colour)."
)
SAFETY = (
    "Get medical help at once if you notice new numbness between your legs or around your back "
    "passage, new trouble passing urine or controlling your bowels, or weakness in both legs.",
    "Move slowly and with control. Breathe normally; do not hold your breath.",
)
INCOMPLETE = (
    "Some parts of your assessment were not done at this visit. Your physiotherapist may change "
    "this program once they are."
)

WORDS: dict[str, Callable[[P], str]] = {}
