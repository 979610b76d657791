"""Comparing two visits: one row per measure with its change judged against the right threshold.

Strength is judged against its measurement error (§2.5), NPRS, ODI and RMDQ
against their minimal clinically important change (§9.1-9.3), pelvic drop
against its measurement error (§1.3); the verdicts come from
``change.compare_findings``, never restated here.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.clinical.change import (
    IMPROVED,
    LSI_REAL_CHANGE_POINTS,
    NO_REAL_CHANGE,
    NOT_COMPARABLE,
    WORSE,
    MeasureChange,
    compare_findings,
)
from desktop.clinical.findings import analyse
from desktop.clinical.model import Assessment
from desktop.clinical.outcomes import (
    NPRS_MCID_POINTS,
    ODI_MCID_POINTS,
    PSFS_MDC_MEAN_POINTS,
    PSFS_MDC_SINGLE_POINTS,
    RMDQ_MCID_POINTS,
)
from desktop.clinical.pelvic_drop import DROP_MDC_DEG
from desktop.clinical.strength import (
    STRENGTH_REAL_CHANGE_PCT,
    protocol_differences,
)
from desktop.clinical.trends import MCID_MEASURES, format_value


@dataclass(frozen=True)
class CompareRow:
    """One measure of the side-by-side comparison, already worded for display."""

    measure: str
    label: str
    unit: str
    baseline_text: str
    current_text: str
    change_text: str
    verdict: str
    direction: str
    real: bool
    comparable: bool
    note: str


def _threshold_text(change: MeasureChange) -> str:
    if change.measure.startswith("hip_abduction"):
        return f"±{STRENGTH_REAL_CHANGE_PCT:g}%"
    if change.measure == "pelvic_drop_deg":
        return f"±{DROP_MDC_DEG:g}°"
    points = {
        "lsi_pct": LSI_REAL_CHANGE_POINTS,
        "nprs": NPRS_MCID_POINTS,
        "odi_pct": ODI_MCID_POINTS,
        "rmdq": RMDQ_MCID_POINTS,
        "psfs_mean": PSFS_MDC_MEAN_POINTS,
        "psfs_activity": PSFS_MDC_SINGLE_POINTS,
    }.get(change.measure)
    return f"±{points:g} points" if points is not None else change.threshold


def change_verdict(change: MeasureChange) -> str:
    """Plain wording of whether a change is real (beyond error or important change)."""
    if change.direction == NOT_COMPARABLE:
        return "Not comparable"
    if change.measure == "trendelenburg_hold_s":
        categories = change.note.replace(" -> ", " → ")
        if change.direction == NO_REAL_CHANGE:
            return f"No change in result ({categories.split(' → ')[-1]})" if categories else (
                "No change in result"
            )
        word = "Improved" if change.direction == IMPROVED else "Worse"
        return f"{word}: {categories}" if categories else word
    threshold = _threshold_text(change)
    if change.direction == NO_REAL_CHANGE:
        return f"No real change (within {threshold})"
    beyond = (
        "the minimal important change" if change.measure in MCID_MEASURES else "measurement error"
    )
    word = {IMPROVED: "Improved", WORSE: "Worse"}.get(change.direction, change.direction)
    return f"{word} beyond {beyond} ({threshold})"


def _format_change(change: MeasureChange) -> str:
    if change.change is None:
        return "–"
    sign = "+" if change.change > 0 else ("−" if change.change < 0 else "±")
    magnitude = abs(change.change)
    if change.unit == "points":
        number = f"{magnitude:.1f}".removesuffix(".0")
        text = f"{sign}{number} {'point' if number == '1' else 'points'}"
    elif change.unit == "%":
        text = f"{sign}{magnitude:.1f} points"
    else:
        text = sign + format_value(magnitude, change.unit)
    if change.change_pct is not None:
        pct_sign = "+" if change.change_pct > 0 else ("−" if change.change_pct < 0 else "±")
        text += f" ({pct_sign}{abs(change.change_pct):.1f}%)"
    return text


def _cell(value: float | None, unit: str) -> str:
    return "–" if value is None else format_value(value, unit)


def compare_visits(baseline: Assessment, current: Assessment) -> list[CompareRow]:
    """Every measure of two visits with its change and a plainly worded verdict.

    The earlier visit is always the baseline, whichever order the caller uses.
    """
    if current.performed_on < baseline.performed_on:
        baseline, current = current, baseline
    changes = compare_findings(analyse(baseline), analyse(current))
    rows = []
    for change in changes:
        note = change.note
        if change.measure == "trendelenburg_hold_s" and change.direction != NOT_COMPARABLE:
            note = ""
        rows.append(
            CompareRow(
                measure=change.measure,
                label=change.label,
                unit=change.unit,
                baseline_text=_cell(change.baseline, change.unit),
                current_text=_cell(change.current, change.unit),
                change_text=_format_change(change),
                verdict=change_verdict(change),
                direction=change.direction,
                real=change.real,
                comparable=change.comparable,
                note=note,
            )
        )
    return rows


def protocol_warnings(baseline: Assessment, current: Assessment) -> list[str]:
    """Why two visits' strength values may not be comparable (empty when they are)."""
    if current.performed_on < baseline.performed_on:
        baseline, current = current, baseline
    if baseline.hip_abduction is None or current.hip_abduction is None:
        return []
    return [d.message for d in protocol_differences(baseline.hip_abduction, current.hip_abduction)]
