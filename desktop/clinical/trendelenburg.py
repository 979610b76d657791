"""Trendelenburg test per stance leg (design.md formulas; clinical-reference §1).

The result belongs to the stance leg, whose abductors hold the pelvis level;
when they fail the pelvis drops on the other side. Weakness, pain limitation
and compensation are kept apart so a pain-limited or compensated test is not
read as plain weakness.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop.clinical.model import Side, TrendelenburgSide
from desktop.clinical.pelvic_drop import (
    DROP_MDC_DEG,
    PHOTO_METHOD,
    LandmarkError,
    PelvicDrop,
    drop_interpretation,
    drop_sentence,
    measure_drop,
)

NEGATIVE = "negative"
POSITIVE_DELAYED = "positive_delayed"
POSITIVE_IMMEDIATE = "positive_immediate"
INVALID = "invalid"
RESULTS = (NEGATIVE, POSITIVE_DELAYED, POSITIVE_IMMEDIATE, INVALID)
POSITIVE_RESULTS = (POSITIVE_DELAYED, POSITIVE_IMMEDIATE)

# Hardcastle & Nade 1985: the posture must be held 30 s (clinical-reference §1.2) [V].
HOLD_TARGET_S = 30.0
# Trunk lean toward the stance leg is the compensated (Duchenne) sign (§1.5, design.md).
COMPENSATED_LEANS = ("mild", "marked")
# Grimaldi 2017: lateral hip pain >= 2/10 within 30 s (§1.3) [S]; used only to flag a
# possibly pain-limited test, never to call weakness.
PAIN_LIMITED_NPRS = 2
# Youdas 2007 goniometric pelvis-on-femur angle MDC 4 deg (§1.3, §1.7) [V]; no validated
# degree cut-off for a positive test exists [U]. Defined with the photo measurement.
PELVIC_DROP_MDC_DEG = DROP_MDC_DEG
# Magee textbook criterion: drop of the non-stance iliac crest > 2 cm (§1.3) [S].
PELVIC_DROP_TEXTBOOK_CM = 2.0
# Hardcastle & Nade: trick movements can hide a positive test (false negative) (§1.2) [V].
TRICK_MOVEMENT_LABELS = {
    "trunk_shift": "trunk shifted over the stance leg",
    "hip_hike": "pelvis lifted with the trunk side-flexors",
}
GAIT_LABELS = {
    "normal": "gait looked normal",
    "trendelenburg": "Trendelenburg gait seen (pelvis drops in stance)",
    "compensated": "compensated (Duchenne) gait seen: trunk leans over the stance leg",
    "antalgic": "antalgic (pain-avoiding) gait seen",
    "other": "other gait pattern noted",
}
INVALID_REASON_LABELS = {
    "pain": "pain",
    "balance": "poor balance",
    "cooperation": "difficulty following the test",
    "deformity": "deformity",
    "other": "another reason",
    "not_timed": "hold time not recorded",
}


def other_side(side: Side) -> Side:
    return "right" if side == "left" else "left"


@dataclass(frozen=True)
class TrendelenburgFinding:
    stance_side: Side
    result: str
    hold_s: float | None
    compensated: bool
    invalid_reason: str | None = None
    pain_nprs: int | None = None
    pain_limited: bool = False
    pelvic_drop_deg: float | None = None
    pelvic_drop_cm: float | None = None
    drop_method: str | None = None
    trick_movement: str | None = None
    gait_observation: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    photo_drop: PelvicDrop | None = None
    drop_threshold_deg: float | None = None

    @property
    def positive(self) -> bool:
        return self.result in POSITIVE_RESULTS

    @property
    def interpretable(self) -> bool:
        return self.result != INVALID

    @property
    def weak_side(self) -> Side | None:
        """The stance leg when the test is positive; the abductors there failed."""
        return self.stance_side if self.positive else None

    @property
    def pelvic_drop_side(self) -> Side:
        """The pelvis drops on the side opposite the stance leg."""
        return other_side(self.stance_side)

    @property
    def pelvic_drop_method(self) -> str | None:
        """How the drop in degrees was measured ("photo" from landmarks), None without one."""
        return self.drop_method if self.pelvic_drop_deg is not None else None

    @property
    def pelvic_drop_error(self) -> dict[str, Any] | None:
        """The drop's measurement-error band and the clinic threshold verdict, if measured."""
        if self.pelvic_drop_deg is None:
            return None
        return drop_interpretation(self.pelvic_drop_deg, self.drop_method, self.drop_threshold_deg)

    def to_json(self) -> dict[str, Any]:
        return {
            "result": self.result,
            "hold_s": self.hold_s,
            "compensated": self.compensated,
            "invalid_reason": self.invalid_reason,
            "weak_side": self.weak_side,
            "pelvic_drop_side": self.pelvic_drop_side,
            "pain_nprs": self.pain_nprs,
            "pain_limited": self.pain_limited,
            "pelvic_drop_deg": self.pelvic_drop_deg,
            "pelvic_drop_cm": self.pelvic_drop_cm,
            "drop_method": self.drop_method,
            "pelvic_drop_method": self.pelvic_drop_method,
            "pelvic_drop_photo": self.photo_drop.to_dict() if self.photo_drop else None,
            "pelvic_drop_error": self.pelvic_drop_error,
            "trick_movement": self.trick_movement,
            "gait_observation": self.gait_observation,
            "notes": list(self.notes),
        }


def classify_result(side: TrendelenburgSide) -> tuple[str, str | None]:
    """Result category and, when invalid, the reason (design.md rules, in order)."""
    if side.invalid_reason:
        return INVALID, side.invalid_reason
    if not side.elevation_maximal or side.hold_s == 0:
        return POSITIVE_IMMEDIATE, None
    if side.hold_s is None:
        return INVALID, "not_timed"
    if side.hold_s < HOLD_TARGET_S:
        return POSITIVE_DELAYED, None
    return NEGATIVE, None


def evaluate_trendelenburg(
    side: TrendelenburgSide, stance_side: Side, *, drop_threshold_deg: float | None = None
) -> TrendelenburgFinding:
    """Classify one stance-leg test and collect the observations that qualify it.

    Photo landmarks, when placed, give the pelvic drop (method "photo") in place of a
    typed value. ``drop_threshold_deg`` is the clinic's own cut-off, if it set one.
    """
    result, reason = classify_result(side)
    compensated = side.trunk_lean in COMPENSATED_LEANS
    hold_s: float | None = side.hold_s
    if result == POSITIVE_IMMEDIATE:
        hold_s = 0  # Hardcastle & Nade "zero-time" test: elevation not maximal.
    pain_limited = side.pain_nprs is not None and side.pain_nprs >= PAIN_LIMITED_NPRS
    drop_side = other_side(stance_side)
    notes: list[str] = []

    if result == INVALID:
        label = INVALID_REASON_LABELS.get(reason or "", reason or "")
        notes.append(f"Test not interpretable ({label}).")
    if result == NEGATIVE and compensated:
        notes.append(
            f"Held {HOLD_TARGET_S:g} s only with {side.trunk_lean} trunk lean over the stance "
            "leg: a compensated response that can hide abductor weakness."
        )
    elif result in POSITIVE_RESULTS and compensated:
        notes.append(
            f"{side.trunk_lean[:1].upper()}{side.trunk_lean[1:]} trunk lean over the stance leg (compensation)."
        )
    if side.trick_movement and side.trick_movement != "none":
        label = TRICK_MOVEMENT_LABELS.get(side.trick_movement, side.trick_movement)
        if result == NEGATIVE:
            notes.append(f"Trick movement ({label}): the negative result may be a false negative.")
        else:
            notes.append(f"Trick movement noted ({label}).")
    if pain_limited and result in POSITIVE_RESULTS:
        notes.append(
            f"Pain {side.pain_nprs}/10 during the hold: the result may be limited by pain "
            "rather than weakness."
        )
    photo_drop: PelvicDrop | None = None
    drop_deg, drop_method = side.pelvic_drop_deg, side.drop_method
    if side.photo is not None:
        try:
            photo_drop = measure_drop(side.photo, stance_side)
        except LandmarkError as error:
            notes.append(f"Photo landmarks not measurable ({error}).")
    if photo_drop is not None:
        drop_deg, drop_method = photo_drop.drop_deg, PHOTO_METHOD
    if drop_deg is not None:
        notes.append(drop_sentence(drop_deg, stance_side, drop_method, drop_threshold_deg))
    if side.pelvic_drop_cm is not None:
        method = f" by {side.drop_method}" if side.drop_method else ""
        text = f"Pelvic drop on the {drop_side} side {side.pelvic_drop_cm:g} cm{method}"
        if side.pelvic_drop_cm > PELVIC_DROP_TEXTBOOK_CM:
            text += f", beyond the {PELVIC_DROP_TEXTBOOK_CM:g} cm textbook criterion"
        notes.append(text + ".")
    if side.gait_observation:
        label = GAIT_LABELS.get(side.gait_observation, side.gait_observation)
        notes.append(label[:1].upper() + label[1:] + ".")

    return TrendelenburgFinding(
        stance_side=stance_side,
        result=result,
        hold_s=hold_s,
        compensated=compensated,
        invalid_reason=reason,
        pain_nprs=side.pain_nprs,
        pain_limited=pain_limited,
        pelvic_drop_deg=drop_deg,
        pelvic_drop_cm=side.pelvic_drop_cm,
        drop_method=drop_method,
        trick_movement=side.trick_movement,
        gait_observation=side.gait_observation,
        notes=tuple(notes),
        photo_drop=photo_drop,
        drop_threshold_deg=drop_threshold_deg,
    )
