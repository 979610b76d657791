"""Pure checks behind the forms: duplicates, email and phone shape, unlikely ages, partial ODI."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.clinical.duplicates import (
    SAME_FILE_NUMBER,
    SAME_NAME_AND_BIRTH,
    SIMILAR_NAME_AND_BIRTH,
    duplicate_reason,
    edit_distance,
    fold_name,
)
from desktop.clinical.outcomes import odi_valid_sections, score_odi
from desktop.clinical.validation import age_question, email_problem, phone_problem

BORN = date(1980, 5, 1)


@pytest.mark.parametrize(("given", "family", "born", "file_no", "expected"), [
    ("Sam", "O'Brien-Smith", BORN, None, SAME_NAME_AND_BIRTH),
    ("sam", "o brien smith", BORN, None, SAME_NAME_AND_BIRTH),       # case and punctuation folded
    ("Sam", "OBrien Smith", BORN, None, SIMILAR_NAME_AND_BIRTH),     # one letter fewer
    ("Sma", "O'Brien-Smith", BORN, None, SIMILAR_NAME_AND_BIRTH),    # two letters swapped = 2 edits
    ("O'Brien-Smith", "Sam", BORN, None, SIMILAR_NAME_AND_BIRTH),    # given and family swapped
    ("Sam", "O'Brien-Smith", date(1980, 5, 2), None, None),          # another birth date
    ("Samantha", "Brown", BORN, None, None),                         # another person, same birthday
    ("Bea", "Quinn", date(1990, 2, 2), "f-204", SAME_FILE_NUMBER),   # file number decides alone
])
def test_duplicate_reason(given: str, family: str, born: date, file_no: str | None, expected: str | None) -> None:
    assert duplicate_reason(given, family, born, file_no, "Sam", "O'Brien-Smith", BORN, "F-204") == expected


def test_folding_and_edit_distance_by_hand() -> None:
    assert fold_name("  Zoë  O'Neil-Ngô ") == "zoe o neil ngo"
    assert edit_distance("kitten", "sitting", limit=5) == 3  # k->s, e->i, +g
    assert edit_distance("abc", "abcdef") == 3  # past the limit of 2: reported as limit + 1


@pytest.mark.parametrize(("text", "ok"), [
    ("", True), ("ana@example.org", True), ("a.b+c@mail.example.co.uk", True),
    ("bob@", False), ("bob", False), ("bob@example", False), ("a b@example.org", False), ("@example.org", False),
])
def test_email_shape(text: str, ok: bool) -> None:
    assert (email_problem(text) is None) is ok


@pytest.mark.parametrize(("text", "ok"), [
    ("", True), ("0400 123 456", True), ("+61 (3) 9555-0134", True), ("030.1234.5678", True),
    ("abc", False), ("12345", False), ("0400 123 456 ext 2", False), ("+1234567890123456", False),
])
def test_phone_shape(text: str, ok: bool) -> None:
    assert (phone_problem(text) is None) is ok


def test_unlikely_ages_are_questioned_plausible_ones_not() -> None:
    today = date(2026, 12, 2)
    assert age_question(date(2026, 12, 2), today=today) == (
        "This date of birth makes the client less than a year old. Is it right?")
    assert age_question(date(2022, 12, 3), today=today) == (
        "This date of birth makes the client 3 years old. Is it right?")
    assert age_question(date(2021, 12, 2), today=today) is None   # 5: youngest plausible
    assert age_question(date(1921, 12, 2), today=today) is None   # 105: oldest plausible
    assert "106 years" in (age_question(date(1920, 12, 2), today=today) or "")
    assert age_question(date(2027, 1, 1), today=today) is None    # the future is refused elsewhere


def test_partial_odi_scores_the_valid_sections_and_names_the_bad_one() -> None:
    kept, left_out = odi_valid_sections([2, 1, 3, 7, 2, 1, 0, 2, 2, "x"])
    assert kept == (2, 1, 3, None, 2, 1, 0, 2, 2, None) and left_out == (4, 10)
    # 2+1+3+2+1+0+2+2 = 13 of 8 x 5 = 40 -> 32.5%, moderate, complete (8 sections).
    score = score_odi(kept)
    assert (score.pct, score.band, score.sections_answered, score.complete) == (32.5, "moderate", 8, True)
    assert odi_valid_sections([None] * 10) == ((None,) * 10, ())
    assert odi_valid_sections([True, 2.5, -1, 5.0, None, 0, 0, 0, 0, 0])[1] == (1, 2, 3)
