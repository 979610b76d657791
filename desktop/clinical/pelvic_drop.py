"""Frontal-plane pelvic drop measured from photo landmarks (design.md "Measured pelvic drop").

Two points per photo, the left and right PSIS (or iliac-crest markers), in
image pixels with x to the right and y down, named by the **client's** sides.

    obliquity = atan2(y(lifted side) - y(stance side), |x difference|)   [degrees]

positive when the lifted (non-stance) side is lower. With a reference photo
(both feet down) the drop is obliquity(single leg) - obliquity(reference),
which removes a standing asymmetry and a camera that is not level; without
one it is the single-leg obliquity. The result is rounded once, to one decimal.

Because only |x difference| enters, a view from behind, from in front or a
mirrored image gives the same angle. Judged against measurement error
(clinical-reference §1.3, §1.7, §15): goniometric pelvis-on-femur MDC 4 deg
(Youdas 2007) [V]; 2D video contralateral pelvic drop smallest detectable
difference 2.7-2.8 deg in runners (Dingenen 2018) [S, secondary, to be
checked]. No validated degree cut-off for a positive test exists (§12), so a
threshold, when used, is the clinic's setting and is always shown as such.

Plain Python: no Qt, no storage, no files.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from desktop.clinical.model import PelvisLandmarks, PelvisPhoto, Point, Side

PHOTO_METHOD = "photo"
DROP_DECIMALS = 1
# Youdas 2007, J Sport Rehabil 16:326: goniometric pelvis-on-femur angle during the
# Trendelenburg test, SEM 2 deg, MDC 4 deg (clinical-reference §1.3) [V].
DROP_MDC_DEG = 4.0
DROP_MDC_SOURCE = "goniometric pelvis-on-femur angle, Youdas 2007 (J Sport Rehabil 16:326)"
# Dingenen et al. 2018, Phys Ther Sport 33:40: 2D video contralateral pelvic drop in
# running, smallest detectable difference 2.7-2.8 deg (clinical-reference §15) [S].
VIDEO_SDD_DEG = (2.7, 2.8)
VIDEO_SDD_SOURCE = (
    "2D video contralateral pelvic drop in runners, Dingenen 2018 (Phys Ther Sport 33:40); "
    "secondary source, to be checked"
)
THRESHOLD_SOURCE = "clinic setting; no validated degree cut-off exists"
# Degenerate landmark sets (refused with a message, never measured).
MIN_SEPARATION_PX = 2.0
# A pelvis line steeper than this is not two PSIS side by side: points misplaced.
MAX_OBLIQUITY_DEG = 45.0


class LandmarkError(ValueError):
    """A landmark set that cannot give an angle; the message says what to correct."""


@dataclass(frozen=True)
class PelvicDrop:
    """The measured drop for one stance leg, with the obliquities it came from."""

    stance_side: Side
    drop_deg: float
    obliquity_deg: float
    reference_obliquity_deg: float | None

    @property
    def beyond_measurement_error(self) -> bool:
        return beyond_measurement_error(self.drop_deg)

    def to_dict(self) -> dict[str, Any]:
        return {
            "obliquity_deg": round(self.obliquity_deg, DROP_DECIMALS) + 0.0,
            "reference_obliquity_deg": None
            if self.reference_obliquity_deg is None
            else round(self.reference_obliquity_deg, DROP_DECIMALS) + 0.0,
            "reference_used": self.reference_obliquity_deg is not None,
        }


def lifted_side(stance_side: Side) -> Side:
    return "right" if stance_side == "left" else "left"


def _finite_point(point: Point, name: str) -> tuple[float, float]:
    x, y = point
    if not (math.isfinite(x) and math.isfinite(y)):
        raise LandmarkError(f"the {name} point has no position: place it on the photo")
    return float(x), float(y)


def obliquity_deg(landmarks: PelvisLandmarks, stance_side: Side) -> float:
    """Unrounded pelvic obliquity in degrees, positive when the lifted side is lower.

    Raises LandmarkError for a landmark set that cannot be a pelvis line.
    """
    lifted = lifted_side(stance_side)
    sx, sy = _finite_point(landmarks.point(stance_side), f"{stance_side} PSIS")
    lx, ly = _finite_point(landmarks.point(lifted), f"{lifted} PSIS")
    dx, dy = abs(lx - sx), ly - sy
    if math.hypot(dx, dy) < MIN_SEPARATION_PX:
        raise LandmarkError(
            "the left and right PSIS are on one spot: place one on each side of the pelvis"
        )
    if dx == 0:
        raise LandmarkError(
            "the left and right PSIS are straight above each other (a vertical line): "
            "place them side by side, one on each side of the pelvis"
        )
    angle = math.degrees(math.atan2(dy, dx))
    if abs(angle) > MAX_OBLIQUITY_DEG:
        raise LandmarkError(
            f"the line between the PSIS is tilted {abs(angle):.0f}°, more than "
            f"{MAX_OBLIQUITY_DEG:g}°: the points look misplaced (one on each side of the pelvis)"
        )
    return angle


def measure_drop(photo: PelvisPhoto, stance_side: Side) -> PelvicDrop | None:
    """The drop for ``stance_side``, or None when the single-leg landmarks are not placed.

    Raises LandmarkError (naming the photo) for a degenerate landmark set.
    """
    if photo.landmarks is None:
        return None
    try:
        single = obliquity_deg(photo.landmarks, stance_side)
    except LandmarkError as error:
        raise LandmarkError(f"single-leg photo: {error}") from None
    reference: float | None = None
    if photo.reference_landmarks is not None:
        try:
            reference = obliquity_deg(photo.reference_landmarks, stance_side)
        except LandmarkError as error:
            raise LandmarkError(f"reference photo: {error}") from None
    drop = single - reference if reference is not None else single
    return PelvicDrop(stance_side, round(drop, DROP_DECIMALS) + 0.0, single, reference)


def landmark_problems(photo: PelvisPhoto, stance_side: Side) -> list[tuple[str, str]]:
    """(relative path, message) for each degenerate landmark set; empty when measurable."""
    out: list[tuple[str, str]] = []
    sets = (("landmarks", photo.landmarks), ("reference_landmarks", photo.reference_landmarks))
    for key, landmarks in sets:
        if landmarks is None:
            continue
        try:
            obliquity_deg(landmarks, stance_side)
        except LandmarkError as error:
            out.append((key, str(error)))
    if photo.landmarks is None and photo.reference_landmarks is not None:
        out.append(
            ("landmarks", "the single-leg photo needs its landmarks when a reference is placed")
        )
    return out


def beyond_measurement_error(drop_deg: float) -> bool:
    """True when the drop reaches the 4 deg MDC (a value under it is within error)."""
    return abs(drop_deg) >= DROP_MDC_DEG - 1e-9


def reaches_threshold(drop_deg: float, threshold_deg: float | None) -> bool | None:
    """The clinic's threshold reached (design.md: reaching counts); None without a threshold."""
    if threshold_deg is None:
        return None
    return drop_deg >= threshold_deg - 1e-9


def drop_interpretation(
    drop_deg: float, method: str | None, threshold_deg: float | None
) -> dict[str, Any]:
    """Measurement error band and the clinic threshold for one measured drop (results keys)."""
    return {
        "measurement_error_deg": DROP_MDC_DEG,
        "measurement_error_source": DROP_MDC_SOURCE,
        "secondary_error_deg": list(VIDEO_SDD_DEG) if method == PHOTO_METHOD else None,
        "secondary_error_source": VIDEO_SDD_SOURCE if method == PHOTO_METHOD else None,
        "beyond_measurement_error": beyond_measurement_error(drop_deg),
        "threshold_deg": threshold_deg,
        "threshold_source": THRESHOLD_SOURCE,
        "threshold_reached": reaches_threshold(drop_deg, threshold_deg),
    }


def format_deg(value: float) -> str:
    return f"{value:.1f}°"


def drop_sentence(
    drop_deg: float, stance_side: Side, method: str | None, threshold_deg: float | None
) -> str:
    """Plain words for one measured drop, its error band and the clinic's threshold."""
    lifted = lifted_side(stance_side)
    by = f" by {method}" if method else ""
    if drop_deg > 0:
        text = f"Pelvis dropped {format_deg(drop_deg)} on the {lifted} (lifted) side{by}"
    elif drop_deg < 0:
        text = f"Pelvis raised {format_deg(-drop_deg)} on the {lifted} (lifted) side{by}"
    else:
        text = f"Pelvis level (0.0°){by}"
    if beyond_measurement_error(drop_deg):
        text += f", beyond the {DROP_MDC_DEG:g}° measurement error (Youdas 2007)"
    else:
        text += (
            f", within the ±{DROP_MDC_DEG:g}° measurement error (Youdas 2007): "
            "not distinguishable from level"
        )
    if threshold_deg is not None:
        verdict = "reaches" if reaches_threshold(drop_deg, threshold_deg) else "is below"
        text += (
            f"; {verdict} the clinic's {format_deg(threshold_deg)} threshold "
            "(a clinic setting, not a validated cut-off)"
        )
    return text + "."
