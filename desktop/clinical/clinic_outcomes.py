"""Clinic outcomes over a date range: who reached the MCID for pain and disability, strength change.

Per client, the first and the last visit inside the range are compared.
Pain (NPRS) and disability (ODI) count as improved when the fall *reaches*
the minimal clinically important change: 2 NPRS points or 30%, 10 ODI
points or 30% (Ostelo 2008, clinical-reference §9 [V]; design.md "reaches,
not beyond"). Strength is judged against measurement error (±10% relative,
§2.5) by the change module, on the side that was weaker at the first visit;
a protocol change makes it "not comparable". A measure missing at either
visit is "not measured", never "no change".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop.clinical.change import IMPROVED, NO_REAL_CHANGE, NOT_COMPARABLE, WORSE, compare_findings
from desktop.clinical.findings import analyse
from desktop.clinical.model import Assessment
from desktop.clinical.outcomes import NPRS_MCID_POINTS, ODI_MCID_POINTS, score_odi

MCID_RELATIVE_PCT = 30.0  # Ostelo 2008: 30% from baseline, for NPRS and ODI alike
_TOLERANCE = 1e-9

REACHED = "reached"
NOT_REACHED = "not reached"
NOT_MEASURED = "not measured"
STRENGTH_DIRECTIONS = (IMPROVED, NO_REAL_CHANGE, WORSE, NOT_COMPARABLE, NOT_MEASURED)


def mcid_reached(baseline: float | None, current: float | None, points: float) -> str:
    """REACHED when the score fell by at least ``points`` or by at least 30% of the baseline."""
    if baseline is None or current is None:
        return NOT_MEASURED
    fall = baseline - current
    if fall + _TOLERANCE >= points:
        return REACHED
    if baseline > 0 and 100.0 * fall / baseline + _TOLERANCE >= MCID_RELATIVE_PCT:
        return REACHED
    return NOT_REACHED


@dataclass(frozen=True)
class StrengthOutcome:
    side: str | None
    unit: str | None
    baseline: float | None
    current: float | None
    change_pct: float | None
    direction: str


@dataclass(frozen=True)
class ClientOutcome:
    client_id: int
    file_number: str | None
    first_visit: date
    last_visit: date
    visits: int
    nprs_first: int | None
    nprs_last: int | None
    pain: str
    odi_first: float | None
    odi_last: float | None
    disability: str
    strength: StrengthOutcome


@dataclass(frozen=True)
class ClinicOutcomes:
    start: date
    end: date
    clients_seen: int
    clients: tuple[ClientOutcome, ...] = field(default_factory=tuple)

    def count(self, attribute: str, value: str) -> int:
        return sum(1 for c in self.clients if getattr(c, attribute) == value)

    def strength_count(self, direction: str) -> int:
        return sum(1 for c in self.clients if c.strength.direction == direction)


def _odi_pct(assessment: Assessment) -> float | None:
    if assessment.odi_item_scores is None:
        return None
    return score_odi(assessment.odi_item_scores).pct


def _strength(first: Assessment, last: Assessment) -> StrengthOutcome:
    before, after = analyse(first), analyse(last)
    changes = [c for c in compare_findings(before, after) if c.measure.startswith("hip_abduction") and c.side]
    if not changes:
        return StrengthOutcome(None, None, None, None, None, NOT_MEASURED)
    weaker = before.side_comparison.weaker_side if before.side_comparison else None
    chosen = next((c for c in changes if c.side == weaker), None) or min(
        changes, key=lambda c: c.baseline if c.baseline is not None else float("inf"))
    return StrengthOutcome(chosen.side, chosen.unit, chosen.baseline, chosen.current, chosen.change_pct,
                           chosen.direction)


def client_outcome(client_id: int, file_number: str | None,
                   visits: list[Assessment]) -> ClientOutcome | None:
    """First versus last of ``visits`` (already limited to the range, oldest first); None with fewer than 2."""
    if len(visits) < 2:
        return None
    first, last = visits[0], visits[-1]
    odi_first, odi_last = _odi_pct(first), _odi_pct(last)
    return ClientOutcome(
        client_id=client_id, file_number=file_number, first_visit=first.performed_on,
        last_visit=last.performed_on, visits=len(visits),
        nprs_first=first.pain_nprs, nprs_last=last.pain_nprs,
        pain=mcid_reached(first.pain_nprs, last.pain_nprs, NPRS_MCID_POINTS),
        odi_first=odi_first, odi_last=odi_last,
        disability=mcid_reached(odi_first, odi_last, ODI_MCID_POINTS),
        strength=_strength(first, last),
    )


def clinic_outcomes(clients: list[tuple[int, str | None, list[Assessment]]], start: date,
                    end: date) -> ClinicOutcomes:
    """Outcomes of every client with at least two visits between ``start`` and ``end`` (inclusive)."""
    seen = 0
    outcomes = []
    for client_id, file_number, visits in clients:
        in_range = sorted((a for a in visits if start <= a.performed_on <= end), key=lambda a: a.performed_on)
        if in_range:
            seen += 1
        outcome = client_outcome(client_id, file_number, in_range)
        if outcome is not None:
            outcomes.append(outcome)
    return ClinicOutcomes(start, end, seen, tuple(outcomes))
