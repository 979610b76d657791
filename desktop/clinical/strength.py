"""Hip-abduction strength: dynamometer trials, torque, symmetry, manual grades.

All forces are converted to newtons first; every derived value is computed
from unrounded numbers and rounded only when results are written out
(design.md "Computed results"). Protocol checks exist because position,
contraction type, fixation and lever length change the numbers more than
most treatment effects do (clinical-reference §2).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Any

from desktop.clinical.curves import best_curve_metrics
from desktop.clinical.model import HhdSide, HipAbduction, MmtSide, Side
from desktop.clinical.units import body_weight_n, cm_to_m, to_newtons

# Thorborg 2010: with the maximum of 4 trials, test-retest variation was < 10% (§2.3) [V];
# a within-session CV above this suggests one more trial [U].
CV_FURTHER_TRIAL_PCT = 10.0
# Thorborg 2011: deficit < 10% (LSI >= 90%) as the symmetry milestone (§4.2) [V].
LSI_SYMMETRIC_MIN_PCT = 90.0
# 80-89% mild, < 80% marked: app convention (§4.2 suggested tiers) [U].
LSI_MILD_MIN_PCT = 80.0
# Between-session change below about 10% may be noise (§2.5 MDC rule; Thorborg 2010,
# Leijendekkers 2017) [U]; design.md uses +-10% as the real-change threshold.
STRENGTH_REAL_CHANGE_PCT = 10.0
# An outlier trial may be left out (with a reason) only when at least two trials remain to take the
# peak and the variation from: best of 3 is the usual protocol (Thorborg 2010; fixated HHD, §2.3) [U].
MIN_TRIALS_AFTER_EXCLUSION = 2
# Lever arms more than 2 cm apart change torque and force between visits (Krause 2007:
# lever length changes abduction values, §2.2) [U threshold].
LEVER_ARM_TOLERANCE_CM = 2.0
# Cerda-Vega 2018: side-lying peak force about 30% above standing, 27% above supine (§2.1) [V].
POSITION_FORCE_SHIFT_PCT = 30

ASYMMETRY_BANDS = ("symmetric", "mild", "marked")

# MRC Memorandum 45, Open Government Licence credit (clinical-reference §5.1) [V].
MRC_CREDIT = "MRC scale used with the permission of the Medical Research Council"
# MRC grade definitions, paraphrased (§5.1).
MMT_GRADE_DESCRIPTIONS = {
    0: "no contraction",
    1: "flicker or trace of contraction",
    2: "active movement with gravity eliminated",
    3: "active movement against gravity",
    4: "active movement against gravity and resistance",
    5: "normal power",
}
# Grades below 5 mark the side weak (design.md weak_sides rule).
MMT_NORMAL_GRADE = 5
_MODIFIER_ORDER = {"-": -1, None: 0, "": 0, "+": 1}


def _check_positive(value: float, what: str) -> float:
    number = float(value)
    if not math.isfinite(number) or number <= 0:
        raise ValueError(f"{what} must be a positive finite number, got {value!r}")
    return number


@dataclass(frozen=True)
class ExcludedTrial:
    """The trial set aside as an outlier: its number (from 1), the clinician's reason, its force."""

    trial_no: int
    reason: str
    force_n: float

    def to_json(self) -> dict[str, Any]:
        return {"trial_no": self.trial_no, "reason": self.reason, "force_n": _round(self.force_n, 2)}


@dataclass(frozen=True)
class HhdSideResult:
    """Derived values for one side, unrounded."""

    trials_n: tuple[float, ...]
    peak_force_n: float
    mean_force_n: float
    cv_pct: float | None
    lever_arm_cm: float | None
    torque_nm: float | None
    torque_nm_per_kg: float | None
    force_n_per_kg: float | None
    force_pct_bw: float | None
    # From the best trial's force-time curve (design.md "Force-time curves"); None without one.
    time_to_peak_s: float | None = None
    rfd_0_200_n_per_s: float | None = None
    # The outlier left out of peak, mean and CV (``trials_n`` holds only the trials used).
    excluded_trial: ExcludedTrial | None = None

    @property
    def further_trial_suggested(self) -> bool:
        return self.cv_pct is not None and self.cv_pct > CV_FURTHER_TRIAL_PCT

    def to_json(self) -> dict[str, Any]:
        """Rounded as in the design.md example (mean 2 dp, CV 1 dp, torque 1 dp, ...)."""
        return {
            "peak_force_n": _round(self.peak_force_n, 2),
            "mean_force_n": _round(self.mean_force_n, 2),
            "cv_pct": _round(self.cv_pct, 1),
            "torque_nm": _round(self.torque_nm, 1),
            "torque_nm_per_kg": _round(self.torque_nm_per_kg, 3),
            "force_pct_bw": _round(self.force_pct_bw, 2),
            "force_n_per_kg": _round(self.force_n_per_kg, 3),
            "lever_arm_cm": self.lever_arm_cm,
            "trials_n": [_round(t, 2) for t in self.trials_n],
            "trial_count": len(self.trials_n),
            "further_trial_suggested": self.further_trial_suggested,
            "time_to_peak_s": _round(self.time_to_peak_s, 3),
            "rfd_0_200_n_per_s": _round(self.rfd_0_200_n_per_s, 1),
            # Present only when a trial was left out, so earlier documents keep their shape.
            **({"excluded_trial": self.excluded_trial.to_json()} if self.excluded_trial else {}),
        }


def _round(value: float | None, digits: int) -> float | None:
    if value is None:
        return None
    rounded = round(value, digits)
    return rounded + 0.0  # no -0.0 in output


def peak(trials_n: tuple[float, ...] | list[float]) -> float:
    return max(trials_n)


def mean(trials_n: tuple[float, ...] | list[float]) -> float:
    return math.fsum(trials_n) / len(trials_n)


def coefficient_of_variation_pct(trials_n: tuple[float, ...] | list[float]) -> float | None:
    """100 x sample SD / mean; None with fewer than two trials (design.md)."""
    if len(trials_n) < 2:
        return None
    return 100.0 * statistics.stdev(trials_n) / mean(trials_n)


def torque_nm(force_n: float, lever_arm_cm: float) -> float:
    """Torque = force x lever arm in metres (Krause 2007, §2.4) [V]."""
    return _check_positive(force_n, "force") * cm_to_m(_check_positive(lever_arm_cm, "lever arm"))


def force_pct_body_weight(force_n: float, body_mass_kg: float) -> float:
    """100 x force / (mass x 9.80665) (design.md; Alvarenga 2019 and Bohannon 1997 report %BW)."""
    return 100.0 * _check_positive(force_n, "force") / body_weight_n(body_mass_kg)


def compute_hhd_side(side: HhdSide, unit: str, body_mass_kg: float | None) -> HhdSideResult:
    """Peak, mean, CV, torque and normalised values for one side's trials."""
    if not side.trials:
        raise ValueError("at least one dynamometer trial is needed")
    trials_n = tuple(_check_positive(to_newtons(t, unit), "trial force") for t in side.used_trials)
    peak_n = peak(trials_n)
    mass = _check_positive(body_mass_kg, "body mass") if body_mass_kg is not None else None
    lever = side.lever_arm_cm
    torque = torque_nm(peak_n, lever) if lever is not None else None
    curve = best_curve_metrics(side.used_trials, side.used_curves, unit)
    excluded = side.excluded
    return HhdSideResult(
        trials_n=trials_n,
        peak_force_n=peak_n,
        mean_force_n=mean(trials_n),
        cv_pct=coefficient_of_variation_pct(trials_n),
        lever_arm_cm=lever,
        torque_nm=torque,
        torque_nm_per_kg=torque / mass if torque is not None and mass is not None else None,
        force_n_per_kg=peak_n / mass if mass is not None else None,
        force_pct_bw=force_pct_body_weight(peak_n, mass) if mass is not None else None,
        time_to_peak_s=curve.time_to_peak_s if curve else None,
        rfd_0_200_n_per_s=curve.rfd_0_200_n_per_s if curve else None,
        excluded_trial=None if excluded is None else ExcludedTrial(
            excluded.trial_no, excluded.reason, to_newtons(side.trials[excluded.trial_no - 1], unit)),
    )


def limb_symmetry_index_pct(value_a: float, value_b: float) -> float:
    """100 x weaker / stronger, so it lies in (0, 100] whichever side is weaker (§4.1)."""
    a = _check_positive(value_a, "strength value")
    b = _check_positive(value_b, "strength value")
    return 100.0 * (min(a, b) / max(a, b))  # ratio first: equal sides give exactly 100


LSI_DECIMALS = 1  # the precision lsi_pct is reported with (design.md example: 79.1)


def asymmetry_band(lsi_pct: float) -> str:
    """>= 90 symmetric, 80 to < 90 mild, < 80 marked (design.md; §4.2)."""
    if lsi_pct >= LSI_SYMMETRIC_MIN_PCT:
        return "symmetric"
    if lsi_pct >= LSI_MILD_MIN_PCT:
        return "mild"
    return "marked"


def asymmetry_band_range(band: str) -> str:
    """The LSI range of a band in words, from the thresholds above ("80 to < 90%")."""
    return {
        "symmetric": f"≥ {LSI_SYMMETRIC_MIN_PCT:g}%",
        "mild": f"{LSI_MILD_MIN_PCT:g} to < {LSI_SYMMETRIC_MIN_PCT:g}%",
        "marked": f"< {LSI_MILD_MIN_PCT:g}%",
    }[band]


@dataclass(frozen=True)
class SideComparison:
    lsi_pct: float
    basis: str  # "torque" or "peak_force"
    weaker_side: Side | None
    asymmetry_band: str

    @property
    def asymmetry_pct(self) -> float:
        return 100.0 - self.lsi_pct


def compare_sides(left: HhdSideResult, right: HhdSideResult) -> SideComparison:
    """LSI on torque when both lever arms are known, else on peak force (design.md)."""
    if left.torque_nm is not None and right.torque_nm is not None:
        basis, value_left, value_right = "torque", left.torque_nm, right.torque_nm
    else:
        basis, value_left, value_right = "peak_force", left.peak_force_n, right.peak_force_n
    lsi = limb_symmetry_index_pct(value_left, value_right)
    weaker: Side | None = None
    if value_left < value_right:
        weaker = "left"
    elif value_right < value_left:
        weaker = "right"
    # The band follows the LSI as reported (one decimal), so a shown 90.0% is never "mild".
    return SideComparison(lsi, basis, weaker, asymmetry_band(round(lsi, LSI_DECIMALS)))


def provisional_reasons(left: HhdSideResult, right: HhdSideResult) -> list[tuple[str, dict[str, Any]]]:
    """Why a side-to-side comparison should be called provisional (design.md ``lsi_provisional``).

    Trials varying past the retest threshold (Thorborg 2010, CV > 10%) or lever
    arms more than 2 cm apart (Krause 2007: lever length changes the values)
    each make the asymmetry uncertain. Returned as message codes with parameters.
    """
    reasons: list[tuple[str, dict[str, Any]]] = []
    for side, result in (("left", left), ("right", right)):
        if result.further_trial_suggested and result.cv_pct is not None:
            reasons.append(("strength.provisional.trials_vary",
                            {"side": side, "cv_pct": result.cv_pct, "threshold_pct": CV_FURTHER_TRIAL_PCT}))
    if left.lever_arm_cm is not None and right.lever_arm_cm is not None:
        difference = abs(left.lever_arm_cm - right.lever_arm_cm)
        if difference > LEVER_ARM_TOLERANCE_CM:
            reasons.append(("strength.provisional.levers_differ",
                            {"left_cm": left.lever_arm_cm, "right_cm": right.lever_arm_cm,
                             "difference_cm": difference, "tolerance_cm": LEVER_ARM_TOLERANCE_CM}))
    return reasons


def weaker_by_force(left: HhdSideResult, right: HhdSideResult) -> Side | None:
    """The side with the lower peak force, whatever the LSI basis."""
    if left.peak_force_n < right.peak_force_n:
        return "left"
    if right.peak_force_n < left.peak_force_n:
        return "right"
    return None


# ---------------------------------------------------------------------------
# Manual muscle testing (MRC scale)


def mmt_label(grade: int, modifier: str | None = None) -> str:
    """Display form such as ``4-`` or ``5``."""
    if grade not in MMT_GRADE_DESCRIPTIONS:
        raise ValueError(f"MRC grade must be 0 to 5, got {grade!r}")
    if modifier not in _MODIFIER_ORDER:
        raise ValueError(f"MRC modifier must be '-' or '+', got {modifier!r}")
    return f"{grade}{modifier or ''}"


def mmt_rank(side: MmtSide) -> tuple[int, int]:
    """Sort key: 4- < 4 < 4+ < 5- < 5."""
    return side.grade, _MODIFIER_ORDER[side.modifier]


def mmt_side_dict(side: MmtSide) -> dict[str, Any]:
    return {
        "grade": side.grade,
        "modifier": side.modifier,
        "label": mmt_label(side.grade, side.modifier),
        "description": MMT_GRADE_DESCRIPTIONS[side.grade],
        "below_normal": side.grade < MMT_NORMAL_GRADE,
    }


def mmt_weaker_side(left: MmtSide | None, right: MmtSide | None) -> Side | None:
    if left is None or right is None or mmt_rank(left) == mmt_rank(right):
        return None
    return "left" if mmt_rank(left) < mmt_rank(right) else "right"


# ---------------------------------------------------------------------------
# Protocol comparison between visits

_FIELD_LABELS = {
    "position": "test position",
    "contraction": "contraction type (make or break)",
    "fixation": "fixation",
    "pad_site": "pad site",
    "device": "device",
}
_VALUE_LABELS = {
    "side_lying": "side-lying",
    "supine": "supine",
    "standing": "standing",
    "make": "make test",
    "break": "break test",
    "belt": "belt",
    "wall": "wall",
    "examiner": "examiner-held",
}
_WHY = {
    "position": (
        f"Position alone shifts hip-abduction force by about {POSITION_FORCE_SHIFT_PCT}% "
        "(Cerda-Vega 2018)"
    ),
    "contraction": "make and break tests give different values (Leijendekkers 2017)",
    "fixation": "fixation changes how still the dynamometer is held and the values obtained",
    "pad_site": "a different pad site changes the lever and the force",
    "device": "dynamometers differ in calibration and range",
}


@dataclass(frozen=True)
class ProtocolDifference:
    field: str
    message: str
    blocks_comparison: bool


def _norm_text(value: str | None) -> str | None:
    if value is None:
        return None
    text = " ".join(value.split()).casefold()
    return text or None


def protocol_differences(baseline: HipAbduction, retest: HipAbduction) -> list[ProtocolDifference]:
    """Every protocol difference between two hip-abduction tests, worst first.

    ``blocks_comparison`` is true when the numbers should not be compared at
    all; other items are cautions.
    """
    out: list[ProtocolDifference] = []
    if baseline.method != retest.method:
        out.append(
            ProtocolDifference(
                "method",
                "Different methods (dynamometer at one visit, manual grading at the other): "
                "strength values cannot be compared.",
                True,
            )
        )
        return out
    for name in ("position", "contraction", "fixation", "pad_site", "device"):
        raw_before, raw_after = getattr(baseline, name), getattr(retest, name)
        before, after = _norm_text(raw_before), _norm_text(raw_after)
        label = _FIELD_LABELS[name]
        if before is not None and after is not None and before != after:
            shown_before = _VALUE_LABELS.get(raw_before, raw_before)
            shown_after = _VALUE_LABELS.get(raw_after, raw_after)
            out.append(
                ProtocolDifference(
                    name,
                    f"The {label} differs ({shown_before} at baseline, {shown_after} now): "
                    f"{_WHY[name]}, so the strength values are not comparable.",
                    True,
                )
            )
        elif (before is None) != (after is None):
            when = "baseline" if before is not None else "this visit"
            out.append(
                ProtocolDifference(
                    name,
                    f"The {label} was recorded only at {when}; the same protocol cannot be confirmed.",
                    False,
                )
            )
    if baseline.method == "hhd":
        if baseline.unit != retest.unit:
            out.append(
                ProtocolDifference(
                    "unit",
                    f"Readings were recorded in {baseline.unit} at baseline and {retest.unit} now; "
                    "both were converted to newtons, but check the device's unit setting.",
                    False,
                )
            )
        for side_name in ("left", "right"):
            before_side, after_side = baseline.side(side_name), retest.side(side_name)
            if not isinstance(before_side, HhdSide) or not isinstance(after_side, HhdSide):
                continue
            lever_before, lever_after = before_side.lever_arm_cm, after_side.lever_arm_cm
            if lever_before is not None and lever_after is not None:
                if abs(lever_before - lever_after) > LEVER_ARM_TOLERANCE_CM:
                    out.append(
                        ProtocolDifference(
                            f"{side_name}.lever_arm_cm",
                            f"The {side_name} lever arm differs by more than "
                            f"{LEVER_ARM_TOLERANCE_CM:g} cm ({lever_before:g} cm at baseline, "
                            f"{lever_after:g} cm now): lever length changes the measured force "
                            "and torque (Krause 2007), so the values are not comparable.",
                            True,
                        )
                    )
            elif (lever_before is None) != (lever_after is None):
                out.append(
                    ProtocolDifference(
                        f"{side_name}.lever_arm_cm",
                        f"The {side_name} lever arm was recorded at only one visit: the change is "
                        "compared on force relative to body weight, not on torque.",
                        False,
                    )
                )
    out.sort(key=lambda item: not item.blocks_comparison)
    return out


def compare_protocols(baseline: HipAbduction, retest: HipAbduction) -> list[str]:
    """Plain-language warnings when the retest protocol differs from the baseline."""
    return [item.message for item in protocol_differences(baseline, retest)]


def protocols_comparable(baseline: HipAbduction, retest: HipAbduction) -> bool:
    return not any(item.blocks_comparison for item in protocol_differences(baseline, retest))
