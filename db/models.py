"""Typed SQLAlchemy 2 models: one table per recorded input, nothing computed is stored.

Computed results are derived from these inputs on demand by the clinical
engine, so a formula fix never leaves stale numbers behind.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ClientRow(Base):
    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(16), default="unspecified")
    external_id: Mapped[str | None] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    notes: Mapped[str] = mapped_column(Text, default="")
    # The athletes' population the client belongs to (e.g. "professional_football"), else NULL.
    athlete_group: Mapped[str | None] = mapped_column(String(64))
    # Lower-cased, accent-folded "given family external_id dob" for search-as-you-type.
    search_key: Mapped[str] = mapped_column(String(500), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # Optimistic concurrency: an UPDATE matches only the version it read, then bumps it.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    assessments: Mapped[list[AssessmentRow]] = relationship(
        back_populates="client",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(AssessmentRow.performed_on, AssessmentRow.id)",
    )

    __table_args__ = (Index("ix_clients_family_given", "family_name", "given_name"),)
    __mapper_args__ = {"version_id_col": version}


class AssessmentRow(Base):
    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Indexed by the composite index that starts with it (migration 0010).
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    performed_on: Mapped[date] = mapped_column(Date)
    # Local time of day the visit started; NULL for visits recorded before it was kept.
    performed_at: Mapped[time | None] = mapped_column(Time)
    clinician: Mapped[str | None] = mapped_column(String(200))
    referrer_name: Mapped[str | None] = mapped_column(String(200))
    referrer_practice: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    body_mass_kg: Mapped[float | None] = mapped_column(Float)
    height_cm: Mapped[float | None] = mapped_column(Float)
    red_flags_acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)
    # False: red-flag screening not done at this visit (design.md Round 2); the flag rows are then empty.
    screening_done: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    pain_nprs: Mapped[int | None] = mapped_column(Integer)
    odi_recorded: Mapped[bool] = mapped_column(Boolean, default=False)
    rmdq_total: Mapped[int | None] = mapped_column(Integer)
    hip_method: Mapped[str | None] = mapped_column(String(8))
    hip_position: Mapped[str | None] = mapped_column(String(16))
    hip_unit: Mapped[str | None] = mapped_column(String(8))
    hip_contraction: Mapped[str | None] = mapped_column(String(8))
    hip_fixation: Mapped[str | None] = mapped_column(String(16))
    hip_pad_site: Mapped[str | None] = mapped_column(String(200))
    hip_device: Mapped[str | None] = mapped_column(String(200))
    summary_text: Mapped[str | None] = mapped_column(Text)
    program_recorded: Mapped[bool] = mapped_column(Boolean, default=False)
    program_review_date: Mapped[date | None] = mapped_column(Date)
    program_notes: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # Covers the whole visit, its program included (the program's rows hang off it).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # A short hash per field of the visit as last saved (JSON): an edit rewrites only the child rows
    # whose field changed and names the changed fields without reading the old rows back.
    field_digests: Mapped[str | None] = mapped_column(Text, nullable=True)

    client: Mapped[ClientRow] = relationship(back_populates="assessments")
    red_flags: Mapped[list[RedFlagRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="RedFlagRow.position"
    )
    odi_scores: Mapped[list[OdiScoreRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="OdiScoreRow.section"
    )
    psfs_items: Mapped[list[PsfsRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="PsfsRow.position"
    )
    trendelenburg: Mapped[list[TrendelenburgRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    hip_sides: Mapped[list[HipSideRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    hip_trials: Mapped[list[HipTrialRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="(HipTrialRow.side, HipTrialRow.trial_no)"
    )
    program_items: Mapped[list[ProgramItemRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ProgramItemRow.position"
    )

    __table_args__ = (Index("ix_assessments_client_date", "client_id", "performed_on"),)
    __mapper_args__ = {"version_id_col": version}


class RedFlagRow(Base):
    __tablename__ = "assessment_red_flags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Indexed by the unique constraint that starts with it (migration 0010).
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("assessment_id", "code"),)


class OdiScoreRow(Base):
    """One Oswestry section score (1-10); unanswered sections have a NULL score."""

    __tablename__ = "odi_scores"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Indexed by the unique constraint that starts with it (migration 0010).
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    section: Mapped[int] = mapped_column(Integer)
    score: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("assessment_id", "section"),)


class PsfsRow(Base):
    __tablename__ = "psfs_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    activity: Mapped[str] = mapped_column(String(200))
    score: Mapped[float] = mapped_column(Float)


class TrendelenburgRow(Base):
    """A standing Trendelenburg test keyed by the stance leg (clinical-reference §1.1)."""

    __tablename__ = "trendelenburg_tests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Indexed by the unique constraint that starts with it (migration 0010).
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    stance_side: Mapped[str] = mapped_column(String(8))
    elevation_maximal: Mapped[bool] = mapped_column(Boolean, default=True)
    hold_s: Mapped[float | None] = mapped_column(Float)
    trunk_lean: Mapped[str] = mapped_column(String(8), default="none")
    pain_nprs: Mapped[int | None] = mapped_column(Integer)
    pain_location: Mapped[str | None] = mapped_column(String(200))
    invalid_reason: Mapped[str | None] = mapped_column(String(16))
    pelvic_drop_deg: Mapped[float | None] = mapped_column(Float)
    pelvic_drop_cm: Mapped[float | None] = mapped_column(Float)
    drop_method: Mapped[str | None] = mapped_column(String(16))
    support: Mapped[str | None] = mapped_column(String(24))
    trick_movement: Mapped[str | None] = mapped_column(String(16))
    lifted_hip_flexion_deg: Mapped[float | None] = mapped_column(Float)
    knee_flexed: Mapped[bool | None] = mapped_column(Boolean)
    gait_observation: Mapped[str | None] = mapped_column(String(16))
    # Photo landmarks (image pixels of the stored photo, client's sides); NULL when not placed.
    photo_left_x: Mapped[float | None] = mapped_column(Float)
    photo_left_y: Mapped[float | None] = mapped_column(Float)
    photo_right_x: Mapped[float | None] = mapped_column(Float)
    photo_right_y: Mapped[float | None] = mapped_column(Float)
    reference_left_x: Mapped[float | None] = mapped_column(Float)
    reference_left_y: Mapped[float | None] = mapped_column(Float)
    reference_right_x: Mapped[float | None] = mapped_column(Float)
    reference_right_y: Mapped[float | None] = mapped_column(Float)
    photo_recorded: Mapped[bool] = mapped_column(Boolean, default=False)
    photo_in_letter: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (UniqueConstraint("assessment_id", "stance_side"),)


class PhotoRow(Base):
    """A Trendelenburg photo: health data, so it lives in the database (encrypted, backed up,
    exported for the client, deleted with the client) as a downscaled JPEG without metadata.

    Kept apart from the test row so saving a visit does not rewrite images. While a visit
    is being edited its photos carry the draft key; saving the visit attaches them to the
    assessment in the same transaction. A draft row with no JPEG removes the stored photo.
    """

    __tablename__ = "trendelenburg_photos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    assessment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    draft_key: Mapped[str | None] = mapped_column(String(200), index=True)
    stance_side: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(16))
    jpeg: Mapped[bytes | None] = mapped_column(LargeBinary)
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class HipSideRow(Base):
    """Per-side hip-abduction data: lever arm for dynamometry, or the manual grade."""

    __tablename__ = "hip_abduction_sides"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Indexed by the unique constraint that starts with it (migration 0010).
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    side: Mapped[str] = mapped_column(String(8))
    lever_arm_cm: Mapped[float | None] = mapped_column(Float)
    mmt_grade: Mapped[int | None] = mapped_column(Integer)
    mmt_modifier: Mapped[str | None] = mapped_column(String(1))

    __table_args__ = (UniqueConstraint("assessment_id", "side"),)


class HipTrialRow(Base):
    """One dynamometer trial in the unit the device showed (assessments.hip_unit).

    A captured trial keeps its force-time curve: little-endian float32 samples
    at ``curve_rate_hz`` in the same unit (4 bytes a sample: a 5 s trial at
    1 kHz is 20 kB).
    """

    __tablename__ = "hip_abduction_trials"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Indexed by the unique constraint that starts with it (migration 0010).
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    side: Mapped[str] = mapped_column(String(8))
    trial_no: Mapped[int] = mapped_column(Integer)
    force: Mapped[float] = mapped_column(Float)
    curve_rate_hz: Mapped[float | None] = mapped_column(Float)
    curve_force: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Set on the one trial of a side the clinician left out as an outlier: why it was left out.
    excluded_reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("assessment_id", "side", "trial_no"),)


class ProgramItemRow(Base):
    """An exercise in the clinician-confirmed program, in the clinician's order."""

    __tablename__ = "program_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    exercise_id: Mapped[str] = mapped_column(String(64))
    stage: Mapped[int] = mapped_column(Integer)
    sets: Mapped[int | None] = mapped_column(Integer)
    reps: Mapped[int | None] = mapped_column(Integer)
    hold_s: Mapped[int | None] = mapped_column(Integer)
    rest_s: Mapped[int | None] = mapped_column(Integer)
    days_per_week: Mapped[int | None] = mapped_column(Integer)
    side: Mapped[str | None] = mapped_column(String(8))
    notes: Mapped[str] = mapped_column(Text, default="")


class SettingsRow(Base):
    """Clinic letterhead and preferences: a single row with id 1."""

    __tablename__ = "clinic_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    clinic_name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    provider_number: Mapped[str] = mapped_column(String(60), default="")
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    clinician_name: Mapped[str] = mapped_column(String(200), default="")
    clinician_credentials: Mapped[str] = mapped_column(String(200), default="")
    default_unit: Mapped[str] = mapped_column(String(8), default="N")
    page_size: Mapped[str] = mapped_column(String(8), default="A4")
    active_norm_table: Mapped[str] = mapped_column(String(200), default="builtin")
    idle_lock_minutes: Mapped[int] = mapped_column(Integer, default=10)
    pelvic_drop_threshold_deg: Mapped[float | None] = mapped_column(Float)


class ClinicianRow(Base):
    """A clinician of the clinic, listed in the clinic's order; visits name them."""

    __tablename__ = "clinicians"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    qualifications: Mapped[str] = mapped_column(String(200), default="")
    registration_number: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")


class DraftRow(Base):
    """Work in progress saved as the clinician types, keyed by what it belongs to."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    payload: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # Whose work it is, on which device: nobody else sees or overwrites it.
    owner: Mapped[str] = mapped_column(String(64), default="clinician", server_default="clinician")
    device: Mapped[str] = mapped_column(String(200), default="local", server_default="local")

    __table_args__ = (UniqueConstraint("owner", "device", "key", name="uq_drafts_owner_device_key"),)


class AuditEventRow(Base):
    """Append-only, hash-chained record of who did what to which record.

    Triggers (created by the migration) reject UPDATE and DELETE. ``detail``
    never holds identifying data: field names, counts, file kinds only.
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    client_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class UserRow(Base):
    """A person who signs in to a clinic server. Only a scrypt hash of the password is kept."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (CheckConstraint("role IN ('admin', 'clinician', 'reception')", name="role"),)
