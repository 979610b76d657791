"""Finding a trial in a stream: automatic start and end by threshold, manual override.

Pure bookkeeping over the samples a source wrote; the window and the
command line both drive it. A trial starts when force rises a threshold
above the resting level and ends when it has stayed below that level for a
moment; the clinician can end it by hand at any time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop.devices.base import SampleBlock, estimate_rate_hz, resample_uniform

# Rest is judged on the first samples after start (design.md baseline: first 100 ms).
BASELINE_S = 0.1
# A push counts once force is this far above rest: well above sensor noise (< 1 N) and far
# below any hip-abduction effort (> 50 N).
DEFAULT_THRESHOLD_N = 15.0
# Force back under the threshold this long ends the trial.
END_QUIET_S = 0.4
# Kept before onset and after the end, so the stored curve starts at rest.
PRE_ONSET_S = 0.5
POST_END_S = 0.25
MAX_TRIAL_S = 30.0


@dataclass(frozen=True)
class CapturedTrial:
    """One trial: an even-rate force curve in newtons, zeroed at rest, and its peak."""

    rate_hz: float
    force_n: np.ndarray
    ended_by: str  # "threshold", "manual", "timeout"

    @property
    def peak_n(self) -> float:
        return float(self.force_n.max())


class TrialRecorder:
    """Accumulates samples from ``start()`` and decides when the trial began and ended."""

    def __init__(
        self,
        threshold_n: float = DEFAULT_THRESHOLD_N,
        end_quiet_s: float = END_QUIET_S,
        max_trial_s: float = MAX_TRIAL_S,
    ) -> None:
        self.threshold_n = threshold_n
        self.end_quiet_s = end_quiet_s
        self.max_trial_s = max_trial_s
        self._time = np.zeros(4096)
        self._force = np.zeros(4096)
        self.count = 0
        self.lost = 0
        self.rest_n: float | None = None
        self.onset_s: float | None = None
        self.end_s: float | None = None
        self.ended_by: str | None = None
        self._last_above_s: float | None = None
        self.peak_n = 0.0

    @property
    def state(self) -> str:
        if self.ended_by is not None:
            return "done"
        return "waiting" if self.onset_s is None else "active"

    def add(self, block: SampleBlock) -> None:
        if self.ended_by is not None or len(block) == 0:
            return
        self.lost += block.lost
        end = self.count + len(block)
        if end > self._time.shape[0]:  # grow by doubling: appending stays cheap at 1 kHz
            size = max(end, 2 * self._time.shape[0])
            self._time = np.resize(self._time, size)
            self._force = np.resize(self._force, size)
        self._time[self.count : end] = block.time_s
        self._force[self.count : end] = block.force_n
        self.count = end
        times, forces = block.time_s, block.force_n
        if self.rest_n is None:
            all_t, all_f = self.samples()
            if all_t[-1] - all_t[0] >= BASELINE_S:
                self.rest_n = float(all_f[all_t - all_t[0] < BASELINE_S].mean())
            else:
                return
            times, forces = all_t, all_f
        relative = forces - self.rest_n
        above = relative >= self.threshold_n
        if self.onset_s is None and above.any():
            self.onset_s = float(times[int(np.argmax(above))])
        if self.onset_s is not None:
            self.peak_n = max(self.peak_n, float(relative.max()))
            if above.any():
                self._last_above_s = float(times[np.nonzero(above)[0][-1]])
            if (
                self._last_above_s is not None
                and times[-1] - self._last_above_s >= self.end_quiet_s
            ):
                self.finish("threshold")
        if self.state != "done" and times[-1] - self._first_time() >= self.max_trial_s:
            self.finish("timeout")

    def _first_time(self) -> float:
        return float(self._time[0])

    def samples(self) -> tuple[np.ndarray, np.ndarray]:
        """Views of everything recorded so far (valid until the next ``add``)."""
        return self._time[: self.count], self._force[: self.count]

    def finish(self, how: str = "manual") -> None:
        if self.ended_by is None:
            self.ended_by = how
            times, _ = self.samples()
            self.end_s = float(times[-1]) if times.shape[0] else None

    def result(self) -> CapturedTrial | None:
        """The trial's curve, or None when no push above the threshold was seen."""
        times, forces = self.samples()
        if self.onset_s is None or self.rest_n is None or times.shape[0] < 3:
            return None
        end = self._last_above_s if self._last_above_s is not None else float(times[-1])
        keep = (times >= self.onset_s - PRE_ONSET_S) & (times <= end + POST_END_S)
        rate = estimate_rate_hz(times)
        if rate is None:
            return None
        rate = round(rate, 1)
        curve = resample_uniform(times[keep], forces[keep] - self.rest_n, rate)
        return CapturedTrial(rate, curve, self.ended_by or "manual")
