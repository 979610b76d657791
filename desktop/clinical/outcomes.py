"""Low-back outcome measures: NPRS, ODI, RMDQ and PSFS (clinical-reference §9).

The ODI questionnaire text is licensed by its rights holder, so only the
clinic's section scores are recorded and scored here. Change thresholds are
defined once here and used by the change report.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop.clinical.model import ODI_SECTIONS, PsfsItem

NPRS_MIN, NPRS_MAX = 0, 10
ODI_SECTION_MAX = 5
RMDQ_MAX = 24
PSFS_MIN, PSFS_MAX = 0, 10

# Ostelo et al. 2008, Spine (international consensus) (§9.1-9.3) [V].
NPRS_MCID_POINTS = 2.0
ODI_MCID_POINTS = 10.0
RMDQ_MCID_POINTS = 5.0
# Stratford et al. 1995, Physiother Can 47:258 (90% MDC) (§9.4) [S].
PSFS_MDC_MEAN_POINTS = 2.0
PSFS_MDC_SINGLE_POINTS = 3.0

# Fewer than 8 answered sections is rare in practice; still scored but shown as
# incomplete (design.md; §9.2 missing sections) [V].
ODI_MIN_SECTIONS_COMPLETE = 8
# Fairbank ODI bands, upper bounds inclusive (design.md; §9.2) [V].
ODI_BANDS: tuple[tuple[float, str], ...] = (
    (20.0, "minimal"),
    (40.0, "moderate"),
    (60.0, "severe"),
    (80.0, "very_severe"),
    (100.0, "extreme"),
)
ODI_BAND_LABELS = {
    "minimal": "minimal disability",
    "moderate": "moderate disability",
    "severe": "severe disability",
    "very_severe": "very severe disability",
    "extreme": "extreme disability",
}


def check_nprs(value: int | float) -> int:
    """NPRS is a whole number 0-10 (§9.1)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"NPRS must be a whole number from 0 to 10, got {value!r}")
    if value != int(value) or not NPRS_MIN <= value <= NPRS_MAX:
        raise ValueError(f"NPRS must be a whole number from 0 to 10, got {value!r}")
    return int(value)


@dataclass(frozen=True)
class OdiScore:
    pct: float | None
    band: str | None
    sections_answered: int

    @property
    def complete(self) -> bool:
        return self.sections_answered >= ODI_MIN_SECTIONS_COMPLETE

    def to_json(self) -> dict[str, Any]:
        return {
            "odi_pct": round(self.pct, 1) if self.pct is not None else None,
            "odi_band": self.band,
            "odi_sections_answered": self.sections_answered,
            "odi_complete": self.complete,
        }


def odi_band(pct: float) -> str:
    for upper, name in ODI_BANDS:
        if pct <= upper:
            return name
    raise ValueError(f"ODI percentage must be 0 to 100, got {pct!r}")


def odi_valid_sections(section_scores: Sequence[object]) -> tuple[tuple[int | None, ...], tuple[int, ...]]:
    """Section scores with every unusable entry left out (None), and the 1-based numbers left out.

    A slip in one section (a 7, a letter) must not blank the whole index: the
    ODI is scored from the answered sections anyway (design.md "odi_pct"), so
    the sections still valid are scored and the bad one is named for correction.
    """
    kept: list[int | None] = []
    left_out: list[int] = []
    for index, score in enumerate(section_scores):
        if score is None:
            kept.append(None)
        elif (isinstance(score, int | float) and not isinstance(score, bool) and score == int(score)
              and 0 <= score <= ODI_SECTION_MAX):
            kept.append(int(score))
        else:
            kept.append(None)
            left_out.append(index + 1)
    return tuple(kept), tuple(left_out)


def score_odi(section_scores: tuple[int | None, ...] | list[int | None]) -> OdiScore:
    """100 x sum of answered sections / (5 x sections answered) (design.md; Fairbank)."""
    if len(section_scores) != ODI_SECTIONS:
        raise ValueError(f"ODI needs {ODI_SECTIONS} sections (None for unanswered)")
    answered: list[int] = []
    for index, score in enumerate(section_scores):
        if score is None:
            continue
        if isinstance(score, bool) or score != int(score) or not 0 <= score <= ODI_SECTION_MAX:
            raise ValueError(f"ODI section {index + 1} must be 0 to 5, got {score!r}")
        answered.append(int(score))
    if not answered:
        return OdiScore(None, None, 0)
    pct = 100.0 * sum(answered) / (ODI_SECTION_MAX * len(answered))
    return OdiScore(pct, odi_band(pct), len(answered))


def check_rmdq(total: int) -> int:
    """RMDQ total is a count of ticked items, 0-24 (§9.3)."""
    if isinstance(total, bool) or total != int(total) or not 0 <= total <= RMDQ_MAX:
        raise ValueError(f"RMDQ total must be a whole number from 0 to 24, got {total!r}")
    return int(total)


def psfs_mean(items: tuple[PsfsItem, ...] | list[PsfsItem]) -> float | None:
    """Sum of activity scores / number of activities (§9.4)."""
    if not items:
        return None
    for item in items:
        score = float(item.score)
        if not math.isfinite(score) or not PSFS_MIN <= score <= PSFS_MAX:
            raise ValueError(f"PSFS score must be 0 to 10, got {item.score!r}")
    return math.fsum(float(item.score) for item in items) / len(items)


def activity_key(activity: str) -> str:
    """Same activity re-rated later: compare ignoring case and spacing."""
    return " ".join(activity.split()).casefold()


@dataclass(frozen=True)
class PsfsPair:
    activity: str
    baseline: float
    current: float

    @property
    def change(self) -> float:
        return self.current - self.baseline


def match_psfs(
    baseline: tuple[PsfsItem, ...] | list[PsfsItem], current: tuple[PsfsItem, ...] | list[PsfsItem]
) -> tuple[list[PsfsPair], list[str], list[str]]:
    """Pair activities rated at both visits; also list those rated at only one."""
    before = {activity_key(item.activity): item for item in baseline}
    after = {activity_key(item.activity): item for item in current}
    pairs = [
        PsfsPair(before[key].activity, float(before[key].score), float(after[key].score))
        for key in before
        if key in after
    ]
    only_baseline = [before[key].activity for key in before if key not in after]
    only_current = [after[key].activity for key in after if key not in before]
    return pairs, only_baseline, only_current
