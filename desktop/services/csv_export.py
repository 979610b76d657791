"""CSV export: one UTF-8 file per table, ids linking them, for spreadsheets and statistics.

Tables: clients, assessments (inputs, then computed results), psfs, trials
(one row per dynamometer trial, force-time curves summarised) and program.
Dates are ISO 8601, units are in the column names, an empty cell means not
recorded. Files start with a byte-order mark so spreadsheet programs read
them as UTF-8. Text cells that a spreadsheet would run as a formula
(starting with = + - @, a tab or a carriage return) are prefixed with an
apostrophe, as is text that already starts with one, so ``read_csv_tables``
can undo it exactly; numbers are written as numbers and never prefixed.

``read_csv_tables`` turns the files back into an exchange document: the
round-trip test proves every input column survives.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from desktop.clinical import model as m
from desktop.services.files import publish_all_audited

ENCODING = "utf-8-sig"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
TB_FIELDS = (
    ("elevation_maximal", "elevation_maximal"), ("hold_s", "hold_s"), ("trunk_lean", "trunk_lean"),
    ("pain_nprs", "pain_nprs_0_10"), ("pain_location", "pain_location"), ("invalid_reason", "invalid_reason"),
    ("pelvic_drop_deg", "pelvic_drop_deg"), ("pelvic_drop_cm", "pelvic_drop_cm"), ("drop_method", "drop_method"),
    ("support", "support"), ("trick_movement", "trick_movement"),
    ("lifted_hip_flexion_deg", "lifted_hip_flexion_deg"), ("knee_flexed", "knee_flexed"),
    ("gait_observation", "gait_observation"),
)
CLIENT_COLUMNS = ("client_id", "given_name", "family_name", "date_of_birth", "sex", "external_id", "phone",
                  "email", "notes", "athlete_group")
INPUT_COLUMNS = (
    "assessment_id", "client_id", "performed_on", "clinician", "referrer_name", "referrer_practice", "reason",
    "body_mass_kg", "height_cm", "screening_done", "red_flags", "red_flags_acknowledged", "pain_nprs_0_10",
    *[f"odi_section_{n}_0_5" for n in range(1, 11)], "odi_recorded", "rmdq_total_0_24",
    *[f"trendelenburg_{side}_{column}" for side in m.SIDES for _f, column in TB_FIELDS],
    *[f"trendelenburg_{side}_tested" for side in m.SIDES],
    "hip_method", "hip_position", "hip_unit", "hip_contraction", "hip_fixation", "hip_pad_site", "hip_device",
    "hip_left_lever_arm_cm", "hip_right_lever_arm_cm", "hip_left_mmt_grade_0_5", "hip_left_mmt_modifier",
    "hip_right_mmt_grade_0_5", "hip_right_mmt_modifier", "program_recorded", "program_review_date",
    "program_notes", "summary_text", "notes",
)
RESULT_COLUMNS = (
    "result_odi_pct", "result_odi_band", "result_psfs_mean_0_10", "result_trendelenburg_left",
    "result_trendelenburg_right", "result_left_peak_force_n", "result_right_peak_force_n", "result_left_torque_nm",
    "result_right_torque_nm", "result_left_torque_nm_per_kg", "result_right_torque_nm_per_kg", "result_lsi_pct",
    "result_weaker_side", "result_asymmetry_band", "result_red_flag_block", "result_program_start_stage",
)
PSFS_COLUMNS = ("assessment_id", "position", "activity", "score_0_10")
TRIAL_COLUMNS = ("assessment_id", "side", "trial_no", "force_recorded", "force_unit", "force_n",
                 "curve_rate_hz", "curve_samples", "curve_duration_s", "curve_peak_n", "excluded_reason")
PROGRAM_COLUMNS = ("assessment_id", "position", "exercise_id", "stage", "sets", "reps", "hold_s", "rest_s",
                   "days_per_week", "side", "notes")
# Inputs added after the first release, kept at the end so earlier columns keep their place.
LATER_INPUT_COLUMNS = ("performed_at",)
TABLES = {"clients": CLIENT_COLUMNS, "assessments": INPUT_COLUMNS + RESULT_COLUMNS + LATER_INPUT_COLUMNS,
          "psfs": PSFS_COLUMNS,
          "trials": TRIAL_COLUMNS, "program": PROGRAM_COLUMNS}
TO_NEWTONS = {"N": 1.0, "kgf": 9.80665, "lbf": 4.4482216}


def escape_cell(value: Any) -> str:
    """A cell's text: numbers as numbers, booleans as true/false, text guarded against formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unescape_cell(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def csv_bytes(columns: Iterable[str], rows: Iterable[Mapping[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = list(columns)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([escape_cell(row.get(column)) for column in columns])
    return buffer.getvalue().encode(ENCODING)


def _assessment_row(client_id: int, aid: int, a: m.Assessment, results: Mapping[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {
        "assessment_id": aid, "client_id": client_id, "performed_on": a.performed_on.isoformat(),
        "clinician": a.clinician, "referrer_name": a.referrer.name if a.referrer else None,
        "referrer_practice": a.referrer.practice if a.referrer else None, "reason": a.reason,
        "body_mass_kg": a.body_mass_kg, "height_cm": a.height_cm, "screening_done": a.red_flags is not None,
        "red_flags": None if a.red_flags is None else " ".join(a.red_flags),
        "red_flags_acknowledged": a.red_flags_acknowledged, "pain_nprs_0_10": a.pain_nprs,
        "odi_recorded": a.odi_item_scores is not None, "rmdq_total_0_24": a.rmdq_total,
        "summary_text": a.summary_text, "notes": a.notes,
        "performed_at": a.performed_at.strftime("%H:%M") if a.performed_at is not None else None,
    }
    for n, score in enumerate(a.odi_item_scores or (), start=1):
        row[f"odi_section_{n}_0_5"] = score
    for side in m.SIDES:
        test = a.trendelenburg(side)
        row[f"trendelenburg_{side}_tested"] = test is not None
        if test is not None:
            for field, column in TB_FIELDS:
                row[f"trendelenburg_{side}_{column}"] = getattr(test, field)
    hip = a.hip_abduction
    if hip is not None:
        row.update(hip_method=hip.method, hip_position=hip.position, hip_unit=hip.unit,
                   hip_contraction=hip.contraction, hip_fixation=hip.fixation, hip_pad_site=hip.pad_site,
                   hip_device=hip.device)
        for side in m.SIDES:
            value = hip.side(side)
            if isinstance(value, m.HhdSide):
                row[f"hip_{side}_lever_arm_cm"] = value.lever_arm_cm
            elif isinstance(value, m.MmtSide):
                row[f"hip_{side}_mmt_grade_0_5"] = value.grade
                row[f"hip_{side}_mmt_modifier"] = value.modifier
    row["program_recorded"] = a.program is not None
    if a.program is not None:
        row["program_review_date"] = a.program.review_date.isoformat() if a.program.review_date else None
        row["program_notes"] = a.program.notes
    hip_results = results.get("hip_abduction") or {}
    tb_results = results.get("trendelenburg") or {}
    program = results.get("program") or {}
    row.update(
        result_odi_pct=results.get("odi_pct"), result_odi_band=results.get("odi_band"),
        result_psfs_mean_0_10=results.get("psfs_mean"),
        result_trendelenburg_left=(tb_results.get("left") or {}).get("result"),
        result_trendelenburg_right=(tb_results.get("right") or {}).get("result"),
        result_lsi_pct=hip_results.get("lsi_pct"), result_weaker_side=hip_results.get("weaker_side"),
        result_asymmetry_band=hip_results.get("asymmetry_band"),
        result_red_flag_block=results.get("red_flag_block"), result_program_start_stage=program.get("start_stage"),
    )
    for side in m.SIDES:
        values = hip_results.get(side) or {}
        row[f"result_{side}_peak_force_n"] = values.get("peak_force_n")
        row[f"result_{side}_torque_nm"] = values.get("torque_nm")
        row[f"result_{side}_torque_nm_per_kg"] = values.get("torque_nm_per_kg")
    return row


def _curve_summary(side: Any, index: int, unit: str) -> dict[str, Any]:
    """Summary of a trial's force-time curve where the exchange carries one (rate, samples, duration, peak)."""
    curves = getattr(side, "curves", None) or ()
    if index >= len(curves):
        return {}
    curve = curves[index]
    rate = getattr(curve, "rate_hz", None) if not isinstance(curve, Mapping) else curve.get("rate_hz")
    force = getattr(curve, "force", None) if not isinstance(curve, Mapping) else curve.get("force")
    if not rate or not force:
        return {}
    return {"curve_rate_hz": float(rate), "curve_samples": len(force), "curve_duration_s": len(force) / float(rate),
            "curve_peak_n": round(max(force) * TO_NEWTONS.get(unit, 1.0), 2)}


def csv_tables(records: list[m.ClientRecord], results_for: Any) -> dict[str, bytes]:
    """File name -> CSV bytes for these clients."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for record in records:
        assert record.id is not None
        rows["clients"].append({"client_id": record.id, **m.client_to_dict(record.client)})
        visits = [(aid, a) for aid, a in record.assessments if aid is not None]
        for index, (aid, a) in enumerate(visits):
            results = results_for(record.client, visits, index).to_json()
            rows["assessments"].append(_assessment_row(record.id, aid, a, results))
            for position, activity in enumerate(a.psfs, start=1):
                rows["psfs"].append({"assessment_id": aid, "position": position, "activity": activity.activity,
                                     "score_0_10": activity.score})
            hip = a.hip_abduction
            if hip is not None and hip.method == "hhd":
                for side in m.SIDES:
                    value = hip.side(side)
                    if not isinstance(value, m.HhdSide):
                        continue
                    for trial_no, force in enumerate(value.trials, start=1):
                        rows["trials"].append({
                            "assessment_id": aid, "side": side, "trial_no": trial_no, "force_recorded": force,
                            "force_unit": hip.unit, "force_n": round(force * TO_NEWTONS[hip.unit], 3),
                            **_curve_summary(value, trial_no - 1, hip.unit),
                            "excluded_reason": value.excluded.reason
                            if value.excluded is not None and value.excluded.trial_no == trial_no else None,
                        })
            if a.program is not None:
                for position, item in enumerate(a.program.exercises, start=1):
                    rows["program"].append({
                        "assessment_id": aid, "position": position, "exercise_id": item.exercise_id,
                        "stage": item.stage, "sets": item.sets, "reps": item.reps, "hold_s": item.hold_s,
                        "rest_s": item.rest_s, "days_per_week": item.days_per_week, "side": item.side,
                        "notes": item.notes,
                    })
    return {f"{name}.csv": csv_bytes(columns, rows[name]) for name, columns in TABLES.items()}


def export_csv(repo: Any, client_ids: list[int], folder: Path, *,
               client_id: int | None = None) -> tuple[list[Path], bool]:
    """Write the tables into ``folder`` (created if needed): all of them or none, once audited.

    Returns the paths and whether the export is in the audit trail (False on read-only storage).
    """
    from desktop.services.assessments import compute_with_settings

    records = [repo.get_client(cid) for cid in client_ids]
    tables = csv_tables(records, compute_with_settings(repo))
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(20, "the CSV export needs a folder, not a file", str(folder))
    files = [(folder / name, data) for name, data in tables.items()]
    audited = publish_all_audited(files, lambda: repo.record_event(
        "export", "csv", None, client_id, f"clients={len(records)}"), what="the CSV export")
    return [path for path, _data in files], audited


# ------------------------------------------------------------------ reading back


def _read(folder: Path, name: str) -> list[dict[str, str]]:
    text = (folder / name).read_text(encoding=ENCODING)
    return [{k: unescape_cell(v) for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def _value(text: str, kind: str) -> Any:
    if text == "":
        return None
    if kind == "int":
        return int(text)
    if kind == "float":
        return float(text)
    if kind == "bool":
        return text == "true"
    return text


INT_FIELDS = {"pain_nprs", "rmdq_total"}
FLOAT_FIELDS = {"hold_s", "pelvic_drop_deg", "pelvic_drop_cm", "lifted_hip_flexion_deg"}
BOOL_FIELDS = {"elevation_maximal", "knee_flexed"}


def read_csv_tables(folder: Path) -> dict[str, Any]:
    """The exchange document (inputs only) the CSV files describe."""
    folder = Path(folder)
    psfs: dict[str, list[dict[str, str]]] = {}
    for row in _read(folder, "psfs.csv"):
        psfs.setdefault(row["assessment_id"], []).append(row)
    trials: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in _read(folder, "trials.csv"):
        trials.setdefault((row["assessment_id"], row["side"]), []).append(row)
    program: dict[str, list[dict[str, str]]] = {}
    for row in _read(folder, "program.csv"):
        program.setdefault(row["assessment_id"], []).append(row)
    by_client: dict[str, list[dict[str, Any]]] = {}
    for row in _read(folder, "assessments.csv"):
        by_client.setdefault(row["client_id"], []).append(_assessment(row, psfs, trials, program))
    clients = []
    for row in _read(folder, "clients.csv"):
        # Columns added later may be absent from files written before them: read as not recorded.
        client = {key: _value(row.get(key, ""), "str") for key in CLIENT_COLUMNS[1:]}
        client["notes"] = row["notes"]
        client["id"] = int(row["client_id"])
        client["assessments"] = by_client.get(row["client_id"], [])
        clients.append(client)
    return {"format": "medius-exchange", "version": 1, "clients": clients}


def _assessment(row: dict[str, str], psfs: dict[str, list[dict[str, str]]],
                trials: dict[tuple[str, str], list[dict[str, str]]],
                program: dict[str, list[dict[str, str]]]) -> dict[str, Any]:
    aid = row["assessment_id"]
    out: dict[str, Any] = {
        "id": int(aid), "performed_on": row["performed_on"], "clinician": _value(row["clinician"], "str"),
        "reason": _value(row["reason"], "str"), "body_mass_kg": _value(row["body_mass_kg"], "float"),
        "height_cm": _value(row["height_cm"], "float"),
        "red_flags": row["red_flags"].split() if row["screening_done"] == "true" else None,
        "red_flags_acknowledged": row["red_flags_acknowledged"] == "true",
        "pain_nprs": _value(row["pain_nprs_0_10"], "int"), "rmdq_total": _value(row["rmdq_total_0_24"], "int"),
        "summary_text": _value(row["summary_text"], "str"), "notes": row["notes"],
    }
    if row.get("performed_at"):
        out["performed_at"] = row["performed_at"]
    if row["referrer_name"] or row["referrer_practice"]:
        out["referrer"] = {"name": _value(row["referrer_name"], "str"),
                           "practice": _value(row["referrer_practice"], "str")}
    if row["odi_recorded"] == "true":
        out["odi_item_scores"] = [_value(row[f"odi_section_{n}_0_5"], "int") for n in range(1, 11)]
    out["psfs"] = [{"activity": p["activity"], "score": float(p["score_0_10"])}
                   for p in sorted(psfs.get(aid, []), key=lambda p: int(p["position"]))]
    tb: dict[str, Any] = {}
    for side in m.SIDES:
        if row[f"trendelenburg_{side}_tested"] != "true":
            continue
        entry = {}
        for field, column in TB_FIELDS:
            kind = "int" if field in INT_FIELDS else "float" if field in FLOAT_FIELDS else (
                "bool" if field in BOOL_FIELDS else "str")
            entry[field] = _value(row[f"trendelenburg_{side}_{column}"], kind)
        tb[side] = entry
    out["trendelenburg"] = tb
    if row["hip_method"]:
        hip: dict[str, Any] = {"method": row["hip_method"], "position": _value(row["hip_position"], "str")}
        if row["hip_method"] == "hhd":
            hip.update(unit=row["hip_unit"], contraction=_value(row["hip_contraction"], "str"),
                       fixation=_value(row["hip_fixation"], "str"), pad_site=_value(row["hip_pad_site"], "str"),
                       device=_value(row["hip_device"], "str"))
        for side in m.SIDES:
            if row["hip_method"] == "mmt":
                grade = _value(row[f"hip_{side}_mmt_grade_0_5"], "int")
                hip[side] = None if grade is None else {
                    "grade": grade, "modifier": _value(row[f"hip_{side}_mmt_modifier"], "str")}
                continue
            side_trials = sorted(trials.get((aid, side), []), key=lambda t: int(t["trial_no"]))
            lever = _value(row[f"hip_{side}_lever_arm_cm"], "float")
            hip[side] = ({"trials": [float(t["force_recorded"]) for t in side_trials], "lever_arm_cm": lever}
                         if side_trials or lever is not None else None)
            excluded = [(n, t["excluded_reason"]) for n, t in enumerate(side_trials, start=1)
                        if t.get("excluded_reason")]
            if hip[side] is not None and excluded:
                hip[side]["excluded_trial"] = {"trial_no": excluded[0][0], "reason": excluded[0][1]}
        out["hip_abduction"] = hip
    if row["program_recorded"] == "true":
        out["program"] = {
            "exercises": [
                {"id": p["exercise_id"], "stage": int(p["stage"]), "sets": _value(p["sets"], "int"),
                 "reps": _value(p["reps"], "int"), "hold_s": _value(p["hold_s"], "int"),
                 "rest_s": _value(p["rest_s"], "int"), "days_per_week": _value(p["days_per_week"], "int"),
                 "side": _value(p["side"], "str"), "notes": p["notes"]}
                for p in sorted(program.get(aid, []), key=lambda p: int(p["position"]))
            ],
            "review_date": _value(row["program_review_date"], "str"),
            "notes": row["program_notes"],
        }
    return out
