"""The Progressor driver end to end against an in-process BLE link that speaks the protocol."""

from __future__ import annotations

import asyncio
import struct
from collections.abc import Callable

import numpy as np
import pytest

from desktop.devices.base import DeviceError, estimate_rate_hz
from desktop.devices.progressor import (
    CMD_BATTERY,
    CMD_START,
    CMD_STOP,
    CMD_TARE,
    NOTIFY_UUID,
    WRITE_UUID,
    ProgressorSource,
)
from tests.fixtures.waiting import wait_until

RATE_HZ = 80.0


class FakeProgressorLink:
    """Plays a Progressor: answers commands and streams weight frames in odd-sized notifications."""

    def __init__(self, *, fail_connect: bool = False) -> None:
        self.fail_connect = fail_connect
        self.commands: list[int] = []
        self._notify: Callable[[bytes], None] | None = None
        self._on_disconnect: Callable[[], None] | None = None
        self._task: asyncio.Task[None] | None = None
        self.tare_kg = 0.0
        self.address = "FA:KE:00:00:00:01"

    async def connect(self, on_disconnect: Callable[[], None]) -> None:
        if self.fail_connect:
            raise OSError("org.bluez.Error.Failed")
        self._on_disconnect = on_disconnect

    async def start_notify(self, uuid: str, callback: Callable[[bytes], None]) -> None:
        assert uuid == NOTIFY_UUID
        self._notify = callback

    async def write(self, uuid: str, data: bytes) -> None:
        assert uuid == WRITE_UUID and len(data) == 1
        command = data[0]
        self.commands.append(command)
        assert self._notify is not None
        if command == CMD_TARE:
            self.tare_kg = 2.0
        elif command == CMD_BATTERY:
            self._notify(bytes([0, 4]) + struct.pack("<I", 4020))
        elif command == CMD_START:
            self._task = asyncio.get_running_loop().create_task(self._stream())
        elif command == CMD_STOP and self._task is not None:
            self._task.cancel()

    async def _stream(self) -> None:
        assert self._notify is not None
        index = 0
        pending = b""
        chunk_sizes = [5, 20, 3, 41, 16]
        while True:
            # Four samples per frame, the way the device batches them.
            pairs = []
            for _ in range(4):
                kg = 2.0 - self.tare_kg + 10.0 * min(1.0, index / 40)
                pairs.append(struct.pack("<fI", kg, 3_000_000 + int(index * 1e6 / RATE_HZ)))
                index += 1
            payload = b"".join(pairs)
            pending += bytes([1, len(payload)]) + payload
            if index % 40 == 0:
                pending += bytes([4, 0])  # a low-power warning now and then
            # Notifications cut across frame boundaries: split and merged frames.
            size = chunk_sizes[index % len(chunk_sizes)]
            while len(pending) >= size:
                self._notify(pending[:size])
                pending = pending[size:]
            await asyncio.sleep(0.002)

    async def disconnect(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def drop(self) -> None:
        """The device went out of range."""
        if self._task is not None:
            self._task.cancel()
        assert self._on_disconnect is not None
        self._on_disconnect()


def test_stream_decodes_to_newtons_with_rate_from_timestamps() -> None:
    link = FakeProgressorLink()
    source = ProgressorSource(link)
    source.connect()
    try:
        battery = source.battery()
        assert battery is not None and battery.voltage_v == pytest.approx(4.02)
        source.tare()
        source.start()
        wait_until(lambda: source.buffer.written >= 120)
        source.stop()
        block = source.buffer.read_since(0)
        assert block.lost == 0
        assert block.time_s[0] == 0.0  # time counts from the first sample of the capture
        assert estimate_rate_hz(block.time_s) == pytest.approx(RATE_HZ, rel=1e-3)
        assert np.all(np.diff(block.time_s) > 0)
        # 10 kg after tare, in newtons.
        assert block.force_n[60] == pytest.approx(10.0 * 9.80665, rel=1e-6)
        assert block.force_n[0] == pytest.approx(0.0, abs=1e-6)
        assert link.commands[:4] == [CMD_BATTERY, CMD_TARE, CMD_START, CMD_STOP]
        kinds = {event.kind for event in source.drain_events()}
        assert "low_power" in kinds
    finally:
        source.disconnect()


def test_disconnect_mid_stream_is_reported_once() -> None:
    link = FakeProgressorLink()
    source = ProgressorSource(link)
    source.connect()
    source.start()
    wait_until(lambda: source.buffer.written > 10)
    link.drop()
    link.drop()
    events = [e for e in source.drain_events() if e.kind == "disconnected"]
    assert len(events) == 1 and "lost" in events[0].message
    assert not source.connected and not source.streaming
    with pytest.raises(DeviceError, match="not connected"):
        source.start()
    source.disconnect()


def test_connection_failure_is_a_clear_device_error() -> None:
    source = ProgressorSource(FakeProgressorLink(fail_connect=True))
    with pytest.raises(DeviceError) as info:
        source.connect()
    assert "connection failed" in str(info.value)
    assert "bluez" not in str(info.value).lower()
    assert not source.connected
