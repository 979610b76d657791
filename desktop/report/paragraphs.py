"""A reportlab paragraph that breaks its lines once per width.

A table asks each cell's paragraph for its height several times at the same
width (column widths, row heights, again when the table splits over a page),
and reportlab's ``Paragraph.wrap`` breaks the lines anew every time: in a
referral letter two wraps in three repeat one already done, most of the
letter's wrapping time. ``Para`` keeps the state a wrap leaves, per width, and
puts it back when the same width is asked again; the output is the same page
for page (a test compares the rendered letters). Imported where reportlab is.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Paragraph


class Para(Paragraph):  # type: ignore[misc]  # reportlab ships no type information
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
