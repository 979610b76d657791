"""Force sensors: one interface, a driver registry, pure protocol decoders. No Qt, no storage."""

from desktop.devices.base import (
    BatteryStatus,
    DeviceError,
    DeviceEvent,
    ForceSource,
    SampleBlock,
    SampleBuffer,
    estimate_rate_hz,
    resample_uniform,
)
from desktop.devices.registry import DRIVERS, Driver, driver, open_source

__all__ = [
    "DRIVERS",
    "BatteryStatus",
    "DeviceError",
    "DeviceEvent",
    "Driver",
    "ForceSource",
    "SampleBlock",
    "SampleBuffer",
    "driver",
    "estimate_rate_hz",
    "open_source",
    "resample_uniform",
]
