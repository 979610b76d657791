"""A reportlab paragraph that parses its markup once per process and breaks its lines once per width.

A table asks each cell's paragraph for its height several times at the same
width (column widths, row heights, again when the table splits over a page),
and reportlab's ``Paragraph.wrap`` breaks the lines anew every time: in a
referral letter two wraps in three repeat one already done, most of the
letter's wrapping time. ``Para`` keeps the state a wrap leaves, per width, and
puts it back when the same width is asked again.

Every letter also parses the same markup again (headings, table heads, the
program's steps and cues: about 260 paragraphs a letter, a tenth of its time).
``Para`` keeps the parser's answer for a markup in a given style (the style's
every attribute, not its identity: each letter builds its own stylesheet) and
starts later paragraphs from it. reportlab reads those fragments and never
changes them, except to mark each with its kind, which is the same mark every
time. The output is the same page for page (a test compares the rendered
letters byte for byte). Imported where reportlab is.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

from reportlab.platypus import Paragraph

# Parsed markup kept for later paragraphs; emptied when full (a letter uses about 260).
_PARSED_AT_MOST = 4096
_parsed: dict[tuple[Any, ...], tuple[str, list[Any], Any]] = {}
# A style's attributes, worked out once per style object, for as long as it lives.
_attributes: weakref.WeakKeyDictionary[Any, tuple[Any, ...] | None] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _style_attributes(style: Any) -> tuple[Any, ...] | None:
    """Every attribute of ``style`` but its parent, hashable; None when one cannot be hashed."""
    if style in _attributes:
        return _attributes[style]
    items: tuple[Any, ...] | None = tuple(sorted(
        (name, value) for name, value in vars(style).items() if name != "parent"))
    try:
        hash(items)
    except TypeError:
        items = None
    with _lock:
        _attributes[style] = items
    return items


class Para(Paragraph):  # type: ignore[misc]  # reportlab ships no type information
    text: Any
    frags: Any
    bulletText: Any  # noqa: N815 - reportlab's name
    style: Any
    debug: int

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:  # noqa: N803
        if frags is not None or not isinstance(text, str) or not isinstance(bulletText, str | None):
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        attributes = _style_attributes(style)
        key = (text, bulletText, self.caseSensitive, attributes)
        found = _parsed.get(key) if attributes is not None else None
        if found is None:
            super()._setup(text, style, bulletText, frags, cleaner)
            if attributes is not None and self.style is style:  # markup that restyles itself is parsed each time
                with _lock:
                    if len(_parsed) >= _PARSED_AT_MOST:
                        _parsed.clear()
                    _parsed[key] = (self.text, self.frags, self.bulletText)
            return
        # The parse's own results: the cleaned text, the fragments and the bullet (markup or text).
        self.text, self.frags, self.bulletText = found
        self.style = style
        self.debug = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        # Keyed by the object as well: a shallow copy of a paragraph shares this dict, not its state.
        done: dict[tuple[int, float], tuple[tuple[float, float], dict[str, Any]]] = \
            self.__dict__.setdefault("_wrapped_at", {})
        key = (id(self), availWidth)
        found = done.get(key)
        if found is not None:
            self.__dict__.update(found[1])
            return found[0]
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        done[key] = (size, {name: value for name, value in self.__dict__.items() if name != "_wrapped_at"})
        return size
