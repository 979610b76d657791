"""The simulated dynamometer: realistic, seedable, and usable through the trial recorder."""

from __future__ import annotations

import time

import numpy as np
import pytest

from desktop.clinical.curves import curve_metrics
from desktop.devices.base import DeviceError, SampleBuffer
from desktop.devices.registry import DRIVERS, open_source
from desktop.devices.simulated import MakeTestProfile, SimulatedSource, make_test_curve
from desktop.devices.trial import TrialRecorder


def test_make_test_curve_has_rest_rise_plateau_release() -> None:
    profile = MakeTestProfile(strength_left_n=150.0, trial_variation_pct=0.0)
    t, force = make_test_curve(profile, "left", 5.0, seed=3)
    rate = profile.rate_hz
    rest = force[: int(0.5 * rate)]
    assert abs(rest.mean()) < 0.5 and 0.3 < rest.std() < 1.0
    assert force.max() == pytest.approx(150.0, rel=0.05)
    assert abs(force[-int(0.3 * rate) :].mean()) < 0.5  # released by the end
    metrics = curve_metrics(force, rate)
    assert metrics is not None
    assert 0.3 < metrics.time_to_peak_s < 2.0
    assert metrics.rfd_0_200_n_per_s is not None and metrics.rfd_0_200_n_per_s > 100


def test_same_seed_same_curve_and_sides_differ() -> None:
    profile = MakeTestProfile()
    _, a = make_test_curve(profile, "left", 4.0, seed=7)
    _, b = make_test_curve(profile, "left", 4.0, seed=7)
    _, right = make_test_curve(profile, "right", 4.0, seed=7)
    assert np.array_equal(a, b)
    assert right.max() < a.max()


def test_streamed_trial_found_by_threshold() -> None:
    source = SimulatedSource(MakeTestProfile(strength_right_n=120.0), seed=2, speed=20.0)
    source.connect()
    source.prepare_trial("right")
    source.tare()
    source.start()
    recorder = TrialRecorder()
    index = 0
    deadline = time.monotonic() + 5
    while recorder.state != "done" and time.monotonic() < deadline:
        block = source.buffer.read_since(index)
        index += len(block)
        recorder.add(block)
        time.sleep(0.005)
    source.stop()
    trial = recorder.result()
    assert trial is not None and trial.ended_by == "threshold"
    assert trial.rate_hz == 1000.0
    assert trial.peak_n == pytest.approx(120.0, rel=0.15)
    assert recorder.lost == 0
    assert abs(trial.force_n[:100].mean()) < 1.0  # the stored curve starts at rest


def test_untared_offset_and_not_connected() -> None:
    source = SimulatedSource(seed=1)
    with pytest.raises(DeviceError):
        source.start()
    source.connect()
    source.start()
    deadline = time.monotonic() + 2
    while source.buffer.written < 200 and time.monotonic() < deadline:
        time.sleep(0.01)
    source.stop()
    assert source.buffer.read_since(0).force_n[:200].mean() == pytest.approx(3.5, abs=0.5)


def test_registry_names_and_ring_buffer_counts_losses() -> None:
    assert list(DRIVERS)[:3] == ["simulated", "progressor-ble", "serial-line"]
    assert isinstance(open_source("simulated"), SimulatedSource)
    ring = SampleBuffer(capacity=8)
    ring.extend(np.arange(5.0), np.arange(5.0))
    first = ring.read_since(0)
    assert len(first) == 5 and first.lost == 0
    ring.extend(np.arange(5.0, 15.0), np.arange(5.0, 15.0))
    later = ring.read_since(5)
    assert later.lost == 2 and list(later.time_s) == [7.0 + i for i in range(8)]


def test_ring_buffer_oversized_write_keeps_the_newest() -> None:
    ring = SampleBuffer(capacity=4)
    ring.extend(np.arange(6.0), np.arange(6.0))
    block = ring.read_since(0)
    assert block.lost == 2 and list(block.force_n) == [2.0, 3.0, 4.0, 5.0]
    assert ring.written == 6
