"""Trend series for a client's history (visit comparison: ``visit_compare``).

One builder feeds every trend chart (the history window and the PDF report),
so a value, a broken line or a measurement-error zone reads the same
everywhere. Values come from each visit's stored computed results; protocol
comparability and real-change thresholds come from the clinical engine
(``strength.protocol_differences``, ``change.compare_findings``), never
restated here.

Lines are broken (a new ``segment_id``) wherever two visits cannot be
compared: a strength protocol change (position, contraction, fixation, pad
site, device, method, lever arm), a change in how strength was normalised
(torque per kg at one visit, %BW or force at another), a change of the LSI
basis (torque vs force), or an uninterpretable Trendelenburg test.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from desktop.clinical.change import (
    LSI_REAL_CHANGE_POINTS,
)
from desktop.clinical.model import SIDES, Assessment, HipAbduction, Side
from desktop.clinical.outcomes import (
    NPRS_MAX,
    NPRS_MCID_POINTS,
    NPRS_MIN,
    ODI_MCID_POINTS,
    PSFS_MAX,
    PSFS_MDC_MEAN_POINTS,
    PSFS_MIN,
)
from desktop.clinical.pelvic_drop import DROP_MDC_DEG
from desktop.clinical.strength import (
    LSI_MILD_MIN_PCT,
    LSI_SYMMETRIC_MIN_PCT,
    STRENGTH_REAL_CHANGE_PCT,
    ProtocolDifference,
    protocol_differences,
)
from desktop.clinical.trendelenburg import HOLD_TARGET_S, INVALID

if TYPE_CHECKING:
    from desktop.clinical.result_types import AssessmentResults

Visit = tuple[int, Assessment, "AssessmentResults | Mapping[str, Any]"]
"""One visit as the history receives it: (assessment_id, inputs, computed results), the
results typed or as an exchange file carries them (``results`` of an exported assessment)."""
_Row = tuple[int, Assessment, Mapping[str, Any]]
"""A visit with its results as the exchange document shows them (what the series read)."""

# Strength units in order of preference (design.md: torque/kg when the lever arm is
# known, else force relative to body weight, else raw force).
STRENGTH_UNITS: tuple[str, ...] = ("Nm/kg", "%BW", "N")
_STRENGTH_FIELDS = {
    "Nm/kg": ("hip_abduction_torque_nm_per_kg", "torque_nm_per_kg"),
    "%BW": ("hip_abduction_force_pct_bw", "force_pct_bw"),
    "N": ("hip_abduction_peak_force_n", "peak_force_n"),
}
ODI_MIN_PCT, ODI_MAX_PCT = 0.0, 100.0
# weaker / stronger cannot exceed 100% (design.md LSI formula).
LSI_MAX_PCT = 100.0

# Measures judged against a minimal clinically important change (Ostelo 2008,
# clinical-reference §9.1-9.3) rather than a measurement error (§2.5, §9.4).
MCID_MEASURES = frozenset({"nprs", "odi_pct", "rmdq"})


class TrendPoint(NamedTuple):
    """One plotted value; points sharing a ``segment_id`` may be joined by a line."""

    date: date
    value: float
    assessment_id: int
    segment_id: int


@dataclass(frozen=True)
class ChangeZone:
    """Baseline +- threshold: a later value inside it is no real change.

    The baseline is the first visit comparable with the latest one (the first
    point of the latest segment), so a zone never spans a protocol change.
    """

    assessment_id: int
    start: date
    end: date
    baseline: float
    low: float
    high: float
    threshold_label: str


@dataclass(frozen=True)
class ReferenceLine:
    value: float
    label: str
    short_label: str = ""  # where space is short (a chart's axis); the label when empty


@dataclass(frozen=True)
class MeasureSeries:
    key: str
    measure: str
    label: str
    unit: str
    side: Side | None
    points: tuple[TrendPoint, ...]
    zone: ChangeZone | None = None
    reference_lines: tuple[ReferenceLine, ...] = ()
    scale: tuple[float, float] | None = None
    notes: Mapping[int, str] = field(default_factory=dict)

    def segments(self) -> list[list[TrendPoint]]:
        out: list[list[TrendPoint]] = []
        for point in self.points:
            if out and out[-1][-1].segment_id == point.segment_id:
                out[-1].append(point)
            else:
                out.append([point])
        return out


@dataclass(frozen=True)
class ProtocolMark:
    """A visit whose strength testing differs from the visit before it."""

    assessment_id: int
    date: date
    reasons: tuple[str, ...]
    breaks_line: bool


@dataclass(frozen=True)
class VisitInfo:
    assessment_id: int
    date: date


@dataclass(frozen=True)
class TrendSeries:
    visits: tuple[VisitInfo, ...]
    measures: Mapping[str, MeasureSeries]
    protocol_marks: tuple[ProtocolMark, ...]
    default_strength_unit: str | None

    def __getitem__(self, key: str) -> MeasureSeries:
        return self.measures[key]

    def strength_units(self) -> list[str]:
        """Units in which at least one strength value exists, preferred first."""
        return [
            unit
            for unit in STRENGTH_UNITS
            if any(self.measures[strength_key(unit, side)].points for side in SIDES)
        ]

    def mark_for(self, assessment_id: int) -> ProtocolMark | None:
        for mark in self.protocol_marks:
            if mark.assessment_id == assessment_id:
                return mark
        return None


def strength_key(unit: str, side: Side) -> str:
    return f"{_STRENGTH_FIELDS[unit][0]}.{side}"


def trendelenburg_key(side: Side) -> str:
    return f"trendelenburg_hold_s.{side}"


def pelvic_drop_key(side: Side) -> str:
    return f"pelvic_drop_deg.{side}"


def format_value(value: float, unit: str) -> str:
    """Value with the precision the unit deserves, as shown on charts and tables."""
    if unit == "points":
        return f"{value:.1f}".removesuffix(".0")
    digits = {"Nm/kg": 2, "%BW": 1, "N": 0, "%": 1, "s": 0}.get(unit, 1)
    text = f"{value:.{digits}f}"
    if unit in ("%", "°"):
        return f"{text}{unit}"
    return f"{text} {unit}"


def format_date(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _ordered(visits: Sequence[Visit]) -> list[_Row]:
    """Oldest first; each visit's results in their exported form, the series' one input shape."""
    ordered = sorted(visits, key=lambda visit: (visit[1].performed_on, visit[0]))
    return [(aid, assessment, results if isinstance(results, Mapping) else results.to_json())
            for aid, assessment, results in ordered]


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _section(results: Mapping[str, Any], *path: str) -> Any:
    node: Any = results
    for key in path:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node


def _primary_strength_unit(results: Mapping[str, Any]) -> str | None:
    """The best normalisation available at a visit, on both sides where tested."""
    hip = _section(results, "hip_abduction")
    if not isinstance(hip, Mapping) or hip.get("method", "hhd") != "hhd":
        return None
    sides = [value for side in SIDES if isinstance(value := hip.get(side), Mapping)]
    if not sides:
        return None
    for unit in STRENGTH_UNITS:
        result_field = _STRENGTH_FIELDS[unit][1]
        if all(_number(side.get(result_field)) is not None for side in sides):
            return unit
    return None


@dataclass
class _HipSegments:
    """Which strength segment each hip-tested visit belongs to, and why lines break."""

    segment_of: dict[int, int]
    order: list[int]
    marks: list[ProtocolMark]


def _blocking(before: HipAbduction, after: HipAbduction) -> list[ProtocolDifference]:
    return [d for d in protocol_differences(before, after) if d.blocks_comparison]


def _hip_segments(ordered: list[_Row]) -> _HipSegments:
    segment_of: dict[int, int] = {}
    order: list[int] = []
    marks: list[ProtocolMark] = []
    segment = 0
    anchor: HipAbduction | None = None
    previous: HipAbduction | None = None
    previous_unit: str | None = None
    for assessment_id, assessment, results in ordered:
        hip = assessment.hip_abduction
        if hip is None:
            continue
        unit = _primary_strength_unit(results)
        reasons: list[str] = []
        breaks = False
        if anchor is not None and previous is not None:
            # Compare with the first visit of the segment as well as the last one, so
            # small steps (an unrecorded field, a creeping lever arm) cannot chain
            # two incomparable visits together.
            blocking = _blocking(previous, hip)
            if not blocking and anchor is not previous:
                blocking = _blocking(anchor, hip)
            if blocking:
                segment += 1
                anchor = hip
                breaks = True
                reasons.extend(d.message for d in blocking)
            if previous_unit is not None and unit is not None and unit != previous_unit:
                reasons.append(
                    f"Strength is expressed in {unit} at this visit and in {previous_unit} at "
                    f"the visit before; values in one unit are not joined across the change."
                )
        else:
            anchor = hip
        if reasons:
            marks.append(ProtocolMark(assessment_id, assessment.performed_on, tuple(reasons), breaks))
        segment_of[assessment_id] = segment
        order.append(assessment_id)
        previous = hip
        previous_unit = unit if unit is not None else previous_unit
    return _HipSegments(segment_of, order, marks)


def _zone(points: Sequence[TrendPoint], *, relative_pct: float | None = None,
          points_threshold: float | None = None,
          unit: str = "points") -> ChangeZone | None:  # fmt: skip
    if not points:
        return None
    latest_segment = points[-1].segment_id
    in_segment = [p for p in points if p.segment_id == latest_segment]
    baseline = in_segment[0]
    if relative_pct is not None:
        margin = abs(baseline.value) * relative_pct / 100.0
        label = f"±{relative_pct:g}%"
    else:
        assert points_threshold is not None
        margin = points_threshold
        label = f"±{points_threshold:g}°" if unit == "°" else f"±{points_threshold:g} {unit}"
    return ChangeZone(
        baseline.assessment_id, baseline.date, in_segment[-1].date, baseline.value,
        baseline.value - margin, baseline.value + margin, label,
    )  # fmt: skip


def _strength_series(ordered: list[_Row], hip: _HipSegments) -> dict[str, MeasureSeries]:
    out: dict[str, MeasureSeries] = {}
    by_id = {visit[0]: visit for visit in ordered}
    for unit in STRENGTH_UNITS:
        measure, result_field = _STRENGTH_FIELDS[unit]
        for side in SIDES:
            points: list[TrendPoint] = []
            segment = -1
            last_hip_segment: int | None = None
            gap = False
            for assessment_id in hip.order:
                _, assessment, results = by_id[assessment_id]
                value = _number(_section(results, "hip_abduction", side, result_field))
                if value is None:
                    gap = True
                    continue
                hip_segment = hip.segment_of[assessment_id]
                if gap or hip_segment != last_hip_segment:
                    segment += 1
                gap = False
                last_hip_segment = hip_segment
                points.append(TrendPoint(assessment.performed_on, value, assessment_id, segment))
            key = strength_key(unit, side)
            out[key] = MeasureSeries(
                key, measure, f"Hip-abduction strength ({side})", unit, side, tuple(points),
                _zone(points, relative_pct=STRENGTH_REAL_CHANGE_PCT),
            )  # fmt: skip
    return out


# Force-time measures of the best trial (design.md "Force-time curves"). No published
# measurement error for hand-held RFD or time to peak is on file, so no zone is drawn.
CURVE_MEASURES: dict[str, tuple[str, str]] = {
    "rfd_0_200_n_per_s": ("Rate of force development 0–200 ms", "N/s"),
    "time_to_peak_s": ("Time to peak force", "s"),
}


def curve_key(measure: str, side: Side) -> str:
    return f"{measure}.{side}"


def _curve_series(ordered: list[_Row], hip: _HipSegments) -> dict[str, MeasureSeries]:
    out: dict[str, MeasureSeries] = {}
    by_id = {visit[0]: visit for visit in ordered}
    for measure, (label, unit) in CURVE_MEASURES.items():
        for side in SIDES:
            points: list[TrendPoint] = []
            segment, last_hip_segment = -1, None
            for assessment_id in hip.order:
                _, assessment, results = by_id[assessment_id]
                value = _number(_section(results, "hip_abduction", side, measure))
                if value is None:
                    continue
                if hip.segment_of[assessment_id] != last_hip_segment:
                    segment += 1
                last_hip_segment = hip.segment_of[assessment_id]
                points.append(TrendPoint(assessment.performed_on, value, assessment_id, segment))
            key = curve_key(measure, side)
            out[key] = MeasureSeries(key, measure, f"{label} ({side})", unit, side, tuple(points))
    return out


def _lsi_series(ordered: list[_Row], hip: _HipSegments) -> MeasureSeries:
    by_id = {visit[0]: visit for visit in ordered}
    points: list[TrendPoint] = []
    notes: dict[int, str] = {}
    segment = -1
    last: tuple[int, Any] | None = None
    for assessment_id in hip.order:
        _, assessment, results = by_id[assessment_id]
        value = _number(_section(results, "hip_abduction", "lsi_pct"))
        if value is None:
            continue
        basis = _section(results, "hip_abduction", "lsi_basis")
        state = (hip.segment_of[assessment_id], basis)
        if state != last:
            segment += 1
        last = state
        points.append(TrendPoint(assessment.performed_on, value, assessment_id, segment))
        weaker = _section(results, "hip_abduction", "weaker_side")
        if weaker:
            notes[assessment_id] = f"weaker side: {weaker}" + (f", on {basis}" if basis else "")
    return MeasureSeries(
        "lsi_pct", "lsi_pct", "Limb symmetry index", "%", None, tuple(points),
        _zone(points, points_threshold=LSI_REAL_CHANGE_POINTS),
        (
            ReferenceLine(LSI_SYMMETRIC_MIN_PCT, f"{LSI_SYMMETRIC_MIN_PCT:g}%"),
            ReferenceLine(LSI_MILD_MIN_PCT, f"{LSI_MILD_MIN_PCT:g}%"),
        ),
        scale=(LSI_MILD_MIN_PCT, LSI_MAX_PCT),
        notes=notes,
    )  # fmt: skip


def _trendelenburg_series(ordered: list[_Row], side: Side) -> MeasureSeries:
    points: list[TrendPoint] = []
    notes: dict[int, str] = {}
    segment = 0
    broken = False
    for assessment_id, assessment, results in ordered:
        finding = _section(results, "trendelenburg", side)
        if not isinstance(finding, Mapping):
            continue
        result = finding.get("result")
        if result == INVALID:
            broken = True
            continue
        value = _number(finding.get("hold_s"))
        if value is None:
            continue
        if broken and points:
            segment += 1
        broken = False
        points.append(TrendPoint(assessment.performed_on, value, assessment_id, segment))
        if result:
            text = str(result).replace("_", " ")
            if finding.get("compensated"):
                text += ", compensated (trunk lean)"
            notes[assessment_id] = text
    key = trendelenburg_key(side)
    return MeasureSeries(
        key, "trendelenburg_hold_s", f"Trendelenburg hold ({side} stance)", "s", side,
        tuple(points), None,
        (ReferenceLine(HOLD_TARGET_S, f"{HOLD_TARGET_S:g} s"),),
        scale=(0.0, HOLD_TARGET_S),
        notes=notes,
    )  # fmt: skip


def _pelvic_drop_series(ordered: list[_Row], side: Side) -> MeasureSeries:
    """Measured drop per stance leg; the line breaks where the method changes.

    The zone is the 4 deg measurement error (Youdas 2007, clinical-reference §1.3) around
    the first comparable visit; the clinic's threshold, when set, is drawn as a line and
    named as a clinic setting (no validated cut-off exists, §12).
    """
    points: list[TrendPoint] = []
    notes: dict[int, str] = {}
    segment = -1
    last_method: Any = object()
    threshold: float | None = None
    for assessment_id, assessment, results in ordered:
        finding = _section(results, "trendelenburg", side)
        if not isinstance(finding, Mapping):
            continue
        value = _number(finding.get("pelvic_drop_deg"))
        if value is None:
            continue
        method = finding.get("pelvic_drop_method")
        if method != last_method:
            segment += 1
        last_method = method
        points.append(TrendPoint(assessment.performed_on, value, assessment_id, segment))
        notes[assessment_id] = f"by {method}" if method else "method not recorded"
        error = finding.get("pelvic_drop_error")
        if isinstance(error, Mapping):
            threshold = _number(error.get("threshold_deg"))
    lines = [ReferenceLine(0.0, "level")]
    if threshold is not None:
        label = f"clinic threshold {threshold:g}° (a clinic setting)"
        lines.append(ReferenceLine(threshold, label, f"clinic {threshold:g}°"))
    return MeasureSeries(
        pelvic_drop_key(side), "pelvic_drop_deg", f"Pelvic drop ({side} stance)", "°", side,
        tuple(points), _zone(points, points_threshold=DROP_MDC_DEG, unit="°"), tuple(lines),
        notes=notes,
    )  # fmt: skip


def _simple_series(
    ordered: list[_Row], key: str, label: str, getter: Any, threshold: float,
    scale: tuple[float, float],
) -> MeasureSeries:  # fmt: skip
    points = []
    for assessment_id, assessment, results in ordered:
        value = _number(getter(assessment, results))
        if value is not None:
            points.append(TrendPoint(assessment.performed_on, value, assessment_id, 0))
    return MeasureSeries(
        key, key, label, "points" if key != "odi_pct" else "%", None, tuple(points),
        _zone(points, points_threshold=threshold), scale=scale,
    )  # fmt: skip


def trend_series(visits: Sequence[Visit]) -> TrendSeries:
    """Every trend measure of a client's visits, oldest first, with breaks and zones."""
    ordered = _ordered(visits)
    hip = _hip_segments(ordered)
    measures: dict[str, MeasureSeries] = {}
    measures.update(_strength_series(ordered, hip))
    measures.update(_curve_series(ordered, hip))
    measures["lsi_pct"] = _lsi_series(ordered, hip)
    for side in SIDES:
        measures[trendelenburg_key(side)] = _trendelenburg_series(ordered, side)
        measures[pelvic_drop_key(side)] = _pelvic_drop_series(ordered, side)
    measures["nprs"] = _simple_series(
        ordered, "nprs", "Pain (NPRS)", lambda a, r: a.pain_nprs, NPRS_MCID_POINTS,
        (float(NPRS_MIN), float(NPRS_MAX)),
    )  # fmt: skip
    odi = _simple_series(
        ordered, "odi_pct", "Disability (ODI)", lambda a, r: r.get("odi_pct"), ODI_MCID_POINTS,
        (ODI_MIN_PCT, ODI_MAX_PCT),
    )  # fmt: skip
    measures["odi_pct"] = odi
    measures["psfs_mean"] = _simple_series(
        ordered, "psfs_mean", "Function (PSFS mean)", lambda a, r: r.get("psfs_mean"),
        PSFS_MDC_MEAN_POINTS, (float(PSFS_MIN), float(PSFS_MAX)),
    )  # fmt: skip
    latest_unit: str | None = None
    for assessment_id in reversed(hip.order):
        results = next(v[2] for v in ordered if v[0] == assessment_id)
        latest_unit = _primary_strength_unit(results)
        if latest_unit is not None:
            break
    return TrendSeries(
        visits=tuple(VisitInfo(v[0], v[1].performed_on) for v in ordered),
        measures=measures,
        protocol_marks=tuple(hip.marks),
        default_strength_unit=latest_unit,
    )
