"""Time to peak and RFD 0-200 (design.md "Force-time curves") on hand-worked curves."""

from __future__ import annotations

import pytest

from desktop.clinical import model as m
from desktop.clinical.curves import ForceCurve, best_curve_metrics, curve_metrics
from desktop.clinical.strength import compute_hhd_side


def test_twenty_hz_curve_worked_by_hand() -> None:
    # 20 Hz: the first 100 ms are samples 0 and 1, baseline (2 + 4) / 2 = 3 N.
    # Peak 102 N at sample 7; onset level 3 + 0.05 x 99 = 7.95 N, first reached at sample 3 (12 N).
    # Time to peak (7 - 3) / 20 = 0.2 s. Onset + 200 ms = sample 7: (102 - 12) / 0.2 = 450 N/s.
    metrics = curve_metrics([2, 4, 4, 12, 40, 80, 100, 102, 98, 50, 3], 20.0)
    assert metrics is not None
    assert metrics.baseline_n == 3.0
    assert metrics.peak_n == 102.0
    assert metrics.onset_s == pytest.approx(0.15)
    assert metrics.time_to_peak_s == pytest.approx(0.2)
    assert metrics.rfd_0_200_n_per_s == pytest.approx(450.0)


def test_one_kilohertz_ramp_worked_by_hand() -> None:
    # 100 ms at 0 N, then +1 N per ms to 300 N (sample 399), held to sample 599.
    force = [0.0] * 100 + [float(i - 99) for i in range(100, 400)] + [300.0] * 200
    # Onset level 0 + 0.05 x 300 = 15 N: sample 114. Peak: first 300 N at sample 399.
    # Time to peak (399 - 114) / 1000 = 0.285 s; sample 314 is 215 N: (215 - 15) / 0.2 = 1000 N/s.
    metrics = curve_metrics(force, 1000.0)
    assert metrics is not None
    assert metrics.time_to_peak_s == pytest.approx(0.285)
    assert metrics.rfd_0_200_n_per_s == pytest.approx(1000.0)


def test_nearest_sample_to_onset_plus_200_ms() -> None:
    # 33 Hz: baseline = samples 0-3 (0, 30.3, 60.6, 90.9 ms) = 1 N. Peak 150 N first at sample 13.
    # Level 1 + 0.05 x 149 = 8.45 N: onset sample 5 (10 N). Onset + 200 ms = 6.6 samples later,
    # nearest sample 12 (140 N): (140 - 10) / 0.2 = 650 N/s. Time to peak (13 - 5) / 33 s.
    force = [1, 1, 1, 1, 1, 10, 30, 50, 70, 90, 110, 130, 140, 150, 150, 149]
    metrics = curve_metrics(force, 33.0)
    assert metrics is not None
    assert metrics.time_to_peak_s == pytest.approx(8 / 33)
    assert metrics.rfd_0_200_n_per_s == pytest.approx(650.0)


def test_too_short_or_flat_curves_give_nothing_to_invent() -> None:
    assert curve_metrics([5.0, 5.0, 5.0, 5.0], 20.0) is None  # no rise
    assert curve_metrics([0.0, 1.0], 20.0) is None  # nothing after the baseline window
    short = curve_metrics([0, 0, 10, 50, 100], 20.0)  # ends 100 ms after onset
    assert short is not None and short.rfd_0_200_n_per_s is None
    assert short.time_to_peak_s == pytest.approx(0.1)
    with pytest.raises(ValueError):
        curve_metrics([1.0, 2.0], 0.0)


def test_best_trial_is_the_highest_peak_and_units_convert() -> None:
    weak = ForceCurve(20.0, (0, 0, 10, 20, 30, 40, 50, 50))
    # In kgf: baseline 0, peak 10 kgf at sample 6, onset sample 2 (1 kgf); TTP 0.2 s.
    # Onset + 200 ms = sample 6: (10 - 1) kgf x 9.80665 / 0.2 = 441.29925 N/s.
    strong = ForceCurve(20.0, (0, 0, 1, 3, 6, 9, 10, 9, 2))
    metrics = best_curve_metrics([5.0, 10.0], [weak, strong], "kgf")
    assert metrics is not None
    assert metrics.time_to_peak_s == pytest.approx(0.2)
    assert metrics.rfd_0_200_n_per_s == pytest.approx(9 * 9.80665 / 0.2)
    assert best_curve_metrics([12.0, 10.0], [None, strong], "kgf") is None  # best trial typed


def test_results_carry_curve_metrics_and_keep_peak_formula() -> None:
    curve = ForceCurve(20.0, (2, 4, 4, 12, 40, 80, 100, 102, 98, 50, 3))
    side = m.HhdSide(trials=(90.0, 102.0), lever_arm_cm=80.0, curves=(None, curve))
    result = compute_hhd_side(side, "N", 70.0)
    data = result.to_json()
    assert data["peak_force_n"] == 102.0
    assert data["mean_force_n"] == 96.0
    assert data["time_to_peak_s"] == 0.2
    assert data["rfd_0_200_n_per_s"] == 450.0
    typed = compute_hhd_side(
        m.HhdSide(trials=(90.0, 102.0), lever_arm_cm=80.0), "N", 70.0
    ).to_json()
    assert typed["time_to_peak_s"] is None and typed["rfd_0_200_n_per_s"] is None
