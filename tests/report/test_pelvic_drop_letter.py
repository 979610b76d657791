"""The letter prints the measured pelvic drop per stance leg, its error band, the clinic's
threshold as a clinic setting, the annotated thumbnail when chosen, and the trend over visits."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from PIL import Image, ImageDraw
from pypdf import PdfReader

from db.repository import Repository
from desktop.clinical import model as m
from desktop.paths import AppPaths
from desktop.report.wording import DASH
from desktop.services.database import open_repository
from desktop.services.photos import PhotoService, PhotoSlot, annotated_thumbnail, prepare_photo
from desktop.services.reports import export_report
from tests.fixtures.records import client
from tests.report.report_examples import pages_text

LEFT, RIGHT = (100.0, 200.0), (200.0, 210.0)  # atan(10/100) = 5.7 deg, right side lower


def photo_bytes() -> bytes:
    image = Image.new("RGB", (400, 300), (150, 140, 130))
    draw = ImageDraw.Draw(image)
    for x, y in (LEFT, RIGHT):
        draw.ellipse((x - 6, y - 6, x + 6, y + 6), fill=(250, 250, 250))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def visit(on: date, *, in_letter: bool, right_y: float = RIGHT[1]) -> m.Assessment:
    photo = m.PelvisPhoto(m.PelvisLandmarks(LEFT, (RIGHT[0], right_y)), in_letter=in_letter)
    return m.Assessment(
        performed_on=on, red_flags=(), pain_nprs=3,
        trendelenburg_left=m.TrendelenburgSide(hold_s=14, drop_method="photo", photo=photo),
        trendelenburg_right=m.TrendelenburgSide(hold_s=30),
    )  # fmt: skip


def stored(tmp_path: Path, *, in_letter: bool, threshold: float | None) -> tuple[Repository, int]:
    repo = open_repository(AppPaths(tmp_path / "data"))
    repo.save_settings(
        m.ClinicSettings(clinic_name="Harbour Physiotherapy", pelvic_drop_threshold_deg=threshold)
    )
    client_id, _ = repo.add_client(client(0))
    repo.add_assessment(client_id, visit(date(2026, 8, 1), in_letter=False, right_y=212.28))  # 7.0
    draft = f"client:{client_id}:assessment:new"
    PhotoService(repo).import_bytes(
        PhotoSlot(client_id, "left", "single_leg", draft), photo_bytes()
    )
    assessment_id = repo.add_assessment(
        client_id, visit(date(2026, 10, 2), in_letter=in_letter), photos_draft=draft
    )
    return repo, assessment_id


def trendelenburg_page(pdf: Path) -> tuple[str, int]:
    reader = PdfReader(str(pdf))
    texts = pages_text(pdf.read_bytes())
    index = next(i for i, text in enumerate(texts) if "Trendelenburg test" in text)
    return texts[index], len(reader.pages[index].images)


def test_letter_prints_the_drop_the_error_band_the_clinic_threshold_and_the_thumbnail(
    tmp_path: Path,
) -> None:
    repo, assessment_id = stored(tmp_path, in_letter=True, threshold=5.0)
    pdf = export_report(repo, assessment_id, tmp_path / "letter.pdf", today=date(2026, 10, 2))
    text, images = trendelenburg_page(pdf)
    cell = "5.7° drop (right side), photo; beyond ±4° error; reaches clinic threshold 5°"
    assert cell in text
    assert "The 5° threshold is this clinic's own setting: no validated degree cut-off" in text
    assert "Youdas 2007" in text and "Dingenen 2018, secondary source" in text
    assert "Left stance: 5.7° drop" in text  # the thumbnail caption
    assert images == 1
    # The right stance leg had no measured drop: a dash, never "level".
    right_row = text.split("Right", 1)[1].split("Recorded by stance leg", 1)[0]
    assert "level" not in right_row and right_row.split() == [
        "Negative",
        "30",
        "s",
        "none",
        DASH,
        DASH,
    ]
    everything = " ".join(pages_text(pdf.read_bytes()))
    assert "Pelvic drop (°), by stance leg" in everything
    assert "within measurement error (±4°)" in everything


def test_no_thumbnail_unless_chosen_and_no_threshold_claimed_when_none_is_set(
    tmp_path: Path,
) -> None:
    repo, assessment_id = stored(tmp_path, in_letter=False, threshold=None)
    pdf = export_report(repo, assessment_id, tmp_path / "letter.pdf", today=date(2026, 10, 2))
    text, images = trendelenburg_page(pdf)
    assert images == 0
    assert "5.7° drop (right side), photo; beyond ±4° error" in text
    assert "clinic threshold" not in text
    assert "No validated degree cut-off for a positive test exists." in text


def test_thumbnail_is_cropped_to_the_pelvis_and_annotated() -> None:
    photo = prepare_photo(photo_bytes())
    thumb = Image.open(
        io.BytesIO(annotated_thumbnail(photo, m.PelvisLandmarks(LEFT, RIGHT), "left"))
    )
    assert thumb.width == 520
    # Crop: 1.05 x 100 px either side of the midpoint, 0.55 x 100 px above and below -> 210 x 110.
    assert abs(thumb.height - round(110 * 520 / 210)) <= 1
    # The pelvis line is drawn in yellow between the points.
    mid = thumb.getpixel((260, round(55 * 520 / 210)))
    assert mid[0] > 200 and mid[1] > 170 and mid[2] < 130  # background is (150, 140, 130)
