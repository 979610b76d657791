"""A push button that stays pressed, visibly so in light and dark palettes.

Fusion draws a checked button only a shade darker than an unchecked one; in a dark
palette the two were hard to tell apart. The checked fill here is the palette's
highlight, moved lighter (dark palettes) or darker (light ones) until it stands
3:1 apart from the unchecked button (WCAG 2.1 non-text contrast), with text that
reads 4.5:1 on it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QPushButton, QWidget

CHECKED_CONTRAST = 3.0
TEXT_CONTRAST = 4.5
_BLACK, _WHITE = QColor("#000000"), QColor("#ffffff")


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour, 0 (black) to 1 (white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio, 1 (same) to 21 (black on white)."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _readable_text(fill: QColor) -> QColor:
    return _BLACK if contrast_ratio(fill, _BLACK) >= contrast_ratio(fill, _WHITE) else _WHITE


def checked_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """Fill and text of a checked button: 3:1 from the unchecked fill, text 4.5:1 on it."""
    button = palette.color(QPalette.ColorRole.Button)
    fill = QColor(palette.color(QPalette.ColorRole.Highlight))
    lighter = button.lightnessF() < 0.5
    for _ in range(100):
        if (contrast_ratio(fill, button) >= CHECKED_CONTRAST
                and contrast_ratio(fill, _readable_text(fill)) >= TEXT_CONTRAST):
            break
        hue, saturation, lightness, alpha = fill.getHslF()
        lightness = min(1.0, lightness + 0.02) if lighter else max(0.0, lightness - 0.02)
        fill = QColor.fromHslF(max(hue, 0.0), saturation, lightness, alpha)
    return fill, _readable_text(fill)


class ToggleButton(QPushButton):
    """A checkable button whose pressed state is plain in either palette."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setCheckable(True)
        self._restyle()

    def _restyle(self) -> None:
        fill, text = checked_colours(self.palette())
        sheet = (f"QPushButton:checked {{ background-color: {fill.name()}; color: {text.name()}; "
                 f"border: 1px solid {text.name()}; border-radius: 3px; padding: 3px 8px; }}")
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)
