"""services.conflicts: every field of a visit is compared and labelled; the words of a lost save."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time

from desktop.clinical import model as m
from desktop.clinical.curves import ForceCurve
from desktop.services.conflicts import FIELD_LABELS, VisitConflict, conflict_key, describe, field_label, visit_fields
from tests.fixtures.records import assessment


def test_every_field_of_a_visit_is_compared_in_the_forms_order() -> None:
    names = [f.name for f in dataclasses.fields(m.Assessment)]
    assert sorted(visit_fields()) == sorted(names)
    assert visit_fields()[:3] == ["performed_on", "performed_at", "clinician"]
    assert set(FIELD_LABELS) <= set(names)  # no label for a field that is gone
    assert field_label("pain_nprs") == "Pain (NPRS)"
    assert field_label("gait_speed_m_s") == "Gait speed m s"  # a field added later still reads as words


def test_a_lost_save_says_who_when_and_which_versions() -> None:
    at = datetime(2026, 10, 1, 14, 5)
    lost = VisitConflict(3, 9, 1, 2, assessment(1), assessment(2), "maria", at)
    assert str(lost) == ("maria saved this visit at 2026-10-01 14:05 UTC (version 2) after you opened version 1; "
                         "nothing was overwritten and your version is kept as a draft")
    deleted = VisitConflict(3, 9, 1, None, assessment(1), None, None, None)
    assert str(deleted) == ("this visit was deleted by someone else while you edited it; "
                            "your version is kept as a draft")
    assert lost.draft_key == deleted.draft_key == conflict_key(9) == "conflict:assessment:9"


def test_against_a_deleted_visit_every_recorded_field_differs_and_merging_keeps_yours() -> None:
    yours = assessment(1)
    deleted = VisitConflict(3, 9, 1, None, yours, None, None, None)
    fields = [d.field for d in deleted.differences()]
    # Everything the fixture recorded beyond the date, in the form's order.
    assert fields == ["clinician", "referrer", "body_mass_kg", "height_cm", "red_flags", "red_flags_acknowledged",
                      "pain_nprs", "odi_item_scores", "psfs", "trendelenburg_left", "trendelenburg_right",
                      "hip_abduction"]
    assert deleted.merge(set()) is yours


def test_describe_leaves_out_photos_curves_and_empty_parts() -> None:
    assert describe(time(16, 20)) == "16:20"
    assert describe(()) == "none"
    side = m.HhdSide((150.0, 158.5), 80.0, curves=(ForceCurve(10.0, (0.0, 150.0)), None))
    assert describe(side) == "trials 150, 158.5, lever arm cm 80"
    photo_only = m.TrendelenburgSide(photo=m.PelvisPhoto())
    assert describe(photo_only) == "elevation maximal yes, trunk lean none"
    assert describe(date(2026, 10, 2)) == "2026-10-02"
