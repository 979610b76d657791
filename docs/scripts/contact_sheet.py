"""Write the exercise contact sheet: every picture with its name, for review.

docs/illustrations/contact-sheet.png comes from the SVG writer (drawn with Qt's
SVG renderer, as the window shows it); docs/illustrations/contact-sheet.pdf
comes from the reportlab writer (as the PDF report shows it). Looking at both
checks the two outputs of the one renderer side by side.

Usage: python docs/scripts/contact_sheet.py [--out-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.clinical.exercises import STAGE_NAMES, Exercise  # noqa: E402
from desktop.content import load_library  # noqa: E402
from desktop.illustrations import render_drawing, render_svg  # noqa: E402

COLUMNS = 4
CELL_W_PX = 360
CELL_H_PX = 270
LABEL_H_PX = 40
THUMB_W_PX = 96
THUMB_H_PX = 72


def write_png(exercises: list[Exercise], path: Path) -> None:
    """Full-size pictures with names, and a 96-pixel thumbnail in each cell's corner."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QByteArray, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    rows = (len(exercises) + COLUMNS - 1) // COLUMNS
    sheet = QImage(COLUMNS * CELL_W_PX, rows * (CELL_H_PX + LABEL_H_PX), QImage.Format.Format_RGB32)
    sheet.fill(QColor("white"))
    painter = QPainter(sheet)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont("DejaVu Sans")
    font.setPixelSize(14)
    painter.setFont(font)
    for index, exercise in enumerate(exercises):
        x = (index % COLUMNS) * CELL_W_PX
        y = (index // COLUMNS) * (CELL_H_PX + LABEL_H_PX)
        renderer = QSvgRenderer(QByteArray(render_svg(exercise).encode("utf-8")))
        renderer.render(painter, QRectF(x, y + LABEL_H_PX, CELL_W_PX, CELL_H_PX))
        renderer.render(painter, QRectF(x + 4, y + LABEL_H_PX + 4, THUMB_W_PX, THUMB_H_PX))
        painter.setPen(QPen(QColor("#adb5bd"), 1))
        painter.drawRect(QRectF(x + 4, y + LABEL_H_PX + 4, THUMB_W_PX, THUMB_H_PX))
        painter.drawRect(QRectF(x, y, CELL_W_PX - 1, CELL_H_PX + LABEL_H_PX - 1))
        painter.setPen(QColor("#1c2631"))
        painter.drawText(
            QRectF(x + 8, y + 2, CELL_W_PX - 16, LABEL_H_PX - 4),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap),
            f"{exercise.name}\nStage {exercise.stage}: {STAGE_NAMES[exercise.stage]}",
        )
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not sheet.save(str(path)):
        raise OSError(f"could not write {path}")


def write_pdf(exercises: list[Exercise], path: Path) -> None:
    """The same sheet from the reportlab Drawings, vector throughout."""
    from reportlab.graphics import renderPDF
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from desktop import paths

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(paths.resource("fonts", "DejaVuSans.ttf"))))
    page_w, page_h = A4
    margin = 36.0
    cols = 3
    cell_w = (page_w - 2 * margin) / cols
    cell_h = cell_w * 3 / 4 + 28
    rows = int((page_h - 2 * margin) // cell_h)
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setTitle("Medius exercise pictures")
    for index, exercise in enumerate(exercises):
        slot = index % (cols * rows)
        if index and slot == 0:
            canvas.showPage()
        col, row = slot % cols, slot // cols
        x = margin + col * cell_w
        top = page_h - margin - row * cell_h
        drawing = render_drawing(exercise, width_pt=cell_w - 8)
        renderPDF.draw(drawing, canvas, x + 4, top - 24 - drawing.height)
        canvas.setFont("DejaVuSans", 9)
        canvas.drawString(x + 4, top - 10, exercise.name)
        canvas.setFont("DejaVuSans", 7)
        canvas.drawString(x + 4, top - 20, f"Stage {exercise.stage}: {STAGE_NAMES[exercise.stage]}")
    canvas.save()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs" / "illustrations")
    args = parser.parse_args(argv)
    exercises = list(load_library().all())
    args.out_dir.mkdir(parents=True, exist_ok=True)
    write_pdf(exercises, args.out_dir / "contact-sheet.pdf")
    write_png(exercises, args.out_dir / "contact-sheet.png")
    print(f"{len(exercises)} exercises -> {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
