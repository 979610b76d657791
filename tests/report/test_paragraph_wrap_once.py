"""desktop.report.paragraphs.Para: markup parsed once, lines broken once per width, the letter
unchanged byte for byte."""

from __future__ import annotations

from typing import Any

import pytest
from report_examples import design_assessment, make_data, visits_data
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph

from desktop.report import paragraphs
from desktop.report.paragraphs import Para

TEXT = "Weak right hip abductors; the pelvis drops on the left when standing on the right leg. " * 6


def test_a_repeated_width_is_not_broken_again_and_every_width_gives_paragraph_s_answer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    style = getSampleStyleSheet()["BodyText"]
    para, plain = Para(TEXT, style), Paragraph(TEXT, style)
    broken: list[float] = []
    original = Paragraph.breakLines

    def counting(self: Any, widths: Any) -> Any:
        broken.append(widths[0])
        return original(self, widths)

    monkeypatch.setattr(Paragraph, "breakLines", counting)
    for width in (300.0, 300.0, 120.0, 300.0, 120.0, 480.0):
        assert para.wrap(width, 800.0) == plain.wrap(width, 800.0)
        assert [line for line in para.blPara.lines] == [line for line in plain.blPara.lines]
    assert len(broken) == 3 + 6  # Para: once for each of three widths; Paragraph: every time
    halves = para.split(300.0, para.wrap(300.0, 800.0)[1] / 2)
    assert len(halves) == 2 and all(isinstance(half, Para) for half in halves)


def _three_visits() -> Any:
    from dataclasses import replace
    from datetime import date

    from desktop.clinical.model import Client

    first = design_assessment()
    visits = [first, replace(first, performed_on=date(2026, 10, 2), pain_nprs=4),
              replace(first, performed_on=date(2026, 11, 13), pain_nprs=2)]
    return visits_data(Client("Ana", "Nguyễn", date(1971, 3, 14), "female", external_id="HP-20417"), visits)


def test_markup_is_parsed_once_per_style_and_a_different_style_gets_its_own_parse(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus.paraparser import ParaParser

    parsed: list[str] = []
    original = ParaParser.parse

    def counting(self: Any, text: str, style: Any) -> Any:
        parsed.append(text)
        return original(self, text, style)

    monkeypatch.setattr(ParaParser, "parse", counting)
    markup = "Stand on the <b>right</b> leg for 30 s; rest 60 s. (parsed once)"
    body, bold = ParagraphStyle("Body", fontSize=9), ParagraphStyle("Body", fontSize=9, fontName="Helvetica-Bold")
    again = ParagraphStyle("Body", fontSize=9)  # another letter's stylesheet: the same attributes
    first, second, third = Para(markup, body), Para(markup, again), Para(markup, bold)
    assert parsed == [markup, markup]  # the same style's attributes share a parse; the bold style does not
    assert first.frags is second.frags
    assert [f.fontName for f in third.frags] == ["Helvetica-Bold"] * 3  # its own parse, in its own font
    for para, style in ((first, body), (second, again), (third, bold)):
        plain = Paragraph(markup, style)
        assert para.style is style and para.text == plain.text and para.bulletText == plain.bulletText
        assert para.wrap(200.0, 800.0) == plain.wrap(200.0, 800.0)
        assert repr(para.blPara.lines) == repr(plain.blPara.lines)  # fragments compare by identity
    restyled = "<para leftIndent=12>Keeps its own style (restyled)</para>"
    Para(restyled, body), Para(restyled, body)
    assert parsed.count(restyled) == 2  # markup that makes its own style is parsed every time


@pytest.mark.parametrize("build", [make_data, _three_visits], ids=["one visit", "three visits, charts"])
def test_the_letter_is_the_same_byte_for_byte(build: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.report.renderer import render_report

    data = build()
    with_once = render_report(data, invariant=True)
    from_parsed = render_report(data, invariant=True)  # every paragraph's markup parsed already
    monkeypatch.setattr(paragraphs, "Para", Paragraph)
    assert render_report(data, invariant=True) == with_once == from_parsed
