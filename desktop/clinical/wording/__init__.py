"""Words for clinical message codes, one module per audience.

``words(message, audience)`` is the single place a code becomes text. The
doctor's and the client's wording override the clinician's where they need
different words and fall back to it otherwise; a translation would add one
more table per language here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

from desktop.clinical.messages import Message, Paragraph
from desktop.clinical.wording import client, clinician, doctor

Audience = Literal["clinician", "doctor", "client"]
Wording = Callable[[Mapping[str, Any]], str]

_TABLES: dict[str, tuple[Mapping[str, Wording], ...]] = {
    "clinician": (clinician.WORDS,),
    "doctor": (doctor.WORDS, clinician.WORDS),
    "client": (client.WORDS, clinician.WORDS),
}


def words(message: Message, audience: Audience = "clinician") -> str:
    """The text of one message for one audience."""
    for table in _TABLES[audience]:
        wording = table.get(message.code)
        if wording is not None:
            return wording(message.params)
    raise KeyError(f"no wording for message code {message.code!r}")


def paragraph(messages: Paragraph | Iterable[Message], audience: Audience = "clinician") -> str:
    """Sentences of one paragraph, joined by a space."""
    return " ".join(text for text in (words(m, audience) for m in messages) if text)


def paragraphs(blocks: Iterable[Paragraph], audience: Audience = "clinician") -> list[str]:
    return [paragraph(block, audience) for block in blocks]
