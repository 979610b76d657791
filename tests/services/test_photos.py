"""Trendelenburg photos are health data: stored without metadata, upright, small, in the database.

They survive backup and restore, are encrypted when the store is, leave with the
client's privacy export and disappear when the client is deleted.
"""

from __future__ import annotations

import io
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageStat

from db.records import StoredPhoto
from db.repository import Repository
from desktop.clinical import model as m
from desktop.paths import AppPaths
from desktop.services import privacy, security
from desktop.services.backup import BackupService
from desktop.services.database import open_repository
from desktop.services.photos import (
    MAX_SIDE_PX,
    PhotoError,
    PhotoService,
    PhotoSlot,
    prepare_photo,
    read_photo_file,
)
from tests.fixtures.records import client

FAST_N = 2**10
GPS_IFD = 0x8825
ORIENTATION = 0x0112


@pytest.fixture
def paths(data_dir: Path) -> AppPaths:
    return AppPaths(data_dir)


def phone_photo(width: int = 2400, height: int = 1200, *, orientation: int = 6) -> bytes:
    """A phone-style JPEG: sideways pixels with an EXIF orientation, GPS position, camera make."""
    image = Image.new("RGB", (width, height), (40, 90, 160))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width // 2, height), fill=(220, 30, 30))  # left half red
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[GPS_IFD] = {1: "N", 2: (52.0, 22.0, 11.5), 3: "E", 4: (4.0, 53.0, 2.1)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, quality=90)
    return out.getvalue()


def test_the_source_photo_really_carries_gps_and_orientation() -> None:
    exif = Image.open(io.BytesIO(phone_photo())).getexif()
    assert exif[ORIENTATION] == 6
    assert exif.get_ifd(GPS_IFD)[2] == (52.0, 22.0, 11.5)


def test_stored_photo_has_no_metadata_is_upright_and_downscaled() -> None:
    stored = prepare_photo(phone_photo())
    image = Image.open(io.BytesIO(stored.jpeg))
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert image.getexif().get_ifd(GPS_IFD) == {}
    assert b"Exif" not in stored.jpeg[:4096] and b"PhoneMaker" not in stored.jpeg
    assert "icc_profile" not in image.info and "exif" not in image.info
    # Orientation 6: the camera's pixels must turn 90 deg clockwise; 2400x1200 -> 1200x2400,
    # then the long side to 1600 -> 800x1600. The red left half is now the top half.
    assert (stored.width, stored.height) == (800, 1600) == image.size
    assert max(image.size) == MAX_SIDE_PX
    top = image.getpixel((400, 200))
    bottom = image.getpixel((400, 1400))
    assert top[0] > 180 and top[2] < 80
    assert bottom[2] > 120 and bottom[0] < 90


def test_png_with_transparency_and_small_images_keep_their_size() -> None:
    image = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    stored = prepare_photo(out.getvalue())
    assert (stored.width, stored.height) == (300, 200)
    assert Image.open(io.BytesIO(stored.jpeg)).getpixel((10, 10)) == pytest.approx(
        (255, 255, 255), abs=3
    )


def test_face_area_is_blurred_and_the_rest_is_not() -> None:
    image = Image.new("L", (400, 400), 0)
    draw = ImageDraw.Draw(image)
    for i in range(0, 400, 8):  # fine stripes: sharp detail everywhere
        draw.rectangle((i, 0, i + 3, 400), fill=255)
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG")
    stored = prepare_photo(out.getvalue(), blur=[(100, 0, 300, 150)])
    result = Image.open(io.BytesIO(stored.jpeg)).convert("L")
    blurred = ImageStat.Stat(result.crop((110, 10, 290, 140))).stddev[0]
    sharp = ImageStat.Stat(result.crop((110, 200, 290, 390))).stddev[0]
    assert sharp > 100 and blurred < 15


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"hello", "choose a JPEG or PNG photo"),
        ("broken.jpg", b"\xff\xd8\xff\xe0 not really", "not a JPEG or PNG image"),
        ("empty.png", b"", "the image is empty"),
    ],
)
def test_unusable_files_get_plain_messages(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(PhotoError, match=message) as caught:
        read_photo_file(path)
    assert "PIL" not in str(caught.value) and "Traceback" not in str(caught.value)
    with pytest.raises(PhotoError, match="was not found"):
        read_photo_file(tmp_path / "missing.jpg")


def _visit(on: date = date(2026, 10, 2)) -> m.Assessment:
    photo = m.PelvisPhoto(m.PelvisLandmarks((100.0, 200.0), (200.0, 210.0)), in_letter=True)
    return m.Assessment(
        performed_on=on, trendelenburg_left=m.TrendelenburgSide(hold_s=30, photo=photo)
    )


def _stored_visit_with_photos(
    paths: AppPaths, key_hex: str | None = None
) -> tuple[Repository, int, int, StoredPhoto]:
    repo = open_repository(paths, key_hex=key_hex)
    client_id, _ = repo.add_client(client(0))
    service = PhotoService(repo)
    draft = f"client:{client_id}:assessment:new"
    single = service.import_bytes(PhotoSlot(client_id, "left", "single_leg", draft), phone_photo())
    service.import_bytes(
        PhotoSlot(client_id, "left", "reference", draft), phone_photo(orientation=1)
    )
    assessment_id = repo.add_assessment(client_id, _visit(), photos_draft=draft)
    repo.delete_draft(draft)  # what the editor does after saving: the photos stay with the visit
    return repo, client_id, assessment_id, single


def test_photos_kept_for_a_draft_attach_to_the_saved_visit_with_landmarks(paths: AppPaths) -> None:
    repo, client_id, assessment_id, single = _stored_visit_with_photos(paths)
    held = repo.assessment_photos(assessment_id)
    assert set(held) == {("left", "single_leg"), ("left", "reference")}
    assert held[("left", "single_leg")] == single
    _, stored = repo.get_assessment(assessment_id)
    assert stored.trendelenburg_left is not None
    expected = _visit().trendelenburg_left
    assert expected is not None and stored.trendelenburg_left.photo == expected.photo

    # Editing the visit: a removal waits in the draft until the visit is saved.
    draft = f"client:{client_id}:assessment:{assessment_id}"
    service = PhotoService(repo)
    slot = PhotoSlot(client_id, "left", "reference", draft, assessment_id)
    service.remove(slot)
    assert service.load(slot) is None
    assert ("left", "reference") in repo.assessment_photos(assessment_id)
    repo.update_assessment(assessment_id, stored, photos_draft=draft)
    assert set(repo.assessment_photos(assessment_id)) == {("left", "single_leg")}
    assert repo.audit_events()[-1].detail == "fields=photos"

    # A discarded draft takes its unsaved photos with it.
    service.import_bytes(slot, phone_photo())
    repo.delete_draft(draft)
    assert set(repo.assessment_photos(assessment_id)) == {("left", "single_leg")}
    assert repo.table_counts()["trendelenburg_photos"] == 1


def test_photos_survive_backup_and_restore(paths: AppPaths) -> None:
    repo, client_id, assessment_id, single = _stored_visit_with_photos(paths)
    service = BackupService(repo, paths)
    backup = service.back_up().path
    repo.delete_client(client_id)
    assert repo.assessment_photos(assessment_id) == {}
    service.restore(backup)
    restored = repo.assessment_photos(assessment_id)
    assert restored[("left", "single_leg")] == single
    assert len(restored) == 2


def test_photos_are_encrypted_when_the_store_is(paths: AppPaths) -> None:
    key = security.create_encrypted_folder(paths, "harbour clinic 2026", n=FAST_N)
    repo, _, assessment_id, single = _stored_visit_with_photos(paths, key_hex=key)
    BackupService(repo, paths).back_up()
    probe = single.jpeg[len(single.jpeg) // 2 : len(single.jpeg) // 2 + 48]
    files = [p for p in paths.data_dir.rglob("*") if p.is_file()]
    assert any(p.suffix == ".sqlite3" or "backup" in str(p) for p in files)
    assert [p.name for p in files if probe in p.read_bytes()] == []
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(paths.database).execute(
            "SELECT count(*) FROM trendelenburg_photos"
        ).fetchone()
    assert repo.assessment_photos(assessment_id)[("left", "single_leg")] == single


def test_photos_leave_with_the_privacy_export_and_go_with_the_client(paths: AppPaths) -> None:
    repo, client_id, assessment_id, single = _stored_visit_with_photos(paths)
    # An unsaved draft photo for a new visit is held about the client too.
    PhotoService(repo).import_bytes(
        PhotoSlot(client_id, "right", "single_leg", f"client:{client_id}:assessment:new"),
        phone_photo(),
    )
    export = privacy.export_client_data(repo, client_id, paths.exports)
    assert len(export.photos) == 3
    assert all(p.suffix == ".jpg" and "Nguy" not in p.name for p in export.photos)
    assert single.jpeg in [p.read_bytes() for p in export.photos]
    assert "photos" not in export.json_path.read_text(encoding="utf-8").replace('"photo"', "")
    assert repo.audit_events()[-1].detail == "assessments=1 files=json,pdf,jpeg photos=3"

    privacy.delete_client(repo, client_id)
    assert repo.table_counts()["trendelenburg_photos"] == 0
    assert repo.client_photos(client_id) == []
