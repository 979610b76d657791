"""The client's wording: plain words, no test names or abbreviations. Falls back to the clinician's."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

P = Mapping[str, Any]

WORDS: dict[str, Callable[[P], str]] = {}
