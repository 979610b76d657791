"""The assessment form as plain JSON-ready data, and its conversion to an ``Assessment``.

The window keeps exactly what the clinician typed (numbers as text) so a draft
restores every keystroke, including half-typed or invalid values. Converting
to the frozen ``Assessment`` happens here, with problems reported by the same
JSON paths that ``desktop.clinical.validation`` uses, so each message lands
beside its field. No Qt in this module: it is tested as plain Python.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from desktop.clinical import model as m
from desktop.clinical.curves import ForceCurve, stored_curve
from desktop.clinical.outcomes import odi_valid_sections
from desktop.clinical.screening import CAUDA_EQUINA_CODES, RED_FLAG_CODES
from desktop.clinical.validation import Problem, validate_assessment
from desktop.ui.assessment.form_parser import FormParser
from desktop.ui.assessment.keys import draft_key, parse_draft_key  # noqa: F401 - the editor's names for drafts

FORM_VERSION = 1
STEPS: tuple[str, ...] = (
    "visit", "screening", "pain", "trendelenburg", "hip", "summary", "program", "export",
)  # fmt: skip
DEFAULT_TRIALS = 3  # Best of 3 with a fixated dynamometer (clinical-reference §2.3).
MAX_PSFS = 5  # PSFS: 3 to 5 activities (clinical-reference §9.4).

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETE = "complete"
NEEDS_ATTENTION = "needs_attention"

_VISIT_PATHS = ("performed_on", "performed_at", "clinician", "referrer", "reason", "body_mass_kg", "height_cm", "notes")
_STEP_OF_PREFIX = {
    "red_flags": "screening",
    "pain_nprs": "pain",
    "odi_item_scores": "pain",
    "rmdq_total": "pain",
    "psfs": "pain",
    "trendelenburg": "trendelenburg",
    "hip_abduction": "hip",
    "summary_text": "summary",
    "program": "program",
}




def _trendelenburg_side_form() -> dict[str, Any]:
    return {
        "hold_s": "", "elevation_maximal": True, "trunk_lean": "none", "pain_nprs": "", "support": "",
        "invalid_reason": "", "pelvic_drop_deg": "", "pelvic_drop_cm": "", "drop_method": "",
        "gait_observation": "", "trick_movement": "", "pain_location": "", "photo": None,
    }  # fmt: skip


def _hip_side_form(trials: int = DEFAULT_TRIALS) -> dict[str, Any]:
    return {"trials": [""] * trials, "lever_arm_cm": "", "grade": "", "modifier": "", "exclude_trial": "",
            "exclude_reason": ""}


def empty_form(on: date | None = None, *, default_unit: str = "N") -> dict[str, Any]:
    """A blank visit dated ``on``."""
    return {
        "version": FORM_VERSION,
        "step": 0,
        "visit": {
            "performed_on": (on or date.today()).isoformat(), "performed_at": "", "clinician": "", "referrer_name": "",
            "referrer_practice": "", "reason": "", "body_mass_kg": "", "height_cm": "", "notes": "",
        },  # fmt: skip
        "screening": {"red_flags": [], "acknowledged": False, "reviewed": False},
        "pain": {"pain_nprs": "", "psfs": [], "odi": [""] * m.ODI_SECTIONS, "rmdq_total": ""},
        "trendelenburg": {"left": _trendelenburg_side_form(), "right": _trendelenburg_side_form(),
                          "current": "left"},
        "hip": {
            "method": "hhd", "position": "", "contraction": "make", "fixation": "belt", "pad_site": "",
            "device": "", "unit": default_unit, "left": _hip_side_form(), "right": _hip_side_form(),
        },  # fmt: skip
        "summary": {"text": None, "edited": False},
        "program": {"items": None, "review_date": "", "notes": ""},
        "export": {"path": None},
    }


def clock_text(at: time | None) -> str:
    """A time of day as the form shows it (24 h, minutes); blank when not recorded."""
    return at.strftime("%H:%M") if at is not None else ""


def started_now() -> str:
    """The time a new visit is started: the default time of assessment, editable."""
    return clock_text(datetime.now().time())


def curve_trial_text(peak: float) -> str:
    """A captured trial shows its peak to 0.1, as a typed one would be entered."""
    return f"{peak:.1f}"


def curve_form(curve: ForceCurve | None, unit: str) -> dict[str, Any] | None:
    if curve is None:
        return None
    return {"rate_hz": curve.rate_hz, "force": list(curve.force), "unit": unit}


def _form_curve(raw: Any, text: Any, value: float, unit: str) -> ForceCurve | None:
    """The captured curve behind a trial box, unless the clinician has since typed over it."""
    if not isinstance(raw, dict) or raw.get("unit") != unit:
        return None
    curve = stored_curve(float(raw["rate_hz"]), raw["force"])
    if str(text).strip() != curve_trial_text(curve.peak) or abs(value - curve.peak) > 0.05:
        return None
    return curve


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def upgrade_form(form: dict[str, Any]) -> dict[str, Any]:
    """Fill keys missing from an older or partial draft with blank values."""
    base = empty_form()

    def merge(default: Any, given: Any) -> Any:
        if isinstance(default, dict) and isinstance(given, dict):
            return {k: merge(default[k], given[k]) if k in given else default[k] for k in default} | {
                k: v for k, v in given.items() if k not in default
            }
        return given

    merged = merge(base, form)
    merged["version"] = FORM_VERSION
    return merged


def form_from_assessment(a: m.Assessment) -> dict[str, Any]:
    """The form showing a stored (or pre-filled) assessment."""
    form = empty_form(a.performed_on)
    form["visit"] = {
        "performed_on": a.performed_on.isoformat(),
        "performed_at": clock_text(a.performed_at),
        "clinician": a.clinician or "",
        "referrer_name": (a.referrer.name if a.referrer else None) or "",
        "referrer_practice": (a.referrer.practice if a.referrer else None) or "",
        "reason": a.reason or "",
        "body_mass_kg": _text(a.body_mass_kg),
        "height_cm": _text(a.height_cm),
        "notes": a.notes or "",
    }
    form["screening"] = {
        "red_flags": list(a.red_flags or ()),
        "acknowledged": a.red_flags_acknowledged,
        "reviewed": a.red_flags is not None,
    }
    form["pain"] = {
        "pain_nprs": _text(a.pain_nprs),
        "psfs": [{"activity": p.activity, "score": _text(p.score)} for p in a.psfs],
        "odi": [_text(s) for s in a.odi_item_scores] if a.odi_item_scores else [""] * m.ODI_SECTIONS,
        "rmdq_total": _text(a.rmdq_total),
    }
    for side in m.SIDES:
        tb = a.trendelenburg(side)
        if tb is None:
            continue
        form["trendelenburg"][side] = {
            "hold_s": _text(tb.hold_s),
            "elevation_maximal": tb.elevation_maximal,
            "trunk_lean": tb.trunk_lean or "none",
            "pain_nprs": _text(tb.pain_nprs),
            "support": tb.support or "",
            "invalid_reason": tb.invalid_reason or "",
            "pelvic_drop_deg": _text(tb.pelvic_drop_deg),
            "pelvic_drop_cm": _text(tb.pelvic_drop_cm),
            "drop_method": tb.drop_method or "",
            "gait_observation": tb.gait_observation or "",
            "trick_movement": tb.trick_movement or "",
            "pain_location": tb.pain_location or "",
            "photo": m.photo_to_dict(tb.photo),
        }
    hip = a.hip_abduction
    if hip is not None:
        hip_form = form["hip"]
        hip_form.update(
            method=hip.method, position=hip.position or "", contraction=hip.contraction or "",
            fixation=hip.fixation or "", pad_site=hip.pad_site or "", device=hip.device or "", unit=hip.unit,
        )  # fmt: skip
        for side in m.SIDES:
            value = hip.side(side)
            if isinstance(value, m.HhdSide):
                curves = list(value.curves) or [None] * len(value.trials)
                trials = [_text(t) if c is None else curve_trial_text(c.peak) for t, c in zip(
                    value.trials, curves, strict=True)]
                trials += [""] * (DEFAULT_TRIALS - len(trials))
                hip_form[side] = {"trials": trials, "lever_arm_cm": _text(value.lever_arm_cm),
                                  "grade": "", "modifier": "", "exclude_trial": "", "exclude_reason": ""}
                if value.excluded is not None:
                    hip_form[side].update(exclude_trial=str(value.excluded.trial_no),
                                          exclude_reason=value.excluded.reason)
                if value.curves:
                    hip_form[side]["curves"] = [curve_form(c, hip.unit) for c in value.curves]
            elif isinstance(value, m.MmtSide):
                hip_form[side] = {"trials": [""] * DEFAULT_TRIALS, "lever_arm_cm": "",
                                  "grade": str(value.grade), "modifier": value.modifier or ""}
    form["summary"] = {"text": a.summary_text, "edited": bool(a.summary_text)}
    if a.program is not None:
        form["program"] = {
            "items": [program_item_form(item) for item in a.program.exercises],
            "review_date": a.program.review_date.isoformat() if a.program.review_date else "",
            "notes": a.program.notes,
        }
    return form


def program_item_form(item: m.ProgramItem) -> dict[str, Any]:
    return {
        "id": item.exercise_id, "stage": item.stage, "sets": _text(item.sets), "reps": _text(item.reps),
        "hold_s": _text(item.hold_s), "rest_s": _text(item.rest_s),
        "days_per_week": _text(item.days_per_week), "side": item.side or "", "notes": item.notes,
    }  # fmt: skip


def program_items_from_results(program: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Form rows for a proposed program (the results' ``program.exercises``)."""
    rows = []
    for ex in (program or {}).get("exercises") or ():
        rows.append({
            "id": ex["id"], "stage": int(ex.get("stage") or 0), "sets": _text(ex.get("sets")),
            "reps": _text(ex.get("reps")), "hold_s": _text(ex.get("hold_s")), "rest_s": _text(ex.get("rest_s")),
            "days_per_week": _text(ex.get("days_per_week")), "side": ex.get("side") or "",
            "notes": ex.get("notes") or "",
        })  # fmt: skip
    return rows


# ---------------------------------------------------------------------------
# Parsing


def _opt(text: Any) -> str | None:
    return text.strip() or None if isinstance(text, str) else text


def _trendelenburg_tested(side: dict[str, Any]) -> bool:
    return bool(str(side.get("hold_s") or "").strip()) or not side.get("elevation_maximal", True) or bool(
        side.get("invalid_reason")
    ) or bool(side.get("photo"))


@dataclass
class FormCheck:
    """The assessment built from the form (invalid values left out) and every problem, by path."""

    assessment: m.Assessment | None
    problems: list[Problem] = field(default_factory=list)

    def by_path(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for problem in self.problems:
            out.setdefault(problem.path, problem.message)
        return out

    def for_step(self, step: str) -> list[Problem]:
        return [p for p in self.problems if step_of_path(p.path) == step]


def step_of_path(path: str) -> str:
    head = path.split(".")[0].split("[")[0]
    if head in _STEP_OF_PREFIX:
        return _STEP_OF_PREFIX[head]
    return "visit" if head in _VISIT_PATHS or not head else "visit"


def _psfs_items(p: FormParser, pain: dict[str, Any], *, strict: bool) -> tuple[list[m.PsfsItem], list[int]]:
    """Rated PSFS activities and the form rows they came from (half-filled rows are problems)."""
    psfs: list[m.PsfsItem] = []
    psfs_rows: list[int] = []
    for index, row in enumerate(pain.get("psfs") or ()):
        activity = (row.get("activity") or "").strip()
        score_text = row.get("score")
        if not activity and not str(score_text or "").strip():
            continue
        score = p.number(f"psfs[{index}].score", score_text)
        if strict and score is None and not str(score_text or "").strip():
            p.problems.append(Problem(f"psfs[{index}].score", "is required"))
        if not activity:
            p.problems.append(Problem(f"psfs[{index}].activity", "is required"))
        if activity and score is not None:
            psfs.append(m.PsfsItem(activity, score))
            psfs_rows.append(index)
    return psfs, psfs_rows


def _trendelenburg_sides(p: FormParser, form: dict[str, Any]) -> dict[str, m.TrendelenburgSide | None]:
    tb_sides: dict[str, m.TrendelenburgSide | None] = {}
    for side in m.SIDES:
        raw = form["trendelenburg"][side]
        if not _trendelenburg_tested(raw):
            tb_sides[side] = None
            continue
        base = f"trendelenburg.{side}"
        tb_sides[side] = m.TrendelenburgSide(
            elevation_maximal=bool(raw.get("elevation_maximal", True)),
            hold_s=p.number(f"{base}.hold_s", raw.get("hold_s")),
            trunk_lean=raw.get("trunk_lean") or "none",
            pain_nprs=p.integer(f"{base}.pain_nprs", raw.get("pain_nprs")),
            pain_location=_opt(raw.get("pain_location")),
            invalid_reason=raw.get("invalid_reason") or None,
            pelvic_drop_deg=p.number(f"{base}.pelvic_drop_deg", raw.get("pelvic_drop_deg")),
            pelvic_drop_cm=p.number(f"{base}.pelvic_drop_cm", raw.get("pelvic_drop_cm")),
            drop_method=raw.get("drop_method") or None,
            support=raw.get("support") or None,
            trick_movement=raw.get("trick_movement") or None,
            gait_observation=raw.get("gait_observation") or None,
            photo=m.photo_from_dict(raw.get("photo")),
        )
    return tb_sides


def _hhd_side(p: FormParser, raw: dict[str, Any], base: str, unit: str) -> tuple[m.HhdSide | None, list[int]]:
    """One side's dynamometer trials (a captured curve's peak stands for its trial) and their form rows."""
    values: list[float] = []
    rows: list[int] = []
    curves: list[ForceCurve | None] = []
    raw_curves = list(raw.get("curves") or ())
    for index, text in enumerate(raw.get("trials") or ()):
        value = p.number(f"{base}.trials[{index}]", text)
        if value is not None:
            curve = _form_curve(raw_curves[index] if index < len(raw_curves) else None, text, value, unit)
            values.append(curve.peak if curve is not None else value)
            curves.append(curve)
            rows.append(index)
    lever = p.number(f"{base}.lever_arm_cm", raw.get("lever_arm_cm"))
    kept = tuple(curves) if any(c is not None for c in curves) else ()
    excluded = p.exclusion(base, raw, rows)
    return (m.HhdSide(tuple(values), lever, kept, excluded) if values else None), rows


def _hip_abduction(p: FormParser, hip_form: dict[str, Any]) -> tuple[m.HipAbduction | None, dict[str, list[int]]]:
    method = hip_form.get("method") or "hhd"
    trial_rows: dict[str, list[int]] = {}
    hip_sides: dict[str, m.HhdSide | m.MmtSide | None] = {}
    for side in m.SIDES:
        raw = hip_form[side]
        base = f"hip_abduction.{side}"
        if method == "mmt":
            grade = p.integer(f"{base}.grade", raw.get("grade"))
            hip_sides[side] = m.MmtSide(grade, raw.get("modifier") or None) if grade is not None else None
            continue
        hip_sides[side], trial_rows[side] = _hhd_side(p, raw, base, hip_form.get("unit") or "N")
    protocol = {k: _opt(hip_form.get(k)) or None for k in ("position", "contraction", "fixation", "pad_site", "device")}
    if not any(hip_sides.values()):
        return None, trial_rows
    hip = m.HipAbduction(
        method=method, unit=hip_form.get("unit") or "N", left=hip_sides["left"], right=hip_sides["right"],
        **protocol,
    )
    return hip, trial_rows


def _program(p: FormParser, program_form: dict[str, Any]) -> m.Program | None:
    if program_form.get("items") is None:
        return None
    items = []
    for index, row in enumerate(program_form["items"]):
        base = f"program.exercises[{index}]"
        items.append(m.ProgramItem(
            exercise_id=row["id"], stage=int(row.get("stage") or 0),
            sets=p.integer(f"{base}.sets", row.get("sets")), reps=p.integer(f"{base}.reps", row.get("reps")),
            hold_s=p.integer(f"{base}.hold_s", row.get("hold_s")),
            rest_s=p.integer(f"{base}.rest_s", row.get("rest_s")),
            days_per_week=p.integer(f"{base}.days_per_week", row.get("days_per_week")),
            side=row.get("side") or None, notes=row.get("notes") or "",
        ))  # fmt: skip
    return m.Program(
        exercises=tuple(items),
        review_date=p.day("program.review_date", program_form.get("review_date")),
        notes=program_form.get("notes") or "",
    )


def check_form(
    form: dict[str, Any], *, date_of_birth: date | None = None, today: date | None = None, strict: bool = False
) -> FormCheck:
    """Parse the form, then run the clinical validation; problems keep form-row paths.

    ``strict`` (on save) also reports half-filled rows, such as a PSFS activity
    carried over from the last visit that has not been re-rated yet.
    """
    p = FormParser()
    visit = form["visit"]
    performed_on = p.day("performed_on", visit.get("performed_on"))
    if performed_on is None and not visit.get("performed_on"):
        p.problems.append(Problem("performed_on", "is required"))
    referrer = None
    if _opt(visit.get("referrer_name")) or _opt(visit.get("referrer_practice")):
        referrer = m.Referrer(_opt(visit.get("referrer_name")), _opt(visit.get("referrer_practice")))

    screening = form["screening"]
    flags = tuple(code for code in screening.get("red_flags") or () if code in RED_FLAG_CODES)
    # Screening counts as done once the clinician says every item was asked, or ticks one.
    screened = bool(flags) or bool(screening.get("reviewed"))

    pain = form["pain"]
    odi_raw = pain.get("odi") or [""] * m.ODI_SECTIONS
    odi_scores = tuple(p.integer(f"odi_item_scores[{i}]", text) for i, text in enumerate(odi_raw))
    psfs, psfs_rows = _psfs_items(p, pain, strict=strict)
    tb_sides = _trendelenburg_sides(p, form)
    hip, trial_rows = _hip_abduction(p, form["hip"])
    program = _program(p, form["program"])

    summary_text = form["summary"].get("text")
    if performed_on is None:
        return FormCheck(None, p.problems)
    assessment = m.Assessment(
        performed_on=performed_on,
        performed_at=p.clock("performed_at", visit.get("performed_at")),
        clinician=_opt(visit.get("clinician")),
        referrer=referrer,
        reason=_opt(visit.get("reason")),
        body_mass_kg=p.number("body_mass_kg", visit.get("body_mass_kg")),
        height_cm=p.number("height_cm", visit.get("height_cm")),
        red_flags=flags if screened else None,
        red_flags_acknowledged=bool(screening.get("acknowledged")) and bool(flags),
        pain_nprs=p.integer("pain_nprs", pain.get("pain_nprs")),
        odi_item_scores=odi_scores if any(s is not None for s in odi_scores) else None,
        rmdq_total=p.integer("rmdq_total", pain.get("rmdq_total")),
        psfs=tuple(psfs),
        trendelenburg_left=tb_sides["left"],
        trendelenburg_right=tb_sides["right"],
        hip_abduction=hip,
        summary_text=summary_text if summary_text else None,
        program=program,
        notes=visit.get("notes") or "",
    )
    semantic = validate_assessment(assessment, date_of_birth=date_of_birth, today=today)
    problems = list(p.problems)
    for problem in semantic:
        problems.append(Problem(_to_form_path(problem.path, trial_rows, psfs_rows), problem.message))
    return FormCheck(assessment, problems)


def _to_form_path(path: str, trial_rows: dict[str, list[int]], psfs_rows: list[int]) -> str:
    """Map a compact list index (blank rows skipped) back to the form row the clinician sees."""
    for side, rows in trial_rows.items():
        prefix = f"hip_abduction.{side}.trials["
        if path.startswith(prefix):
            index = int(path[len(prefix):].split("]")[0])
            if index < len(rows):
                return f"{prefix}{rows[index]}]"
    if path.startswith("psfs["):
        index = int(path[5:].split("]")[0])
        if index < len(psfs_rows):
            return f"psfs[{psfs_rows[index]}]" + path.split("]", 1)[1]
    return path


def usable_assessment(check: FormCheck) -> m.Assessment | None:
    """The assessment with every section that has a problem left out, for live results."""
    a = check.assessment
    if a is None:
        return None
    steps = {step_of_path(p.path) for p in check.problems}
    heads = {p.path.split(".")[0].split("[")[0] for p in check.problems}
    changes: dict[str, Any] = {}
    if "body_mass_kg" in heads:
        changes["body_mass_kg"] = None
        if a.hip_abduction is not None and a.hip_abduction.method == "hhd":
            changes["hip_abduction"] = None
    if "height_cm" in heads:
        changes["height_cm"] = None
    if "pain" in steps:
        for name in ("pain_nprs", "rmdq_total", "psfs"):
            if name in heads:
                changes[name] = () if name == "psfs" else None
        if "odi_item_scores" in heads and a.odi_item_scores is not None:
            # Score the sections still valid; the bad one stays flagged beside its field.
            kept, _left_out = odi_valid_sections(a.odi_item_scores)
            changes["odi_item_scores"] = kept if len(kept) == m.ODI_SECTIONS and any(
                s is not None for s in kept) else None
    for side in m.SIDES:
        if any(p.path.startswith(f"trendelenburg.{side}") for p in check.problems):
            changes[f"trendelenburg_{side}"] = None
    if "hip" in steps:
        changes["hip_abduction"] = None
    if "program" in steps:
        changes["program"] = None
    if "summary_text" in heads:
        changes["summary_text"] = None
    if "performed_on" in heads and a.performed_on > date.today():  # live preview only: saving is refused
        changes["performed_on"] = date.today()
    if not changes:
        return a
    from dataclasses import replace

    return replace(a, **changes)


# ---------------------------------------------------------------------------
# Step status


def _filled(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and value is not False


def step_statuses(form: dict[str, Any], check: FormCheck) -> dict[str, str]:
    """Each step's status for the step list: not started, in progress, complete, needs attention."""
    problems = {step: bool(check.for_step(step)) for step in STEPS}
    out: dict[str, str] = {}

    visit = form["visit"]
    started = any(_filled(visit[k]) for k in visit if k != "performed_on")
    out["visit"] = (
        COMPLETE if _filled(visit.get("body_mass_kg")) and _filled(visit.get("performed_on")) else
        IN_PROGRESS if started else NOT_STARTED
    )  # fmt: skip

    screening = form["screening"]
    flags = screening.get("red_flags") or []
    if any(code in CAUDA_EQUINA_CODES for code in flags):
        out["screening"] = NEEDS_ATTENTION
    elif flags and not screening.get("acknowledged"):
        out["screening"] = NEEDS_ATTENTION
    elif flags or screening.get("reviewed"):
        out["screening"] = COMPLETE
    else:
        out["screening"] = NOT_STARTED

    pain = form["pain"]
    pain_started = _filled(pain.get("pain_nprs")) or _filled(pain.get("rmdq_total")) or any(
        _filled(x) for x in pain.get("odi") or ()
    ) or any(_filled(r.get("activity")) or _filled(r.get("score")) for r in pain.get("psfs") or ())
    out["pain"] = COMPLETE if _filled(pain.get("pain_nprs")) else IN_PROGRESS if pain_started else NOT_STARTED

    tested = [_trendelenburg_tested(form["trendelenburg"][s]) for s in m.SIDES]
    out["trendelenburg"] = COMPLETE if all(tested) else IN_PROGRESS if any(tested) else NOT_STARTED

    hip = form["hip"]
    if hip.get("method") == "mmt":
        done = [_filled(hip[s].get("grade")) for s in m.SIDES]
    else:
        done = [any(_filled(t) for t in hip[s].get("trials") or ()) for s in m.SIDES]
    out["hip"] = COMPLETE if all(done) else IN_PROGRESS if any(done) else NOT_STARTED

    text = form["summary"].get("text")
    out["summary"] = COMPLETE if text else NOT_STARTED
    items = form["program"].get("items")
    if any(code in CAUDA_EQUINA_CODES for code in flags):
        out["program"] = COMPLETE
    else:
        out["program"] = COMPLETE if items else IN_PROGRESS if items is not None else NOT_STARTED
    out["export"] = COMPLETE if form["export"].get("path") else NOT_STARTED

    for step in STEPS:
        if problems[step]:
            out[step] = NEEDS_ATTENTION
    return out


def clone(form: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(form)
