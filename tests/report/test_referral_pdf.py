"""The referral letter: every finding, names in several scripts, pages, fonts, metadata."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from report_examples import (
    SETTINGS,
    all_text,
    cards,
    design_assessment,
    design_results,
    make_data,
    pages_text,
    visits_data,
)

from desktop.clinical.model import Assessment, Client, ClinicSettings, HhdSide, MmtSide
from desktop.clinical.result_types import HipAbductionResult, MmtSideResult

Render = Callable[..., bytes]


def test_hhd_findings_match_the_hand_worked_results(render: Render) -> None:
    text = all_text(render(make_data()))
    # Left: 158.0 N peak, 154.33 -> "154.3 N" mean, 126.4 Nm, 1.859 -> "1.86 Nm/kg", 23.69 -> "23.7%".
    for expected in ("158.0 N", "154.3 N", "2.6%", "126.4 Nm", "1.86 Nm/kg", "23.7%", "80 cm"):
        assert expected in text
    # Right: 125.0 N, 121.0 N, 3.0%, 100.0 Nm, 1.471 -> "1.47 Nm/kg", 18.74 -> "18.7%".
    for expected in ("125.0 N", "121.0 N", "3.0%", "100.0 Nm", "1.47 Nm/kg", "18.7%"):
        assert expected in text
    assert "Limb symmetry index 79.1%" in text
    assert "right side weaker, on torque" in text
    assert "marked asymmetry (LSI < 80%)" in text


def test_trendelenburg_rows_show_result_hold_compensation_and_pain(render: Render) -> None:
    text = all_text(render(make_data()))
    assert "Left Negative 30 s none 0/10" in text
    assert "Right Positive, delayed 12 s marked trunk lean 2/10 6° (left side)" in text


def test_norm_comparison_shows_source_or_no_matching_reference(render: Render) -> None:
    text = all_text(render(make_data()))
    assert "Alvarenga 2019" in text and "reference 16.85 %BW" in text
    assert "no matching reference (no reference for this age)" in text


def test_outcomes_interpretation_plan_and_signature(render: Render) -> None:
    text = all_text(render(make_data()))
    assert "Pain (NPRS, 0 to 10) 6/10" in text
    assert "30.0% (moderate), 8 of 10 sections answered" in text
    assert "4.0/10" in text and "Walking 30 min 4/10" in text
    assert "Findings suggest hip-abductor weakness on the right side." in text
    assert "Review on 13 November 2026." in text
    assert "strengthening from stage 1 (activation)" in text
    assert "Jo Smith BPhty, APAM Harbourside Physiotherapy Provider number 2046815T" in text
    assert "Dear Dr A. Lee," in text


def test_letterhead_and_identification(render: Render) -> None:
    first = pages_text(render(make_data()))[0]
    for expected in ("Harbourside Physiotherapy", "14 Wharf Street", "+61 3 9555 0134",
                     "reception@harbourside.example", "Provider number 2046815T", "Dr A. Lee",
                     "Harbour GP", "14 March 1971", "HP-20417", "2 October 2026"):  # fmt: skip
        assert expected in first


def test_recorded_unit_is_shown_beside_newtons(render: Render) -> None:
    base = design_results()
    assert base.hip_abduction is not None
    results = replace(base, hip_abduction=replace(base.hip_abduction, unit_recorded="kgf"))
    # 16.1 kgf x 9.80665 = 157.9 N; the engine's newton value is shown unchanged.
    data = make_data(results=results, recorded_peak_force={"left": 16.1, "right": 12.7})
    text = all_text(render(data))
    assert "Peak force (kgf) 16.1 kgf 12.7 kgf" in text
    assert "158.0 N" in text


@pytest.mark.parametrize(
    ("given", "family"),
    [("Thị Ánh", "Nguyễn"), ("Zoë", "Ñúñez"), ("Ελένη", "Παπαδοπούλου"), ("Анна", "Иванова")],
)
def test_names_in_several_scripts_round_trip(render: Render, given: str, family: str) -> None:
    pages = pages_text(render(make_data(given, family)))
    name = f"{given} {family}"
    assert name in pages[0]
    # The running header on later pages repeats the name.
    assert all(name in page for page in pages[1:])


def test_combining_accents_are_printed_precomposed(render: Render) -> None:
    decomposed = "Zoe\u0308"
    text = all_text(render(make_data(decomposed, "Ñúñez")))
    assert "Zoë Ñúñez" in text


def test_page_x_of_y_on_every_page(render: Render) -> None:
    pages = pages_text(render(make_data()))
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


def _fonts(pdf: bytes) -> list[Any]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    found = []
    for page in reader.pages:
        resources = page["/Resources"]
        fonts = resources.get("/Font")
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            found.append(ref.get_object())
        xobjects = resources.get("/XObject")
        if xobjects is not None:
            for xobject in xobjects.get_object().values():
                inner = xobject.get_object().get("/Resources")
                if inner is not None and inner.get("/Font") is not None:
                    found.extend(f.get_object() for f in inner["/Font"].get_object().values())
    return found


def _embedded(font: Any) -> bool:
    if font["/Subtype"] == "/Type0":
        descendant = font["/DescendantFonts"][0].get_object()
        return "/FontFile2" in descendant["/FontDescriptor"].get_object()
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and "/FontFile2" in descriptor.get_object()


def test_every_font_is_embedded_even_with_a_helvetica_illustration(render: Render) -> None:
    pdf = render(make_data("Ελένη", "Nguyễn"))
    fonts = _fonts(pdf)
    assert fonts, "no fonts found"
    names = sorted({str(f["/BaseFont"]) for f in fonts})
    assert all(_embedded(f) for f in fonts), names
    assert not any("Helvetica" in n for n in names)
    # The whole file, not only page resources, carries no standard-14 font.
    assert b"/Helvetica" not in pdf


def test_cjk_name_uses_the_system_fallback_font(render: Render) -> None:
    from desktop.report import fonts

    if fonts.ensure_fallback() is None:
        pytest.skip("no CJK fallback font on this machine")
    pdf = render(make_data("芳", "王"))
    assert "芳 王" in pages_text(pdf)[0]
    assert all(_embedded(f) for f in _fonts(pdf))


def test_metadata_names_the_document(render: Render) -> None:
    from pypdf import PdfReader

    meta = PdfReader(io.BytesIO(render(make_data()))).metadata
    assert meta.title == "Referral letter: Ana Nguyễn, 2 October 2026"
    assert meta.author == "Jo Smith"
    assert "assessment" in meta.subject


def test_a4_by_default_and_letter_from_settings(render: Render) -> None:
    from pypdf import PdfReader

    a4 = PdfReader(io.BytesIO(render(make_data()))).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    letter_settings = ClinicSettings(**{**SETTINGS.__dict__, "page_size": "Letter"})
    letter = PdfReader(io.BytesIO(render(make_data(settings=letter_settings)))).pages[0].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)


def test_invariant_output_is_byte_stable(render: Render) -> None:
    assert render(make_data()) == render(make_data())


def test_program_cards_list_names_steps_and_dosage(render: Render) -> None:
    pages = pages_text(render(make_data()))
    program = " ".join(pages[1:])
    assert "Your home exercise program" in program
    assert program.index("Release and stretch") < program.index("Strengthening")
    for card in cards():
        assert card.name in program
    assert "3 sets × 12 reps" in program and "Rest: 60 s between sets" in program
    assert "Days: 3 days per week" in program and "Side: right" in program
    # Timed work reads as what the client does: a hold, or "Roll for 60 s, twice".
    assert "Hold for 10 s, 5 times" in program and "for 60 s, twice" in program
    assert "1. Lie on your side, knees bent." in program
    # One pain rule, relative to the client's usual pain (2 points: the NPRS MCID, Ostelo 2008).
    assert "within 2 points of your usual pain" in program
    assert "3 out of 10" not in program and "RPE" not in program and "ACSM" not in program
    assert "the last 2 to 3 repetitions of each set feel hard" in program
    assert "When to move on" in program


def test_cards_do_not_split_across_pages(render: Render) -> None:
    """Every card's heading ("Stage N: ...") and its dosage line land on the same page."""
    many = tuple(c for _ in range(3) for c in cards())
    pages = pages_text(render(make_data(program=many)))
    per_page = [(len(re.findall(r"Stage \d: ", page)), page.count("Dose:")) for page in pages]
    assert all(heads == doses for heads, doses in per_page), per_page
    # 18 cards over several pages.
    assert sum(doses for _heads, doses in per_page) == 18
    assert sum(1 for heads, _doses in per_page if heads) >= 3


def test_mmt_grades_with_mrc_credit(render: Render) -> None:
    hip = HipAbductionResult(
        "mmt", "side_lying",
        MmtSideResult(4, "-", "4-", "active movement against gravity and resistance", True),
        MmtSideResult(5, None, "5", "normal power", False), None, "left", None,
        mrc_credit="MRC scale used with the permission of the Medical Research Council",
    )  # fmt: skip
    results = replace(design_results(), hip_abduction=hip, norm_comparison=None)
    data = make_data(results=results)
    data = type(data)(**{**data.__dict__, "assessment": data.assessment.__class__(
        **{**data.assessment.__dict__, "hip_abduction": None})})  # fmt: skip
    text = all_text(render(data))
    assert "Left 4− active movement against gravity and resistance" in text
    assert "Right 5 normal power" in text
    assert "MRC scale used with the permission of the Medical Research Council" in text
    assert "Torque / body mass" not in text
    assert MmtSide(4, "-").grade == 4


def _visit(on: date, nprs: int, left_trials: tuple[float, ...]) -> Assessment:
    """The design example assessment on another day, with other pain and left-side trials."""
    base = design_assessment()
    assert base.hip_abduction is not None
    return replace(base, performed_on=on, pain_nprs=nprs,
                   hip_abduction=replace(base.hip_abduction, left=HhdSide(left_trials, 80.0)))  # fmt: skip


def test_change_since_first_visit_and_trend_charts(render: Render) -> None:
    client = Client("Ana", "Nguyễn", date(1971, 3, 14), "female", external_id="HP-20417")
    visits = [
        _visit(date(2026, 6, 4), 7, (150.0, 153.0, 151.0)),
        _visit(date(2026, 7, 16), 5, (152.0, 156.0, 154.0)),
        _visit(date(2026, 10, 2), 3, (150.0, 159.0, 155.0)),
    ]
    text = all_text(render(visits_data(client, visits)))
    assert "Change since the first visit" in text and "4 June 2026" in text
    # NPRS 7 -> 3: change -4, beyond the 2-point MCID (Ostelo 2008).
    assert "Pain (NPRS) 7 3 −4 2 points (MCID, Ostelo 2008) Yes, improved" in text
    # Left peak 153 N x 0.8 m / 68 kg = 1.800 Nm/kg -> 159 N: 1.871 Nm/kg; +0.071 (+3.9%),
    # inside the 10% strength threshold.
    assert ("Hip-abduction torque (left) 1.80 Nm/kg 1.87 Nm/kg +0.07 Nm/kg (+3.9%) 10% relative "
            "(measurement error) No") in text
    assert "Progress over visits" in text
    assert "Hip-abduction torque (Nm/kg)" in text and "Pain, NPRS (0 to 10)" in text
    assert "4 Jun 26" in text and "16 Jul 26" in text and "2 Oct 26" in text
    # The same protocol at every visit: one unbroken line, so no break caption.
    assert "within measurement error (±10%)" in text
    assert "test protocol changed" not in text


def test_first_visit_has_no_trend_charts(render: Render) -> None:
    assert "Progress over visits" not in all_text(render(make_data()))
    client = Client("Ana", "Nguyễn", date(1971, 3, 14), "female")
    one_visit = visits_data(client, [design_assessment()])
    assert one_visit.trends is not None and len(one_visit.trends.visits) == 1
    assert "Progress over visits" not in all_text(render(one_visit))


def test_referral_without_referrer_or_program(render: Render) -> None:
    data = make_data(program=())
    data = type(data)(**{**data.__dict__, "assessment": data.assessment.__class__(
        **{**data.assessment.__dict__, "referrer": None})})  # fmt: skip
    text = all_text(render(data))
    assert "Dear colleague," in text
    assert "No home exercise program was prescribed at this visit." in text
    assert "Your home exercise program" not in text


def test_typical_report_time(render: Render) -> None:
    """Findings, two charts and six illustrated exercises; printed, not asserted."""
    client = Client("Ana", "Nguyễn", date(1971, 3, 14), "female")
    data = visits_data(client, [_visit(date(2026, 6, 4), 7, (150.0, 153.0, 151.0)), design_assessment()])
    render(data)
    start = time.perf_counter()
    pdf = render(data)
    elapsed = time.perf_counter() - start
    print(f"\ntypical report: {elapsed * 1000:.0f} ms, {len(pdf) // 1024} KiB, "
          f"{len(pages_text(pdf))} pages")  # fmt: skip
    assert re.search(rb"%PDF-1\.\d", pdf[:10])
