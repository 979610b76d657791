"""Force-time curves in storage: float32 little-endian bytes beside their trial."""

from __future__ import annotations

import numpy as np

from desktop.clinical.curves import ForceCurve, stored_curve

_DTYPE = np.dtype("<f4")


def curve_to_bytes(curve: ForceCurve) -> bytes:
    return np.asarray(curve.force, dtype=_DTYPE).tobytes()


def curve_from_columns(rate_hz: float | None, data: bytes | None) -> ForceCurve | None:
    if rate_hz is None or data is None:
        return None
    return stored_curve(rate_hz, np.frombuffer(data, dtype=_DTYPE).tolist())
