"""A serial force sensor that streams ``<microseconds>;<newtons>`` text lines.

This is the open Chronojump force-sensor protocol (an HX711 load-cell
amplifier on an Arduino, 115200 baud), which home-built rigs copy: ASCII
commands end in a colon (``start_capture:``, ``end_capture:``, ``tare:``,
``get_version:``), the device answers with a text line, and while capturing
every line is the microseconds since the capture started and the force in
newtons. :class:`SerialLineDecoder` is the pure part, tested on bytes.
"""

from __future__ import annotations

import math
import queue
import threading
import time
from dataclasses import dataclass
from typing import Any

from desktop.devices.base import DeviceError, ForceSource, SampleBuffer
from desktop.devices.progressor import Unwrapper

BAUD_RATE = 115200
MAX_LINE_BYTES = 200
# Newtons a hand-held rig can read; a line beyond this is noise on the wire.
MAX_PLAUSIBLE_N = 20000.0


@dataclass(frozen=True)
class LineSample:
    time_us: int
    force_n: float


@dataclass(frozen=True)
class LineReply:
    text: str


class SerialLineDecoder:
    """Splits a byte stream into lines; each line is a sample, a reply, or discarded."""

    def __init__(self) -> None:
        self._pending = bytearray()
        self.discarded_lines = 0

    def feed(self, data: bytes) -> list[LineSample | LineReply]:
        self._pending.extend(data)
        out: list[LineSample | LineReply] = []
        while True:
            end = self._pending.find(b"\n")
            if end < 0:
                if len(self._pending) > MAX_LINE_BYTES:
                    self._pending.clear()  # no newline for too long: line noise
                    self.discarded_lines += 1
                break
            raw = bytes(self._pending[:end]).strip(b"\r\x00 \t")
            del self._pending[: end + 1]
            if not raw:
                continue
            item = self.parse_line(raw)
            if item is None:
                self.discarded_lines += 1
            else:
                out.append(item)
        return out

    @staticmethod
    def parse_line(raw: bytes) -> LineSample | LineReply | None:
        try:
            text = raw.decode("ascii")
        except UnicodeDecodeError:
            return None
        if ";" in text:
            head, _, tail = text.partition(";")
            try:
                time_us = int(head)
                force = float(tail)
            except ValueError:
                return None
            if time_us < 0 or not math.isfinite(force) or abs(force) > MAX_PLAUSIBLE_N:
                return None
            return LineSample(time_us, force)
        if text.isprintable():
            return LineReply(text)
        return None


class SerialLineSource(ForceSource):
    """A :class:`ForceSource` over pyserial; ``port`` is a device path or a pyserial URL."""

    driver_name = "serial-line"
    REPLY_TIMEOUT_S = 3.0

    def __init__(
        self,
        port: str | None = None,
        *,
        baudrate: int = BAUD_RATE,
        buffer: SampleBuffer | None = None,
    ) -> None:
        super().__init__(buffer)
        self.port = port
        self.baudrate = baudrate
        self.decoder = SerialLineDecoder()
        self._serial: Any = None
        self._reader: threading.Thread | None = None
        self._replies: queue.Queue[str] = queue.Queue()
        self._clock = Unwrapper()
        self._stop_reading = threading.Event()
        self._write_lock = threading.Lock()
        self.info.model = "Serial force sensor"

    def connect(self) -> None:
        if self._connected:
            return
        try:
            import serial
        except ImportError as exc:  # pragma: no cover - pyserial is a declared dependency
            raise DeviceError("Serial support (pyserial) is not installed.") from exc
        port = self.port or _first_usb_serial_port()
        if port is None:
            raise DeviceError("No serial force sensor found. Plug it in, or choose its port.")
        try:
            self._serial = serial.serial_for_url(port, baudrate=self.baudrate, timeout=0.05)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise DeviceError(
                f"The serial port {port} could not be opened: {_reason(exc)}"
            ) from exc
        self.port = port
        self.info.address = port
        self._stop_reading.clear()
        self._connected = True
        self._reader = threading.Thread(target=self._read_loop, name="serial-line", daemon=True)
        self._reader.start()
        # Some boards reset when the port opens; leave capture mode from any earlier run.
        self._send("end_capture:")
        version = self._ask("get_version:", expect="Force_Sensor", timeout_s=1.5)
        if version:
            self.info.firmware = version

    def _read_loop(self) -> None:
        import serial

        while not self._stop_reading.is_set():
            try:
                data = self._serial.read(4096)
            except (serial.SerialException, OSError, TypeError, AttributeError):
                self._lost_connection("The serial connection to the dynamometer was lost.")
                return
            if not data:
                continue
            times: list[float] = []
            forces: list[float] = []
            for item in self.decoder.feed(data):
                if isinstance(item, LineSample):
                    if self._streaming:
                        times.append(self._clock.seconds(item.time_us))
                        forces.append(item.force_n)
                else:
                    self._replies.put(item.text)
            if times:
                self.buffer.extend(times, forces)

    def _send(self, command: str) -> None:
        import serial

        if not self._connected or self._serial is None:
            raise DeviceError("The dynamometer is not connected.")
        try:
            with self._write_lock:
                self._serial.write(command.encode("ascii") + b"\n")
                self._serial.flush()
        except (serial.SerialException, OSError) as exc:
            self._lost_connection("The serial connection to the dynamometer was lost.")
            raise DeviceError(
                "The dynamometer did not accept the command (connection lost)."
            ) from exc

    def _ask(
        self, command: str, *, expect: str | None = None, timeout_s: float | None = None
    ) -> str | None:
        """Send a command and wait for a reply line (one starting with ``expect`` if given)."""
        while not self._replies.empty():
            self._replies.get_nowait()
        self._send(command)
        wait = self.REPLY_TIMEOUT_S if timeout_s is None else timeout_s
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                text = self._replies.get(timeout=0.05)
            except queue.Empty:
                if not self._connected:
                    raise DeviceError("The dynamometer was disconnected.") from None
                continue
            if expect is None or text.startswith(expect):
                return text
        return None

    def tare(self) -> None:
        if self._ask("tare:", expect="Taring") is None:
            raise DeviceError(
                "The dynamometer did not confirm the tare. Check the cable and try again."
            )

    def start(self) -> None:
        self.buffer.clear()
        self._clock = Unwrapper()
        self._streaming = True
        if self._ask("start_capture:", expect="Starting") is None:
            self._streaming = False
            raise DeviceError(
                "The dynamometer did not start capturing. Check the cable and try again."
            )

    def stop(self) -> None:
        if not self._connected:
            self._streaming = False
            return
        self._streaming = False
        self._send("end_capture:")

    def disconnect(self) -> None:
        if self._serial is None:
            return
        if self._connected:
            try:
                self._send("end_capture:")
            except DeviceError:
                pass
        self._connected = False
        self._streaming = False
        self._stop_reading.set()
        if self._reader is not None:
            self._reader.join(2.0)
        try:
            self._serial.close()
        except OSError:
            pass
        self._serial = None


def _reason(exc: BaseException) -> str:
    text = str(exc).lower()
    if "permission" in text or "access" in text:
        return "permission denied (on Linux, add the user to the 'dialout' group)."
    if "no such file" in text or "could not open" in text or "not found" in text:
        return "no such port (is the sensor plugged in?)."
    if "busy" in text:
        return "the port is in use by another program."
    return "the port refused the connection."


def _first_usb_serial_port() -> str | None:
    try:
        from serial.tools import list_ports
    except ImportError:  # pragma: no cover
        return None
    for port in sorted(list_ports.comports(), key=lambda p: p.device):
        if port.vid is not None:  # USB adapters (Arduino boards) report a vendor id
            return str(port.device)
    return None
