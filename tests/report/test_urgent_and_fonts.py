"""Urgent-referral letter, and the character-coverage check the window uses before export."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_examples import all_text, cards, design_results, make_data, pages_text

from desktop.clinical.messages import msg
from desktop.clinical.result_types import AssessmentResults
from desktop.clinical.screening import RED_FLAGS_BY_CODE
from desktop.clinical.screening_summary import FlagItem, ScreeningResult
from desktop.report import fonts

Render = Callable[..., bytes]


def _urgent_results() -> AssessmentResults:
    codes = ("ces_bladder", "ces_saddle_anaesthesia", "night_pain")
    flags = tuple(FlagItem(c, RED_FLAGS_BY_CODE[c].label, RED_FLAGS_BY_CODE[c].domain,
                           RED_FLAGS_BY_CODE[c].cauda_equina) for c in codes)
    screening = ScreeningResult(True, True, True, False, flags, msg("screening.urgent"))
    return replace(design_results(), red_flag_block=True, program=None, screening=screening)


def test_urgent_letter_lists_flags_and_requests_same_day_review(render: Render) -> None:
    # Cards are passed in on purpose: the urgent letter must ignore them.
    pdf = render(make_data("Анна", "Иванова", results=_urgent_results(), program=cards()))
    text = all_text(pdf)
    assert "URGENT" in text
    assert "same-day emergency assessment" in text
    assert "To the emergency department team" in text
    assert "emergency department" in text
    assert RED_FLAGS_BY_CODE["ces_bladder"].label in text
    assert RED_FLAGS_BY_CODE["ces_saddle_anaesthesia"].label in text
    assert "Other red flags recorded: • " + RED_FLAGS_BY_CODE["night_pain"].label in text
    assert "Анна Иванова" in text
    for card in cards():
        assert card.name not in text
    for absent in ("exercise program of", "Dose:", "Your home exercise program", "158.0 N"):
        assert absent not in text
    assert "No exercise program has been given" in text
    assert len(pages_text(pdf)) == 1


def test_urgent_metadata(render: Render) -> None:
    import io

    from pypdf import PdfReader

    meta = PdfReader(io.BytesIO(render(make_data(results=_urgent_results())))).metadata
    assert meta.title.startswith("Urgent medical referral: Ana Nguyễn")
    assert meta.subject == "Urgent medical review requested"


@pytest.mark.parametrize(
    "name",
    ["Nguyễn Thị Ánh", "Zoë Ñúñez", "Ελένη", "Анна", "Łukasz Żółć", "O'Brien ≥ 90 %", "Zoe\u0308"],
)
def test_shipped_font_covers_european_and_vietnamese_names(name: str) -> None:
    assert fonts.missing_glyphs(name) == []


def test_cjk_is_reported_when_no_fallback_font_exists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_fallback_font", lambda: None)
    assert fonts.missing_glyphs("王芳") == ["王", "芳"]
    assert fonts.check_text_coverage(["Ana 王芳", None, "芳 Zoë", "\t\n"]) == ["王", "芳"]


def test_cjk_is_covered_when_a_fallback_font_exists() -> None:
    if not fonts.find_fallback_font_files():
        pytest.skip("no CJK fallback font on this machine")
    assert fonts.check_text_coverage(["王芳"]) == []


def test_fallback_search_prefers_droid_then_wenquanyi(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "deep").mkdir(parents=True)
    for path in (tmp_path / "a" / "wqy-microhei.ttc", tmp_path / "b" / "deep" / "DroidSansFallbackFull.ttf",
                 tmp_path / "a" / "Unrelated.ttf"):  # fmt: skip
        path.write_bytes(b"")
    found = fonts.find_fallback_font_files([tmp_path])
    assert [p.name for p in found] == ["DroidSansFallbackFull.ttf", "wqy-microhei.ttc"]


def test_a_broken_fallback_candidate_is_skipped(tmp_path: Path) -> None:
    broken = tmp_path / "DroidSansFallbackFull.ttf"
    broken.write_bytes(b"not a font")
    assert fonts._load_ttf("BrokenFallback", broken) is None


def test_any_unicode_name_renders_and_covered_names_round_trip() -> None:
    """Fuzzed names never break the layout (markup characters are escaped)."""
    from desktop.report.renderer import render_report

    name_text = st.text(
        alphabet=st.characters(
            codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="<>&'\""
        ),
        min_size=1,
        max_size=24,
    ).filter(lambda s: s.strip())

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(given_name=name_text)
    def check(given_name: str) -> None:
        data = make_data(given_name, "Test", program=())
        pdf = render_report(data)
        first = pages_text(pdf)[0]
        shown = " ".join(data.client.display_name.split())
        printable = all(
            unicodedata.category(ch)[0] in "LNPS" and not fonts.missing_glyphs(ch)
            for ch in unicodedata.normalize("NFC", shown)
            if not ch.isspace()
        )
        if printable and unicodedata.normalize("NFC", shown) == shown and shown.isprintable():
            assert shown in first or unicodedata.normalize("NFKC", shown) in first

    check()


def test_the_glyph_map_is_reportlab_s_within_the_basic_plane_and_utf16_beyond_it() -> None:
    from reportlab.pdfbase.ttfonts import makeToUnicodeCMap

    from desktop.report.fonts import to_unicode_cmap

    basic = [32, 65, 0xE9, 0x1EBF, 0x4E2D, 0xFFFD]
    assert to_unicode_cmap("F1", basic) == makeToUnicodeCMap("F1", basic)  # letters unchanged byte for byte
    lines = to_unicode_cmap("F1", [0x1F600, 0x2000B, 65]).splitlines()
    assert "<00> <D83DDE00>" in lines and "<01> <D840DC0B>" in lines and "<02> <0041>" in lines


def test_a_name_beyond_the_basic_plane_can_be_read_back_from_the_letter() -> None:
    """A character beyond U+FFFF (an emoji, a rare CJK character) that a font on this computer can
    draw is in the letter's text, so the name can be searched for and copied."""
    from desktop.report.renderer import render_report

    drawable = [ch for ch in ("😀", "𠀋", "𝒜") if not fonts.missing_glyphs(ch)]
    assert drawable, "no font here draws any character beyond U+FFFF"
    for ch in drawable:
        first = pages_text(render_report(make_data(f"A{ch}", "Test", program=())))[0]
        assert f"A{ch} Test" in first, ch
