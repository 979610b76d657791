"""The baseline visit rule: change is judged against the first visit; the program looks at the one before."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.clinical import model as m
from desktop.clinical.visits import earlier_visits


def _visits(*days: int) -> list[tuple[int, m.Assessment]]:
    return [(100 + day, m.Assessment(performed_on=date(2026, 10, day))) for day in days]


def test_first_visit_has_no_baseline_and_no_previous() -> None:
    visits = _visits(1, 8, 15)
    assert earlier_visits(visits, 101) == earlier_visits([], None)
    assert earlier_visits(visits, 101).baseline is None and earlier_visits(visits, 101).previous is None


def test_later_visits_compare_with_the_first_and_follow_the_one_before() -> None:
    visits = _visits(1, 8, 15)
    third = earlier_visits(visits, 115)
    assert third.baseline is visits[0][1] and third.previous is visits[1][1]
    second = earlier_visits(visits, 108)
    assert second.baseline is visits[0][1] and second.previous is visits[0][1]


def test_a_new_visit_comes_after_every_stored_one() -> None:
    visits = _visits(1, 8)
    new = earlier_visits(visits, None)
    assert new.baseline is visits[0][1] and new.previous is visits[1][1]


def test_an_unknown_visit_is_refused() -> None:
    with pytest.raises(LookupError):
        earlier_visits(_visits(1), 999)
