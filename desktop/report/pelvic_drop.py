"""Measured pelvic drop in the letter: the table cell, the note on its error, the thumbnails.

Formatting only: the values, error band and threshold verdict come from the
clinical results (``TrendelenburgFinding.pelvic_drop_deg``, ``pelvic_drop_method``,
``pelvic_drop_error``). A side without a measured drop prints a dash, never "level".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from desktop.clinical.trendelenburg import TrendelenburgFinding
from desktop.report.wording import DASH, whole_or_decimal

PHOTO = "photo"
SIDE_WORDS = {"left": "Left", "right": "Right"}


def drop_cell(t: TrendelenburgFinding) -> str:
    """The "Pelvic drop" cell of one stance leg (plain text)."""
    value = t.pelvic_drop_deg
    if value is None:
        if t.pelvic_drop_cm is not None:
            return f"{whole_or_decimal(t.pelvic_drop_cm)} cm ({t.pelvic_drop_side} side)"
        return DASH
    side = t.pelvic_drop_side
    method = t.pelvic_drop_method
    if method != PHOTO:
        by = f", {method}" if method else ""
        return f"{whole_or_decimal(value)}° ({side} side{by})"
    word = "drop" if value >= 0 else "rise"
    text = f"{abs(value):.1f}° {word} ({side} side), photo"
    error = t.pelvic_drop_error or {}
    mdc = error.get("measurement_error_deg")
    if mdc is not None:
        beyond = error.get("beyond_measurement_error")
        text += f"; {'beyond' if beyond else 'within'} ±{mdc:g}° error"
    if error.get("threshold_deg") is not None:
        reached = "reaches" if error.get("threshold_reached") else "below"
        text += f"; {reached} clinic threshold {error['threshold_deg']:g}°"
    return text


def drop_note(findings: Iterable[TrendelenburgFinding]) -> str | None:
    """What a photo-measured drop can and cannot say, printed under the table when one is shown."""
    errors = [
        t.pelvic_drop_error or {}
        for t in findings
        if t.pelvic_drop_method == PHOTO and t.pelvic_drop_deg is not None
    ]
    if not errors:
        return None
    first = errors[0]
    text = (
        "Pelvic drop measured from photographs (landmarks on the posterior superior iliac spines, "
        "a reference photograph standing on both feet subtracted when taken). "
        f"A difference under {first.get('measurement_error_deg', 4):g}° is within measurement "
        "error (goniometric minimal detectable change, Youdas 2007); for 2D video about "
        "2.7–2.8° has been reported (Dingenen 2018, secondary source). "
    )
    threshold = first.get("threshold_deg")
    if threshold is not None:
        text += (
            f"The {threshold:g}° threshold is this clinic's own setting: no validated degree "
            "cut-off for a positive test exists."
        )
    else:
        text += "No validated degree cut-off for a positive test exists."
    return text


def thumbnail_row(
    renderer: Any, thumbnails: Mapping[str, bytes], findings: Mapping[str, TrendelenburgFinding]
) -> list[Any]:
    """Annotated pelvis thumbnails side by side, each with its caption (empty when none chosen)."""
    import io

    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    cells: list[list[Any]] = []
    width = min(renderer.content_width / 2 - 8, 220.0)
    for side in ("left", "right"):
        data = thumbnails.get(side)
        t = findings.get(side)
        if data is None or t is None or t.pelvic_drop_deg is None:
            continue
        w, h = ImageReader(io.BytesIO(data)).getSize()
        image = Image(io.BytesIO(data), width=width, height=width * h / w)
        caption = (
            f"{SIDE_WORDS[side]} stance: {drop_cell(t)}. Blue L and red R: the client's PSIS; "
            "dashed: horizontal through the stance side."
        )
        cells.append([image, renderer.para(renderer.text(caption), "Muted")])
    if not cells:
        return []
    grid = renderer._grid(
        [[c[0] for c in cells], [c[1] for c in cells]],
        colWidths=[width + 8] * len(cells),
        hAlign="LEFT",
    )
    return [grid]


def trend_figure(
    trends: Any, dates: list[Any], font: str, bold_font: str
) -> tuple[Any, tuple[str, ...]] | None:
    """Measured drop per stance leg over the visits, with its 4 deg error zone.

    None when fewer than two visits have a measured drop (one point is not a trend).
    """
    import math

    from desktop.clinical.trends import pelvic_drop_key
    from desktop.report import charts

    measures = [trends[pelvic_drop_key(side)] for side in ("left", "right")]
    if len({p.assessment_id for m in measures for p in m.points}) < 2:
        return None
    lines = [
        charts.trend_line(measure, f"{SIDE_WORDS[side]} stance", colour, marker=marker)
        for measure, side, colour, marker in zip(
            measures,
            ("left", "right"),
            (charts.LEFT_COLOUR, charts.RIGHT_COLOUR),
            ("circle", "triangle"),
            strict=True,
        )
        if measure.points
    ]
    values = [p.value for m in measures for p in m.points]
    values += [v for m in measures if m.zone is not None for v in (m.zone.low, m.zone.high)]
    low = min(0.0, math.floor(min(values)))
    top = charts.nice_ceiling(max(max(values), 1.0) * 1.15)
    drawing = charts.trend_chart(
        lines,
        dates=dates,
        title="Pelvic drop (°), by stance leg",
        font=font,
        bold_font=bold_font,
        y_range=(low, top),
        decimals=1,
    )
    captions = ["Positive: the lifted side is lower."]
    zone = next((m.zone for m in measures if m.zone is not None), None)
    if zone is not None:
        captions.append(
            f"Shaded: within measurement error ({zone.threshold_label}) of the first "
            "comparable visit."
        )
    if any(len(m.segments()) > 1 for m in measures):
        captions.append("Line broken where the measuring method changed.")
    return drawing, tuple(captions)
