"""Number formats shared by every audience's wording."""

from __future__ import annotations


def pct(value: float) -> str:
    """One decimal, as the results carry it (79.1, 22.5), without a trailing ".0"; the
    band beside it is decided on this same value, so 89.6 never reads as "90%, mild"."""
    return f"{value:.1f}".removesuffix(".0")


def sides_phrase(sides: tuple[str, ...]) -> str:
    return "left and right sides" if len(sides) == 2 else f"{sides[0]} side"
