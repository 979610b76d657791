"""Force-time curves in storage: float32 little-endian bytes beside their trial.

Packed with the standard library's ``array`` (C floats): storage opens at
start-up, and numpy would add a few hundred milliseconds to it for two
conversions.
"""

from __future__ import annotations

import sys
from array import array

from desktop.clinical.curves import ForceCurve, stored_curve

_BIG_ENDIAN = sys.byteorder == "big"


def curve_to_bytes(curve: ForceCurve) -> bytes:
    values = array("f", curve.force)
    if _BIG_ENDIAN:
        values.byteswap()
    return values.tobytes()


def curve_from_columns(rate_hz: float | None, data: bytes | None) -> ForceCurve | None:
    if rate_hz is None or data is None:
        return None
    values = array("f")
    values.frombytes(data)
    if _BIG_ENDIAN:
        values.byteswap()
    return stored_curve(rate_hz, values.tolist())
