"""Two writers for one scene: SVG text (the window) and a reportlab Drawing (the PDF).

reportlab is imported inside ``to_drawing`` only, so the window and the
clinical code can use the SVG writer without loading the PDF library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from desktop.illustrations.scene import Box, Disc, Label, Polygon, Scene, Stroke

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

FONT_FAMILY = "DejaVu Sans, Helvetica, Arial, sans-serif"


def _fmt(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def to_svg(scene: Scene, width_px: int = 600, *, title: str | None = None) -> str:
    """A standalone SVG document; scene y-up is flipped to SVG y-down."""
    vp = scene.viewport
    height_px = round(width_px * vp.h / vp.w)
    top = vp.y + vp.h

    def px(x: float) -> str:
        return _fmt(x - vp.x)

    def py(y: float) -> str:
        return _fmt(top - y)

    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'width="{width_px}" height="{height_px}" viewBox="0 0 {_fmt(vp.w)} {_fmt(vp.h)}">'
    ]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    for p in scene.primitives:
        if isinstance(p, Stroke):
            pts = " ".join(f"{px(x)},{py(y)}" for x, y in p.points)
            parts.append(
                f'<polyline points="{pts}" fill="none" stroke="{p.color}" '
                f'stroke-width="{_fmt(p.width)}" stroke-linecap="round" stroke-linejoin="round"/>'
            )
        elif isinstance(p, Disc):
            fill = p.fill or "none"
            stroke = (
                f' stroke="{p.stroke}" stroke-width="{_fmt(p.stroke_width)}"' if p.stroke else ""
            )
            parts.append(
                f'<circle cx="{px(p.center[0])}" cy="{py(p.center[1])}" r="{_fmt(p.r)}" '
                f'fill="{fill}"{stroke}/>'
            )
        elif isinstance(p, Box):
            stroke = (
                f' stroke="{p.stroke}" stroke-width="{_fmt(p.stroke_width)}"' if p.stroke else ""
            )
            radius = f' rx="{_fmt(p.radius)}"' if p.radius else ""
            parts.append(
                f'<rect x="{px(p.x)}" y="{py(p.y + p.h)}" width="{_fmt(p.w)}" '
                f'height="{_fmt(p.h)}"{radius} fill="{p.fill}"{stroke}/>'
            )
        elif isinstance(p, Polygon):
            pts = " ".join(f"{px(x)},{py(y)}" for x, y in p.points)
            parts.append(f'<polygon points="{pts}" fill="{p.fill}" stroke-linejoin="round"/>')
        elif isinstance(p, Label):
            parts.append(
                f'<text x="{px(p.x)}" y="{py(p.y)}" font-family="{FONT_FAMILY}" '
                f'font-size="{_fmt(p.size)}" font-weight="bold" fill="{p.color}" '
                f'text-anchor="middle">{escape(p.text)}</text>'
            )
    parts.append("</svg>")
    return "\n".join(parts)


def to_drawing(scene: Scene, width_pt: float = 200.0) -> Drawing:
    """A reportlab vector Drawing ``width_pt`` wide, same look as the SVG."""
    from reportlab.graphics.shapes import Circle, Drawing, Group, PolyLine, Rect, String
    from reportlab.graphics.shapes import Polygon as RlPolygon
    from reportlab.lib.colors import HexColor

    vp = scene.viewport
    k = width_pt / vp.w
    drawing = Drawing(width_pt, vp.h * k)
    group = Group()
    # One transform maps scene units to points; reportlab's y already grows upwards.
    group.transform = (k, 0, 0, k, -vp.x * k, -vp.y * k)
    for p in scene.primitives:
        if isinstance(p, Stroke):
            flat = [c for point in p.points for c in point]
            group.add(
                PolyLine(
                    flat,
                    strokeColor=HexColor(p.color),
                    strokeWidth=p.width,
                    strokeLineCap=1,
                    strokeLineJoin=1,
                    fillColor=None,
                )
            )
        elif isinstance(p, Disc):
            group.add(
                Circle(
                    p.center[0],
                    p.center[1],
                    p.r,
                    fillColor=HexColor(p.fill) if p.fill else None,
                    strokeColor=HexColor(p.stroke) if p.stroke else None,
                    strokeWidth=p.stroke_width,
                )
            )
        elif isinstance(p, Box):
            group.add(
                Rect(
                    p.x,
                    p.y,
                    p.w,
                    p.h,
                    rx=p.radius,
                    ry=p.radius,
                    fillColor=HexColor(p.fill),
                    strokeColor=HexColor(p.stroke) if p.stroke else None,
                    strokeWidth=p.stroke_width,
                )
            )
        elif isinstance(p, Polygon):
            flat = [c for point in p.points for c in point]
            group.add(
                RlPolygon(
                    flat,
                    fillColor=HexColor(p.fill),
                    strokeColor=HexColor(p.fill),
                    strokeWidth=0.8,
                    strokeLineJoin=1,
                )
            )
        elif isinstance(p, Label):
            group.add(
                String(
                    p.x,
                    p.y,
                    p.text,
                    fontName="Helvetica-Bold",
                    fontSize=p.size,
                    fillColor=HexColor(p.color),
                    textAnchor="middle",
                )
            )
    drawing.add(group)
    return drawing
