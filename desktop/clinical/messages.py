"""Clinical messages as codes with parameters.

The engine decides *what* to say; ``desktop.clinical.wording`` decides *how*,
per audience (clinician, doctor, client). Keeping the two apart lets a letter,
the window and a translation word one finding differently without the rule
being coded twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Message:
    """One sentence's worth of meaning: a stable code and the numbers or names it needs."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


def msg(code: str, **params: Any) -> Message:
    return Message(code, dict(params))


# A paragraph is a run of sentences printed together.
Paragraph = tuple[Message, ...]
