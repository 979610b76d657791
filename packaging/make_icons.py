"""Export resources/icons/medius.svg to every size the platforms ask for.

PNG 16-512 (Linux hicolor theme, window icon), medius.ico (Windows: 16-256
in one file) and medius.icns (macOS: 16-1024). The SVG is drawn with QtSvg,
which ships in PySide6-Essentials, and the ICO and ICNS containers are written
with Pillow (already installed as a reportlab dependency), so the step runs
offline on any of the three build machines. Run it after editing the SVG and
commit the results:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS_DIR = ROOT / "resources" / "icons"
SVG_FILE = ICONS_DIR / "medius.svg"
PNG_SIZES_PX = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES_PX = (16, 24, 32, 48, 64, 128, 256)
ICNS_SOURCE_PX = 1024


def render_png(svg: Path, size_px: int) -> bytes:
    """One square PNG of ``svg`` at ``size_px``, antialiased on a transparent background."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG for QtSvg")
    image = QImage(size_px, size_px, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def export_icons(svg: Path = SVG_FILE, out_dir: Path = ICONS_DIR) -> list[Path]:
    """Write the PNG set, the ICO and the ICNS next to the SVG; returns the files written."""
    from PIL import Image

    written: list[Path] = []
    images: dict[int, Image.Image] = {}
    for size_px in (*PNG_SIZES_PX, ICNS_SOURCE_PX):
        images[size_px] = Image.open(io.BytesIO(render_png(svg, size_px))).convert("RGBA")
    for size_px in PNG_SIZES_PX:
        target = out_dir / f"medius-{size_px}.png"
        images[size_px].save(target, optimize=True)
        written.append(target)
    ico = out_dir / "medius.ico"
    # Each size drawn from the vector, not downscaled from 256, keeps small sizes crisp.
    images[256].save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES_PX],
                     append_images=[images[s] for s in ICO_SIZES_PX if s != 256])
    written.append(ico)
    icns = out_dir / "medius.icns"
    images[ICNS_SOURCE_PX].save(icns, format="ICNS",
                                append_images=[images[s] for s in (16, 32, 64, 128, 256, 512)])
    written.append(icns)
    return written


if __name__ == "__main__":
    for path in export_icons():
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")
