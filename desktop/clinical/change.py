"""Change between two assessments, counted as real only past measurement error.

design.md fixes the thresholds (strength +-10%, NPRS 2, ODI 10, PSFS 2 mean);
they live beside their citations in strength.py and outcomes.py. A change
inside its threshold is reported as "no real change", never as improvement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.clinical.findings import Findings
from desktop.clinical.model import SIDES
from desktop.clinical.outcomes import (
    NPRS_MCID_POINTS,
    ODI_MCID_POINTS,
    PSFS_MDC_MEAN_POINTS,
    PSFS_MDC_SINGLE_POINTS,
    RMDQ_MCID_POINTS,
    match_psfs,
)
from desktop.clinical.pelvic_drop import DROP_MDC_DEG
from desktop.clinical.strength import STRENGTH_REAL_CHANGE_PCT, protocol_differences
from desktop.clinical.trendelenburg import (
    INVALID,
    NEGATIVE,
    POSITIVE_DELAYED,
    POSITIVE_IMMEDIATE,
)

IMPROVED = "improved"
WORSE = "worse"
NO_REAL_CHANGE = "no real change"
NOT_COMPARABLE = "not comparable"

# LSI moves with the error of both sides; a change under 10 points is treated as
# possible noise, following the 10% strength rule (clinical-reference §2.5) [U].
LSI_REAL_CHANGE_POINTS = 10.0
# No MDC for Trendelenburg hold time was found (clinical-reference §1.7, §12); a change
# counts as real only when the Hardcastle & Nade category changes [U].
TRENDELENBURG_ORDER = {POSITIVE_IMMEDIATE: 0, POSITIVE_DELAYED: 1, NEGATIVE: 2}
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class MeasureChange:
    measure: str
    label: str
    unit: str
    side: str | None
    baseline: float | None
    current: float | None
    change: float | None
    change_pct: float | None
    threshold: str
    direction: str
    real: bool
    comparable: bool
    note: str = ""
    # The threshold as a number in the change's own terms (points, or % relative for strength).
    threshold_value: float | None = None

    def to_json(self) -> dict[str, Any]:
        def r(value: float | None, digits: int) -> float | None:
            return None if value is None else round(value, digits) + 0.0

        digits = 3 if self.unit == "Nm/kg" else 2
        return {
            "measure": self.measure,
            "label": self.label,
            "unit": self.unit,
            "side": self.side,
            "baseline": r(self.baseline, digits),
            "current": r(self.current, digits),
            "change": r(self.change, digits),
            "change_pct": r(self.change_pct, 1),
            "threshold": self.threshold,
            "direction": self.direction,
            "real": self.real,
            "comparable": self.comparable,
            "note": self.note,
        }


def _direction(change: float, threshold: float, *, higher_is_better: bool) -> tuple[str, bool]:
    if abs(change) + _TOLERANCE < threshold:
        return NO_REAL_CHANGE, False
    better = change > 0 if higher_is_better else change < 0
    return (IMPROVED if better else WORSE), True


def _points_change(
    measure: str,
    label: str,
    unit: str,
    before: float | None,
    after: float | None,
    threshold: float,
    *,
    higher_is_better: bool,
    side: str | None = None,
    note: str = "",
) -> MeasureChange | None:
    if before is None or after is None:
        return None
    change = after - before
    direction, real = _direction(change, threshold, higher_is_better=higher_is_better)
    return MeasureChange(
        measure, label, unit, side, before, after, change, None, f"{threshold:g} points",
        direction, real, True, note, threshold,
    )  # fmt: skip


def _not_comparable(
    measure: str, label: str, unit: str, side: str | None, before: float | None,
    after: float | None, threshold: str, note: str,
) -> MeasureChange:  # fmt: skip
    change = after - before if before is not None and after is not None else None
    return MeasureChange(
        measure, label, unit, side, before, after, change, None, threshold, NOT_COMPARABLE,
        False, False, note,
    )  # fmt: skip


def _strength_changes(before: Findings, after: Findings) -> list[MeasureChange]:
    hip_before, hip_after = before.assessment.hip_abduction, after.assessment.hip_abduction
    if hip_before is None or hip_after is None or not before.hhd or not after.hhd:
        return []
    blocking = [d.message for d in protocol_differences(hip_before, hip_after) if d.blocks_comparison]
    threshold = f"{STRENGTH_REAL_CHANGE_PCT:g}% relative"
    out: list[MeasureChange] = []
    for side in SIDES:
        b, a = before.hhd.get(side), after.hhd.get(side)
        if b is None or a is None:
            continue
        if b.torque_nm_per_kg is not None and a.torque_nm_per_kg is not None:
            measure, label, unit = "hip_abduction_torque_nm_per_kg", "Hip-abduction torque", "Nm/kg"
            value_b, value_a = b.torque_nm_per_kg, a.torque_nm_per_kg
        elif b.force_pct_bw is not None and a.force_pct_bw is not None:
            measure, label, unit = "hip_abduction_force_pct_bw", "Hip-abduction force", "%BW"
            value_b, value_a = b.force_pct_bw, a.force_pct_bw
        else:
            measure, label, unit = "hip_abduction_peak_force_n", "Hip-abduction force", "N"
            value_b, value_a = b.peak_force_n, a.peak_force_n
        label = f"{label} ({side})"
        if blocking:
            out.append(
                _not_comparable(measure, label, unit, side, value_b, value_a, threshold, " ".join(blocking))
            )
            continue
        change = value_a - value_b
        change_pct = 100.0 * change / value_b
        direction, real = _direction(change_pct, STRENGTH_REAL_CHANGE_PCT, higher_is_better=True)
        out.append(
            MeasureChange(
                measure, label, unit, side, value_b, value_a, change, change_pct, threshold,
                direction, real, True, "", STRENGTH_REAL_CHANGE_PCT,
            )  # fmt: skip
        )
    cb, ca = before.side_comparison, after.side_comparison
    if cb is not None and ca is not None:
        threshold_lsi = f"{LSI_REAL_CHANGE_POINTS:g} points"
        if blocking:
            out.append(
                _not_comparable(
                    "lsi_pct", "Limb symmetry index", "%", None, cb.lsi_pct, ca.lsi_pct,
                    threshold_lsi, " ".join(blocking),
                )  # fmt: skip
            )
        elif cb.basis != ca.basis:
            out.append(
                _not_comparable(
                    "lsi_pct", "Limb symmetry index", "%", None, cb.lsi_pct, ca.lsi_pct,
                    threshold_lsi, "The index was based on torque at one visit and on force at the other.",
                )  # fmt: skip
            )
        else:
            item = _points_change(
                "lsi_pct", "Limb symmetry index", "%", cb.lsi_pct, ca.lsi_pct,
                LSI_REAL_CHANGE_POINTS, higher_is_better=True,
            )  # fmt: skip
            if item is not None:
                out.append(item)
    return out


def _trendelenburg_changes(before: Findings, after: Findings) -> list[MeasureChange]:
    out: list[MeasureChange] = []
    threshold = "change of result category"
    for side in SIDES:
        b, a = before.trendelenburg.get(side), after.trendelenburg.get(side)
        if b is None or a is None:
            continue
        label = f"Trendelenburg hold, {side} stance"
        if b.result == INVALID or a.result == INVALID:
            out.append(
                _not_comparable(
                    "trendelenburg_hold_s", label, "s", side, b.hold_s, a.hold_s, threshold,
                    "One of the tests was not interpretable.",
                )  # fmt: skip
            )
            continue
        rank_change = TRENDELENBURG_ORDER[a.result] - TRENDELENBURG_ORDER[b.result]
        if rank_change == 0:
            direction, real = NO_REAL_CHANGE, False
        else:
            direction, real = (IMPROVED if rank_change > 0 else WORSE), True
        before_s = float(b.hold_s) if b.hold_s is not None else None
        after_s = float(a.hold_s) if a.hold_s is not None else None
        change = after_s - before_s if before_s is not None and after_s is not None else None
        out.append(
            MeasureChange(
                "trendelenburg_hold_s", label, "s", side, before_s, after_s, change, None,
                threshold, direction, real, True,
                f"{b.result.replace('_', ' ')} → {a.result.replace('_', ' ')}",
            )  # fmt: skip
        )
    return out


def _pelvic_drop_changes(before: Findings, after: Findings) -> list[MeasureChange]:
    """Measured drop per stance leg: real only when the change reaches the 4 deg MDC.

    Youdas 2007 (clinical-reference §1.3): a change under 4 deg is within measurement
    error. Drops measured by different methods (photo, goniometer...) are not compared.
    """
    out: list[MeasureChange] = []
    threshold = f"{DROP_MDC_DEG:g}° measurement error"
    for side in SIDES:
        b, a = before.trendelenburg.get(side), after.trendelenburg.get(side)
        if b is None or a is None or b.pelvic_drop_deg is None or a.pelvic_drop_deg is None:
            continue
        label = f"Pelvic drop, {side} stance"
        if b.drop_method != a.drop_method:
            out.append(
                _not_comparable(
                    "pelvic_drop_deg", label, "°", side, b.pelvic_drop_deg, a.pelvic_drop_deg,
                    threshold,
                    f"Measured by {b.drop_method or 'an unstated method'} at one visit "
                    f"and by {a.drop_method or 'an unstated method'} at the other.",
                )  # fmt: skip
            )
            continue
        change = a.pelvic_drop_deg - b.pelvic_drop_deg
        direction, real = _direction(change, DROP_MDC_DEG, higher_is_better=False)
        out.append(
            MeasureChange(
                "pelvic_drop_deg", label, "°", side, b.pelvic_drop_deg, a.pelvic_drop_deg, change,
                None, threshold, direction, real, True,
            )  # fmt: skip
        )
    return out


def compare_findings(before: Findings, after: Findings) -> list[MeasureChange]:
    """Per-measure change from ``before`` (baseline) to ``after`` (current visit)."""
    out = _strength_changes(before, after)
    out.extend(_trendelenburg_changes(before, after))
    out.extend(_pelvic_drop_changes(before, after))
    item = _points_change(
        "nprs", "Pain (NPRS)", "points", before.assessment.pain_nprs, after.assessment.pain_nprs,
        NPRS_MCID_POINTS, higher_is_better=False,
    )  # fmt: skip
    if item:
        out.append(item)
    odi_b = before.odi.pct if before.odi else None
    odi_a = after.odi.pct if after.odi else None
    note = ""
    if before.odi and after.odi and not (before.odi.complete and after.odi.complete):
        note = "Fewer than 8 ODI sections answered at one visit: interpret with caution."
    item = _points_change(
        "odi_pct", "Disability (ODI)", "points", odi_b, odi_a, ODI_MCID_POINTS,
        higher_is_better=False, note=note,
    )  # fmt: skip
    if item:
        out.append(item)
    item = _points_change(
        "rmdq", "Disability (RMDQ)", "points", before.assessment.rmdq_total,
        after.assessment.rmdq_total, RMDQ_MCID_POINTS, higher_is_better=False,
    )  # fmt: skip
    if item:
        out.append(item)
    out.extend(_psfs_changes(before, after))
    return out


def _psfs_changes(before: Findings, after: Findings) -> list[MeasureChange]:
    pairs, only_before, only_after = match_psfs(before.assessment.psfs, after.assessment.psfs)
    if not pairs:
        return []
    note_parts = []
    if only_before:
        note_parts.append("not re-rated: " + ", ".join(only_before))
    if only_after:
        note_parts.append("new: " + ", ".join(only_after))
    note = ("Mean of activities rated at both visits; " + "; ".join(note_parts)) if note_parts else ""
    mean_before = sum(p.baseline for p in pairs) / len(pairs)
    mean_after = sum(p.current for p in pairs) / len(pairs)
    out = []
    item = _points_change(
        "psfs_mean", "Function (PSFS mean)", "points", mean_before, mean_after,
        PSFS_MDC_MEAN_POINTS, higher_is_better=True, note=note,
    )  # fmt: skip
    if item:
        out.append(item)
    for pair in pairs:
        item = _points_change(
            "psfs_activity", f"PSFS: {pair.activity}", "points", pair.baseline, pair.current,
            PSFS_MDC_SINGLE_POINTS, higher_is_better=True,
        )  # fmt: skip
        if item:
            out.append(item)
    return out
