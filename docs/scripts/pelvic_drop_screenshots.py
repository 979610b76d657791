"""Screenshots of the measured pelvic drop: the landmark tool on a drawn back-view photo, and
the letter page with the measured drop and its thumbnail.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python docs/scripts/pelvic_drop_screenshots.py [OUT_DIR]
Writes into docs/pelvic-drop/ by default, using a throwaway data folder.
"""

from __future__ import annotations

import math
import os
import random
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from shots import ROOT, demo_profile, demo_window  # noqa: E402

SIZE = (1366, 1500)
PSIS_HALF_SPAN = 62.0  # px either side of the pelvis centre


def draw_back_view(
    path: Path, tilt_deg: float, *, single_leg: bool = True
) -> tuple[tuple[float, float], ...]:
    """A drawn photo of a client from behind, standing on the left leg (or both), with round
    marker stickers on both PSIS; the pelvis tilted ``tilt_deg`` (client's right side lower).

    Returns the sticker centres (client's left, client's right) in image pixels.
    """
    from PIL import Image, ImageDraw, ImageFilter

    w, h = 1200, 1600
    image = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(image)
    for y in range(h):  # wall, then floor
        if y < 1380:
            shade = 228 - y // 40
            draw.line((0, y, w, y), fill=(shade, shade - 8, shade - 22))
        else:
            shade = 150 - (y - 1380) // 8
            draw.line((0, y, w, y), fill=(shade, shade - 14, shade - 30))
    draw.line((0, 1380, w, 1380), fill=(120, 105, 90), width=4)
    cx, cy = 600.0, 860.0
    theta = math.radians(tilt_deg)

    def rot(x: float, y: float) -> tuple[float, float]:
        dx, dy = x - cx, y - cy
        return (
            cx + dx * math.cos(theta) - dy * math.sin(theta),
            cy + dx * math.sin(theta) + dy * math.cos(theta),
        )

    skin, skin_dark = (222, 178, 150), (196, 150, 122)
    shirt, shorts = (92, 128, 160), (46, 56, 78)
    # Legs: the stance (client's left = viewer's left) leg straight to the floor.
    lh, rh = rot(cx - 78, cy + 110), rot(cx + 78, cy + 110)
    draw.polygon(
        [(lh[0] - 52, lh[1]), (lh[0] + 40, lh[1]), (lh[0] + 22, 1330), (lh[0] - 30, 1330)],
        fill=skin,
    )
    draw.ellipse((lh[0] - 40, 1310, lh[0] + 30, 1392), fill=(60, 60, 66))  # shoe
    if single_leg:
        knee = (rh[0] + 6, rh[1] + 270)
        draw.polygon(
            [
                (rh[0] - 40, rh[1]),
                (rh[0] + 52, rh[1]),
                (knee[0] + 34, knee[1]),
                (knee[0] - 34, knee[1]),
            ],
            fill=skin,
        )
        # Shin folded back: seen from behind, short and foreshortened, sole towards the camera.
        draw.polygon(
            [
                (knee[0] - 34, knee[1]),
                (knee[0] + 34, knee[1]),
                (knee[0] + 26, knee[1] + 120),
                (knee[0] - 24, knee[1] + 120),
            ],
            fill=skin_dark,
        )
        draw.ellipse((knee[0] - 36, knee[1] + 96, knee[0] + 38, knee[1] + 150), fill=(60, 60, 66))
    else:
        draw.polygon(
            [(rh[0] - 40, rh[1]), (rh[0] + 52, rh[1]), (rh[0] + 30, 1330), (rh[0] - 22, 1330)],
            fill=skin,
        )
        draw.ellipse((rh[0] - 30, 1310, rh[0] + 40, 1392), fill=(60, 60, 66))
    # Shorts follow the pelvis.
    draw.polygon(
        [
            rot(cx - 150, cy + 10),
            rot(cx + 150, cy + 10),
            rot(cx + 140, cy + 200),
            rot(cx + 10, cy + 215),
            rot(cx - 140, cy + 200),
        ],
        fill=shorts,
    )
    draw.line([rot(cx, cy + 40), rot(cx, cy + 200)], fill=(30, 36, 52), width=3)
    # Lower back skin between shirt hem and waistband, then the shirt and arms.
    draw.polygon(
        [
            rot(cx - 146, cy - 70),
            rot(cx + 146, cy - 70),
            rot(cx + 150, cy + 12),
            rot(cx - 150, cy + 12),
        ],
        fill=skin,
    )
    draw.polygon(
        [(cx - 180, 470), (cx + 180, 470), (cx + 150, cy - 64), (cx - 150, cy - 64)], fill=shirt
    )
    draw.line([(cx, 480), (cx, cy - 70)], fill=(80, 112, 142), width=2)
    for side in (-1, 1):
        draw.polygon(
            [
                (cx + side * 176, 480),
                (cx + side * 222, 500),
                (cx + side * 236, 860),
                (cx + side * 196, 868),
                (cx + side * 168, 560),
            ],
            fill=shirt if side else skin,
        )
        draw.polygon(
            [
                (cx + side * 236, 700),
                (cx + side * 240, 930),
                (cx + side * 206, 940),
                (cx + side * 198, 700),
            ],
            fill=skin,
        )
    draw.rectangle((cx - 36, 390, cx + 36, 478), fill=skin)  # neck
    draw.ellipse((cx - 92, 210, cx + 92, 420), fill=(92, 62, 40))  # hair from behind
    draw.ellipse((cx - 100, 300, cx - 78, 350), fill=skin)  # ears
    draw.ellipse((cx + 78, 300, cx + 100, 350), fill=skin)
    # Dimples and marker stickers on both PSIS.
    centres = (rot(cx - PSIS_HALF_SPAN, cy - 30), rot(cx + PSIS_HALF_SPAN, cy - 30))
    for x, y in centres:
        draw.ellipse(
            (x - 13, y - 13, x + 13, y + 13), fill=(250, 250, 250), outline=(20, 20, 20), width=3
        )
        draw.ellipse((x - 3, y - 3, x + 3, y + 3), fill=(20, 20, 20))
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    rng = random.Random(7)
    pixels = image.load()
    for _ in range(60000):  # a little sensor noise
        x, y = rng.randrange(w), rng.randrange(h)
        r, g, b = pixels[x, y]
        n = rng.randint(-10, 10)
        pixels[x, y] = (max(0, min(255, r + n)), max(0, min(255, g + n)), max(0, min(255, b + n)))
    image.save(path, format="JPEG", quality=90)
    return centres


def main(out_dir: Path) -> list[Path]:
    from PySide6.QtCore import QPointF

    from desktop.services.reports import export_report

    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="medius-drop-"))
    single, reference = work / "left-stance.jpg", work / "both-feet.jpg"
    single_points = draw_back_view(single, 7.4)
    reference_points = draw_back_view(reference, 1.2, single_leg=False)
    written: list[Path] = [out_dir / "back-view-drawn.jpg"]
    written[0].write_bytes(single.read_bytes())

    shown = demo_window(SIZE, data_dir=work / "data", profile=demo_profile(pelvic_drop_threshold_deg=5.0))
    window, repo, settle = shown.window, shown.repo, shown.settle
    ana = repo.list_clients("MED-0001")[0]
    window.open_client(ana.id)
    settle()
    editor = window.open_assessment_for(ana.id, prefill=True)
    settle()
    screening = editor.page("screening")
    screening.reviewed.setChecked(True)  # asked again at this visit, nothing found
    editor._page_edited(screening)
    pain = editor.page("pain")
    pain.nprs.setText("3")
    for activity, score in pain.psfs_rows:
        if activity.text().strip():
            score.setText("6")
    for edit, value in zip(pain.odi, ["1", "1", "2", "1", "1", "0", "1", "", "1", "1"], strict=True):
        edit.setText(value)
    editor._page_edited(pain)
    hip = editor.page("hip")
    for side, trials in (("left", ("131", "128", "134")), ("right", ("152", "149", "155"))):
        for edit, value in zip(hip.sides[side].trial_edits, trials, strict=True):
            edit.setText(value)
    editor._page_edited(hip)
    tb = editor.page("trendelenburg")
    editor.go_to_step(3)
    tb.hold.setText("14")
    editor._page_edited(tb)
    panel = tb.photo_panel
    for kind, path, points in (
        ("reference", reference, reference_points),
        ("single_leg", single, single_points),
    ):
        slot = panel.slots[kind]
        panel.tabs.setCurrentWidget(slot)
        slot.open_file(path)
        settle()
        slot.view.place("left", QPointF(*points[0]))
        slot.view.place("right", QPointF(*points[1]))
        settle()
    panel.in_letter.setChecked(True)
    tb.select_side("right")
    tb.hold.setText("30")
    tb.select_side("left")
    settle()
    single_view = panel.slots["single_leg"].view
    single_view.fit()
    single_view.zoom_by(2.6)  # in on the pelvis: markers, pelvis line, horizontal reference
    mid = QPointF((single_points[0][0] + single_points[1][0]) / 2, single_points[0][1] + 60)
    single_view.centerOn(mid)
    settle()
    # Scroll so the photo panel is on screen.
    scroll = editor.stack.currentWidget()
    scroll.ensureWidgetVisible(panel, 0, 0)
    settle()
    written.append(shown.grab(out_dir / "landmark-tool.png"))
    written.append(shown.grab(out_dir / "landmark-tool-panel.png", panel))

    assessment_id = shown.save_visit(editor)
    pdf = out_dir / "letter-measured-drop.pdf"
    export_report(repo, assessment_id, pdf, today=date.today())
    written.append(pdf)
    prefix = out_dir / "letter-measured-drop"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "3", str(pdf), str(prefix)], check=True
    )
    written.extend(sorted(out_dir.glob("letter-measured-drop-*.png")))
    window.close()
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "pelvic-drop"
    for written_path in main(target):
        print(written_path)
