"""Typed values from the text a clinician entered, each problem kept with its JSON path.

No Qt: the assessment form (``state``) parses through this and is tested as plain Python.
"""

from __future__ import annotations

import math
from datetime import date, time
from typing import Any

from desktop.clinical import model as m
from desktop.clinical.validation import Problem


class FormParser:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def number(self, path: str, text: Any) -> float | None:
        if text is None or (isinstance(text, str) and not text.strip()):
            return None
        if isinstance(text, int | float) and not isinstance(text, bool):
            return float(text)
        try:
            value = float(str(text).strip().replace(",", "."))
        except ValueError:
            self.problems.append(Problem(path, "must be a number"))
            return None
        if not math.isfinite(value):
            self.problems.append(Problem(path, "must be a finite number"))
            return None
        return value

    def integer(self, path: str, text: Any) -> int | None:
        value = self.number(path, text)
        if value is None:
            return None
        if value != int(value):
            self.problems.append(Problem(path, "must be a whole number"))
            return None
        return int(value)

    def day(self, path: str, text: Any) -> date | None:
        if not text:
            return None
        try:
            return date.fromisoformat(str(text))
        except ValueError:
            self.problems.append(Problem(path, "must be a date (YYYY-MM-DD)"))
            return None

    def clock(self, path: str, text: Any) -> time | None:
        text = str(text or "").strip()
        try:
            return time.fromisoformat(text) if text else None
        except ValueError:
            self.problems.append(Problem(path, "must be a time of day (HH:MM, 24 h)"))
            return None

    def exclusion(self, base: str, raw: dict[str, Any], rows: list[int]) -> m.TrialExclusion | None:
        """The trial row the clinician left out, numbered among the trials kept (blank rows skipped)."""
        chosen = self.integer(f"{base}.excluded_trial.trial_no", raw.get("exclude_trial"))
        if chosen is None:
            return None
        if chosen - 1 not in rows:
            self.problems.append(Problem(f"{base}.excluded_trial.trial_no", f"trial {chosen} is empty"))
            return None
        return m.TrialExclusion(rows.index(chosen - 1) + 1, str(raw.get("exclude_reason") or "").strip())
