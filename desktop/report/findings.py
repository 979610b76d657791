"""Findings tables of the referral letter: Trendelenburg, strength, reference values,
outcomes and change since the first visit. Values are read from the typed results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.clinical.model import SIDES
from desktop.clinical.norms import NO_MATCH_TEXT
from desktop.clinical.result_types import (
    ChangeResult,
    HipAbductionResult,
    NormComparisonResult,
    PerSide,
)
from desktop.clinical.strength import HhdSideResult
from desktop.clinical.trendelenburg import INVALID_REASON_LABELS, TrendelenburgFinding
from desktop.clinical.wording import words
from desktop.clinical.wording.clinician import MCID_SOURCES
from desktop.report import charts, pelvic_drop, wording
from desktop.report.base import MM, ReportBase
from desktop.report.curve_chart import CURVE_CAPTION, best_curves, curve_rows, force_curves_chart
from desktop.report.wording import DASH, number, whole_or_decimal


class FindingsSections(ReportBase):
    def trendelenburg_section(self, tb: PerSide[TrendelenburgFinding | None]) -> list[Any]:
        from reportlab.platypus import KeepTogether

        found = [(side, t) for side, t in tb.items() if t is not None]
        if not found:
            return []
        head = ["Stance leg", "Result", "Hold", "Compensation", "Pain in test", "Pelvic drop"]
        rows = [self.cells(head, "CellHead")]
        for side, t in found:
            lean = self.data.assessment.trendelenburg(side)
            lean_label = wording.LEAN_LABELS.get(lean.trunk_lean, lean.trunk_lean) if lean else DASH
            compensation = lean_label if t.compensated else "none"
            if t.trick_movement and t.trick_movement != "none":
                compensation += f"; {t.trick_movement.replace('_', ' ')}"
            drop = self.text(pelvic_drop.drop_cell(t))
            hold = f"{whole_or_decimal(t.hold_s)} s" if t.hold_s is not None else DASH
            pain = f"{t.pain_nprs}/10" if t.pain_nprs is not None else DASH
            result = wording.trendelenburg_result(t.result, t.invalid_reason, INVALID_REASON_LABELS)
            rows.append(
                self.cells([wording.SIDE_LABELS[side], f"<b>{result}</b>", hold, compensation, pain, drop])
            )
        w = self.content_width
        table = self.table(rows, [w * 0.13, w * 0.25, w * 0.09, w * 0.21, w * 0.12, w * 0.20])
        note = self.para(
            "Recorded by stance leg: a positive test points to the hip abductors of the stance leg; "
            "the pelvis drops on the opposite side. Target hold 30 s (Hardcastle &amp; Nade 1985).",
            "Muted",
        )
        drop_note = pelvic_drop.drop_note(t for _side, t in found)
        extra = [self.para(self.text(drop_note), "Muted")] if drop_note else []
        extra += pelvic_drop.thumbnail_row(self, self.data.pelvis_thumbnails, dict(found))
        return [KeepTogether([self.para("Trendelenburg test", "H2"), table, note, *extra])]

    def _strength_chart(self, hip: HipAbductionResult) -> Any:
        left, right = hip.hhd("left"), hip.hhd("right")
        if left is None or right is None:
            return None
        values: tuple[float, float]
        if hip.lsi_basis == "torque" and left.torque_nm_per_kg and right.torque_nm_per_kg:
            values, unit, decimals = (left.torque_nm_per_kg, right.torque_nm_per_kg), "Nm/kg", 2
        else:
            values, unit, decimals = (left.peak_force_n, right.peak_force_n), "N", 1
        return charts.strength_bars(
            values[0], values[1], unit=unit, decimals=decimals,
            font=self.fontset.regular, bold_font=self.fontset.bold,
        )  # fmt: skip

    def hhd_section(self, hip: HipAbductionResult, norms: NormComparisonResult | None) -> list[Any]:
        from reportlab.platypus import KeepTogether

        left, right = hip.hhd("left"), hip.hhd("right")
        method = self._hhd_method(hip, left, right)
        table_w = self.content_width * 0.52
        table = self._hhd_table(self._hhd_rows(hip, left, right), hip.weaker_side, table_w)
        body_flow = self._beside_strength_chart(table, table_w, hip)
        block: list[Any] = [
            self.para("Hip-abduction strength", "H2"),
            self.para(self.text(", ".join(method)) + ".", "Small"),
            body_flow,
        ]
        block += self._lsi_lines(hip)
        out: list[Any] = [KeepTogether(block)]
        out += self.curve_figure()
        for exclusion in hip.trial_exclusions:
            out.append(self.para(self.text(words(exclusion, "doctor")), "Body"))
        for warning in hip.cv_warnings:
            out.append(self.para(self.text("Trial variation, " + words(warning) + "."), "Muted"))
        out += self.norm_lines(norms)
        return out

    def _hhd_method(self, hip: HipAbductionResult, left: HhdSideResult | None,
                    right: HhdSideResult | None) -> list[str]:  # fmt: skip
        """How the strength was tested, as the reader needs it to compare with another clinic's figures."""
        method = ["Hand-held dynamometer"]
        if hip.position:
            method.append(wording.POSITION_LABELS.get(hip.position, hip.position))
        if hip.contraction:
            method.append(wording.CONTRACTION_LABELS.get(hip.contraction, hip.contraction))
        if hip.fixation:
            method.append(wording.FIXATION_LABELS.get(hip.fixation, hip.fixation) + " fixation")
        sides = [side for side in (left, right) if side is not None]
        counts = {len(side.trials_n) + (side.excluded_trial is not None) for side in sides}
        if counts:
            method.append(f"best of {'/'.join(str(c) for c in sorted(counts))} trials")
        if any(side.excluded_trial is not None for side in sides):
            method.append("one outlier trial left out (see below)")
        if self.data.assessment.body_mass_kg is not None:
            method.append(f"body mass {whole_or_decimal(self.data.assessment.body_mass_kg)} kg")
        return method

    def _hhd_rows(self, hip: HipAbductionResult, left: HhdSideResult | None,
                  right: HhdSideResult | None) -> list[list[str]]:  # fmt: skip
        """Measure, left and right text per row; the recorded unit first when it is not newtons."""
        d = self.data
        unit = hip.unit_recorded or "N"

        def pair(key: str, fmt: Callable[[Any], str]) -> list[str]:
            values = [getattr(side, key) if side is not None else None for side in (left, right)]
            return [fmt(value) if value is not None else DASH for value in values]

        rows: list[list[str]] = []
        if unit != "N" and d.recorded_peak_force:
            rows.append(
                [f"Peak force ({unit})"]
                + [
                    f"{number(d.recorded_peak_force[s], 1)} {unit}" if s in d.recorded_peak_force else DASH
                    for s in ("left", "right")
                ]
            )
        rows.append(["Peak force", *pair("peak_force_n", lambda v: f"{number(v, 1)} N")])
        rows.append(["Mean of trials", *pair("mean_force_n", lambda v: f"{number(v, 1)} N")])
        rows.append(["Trial variation (CV)", *pair("cv_pct", lambda v: f"{number(v, 1)}%")])
        rows.append(["Lever arm", *pair("lever_arm_cm", lambda v: f"{whole_or_decimal(v)} cm")])
        rows.append(["Torque", *pair("torque_nm", lambda v: f"{number(v, 1)} Nm")])
        rows.append(["Torque / body mass", *pair("torque_nm_per_kg", lambda v: f"{number(v, 2)} Nm/kg")])
        rows.append(["Force, % body weight", *pair("force_pct_bw", lambda v: f"{number(v, 1)}%")])
        rows += curve_rows(left, right, pair)
        return rows

    def _hhd_table(self, rows: list[list[str]], weaker: str | None, table_w: float) -> Any:
        """The measures table, the weaker side's values in bold."""
        header = self.cells(["Measure", "Left", "Right"], "CellHead")
        body = []
        for row in rows:
            cells = [self.para(row[0], "Cell")]
            for index, value in enumerate(row[1:]):
                side = ("left", "right")[index]
                style = "CellBold" if side == weaker else "Cell"
                cells.append(self.para(value, style))
            body.append(cells)
        return self.table([header, *body], [table_w * 0.46, table_w * 0.27, table_w * 0.27])

    def _beside_strength_chart(self, table: Any, table_w: float, hip: HipAbductionResult) -> Any:
        """The table with the left/right bar chart to its right, or the table alone when a side is missing."""
        from reportlab.platypus import TableStyle

        chart = self._strength_chart(hip)
        if chart is None:
            return table
        outer = self._grid([[table, chart]], colWidths=[table_w + 6 * MM, self.content_width - table_w - 6 * MM])
        outer.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ]
            )
        )
        return outer

    def _lsi_lines(self, hip: HipAbductionResult) -> list[Any]:
        """The limb symmetry index with the weaker side, what it was computed on, and its band."""
        if hip.lsi_pct is None:
            return []
        weaker = hip.weaker_side
        basis = "torque" if hip.lsi_basis == "torque" else "peak force"
        weaker_text = f"{weaker} side weaker" if weaker else "no weaker side"
        band = wording.BAND_LABELS.get(hip.asymmetry_band or "", hip.asymmetry_band or "")
        return [self.para(
            f"<b>Limb symmetry index {number(hip.lsi_pct, 1)}%</b> ({weaker_text}, on {basis}): {band}.",
            "Body",
        )]

    def curve_figure(self) -> list[Any]:
        from reportlab.platypus import KeepTogether

        curves = best_curves(self.data.assessment)
        if not curves:
            return []
        chart = force_curves_chart(curves, font=self.fontset.regular, bold_font=self.fontset.bold)
        return [KeepTogether([chart, self.para(CURVE_CAPTION, "Muted")])]

    def norm_lines(self, norms: NormComparisonResult | None) -> list[Any]:
        if norms is None:
            return []
        rows = [self.cells(["Side", "Comparison with reference values"], "CellHead")]
        for side in SIDES:
            match = norms.side(side)
            if match is None:
                continue
            text = match.comparisons[0].text() if match.comparisons else NO_MATCH_TEXT
            if not match.matched and match.reason:
                text = f"{text} ({match.reason})"
            extra_lines = []
            for comparison in match.comparisons[:1]:
                if not comparison.record.verified:
                    extra_lines.append("Reference value not verified against the original paper.")
                extra_lines += list(comparison.cautions)
            cell = [self.para(self.text(text), "Cell")]
            cell += [self.para(self.text(line), "Muted") for line in extra_lines]
            rows.append([self.para(wording.SIDE_LABELS[side], "Cell"), cell])
        if len(rows) == 1:
            return []
        table_name = norms.table
        caption = "Reference values"
        if table_name and table_name != "builtin":
            caption += f" (table: {self.text(table_name)})"
        w = self.content_width
        return [self.para(caption, "H3"), self.table(rows, [w * 0.12, w * 0.88])]

    def mmt_section(self, hip: HipAbductionResult) -> list[Any]:
        from reportlab.platypus import KeepTogether

        rows = [self.cells(["Side", "MRC grade", "Meaning"], "CellHead")]
        for side in SIDES:
            grade = hip.mmt(side)
            if grade is None:
                continue
            label = grade.label.replace("-", wording.MINUS)
            rows.append(self.cells([wording.SIDE_LABELS[side], f"<b>{label}</b>", grade.description]))
        w = self.content_width
        block = [
            self.para("Hip-abduction strength: manual muscle testing", "H2"),
            self.table(rows, [w * 0.15, w * 0.15, w * 0.70]),
            self.para(self.text(hip.mrc_credit or ""), "Muted"),
        ]
        return [KeepTogether(block)]

    def _change_value(self, value: float | None, unit: str, *, signed: bool = False) -> str:
        if value is None:
            return DASH
        decimals = {"Nm/kg": 2, "N": 1, "%BW": 1, "%": 1, "s": 0}.get(unit, 1)
        if unit == "points" and float(value).is_integer():
            decimals = 0
        text = number(value, decimals, signed=signed)
        suffix = {"Nm/kg": " Nm/kg", "N": " N", "%BW": "% BW", "%": "%", "s": " s"}.get(unit, "")
        return text + suffix

    def outcomes_section(self) -> list[Any]:
        from reportlab.platypus import KeepTogether

        r = self.data.results
        w = self.content_width
        today = [self.cells(["Measure", "Today"], "CellHead")]
        if r.nprs is not None:
            today.append(self.cells(["Pain (NPRS, 0 to 10)", f"{r.nprs}/10"]))
        if r.odi_pct is not None:
            band = wording.ODI_BAND_LABELS.get(r.odi_band or "", r.odi_band or "")
            detail = f"{number(r.odi_pct, 1)}% ({band}), {r.odi_sections_answered} of 10 sections answered"
            if r.odi_complete is False:
                detail += ": incomplete, interpret with caution"
            today.append(self.cells(["Oswestry Disability Index", detail]))
        if r.rmdq_total is not None:
            today.append(self.cells(["Roland-Morris (0 to 24)", f"{r.rmdq_total}/24"]))
        if r.psfs_mean is not None:
            today.append(self.cells(["Patient-Specific Functional Scale, mean", f"{number(r.psfs_mean, 1)}/10"]))
            for item in r.psfs:
                today.append(
                    [
                        self.para(self.text(item.activity), "CellIndent"),
                        self.para(f"{whole_or_decimal(item.score)}/10", "Cell"),
                    ]
                )
        out: list[Any] = []
        if len(today) > 1:
            out.append(
                KeepTogether(
                    [self.para("Outcome measures", "H2"), self.table(today, [w * 0.45, w * 0.55])]
                )
            )
        if r.change is not None and r.change.measures:
            out += self.change_table(r.change)
        return out

    def change_table(self, change: ChangeResult) -> list[Any]:
        baseline = wording.long_date(change.baseline_performed_on)
        head = ["Measure", f"First visit<br/>{baseline}", "Today", "Change", "Counts as real from",
                "Real change?"]  # fmt: skip
        rows = [self.cells(head, "CellHead")]
        notes: list[str] = []
        for m in change.measures:
            unit = m.unit or ""
            delta = self._change_value(m.change, unit, signed=True)
            if m.change_pct is not None:
                delta += f" ({number(m.change_pct, 1, signed=True)}%)"
            verdict = wording.DIRECTION_LABELS.get(m.direction, m.direction or DASH)
            style_verdict = f"<b>{verdict}</b>" if m.real else verdict
            note = m.note or ""
            if m.measure == "trendelenburg_hold_s" and note and m.comparable:
                delta += f'<br/><font size="7">{self.text(note.replace("->", "→"))}</font>'
            elif note and note not in notes:
                notes.append(note)
            cells = [self.text(m.label), self._change_value(m.baseline, unit), self._change_value(m.current, unit),
                     delta, self.text(threshold_cell(m.measure, m.threshold)), style_verdict]
            rows.append(self.cells(cells))
        w = self.content_width
        out: list[Any] = [
            self.para("Change since the first visit", "H3"),
            self.table(rows, [w * 0.25, w * 0.12, w * 0.11, w * 0.17, w * 0.20, w * 0.15]),
        ]
        for warning in self.data.results.protocol_warnings:
            if warning not in notes:
                notes.append(warning)
        out += [self.para(self.text(n), "Muted") for n in notes]
        return out


def threshold_cell(measure: str, threshold: str | None) -> str:
    """The threshold and what it is: an outcome's MCID (with its source) or strength's measurement error."""
    if not threshold:
        return DASH
    source = MCID_SOURCES.get(measure)
    if source is not None:
        return f"{threshold} (MCID, {source})"
    if measure == "trendelenburg_hold_s":
        return threshold
    return f"{threshold} (measurement error)"
