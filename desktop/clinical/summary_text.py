"""Readable text of a results dict, for ``medius summary`` without ``--json``."""

from __future__ import annotations

from typing import Any

from desktop.clinical.outcomes import ODI_BAND_LABELS

_RESULT_LABELS = {
    "negative": "negative",
    "positive_delayed": "positive (delayed)",
    "positive_immediate": "positive (immediate)",
    "invalid": "not interpretable",
}


def _num(value: Any, unit: str = "") -> str:
    if value is None:
        return "-"
    if unit == "%":
        return f"{value:g}%"
    return f"{value:g}{(' ' + unit) if unit else ''}"


def _trendelenburg_lines(results: dict[str, Any]) -> list[str]:
    lines = []
    for side in ("left", "right"):
        item = (results.get("trendelenburg") or {}).get(side)
        if not item:
            continue
        text = f"  {side.capitalize()} stance: {_RESULT_LABELS.get(item['result'], item['result'])}"
        if item["result"] == "invalid":
            text += f" ({item.get('invalid_reason')})"
        else:
            text += f", hold {_num(item.get('hold_s'), 's')}"
            if item.get("compensated"):
                text += ", compensated (trunk lean)"
        lines.append(text)
    return ["Trendelenburg test:"] + lines if lines else []


def _hip_lines(results: dict[str, Any]) -> list[str]:
    hip = results.get("hip_abduction")
    if not hip:
        return []
    lines = ["Hip abduction:"]
    if hip.get("method") == "mmt":
        for side in ("left", "right"):
            grade = hip.get(side)
            if grade:
                lines.append(f"  {side.capitalize()}: grade {grade['label']} ({grade['description']})")
        if hip.get("weaker_side"):
            lines.append(f"  Weaker side: {hip['weaker_side']}")
        lines.append(f"  {hip['mrc_credit']}")
        return lines
    for side in ("left", "right"):
        data = hip.get(side)
        if not data:
            continue
        text = (
            f"  {side.capitalize()}: peak {_num(data['peak_force_n'], 'N')}, "
            f"mean {_num(data['mean_force_n'], 'N')}, CV {_num(data['cv_pct'], '%')}"
        )
        if data.get("torque_nm") is not None:
            text += f", torque {_num(data['torque_nm'], 'Nm')} ({_num(data['torque_nm_per_kg'], 'Nm/kg')})"
        if data.get("force_pct_bw") is not None:
            text += f", {_num(data['force_pct_bw'])}% body weight"
        lines.append(text)
    if hip.get("lsi_pct") is not None:
        lines.append(
            f"  Limb symmetry index {_num(hip['lsi_pct'], '%')} on {hip.get('lsi_basis', '').replace('_', ' ')}"
            f": {hip['asymmetry_band']}"
            + (f", weaker side {hip['weaker_side']}" if hip.get("weaker_side") else "")
        )
    for warning in hip.get("cv_warnings") or ():
        lines.append(f"  Note: {warning}")
    return lines


def _outcome_lines(results: dict[str, Any]) -> list[str]:
    lines = []
    if results.get("nprs") is not None:
        lines.append(f"  Pain (NPRS): {results['nprs']}/10")
    if results.get("odi_pct") is not None:
        text = (
            f"  ODI: {_num(results['odi_pct'], '%')} "
            f"({ODI_BAND_LABELS.get(results['odi_band'], results['odi_band'])}), "
            f"{results['odi_sections_answered']} of 10 sections answered"
        )
        if results.get("odi_complete") is False:
            text += " - incomplete"
        lines.append(text)
    if results.get("rmdq_total") is not None:
        lines.append(f"  RMDQ: {results['rmdq_total']}/24")
    if results.get("psfs_mean") is not None:
        lines.append(f"  PSFS mean: {_num(results['psfs_mean'])}/10")
    return ["Outcome measures:"] + lines if lines else []


def _norm_lines(results: dict[str, Any]) -> list[str]:
    norms = results.get("norm_comparison")
    if not norms:
        return []
    lines = [f"Reference values (table {norms['table']}):"]
    for side in ("left", "right"):
        match = norms.get(side)
        if not match:
            continue
        if match["status"] != "matched":
            reason = f" ({match['reason']})" if match.get("reason") else ""
            lines.append(f"  {side.capitalize()}: {match['text']}{reason}")
            continue
        for comparison in match["comparisons"]:
            lines.append(f"  {side.capitalize()}: {comparison['text']}")
            for caution in comparison["cautions"]:
                lines.append(f"    Caution: {caution}")
    return lines


def _program_lines(results: dict[str, Any]) -> list[str]:
    program = results.get("program")
    if results.get("red_flag_block"):
        return ["Program: none (urgent medical referral needed)."]
    if not program:
        note = results.get("program_note")
        return [f"Program: none{f' ({note})' if note else ''}."]
    lines = [f"Program ({program.get('source', 'proposed')}), starting at stage {program.get('start_stage')}:"]
    for item in program.get("exercises") or ():
        dose = []
        if item.get("sets"):
            dose.append(f"{item['sets']} sets")
        if item.get("reps"):
            dose.append(f"{item['reps']} reps")
        if item.get("hold_s"):
            dose.append(f"hold {item['hold_s']} s")
        lines.append(f"  Stage {item.get('stage')}: {item.get('id')}" + (f" - {', '.join(dose)}" if dose else ""))
    if program.get("review_date"):
        lines.append(f"  Review: {program['review_date']}")
    return lines


def results_to_text(results: dict[str, Any]) -> str:
    """A plain summary a clinician can read in a terminal."""
    lines: list[str] = []
    screening = results.get("screening") or {}
    if screening.get("message"):
        lines.append(f"Screening: {screening['message']}")
        for flag in screening.get("flags") or ():
            lines.append(f"  - {flag['label']}")
    missing = (results.get("completeness") or {}).get("missing") or []
    if missing:
        lines.append("Not assessed: " + ", ".join(missing))
    lines.extend(_trendelenburg_lines(results))
    lines.extend(_hip_lines(results))
    lines.extend(_outcome_lines(results))
    weak = results.get("weak_sides") or []
    lines.append(f"Weak side(s): {', '.join(weak) if weak else 'none found'}")
    lines.extend(_norm_lines(results))
    for warning in results.get("protocol_warnings") or ():
        lines.append(f"Protocol: {warning}")
    change = results.get("change")
    if change:
        lines.append(f"Change since {change['baseline_performed_on']}:")
        for item in change["measures"]:
            delta = item["change_pct"] if item["change_pct"] is not None else item["change"]
            unit = "%" if item["change_pct"] is not None else f" {item['unit']}"
            shown = f"{delta:+g}{unit}" if delta is not None else "-"
            lines.append(
                f"  {item['label']}: {_num(item['baseline'])} -> {_num(item['current'])} "
                f"({shown}): {item['direction']}"
            )
    lines.extend(_program_lines(results))
    interpretation = results.get("interpretation") or []
    if interpretation:
        lines.append("")
        lines.append("Interpretation:")
        lines.extend(interpretation)
    return "\n".join(lines) + "\n"
