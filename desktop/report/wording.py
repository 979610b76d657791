"""How numbers, dates and categories read in the referral letter.

Formatting only: every value arrives computed and rounded by the clinical
engine (desktop.clinical.results). Fixed advice paragraphs carry their
clinical-reference.md section beside them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date
from xml.sax.saxutils import escape as _xml_escape

from desktop.clinical.strength import asymmetry_band_range

DASH = "—"
MINUS = "\u2212"
TIMES = "\u00d7"

SIDE_LABELS = {"left": "Left", "right": "Right", "both": "Both sides"}
POSITION_LABELS = {"side_lying": "side-lying", "supine": "supine", "standing": "standing"}
CONTRACTION_LABELS = {"make": "make test", "break": "break test"}
FIXATION_LABELS = {"belt": "belt", "wall": "wall", "examiner": "examiner-held"}
BAND_LABELS = {
    band: f"{name} (LSI {asymmetry_band_range(band)})"
    for band, name in (("symmetric", "symmetric"), ("mild", "mild asymmetry"), ("marked", "marked asymmetry"))
}
DIRECTION_LABELS = {
    "improved": "Yes, improved",
    "worse": "Yes, worse",
    "no real change": "No",
    "not comparable": "Not comparable",
}
LEAN_LABELS = {"none": "none", "mild": "mild trunk lean", "marked": "marked trunk lean"}
ODI_BAND_LABELS = {
    "minimal": "minimal",
    "moderate": "moderate",
    "severe": "severe",
    "very_severe": "very severe",
    "extreme": "extreme",
}

def safety_advice(advance_max_nprs: int, regress_above_nprs: int) -> tuple[str, ...]:
    """Client safety lines; the pain levels come from the programme rules (clinical-reference §7.5)."""
    return (
        f"Stop the exercise if pain rises above {advance_max_nprs} out of 10 during it, and tell "
        f"your physiotherapist if pain goes above {regress_above_nprs} out of 10 or a flare lasts "
        "more than 24 hours.",
        "Seek medical help at once if you notice new numbness between the legs or around the "
        "back passage, new difficulty passing urine or controlling the bowel, or weakness in "
        "both legs.",
        "Move slowly and with control; breathe normally and do not hold your breath.",
    )


# clinical-reference §8, evidence statement for the PDF [U].
RELEASE_NOTE = (
    "Release and stretching give short-term gains in movement and pain threshold; evidence that "
    "they improve back pain itself is weak. Use them as optional preparation before "
    "strengthening."
)
RETEST_NOTE = (
    "Re-test after 4 to 6 weeks: Trendelenburg hold time, hip-abduction strength (Nm/kg) and "
    "the limb symmetry index."
)  # clinical-reference §7.5 [U]


def nfc(text: str) -> str:
    """Precomposed letters: reportlab does not position combining marks."""
    return unicodedata.normalize("NFC", text)


def xml(text: str | None) -> str:
    """Text made safe for a Paragraph (escaped, NFC)."""
    return _xml_escape(nfc(text or ""))


def number(value: float | int | None, decimals: int = 1, *, signed: bool = False) -> str:
    """Fixed decimals with a true minus sign; a dash for a missing value."""
    if value is None:
        return DASH
    text = f"{abs(float(value)):.{decimals}f}"
    if float(value) < 0 and float(text) != 0:
        return MINUS + text
    if signed and float(text) != 0:
        return "+" + text
    return text


def whole_or_decimal(value: float | int | None) -> str:
    """Seconds and NPRS points: no trailing .0 for whole numbers."""
    if value is None:
        return DASH
    if float(value).is_integer():
        return str(int(value))
    return number(value, 1)


def long_date(value: date | str | None) -> str:
    """'2 October 2026' independent of the system locale."""
    if value is None:
        return DASH
    if isinstance(value, str):
        value = date.fromisoformat(value)
    months = (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    )  # fmt: skip
    return f"{value.day} {months[value.month - 1]} {value.year}"


def short_date(value: date | str) -> str:
    if isinstance(value, str):
        value = date.fromisoformat(value)
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{value.day} {months[value.month - 1]} {value.year % 100:02d}"


def trendelenburg_result(result: str, reason: str | None, invalid_labels: Mapping[str, str]) -> str:
    """'Positive, delayed' etc. from the engine's result category."""
    if result == "negative":
        return "Negative"
    if result == "positive_delayed":
        return "Positive, delayed"
    if result == "positive_immediate":
        return "Positive, immediate"
    return f"Not interpretable ({invalid_labels.get(reason or '', reason or 'reason not given')})"


def dosage(
    *,
    sets: int | None,
    reps: int | None,
    hold_s: int | None,
    rest_s: int | None,
    days_per_week: int | None,
    side: str | None,
    action: str = "Hold",
) -> list[tuple[str, str]]:
    """Labelled dosage parts, in the order a client reads them.

    A timed exercise without repetitions reads as what the client does:
    "Roll for 60 s, twice" (``action`` names the movement: Roll, Press, Hold).
    """
    parts: list[tuple[str, str]] = []
    if sets is not None and reps is not None and hold_s is not None:
        parts.append(("Dose", f"{sets} sets {TIMES} {reps} reps, hold {hold_s} s each"))
    elif sets is not None and reps is not None:
        parts.append(("Dose", f"{sets} sets {TIMES} {reps} reps"))
    elif sets is not None and hold_s is not None:
        parts.append(("Dose", f"{action} for {hold_s} s, {times(sets)}"))
    elif reps is not None:
        parts.append(("Dose", f"{reps} reps"))
    elif hold_s is not None:
        parts.append(("Dose", f"hold {hold_s} s"))
    if rest_s is not None:
        parts.append(("Rest", f"{rest_s} s between sets"))
    if days_per_week is not None:
        parts.append(("Days", f"{days_per_week} days per week"))
    if side:
        parts.append(("Side", {"left": "left", "right": "right", "both": "both sides"}.get(side, side)))
    return parts


def times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def dosage_action(exercise_id: str) -> str:
    """The verb a timed exercise is done with, from its library id."""
    if exercise_id.startswith("foam_roll"):
        return "Roll"
    if exercise_id.startswith("ball_release"):
        return "Press"
    return "Hold"
