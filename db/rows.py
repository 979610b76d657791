"""Stored rows to the clinical model's dataclasses, for any row with the columns as attributes.

The stores pass SQLAlchemy's mapped rows; the quick reader (``db.quick``) passes
plain rows read with the standard library's ``sqlite3`` before SQLAlchemy has
loaded. One mapping for both, so a visit read either way is the same visit
(tests compare them field by field). No SQLAlchemy here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from db.curves import curve_from_columns
from desktop.clinical import model as m

if TYPE_CHECKING:
    from db.models import AssessmentRow, ClientRow, SettingsRow, TrendelenburgRow


TB_FIELDS = (
    "elevation_maximal", "hold_s", "trunk_lean", "pain_nprs", "pain_location", "invalid_reason",
    "pelvic_drop_deg", "pelvic_drop_cm", "drop_method", "support", "trick_movement",
    "lifted_hip_flexion_deg", "knee_flexed", "gait_observation",
)


def _landmarks_from(values: tuple[float | None, ...]) -> m.PelvisLandmarks | None:
    if any(v is None for v in values):
        return None
    lx, ly, rx, ry = (float(v) for v in values)  # type: ignore[arg-type]
    return m.PelvisLandmarks((lx, ly), (rx, ry))


def _photo_from_row(t: TrendelenburgRow | Any) -> m.PelvisPhoto | None:
    if not t.photo_recorded:
        return None
    return m.PelvisPhoto(
        landmarks=_landmarks_from(
            (t.photo_left_x, t.photo_left_y, t.photo_right_x, t.photo_right_y)
        ),
        reference_landmarks=_landmarks_from(
            (t.reference_left_x, t.reference_left_y, t.reference_right_x, t.reference_right_y)
        ),
        in_letter=bool(t.photo_in_letter),
    )


def client_from_row(row: ClientRow | Any) -> m.Client:
    return m.Client(
        given_name=row.given_name,
        family_name=row.family_name,
        date_of_birth=row.date_of_birth,
        sex=row.sex,
        external_id=row.external_id,
        phone=row.phone,
        email=row.email,
        notes=row.notes or "",
        athlete_group=row.athlete_group,
    )


def assessment_from_row(row: AssessmentRow | Any) -> m.Assessment:
    tb = {
        t.stance_side: m.TrendelenburgSide(
            **{f: getattr(t, f) for f in TB_FIELDS}, photo=_photo_from_row(t)
        )
        for t in row.trendelenburg
    }
    hip: m.HipAbduction | None = None
    if row.hip_method:
        sides: dict[str, m.HhdSide | m.MmtSide] = {}
        for side_row in row.hip_sides:
            if row.hip_method == "mmt":
                if side_row.mmt_grade is not None:
                    sides[side_row.side] = m.MmtSide(side_row.mmt_grade, side_row.mmt_modifier)
            else:
                trial_rows = [t for t in row.hip_trials if t.side == side_row.side]
                curves = tuple(curve_from_columns(t.curve_rate_hz, t.curve_force) for t in trial_rows)
                excluded = next((m.TrialExclusion(t.trial_no, t.excluded_reason) for t in trial_rows
                                 if t.excluded_reason is not None), None)
                sides[side_row.side] = m.HhdSide(
                    trials=tuple(t.force for t in trial_rows),
                    lever_arm_cm=side_row.lever_arm_cm,
                    curves=curves if any(c is not None for c in curves) else (),
                    excluded=excluded,
                )
        hip = m.HipAbduction(
            method=row.hip_method,
            position=row.hip_position,
            unit=row.hip_unit or "N",
            contraction=row.hip_contraction,
            fixation=row.hip_fixation,
            pad_site=row.hip_pad_site,
            device=row.hip_device,
            left=sides.get("left"),
            right=sides.get("right"),
        )
    program = None
    if row.program_recorded:
        program = m.Program(
            exercises=tuple(
                m.ProgramItem(
                    exercise_id=p.exercise_id, stage=p.stage, sets=p.sets, reps=p.reps, hold_s=p.hold_s,
                    rest_s=p.rest_s, days_per_week=p.days_per_week, side=p.side, notes=p.notes or "",
                )
                for p in row.program_items
            ),
            review_date=row.program_review_date,
            notes=row.program_notes or "",
        )
    referrer = None
    if row.referrer_name is not None or row.referrer_practice is not None:
        referrer = m.Referrer(row.referrer_name, row.referrer_practice)
    return m.Assessment(
        performed_on=row.performed_on,
        performed_at=row.performed_at,
        clinician=row.clinician,
        referrer=referrer,
        reason=row.reason,
        body_mass_kg=row.body_mass_kg,
        height_cm=row.height_cm,
        red_flags=tuple(f.code for f in row.red_flags) if row.screening_done else None,
        red_flags_acknowledged=row.red_flags_acknowledged,
        pain_nprs=row.pain_nprs,
        odi_item_scores=tuple(s.score for s in row.odi_scores) if row.odi_recorded else None,
        rmdq_total=row.rmdq_total,
        psfs=tuple(m.PsfsItem(p.activity, p.score) for p in row.psfs_items),
        trendelenburg_left=tb.get("left"),
        trendelenburg_right=tb.get("right"),
        hip_abduction=hip,
        summary_text=row.summary_text,
        program=program,
        notes=row.notes or "",
    )


SETTINGS_FIELDS = (
    "clinic_name", "address", "phone", "email", "website", "provider_number", "logo_png",
    "clinician_name", "clinician_credentials", "default_unit", "page_size", "active_norm_table",
    "idle_lock_minutes", "pelvic_drop_threshold_deg",
)


def settings_from_row(row: SettingsRow | Any | None) -> m.ClinicSettings:
    """The clinic's settings from their one row; the defaults when there is none yet."""
    if row is None:
        return m.ClinicSettings()
    return m.ClinicSettings(**{f: getattr(row, f) for f in SETTINGS_FIELDS})
