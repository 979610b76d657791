"""Display wording for codes and computed results (formatting only; no clinical rules)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.clinical.trendelenburg import TrendelenburgFinding

from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.clinical.strength import asymmetry_band_range
from desktop.ui.widgets import Text


def tr(text: str) -> Text:
    return Text(QCoreApplication.translate("labels", text))


def side_label(side: str) -> str:
    return {"left": tr("Left"), "right": tr("Right")}.get(side, side)


TRENDELENBURG_RESULT = {
    "negative": "Negative",
    "positive_delayed": "Positive (delayed)",
    "positive_immediate": "Positive (immediate)",
    "invalid": "Not interpretable",
}
TRENDELENBURG_TONE = {"negative": "good", "positive_delayed": "bad", "positive_immediate": "bad", "invalid": "caution"}
ASYMMETRY_BAND = {
    band: f"{name} ({asymmetry_band_range(band)})"
    for band, name in (("symmetric", "Symmetric"), ("mild", "Mild asymmetry"), ("marked", "Marked asymmetry"))
}
ASYMMETRY_TONE = {"symmetric": "good", "mild": "caution", "marked": "bad"}
ODI_BAND = {"minimal": "minimal", "moderate": "moderate", "severe": "severe", "very_severe": "very severe",
            "extreme": "extreme"}


def trendelenburg_text(result: TrendelenburgFinding | None, *, short: bool = False) -> str:
    if result is None:
        return "–"
    name = tr(TRENDELENBURG_RESULT.get(result.result, result.result))
    hold = result.hold_s
    if result.result == "positive_delayed" and hold is not None:
        name += f" {hold:g} s"
    elif result.result == "negative" and not short:
        name += f" ({hold:g} s)" if hold is not None else ""
    if result.compensated:
        name += tr(", compensated")
    return name


def band_text(band: str | None) -> str:
    return tr(ASYMMETRY_BAND.get(band or "", "")) if band else ""


def number(value: Any, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    return f"{text} {unit}".strip()


POSITIONS = [("", "Not recorded"), ("side_lying", "Side-lying"), ("supine", "Supine"), ("standing", "Standing")]
CONTRACTIONS = [("", "Not recorded"), ("make", "Make (isometric)"), ("break", "Break (eccentric)")]
FIXATIONS = [("", "Not recorded"), ("belt", "Belt"), ("wall", "Wall"), ("examiner", "Examiner-held")]
UNITS = [("N", "newtons (N)"), ("kgf", "kilogram-force (kgf)"), ("lbf", "pound-force (lbf)")]
TRUNK_LEANS = [("none", "None"), ("mild", "Mild"), ("marked", "Marked")]
SUPPORTS = [("", "Not recorded"), ("none", "None"), ("stick_ipsilateral", "Stick in the stance-side hand"),
            ("finger_wall", "Finger on the wall"), ("examiner_shoulders", "Examiner steadies the shoulders")]
INVALID_REASONS = [("", "Valid test"), ("pain", "Invalid: pain"), ("balance", "Invalid: poor balance"),
                   ("cooperation", "Invalid: could not follow the test"), ("deformity", "Invalid: deformity"),
                   ("other", "Invalid: other reason")]
DROP_METHODS = [("", "Not measured"), ("visual", "Visual estimate"), ("goniometer", "Goniometer"),
                ("inclinometer", "Inclinometer"), ("photo", "Photograph")]
GAIT = [("", "Not observed"), ("normal", "Normal"), ("trendelenburg", "Trendelenburg gait"),
        ("compensated", "Compensated (Duchenne) gait"), ("antalgic", "Antalgic gait"), ("other", "Other")]
TRICKS = [("", "Not recorded"), ("none", "None"), ("trunk_shift", "Trunk shift over the stance leg"),
          ("hip_hike", "Hip hike with trunk side-flexors")]
PROGRAM_SIDES = [("", "—"), ("both", "Both"), ("left", "Left"), ("right", "Right")]


def options(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(code, tr(text)) for code, text in pairs]
