"""Clinic outcomes: MCID for pain and disability (2 NPRS points or 30%, 10 ODI points or 30%), strength change."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.clinical import model as m
from desktop.clinical.change import IMPROVED, NO_REAL_CHANGE, NOT_COMPARABLE
from desktop.clinical.clinic_outcomes import NOT_MEASURED, NOT_REACHED, REACHED, clinic_outcomes, mcid_reached


@pytest.mark.parametrize(
    ("before", "after", "points", "expected"),
    [
        (6, 4, 2, REACHED),        # 2 points: reaches the 2-point MCID at equality
        (6, 5, 2, NOT_REACHED),    # 1 point, 16.7%
        (3, 2, 2, REACHED),        # 1 point but 33.3% of 3: the relative criterion
        (10, 8, 2, REACHED),       # 2 points (20%)
        (5, 7, 2, NOT_REACHED),    # worse
        (0, 0, 2, NOT_REACHED),    # no pain to lose; 30% of 0 is not a change
        (None, 3, 2, NOT_MEASURED),
        (20.0, 14.0, 10, REACHED),  # 6 ODI points = 30% of 20, at equality
        (20.0, 15.0, 10, NOT_REACHED),  # 5 points, 25%
        (60.0, 50.0, 10, REACHED),  # 10 points (16.7%)
        (60.0, 51.0, 10, NOT_REACHED),
    ],
)
def test_mcid_reached_hand_worked(before: float | None, after: float | None, points: float, expected: str) -> None:
    assert mcid_reached(before, after, points) == expected


def visit(day: date, *, nprs: int | None, odi: tuple[int | None, ...] | None, left: float, right: float,
          position: str = "supine") -> m.Assessment:
    return m.Assessment(
        performed_on=day, body_mass_kg=70.0, pain_nprs=nprs, odi_item_scores=odi,
        hip_abduction=m.HipAbduction(method="hhd", position=position, unit="N", contraction="make",
                                     left=m.HhdSide((left,), 80.0), right=m.HhdSide((right,), 80.0)),
    )


def test_first_and_last_visit_in_the_range_are_compared() -> None:
    odi_30 = (3, 3, 3, 3, 3, 0, 0, 0, 0, 0)  # 15 / 50 = 30%
    odi_16 = (2, 2, 2, 2, 0, 0, 0, 0, 0, 0)  # 8 / 50 = 16%: 14 points, reached
    clients = [
        # Weaker right side 100 N -> 115 N: +15%, past the 10% measurement error.
        (1, "A-1", [visit(date(2025, 12, 1), nprs=9, odi=odi_30, left=150, right=90),
                    visit(date(2026, 1, 10), nprs=6, odi=odi_30, left=150, right=100),
                    visit(date(2026, 3, 1), nprs=5, odi=odi_16, left=152, right=115)]),
        # Only one visit in range: seen, not compared.
        (2, None, [visit(date(2026, 2, 1), nprs=5, odi=None, left=120, right=120)]),
        # Pain 4 -> 3 (25%): not reached; ODI not recorded; weaker left +5%: no real change.
        (3, None, [visit(date(2026, 1, 5), nprs=4, odi=None, left=100, right=140),
                   visit(date(2026, 2, 5), nprs=3, odi=None, left=105, right=140)]),
        # Position changed between visits: strength not comparable.
        (4, None, [visit(date(2026, 1, 5), nprs=None, odi=odi_30, left=100, right=140),
                   visit(date(2026, 2, 5), nprs=2, odi=odi_30, left=130, right=140, position="side_lying")]),
        # Outside the range entirely.
        (5, None, [visit(date(2027, 1, 5), nprs=8, odi=None, left=100, right=100)]),
    ]
    result = clinic_outcomes(clients, date(2026, 1, 1), date(2026, 6, 30))
    assert result.clients_seen == 4
    by_id = {c.client_id: c for c in result.clients}
    assert sorted(by_id) == [1, 3, 4]
    first = by_id[1]
    assert (first.first_visit, first.last_visit, first.visits) == (date(2026, 1, 10), date(2026, 3, 1), 2)
    assert (first.nprs_first, first.nprs_last, first.pain) == (6, 5, NOT_REACHED)
    assert first.odi_first == pytest.approx(30.0) and first.odi_last == pytest.approx(16.0)
    assert first.disability == REACHED
    assert first.strength.side == "right" and first.strength.direction == IMPROVED
    assert first.strength.change_pct == pytest.approx(15.0)
    third = by_id[3]
    assert (third.pain, third.disability) == (NOT_REACHED, NOT_MEASURED)
    assert third.strength.side == "left" and third.strength.direction == NO_REAL_CHANGE
    fourth = by_id[4]
    assert fourth.pain == NOT_MEASURED and fourth.disability == NOT_REACHED
    assert fourth.strength.direction == NOT_COMPARABLE
    assert result.count("pain", NOT_REACHED) == 2 and result.count("disability", REACHED) == 1
    assert result.strength_count(IMPROVED) == 1
