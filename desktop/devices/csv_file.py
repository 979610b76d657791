"""Force-time text files: reading a device's CSV export, writing a capture.

A file is ``time_s,force`` rows after one header line; the force column's
header names its unit (``force_n``, ``force_kgf``, ``force_lbf``, or
``force (kgf)``), or the caller says which unit it is. Pure text in, arrays
out: the caller reads and writes the file.
"""

from __future__ import annotations

import csv
import io
import math
import re

import numpy as np

from desktop.clinical.units import NEWTONS_PER_UNIT

_UNIT_IN_HEADER = re.compile(r"force[\s_\-]*\(?\s*(n|kgf|lbf)\s*\)?$", re.IGNORECASE)
MAX_ROWS = 600_000


class ForceFileError(ValueError):
    """The file is not a force-time table; the message names the line."""


def _unit_from_header(name: str) -> str | None:
    match = _UNIT_IN_HEADER.fullmatch(name.strip())
    if not match:
        return None
    unit = match.group(1).lower()
    return {"n": "N", "kgf": "kgf", "lbf": "lbf"}[unit]


def parse_force_csv(
    text: str, unit: str | None = None, *, fallback_unit: str | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(time_s, force_n) from CSV text.

    ``unit`` overrides the header's unit; ``fallback_unit`` is used only when the
    header names none (the unit the clinician records the test in).
    """
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(io.StringIO(text), dialect)
    header = next(rows, None)
    if header is None or len(header) < 2:
        raise ForceFileError("line 1: expected a header 'time_s,force' (two columns)")
    time_name, force_name = header[0].strip().lower(), header[1].strip()
    if time_name not in ("time_s", "time", "t", "time (s)"):
        raise ForceFileError(
            f"line 1: the first column must be time in seconds (time_s), not {header[0]!r}"
        )
    found = _unit_from_header(force_name)
    chosen = unit or found or fallback_unit
    if chosen is None:
        if force_name.strip().lower() == "force":
            raise ForceFileError("line 1: the force unit is not named; choose N, kgf or lbf")
        raise ForceFileError(
            f"line 1: the second column must be force (force_n, force_kgf or force_lbf), "
            f"not {force_name!r}"
        )
    if chosen not in NEWTONS_PER_UNIT:
        raise ForceFileError(f"unknown force unit {chosen!r}; use N, kgf or lbf")
    times: list[float] = []
    forces: list[float] = []
    for line_no, row in enumerate(rows, start=2):
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) < 2:
            raise ForceFileError(f"line {line_no}: expected two values")
        try:
            t, f = float(row[0]), float(row[1])
        except ValueError:
            raise ForceFileError(
                f"line {line_no}: {row[0]!r}, {row[1]!r} are not numbers"
            ) from None
        if not (math.isfinite(t) and math.isfinite(f)):
            raise ForceFileError(f"line {line_no}: values must be finite numbers")
        if times and t <= times[-1]:
            raise ForceFileError(f"line {line_no}: time must increase ({t:g} after {times[-1]:g})")
        times.append(t)
        forces.append(f)
        if len(times) > MAX_ROWS:
            raise ForceFileError(f"more than {MAX_ROWS} samples: not a single trial")
    if len(times) < 3:
        raise ForceFileError("the file holds fewer than three samples")
    return np.asarray(times) - times[0], np.asarray(forces) * NEWTONS_PER_UNIT[chosen]


def force_csv_text(time_s: np.ndarray, force_n: np.ndarray) -> str:
    """A capture as CSV with header ``time_s,force_n`` (design.md), one row a sample."""
    lines = ["time_s,force_n"]
    lines.extend(f"{t:.6f},{f:.3f}" for t, f in zip(time_s.tolist(), force_n.tolist(), strict=True))
    return "\n".join(lines) + "\n"
