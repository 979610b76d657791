"""Chart colours taken from the system palette, so charts follow light and dark themes.

Left and right use the Okabe-Ito blue and orange, which stay distinct for the
common colour-vision deficiencies; symbols differ as well so colour is never
the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

# Okabe & Ito 2008 colour-blind-safe palette.
_BLUE_ON_LIGHT = "#0072B2"
_BLUE_ON_DARK = "#56B4E9"
_ORANGE = "#E69F00"
LEFT_SYMBOL = "o"
RIGHT_SYMBOL = "t1"
LEFT_GLYPH = "●"
RIGHT_GLYPH = "▲"
ZONE_ALPHA = 48
SINGLE_ZONE_ALPHA = 26


@dataclass(frozen=True)
class ChartColours:
    background: QColor
    text: QColor
    muted: QColor
    left: QColor
    right: QColor
    single: QColor
    dark: bool

    def side(self, side: str | None) -> QColor:
        if side == "left":
            return self.left
        if side == "right":
            return self.right
        return self.single

    def zone(self, side: str | None) -> QColor:
        colour = QColor(self.side(side))
        colour.setAlpha(ZONE_ALPHA if side in ("left", "right") else SINGLE_ZONE_ALPHA)
        return colour


def chart_colours(palette: QPalette) -> ChartColours:
    background = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    dark = background.lightness() < 128
    muted = QColor(text)
    muted.setAlpha(150)
    return ChartColours(
        background=background,
        text=text,
        muted=muted,
        left=QColor(_BLUE_ON_DARK if dark else _BLUE_ON_LIGHT),
        right=QColor(_ORANGE),
        single=QColor(text),
        dark=dark,
    )
