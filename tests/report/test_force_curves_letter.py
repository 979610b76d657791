"""Force-time curves in the letter: the best trial's curve, time to peak and RFD, their trends."""

from __future__ import annotations

from collections.abc import Callable

from report_examples import all_text, pages_text

from desktop.clinical.trends import curve_key
from desktop.report import samples
from desktop.report.curve_chart import best_curves

Render = Callable[..., bytes]


def test_captured_visit_prints_curve_measures_and_chart(render: Render) -> None:
    data = samples.captured_curves()
    hip = data.results.hip_abduction
    assert hip is not None
    text = all_text(render(data))
    assert "Time to peak (best trial)" in text and "RFD 0–200 ms (best trial)" in text
    for side in ("left", "right"):
        result = hip.hhd(side)
        assert result is not None and result.rfd_0_200_n_per_s is not None
        assert f"{result.time_to_peak_s:.2f} s" in text
        assert f"{result.rfd_0_200_n_per_s:.0f} N/s" in text
    assert "Force-time curve of the best trial on each side" in text
    assert f"Left peak {hip.hhd('left').peak_force_n:.0f} N" in text
    assert "RFD 0–200 ms, best trial (N/s)" in text and "Time to peak, best trial (s)" in text


def test_chart_uses_the_best_trial_aligned_at_onset() -> None:
    data = samples.captured_curves()
    curves = {c.side: c for c in best_curves(data.assessment)}
    hip = data.results.hip_abduction
    assert hip is not None
    for side in ("left", "right"):
        curve, result = curves[side], hip.hhd(side)
        assert result is not None and result.time_to_peak_s is not None
        assert curve.peak_n == result.peak_force_n
        assert abs(curve.peak_s - result.time_to_peak_s) < 1e-6  # time axis starts at onset
        assert (
            len(curve.time_s) <= 360 and max(curve.force_n) == curve.peak_n
        )  # decimation keeps the peak
    trends = data.trends
    assert trends is not None
    assert len(trends[curve_key("rfd_0_200_n_per_s", "left")].points) == 2


def test_typed_trials_print_no_curve_rows(render: Render) -> None:
    data = samples.first_visit()
    pages = pages_text(render(data))
    text = " ".join(pages)
    assert "Time to peak" not in text and "RFD" not in text and "Force-time curve" not in text
