"""Turn an exercise's ``pose`` block into backend-neutral drawing primitives.

The same primitive list feeds the SVG writer (window) and the reportlab
writer (PDF), so the two pictures cannot drift apart. Conventions shared by
every picture: start position light grey, end position solid dark, movement
arrows and the hold clock in one accent colour, props in neutral greys.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.illustrations.figure import Figure, Point, build_figure

BACKGROUND = "#ffffff"
START_NEAR = "#a3acb7"
START_FAR = "#c9cfd6"
END_NEAR = "#1c2631"
END_FAR = "#5d6874"
ACCENT = "#e8590c"
PROP_FILL = "#dfe4ea"
PROP_STROKE = "#5d6874"
BALL_FILL = "#3b7dd8"
BAND_END = "#2b9348"
BAND_START = "#a6dcb4"
FLOOR = "#2f353b"
MAT_FILL = "#b9d3ea"
WEIGHT_FILL = "#8d99a6"
HALO = "#ffffff"

ARROW_W = 3.4
ARROW_HEAD = 8.5
HALO_EXTRA = 3.0
FLOOR_W = 3.0
MARGIN = 7.0
ASPECT = 4.0 / 3.0
MAT_H = 2.0
WALL_W = 4.0
WALL_H = 115.0


@dataclass(frozen=True)
class Stroke:
    """Open polyline with round caps and joins."""

    points: tuple[Point, ...]
    width: float
    color: str


@dataclass(frozen=True)
class Disc:
    center: Point
    r: float
    fill: str | None
    stroke: str | None = None
    stroke_width: float = 0.0


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str | None = None
    stroke_width: float = 0.0
    radius: float = 0.0


@dataclass(frozen=True)
class Polygon:
    points: tuple[Point, ...]
    fill: str


@dataclass(frozen=True)
class Label:
    text: str
    x: float
    y: float
    size: float
    color: str


Primitive = Stroke | Disc | Box | Polygon | Label


@dataclass(frozen=True)
class Viewport:
    """Scene rectangle shown in the picture (y up), aspect 4:3."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Support:
    """A surface the figure may rest on: a horizontal top, a circle or a wall face."""

    kind: str  # "top" | "circle" | "wall"
    x0: float = 0.0
    x1: float = 0.0
    y: float = 0.0
    center: Point = (0.0, 0.0)
    r: float = 0.0


@dataclass(frozen=True)
class Scene:
    primitives: tuple[Primitive, ...]
    viewport: Viewport
    figures: Mapping[str, Figure] = field(default_factory=dict)
    supports: tuple[Support, ...] = ()


def _resolve(where: Any, figures: Mapping[str, Figure]) -> Point:
    if isinstance(where, str):
        which, joint = where.split(".", 1)
        return figures[which].joints[joint]
    return (float(where[0]), float(where[1]))


def _quad(p0: Point, p1: Point, bend: float, steps: int = 24) -> list[Point]:
    """Points on a quadratic curve from p0 to p1 bulging sideways by ``bend`` × chord."""
    mx, my = (p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2
    dx, dy = p1[0] - p0[0], p1[1] - p0[1]
    cx, cy = mx - dy * bend, my + dx * bend
    out = []
    for i in range(steps + 1):
        t = i / steps
        a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t**2
        out.append((a * p0[0] + b * cx + c * p1[0], a * p0[1] + b * cy + c * p1[1]))
    return out


def _head(tip: Point, before: Point) -> tuple[Polygon, Point]:
    """Triangle arrowhead at ``tip``; returns it and where the shaft should stop."""
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    base = (tip[0] - ux * ARROW_HEAD, tip[1] - uy * ARROW_HEAD)
    half = ARROW_HEAD * 0.62
    left = (base[0] - uy * half, base[1] + ux * half)
    right = (base[0] + uy * half, base[1] - ux * half)
    shaft_end = (tip[0] - ux * ARROW_HEAD * 0.6, tip[1] - uy * ARROW_HEAD * 0.6)
    return Polygon((tip, left, right), ACCENT), shaft_end


def _arrow(spec: Mapping[str, Any], figures: Mapping[str, Figure]) -> list[Primitive]:
    ox, oy = spec.get("offset") or (0.0, 0.0)
    p0 = _resolve(spec["from"], figures)
    p1 = _resolve(spec["to"], figures)
    p0 = (p0[0] + ox, p0[1] + oy)
    p1 = (p1[0] + ox, p1[1] + oy)
    pts = _quad(p0, p1, float(spec.get("bend", 0.0)))
    head_end, shaft_end = _head(pts[-1], pts[-3])
    shaft = pts[:-2] + [shaft_end]
    heads = [head_end]
    if spec.get("both_ends"):
        head_start, shaft_start = _head(pts[0], pts[2])
        shaft = [shaft_start] + shaft[2:]
        heads.append(head_start)
    out: list[Primitive] = [Stroke(tuple(shaft), ARROW_W + HALO_EXTRA * 1.4, HALO)]
    out.append(Stroke(tuple(shaft), ARROW_W, ACCENT))
    out.extend(heads)
    return out


def _clock(at: Point, hold_s: int | None) -> list[Primitive]:
    r = 8.5
    cx, cy = at
    out: list[Primitive] = [
        Disc(at, r, BACKGROUND, ACCENT, 3.0),
        Stroke(((cx, cy), (cx, cy + r * 0.62)), 2.6, END_NEAR),
        Stroke(((cx, cy), (cx + r * 0.5, cy)), 2.6, END_NEAR),
    ]
    if hold_s:
        out.append(Label(f"{hold_s} s", cx, cy - r - 9.0, 9.0, ACCENT))
    return out


def _figure_primitives(figure: Figure, which: str, view: str) -> list[Primitive]:
    near = START_NEAR if which == "start" else END_NEAR
    far = START_FAR if which == "start" else END_FAR
    out: list[Primitive] = []
    head_drawn = False
    for segment in figure.segments:
        if segment.limb in ("leg_near", "arm_near") and not head_drawn:
            out.append(Disc(figure.head, figure.head_r + HALO_EXTRA / 2, HALO))
            out.append(Disc(figure.head, figure.head_r, near))
            head_drawn = True
        color = far if segment.limb.endswith("_far") else near
        pts = (segment.start, segment.end)
        out.append(Stroke(pts, segment.width + HALO_EXTRA, HALO))
        out.append(Stroke(pts, segment.width, color))
    if not head_drawn:
        out.append(Disc(figure.head, figure.head_r + HALO_EXTRA / 2, HALO))
        out.append(Disc(figure.head, figure.head_r, near))
    return out


def _prop_primitives(
    prop: Mapping[str, Any], figures: Mapping[str, Figure]
) -> tuple[list[Primitive], list[Primitive], list[Support]]:
    """Props drawn behind the figures, props drawn over them, and support surfaces."""
    kind = prop["type"]
    below: list[Primitive] = []
    above: list[Primitive] = []
    supports: list[Support] = []
    if kind == "mat":
        x0, x1 = prop["x"]
        below.append(Box(x0, 0.0, x1 - x0, MAT_H, MAT_FILL, None, 0.0, 0.0))
        supports.append(Support("top", x0=x0, x1=x1, y=MAT_H))
    elif kind in ("roller", "ball"):
        center = (float(prop["at"][0]), float(prop["at"][1]))
        r = float(prop["r"])
        fill = PROP_FILL if kind == "roller" else BALL_FILL
        layer = below if prop.get("layer", "below") == "below" else above
        layer.append(Disc(center, r, fill, PROP_STROKE, 2.5))
        if kind == "roller":
            layer.append(Disc(center, r * 0.42, None, PROP_STROKE, 2.0))
        supports.append(Support("circle", center=center, r=r))
    elif kind in ("step", "bench"):
        x, w, h = float(prop["x"]), float(prop["w"]), float(prop["h"])
        below.append(Box(x, 0.0, w, h, PROP_FILL, PROP_STROKE, 2.5, 1.5))
        supports.append(Support("top", x0=x, x1=x + w, y=h))
    elif kind == "wall":
        x = float(prop["x"])
        h = float(prop.get("h", WALL_H))
        below.append(Box(x, 0.0, WALL_W, h, PROP_FILL, PROP_STROKE, 2.0))
        supports.append(Support("wall", x0=x, x1=x + WALL_W, y=h))
    elif kind == "band":
        a, b = prop["between"]
        for which, color in (("start", BAND_START), ("end", BAND_END)):
            if which in figures:
                fig = figures[which]
                if len(figures) == 1:
                    color = BAND_END
                layer = below if which == "start" and len(figures) > 1 else above
                layer.append(Stroke((fig.joints[a], fig.joints[b]), 3.6, color))
    elif kind == "weight":
        joint = prop["at"]
        style = prop.get("kind", "cuff")
        for which, color in (("start", START_FAR), ("end", WEIGHT_FILL)):
            if which not in figures:
                continue
            if len(figures) == 1:
                color = WEIGHT_FILL
            x, y = figures[which].joints[joint]
            layer = below if which == "start" and len(figures) > 1 else above
            if style == "cuff":
                layer.append(Box(x - 5.0, y - 5.0, 10.0, 10.0, color, END_NEAR, 2.0, 2.5))
            elif style == "kettlebell":
                layer.append(
                    Stroke(((x - 4.0, y - 5.0), (x - 3.0, y), (x + 3.0, y), (x + 4.0, y - 5.0)), 2.5, END_NEAR)
                )
                layer.append(Disc((x, y - 10.0), 7.0, color, END_NEAR, 2.0))
            else:
                layer.append(Stroke(((x - 5.0, y), (x + 5.0, y)), 2.5, END_NEAR))
                layer.append(Box(x - 8.0, y - 4.5, 4.0, 9.0, color, END_NEAR, 1.5, 1.0))
                layer.append(Box(x + 4.0, y - 4.5, 4.0, 9.0, color, END_NEAR, 1.5, 1.0))
    return below, above, supports


def _bounds(primitives: Sequence[Primitive]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for p in primitives:
        if isinstance(p, Stroke):
            half = p.width / 2
            for x, y in p.points:
                xs += [x - half, x + half]
                ys += [y - half, y + half]
        elif isinstance(p, Disc):
            r = p.r + p.stroke_width / 2
            xs += [p.center[0] - r, p.center[0] + r]
            ys += [p.center[1] - r, p.center[1] + r]
        elif isinstance(p, Box):
            xs += [p.x, p.x + p.w]
            ys += [p.y, p.y + p.h]
        elif isinstance(p, Polygon):
            xs += [x for x, _ in p.points]
            ys += [y for _, y in p.points]
        elif isinstance(p, Label):
            half_w = p.size * 0.3 * len(p.text)
            xs += [p.x - half_w, p.x + half_w]
            ys += [p.y, p.y + p.size]
    return min(xs), min(ys), max(xs), max(ys)


def _viewport(x0: float, y0: float, x1: float, y1: float) -> Viewport:
    x0, x1 = x0 - MARGIN, x1 + MARGIN
    y0, y1 = min(y0, 0.0) - MARGIN * 0.6, y1 + MARGIN
    w, h = x1 - x0, y1 - y0
    if w / h < ASPECT:
        extra = h * ASPECT - w
        x0 -= extra / 2
        w = h * ASPECT
    else:
        # Extra height goes above the figure so the floor stays near the bottom edge.
        h = w / ASPECT
    return Viewport(x0, y0, w, h)


def build_scene(pose: Mapping[str, Any], *, hold_s: int | None = None) -> Scene:
    """All primitives of one exercise picture, in drawing order, and its viewport."""
    view = pose["view"]
    figures: dict[str, Figure] = {"start": build_figure(pose["start"], view)}
    if pose.get("end") is not None:
        figures["end"] = build_figure(pose["end"], view)

    below: list[Primitive] = []
    above: list[Primitive] = []
    supports: list[Support] = [Support("top", x0=-1e6, x1=1e6, y=0.0)]
    for prop in pose.get("props") or ():
        b, a, s = _prop_primitives(prop, figures)
        below += b
        above += a
        supports += s

    body: list[Primitive] = []
    if "end" in figures:
        body += _figure_primitives(figures["start"], "start", view)
        body += _figure_primitives(figures["end"], "end", view)
    else:
        body += _figure_primitives(figures["start"], "end", view)

    marks: list[Primitive] = []
    for arrow in pose.get("arrows") or ():
        marks += _arrow(arrow, figures)

    content = below + body + above + marks
    x0, y0, x1, y1 = _bounds(content)
    if hold_s:
        clock_at = pose.get("hold_mark")
        at = (float(clock_at[0]), float(clock_at[1])) if clock_at else (x1 + 6.0, y1 - 9.0)
        marks += _clock(at, hold_s)
        content = below + body + above + marks
        x0, y0, x1, y1 = _bounds(content)

    viewport = _viewport(x0, y0, x1, y1)
    floor = Stroke(((viewport.x, 0.0), (viewport.x + viewport.w, 0.0)), FLOOR_W, FLOOR)
    background = Box(viewport.x, viewport.y, viewport.w, viewport.h, BACKGROUND)
    primitives = [background, floor] + below + body + above + marks
    return Scene(tuple(primitives), viewport, figures, tuple(supports))


def _capsule_samples(figure: Figure) -> list[tuple[Point, float]]:
    samples: list[tuple[Point, float]] = []
    for segment in figure.segments:
        (ax, ay), (bx, by) = segment.start, segment.end
        for i in range(11):
            t = i / 10
            samples.append(((ax + (bx - ax) * t, ay + (by - ay) * t), segment.width / 2))
    samples.append((figure.head, figure.head_r))
    return samples


def _gap(point: Point, radius: float, support: Support) -> float | None:
    x, y = point
    if support.kind == "top":
        if support.x0 <= x <= support.x1:
            return y - radius - support.y
        return None
    if support.kind == "circle":
        return math.hypot(x - support.center[0], y - support.center[1]) - radius - support.r
    if support.kind == "wall" and y <= support.y:
        if x < support.x0:
            return support.x0 - (x + radius)
        if x > support.x1:
            return (x - radius) - support.x1
        return -radius
    return None


def support_gaps(scene: Scene) -> dict[str, tuple[float, float]]:
    """Per figure: (smallest gap to any support, deepest dip below the floor).

    A figure that rests on something has a smallest gap near 0; a positive
    value means it floats, a clearly negative floor value means it sinks.
    """
    out: dict[str, tuple[float, float]] = {}
    for which, figure in scene.figures.items():
        nearest = math.inf
        floor_dip = math.inf
        for point, radius in _capsule_samples(figure):
            floor_dip = min(floor_dip, point[1] - radius)
            for support in scene.supports:
                gap = _gap(point, radius, support)
                if gap is not None:
                    nearest = min(nearest, gap)
        out[which] = (nearest, floor_dip)
    return out
