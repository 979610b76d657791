"""The serial driver end to end over a pty, with a device playing the Chronojump protocol."""

from __future__ import annotations

import os
import threading
import time

import numpy as np
import pytest
import serial

from desktop.devices.base import DeviceError, estimate_rate_hz
from desktop.devices.serial_line import SerialLineSource
from tests.fixtures.waiting import wait_until

RATE_HZ = 80.0


class FakeForceSensor(threading.Thread):
    """The sketch's behaviour on the master side of a pty: commands in, text lines out."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.master, slave = os.openpty()
        self.port = os.ttyname(slave)
        self._slave = slave  # kept open so the pty does not hang up before the driver opens it
        self.capturing = False
        self.offset_n = 4.0
        self.received: list[str] = []
        self._halt = threading.Event()
        os.set_blocking(self.master, False)

    def run(self) -> None:
        pending = b""
        started = 0.0
        sent = 0
        while not self._halt.is_set():
            try:
                pending += os.read(self.master, 1024)
            except BlockingIOError:
                pass
            except OSError:
                return
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                command = line.decode().strip()
                self.received.append(command)
                if command == "start_capture:":
                    self._write(b"Starting capture...\r\n")
                    self.capturing, started, sent = True, time.monotonic(), 0
                elif command == "end_capture:":
                    self.capturing = False
                    self._write(b"Capture ended\r\n")
                elif command == "tare:":
                    self.offset_n = 0.0
                    self._write(b"Taring OK\r\n")
                elif command == "get_version:":
                    self._write(b"Force_Sensor-0.5\r\n")
                else:
                    self._write(b"Not a valid command\r\n")
            if self.capturing:
                due = int(
                    (time.monotonic() - started) * RATE_HZ * 4
                )  # 4x real time keeps tests short
                lines = b""
                while sent < due:
                    us = int(sent * 1e6 / RATE_HZ)
                    force = self.offset_n + 50.0 * min(1.0, sent / 40)
                    lines += f"{us};{force:.1f}\r\n".encode()
                    sent += 1
                    if sent % 50 == 0:
                        lines += b"\xff\xfe;garbage\r\n"
                if lines:
                    self._write(lines)
            time.sleep(0.002)

    def _write(self, data: bytes) -> None:
        os.write(self.master, data)

    def unplug(self) -> None:
        self._halt.set()
        self.join(2)
        os.close(self.master)
        os.close(self._slave)


@pytest.fixture
def sensor() -> FakeForceSensor:
    device = FakeForceSensor()
    device.start()
    return device


def test_capture_over_a_pty(sensor: FakeForceSensor) -> None:
    source = SerialLineSource(sensor.port)
    source.connect()
    try:
        assert source.info.firmware == "Force_Sensor-0.5"
        source.tare()
        source.start()
        wait_until(lambda: source.buffer.written >= 100)
        source.stop()
        block = source.buffer.read_since(0)
        assert estimate_rate_hz(block.time_s) == pytest.approx(RATE_HZ, rel=1e-3)
        assert block.force_n[0] == pytest.approx(0.0)
        assert block.force_n[60] == pytest.approx(50.0)
        assert np.all(np.diff(block.time_s) > 0)
        assert source.decoder.discarded_lines >= 1
        assert {"tare:", "start_capture:", "end_capture:"} <= set(sensor.received)
    finally:
        source.disconnect()
        sensor.unplug()


def test_unplugged_cable_is_reported_as_disconnect(sensor: FakeForceSensor) -> None:
    source = SerialLineSource(sensor.port)
    source.connect()
    source.start()
    wait_until(lambda: source.buffer.written > 10)
    sensor.unplug()
    wait_until(lambda: not source.connected)
    events = source.drain_events()
    assert [e.kind for e in events] == ["disconnected"]
    assert "serial connection" in events[0].message
    source.disconnect()


def test_missing_port_is_a_clear_message(tmp_path: object) -> None:
    source = SerialLineSource("/dev/medius-no-such-port")
    with pytest.raises(DeviceError, match="could not be opened"):
        source.connect()


def test_loop_url_round_trips_sample_lines() -> None:
    """pyserial's loop:// echoes what is written: the decoder reads the device's lines back."""
    port = serial.serial_for_url("loop://", timeout=0.2)
    from desktop.devices.serial_line import LineSample, SerialLineDecoder

    port.write(b"0;0.5\r\n12500;88.25\r\n")
    decoder = SerialLineDecoder()
    assert decoder.feed(port.read(64)) == [LineSample(0, 0.5), LineSample(12500, 88.25)]
    port.close()
