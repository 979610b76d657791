"""Which earlier visits a visit is compared with.

Change is always judged against the client's **first** visit (the baseline,
design.md "Change between visits"); the program step also looks at the visit
just before. A new visit (no id yet) comes after every stored one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.clinical.model import Assessment


@dataclass(frozen=True)
class EarlierVisits:
    baseline: Assessment | None
    previous: Assessment | None


def earlier_visits(visits: Sequence[tuple[int, Assessment]], assessment_id: int | None) -> EarlierVisits:
    """The baseline and the previous visit of ``assessment_id`` among a client's visits, oldest first.

    The first visit has neither; ``assessment_id`` None means a new visit after
    all of ``visits``. Raises ``LookupError`` for an id not among them.
    """
    if assessment_id is None:
        index = len(visits)
    else:
        index = next((i for i, (aid, _a) in enumerate(visits) if aid == assessment_id), -1)
        if index < 0:
            raise LookupError(f"visit {assessment_id} is not one of this client's visits")
    if index == 0:
        return EarlierVisits(None, None)
    return EarlierVisits(visits[0][1], visits[index - 1][1])
