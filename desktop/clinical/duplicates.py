"""When two client records are probably the same person (pure rules, no storage).

A second record splits a client's history, so the window offers to open the
existing one instead. The same file number always counts; otherwise the birth
date must match and the names must match after folding case, accents and
punctuation, or differ by one slip of the keyboard, or have given and family
names swapped.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

SAME_FILE_NUMBER = "same_file_number"
SAME_NAME_AND_BIRTH = "same_name_and_birth"
SIMILAR_NAME_AND_BIRTH = "similar_name_and_birth"

# At most this many single-character edits between folded full names count as "similar".
MAX_NAME_EDITS = 2


def fold_name(text: str) -> str:
    """Lower case, accents and punctuation removed, spaces single: "O'Brien-Smith" -> "o brien smith"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", letters).split())


def edit_distance(a: str, b: str, limit: int = MAX_NAME_EDITS) -> int:
    """Levenshtein distance, stopping early once it exceeds ``limit`` (returns limit + 1)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def duplicate_reason(given: str, family: str, born: date, file_number: str | None,
                     other_given: str, other_family: str, other_born: date,
                     other_file_number: str | None) -> str | None:
    """Why the two records are probably one person, or None."""
    if file_number and other_file_number and fold_name(file_number) == fold_name(other_file_number):
        return SAME_FILE_NUMBER
    if born != other_born:
        return None
    name = fold_name(f"{given} {family}")
    other = fold_name(f"{other_given} {other_family}")
    if name == other:
        return SAME_NAME_AND_BIRTH
    swapped = fold_name(f"{other_family} {other_given}")
    if name == swapped or edit_distance(name.replace(" ", ""), other.replace(" ", "")) <= MAX_NAME_EDITS:
        return SIMILAR_NAME_AND_BIRTH
    return None
