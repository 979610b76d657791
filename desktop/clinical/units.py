"""Force units and normalisation constants, defined once.

Dynamometers display newtons, kilogram-force or pound-force; every formula in
the engine works in newtons so results from different devices stay
comparable. The conversion factors are the exact values fixed by design.md.
"""

from __future__ import annotations

import math

# Standard gravity, exact by definition (CGPM 1901); design.md uses it for kgf and %BW.
STANDARD_GRAVITY_M_S2 = 9.80665
# design.md "Formulas": 1 kgf = 9.80665 N, 1 lbf = 4.4482216 N.
NEWTONS_PER_KGF = STANDARD_GRAVITY_M_S2
NEWTONS_PER_LBF = 4.4482216

NEWTONS_PER_UNIT: dict[str, float] = {
    "N": 1.0,
    "kgf": NEWTONS_PER_KGF,
    "lbf": NEWTONS_PER_LBF,
}
CM_PER_M = 100.0


def _finite(value: float, what: str) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{what} must be a finite number, got {value!r}")
    return number


def to_newtons(value: float, unit: str) -> float:
    """Convert a force reading in ``unit`` (N, kgf or lbf) to newtons."""
    try:
        factor = NEWTONS_PER_UNIT[unit]
    except KeyError:
        raise ValueError(f"unknown force unit {unit!r}; use one of N, kgf, lbf") from None
    return _finite(value, "force") * factor


def from_newtons(value_n: float, unit: str) -> float:
    """Express a force in newtons in ``unit`` (N, kgf or lbf), e.g. for display."""
    try:
        factor = NEWTONS_PER_UNIT[unit]
    except KeyError:
        raise ValueError(f"unknown force unit {unit!r}; use one of N, kgf, lbf") from None
    return _finite(value_n, "force") / factor


def cm_to_m(value_cm: float) -> float:
    return _finite(value_cm, "length") / CM_PER_M


def body_weight_n(body_mass_kg: float) -> float:
    """Body weight in newtons; %BW divides by this (design.md, clinical-reference §2.4)."""
    mass = _finite(body_mass_kg, "body mass")
    if mass <= 0:
        raise ValueError("body mass must be a positive number")
    return mass * STANDARD_GRAVITY_M_S2
