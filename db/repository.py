"""The one storage facade. Short sessions in, plain dataclasses out.

Every write is one transaction that stores the record, its child rows and its
audit event together, so a crash or error never leaves half a record.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Engine, and_, delete, func, null, or_, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from db.anchor import write_anchor
from db.curves import curve_from_columns, curve_to_bytes
from db.engine import database_path, engine_key, reading
from db.errors import (
    READ_ONLY_FOLDER,
    DatabaseBusyError,
    ReadOnlyStorageError,
    StorageError,
    is_driver_error,
    plain_storage_error,
    storage_error_from,
)
from db.models import (
    AssessmentRow,
    AuditEventRow,
    ClientRow,
    ClinicianRow,
    DraftRow,
    HipSideRow,
    HipTrialRow,
    OdiScoreRow,
    PhotoRow,
    ProgramItemRow,
    PsfsRow,
    RedFlagRow,
    SettingsRow,
    TrendelenburgRow,
)
from db.records import PHOTO_KINDS, AuditEvent, ClientSummary, ConflictError, NotFoundError, StoredPhoto, fold
from desktop.clinical import model as m

GENESIS_HASH = "0" * 64
# Key of the PostgreSQL advisory lock that serialises audit appends (one chain, many writers).
AUDIT_CHAIN_LOCK = 0x4D454449  # "MEDI"
log = logging.getLogger(__name__)

# Audit details are space-separated "key=value" pairs or lower-case words
# (field names, counts, file kinds). Capitals, spaces inside values, digits
# with dashes like dates: refused, so a name or birth date cannot slip in.
_SAFE_DETAIL = re.compile(r"(?:(?:[a-z_]+=[a-z0-9_.,+:]*|[a-z_]+)(?: |$))*")
MAX_DETAIL_CHARS = 500

_T = TypeVar("_T")


def check_audit_detail(detail: str) -> str:
    """``detail`` unchanged when it holds only field names, counts and kinds; ValueError otherwise."""
    if len(detail) > MAX_DETAIL_CHARS or not _SAFE_DETAIL.fullmatch(detail):
        raise ValueError("audit detail may hold only field names, counts and kinds (key=value, lower case)")
    return detail


def _retry_when_busy(method: Callable[..., _T]) -> Callable[..., _T]:
    """Run a write again when another program held the database past the busy timeout.

    Safe because every write is one transaction: a failed attempt left nothing behind.
    """

    @functools.wraps(method)
    def wrapper(self: Repository, *args: Any, **kwargs: Any) -> _T:
        attempt = 0
        while True:
            try:
                return method(self, *args, **kwargs)
            except DatabaseBusyError:
                attempt += 1
                if attempt > self.busy_retries:
                    raise
                time.sleep(self.retry_pause_s)

    return wrapper


_AUDIT_COLUMNS = select(AuditEventRow.id, AuditEventRow.at, AuditEventRow.actor, AuditEventRow.action,
                        AuditEventRow.entity, AuditEventRow.entity_id, AuditEventRow.client_id,
                        AuditEventRow.detail, AuditEventRow.prev_hash, AuditEventRow.hash)


def _event(row: Any) -> AuditEvent:
    """An event from a row of ``_AUDIT_COLUMNS``."""
    return AuditEvent(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9])


def search_key(client: m.Client) -> str:
    parts = [client.given_name, client.family_name, client.external_id or "", client.date_of_birth.isoformat()]
    return fold(" ".join(parts))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def event_hash(prev_hash: str, at: datetime, actor: str, action: str, entity: str,
               entity_id: int | None, client_id: int | None, detail: str) -> str:
    payload = json.dumps(
        [prev_hash, at.isoformat(), actor, action, entity, entity_id, client_id, detail],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@contextmanager
def _plain_storage_errors() -> Iterator[None]:
    """Re-raise every driver failure as a StorageError subclass with a designed message.

    Disk full, read-only, locked and missing get their own words; damage
    (including SQLite messages whose bytes are not UTF-8) reads as damage;
    anything else the driver raises becomes UnexpectedStorageError. The
    driver's own text never reaches the clinician (it stays in ``__cause__``).
    """
    try:
        yield
    except StorageError:
        raise
    except (DBAPIError, OSError, UnicodeDecodeError) as exc:
        mapped = storage_error_from(exc)
        if mapped is None and isinstance(exc, OSError):
            raise
        raise (mapped or plain_storage_error(exc)) from exc
    except Exception as exc:
        # Raw driver errors (sqlite3 or sqlcipher3) raised outside SQLAlchemy's wrapping.
        if not is_driver_error(exc) or type(exc).__module__.startswith("sqlalchemy"):
            raise
        raise plain_storage_error(exc) from exc


# Row <-> dataclass mapping


def _client_from_row(row: ClientRow) -> m.Client:
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


def _apply_client(row: ClientRow, client: m.Client) -> None:
    # The last edge: whatever the caller checked, no broken or multi-line name reaches the file.
    from desktop.clinical.validation import NAME_MAX, Problem, ValidationError, text_problem

    for field_name in ("given_name", "family_name"):
        value = getattr(client, field_name)
        problem = (f"must be at most {NAME_MAX} characters" if len(value) > NAME_MAX
                   else text_problem(value, one_line=True))
        if problem:
            raise ValidationError([Problem(field_name, problem)])
    row.given_name = client.given_name
    row.family_name = client.family_name
    row.date_of_birth = client.date_of_birth
    row.sex = client.sex
    row.external_id = client.external_id
    row.phone = client.phone
    row.email = client.email
    row.notes = client.notes
    row.athlete_group = client.athlete_group
    row.search_key = search_key(client)


_TB_FIELDS = (
    "elevation_maximal", "hold_s", "trunk_lean", "pain_nprs", "pain_location", "invalid_reason",
    "pelvic_drop_deg", "pelvic_drop_cm", "drop_method", "support", "trick_movement",
    "lifted_hip_flexion_deg", "knee_flexed", "gait_observation",
)


def _landmarks_from(values: tuple[float | None, ...]) -> m.PelvisLandmarks | None:
    if any(v is None for v in values):
        return None
    lx, ly, rx, ry = (float(v) for v in values)  # type: ignore[arg-type]
    return m.PelvisLandmarks((lx, ly), (rx, ry))


def _photo_from_row(t: TrendelenburgRow) -> m.PelvisPhoto | None:
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


def _trendelenburg_row(side: str, t: m.TrendelenburgSide) -> TrendelenburgRow:
    row = TrendelenburgRow(stance_side=side, **{f: getattr(t, f) for f in _TB_FIELDS})
    photo = t.photo
    row.photo_recorded = photo is not None
    row.photo_in_letter = bool(photo and photo.in_letter)
    for prefix, landmarks in (("photo", photo and photo.landmarks),
                              ("reference", photo and photo.reference_landmarks)):
        (lx, ly), (rx, ry) = (
            (landmarks.left_psis, landmarks.right_psis)
            if landmarks
            else ((None, None), (None, None))
        )
        setattr(row, f"{prefix}_left_x", lx)
        setattr(row, f"{prefix}_left_y", ly)
        setattr(row, f"{prefix}_right_x", rx)
        setattr(row, f"{prefix}_right_y", ry)
    return row


def _assessment_from_row(row: AssessmentRow) -> m.Assessment:
    tb = {
        t.stance_side: m.TrendelenburgSide(
            **{f: getattr(t, f) for f in _TB_FIELDS}, photo=_photo_from_row(t)
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


def _apply_assessment(row: AssessmentRow, a: m.Assessment) -> None:
    row.performed_on = a.performed_on
    row.performed_at = a.performed_at
    row.clinician = a.clinician
    row.referrer_name = a.referrer.name if a.referrer else None
    row.referrer_practice = a.referrer.practice if a.referrer else None
    row.reason = a.reason
    row.body_mass_kg = a.body_mass_kg
    row.height_cm = a.height_cm
    row.red_flags_acknowledged = a.red_flags_acknowledged
    row.pain_nprs = a.pain_nprs
    row.rmdq_total = a.rmdq_total
    row.summary_text = a.summary_text
    row.notes = a.notes
    row.screening_done = a.red_flags is not None
    row.red_flags = [RedFlagRow(position=i, code=c) for i, c in enumerate(a.red_flags or ())]
    row.odi_recorded = a.odi_item_scores is not None
    row.odi_scores = [
        OdiScoreRow(section=i + 1, score=s) for i, s in enumerate(a.odi_item_scores or ())
    ]
    row.psfs_items = [PsfsRow(position=i, activity=p.activity, score=p.score) for i, p in enumerate(a.psfs)]
    row.trendelenburg = [
        _trendelenburg_row(side, t)
        for side, t in (("left", a.trendelenburg_left), ("right", a.trendelenburg_right))
        if t is not None
    ]
    hip = a.hip_abduction
    row.hip_method = hip.method if hip else None
    row.hip_position = hip.position if hip else None
    row.hip_unit = hip.unit if hip else None
    row.hip_contraction = hip.contraction if hip else None
    row.hip_fixation = hip.fixation if hip else None
    row.hip_pad_site = hip.pad_site if hip else None
    row.hip_device = hip.device if hip else None
    sides: list[HipSideRow] = []
    trials: list[HipTrialRow] = []
    if hip:
        for side_name in m.SIDES:
            side = hip.side(side_name)
            if isinstance(side, m.MmtSide):
                sides.append(HipSideRow(side=side_name, mmt_grade=side.grade, mmt_modifier=side.modifier))
            elif isinstance(side, m.HhdSide):
                sides.append(HipSideRow(side=side_name, lever_arm_cm=side.lever_arm_cm))
                curves = side.curves or (None,) * len(side.trials)
                trials.extend(
                    HipTrialRow(side=side_name, trial_no=i + 1, force=float(f),
                                curve_rate_hz=curve.rate_hz if curve else None,
                                curve_force=curve_to_bytes(curve) if curve else None,
                                excluded_reason=side.excluded.reason
                                if side.excluded is not None and side.excluded.trial_no == i + 1 else None)
                    for i, (f, curve) in enumerate(zip(side.trials, curves, strict=True))
                )
    row.hip_sides = sides
    row.hip_trials = trials
    program = a.program
    row.program_recorded = program is not None
    row.program_review_date = program.review_date if program else None
    row.program_notes = program.notes if program else ""
    row.program_items = [
        ProgramItemRow(
            position=i, exercise_id=p.exercise_id, stage=p.stage, sets=p.sets, reps=p.reps, hold_s=p.hold_s,
            rest_s=p.rest_s, days_per_week=p.days_per_week, side=p.side, notes=p.notes,
        )
        for i, p in enumerate(program.exercises if program else ())
    ]


_ASSESSMENT_LOAD = (
    selectinload(AssessmentRow.red_flags),
    selectinload(AssessmentRow.odi_scores),
    selectinload(AssessmentRow.psfs_items),
    selectinload(AssessmentRow.trendelenburg),
    selectinload(AssessmentRow.hip_sides),
    selectinload(AssessmentRow.hip_trials),
    selectinload(AssessmentRow.program_items),
)

_SETTINGS_FIELDS = (
    "clinic_name", "address", "phone", "email", "website", "provider_number", "logo_png",
    "clinician_name", "clinician_credentials", "default_unit", "page_size", "active_norm_table",
    "idle_lock_minutes", "pelvic_drop_threshold_deg",
)


class _Gate:
    """Reads and saves run side by side (SQLite arbitrates them); file swaps run alone.

    A restore, encryption or re-key replaces the database file, so it waits for
    every session in flight and holds new ones back. Ordinary sessions never
    wait for each other here, so a background backup or check cannot stall the
    window's reads.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._sessions = 0
        self._owner: int | None = None
        self._depth = 0

    @contextmanager
    def shared(self) -> Iterator[None]:
        me = threading.get_ident()
        with self._changed:
            while self._owner is not None and self._owner != me:
                self._changed.wait()
            self._sessions += 1
        try:
            yield
        finally:
            with self._changed:
                self._sessions -= 1
                self._changed.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        me = threading.get_ident()
        with self._changed:
            if self._owner == me:
                self._depth += 1
            else:
                while self._owner is not None or self._sessions:
                    self._changed.wait()
                self._owner, self._depth = me, 1
        try:
            yield
        finally:
            with self._changed:
                self._depth -= 1
                if self._depth == 0:
                    self._owner = None
                    self._changed.notify_all()


class Repository:
    """Storage facade over one engine. Methods open a short session each."""

    def __init__(self, engine: Engine, *, actor: str = "clinician", busy_retries: int = 1,
                 retry_pause_s: float = 0.25, read_only: bool = False, device: str = "local",
                 role: str | None = None) -> None:
        self.actor = actor
        self.read_only = read_only  # the data folder cannot be written: reads only
        # Drafts are kept per person and device; ``role`` (clinic server) limits what is read.
        self.device = device
        self.role = role
        self.busy_retries = busy_retries
        self.retry_pause_s = retry_pause_s
        self._gate = _Gate()
        self.rebind(engine)

    def rebind(self, engine: Engine) -> None:
        """Use another engine for the same data (after encrypting or restoring the file).

        The audit anchor is sealed with the database key, so it is sealed
        again with the new engine's key.
        """
        rebinding = hasattr(self, "engine")
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(reading(engine), expire_on_commit=False)
        if rebinding and not self.read_only:
            head = self.audit_head()
            if head is not None:
                self._write_anchor(head)

    @property
    def key_hex(self) -> str | None:
        """The SQLCipher key of this database, None when it is not encrypted."""
        return engine_key(self.engine)

    @property
    def database_path(self) -> Path | None:
        return database_path(self.engine)

    # -- sessions and audit -------------------------------------------------

    @contextmanager
    def maintenance(self) -> Iterator[None]:
        """Hold every other use of this repository (other threads wait) while the file is swapped.

        Restoring, encrypting and re-keying replace or rename the database file;
        a save from another thread in that moment could create a stray file.
        """
        with self._gate.exclusive():
            yield

    @contextmanager
    def _write(self) -> Iterator[Session]:
        if self.read_only:
            raise ReadOnlyStorageError(READ_ONLY_FOLDER)
        with self._gate.shared(), _plain_storage_errors():
            with self._sessions.begin() as session:
                yield session
            head = session.info.get("audit_head_event")
        if head is not None:
            self._write_anchor(head)

    def _write_anchor(self, head: tuple[int, str]) -> None:
        """Record the chain head outside the database, after the commit (db.anchor)."""
        database = self.database_path
        if database is None:
            return
        try:
            write_anchor(database, head, self.key_hex)
        except OSError as exc:  # the commit stands; the anchor lags and `check` says so
            log.warning("audit anchor not updated: %s", type(exc).__name__)

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with self._gate.shared(), _plain_storage_errors(), self._read_sessions() as session:
            yield session

    def _audit(self, session: Session, action: str, entity: str, entity_id: int | None,
               client_id: int | None, detail: str = "") -> None:
        check_audit_detail(detail)
        session.flush()
        # The write lock is held for the whole transaction (BEGIN IMMEDIATE on SQLite; on a
        # server a transaction-scoped advisory lock that every appender takes first), so the
        # chain head read once stays the head: later events in it chain from memory.
        prev_hash = session.info.get("audit_head")
        if prev_hash is None:
            if session.get_bind().dialect.name == "postgresql":
                session.execute(select(func.pg_advisory_xact_lock(AUDIT_CHAIN_LOCK)))
            prev = session.execute(select(AuditEventRow.hash).order_by(AuditEventRow.id.desc()).limit(1)).scalar()
            prev_hash = prev or GENESIS_HASH
        at = _now()
        digest = event_hash(prev_hash, at, self.actor, action, entity, entity_id, client_id, detail)
        row = AuditEventRow(at=at, actor=self.actor, action=action, entity=entity, entity_id=entity_id,
                            client_id=client_id, detail=detail, prev_hash=prev_hash, hash=digest)
        session.add(row)
        session.flush()
        session.info["audit_head"] = digest
        session.info["audit_head_event"] = (int(row.id), digest)

    @_retry_when_busy
    def record_event(self, action: str, entity: str, entity_id: int | None = None,
                     client_id: int | None = None, detail: str = "") -> None:
        """Audit an action that changes no row (an export, a report, a backup)."""
        with self._write() as session:
            self._audit(session, action, entity, entity_id, client_id, detail)

    # -- clients ------------------------------------------------------------

    @_retry_when_busy
    def add_client(self, client: m.Client, assessments: list[m.Assessment] | None = None) -> tuple[int, list[int]]:
        """Store a client and optionally its assessments in one transaction."""
        with self._write() as session:
            client_id, assessment_ids = self._add_client(session, client, assessments or [])
        return client_id, assessment_ids

    def _add_client(self, session: Session, client: m.Client,
                    assessments: list[m.Assessment]) -> tuple[int, list[int]]:
        return self._insert_client(session, client, assessments, audit=True)

    def _insert_client(self, session: Session, client: m.Client, assessments: list[m.Assessment], *,
                       audit: bool = False) -> tuple[int, list[int]]:
        """The rows of a client and its visits; audited unless the caller copies an audit trail itself."""
        now = _now()
        row = ClientRow(created_at=now, updated_at=now)
        _apply_client(row, client)
        session.add(row)
        session.flush()
        if audit:
            self._audit(session, "create", "client", row.id, row.id)
        ids = [self._add_assessment(session, row.id, a, audit=audit) for a in assessments]
        return row.id, ids

    @_retry_when_busy
    def add_clients(self, records: list[tuple[m.Client, list[m.Assessment]]]) -> list[tuple[int, list[int]]]:
        """Store many clients atomically: all of them, or none (imports)."""
        with self._write() as session:
            out = [self._add_client(session, c, a) for c, a in records]
            self._audit(session, "import", "exchange", None, None, f"clients={len(records)}")
        return out

    @_retry_when_busy
    def update_client(self, client_id: int, client: m.Client, *, expected_version: int | None = None) -> int:
        """Store an edit; with ``expected_version`` (the version that was opened) a newer stored
        version raises ConflictError instead of being overwritten. Returns the new version."""
        with self._conflicts("client", client_id, expected_version), self._write() as session:
            row = session.get(ClientRow, client_id, with_for_update=True)
            if row is None:
                raise NotFoundError(f"no client with id {client_id}")
            self._check_version(session, "client", client_id, row.version, expected_version)
            before = _client_from_row(row)
            _apply_client(row, client)
            row.updated_at = _now()
            changed = [f for f in m.Client.__dataclass_fields__ if getattr(before, f) != getattr(client, f)]
            self._audit(session, "update", "client", client_id, client_id, "fields=" + ",".join(changed))
            session.flush()
            return row.version

    def client_version(self, client_id: int) -> int:
        with self._read() as session:
            version = session.execute(select(ClientRow.version).where(ClientRow.id == client_id)).scalar()
            if version is None:
                raise NotFoundError(f"no client with id {client_id}")
            return int(version)

    def assessment_version(self, assessment_id: int) -> int:
        with self._read() as session:
            version = session.execute(
                select(AssessmentRow.version).where(AssessmentRow.id == assessment_id)).scalar()
            if version is None:
                raise NotFoundError(f"no assessment with id {assessment_id}")
            return int(version)

    def _last_change(self, session: Session, entity: str, entity_id: int) -> tuple[str | None, datetime | None]:
        row = session.execute(
            select(AuditEventRow.actor, AuditEventRow.at)
            .where(AuditEventRow.entity == entity, AuditEventRow.entity_id == entity_id,
                   AuditEventRow.action.in_(("create", "update", "delete")))
            .order_by(AuditEventRow.id.desc()).limit(1)
        ).first()
        return (row.actor, row.at) if row else (None, None)

    def _check_version(self, session: Session, entity: str, entity_id: int, stored: int,
                       expected: int | None) -> None:
        if expected is not None and stored != expected:
            who, when = self._last_change(session, entity, entity_id)
            raise ConflictError(entity, entity_id, expected, stored, who, when)

    @contextmanager
    def _conflicts(self, entity: str, entity_id: int, expected: int | None) -> Iterator[None]:
        """A save that lost the race inside the database (the versioned UPDATE matched no row)
        becomes a ConflictError naming who saved first; the transaction was rolled back."""
        try:
            yield
        except StaleDataError:
            with self._read() as session:
                model = ClientRow if entity == "client" else AssessmentRow
                stored = session.execute(select(model.version).where(model.id == entity_id)).scalar()
                who, when = self._last_change(session, entity, entity_id)
            raise ConflictError(entity, entity_id, expected or 0, stored, who, when) from None

    @_retry_when_busy
    def delete_client(self, client_id: int) -> None:
        """Remove a client and every assessment; the audit keeps only the id and counts."""
        with self._write() as session:
            row = session.get(ClientRow, client_id)
            if row is None:
                raise NotFoundError(f"no client with id {client_id}")
            count = len(row.assessments)
            # The foreign keys cascade too; deleting here does not depend on them being enforced.
            session.execute(delete(PhotoRow).where(PhotoRow.client_id == client_id))
            session.delete(row)
            session.execute(delete(DraftRow).where(DraftRow.key.like(f"client:{client_id}:%")))
            self._audit(session, "delete", "client", client_id, client_id, f"assessments={count}")

    def get_client(self, client_id: int) -> m.ClientRecord:
        with self._read() as session:
            row = session.execute(
                select(ClientRow)
                .where(ClientRow.id == client_id)
                .options(selectinload(ClientRow.assessments).options(*_ASSESSMENT_LOAD))
            ).scalar_one_or_none()
            if row is None:
                raise NotFoundError(f"no client with id {client_id}")
            return m.ClientRecord(
                id=row.id,
                client=_client_from_row(row),
                assessments=tuple((a.id, _assessment_from_row(a)) for a in row.assessments),
            )

    def client_contact(self, client_id: int) -> m.Client:
        """A client's name and contact details only: what reception may read (no notes, no visits)."""
        with self._read() as session:
            row = session.execute(
                select(ClientRow.given_name, ClientRow.family_name, ClientRow.date_of_birth, ClientRow.sex,
                       ClientRow.external_id, ClientRow.phone, ClientRow.email).where(ClientRow.id == client_id)
            ).first()
            if row is None:
                raise NotFoundError(f"no client with id {client_id}")
            return m.Client(row.given_name, row.family_name, row.date_of_birth, row.sex, row.external_id,
                            row.phone, row.email)

    def all_client_ids(self) -> list[int]:
        with self._read() as session:
            return list(session.execute(select(ClientRow.id).order_by(ClientRow.id)).scalars())

    def list_clients(self, query: str = "", *, limit: int | None = None) -> list[ClientSummary]:
        """Clients matching every word of ``query`` (accent- and case-insensitive), by name."""
        if self.role == "reception":
            # Reception's database role cannot read assessments at all: list names only.
            n: ColumnElement[Any] = null()
            last: ColumnElement[Any] = null()
        else:
            # Per listed client only (index on client_id, performed_on), not over every visit.
            n = select(func.count(AssessmentRow.id)).where(AssessmentRow.client_id == ClientRow.id) \
                .correlate(ClientRow).scalar_subquery()
            last = select(func.max(AssessmentRow.performed_on)).where(AssessmentRow.client_id == ClientRow.id) \
                .correlate(ClientRow).scalar_subquery()
        stmt = select(ClientRow.id, ClientRow.given_name, ClientRow.family_name, ClientRow.date_of_birth,
                      ClientRow.external_id, n.label("n"), last.label("last"), ClientRow.search_key)
        stmt = stmt.order_by(ClientRow.family_name, ClientRow.given_name, ClientRow.id)
        for word in fold(query).split():
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            stmt = stmt.where(or_(ClientRow.search_key.like(f"%{escaped}%", escape="\\")))
        if limit:
            stmt = stmt.limit(limit)
        with self._read() as session:
            return [
                ClientSummary(r.id, r.given_name, r.family_name, r.date_of_birth, r.external_id,
                              r.n or 0, r.last, r.search_key or "")
                for r in session.execute(stmt)
            ]

    # -- assessments --------------------------------------------------------

    def _add_assessment(self, session: Session, client_id: int, assessment: m.Assessment, *,
                        audit: bool = True) -> int:
        now = _now()
        row = AssessmentRow(client_id=client_id, created_at=now, updated_at=now)
        _apply_assessment(row, assessment)
        session.add(row)
        session.flush()
        if audit:
            self._audit(session, "create", "assessment", row.id, client_id)
        return row.id

    @_retry_when_busy
    def add_assessment(
        self, client_id: int, assessment: m.Assessment, *, photos_draft: str | None = None
    ) -> int:
        """Store a visit; photos kept under ``photos_draft`` join it in the same transaction."""
        with self._write() as session:
            if session.get(ClientRow, client_id) is None:
                raise NotFoundError(f"no client with id {client_id}")
            assessment_id = self._add_assessment(session, client_id, assessment)
            if photos_draft is not None:
                self._attach_photos(session, photos_draft, client_id, assessment_id)
            return assessment_id

    @_retry_when_busy
    def update_assessment(self, assessment_id: int, assessment: m.Assessment, *,
                          expected_version: int | None = None,
                          photos_draft: str | None = None) -> int:
        """Store an edited visit (program included); with ``expected_version`` a visit someone
        else saved since it was opened raises ConflictError and nothing is written.
        Returns the new version."""
        with self._conflicts("assessment", assessment_id, expected_version), self._write() as session:
            # FOR UPDATE (servers): a second writer waits here, then reads the winner's version.
            row = session.execute(
                select(AssessmentRow).where(AssessmentRow.id == assessment_id).options(*_ASSESSMENT_LOAD)
                .with_for_update(of=AssessmentRow)
            ).scalar_one_or_none()
            if row is None:
                raise NotFoundError(f"no assessment with id {assessment_id}")
            self._check_version(session, "assessment", assessment_id, row.version, expected_version)
            before = _assessment_from_row(row)
            # Remove the old child rows first: their unique keys (side, section...) would
            # otherwise clash with the replacements inserted in the same flush.
            for children in (row.red_flags, row.odi_scores, row.psfs_items, row.trendelenburg,
                             row.hip_sides, row.hip_trials, row.program_items):
                children.clear()
            session.flush()
            _apply_assessment(row, assessment)
            row.updated_at = _now()
            changed = [f for f in m.Assessment.__dataclass_fields__ if getattr(before, f) != getattr(assessment, f)]
            if photos_draft is not None and self._attach_photos(
                session, photos_draft, row.client_id, assessment_id
            ):
                changed.append("photos")
            self._audit(session, "update", "assessment", assessment_id, row.client_id,
                        "fields=" + ",".join(changed))
            session.flush()
            return row.version

    @_retry_when_busy
    def delete_assessment(self, assessment_id: int) -> None:
        with self._write() as session:
            row = session.get(AssessmentRow, assessment_id)
            if row is None:
                raise NotFoundError(f"no assessment with id {assessment_id}")
            client_id = row.client_id
            session.execute(delete(PhotoRow).where(PhotoRow.assessment_id == assessment_id))
            session.delete(row)
            self._audit(session, "delete", "assessment", assessment_id, client_id)

    def get_assessment(self, assessment_id: int) -> tuple[int, m.Assessment]:
        """(client_id, assessment) for an id."""
        with self._read() as session:
            row = session.execute(
                select(AssessmentRow).where(AssessmentRow.id == assessment_id).options(*_ASSESSMENT_LOAD)
            ).scalar_one_or_none()
            if row is None:
                raise NotFoundError(f"no assessment with id {assessment_id}")
            return row.client_id, _assessment_from_row(row)

    def list_assessments(self, client_id: int) -> list[tuple[int, m.Assessment]]:
        """A client's assessments, oldest first."""
        with self._read() as session:
            rows = session.execute(
                select(AssessmentRow)
                .where(AssessmentRow.client_id == client_id)
                .order_by(AssessmentRow.performed_on, AssessmentRow.id)
                .options(*_ASSESSMENT_LOAD)
            ).scalars()
            return [(r.id, _assessment_from_row(r)) for r in rows]

    # -- settings -----------------------------------------------------------

    def get_settings(self) -> m.ClinicSettings:
        with self._read() as session:
            row = session.get(SettingsRow, 1)
            if row is None:
                return m.ClinicSettings()
            return m.ClinicSettings(**{f: getattr(row, f) for f in _SETTINGS_FIELDS})

    @_retry_when_busy
    def save_settings(self, settings: m.ClinicSettings) -> None:
        with self._write() as session:
            self._store_settings(session, settings)
            self._audit(session, "update", "settings", 1, None)

    @staticmethod
    def _store_settings(session: Session, settings: m.ClinicSettings) -> None:
        row = session.get(SettingsRow, 1)
        if row is None:
            row = SettingsRow(id=1)
            session.add(row)
        for field in _SETTINGS_FIELDS:
            setattr(row, field, getattr(settings, field))

    # -- clinicians ---------------------------------------------------------

    def list_clinicians(self) -> list[m.Clinician]:
        """The clinic's clinicians in the clinic's order."""
        with self._read() as session:
            rows = session.execute(select(ClinicianRow).order_by(ClinicianRow.position, ClinicianRow.id)).scalars()
            return [m.Clinician(name=r.name, qualifications=r.qualifications,
                                registration_number=r.registration_number, phone=r.phone, id=r.id) for r in rows]

    @_retry_when_busy
    def save_clinic(self, settings: m.ClinicSettings, clinicians: list[m.Clinician]) -> None:
        """Letterhead and clinician list in one transaction; clinicians left out are removed."""
        with self._write() as session:
            self._store_settings(session, settings)
            existing = {row.id: row for row in session.execute(select(ClinicianRow)).scalars()}
            kept: set[int] = set()
            for position, clinician in enumerate(clinicians):
                row = existing.get(clinician.id) if clinician.id is not None else None
                if row is None:
                    row = ClinicianRow()
                    session.add(row)
                else:
                    kept.add(row.id)
                row.position = position
                row.name = clinician.name
                row.qualifications = clinician.qualifications
                row.registration_number = clinician.registration_number
                row.phone = clinician.phone
            for row_id, row in existing.items():
                if row_id not in kept:
                    session.delete(row)
            self._audit(session, "update", "settings", 1, None, f"clinicians={len(clinicians)}")

    # -- drafts -------------------------------------------------------------

    def _mine(self) -> Any:
        """Drafts of the signed-in person on this device."""
        return (DraftRow.owner == self.actor) & (DraftRow.device == self.device)

    @_retry_when_busy
    def save_draft(self, key: str, payload: dict[str, Any]) -> None:
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        with self._write() as session:
            row = session.execute(select(DraftRow).where(self._mine(), DraftRow.key == key)).scalar_one_or_none()
            if row is None:
                session.add(DraftRow(key=key, payload=text, updated_at=_now(), owner=self.actor,
                                     device=self.device))
            elif row.payload != text:
                row.payload = text
                row.updated_at = _now()

    def load_draft(self, key: str) -> dict[str, Any] | None:
        with self._read() as session:
            row = session.execute(select(DraftRow).where(self._mine(), DraftRow.key == key)).scalar_one_or_none()
            return json.loads(row.payload) if row else None

    def list_drafts(self, prefix: str = "") -> list[tuple[str, datetime]]:
        with self._read() as session:
            rows = session.execute(
                select(DraftRow.key, DraftRow.updated_at).where(self._mine(), DraftRow.key.like(f"{prefix}%"))
                .order_by(DraftRow.updated_at.desc())
            )
            return [(r.key, r.updated_at) for r in rows]

    @_retry_when_busy
    def delete_draft(self, key: str) -> None:
        """Discard a draft and the photos taken for it (photos of a saved visit stay)."""
        with self._write() as session:
            session.execute(delete(DraftRow).where(self._mine(), DraftRow.key == key))
            session.execute(delete(PhotoRow).where(PhotoRow.draft_key == key))

    # -- photos -------------------------------------------------------------

    @staticmethod
    def _check_photo_slot(side: str, kind: str) -> None:
        if side not in m.SIDES or kind not in PHOTO_KINDS:
            raise ValueError(f"unknown photo slot {side}/{kind}")

    @_retry_when_busy
    def keep_draft_photo(self, client_id: int, draft_key: str, side: str, kind: str,
                         photo: StoredPhoto | None) -> None:
        """Hold a photo (or its removal, ``None``) for a visit being edited, until it is saved."""
        self._check_photo_slot(side, kind)
        with self._write() as session:
            if session.get(ClientRow, client_id) is None:
                raise NotFoundError(f"no client with id {client_id}")
            session.execute(delete(PhotoRow).where(self._in_slot(side, kind, draft_key=draft_key)))
            session.add(PhotoRow(
                client_id=client_id, draft_key=draft_key, stance_side=side, kind=kind,
                jpeg=photo.jpeg if photo else None, width=photo.width if photo else 0,
                height=photo.height if photo else 0, created_at=_now(),
            ))

    @staticmethod
    def _in_slot(side: str, kind: str, *, draft_key: str | None = None,
                 assessment_id: int | None = None) -> Any:
        """Where-clause of one photo slot, of a draft or of a saved visit."""
        owner = (
            PhotoRow.draft_key == draft_key
            if draft_key is not None
            else PhotoRow.assessment_id == assessment_id
        )
        return and_(owner, PhotoRow.stance_side == side, PhotoRow.kind == kind)

    def _attach_photos(
        self, session: Session, draft_key: str, client_id: int, assessment_id: int
    ) -> int:
        """Move a draft's photos onto the saved visit, replacing its photos in those slots."""
        pending = list(session.execute(
            select(PhotoRow).where(PhotoRow.draft_key == draft_key, PhotoRow.client_id == client_id)
        ).scalars())
        for row in pending:
            session.execute(delete(PhotoRow).where(
                self._in_slot(row.stance_side, row.kind, assessment_id=assessment_id)))
            if row.jpeg is None:
                session.delete(row)
            else:
                row.assessment_id, row.draft_key = assessment_id, None
        return len(pending)

    def photo(self, side: str, kind: str, *, assessment_id: int | None = None,
              draft_key: str | None = None) -> StoredPhoto | None:
        """A slot's photo as the editor sees it: the draft's if any, else the saved visit's."""
        self._check_photo_slot(side, kind)
        with self._read() as session:
            if draft_key is not None:
                row = session.execute(
                    select(PhotoRow).where(self._in_slot(side, kind, draft_key=draft_key))
                ).scalars().first()
                if row is not None:
                    return StoredPhoto(row.jpeg, row.width, row.height) if row.jpeg else None
            if assessment_id is None:
                return None
            row = session.execute(
                select(PhotoRow).where(self._in_slot(side, kind, assessment_id=assessment_id))
            ).scalars().first()
            if row is None or not row.jpeg:
                return None
            return StoredPhoto(row.jpeg, row.width, row.height)

    def assessment_photos(self, assessment_id: int) -> dict[tuple[str, str], StoredPhoto]:
        """A saved visit's photos by (stance side, kind)."""
        with self._read() as session:
            rows = session.execute(
                select(PhotoRow).where(PhotoRow.assessment_id == assessment_id)
            ).scalars()
            return {
                (r.stance_side, r.kind): StoredPhoto(r.jpeg, r.width, r.height)
                for r in rows
                if r.jpeg
            }

    def client_photos(self, client_id: int) -> list[tuple[int | None, str, str, StoredPhoto]]:
        """Every photo held about a client, saved or draft: (assessment id, side, kind, photo)."""
        with self._read() as session:
            rows = session.execute(
                select(PhotoRow).where(PhotoRow.client_id == client_id).order_by(PhotoRow.id)
            ).scalars()
            return [(r.assessment_id, r.stance_side, r.kind, StoredPhoto(r.jpeg, r.width, r.height))
                    for r in rows if r.jpeg]

    # -- audit --------------------------------------------------------------

    def audit_events(self, client_id: int | None = None) -> list[AuditEvent]:
        stmt = _AUDIT_COLUMNS.order_by(AuditEventRow.id)
        if client_id is not None:
            stmt = stmt.where(AuditEventRow.client_id == client_id)
        with self._read() as session:  # plain rows, no ORM objects: the chain check reads every event
            return [_event(row) for row in session.execute(stmt)]

    def audit_events_after(self, event_id: int) -> list[AuditEvent]:
        """Events newer than ``event_id`` (what happened since a backup's chain head)."""
        with self._read() as session:
            rows = session.execute(_AUDIT_COLUMNS.where(AuditEventRow.id > event_id).order_by(AuditEventRow.id))
            return [_event(row) for row in rows]

    def audit_head(self) -> tuple[int, str] | None:
        """(id, hash) of the newest audit event: a backup's manifest records it."""
        with self._read() as session:
            row = session.execute(
                select(AuditEventRow.id, AuditEventRow.hash).order_by(AuditEventRow.id.desc()).limit(1)
            ).first()
            return (int(row[0]), str(row[1])) if row else None

    def audit_hash(self, event_id: int) -> str | None:
        with self._read() as session:
            return session.execute(select(AuditEventRow.hash).where(AuditEventRow.id == event_id)).scalar()

    def verify_audit_chain(self) -> int | None:
        """Id of the first event whose hash does not match the chain, or None when intact."""
        prev = GENESIS_HASH
        for event in self.audit_events():
            expected = event_hash(prev, event.at, event.actor, event.action, event.entity, event.entity_id,
                                  event.client_id, event.detail)
            if event.prev_hash != prev or event.hash != expected:
                return event.id
            prev = event.hash
        return None

    # -- counts (checks and tests) -----------------------------------------

    def table_counts(self) -> dict[str, int]:
        from db.models import Base

        with self._read() as session:
            return {
                table.name: int(session.execute(select(func.count()).select_from(table)).scalar() or 0)
                for table in Base.metadata.sorted_tables
            }
