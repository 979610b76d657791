"""Measured pelvic drop from photo landmarks, against hand-worked landmark sets.

Hand work (image pixels, x right, y down; design.md "Measured pelvic drop"):
  A. left (100, 200), right (200, 210): |dx| = 100, right is 10 px lower.
     Standing on the left, the lifted right side is lower:
     atan2(10, 100) = atan(0.1) = 5.7106 deg -> 5.7.
     Standing on the right, the lifted left side is higher: atan2(-10, 100) -> -5.7.
  B. reference left (100, 200), right (200, 202): atan(0.02) = 1.1458 deg.
     Drop standing on the left with reference: 5.7106 - 1.1458 = 4.5648 -> 4.6.
  C. left (500, 400), right (100, 430) (client's left on the viewer's right: a view
     from in front, or a mirrored image): |dx| = 400, right 30 px lower,
     atan(0.075) = 4.2892 deg -> 4.3 standing on the left.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.clinical.change import compare_findings
from desktop.clinical.findings import analyse
from desktop.clinical.model import (
    Assessment,
    Client,
    PelvisLandmarks,
    PelvisPhoto,
    TrendelenburgSide,
    assessment_from_dict,
    assessment_to_dict,
)
from desktop.clinical.pelvic_drop import (
    DROP_MDC_DEG,
    LandmarkError,
    beyond_measurement_error,
    drop_sentence,
    measure_drop,
    obliquity_deg,
    reaches_threshold,
)
from desktop.clinical.results import compute_results
from desktop.clinical.validation import validate_assessment

A = PelvisLandmarks(left_psis=(100.0, 200.0), right_psis=(200.0, 210.0))
B_REFERENCE = PelvisLandmarks(left_psis=(100.0, 200.0), right_psis=(200.0, 202.0))
C_MIRRORED = PelvisLandmarks(left_psis=(500.0, 400.0), right_psis=(100.0, 430.0))


def mirror(landmarks: PelvisLandmarks, width: float = 1000.0) -> PelvisLandmarks:
    """The same pelvis in a horizontally flipped image (x -> width - x)."""
    (lx, ly), (rx, ry) = landmarks.left_psis, landmarks.right_psis
    return PelvisLandmarks((width - lx, ly), (width - rx, ry))


def test_left_stance_lifted_right_side_lower_is_positive() -> None:
    assert obliquity_deg(A, "left") == pytest.approx(5.71059, abs=1e-4)
    drop = measure_drop(PelvisPhoto(landmarks=A), "left")
    assert drop is not None
    assert drop.drop_deg == 5.7
    assert drop.reference_obliquity_deg is None


def test_right_stance_same_points_lifted_left_side_higher_is_negative() -> None:
    drop = measure_drop(PelvisPhoto(landmarks=A), "right")
    assert drop is not None
    assert drop.drop_deg == -5.7


def test_reference_photo_is_subtracted() -> None:
    drop = measure_drop(PelvisPhoto(landmarks=A, reference_landmarks=B_REFERENCE), "left")
    assert drop is not None
    assert drop.reference_obliquity_deg == pytest.approx(1.14576, abs=1e-4)
    assert drop.drop_deg == 4.6  # 5.7106 - 1.1458 = 4.5648, rounded once
    # Right stance with the same photos: -5.7106 - (-1.1458) = -4.5648 -> -4.6.
    right = measure_drop(PelvisPhoto(landmarks=A, reference_landmarks=B_REFERENCE), "right")
    assert right is not None and right.drop_deg == -4.6


def test_rounding_happens_once_on_the_difference() -> None:
    # Rounded separately 5.7 - 1.1 = 4.6 as well; use a pair where it matters:
    # single atan(0.1) = 5.7106, reference atan(0.0115) = 0.6589 -> 5.0517 -> 5.1
    # (rounding each first would give 5.7 - 0.7 = 5.0).
    reference = PelvisLandmarks((100.0, 200.0), (200.0, 201.15))
    drop = measure_drop(PelvisPhoto(landmarks=A, reference_landmarks=reference), "left")
    assert drop is not None and drop.drop_deg == 5.1


def test_view_from_in_front_or_mirrored_gives_the_same_angle() -> None:
    drop = measure_drop(PelvisPhoto(landmarks=C_MIRRORED), "left")
    assert drop is not None and drop.drop_deg == 4.3
    for landmarks in (A, B_REFERENCE, C_MIRRORED):
        for stance in ("left", "right"):
            expected = obliquity_deg(landmarks, stance)
            assert obliquity_deg(mirror(landmarks), stance) == pytest.approx(expected)
    with_ref = measure_drop(PelvisPhoto(mirror(A), mirror(B_REFERENCE)), "left")
    assert with_ref is not None and with_ref.drop_deg == 4.6


@pytest.mark.parametrize(
    ("landmarks", "message"),
    [
        (PelvisLandmarks((150.0, 200.0), (150.0, 200.0)), "on one spot"),
        (PelvisLandmarks((150.0, 200.0), (151.0, 201.0)), "on one spot"),
        (PelvisLandmarks((150.0, 100.0), (150.0, 300.0)), "vertical line"),
        (PelvisLandmarks((100.0, 100.0), (110.0, 300.0)), "more than 45°"),
        (PelvisLandmarks((float("nan"), 100.0), (110.0, 300.0)), "has no position"),
    ],
)
def test_degenerate_landmarks_are_refused_with_a_clear_message(
    landmarks: PelvisLandmarks, message: str
) -> None:
    with pytest.raises(LandmarkError, match=message):
        obliquity_deg(landmarks, "left")
    with pytest.raises(LandmarkError, match="^single-leg photo: "):
        measure_drop(PelvisPhoto(landmarks=landmarks), "left")
    with pytest.raises(LandmarkError, match="^reference photo: "):
        measure_drop(PelvisPhoto(landmarks=A, reference_landmarks=landmarks), "left")


def test_no_landmarks_no_measurement() -> None:
    assert measure_drop(PelvisPhoto(), "left") is None


def test_measurement_error_band_reaching_counts() -> None:
    assert DROP_MDC_DEG == 4.0
    assert beyond_measurement_error(3.9) is False
    assert beyond_measurement_error(4.0) is True
    assert beyond_measurement_error(-4.2) is True
    assert reaches_threshold(5.0, None) is None
    assert reaches_threshold(5.0, 5.0) is True
    assert reaches_threshold(4.9, 5.0) is False


def test_sentence_names_lifted_side_error_and_clinic_setting() -> None:
    text = drop_sentence(5.7, "left", "photo", 5.0)
    assert text.startswith("Pelvis dropped 5.7° on the right (lifted) side by photo")
    assert "beyond the 4° measurement error (Youdas 2007)" in text
    expected = "reaches the clinic's 5.0° threshold (a clinic setting, not a validated cut-off)"
    assert expected in text
    within = drop_sentence(-2.0, "right", "photo", None)
    assert within.startswith("Pelvis raised 2.0° on the left (lifted) side")
    assert "within the ±4° measurement error" in within and "threshold" not in within


CLIENT = Client("Ana", "Nguyen", date(1971, 3, 14), "female")


def _assessment(
    left: PelvisPhoto | None,
    right: PelvisPhoto | None,
    on: date = date(2026, 10, 2),
    method: str | None = "photo",
) -> Assessment:
    return Assessment(
        performed_on=on,
        red_flags=(),
        trendelenburg_left=TrendelenburgSide(hold_s=30, drop_method=method, photo=left),
        trendelenburg_right=TrendelenburgSide(hold_s=12, drop_method=method, photo=right),
    )


def test_results_carry_the_design_names() -> None:
    a = _assessment(PelvisPhoto(A), PelvisPhoto(A, B_REFERENCE))
    results = compute_results(CLIENT, a, pelvic_drop_threshold_deg=5.0).to_json()
    left, right = results["trendelenburg"]["left"], results["trendelenburg"]["right"]
    assert left["pelvic_drop_deg"] == 5.7 and left["pelvic_drop_method"] == "photo"
    assert right["pelvic_drop_deg"] == -4.6 and right["pelvic_drop_method"] == "photo"
    assert left["pelvic_drop_photo"] == {
        "obliquity_deg": 5.7,
        "reference_obliquity_deg": None,
        "reference_used": False,
    }
    assert right["pelvic_drop_photo"]["reference_used"] is True
    error = left["pelvic_drop_error"]
    assert error["measurement_error_deg"] == 4.0 and error["beyond_measurement_error"] is True
    assert error["secondary_error_deg"] == [2.7, 2.8]
    assert "to be checked" in error["secondary_error_source"]
    assert error["threshold_deg"] == 5.0 and error["threshold_reached"] is True
    assert error["threshold_source"] == "clinic setting; no validated degree cut-off exists"
    assert right["pelvic_drop_error"]["threshold_reached"] is False
    # The drop is measured on the other side of the stance leg.
    assert left["pelvic_drop_side"] == "right"


def test_photo_measurement_replaces_a_typed_value_and_without_it_nothing_is_claimed() -> None:
    typed = Assessment(
        performed_on=date(2026, 10, 2),
        trendelenburg_left=TrendelenburgSide(
            hold_s=30, pelvic_drop_deg=3.0, drop_method="goniometer"
        ),
        trendelenburg_right=TrendelenburgSide(hold_s=30),
    )
    results = compute_results(CLIENT, typed).to_json()
    assert results["trendelenburg"]["left"]["pelvic_drop_method"] == "goniometer"
    assert results["trendelenburg"]["left"]["pelvic_drop_error"]["secondary_error_deg"] is None
    assert results["trendelenburg"]["right"]["pelvic_drop_deg"] is None
    assert results["trendelenburg"]["right"]["pelvic_drop_method"] is None
    assert results["trendelenburg"]["right"]["pelvic_drop_error"] is None


def test_degenerate_landmarks_fail_validation_with_the_path() -> None:
    bad = PelvisPhoto(PelvisLandmarks((150.0, 100.0), (150.0, 300.0)))
    problems = validate_assessment(_assessment(PelvisPhoto(A), bad))
    assert [str(p) for p in problems] == [
        "trendelenburg.right.photo.landmarks: the left and right PSIS are straight above each "
        "other (a vertical line): place them side by side, one on each side of the pelvis"
    ]
    off_image = PelvisPhoto(PelvisLandmarks((-5.0, 100.0), (150.0, 300.0)))
    problems = validate_assessment(_assessment(off_image, None))
    assert str(problems[0]).startswith("trendelenburg.left.photo.landmarks.left_psis: x must be")


def test_exchange_round_trip_keeps_landmarks() -> None:
    a = _assessment(PelvisPhoto(A, B_REFERENCE, in_letter=True), PelvisPhoto(C_MIRRORED))
    data = assessment_to_dict(a)
    assert data["trendelenburg"]["left"]["photo"] == {
        "landmarks": {"left_psis": [100.0, 200.0], "right_psis": [200.0, 210.0]},
        "reference_landmarks": {"left_psis": [100.0, 200.0], "right_psis": [200.0, 202.0]},
        "in_letter": True,
    }
    assert assessment_from_dict(data) == a


@pytest.mark.parametrize(
    ("before", "after", "direction", "real"),
    [
        # 6.0 -> 2.5: change -3.5, inside the 4 deg MDC.
        ((100.0, 210.5), (100.0, 204.4), "no real change", False),
        # 7.0 -> 2.5 (tan 7 deg * 100 = 12.28): change -4.5, beyond it, less drop is better.
        ((100.0, 212.28), (100.0, 204.37), "improved", True),
        ((100.0, 204.37), (100.0, 212.28), "worse", True),
    ],
)
def test_change_across_visits_is_real_only_past_measurement_error(
    before: tuple[float, float], after: tuple[float, float], direction: str, real: bool
) -> None:
    def visit(right_y: float, on: date) -> Assessment:
        photo = PelvisPhoto(PelvisLandmarks((0.0, 200.0), (100.0, right_y)))
        return _assessment(photo, None, on)

    changes = compare_findings(
        analyse(visit(before[1], date(2026, 1, 5))), analyse(visit(after[1], date(2026, 3, 5)))
    )
    drop = next(c for c in changes if c.measure == "pelvic_drop_deg")
    assert drop.side == "left"
    assert (drop.direction, drop.real) == (direction, real)
    assert drop.threshold == "4° measurement error"


def test_drops_by_different_methods_are_not_compared() -> None:
    before = Assessment(
        performed_on=date(2026, 1, 5),
        trendelenburg_left=TrendelenburgSide(
            hold_s=30, pelvic_drop_deg=8.0, drop_method="goniometer"
        ),
    )
    after = _assessment(PelvisPhoto(A), None, date(2026, 3, 5))
    changes = compare_findings(analyse(before), analyse(after))
    drop = next(c for c in changes if c.measure == "pelvic_drop_deg")
    assert drop.comparable is False and drop.direction == "not comparable"


def test_trend_of_the_drop_has_an_error_zone_a_threshold_line_and_breaks_on_method() -> None:
    from desktop.clinical.trends import pelvic_drop_key, trend_series
    from desktop.clinical.visit_compare import compare_visits

    def photo_visit(right_y: float, on: date) -> Assessment:
        return _assessment(PelvisPhoto(PelvisLandmarks((0.0, 200.0), (100.0, right_y))), None, on)

    first = photo_visit(212.28, date(2026, 1, 5))  # 7.0
    second = photo_visit(204.37, date(2026, 2, 5))  # 2.5
    third = Assessment(
        performed_on=date(2026, 3, 5),
        trendelenburg_left=TrendelenburgSide(
            hold_s=30, pelvic_drop_deg=3.0, drop_method="goniometer"
        ),
    )
    visits = [
        (i + 1, a, compute_results(CLIENT, a, pelvic_drop_threshold_deg=5.0))
        for i, a in enumerate((first, second, third))
    ]
    series = trend_series(visits)[pelvic_drop_key("left")]
    assert [p.value for p in series.points] == [7.0, 2.5, 3.0]
    assert [p.segment_id for p in series.points] == [0, 0, 1]  # photo, then goniometer
    assert (
        series.unit == "°" and series.notes[1] == "by photo" and series.notes[3] == "by goniometer"
    )
    # The zone sits around the first visit of the latest (goniometer) segment: 3.0 +- 4.
    assert series.zone is not None
    assert (series.zone.low, series.zone.high, series.zone.threshold_label) == (-1.0, 7.0, "±4°")
    assert [line.label for line in series.reference_lines] == [
        "level",
        "clinic threshold 5° (a clinic setting)",
    ]
    assert [line.short_label for line in series.reference_lines] == ["", "clinic 5°"]  # on the chart's axis
    row = next(r for r in compare_visits(first, second) if r.measure == "pelvic_drop_deg")
    assert (row.baseline_text, row.current_text, row.change_text) == ("7.0°", "2.5°", "−4.5°")
    assert row.verdict == "Improved beyond measurement error (±4°)"
    assert trend_series(visits)[pelvic_drop_key("right")].points == ()
