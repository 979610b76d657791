"""Plain-data inputs a clinician records, mirroring the exchange format (version 1).

These frozen dataclasses are the one shape every layer passes around: the
database maps to them, the exchange file converts to and from them, the
window edits them, the clinical engine computes from them. No Qt, no
SQLAlchemy here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, Literal

from desktop.clinical.curves import ForceCurve

Side = Literal["left", "right"]
SIDES: tuple[Side, Side] = ("left", "right")

SEXES = ("female", "male", "other", "unspecified")
TRUNK_LEANS = ("none", "mild", "marked")
# Hardcastle & Nade 1985: pain, deformity, poor balance, poor cooperation or understanding.
INVALID_REASONS = ("pain", "balance", "cooperation", "deformity", "other")
SUPPORTS = ("none", "stick_ipsilateral", "finger_wall", "examiner_shoulders")
TRICK_MOVEMENTS = ("none", "trunk_shift", "hip_hike")
DROP_METHODS = ("visual", "goniometer", "inclinometer", "photo")
GAIT_OBSERVATIONS = ("normal", "trendelenburg", "compensated", "antalgic", "other")
HIP_METHODS = ("hhd", "mmt")
POSITIONS = ("side_lying", "supine", "standing")
FORCE_UNITS = ("N", "kgf", "lbf")
CONTRACTIONS = ("make", "break")
FIXATIONS = ("belt", "wall", "examiner")
MMT_MODIFIERS = ("-", "+")
ODI_SECTIONS = 10
PROGRAM_SIDES = ("left", "right", "both")


@dataclass(frozen=True)
class Referrer:
    name: str | None = None
    practice: str | None = None


@dataclass(frozen=True)
class PsfsItem:
    activity: str
    score: float


Point = tuple[float, float]


@dataclass(frozen=True)
class PelvisLandmarks:
    """Left and right PSIS (or iliac-crest markers) in image pixels, x right and y down.

    Named by the client's sides, so the camera view (from behind or in front,
    mirrored or not) does not change the measurement (design.md "Measured pelvic drop").
    """

    left_psis: Point
    right_psis: Point

    def point(self, side: Side) -> Point:
        return self.left_psis if side == "left" else self.right_psis


@dataclass(frozen=True)
class PelvisPhoto:
    """Landmarks placed on the single-leg photo and, optionally, a both-feet reference photo.

    The images themselves are stored apart (they are health data, never in the exchange);
    ``in_letter`` is the clinician's choice to print an annotated thumbnail.
    """

    landmarks: PelvisLandmarks | None = None
    reference_landmarks: PelvisLandmarks | None = None
    in_letter: bool = False


@dataclass(frozen=True)
class TrendelenburgSide:
    """One standing Trendelenburg test, keyed by the stance leg (clinical-reference §1.6)."""

    elevation_maximal: bool = True
    hold_s: float | None = None
    trunk_lean: str = "none"
    pain_nprs: int | None = None
    pain_location: str | None = None
    invalid_reason: str | None = None
    pelvic_drop_deg: float | None = None
    pelvic_drop_cm: float | None = None
    drop_method: str | None = None
    support: str | None = None
    trick_movement: str | None = None
    lifted_hip_flexion_deg: float | None = None
    knee_flexed: bool | None = None
    gait_observation: str | None = None
    photo: PelvisPhoto | None = None


@dataclass(frozen=True)
class TrialExclusion:
    """One dynamometer trial the clinician set aside as an outlier, and why (kept and printed).

    ``trial_no`` counts from 1, as the trials are numbered on screen and in the letter.
    """

    trial_no: int
    reason: str


@dataclass(frozen=True)
class HhdSide:
    """Hand-held dynamometer trials for one side, in the test's recorded unit."""

    trials: tuple[float, ...] = ()
    lever_arm_cm: float | None = None
    # Force-time curves aligned with ``trials`` (None for a typed trial); empty when none recorded.
    curves: tuple[ForceCurve | None, ...] = ()
    # An outlier trial left out of peak, mean and CV; it stays recorded with its reason.
    excluded: TrialExclusion | None = None

    @property
    def used_trials(self) -> tuple[float, ...]:
        """The trials peak, mean and CV are computed from: all but the excluded one."""
        if self.excluded is None:
            return self.trials
        return tuple(t for i, t in enumerate(self.trials, start=1) if i != self.excluded.trial_no)

    @property
    def used_curves(self) -> tuple[ForceCurve | None, ...]:
        if self.excluded is None or not self.curves:
            return self.curves
        return tuple(c for i, c in enumerate(self.curves, start=1) if i != self.excluded.trial_no)


@dataclass(frozen=True)
class MmtSide:
    """Manual muscle grade 0-5 (MRC) with an optional - or + modifier."""

    grade: int
    modifier: str | None = None


@dataclass(frozen=True)
class HipAbduction:
    method: str = "hhd"
    position: str | None = None
    unit: str = "N"
    contraction: str | None = None
    fixation: str | None = None
    pad_site: str | None = None
    device: str | None = None
    left: HhdSide | MmtSide | None = None
    right: HhdSide | MmtSide | None = None

    def side(self, side: Side) -> HhdSide | MmtSide | None:
        return self.left if side == "left" else self.right


@dataclass(frozen=True)
class ProgramItem:
    """One exercise in the clinician-confirmed program."""

    exercise_id: str
    stage: int
    sets: int | None = None
    reps: int | None = None
    hold_s: int | None = None
    rest_s: int | None = None
    days_per_week: int | None = None
    side: str | None = None
    notes: str = ""


@dataclass(frozen=True)
class Program:
    exercises: tuple[ProgramItem, ...] = ()
    review_date: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class Assessment:
    performed_on: date
    clinician: str | None = None
    referrer: Referrer | None = None
    reason: str | None = None
    body_mass_kg: float | None = None
    height_cm: float | None = None
    # None: screening not done at this visit; (): screened, no red flag (design.md Round 2).
    red_flags: tuple[str, ...] | None = ()
    red_flags_acknowledged: bool = False
    pain_nprs: int | None = None
    odi_item_scores: tuple[int | None, ...] | None = None
    rmdq_total: int | None = None
    psfs: tuple[PsfsItem, ...] = ()
    trendelenburg_left: TrendelenburgSide | None = None
    trendelenburg_right: TrendelenburgSide | None = None
    hip_abduction: HipAbduction | None = None
    summary_text: str | None = None
    program: Program | None = None
    notes: str = ""
    # Time of day the visit started (local clock); the urgent letter states it (GIRFT: hours matter).
    performed_at: time | None = None

    def trendelenburg(self, side: Side) -> TrendelenburgSide | None:
        return self.trendelenburg_left if side == "left" else self.trendelenburg_right


@dataclass(frozen=True)
class Client:
    given_name: str
    family_name: str
    date_of_birth: date
    sex: str = "unspecified"
    external_id: str | None = None
    phone: str | None = None
    email: str | None = None
    notes: str = ""
    # The athletes' population the clinician places this client in (e.g. "professional_football");
    # only then are that population's reference values offered (clinical-reference §14 rule 2).
    athlete_group: str | None = None

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


@dataclass(frozen=True)
class ClientRecord:
    """A client with its stored id and assessments (each with its id), oldest first."""

    id: int | None
    client: Client
    assessments: tuple[tuple[int | None, Assessment], ...] = field(default_factory=tuple)


def age_on(date_of_birth: date, on: date) -> int:
    """Whole years of age on a given day."""
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


# ---------------------------------------------------------------------------
# Exchange-format conversion (dict <-> dataclasses). Validation happens before
# from_* is called (see desktop.clinical.validation); these assume valid input.


def _opt_date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _landmarks_from_dict(data: dict[str, Any] | None) -> PelvisLandmarks | None:
    if not data:
        return None
    left, right = data["left_psis"], data["right_psis"]
    return PelvisLandmarks((float(left[0]), float(left[1])), (float(right[0]), float(right[1])))


def _landmarks_to_dict(landmarks: PelvisLandmarks | None) -> dict[str, Any] | None:
    if landmarks is None:
        return None
    return {"left_psis": list(landmarks.left_psis), "right_psis": list(landmarks.right_psis)}


def photo_from_dict(data: dict[str, Any] | None) -> PelvisPhoto | None:
    if not data:
        return None
    return PelvisPhoto(
        landmarks=_landmarks_from_dict(data.get("landmarks")),
        reference_landmarks=_landmarks_from_dict(data.get("reference_landmarks")),
        in_letter=bool(data.get("in_letter", False)),
    )


def photo_to_dict(photo: PelvisPhoto | None) -> dict[str, Any] | None:
    if photo is None:
        return None
    return {
        "landmarks": _landmarks_to_dict(photo.landmarks),
        "reference_landmarks": _landmarks_to_dict(photo.reference_landmarks),
        "in_letter": photo.in_letter,
    }


def trendelenburg_from_dict(data: dict[str, Any]) -> TrendelenburgSide:
    return TrendelenburgSide(
        elevation_maximal=bool(data.get("elevation_maximal", True)),
        hold_s=data.get("hold_s"),
        trunk_lean=data.get("trunk_lean") or "none",
        pain_nprs=data.get("pain_nprs"),
        pain_location=data.get("pain_location"),
        invalid_reason=data.get("invalid_reason"),
        pelvic_drop_deg=data.get("pelvic_drop_deg"),
        pelvic_drop_cm=data.get("pelvic_drop_cm"),
        drop_method=data.get("drop_method"),
        support=data.get("support"),
        trick_movement=data.get("trick_movement"),
        lifted_hip_flexion_deg=data.get("lifted_hip_flexion_deg"),
        knee_flexed=data.get("knee_flexed"),
        gait_observation=data.get("gait_observation"),
        photo=photo_from_dict(data.get("photo")),
    )


def trendelenburg_to_dict(side: TrendelenburgSide) -> dict[str, Any]:
    return {
        "elevation_maximal": side.elevation_maximal,
        "hold_s": side.hold_s,
        "trunk_lean": side.trunk_lean,
        "pain_nprs": side.pain_nprs,
        "pain_location": side.pain_location,
        "invalid_reason": side.invalid_reason,
        "pelvic_drop_deg": side.pelvic_drop_deg,
        "pelvic_drop_cm": side.pelvic_drop_cm,
        "drop_method": side.drop_method,
        "support": side.support,
        "trick_movement": side.trick_movement,
        "lifted_hip_flexion_deg": side.lifted_hip_flexion_deg,
        "knee_flexed": side.knee_flexed,
        "gait_observation": side.gait_observation,
        "photo": photo_to_dict(side.photo),
    }


def hip_abduction_from_dict(data: dict[str, Any]) -> HipAbduction:
    method = data.get("method", "hhd")

    def side(raw: dict[str, Any] | None) -> HhdSide | MmtSide | None:
        if raw is None:
            return None
        if method == "mmt":
            return MmtSide(grade=int(raw["grade"]), modifier=raw.get("modifier"))
        excluded = raw.get("excluded_trial")
        return HhdSide(
            trials=tuple(float(t) for t in raw.get("trials") or ()),
            lever_arm_cm=raw.get("lever_arm_cm"),
            curves=tuple(curve_from_dict(c) for c in raw.get("curves") or ()),
            excluded=TrialExclusion(int(excluded["trial_no"]), str(excluded["reason"])) if excluded else None,
        )

    return HipAbduction(
        method=method,
        position=data.get("position"),
        unit=data.get("unit") or "N",
        contraction=data.get("contraction"),
        fixation=data.get("fixation"),
        pad_site=data.get("pad_site"),
        device=data.get("device"),
        left=side(data.get("left")),
        right=side(data.get("right")),
    )


def hip_abduction_to_dict(hip: HipAbduction) -> dict[str, Any]:
    def side(value: HhdSide | MmtSide | None) -> dict[str, Any] | None:
        if value is None:
            return None
        if isinstance(value, MmtSide):
            return {"grade": value.grade, "modifier": value.modifier}
        out: dict[str, Any] = {"trials": list(value.trials), "lever_arm_cm": value.lever_arm_cm}
        if any(c is not None for c in value.curves):
            out["curves"] = [curve_to_dict(c) for c in value.curves]
        if value.excluded is not None:
            out["excluded_trial"] = {"trial_no": value.excluded.trial_no, "reason": value.excluded.reason}
        return out

    out: dict[str, Any] = {"method": hip.method}
    if hip.method == "hhd":
        out.update(
            position=hip.position,
            unit=hip.unit,
            contraction=hip.contraction,
            fixation=hip.fixation,
            pad_site=hip.pad_site,
            device=hip.device,
        )
    else:
        out.update(position=hip.position)
    out["left"] = side(hip.left)
    out["right"] = side(hip.right)
    return out


def curve_from_dict(data: dict[str, Any] | None) -> ForceCurve | None:
    if data is None:
        return None
    return ForceCurve(rate_hz=float(data["rate_hz"]), force=tuple(float(f) for f in data["force"]))


def curve_to_dict(curve: ForceCurve | None) -> dict[str, Any] | None:
    if curve is None:
        return None
    return {"rate_hz": curve.rate_hz, "force": list(curve.force)}


def program_from_dict(data: dict[str, Any]) -> Program:
    return Program(
        exercises=tuple(
            ProgramItem(
                exercise_id=item["id"],
                stage=int(item["stage"]),
                sets=item.get("sets"),
                reps=item.get("reps"),
                hold_s=item.get("hold_s"),
                rest_s=item.get("rest_s"),
                days_per_week=item.get("days_per_week"),
                side=item.get("side"),
                notes=item.get("notes") or "",
            )
            for item in data.get("exercises") or ()
        ),
        review_date=_opt_date(data.get("review_date")),
        notes=data.get("notes") or "",
    )


def program_to_dict(program: Program) -> dict[str, Any]:
    return {
        "exercises": [
            {
                "id": item.exercise_id,
                "stage": item.stage,
                "sets": item.sets,
                "reps": item.reps,
                "hold_s": item.hold_s,
                "rest_s": item.rest_s,
                "days_per_week": item.days_per_week,
                "side": item.side,
                "notes": item.notes,
            }
            for item in program.exercises
        ],
        "review_date": program.review_date.isoformat() if program.review_date else None,
        "notes": program.notes,
    }


def assessment_from_dict(data: dict[str, Any]) -> Assessment:
    referrer = data.get("referrer")
    tb = data.get("trendelenburg") or {}
    hip = data.get("hip_abduction")
    odi = data.get("odi_item_scores")
    program = data.get("program")
    return Assessment(
        performed_on=date.fromisoformat(data["performed_on"]),
        clinician=data.get("clinician"),
        referrer=Referrer(referrer.get("name"), referrer.get("practice")) if referrer else None,
        reason=data.get("reason"),
        body_mass_kg=data.get("body_mass_kg"),
        height_cm=data.get("height_cm"),
        red_flags=None if data.get("red_flags") is None else tuple(data["red_flags"]),
        red_flags_acknowledged=bool(data.get("red_flags_acknowledged", False)),
        pain_nprs=data.get("pain_nprs"),
        odi_item_scores=tuple(odi) if odi is not None else None,
        rmdq_total=data.get("rmdq_total"),
        psfs=tuple(PsfsItem(p["activity"], p["score"]) for p in data.get("psfs") or ()),
        trendelenburg_left=trendelenburg_from_dict(tb["left"]) if tb.get("left") else None,
        trendelenburg_right=trendelenburg_from_dict(tb["right"]) if tb.get("right") else None,
        hip_abduction=hip_abduction_from_dict(hip) if hip else None,
        summary_text=data.get("summary_text"),
        program=program_from_dict(program) if program else None,
        notes=data.get("notes") or "",
        performed_at=time.fromisoformat(data["performed_at"]) if data.get("performed_at") else None,
    )


def assessment_to_dict(assessment: Assessment) -> dict[str, Any]:
    a = assessment
    tb: dict[str, Any] = {}
    if a.trendelenburg_left:
        tb["left"] = trendelenburg_to_dict(a.trendelenburg_left)
    if a.trendelenburg_right:
        tb["right"] = trendelenburg_to_dict(a.trendelenburg_right)
    when = {"performed_at": a.performed_at.strftime("%H:%M")} if a.performed_at is not None else {}
    return {
        "performed_on": a.performed_on.isoformat(),
        **when,
        "clinician": a.clinician,
        "referrer": {"name": a.referrer.name, "practice": a.referrer.practice}
        if a.referrer
        else None,
        "reason": a.reason,
        "body_mass_kg": a.body_mass_kg,
        "height_cm": a.height_cm,
        "red_flags": None if a.red_flags is None else list(a.red_flags),
        "red_flags_acknowledged": a.red_flags_acknowledged,
        "pain_nprs": a.pain_nprs,
        "odi_item_scores": list(a.odi_item_scores) if a.odi_item_scores is not None else None,
        "rmdq_total": a.rmdq_total,
        "psfs": [{"activity": p.activity, "score": p.score} for p in a.psfs],
        "trendelenburg": tb,
        "hip_abduction": hip_abduction_to_dict(a.hip_abduction) if a.hip_abduction else None,
        "summary_text": a.summary_text,
        "program": program_to_dict(a.program) if a.program else None,
        "notes": a.notes,
    }


def client_from_dict(data: dict[str, Any]) -> Client:
    return Client(
        given_name=data["given_name"],
        family_name=data["family_name"],
        date_of_birth=date.fromisoformat(data["date_of_birth"]),
        sex=data.get("sex") or "unspecified",
        external_id=data.get("external_id"),
        phone=data.get("phone"),
        email=data.get("email"),
        notes=data.get("notes") or "",
        athlete_group=data.get("athlete_group") or None,
    )


def client_to_dict(client: Client) -> dict[str, Any]:
    return {
        "given_name": client.given_name,
        "family_name": client.family_name,
        "date_of_birth": client.date_of_birth.isoformat(),
        "sex": client.sex,
        "external_id": client.external_id,
        "phone": client.phone,
        "email": client.email,
        "notes": client.notes,
        **({"athlete_group": client.athlete_group} if client.athlete_group else {}),
    }


PAGE_SIZES = ("A4", "Letter")


@dataclass(frozen=True)
class ClinicSettings:
    """Letterhead and preferences, edited in Settings; one per data folder."""

    clinic_name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    provider_number: str = ""
    logo_png: bytes | None = None
    clinician_name: str = ""
    clinician_credentials: str = ""
    default_unit: str = "N"
    page_size: str = "A4"
    active_norm_table: str = "builtin"
    idle_lock_minutes: int = 10
    # No validated degree cut-off for a positive test exists (clinical-reference §12): the
    # clinic may set one; None means the measured drop is judged only against its error.
    pelvic_drop_threshold_deg: float | None = None


@dataclass(frozen=True)
class Clinician:
    """A physiotherapist of the clinic, chosen per visit; signs the letters of their visits."""

    name: str
    qualifications: str = ""
    registration_number: str = ""
    phone: str = ""
    id: int | None = None


@dataclass(frozen=True)
class ClinicProfile:
    """The clinic's letterhead and its clinicians, as letters and the window show them."""

    settings: ClinicSettings
    clinicians: tuple[Clinician, ...] = ()

    @property
    def is_set_up(self) -> bool:
        """True once the clinic has a name and at least one clinician."""
        return bool(self.settings.clinic_name.strip()) and bool(self.clinicians)

    def clinician_named(self, name: str | None) -> Clinician | None:
        """The clinician recorded on a visit (matched by name, ignoring case and spacing)."""
        wanted = " ".join((name or "").split()).casefold()
        if not wanted:
            return None
        return next((c for c in self.clinicians if " ".join(c.name.split()).casefold() == wanted), None)
