"""Tindeq Progressor over Bluetooth LE (the published protocol; Crimpdeq and Mito speak it too).

Frames on the notify characteristic are ``tag, length, payload``. Tag 1
carries weight samples as pairs of little-endian float32 kilograms and
uint32 microseconds; tag 0 answers a command (the battery answer is a
uint32 in millivolts); tag 4 warns of low power. A notification may hold
part of a frame or several frames, so :class:`ProgressorDecoder` reassembles
a byte stream and resynchronises past bytes that cannot start a frame.
"""

from __future__ import annotations

import asyncio
import math
import struct
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from desktop.devices.base import BatteryStatus, DeviceError, ForceSource, SampleBuffer

SERVICE_UUID = "7e4e1701-1ea6-40c9-9dcc-13d34ffead57"
NOTIFY_UUID = "7e4e1702-1ea6-40c9-9dcc-13d34ffead57"
WRITE_UUID = "7e4e1703-1ea6-40c9-9dcc-13d34ffead57"
NAME_PREFIXES = ("Progressor", "Crimpdeq", "Mito")

CMD_TARE = 0x64
CMD_START = 0x65
CMD_STOP = 0x66
CMD_FIRMWARE = 0x6B
CMD_BATTERY = 0x6F

TAG_COMMAND_REPLY = 0
TAG_WEIGHT = 1
TAG_LOW_POWER = 4
# Medius never starts the device-side RFD modes (tags 2 and 3), so only these can be genuine.
_MAX_LENGTH = {TAG_COMMAND_REPLY: 64, TAG_WEIGHT: 248, TAG_LOW_POWER: 8}
_MIN_LENGTH = {TAG_COMMAND_REPLY: 1, TAG_WEIGHT: 8, TAG_LOW_POWER: 0}

SAMPLE_STRUCT = struct.Struct("<fI")
MAX_PAYLOAD = 255
# A hand-held dynamometer never reads more than a tonne; a larger value is a corrupt frame.
MAX_PLAUSIBLE_KG = 1000.0
NEWTONS_PER_KG = 9.80665
_US_WRAP = 1 << 32


@dataclass(frozen=True)
class WeightSamples:
    time_us: tuple[int, ...]
    kilograms: tuple[float, ...]


@dataclass(frozen=True)
class CommandReply:
    payload: bytes


@dataclass(frozen=True)
class LowPower:
    payload: bytes


Frame = WeightSamples | CommandReply | LowPower


class ProgressorDecoder:
    """Turns notification bytes into frames; pure, so it is tested on recorded bytes."""

    def __init__(self) -> None:
        self._pending = bytearray()
        self.discarded_bytes = 0

    def _frame_ok(self, tag: int, payload: bytes) -> bool:
        if tag == TAG_WEIGHT:
            if len(payload) == 0 or len(payload) % SAMPLE_STRUCT.size:
                return False
            for kg, _ in SAMPLE_STRUCT.iter_unpack(payload):
                if not math.isfinite(kg) or abs(kg) > MAX_PLAUSIBLE_KG:
                    return False
        return True

    def feed(self, data: bytes) -> list[Frame]:
        self._pending.extend(data)
        frames: list[Frame] = []
        while len(self._pending) >= 2:
            tag, length = self._pending[0], self._pending[1]
            if (
                tag not in _MAX_LENGTH
                or not _MIN_LENGTH[tag] <= length <= _MAX_LENGTH[tag]
                or (tag == TAG_WEIGHT and length % SAMPLE_STRUCT.size)
            ):
                del self._pending[0]  # cannot start a frame: resynchronise one byte on
                self.discarded_bytes += 1
                continue
            if len(self._pending) < 2 + length:
                break  # the rest of this frame is in a later notification
            payload = bytes(self._pending[2 : 2 + length])
            if not self._frame_ok(tag, payload):
                del self._pending[: 2 + length]  # a well-formed header with corrupt content
                self.discarded_bytes += 2 + length
                continue
            del self._pending[: 2 + length]
            if tag == TAG_WEIGHT:
                pairs = list(SAMPLE_STRUCT.iter_unpack(payload))
                frames.append(WeightSamples(tuple(p[1] for p in pairs), tuple(p[0] for p in pairs)))
            elif tag == TAG_LOW_POWER:
                frames.append(LowPower(payload))
            else:
                frames.append(CommandReply(payload))
        return frames

    def reset(self) -> None:
        self._pending.clear()


class Unwrapper:
    """Device microsecond counters wrap at 2**32 (about 71 minutes); keep time running."""

    def __init__(self) -> None:
        self._last: int | None = None
        self._offset = 0
        self._first: int | None = None

    def seconds(self, raw_us: int) -> float:
        if self._last is not None and raw_us < self._last and self._last - raw_us > _US_WRAP // 2:
            self._offset += _US_WRAP
        self._last = raw_us
        total = raw_us + self._offset
        if self._first is None:
            self._first = total
        return (total - self._first) / 1e6


def battery_from_reply(payload: bytes) -> BatteryStatus | None:
    if len(payload) < 4:
        return None
    millivolts = struct.unpack_from("<I", payload)[0]
    # Single lithium cell: 3.3 V empty, 4.2 V full (approximate linear gauge).
    fraction = min(1.0, max(0.0, (millivolts / 1000.0 - 3.3) / 0.9))
    return BatteryStatus(voltage_v=millivolts / 1000.0, fraction=fraction)


class BleLink(Protocol):
    """The few BLE operations the driver needs; bleak in the clinic, a fake in tests."""

    async def connect(self, on_disconnect: Callable[[], None]) -> None: ...

    async def start_notify(self, uuid: str, callback: Callable[[bytes], None]) -> None: ...

    async def write(self, uuid: str, data: bytes) -> None: ...

    async def disconnect(self) -> None: ...


class BleakLink:
    """A :class:`BleLink` over bleak; without an address, the first Progressor-like device found."""

    def __init__(self, address: str | None = None, scan_timeout_s: float = 8.0) -> None:
        self.address = address
        self.scan_timeout_s = scan_timeout_s
        self._client: Any = None

    async def connect(self, on_disconnect: Callable[[], None]) -> None:
        try:
            from bleak import BleakClient, BleakScanner
        except ImportError as exc:  # pragma: no cover - bleak is a declared dependency
            raise DeviceError("Bluetooth support (bleak) is not installed.") from exc
        target: Any = self.address
        if target is None:
            target = await BleakScanner.find_device_by_filter(
                lambda dev, adv: (
                    bool(dev.name and dev.name.startswith(NAME_PREFIXES))
                    or SERVICE_UUID in (adv.service_uuids or [])
                ),
                timeout=self.scan_timeout_s,
            )
            if target is None:
                raise DeviceError(
                    "No Progressor found nearby. Switch it on (press the button until the light "
                    "blinks) and keep it within a few metres."
                )
        self._client = BleakClient(target, disconnected_callback=lambda _client: on_disconnect())
        await self._client.connect()
        self.address = getattr(target, "address", target)

    async def start_notify(self, uuid: str, callback: Callable[[bytes], None]) -> None:
        await self._client.start_notify(uuid, lambda _char, data: callback(bytes(data)))

    async def write(self, uuid: str, data: bytes) -> None:
        await self._client.write_gatt_char(uuid, data, response=True)

    async def disconnect(self) -> None:
        if self._client is not None:
            await self._client.disconnect()


class ProgressorSource(ForceSource):
    """The Progressor as a :class:`ForceSource`; the BLE link runs on its own asyncio thread."""

    driver_name = "progressor-ble"
    COMMAND_TIMEOUT_S = 5.0
    CONNECT_TIMEOUT_S = 20.0

    def __init__(
        self,
        link: BleLink | None = None,
        *,
        address: str | None = None,
        buffer: SampleBuffer | None = None,
    ) -> None:
        super().__init__(buffer)
        self.link: BleLink = link if link is not None else BleakLink(address)
        self.decoder = ProgressorDecoder()
        self._clock = Unwrapper()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._last_command: int | None = None
        self._reply: asyncio.Future[bytes] | None = None
        self._battery: BatteryStatus | None = None
        self.info.model = "Tindeq Progressor (or compatible)"

    # -- the asyncio thread ------------------------------------------------
    def _run(self, coro: Awaitable[Any], timeout: float) -> Any:
        if self._loop is None:
            raise DeviceError("The dynamometer is not connected.")
        future = asyncio.run_coroutine_threadsafe(coro, self._loop)  # type: ignore[arg-type]
        try:
            return future.result(timeout)
        except TimeoutError as exc:
            future.cancel()
            raise DeviceError("The dynamometer did not answer in time.") from exc
        except DeviceError:
            raise
        except (FileNotFoundError, ConnectionRefusedError) as exc:
            # bleak reaches BlueZ over the system D-Bus; no socket means no Bluetooth service.
            raise DeviceError(
                "Bluetooth is not available on this computer: switch Bluetooth on "
                "(on Linux the bluetooth service must be running)."
            ) from exc
        except Exception as exc:
            raise DeviceError(f"The dynamometer connection failed ({type(exc).__name__}).") from exc

    def _on_notify(self, data: bytes) -> None:
        for frame in self.decoder.feed(data):
            if isinstance(frame, WeightSamples):
                times = [self._clock.seconds(t) for t in frame.time_us]
                forces = np.asarray(frame.kilograms, dtype=np.float64) * NEWTONS_PER_KG
                self.buffer.extend(times, forces)
            elif isinstance(frame, LowPower):
                self._emit(
                    "low_power", "The dynamometer's battery is low: charge it after this session."
                )
            elif isinstance(frame, CommandReply):
                if self._last_command == CMD_BATTERY:
                    self._battery = battery_from_reply(frame.payload)
                if self._reply is not None and not self._reply.done():
                    self._reply.set_result(frame.payload)

    def _on_disconnect(self) -> None:
        self._lost_connection("The Bluetooth connection to the dynamometer was lost.")

    async def _command(self, command: int, *, wait_reply: bool) -> bytes | None:
        assert self._loop is not None
        self._last_command = command
        self._reply = self._loop.create_future() if wait_reply else None
        await self.link.write(WRITE_UUID, bytes([command]))
        if self._reply is None:
            return None
        return await asyncio.wait_for(self._reply, self.COMMAND_TIMEOUT_S)

    async def _open(self) -> None:
        await self.link.connect(self._on_disconnect)
        await self.link.start_notify(NOTIFY_UUID, self._on_notify)

    # -- ForceSource -------------------------------------------------------
    def connect(self) -> None:
        if self._connected:
            return
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="progressor-ble", daemon=True
        )
        self._thread.start()
        try:
            self._run(self._open(), self.CONNECT_TIMEOUT_S)
        except DeviceError:
            self._shutdown_loop()
            raise
        self._connected = True
        self.info.address = getattr(self.link, "address", None)

    def _shutdown_loop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(2.0)
            self._loop.close()
        self._loop = None
        self._thread = None

    def disconnect(self) -> None:
        if self._loop is None:
            return
        was_connected = self._connected
        self._connected = False
        self._streaming = False
        if was_connected:
            try:
                self._run(self.link.disconnect(), self.COMMAND_TIMEOUT_S)
            except DeviceError:
                pass  # already gone: nothing left to close
        self._shutdown_loop()

    def _require(self) -> None:
        if not self._connected:
            raise DeviceError("The dynamometer is not connected.")

    def tare(self) -> None:
        self._require()
        self._run(self._command(CMD_TARE, wait_reply=False), self.COMMAND_TIMEOUT_S)

    def start(self) -> None:
        self._require()
        self.decoder.reset()
        self._clock = Unwrapper()
        self.buffer.clear()
        self._run(self._command(CMD_START, wait_reply=False), self.COMMAND_TIMEOUT_S)
        self._streaming = True

    def stop(self) -> None:
        if not self._connected:
            self._streaming = False
            return
        self._run(self._command(CMD_STOP, wait_reply=False), self.COMMAND_TIMEOUT_S)
        self._streaming = False

    def battery(self) -> BatteryStatus | None:
        if not self._connected or self._streaming:
            return self._battery
        payload = self._run(self._command(CMD_BATTERY, wait_reply=True), self.COMMAND_TIMEOUT_S + 1)
        self._battery = battery_from_reply(payload or b"")
        return self._battery
