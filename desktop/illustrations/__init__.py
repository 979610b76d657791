"""Exercise pictures: one pose renderer, two outputs (SVG for the window, reportlab for the PDF).

Pure Python: no Qt here. The window shows the SVG text with QSvgRenderer;
the report places the reportlab Drawing, which stays vector in the PDF.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from desktop.clinical.exercises import Exercise
from desktop.illustrations.backends import to_drawing, to_svg
from desktop.illustrations.scene import Scene, build_scene, support_gaps

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

__all__ = [
    "Scene",
    "build_scene",
    "exercise_scene",
    "render_drawing",
    "render_svg",
    "support_gaps",
    "to_drawing",
    "to_svg",
]


def exercise_scene(exercise: Exercise | Mapping[str, Any]) -> Scene:
    """Scene of an exercise (dataclass or raw JSON dict); holds get a clock with the seconds."""
    if isinstance(exercise, Exercise):
        return build_scene(exercise.pose, hold_s=exercise.dosage.hold_s)
    return build_scene(exercise["pose"], hold_s=exercise["dosage"]["hold_s"])


def render_svg(exercise: Exercise | Mapping[str, Any], width_px: int = 600) -> str:
    """SVG document of the exercise picture, ``width_px`` wide (4:3)."""
    name = exercise.name if isinstance(exercise, Exercise) else exercise["name"]
    return to_svg(exercise_scene(exercise), width_px, title=name)


def render_drawing(exercise: Exercise | Mapping[str, Any], width_pt: float = 200.0) -> Drawing:
    """reportlab Drawing of the exercise picture, ``width_pt`` points wide (4:3)."""
    return to_drawing(exercise_scene(exercise), width_pt)
