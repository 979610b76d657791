"""Recording from a force sensor without the window: ``medius capture`` and CSV curve files."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from desktop.devices.base import DeviceError, ForceSource, estimate_rate_hz, resample_uniform
from desktop.devices.csv_file import ForceFileError, force_csv_text, parse_force_csv
from desktop.services.files import write_bytes_atomic


@dataclass(frozen=True)
class Recording:
    time_s: np.ndarray
    force_n: np.ndarray
    lost: int

    @property
    def rate_hz(self) -> float | None:
        return estimate_rate_hz(self.time_s)


def record(
    source: ForceSource,
    seconds: float,
    *,
    tare: bool = True,
    side: str = "left",
    poll_s: float = 0.02,
) -> Recording:
    """Connect, optionally tare, stream ``seconds`` of device time, stop and disconnect."""
    if not seconds > 0:
        raise ValueError("seconds must be positive")
    source.connect()
    try:
        if tare:
            source.tare()
        source.prepare_trial(side)
        source.start()
        times: list[np.ndarray] = []
        forces: list[np.ndarray] = []
        index = 0
        lost = 0
        last_data = time.monotonic()
        while True:
            block = source.buffer.read_since(index)
            index = block.start_index + len(block)
            lost += block.lost
            if len(block):
                times.append(block.time_s)
                forces.append(block.force_n)
                last_data = time.monotonic()
                if block.time_s[-1] >= seconds:
                    break
            for event in source.drain_events():
                if event.kind in ("disconnected", "error"):
                    raise DeviceError(event.message)
            if time.monotonic() - last_data > 5.0:
                raise DeviceError("The dynamometer sent no data for 5 seconds.")
            time.sleep(poll_s)
        source.stop()
    finally:
        source.disconnect()
    all_t = np.concatenate(times)
    all_f = np.concatenate(forces)
    keep = all_t <= seconds
    return Recording(all_t[keep], all_f[keep], lost)


def write_capture_csv(path: Path, recording: Recording) -> Path:
    return write_bytes_atomic(
        path, force_csv_text(recording.time_s, recording.force_n).encode("utf-8")
    )


@dataclass(frozen=True)
class ImportedCurve:
    rate_hz: float
    force_n: np.ndarray


def read_force_csv(
    path: Path, unit: str | None = None, *, fallback_unit: str | None = None
) -> ImportedCurve:
    """A device's force-time CSV as an even-rate curve in newtons; ForceFileError names the line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ForceFileError("the file is not UTF-8 text") from None
    except OSError as exc:
        raise ForceFileError(f"the file could not be read ({exc.strerror or 'error'})") from None
    times, forces = parse_force_csv(text, unit, fallback_unit=fallback_unit)
    rate = estimate_rate_hz(times)
    if rate is None:
        raise ForceFileError("the times do not give a sample rate")
    rate = round(rate, 1)
    return ImportedCurve(rate, resample_uniform(times, forces, rate))
