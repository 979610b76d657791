"""A calendar x axis for the trend charts: x is days since 1970-01-01, ticks on days,
weeks, month starts or years, computed with plain date arithmetic."""

from __future__ import annotations

import math
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import pyqtgraph as pg

_EPOCH = date(1970, 1, 1)


@lru_cache(maxsize=4096)
def date_to_x(day: date) -> float:
    """Days since 1970-01-01.

    Days rather than seconds keep coordinates small, so SVG export (which
    writes about six significant digits) still places points on the right day.
    """
    return float((day - _EPOCH).days)


AXIS_FIRST = date(1900, 1, 1)
AXIS_LAST = date(2200, 1, 1)
_TICK_MIN_PX = 72.0
_DAYS_PER_MONTH = 30.44
# (count, unit) tick steps from fine to coarse.
_TICK_STEPS: tuple[tuple[int, str], ...] = (
    (1, "day"), (7, "day"), (14, "day"), (1, "month"), (2, "month"), (3, "month"),
    (6, "month"), (12, "month"), (24, "month"), (60, "month"), (120, "month"),
)  # fmt: skip


def _step_days(step: tuple[int, str]) -> float:
    count, unit = step
    return float(count) if unit == "day" else count * _DAYS_PER_MONTH


class DayAxisItem(pg.AxisItem):
    """Calendar axis for x in days: ticks on days, weeks, month starts or years.

    Computed with plain date arithmetic, which keeps a redraw after panning
    cheap even with six linked charts.
    """

    def __init__(self) -> None:
        super().__init__(orientation="bottom")
        self._step: tuple[int, str] = (1, "month")

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:  # noqa: N802, N803
        low = max(minVal, date_to_x(AXIS_FIRST))
        high = min(maxVal, date_to_x(AXIS_LAST))
        if size <= 0 or not high > low:
            return []
        wanted_days = _TICK_MIN_PX * (maxVal - minVal) / size
        step = next((s for s in _TICK_STEPS if _step_days(s) >= wanted_days), _TICK_STEPS[-1])
        self._step = step
        count, unit = step
        first = _EPOCH + timedelta(days=math.ceil(low))
        values: list[float] = []
        if unit == "day":
            ordinal = first.toordinal()
            ordinal += (-ordinal) % count if count > 1 else 0
            x = float(ordinal - _EPOCH.toordinal())
            while x <= high:
                values.append(x)
                x += count
        else:
            month_index = first.year * 12 + first.month - 1
            if first.day != 1:
                month_index += 1
            month_index += (-month_index) % count
            while True:
                x = date_to_x(date(month_index // 12, month_index % 12 + 1, 1))
                if x > high:
                    break
                values.append(x)
                month_index += count
        return [(_step_days(step), values)]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        count, unit = self._step
        out = []
        for value in values:
            day = _EPOCH + timedelta(days=round(value))
            if unit == "day":
                out.append(f"{day.day} {day:%b}")
            elif count < 12:
                out.append(f"{day:%b %Y}")
            else:
                out.append(str(day.year))
        return out
