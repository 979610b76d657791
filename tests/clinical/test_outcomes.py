"""NPRS, ODI, RMDQ and PSFS scoring (design.md; clinical-reference §9)."""

from __future__ import annotations

import pytest

from desktop.clinical.model import PsfsItem
from desktop.clinical.outcomes import (
    NPRS_MCID_POINTS,
    ODI_MCID_POINTS,
    PSFS_MDC_MEAN_POINTS,
    PSFS_MDC_SINGLE_POINTS,
    RMDQ_MCID_POINTS,
    activity_key,
    check_nprs,
    check_rmdq,
    match_psfs,
    odi_band,
    psfs_mean,
    score_odi,
)


def test_odi_design_example_with_two_missing_sections() -> None:
    # answered: 2+1+3+2+1+0+2+1 = 12 over 8 sections; 100 x 12 / (5 x 8) = 30.0
    odi = score_odi([2, 1, 3, None, 2, 1, 0, None, 2, 1])
    assert odi.pct == pytest.approx(30.0)
    assert odi.band == "moderate"
    assert odi.sections_answered == 8
    assert odi.complete


def test_odi_all_answered() -> None:
    # sum 25 over 10 sections: 100 x 25 / 50 = 50% (severe)
    odi = score_odi([3, 2, 3, 2, 3, 2, 3, 2, 3, 2])
    assert odi.pct == pytest.approx(50.0)
    assert odi.band == "severe"


def test_odi_one_missing_matches_fairbank_example() -> None:
    # Fairbank: 16 points over 9 sections -> 16/45 = 35.56%
    odi = score_odi([2, 2, 2, 2, 2, 2, 2, 2, 0, None])
    assert odi.pct == pytest.approx(35.5556, abs=1e-4)
    assert odi.sections_answered == 9


def test_odi_fewer_than_eight_sections_still_scored_but_incomplete() -> None:
    # 7 answered, sum 14: 100 x 14 / 35 = 40.0
    odi = score_odi([2, 2, 2, 2, 2, 2, 2, None, None, None])
    assert odi.pct == pytest.approx(40.0)
    assert odi.sections_answered == 7
    assert not odi.complete
    assert odi.to_json()["odi_complete"] is False


def test_odi_nothing_answered() -> None:
    odi = score_odi([None] * 10)
    assert odi.pct is None and odi.band is None and odi.sections_answered == 0


@pytest.mark.parametrize(
    ("pct", "band"),
    [(0, "minimal"), (20, "minimal"), (20.5, "moderate"), (40, "moderate"), (41, "severe"),
     (60, "severe"), (61, "very_severe"), (80, "very_severe"), (81, "extreme"), (100, "extreme")],
)  # fmt: skip
def test_odi_bands(pct: float, band: str) -> None:
    assert odi_band(pct) == band


def test_odi_rejects_section_score_6_and_wrong_length() -> None:
    with pytest.raises(ValueError, match="section 3"):
        score_odi([0, 0, 6, 0, 0, 0, 0, 0, 0, 0])
    with pytest.raises(ValueError):
        score_odi([0] * 9)


def test_nprs_range() -> None:
    assert check_nprs(0) == 0 and check_nprs(10) == 10
    for bad in (11, -1, 5.5, float("nan")):
        with pytest.raises(ValueError):
            check_nprs(bad)


def test_rmdq_range() -> None:
    assert check_rmdq(24) == 24
    with pytest.raises(ValueError):
        check_rmdq(25)


def test_psfs_mean() -> None:
    # (4 + 6 + 8) / 3 = 6.0
    assert psfs_mean([PsfsItem("a", 4), PsfsItem("b", 6), PsfsItem("c", 8)]) == pytest.approx(6.0)
    assert psfs_mean([]) is None
    with pytest.raises(ValueError):
        psfs_mean([PsfsItem("a", 11)])


def test_psfs_matches_activity_ignoring_case_and_spacing() -> None:
    assert activity_key("  Walking   30 MIN ") == activity_key("walking 30 min")
    pairs, only_before, only_after = match_psfs(
        [PsfsItem("Walking 30 min", 4), PsfsItem("Lifting a child", 3)],
        [PsfsItem("walking  30 min", 7), PsfsItem("Gardening", 5)],
    )
    assert [(p.activity, p.baseline, p.current, p.change) for p in pairs] == [("Walking 30 min", 4, 7, 3)]
    assert only_before == ["Lifting a child"]
    assert only_after == ["Gardening"]


def test_change_thresholds_are_the_published_values() -> None:
    # Ostelo 2008: NPRS 2, ODI 10, RMDQ 5; Stratford 1995: PSFS 2 (mean), 3 (single)
    assert (NPRS_MCID_POINTS, ODI_MCID_POINTS, RMDQ_MCID_POINTS) == (2, 10, 5)
    assert (PSFS_MDC_MEAN_POINTS, PSFS_MDC_SINGLE_POINTS) == (2, 3)
