"""What a force-time curve tells: time to peak and rate of force development.

Definitions are the app convention fixed in design.md ("Force-time
curves"), in the spirit of Maffiuletti et al. 2016 (Eur J Appl Physiol
116:1091): baseline = mean of the first 100 ms; onset = first sample at or
above baseline + 5% of (peak - baseline); peak = largest sample; time to
peak = t(peak) - t(onset); RFD 0-200 = (F(onset + 200 ms) - F(onset)) / 0.2 s
in newtons, taking the sample nearest to onset + 200 ms. Curves are evenly
sampled at ``rate_hz``; sample i is at i / rate_hz seconds.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.clinical.units import to_newtons

BASELINE_WINDOW_S = 0.1
ONSET_FRACTION = 0.05
RFD_WINDOW_S = 0.2


@dataclass(frozen=True)
class ForceCurve:
    """One trial's force samples at an even rate, in the test's recorded unit."""

    rate_hz: float
    force: tuple[float, ...]

    @property
    def peak(self) -> float:
        return max(self.force)

    @property
    def duration_s(self) -> float:
        return (len(self.force) - 1) / self.rate_hz if self.force else 0.0


# Curves are stored as float32 (about 7 significant digits); rounded to 4 decimals, finer than
# any dynamometer reads, the same numbers come back from storage and go into every export.
CURVE_DECIMALS = 4


def stored_curve(rate_hz: float, force: Sequence[float]) -> ForceCurve:
    """A curve exactly as storage keeps it (float32, then 4 decimals), so its peak is stable."""
    single = array("f", [float(f) for f in force])
    return ForceCurve(float(rate_hz), tuple(round(f, CURVE_DECIMALS) for f in single))


@dataclass(frozen=True)
class CurveMetrics:
    """Unrounded; ``None`` where the curve is too short to say."""

    peak_n: float
    baseline_n: float
    onset_s: float
    peak_s: float
    time_to_peak_s: float
    rfd_0_200_n_per_s: float | None


def curve_metrics(force_n: Sequence[float], rate_hz: float) -> CurveMetrics | None:
    """Time to peak and RFD 0-200 of one curve in newtons; None if it holds no rise to measure."""
    if not math.isfinite(rate_hz) or rate_hz <= 0:
        raise ValueError(f"sample rate must be a positive number, got {rate_hz!r}")
    samples = [float(f) for f in force_n]
    # The baseline needs a full 100 ms: samples at 0 .. < 0.1 s.
    baseline_count = math.ceil(BASELINE_WINDOW_S * rate_hz - 1e-9)
    if baseline_count < 1 or len(samples) <= baseline_count:
        return None
    baseline = math.fsum(samples[:baseline_count]) / baseline_count
    peak_index = max(range(len(samples)), key=samples.__getitem__)  # first largest sample
    peak = samples[peak_index]
    if peak <= baseline:
        return None
    level = baseline + ONSET_FRACTION * (peak - baseline)
    onset_index = next(i for i, f in enumerate(samples) if f >= level)
    target = onset_index + RFD_WINDOW_S * rate_hz
    rfd_index = math.floor(target + 0.5)  # nearest sample; a tie goes to the later one
    rfd = None
    if rfd_index < len(samples):
        rfd = (samples[rfd_index] - samples[onset_index]) / RFD_WINDOW_S
    return CurveMetrics(
        peak_n=peak,
        baseline_n=baseline,
        onset_s=onset_index / rate_hz,
        peak_s=peak_index / rate_hz,
        time_to_peak_s=(peak_index - onset_index) / rate_hz,
        rfd_0_200_n_per_s=rfd,
    )


def best_trial_index(trials: Sequence[float]) -> int:
    """The trial with the highest peak (the first of equals)."""
    return max(range(len(trials)), key=lambda i: trials[i])


def best_curve_metrics(
    trials: Sequence[float], curves: Sequence[ForceCurve | None], unit: str
) -> CurveMetrics | None:
    """Metrics of the best trial's curve (design.md), None when that trial has no curve."""
    if not trials or not curves:
        return None
    index = best_trial_index(trials)
    curve = curves[index] if index < len(curves) else None
    if curve is None or not curve.force:
        return None
    return curve_metrics([to_newtons(f, unit) for f in curve.force], curve.rate_hz)
