"""The drivers Medius knows, by name (design.md: ``medius devices`` lists them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.devices.base import ForceSource


@dataclass(frozen=True)
class Driver:
    name: str
    label: str
    description: str
    connection: str  # what the clinic must provide: "none", "bluetooth", "serial port"
    factory: Callable[[str | None], ForceSource]


def _simulated(_address: str | None) -> ForceSource:
    from desktop.devices.simulated import SimulatedSource

    return SimulatedSource(seed=None)


def _progressor(address: str | None) -> ForceSource:
    from desktop.devices.progressor import ProgressorSource

    return ProgressorSource(address=address)


def _serial(port: str | None) -> ForceSource:
    from desktop.devices.serial_line import SerialLineSource

    return SerialLineSource(port)


DRIVERS: dict[str, Driver] = {
    driver.name: driver
    for driver in (
        Driver(
            "simulated",
            "Demo dynamometer",
            "simulated make test (no hardware), for training and trying the flow",
            "none",
            _simulated,
        ),
        Driver(
            "progressor-ble",
            "Tindeq Progressor (Bluetooth)",
            "Tindeq Progressor and compatible open devices (Crimpdeq, Mito) over Bluetooth LE",
            "bluetooth",
            _progressor,
        ),
        Driver(
            "serial-line",
            "Serial force sensor (USB)",
            "Chronojump force sensor or an HX711 + Arduino rig: '<us>;<N>' lines at 115200 baud",
            "serial port",
            _serial,
        ),
    )
}


def driver(name: str) -> Driver:
    try:
        return DRIVERS[name]
    except KeyError:
        known = ", ".join(DRIVERS)
        raise KeyError(f"unknown device {name!r}; choose one of: {known}") from None


def open_source(name: str, address: str | None = None) -> ForceSource:
    """A new, not yet connected source for driver ``name`` (address or port where it needs one)."""
    return driver(name).factory(address)
