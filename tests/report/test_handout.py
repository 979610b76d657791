"""The client handout: the program only, plain words, pictures, a log, and the reading level."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import textstat

from desktop.cli import main
from desktop.clinical.pain_rule import exercise_pain_limit
from desktop.content import load_library
from desktop.paths import resolve_paths, resource
from desktop.report import fonts
from desktop.report import handout_words as words
from desktop.report.handout import handout_sentences, render_handout
from desktop.report.samples import SAMPLE_SETTINGS
from desktop.services.database import open_repository
from desktop.services.demo import add_demo_clients
from desktop.services.handout import build_handout_data, export_handout
from desktop.services.reports import ReportNotAllowedError

TODAY = date(2026, 12, 2)
READING_GRADE_MAX = 8.0  # Flesch-Kincaid grade 8: about age 12-13
# Words that belong to the referral letter and never to the client's handout.
LETTER_WORDS = ("Dear", "Trendelenburg", "LSI", "Nm/kg", "symmetry", "Oswestry", "ODI", "referral",
                "Referral", "Harbour General", "Dr ", "finding", "Yours sincerely", "dynamometer", "MVIC")


def pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, list[tuple[int, list[int]]]]:
    folder = tmp_path_factory.mktemp("handout-data")
    repo = open_repository(resolve_paths(folder), None)
    repo.save_settings(SAMPLE_SETTINGS)
    added = add_demo_clients(repo, today=TODAY)
    return repo, added


@pytest.fixture(scope="module")
def rendered(demo) -> dict[int, tuple[object, bytes]]:  # type: ignore[no-untyped-def]
    """Each demo handout rendered once: assessment id -> (data, PDF bytes)."""
    repo, _ = demo
    out = {}
    for aid in handout_ids(demo):
        data = build_handout_data(repo, aid, today=TODAY)
        out[aid] = (data, render_handout(data, invariant=True))
    return out


def handout_ids(demo: tuple[object, list[tuple[int, list[int]]]]) -> list[int]:
    repo, added = demo
    ids = []
    for _client, assessments in added:
        for aid in assessments:
            _cid, assessment = repo.get_assessment(aid)  # type: ignore[attr-defined]
            if not assessment.red_flags or "ces" not in " ".join(assessment.red_flags):
                ids.append(aid)
    return ids


# ---------------------------------------------------------------- the pain rule

@pytest.mark.parametrize(("usual", "limit"), [(0, 2), (2, 4), (6, 8), (7, 9), (8, 8), (10, 10), (None, None)])
def test_pain_limit_is_usual_pain_plus_two_points_below_the_top_of_the_scale(usual: int | None,
                                                                             limit: int | None) -> None:
    # Hand-worked: usual 6 + 2 (NPRS MCID) = 8; usual 8 + 2 = 10 reaches the top, so no rise is allowed.
    assert exercise_pain_limit(usual) == limit


def test_the_pain_rule_names_the_clients_usual_pain_and_the_limit() -> None:
    rule = " ".join(words.pain_rule(6))
    assert "about 6 out of 10" in rule and "8 out of 10 at most" in rule and "next morning" in rule
    assert "any worse" in " ".join(words.pain_rule(9))
    assert "out of 10" not in " ".join(words.pain_rule(None)).replace("from 0 to 10", "")


def test_dose_words_for_reps_holds_and_rolling() -> None:
    assert words.dose_lines(sets=3, reps=12, hold_s=None, rest_s=60, days_per_week=3, strengthening=True) == (
        "Do it 12 times in a row. That is one set.",
        "Do 3 sets. Rest for 1 minute between sets.",
        "Do it on 3 days a week, with a day off in between.",
    )
    assert words.dose_lines(sets=2, reps=None, hold_s=60, rest_s=30, days_per_week=7, strengthening=False,
                            timed=words.timed_word(["foam roller"])) == (
        "Roll for 1 minute.", "Do this twice. Rest for 30 seconds in between.", "Do it every day.")
    assert words.dose_lines(sets=1, reps=None, hold_s=30, rest_s=None, days_per_week=None,
                            strengthening=False) == ("Hold for 30 seconds.",)


def test_log_runs_in_whole_weeks_from_the_day_after_the_visit_to_the_review() -> None:
    # 10 Sep to 21 Oct is 41 days: 6 weeks, the last ending on the review day.
    weeks = words.log_weeks(date(2026, 9, 9), date(2026, 10, 21))
    assert len(weeks) == 6
    assert weeks[0].days[0] == date(2026, 9, 10) and weeks[-1].days[-1] == date(2026, 10, 21)
    assert len(words.log_weeks(date(2026, 9, 9), None)) == words.DEFAULT_LOG_WEEKS
    assert len(words.log_weeks(date(2026, 9, 9), date(2027, 9, 9))) == words.MAX_LOG_WEEKS


# ---------------------------------------------------------------- the PDF

def test_handout_names_every_exercise_and_carries_no_letter_content(demo, rendered) -> None:  # type: ignore[no-untyped-def]
    repo, _ = demo
    for aid, (data, pdf) in rendered.items():
        text = pdf_text(pdf)
        flat = " ".join(text.split())
        for item in data.exercises:
            assert item.card.name in flat, (aid, item.card.name)
        for word in LETTER_WORDS:
            assert word not in flat, (aid, word)
        # A CJK name needs a system fallback font; without one the window warns before export.
        if not fonts.check_text_coverage([data.client.family_name]):
            assert data.client.family_name in flat
        assert words.PAIN_RULE_TITLE in flat and words.FLARE_TITLE in flat and words.LOG_TITLE in flat
        assert SAMPLE_SETTINGS.phone in flat
        results = repo_results(repo, aid)
        assert [i.card.exercise_id for i in data.exercises] == [e["id"] for e in results["program"]["exercises"]]


def repo_results(repo, aid):  # type: ignore[no-untyped-def]
    from desktop.services.assessments import AssessmentService

    return AssessmentService(repo).results(aid).to_json()


def test_reading_level_of_every_demo_handout_is_grade_8_or_lower(rendered) -> None:  # type: ignore[no-untyped-def]
    grades = []
    for data, pdf in rendered.values():
        grades.append(textstat.flesch_kincaid_grade(" ".join(handout_sentences(data))))
        printed = " ".join(pdf_text(pdf).split())
        grades.append(textstat.flesch_kincaid_grade(printed))
    assert grades and max(grades) <= READING_GRADE_MAX, grades


def test_reading_level_of_the_whole_exercise_library_is_grade_8_or_lower() -> None:
    """Any exercise may be prescribed, so the library's client text is measured as one."""
    sentences: list[str] = []
    for exercise in load_library():
        assert exercise.feel, f"{exercise.id} has no 'feel' text for the handout"
        sentences += [*exercise.steps, *exercise.cues, exercise.feel]
    fixed = [*words.pain_rule(6), *words.pain_rule(None), *words.flare_steps("1"), *words.URGENT_SIGNS,
             words.LOG_HELP, words.video_caption()]
    assert textstat.flesch_kincaid_grade(" ".join(sentences)) <= READING_GRADE_MAX
    assert textstat.flesch_kincaid_grade(" ".join(fixed)) <= READING_GRADE_MAX


def test_large_print_sets_body_text_at_16_points_and_one_exercise_per_page(demo) -> None:  # type: ignore[no-untyped-def]
    import pdfplumber

    repo, _ = demo
    aid = handout_ids(demo)[0]
    data = build_handout_data(repo, aid, today=TODAY, large_print=True)
    pdf = render_handout(data, invariant=True)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        sizes = [round(ch["size"]) for page in document.pages for ch in page.chars]
        texts = [" ".join((page.extract_text() or "").split()) for page in document.pages]
    body = max(set(sizes), key=sizes.count)
    assert body >= 16
    exercise_pages = [t for t in texts if "How to do it" in t]
    assert len(exercise_pages) == len(data.exercises)
    for position, (item, page) in enumerate(zip(data.exercises, exercise_pages, strict=True), start=1):
        assert f"{position}. {item.card.name}" in page and page.count("How to do it") == 1
    normal = render_handout(build_handout_data(repo, aid, today=TODAY), invariant=True)
    with pdfplumber.open(io.BytesIO(normal)) as document:
        sizes = [round(ch["size"]) for page in document.pages for ch in page.chars]
    assert max(set(sizes), key=sizes.count) == 12


def test_video_link_prints_a_qr_code_only_where_set(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo, _ = demo
    aid = handout_ids(demo)[0]
    plain = build_handout_data(repo, aid, today=TODAY)
    target = plain.exercises[-1].card.exercise_id
    folder = tmp_path / "exercises"
    shutil.copytree(resource("exercises"), folder)
    path = folder / f"{target}.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["video_url"] = "https://clinic.example/v/1"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with_video = build_handout_data(repo, aid, today=TODAY, library=load_library(folder))
    assert [i.video_url for i in with_video.exercises].count("https://clinic.example/v/1") == 1
    caption = words.video_caption()
    assert caption not in " ".join(pdf_text(render_handout(plain, invariant=True)).split())
    assert caption in " ".join(pdf_text(render_handout(with_video, invariant=True)).split())


def test_qr_code_draws_the_segno_matrix_with_its_quiet_zone(demo) -> None:  # type: ignore[no-untyped-def]
    import segno

    from desktop.report.handout import HandoutRenderer

    repo, _ = demo
    renderer = HandoutRenderer(build_handout_data(repo, handout_ids(demo)[0], today=TODAY))
    url = "https://clinic.example/v/1"
    drawing = renderer.qr_code(url, 100.0)
    matrix = segno.make(url, error="m", micro=False).matrix
    unit = 100.0 / (len(matrix) + 8)
    dark = set()
    for rect in drawing.contents[1:]:
        row = round((100.0 - rect.y) / unit) - 1 - 4
        for col in range(round(rect.x / unit) - 4, round((rect.x + rect.width) / unit) - 4):
            dark.add((row, col))
    expected = {(r, c) for r, line in enumerate(matrix) for c, v in enumerate(line) if v}
    assert dark == expected


def test_unicode_names_print_with_embedded_fonts(demo, rendered, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) not installed")
    repo, _ = demo
    aid = next(iter(rendered))
    out = export_handout(repo, aid, tmp_path / "written.pdf", today=TODAY, invariant=True)
    assert out.read_bytes() == rendered[aid][1]
    for aid, (data, pdf) in rendered.items():
        (tmp_path / f"h{aid}.pdf").write_bytes(pdf)
        listing = subprocess.run(["pdffonts", str(tmp_path / f"h{aid}.pdf")], capture_output=True, text=True,
                                 check=True).stdout
        rows = listing.splitlines()[2:]
        assert rows and all(" yes " in f" {row} " for row in rows), listing
        assert data.client.family_name in " ".join(pdf_text(pdf).split())


def test_no_handout_when_the_program_is_blocked_or_flags_await_review(demo) -> None:  # type: ignore[no-untyped-def]
    repo, added = demo
    blocked = [aid for _c, aids in added for aid in aids if aid not in handout_ids(demo)]
    assert blocked, "the demo has a cauda-equina client"
    with pytest.raises(ReportNotAllowedError, match="no exercise program"):
        build_handout_data(repo, blocked[0], today=TODAY)


def test_cli_handout_writes_the_pdf_and_refuses_clearly(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    capsys.readouterr()
    out = data_dir / "handout.pdf"
    assert main(["--data-dir", str(data_dir), "handout", "1", "--out", str(out), "--large-print"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["--data-dir", str(data_dir), "handout", "999", "--out", str(data_dir / "x.pdf")]) == 2
    assert "999" in capsys.readouterr().err
    assert not (data_dir / "x.pdf").exists()
