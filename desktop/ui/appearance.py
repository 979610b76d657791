"""Light or dark, as the desktop says: the window follows the system's colour scheme.

Qt applies the system palette itself where the platform reports one (Windows,
macOS, KDE, GNOME through its portal). Where it reports none but the desktop
still asks for dark (a GTK theme ending in ":dark"), or the clinic overrides it
with ``MEDIUS_COLOR_SCHEME=light|dark``, Medius sets a matching Fusion palette.
Widgets take their colours from the palette, so both read well.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

ENV_OVERRIDE = "MEDIUS_COLOR_SCHEME"


def wanted_scheme(system: Qt.ColorScheme, environ: Mapping[str, str] | None = None) -> str:
    """"dark" or "light": the override first, then the system, then a GTK theme name."""
    env = os.environ if environ is None else environ
    override = env.get(ENV_OVERRIDE, "").strip().lower()
    if override in ("light", "dark"):
        return override
    if system == Qt.ColorScheme.Dark:
        return "dark"
    if system == Qt.ColorScheme.Light:
        return "light"
    return "dark" if env.get("GTK_THEME", "").lower().endswith(":dark") else "light"


def dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2d30", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f2023", QPalette.ColorRole.AlternateBase: "#2a2c30",
        QPalette.ColorRole.ToolTipBase: "#3a3d42", QPalette.ColorRole.ToolTipText: "#f0f0f0",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#34373b",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Link: "#8ab4f8", QPalette.ColorRole.Highlight: "#3d6fb4",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.PlaceholderText: "#a0a4aa",
        QPalette.ColorRole.Light: "#45484d", QPalette.ColorRole.Midlight: "#3a3d42",
        QPalette.ColorRole.Mid: "#2f3135", QPalette.ColorRole.Dark: "#18191b", QPalette.ColorRole.Shadow: "#000000",
    }  # fmt: skip
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7c8086"))
    return palette


class Appearance:
    """Applies the wanted scheme now and whenever the system's changes."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.applied: str | None = None
        self._system_palette = QPalette(app.palette())
        self.apply()
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: self.apply())

    def apply(self) -> str:
        scheme = wanted_scheme(QGuiApplication.styleHints().colorScheme())
        is_dark = self._system_palette.color(QPalette.ColorRole.Window).lightness() < 128
        if scheme == "dark" and not is_dark:
            self.app.setStyle("Fusion")
            self.app.setPalette(dark_palette())
        elif scheme == "light" and is_dark:
            self.app.setStyle("Fusion")
            self.app.setPalette(self.app.style().standardPalette())
        else:
            self.app.setPalette(self._system_palette)
        self.applied = scheme
        return scheme
