"""A simulated dynamometer: a realistic isometric make test, seedable.

Each trial starts at rest (sensor noise, an offset until tared), rises
smoothly to a plateau that wobbles with physiological tremor (8-12 Hz) and
slow drift, holds, and releases. Strength and side are configurable, so a
clinic without hardware, a trainer and every test can walk the whole flow;
the same seed gives the same curves.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, replace

import numpy as np

from desktop.devices.base import BatteryStatus, DeviceError, ForceSource, SampleBuffer


@dataclass(frozen=True)
class MakeTestProfile:
    """How the simulated client pushes; forces in newtons, times in seconds."""

    strength_left_n: float = 160.0
    strength_right_n: float = 128.0
    rate_hz: float = 1000.0
    lead_s: float = 0.8
    rise_s: float = 0.45
    hold_s: float = 2.6
    release_s: float = 0.35
    noise_n: float = 0.6
    tremor_pct: float = 1.5
    trial_variation_pct: float = 4.0
    offset_n: float = 3.5

    def strength(self, side: str) -> float:
        return self.strength_right_n if side == "right" else self.strength_left_n

    @property
    def trial_s(self) -> float:
        return self.lead_s + self.rise_s + self.hold_s + self.release_s


@dataclass(frozen=True)
class TrialShape:
    peak_n: float
    onset_s: float
    rise_s: float
    hold_s: float
    release_s: float
    tremor_hz: float
    tremor_phase: float
    drift_pct: float


def draw_trial(profile: MakeTestProfile, side: str, rng: np.random.Generator) -> TrialShape:
    spread = profile.trial_variation_pct / 100.0
    return TrialShape(
        peak_n=profile.strength(side) * float(rng.normal(1.0, spread)),
        onset_s=profile.lead_s * float(rng.uniform(0.85, 1.15)),
        rise_s=profile.rise_s * float(rng.uniform(0.8, 1.25)),
        hold_s=profile.hold_s * float(rng.uniform(0.9, 1.1)),
        release_s=profile.release_s * float(rng.uniform(0.85, 1.2)),
        tremor_hz=float(rng.uniform(8.0, 12.0)),
        tremor_phase=float(rng.uniform(0.0, 2 * math.pi)),
        drift_pct=float(rng.uniform(1.0, 3.0)),
    )


def shape_force(shape: TrialShape, t: np.ndarray, tremor_pct: float) -> np.ndarray:
    """Noise-free force at times ``t`` (s since start) for one trial."""
    t = np.asarray(t, dtype=np.float64)
    rise_end = shape.onset_s + shape.rise_s
    hold_end = rise_end + shape.hold_s
    release_end = hold_end + shape.release_s
    # The plateau peaks early and sags slightly (fatigue and effort drift).
    hold_phase = np.clip((t - rise_end) / max(shape.hold_s, 1e-9), 0.0, 1.0)
    plateau = shape.peak_n * (1.0 - shape.drift_pct / 100.0 * (hold_phase - 0.15) ** 2)
    force = np.zeros_like(t)
    rising = (t >= shape.onset_s) & (t < rise_end)
    force[rising] = (
        plateau[rising] * 0.5 * (1 - np.cos(math.pi * (t[rising] - shape.onset_s) / shape.rise_s))
    )
    holding = (t >= rise_end) & (t < hold_end)
    force[holding] = plateau[holding]
    releasing = (t >= hold_end) & (t < release_end)
    force[releasing] = (
        plateau[releasing]
        * 0.5
        * (1 + np.cos(math.pi * (t[releasing] - hold_end) / shape.release_s))
    )
    # Physiological tremor is not one clean sine: two nearby components beat against each
    # other, and effort wavers slowly (about 0.6 Hz) on top.
    phase = shape.tremor_phase
    tremor = (
        tremor_pct
        / 100.0
        * (
            0.6 * np.sin(2 * math.pi * shape.tremor_hz * t + phase)
            + 0.4 * np.sin(2 * math.pi * (shape.tremor_hz * 1.37) * t + 2.1 * phase)
            + 0.8 * np.sin(2 * math.pi * 0.6 * t + 0.5 * phase)
        )
    )
    return force * (1.0 + tremor)


def make_test_curve(
    profile: MakeTestProfile, side: str, duration_s: float, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """One whole trial, offline: (time_s, force_n) after tare."""
    rng = np.random.default_rng(seed)
    shape = draw_trial(profile, side, rng)
    t = np.arange(int(round(duration_s * profile.rate_hz))) / profile.rate_hz
    return t, shape_force(shape, t, profile.tremor_pct) + rng.normal(
        0.0, profile.noise_n, t.shape[0]
    )


class SimulatedSource(ForceSource):
    """The "Demo dynamometer": streams a make test each time :meth:`start` is called.

    ``speed`` > 1 runs the clock faster than real time (tests); timestamps
    stay in simulated seconds.
    """

    driver_name = "simulated"
    CHUNK_S = 0.004

    def __init__(
        self,
        profile: MakeTestProfile | None = None,
        *,
        seed: int | None = 0,
        speed: float = 1.0,
        buffer: SampleBuffer | None = None,
    ) -> None:
        super().__init__(buffer)
        self.profile = profile or MakeTestProfile()
        self.speed = float(speed)
        self._rng = np.random.default_rng(seed)
        self._side = "left"
        self._offset_n = self.profile.offset_n
        self._thread: threading.Thread | None = None
        self._halt = threading.Event()
        self._produced = 0
        self._battery = BatteryStatus(voltage_v=3.98, fraction=0.76)
        self.shape: TrialShape | None = None
        self.info.model = "Demo dynamometer (simulated)"
        self.info.firmware = "simulated"

    def configure(
        self, *, strength_left_n: float | None = None, strength_right_n: float | None = None
    ) -> None:
        changes = {}
        if strength_left_n is not None:
            changes["strength_left_n"] = float(strength_left_n)
        if strength_right_n is not None:
            changes["strength_right_n"] = float(strength_right_n)
        self.profile = replace(self.profile, **changes)

    def prepare_trial(self, side: str) -> None:
        self._side = side

    def connect(self) -> None:
        self._connected = True

    def disconnect(self) -> None:
        self._halt_thread()
        self._connected = False
        self._streaming = False

    def tare(self) -> None:
        self._require()
        self._offset_n = 0.0

    def battery(self) -> BatteryStatus | None:
        return self._battery

    def _require(self) -> None:
        if not self._connected:
            raise DeviceError("The dynamometer is not connected.")

    def start(self) -> None:
        self._require()
        self._halt_thread()
        self.shape = draw_trial(self.profile, self._side, self._rng)
        self.buffer.clear()
        self._produced = 0
        self._halt.clear()
        self._streaming = True
        self._thread = threading.Thread(
            target=self._stream, name="simulated-dynamometer", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._halt_thread()
        self._streaming = False

    def simulate_disconnect(self) -> None:
        """As if the battery died or the client walked out of range (for tests and training)."""
        self._halt.set()
        self._lost_connection("The dynamometer stopped responding (connection lost).")

    def samples(self, start: int, count: int) -> tuple[np.ndarray, np.ndarray]:
        """Samples ``start`` .. ``start + count`` of the current trial, with noise."""
        assert self.shape is not None
        t = (start + np.arange(count)) / self.profile.rate_hz
        force = shape_force(self.shape, t, self.profile.tremor_pct)
        force += self._rng.normal(0.0, self.profile.noise_n, count) + self._offset_n
        return t, force

    def _stream(self) -> None:
        began = time.perf_counter()
        rate = self.profile.rate_hz
        while not self._halt.is_set():
            due = int((time.perf_counter() - began) * self.speed * rate)
            count = due - self._produced
            if count > 0:
                t, force = self.samples(self._produced, count)
                self.buffer.extend(t, force)
                self._produced = due
            self._halt.wait(self.CHUNK_S)

    def _halt_thread(self) -> None:
        self._halt.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(2.0)
        self._thread = None
