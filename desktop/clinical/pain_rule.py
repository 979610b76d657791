"""The one pain rule a client follows at home, relative to their usual pain.

Exercise may raise pain a little. The rule allows a rise smaller than the
NPRS minimal clinically important change (2 points, Ostelo 2008,
clinical-reference §9.1 [V]), so exercise never causes a change the client
would count as clearly worse; and pain must be back to its usual level
within 24 hours (the pain-monitoring convention of §7.5 [U]). Using the
MCID as the allowed rise is an app convention [U]. A flare that lasts more
than 24 hours means the program is stepped back (§7.5 [U]).

No numbers above 10 exist on the scale: when usual pain is 8 or more, the
rule allows no rise at all.
"""

from __future__ import annotations

from desktop.clinical.outcomes import NPRS_MAX, NPRS_MCID_POINTS

EXERCISE_PAIN_RISE_MAX = int(NPRS_MCID_POINTS)
SETTLE_WITHIN_H = 24


def exercise_pain_limit(usual_nprs: int | None) -> int | None:
    """Highest pain (0-10) allowed while exercising, or None when usual pain was not recorded.

    Usual pain plus the allowed rise, but never a rise that reaches the top
    of the scale: from a usual 8 upwards the limit is the usual pain itself.
    """
    if usual_nprs is None:
        return None
    if usual_nprs + EXERCISE_PAIN_RISE_MAX >= NPRS_MAX:
        return int(usual_nprs)
    return int(usual_nprs) + EXERCISE_PAIN_RISE_MAX
