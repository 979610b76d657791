"""Trendelenburg photos: prepared for storage, kept with the visit, read back for the letter.

Photos of a client are health data. They are decoded here (Pillow), turned
upright as the camera's EXIF orientation says, downscaled and re-encoded as a
JPEG that carries no metadata at all (no GPS position, no camera serial, no
time), with any face areas the clinician marked blurred first. Only that JPEG
is stored, in the database, so encryption, backups, the client's privacy
export and deleting the client cover it. Photos never enter the exchange file.

These functions read files and decode images: call them from the background
helper, never on the window's thread.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from db.records import PHOTO_KINDS, StoredPhoto
from db.repository import Repository
from desktop.clinical.model import Assessment, PelvisLandmarks

# Long side of the stored image. Enough to place PSIS markers on a standing client
# (about 1 px per 1-2 mm over the pelvis), small enough to keep the database light.
MAX_SIDE_PX = 1600
JPEG_QUALITY = 85
# Blur radius relative to the blurred area's short side: features are gone, the shape stays.
BLUR_FRACTION = 0.12
MAX_FILE_BYTES = 60 * 1024 * 1024
ACCEPTED_SUFFIXES = (".jpg", ".jpeg", ".png")

Box = tuple[float, float, float, float]
"""x0, y0, x1, y1 in pixels of the prepared (upright, downscaled) image."""


class PhotoError(ValueError):
    """A file or clipboard image that cannot be used; the message says why, in plain words."""


@dataclass(frozen=True)
class PhotoSlot:
    client_id: int
    side: str
    kind: str
    draft_key: str
    assessment_id: int | None = None


def _decode(data: bytes) -> object:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise PhotoError("this is not a JPEG or PNG image Medius can read") from None
    if image.format not in ("JPEG", "PNG", "MPO"):
        raise PhotoError(
            f"{image.format or 'this'} images are not accepted: use a JPEG or PNG photo"
        )
    return image


def prepare_photo(
    data: bytes, *, blur: Sequence[Box] = (), max_side: int = MAX_SIDE_PX
) -> StoredPhoto:
    """Decode, turn upright (EXIF orientation), downscale, blur ``blur`` areas, re-encode.

    The result is a baseline JPEG with no EXIF, XMP, ICC or comment data.
    """
    from PIL import Image, ImageFilter, ImageOps

    if not data:
        raise PhotoError("the image is empty")
    image = _decode(data)
    assert isinstance(image, Image.Image)
    upright = ImageOps.exif_transpose(image)
    if upright is None:  # pragma: no cover - Pillow returns the image unless in_place
        upright = image
    if upright.mode in ("RGBA", "LA", "P"):
        rgba = upright.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        upright = flat
    else:
        upright = upright.convert("RGB")
    if max(upright.size) > max_side:
        scale = max_side / max(upright.size)
        size = (max(1, round(upright.width * scale)), max(1, round(upright.height * scale)))
        upright = upright.resize(size, Image.Resampling.LANCZOS)
    for box in blur:
        x0, y0, x1, y1 = (round(v) for v in box)
        x0, x1 = sorted((max(0, min(upright.width, x0)), max(0, min(upright.width, x1))))
        y0, y1 = sorted((max(0, min(upright.height, y0)), max(0, min(upright.height, y1))))
        if x1 - x0 < 2 or y1 - y0 < 2:
            continue
        area = upright.crop((x0, y0, x1, y1))
        radius = max(4.0, BLUR_FRACTION * min(area.size))
        upright.paste(area.filter(ImageFilter.GaussianBlur(radius)), (x0, y0))
    out = io.BytesIO()
    # No exif=, icc_profile= or comment: Pillow writes none of them unless asked.
    upright.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return StoredPhoto(out.getvalue(), upright.width, upright.height)


def read_photo_file(path: Path) -> StoredPhoto:
    """A JPEG or PNG file, prepared for storage (worker thread: reads the file)."""
    if path.suffix.lower() not in ACCEPTED_SUFFIXES:
        raise PhotoError(f"{path.name}: choose a JPEG or PNG photo")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PhotoError(f"{path.name} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise PhotoError(f"{path.name} was not found") from None
    except PermissionError:
        raise PhotoError(f"{path.name} cannot be read (no permission)") from None
    except IsADirectoryError:
        raise PhotoError(f"{path.name} is a folder, not a photo") from None
    try:
        return prepare_photo(data)
    except PhotoError as error:
        raise PhotoError(f"{path.name}: {error}") from None


class PhotoService:
    """Photos of the Trendelenburg step, for the window (through the background helper)."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    def import_file(self, slot: PhotoSlot, path: Path) -> StoredPhoto:
        """Read, prepare and keep a photo for the visit being edited."""
        photo = read_photo_file(path)
        self.keep(slot, photo)
        return photo

    def import_bytes(self, slot: PhotoSlot, data: bytes) -> StoredPhoto:
        """An image from the clipboard (already encoded as PNG), prepared and kept."""
        photo = prepare_photo(data)
        self.keep(slot, photo)
        return photo

    def blur(self, slot: PhotoSlot, photo: StoredPhoto, boxes: Sequence[Box]) -> StoredPhoto:
        """Blur areas (a face) of a kept photo; the size stays, so landmarks stay in place."""
        blurred = prepare_photo(photo.jpeg, blur=boxes, max_side=max(photo.width, photo.height))
        self.keep(slot, blurred)
        return blurred

    def keep(self, slot: PhotoSlot, photo: StoredPhoto | None) -> None:
        if slot.kind not in PHOTO_KINDS:
            raise ValueError(f"unknown photo kind {slot.kind}")
        self.repo.keep_draft_photo(slot.client_id, slot.draft_key, slot.side, slot.kind, photo)

    def remove(self, slot: PhotoSlot) -> None:
        """Remove the photo from this visit (applied when the visit is saved)."""
        self.keep(slot, None)

    def load(self, slot: PhotoSlot) -> StoredPhoto | None:
        return self.repo.photo(
            slot.side, slot.kind, assessment_id=slot.assessment_id, draft_key=slot.draft_key
        )

    def load_side(
        self, client_id: int, draft_key: str, assessment_id: int | None, side: str
    ) -> dict[str, StoredPhoto | None]:
        """Both photos (single-leg and reference) of one stance side, by kind."""
        return {
            kind: self.load(PhotoSlot(client_id, side, kind, draft_key, assessment_id))
            for kind in PHOTO_KINDS
        }


# Annotated thumbnail for the letter: cropped to the pelvis (no face in the letter).
THUMBNAIL_WIDTH_PX = 520
_CROP_HALF_WIDTH = 1.05  # times the PSIS distance, each side of the midpoint
_CROP_HALF_HEIGHT = 0.55
_LEFT_RGB, _RIGHT_RGB, _LINE_RGB = (31, 119, 180), (214, 39, 40), (255, 212, 0)


def annotated_thumbnail(photo: StoredPhoto, landmarks: PelvisLandmarks, stance_side: str) -> bytes:
    """The pelvis area of ``photo`` with both PSIS, the line between them and a horizontal
    line through the stance-side PSIS, as a small JPEG for the letter."""
    from PIL import Image, ImageDraw

    image = Image.open(io.BytesIO(photo.jpeg)).convert("RGB")
    (lx, ly), (rx, ry) = landmarks.left_psis, landmarks.right_psis
    span = max(abs(rx - lx), 40.0)
    cx, cy = (lx + rx) / 2, (ly + ry) / 2
    box = (
        max(0, round(cx - _CROP_HALF_WIDTH * span)),
        max(0, round(cy - _CROP_HALF_HEIGHT * span)),
        min(image.width, round(cx + _CROP_HALF_WIDTH * span)),
        min(image.height, round(cy + _CROP_HALF_HEIGHT * span)),
    )
    crop = image.crop(box)
    scale = THUMBNAIL_WIDTH_PX / max(1, crop.width)
    crop = crop.resize(
        (THUMBNAIL_WIDTH_PX, max(1, round(crop.height * scale))), Image.Resampling.LANCZOS
    )

    def at(x: float, y: float) -> tuple[float, float]:
        return (x - box[0]) * scale, (y - box[1]) * scale

    draw = ImageDraw.Draw(crop)
    left, right = at(lx, ly), at(rx, ry)
    stance = left if stance_side == "left" else right
    dash = 10
    for start in range(0, crop.width, dash * 2):
        draw.line((start, stance[1], start + dash, stance[1]), fill=(255, 255, 255), width=2)
    draw.line((*left, *right), fill=_LINE_RGB, width=3)
    for (px, py), colour, letter in ((left, _LEFT_RGB, "L"), (right, _RIGHT_RGB, "R")):
        x, y = float(px), float(py)
        draw.ellipse((x - 7, y - 7, x + 7, y + 7), fill=colour, outline=(255, 255, 255), width=2)
        draw.text((x + 10, y - 22), letter, fill=colour)
    out = io.BytesIO()
    crop.save(out, format="JPEG", quality=88)
    return out.getvalue()


def letter_thumbnails(
    repo: Repository, assessment_id: int, assessment: Assessment
) -> dict[str, bytes]:
    """Thumbnails the clinician chose to print, by stance side (only measured photos)."""
    chosen = {
        side: tb.photo.landmarks
        for side in ("left", "right")
        if (tb := assessment.trendelenburg(side)) is not None
        and tb.photo is not None
        and tb.photo.in_letter
        and tb.photo.landmarks is not None
    }
    if not chosen:
        return {}
    photos = repo.assessment_photos(assessment_id)
    out: dict[str, bytes] = {}
    for side, landmarks in chosen.items():
        photo = photos.get((side, "single_leg"))
        if photo is not None and landmarks is not None:
            out[side] = annotated_thumbnail(photo, landmarks, side)
    return out
