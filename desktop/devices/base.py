"""The device interface every force source speaks, and the buffer it writes into.

A source runs its own reader (a thread or an asyncio loop) and writes each
decoded sample into a :class:`SampleBuffer`; whoever displays or records
reads that buffer at its own pace (Friture's model: acquisition never waits
for drawing). Problems arrive as :class:`DeviceEvent` items on a queue, so a
reader polls one place for both data and trouble. No Qt, no storage here.
"""

from __future__ import annotations

import queue
import threading
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

EventKind = Literal["disconnected", "error", "low_power", "battery", "info"]


class DeviceError(Exception):
    """A device could not be reached or refused a command; the message is for the clinician."""


@dataclass(frozen=True)
class DeviceEvent:
    kind: EventKind
    message: str
    value: float | None = None


@dataclass(frozen=True)
class BatteryStatus:
    """Battery as the device reports it: a voltage, a fraction, or both."""

    voltage_v: float | None = None
    fraction: float | None = None

    def describe(self) -> str:
        parts = []
        if self.fraction is not None:
            parts.append(f"{round(100 * self.fraction)}%")
        if self.voltage_v is not None:
            parts.append(f"{self.voltage_v:.2f} V")
        return ", ".join(parts) or "unknown"


@dataclass(frozen=True)
class SampleBlock:
    """Samples read from a buffer: device time (s), force (N), host arrival (perf_counter s)."""

    start_index: int
    time_s: np.ndarray
    force_n: np.ndarray
    arrived_s: np.ndarray
    lost: int = 0

    def __len__(self) -> int:
        return int(self.force_n.shape[0])


class SampleBuffer:
    """A fixed-size ring of timestamped samples, written by one thread, read by others.

    Every sample has a running index. A reader keeps the index it has read up
    to and asks for what came after; if it fell so far behind that the ring
    overwrote samples, ``lost`` says how many, so a loss is counted, never hidden.
    """

    def __init__(self, capacity: int = 1 << 17) -> None:
        self.capacity = int(capacity)
        self._time = np.zeros(self.capacity, dtype=np.float64)
        self._force = np.zeros(self.capacity, dtype=np.float64)
        self._arrived = np.zeros(self.capacity, dtype=np.float64)
        self._written = 0
        self._lock = threading.Lock()

    @property
    def written(self) -> int:
        return self._written

    def clear(self) -> None:
        with self._lock:
            self._written = 0

    def extend(
        self,
        time_s: np.ndarray | list[float],
        force_n: np.ndarray | list[float],
        arrived_s: float | None = None,
    ) -> None:
        times = np.asarray(time_s, dtype=np.float64)
        forces = np.asarray(force_n, dtype=np.float64)
        count = int(times.shape[0])
        if count == 0:
            return
        now = time.perf_counter() if arrived_s is None else arrived_s
        skip = max(0, count - self.capacity)  # only the newest samples fit; the rest count as lost
        times, forces = times[skip:], forces[skip:]
        kept = count - skip
        with self._lock:
            start = (self._written + skip) % self.capacity
            first = min(kept, self.capacity - start)
            self._time[start : start + first] = times[:first]
            self._force[start : start + first] = forces[:first]
            self._arrived[start : start + first] = now
            if first < kept:
                rest = kept - first
                self._time[:rest] = times[first:]
                self._force[:rest] = forces[first:]
                self._arrived[:rest] = now
            self._written += count

    def read_since(self, index: int) -> SampleBlock:
        """Samples with running index >= ``index`` that are still in the ring."""
        with self._lock:
            written = self._written
            oldest = max(0, written - self.capacity)
            lost = max(0, oldest - index)
            begin = max(index, oldest)
            count = written - begin
            positions = (
                (np.arange(begin, written) % self.capacity) if count > 0 else np.zeros(0, int)
            )
            block = SampleBlock(
                begin,
                self._time[positions].copy(),
                self._force[positions].copy(),
                self._arrived[positions].copy(),
                lost,
            )
        return block

    def latest(self, count: int) -> SampleBlock:
        with self._lock:
            written = self._written
        return self.read_since(max(0, written - count))


@dataclass
class SourceInfo:
    """What a connected device said about itself."""

    model: str = ""
    firmware: str | None = None
    address: str | None = None
    notes: list[str] = field(default_factory=list)


class ForceSource(ABC):
    """A force sensor: connect, tare, start and stop a stream of samples in newtons.

    Samples land in ``buffer`` with device timestamps in seconds since
    ``start()``; ``events`` carries disconnects, errors and power warnings.
    Methods block until the device answered or a timeout passed and raise
    :class:`DeviceError` with a message a clinician can act on.
    """

    driver_name: str = ""

    def __init__(self, buffer: SampleBuffer | None = None) -> None:
        self.buffer = buffer if buffer is not None else SampleBuffer()
        self.events: queue.Queue[DeviceEvent] = queue.Queue()
        self.info = SourceInfo()
        self._connected = False
        self._streaming = False

    @property
    def connected(self) -> bool:
        return self._connected

    @property
    def streaming(self) -> bool:
        return self._streaming

    @abstractmethod
    def connect(self) -> None: ...

    @abstractmethod
    def disconnect(self) -> None: ...

    @abstractmethod
    def tare(self) -> None: ...

    @abstractmethod
    def start(self) -> None: ...

    @abstractmethod
    def stop(self) -> None: ...

    def battery(self) -> BatteryStatus | None:
        """The battery level if the device reports one."""
        return None

    def prepare_trial(self, side: str) -> None:
        """Which side is tested next; devices ignore it, the simulator pushes with that side."""
        return None

    def drain_events(self) -> list[DeviceEvent]:
        out: list[DeviceEvent] = []
        while True:
            try:
                out.append(self.events.get_nowait())
            except queue.Empty:
                return out

    def _emit(self, kind: EventKind, message: str, value: float | None = None) -> None:
        self.events.put(DeviceEvent(kind, message, value))

    def _lost_connection(self, message: str) -> None:
        """Called from the reader when the link drops; reported once."""
        if self._connected:
            self._connected = False
            self._streaming = False
            self._emit("disconnected", message)

    def __enter__(self) -> ForceSource:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.disconnect()


def estimate_rate_hz(time_s: np.ndarray) -> float | None:
    """Sampling rate from device timestamps: 1 / median interval, None with too few samples."""
    times = np.asarray(time_s, dtype=np.float64)
    if times.shape[0] < 3:
        return None
    steps = np.diff(times)
    steps = steps[steps > 0]
    if steps.shape[0] == 0:
        return None
    return float(1.0 / np.median(steps))


def resample_uniform(time_s: np.ndarray, force_n: np.ndarray, rate_hz: float) -> np.ndarray:
    """Force on an even grid from the first timestamp at ``rate_hz`` (linear interpolation).

    Devices stamp each sample; storage and the exchange format keep an even
    rate, so slight jitter in the device clock is interpolated away.
    """
    times = np.asarray(time_s, dtype=np.float64)
    forces = np.asarray(force_n, dtype=np.float64)
    if times.shape[0] == 0:
        return forces.copy()
    duration = times[-1] - times[0]
    count = int(np.floor(duration * rate_hz + 1e-9)) + 1
    grid = times[0] + np.arange(count) / rate_hz
    return np.interp(grid, times, forces)
