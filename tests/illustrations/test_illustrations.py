"""Every exercise has a picture that renders to both backends and rests on something."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from desktop.clinical.exercises import load_library
from desktop.illustrations import exercise_scene, render_drawing, render_svg, support_gaps
from desktop.illustrations.scene import ACCENT, END_NEAR, START_NEAR, Disc, Polygon, Stroke

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = load_library()
IDS = LIBRARY.ids()
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("exercise_id", IDS)
def test_svg_is_valid_and_sized(exercise_id: str) -> None:
    exercise = LIBRARY.get(exercise_id)
    root = ET.fromstring(render_svg(exercise, 600))
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("width") == "600" and root.get("height") == "450"  # 4:3
    assert root.find(f"{SVG_NS}title").text == exercise.name
    assert len(root.findall(f"{SVG_NS}polyline")) >= 10  # a whole figure, not a placeholder
    thumb = ET.fromstring(render_svg(exercise, 96))
    assert thumb.get("width") == "96" and thumb.get("viewBox") == root.get("viewBox")


@pytest.mark.parametrize("exercise_id", IDS)
def test_reportlab_drawing_renders_to_pdf(exercise_id: str) -> None:
    from reportlab.graphics import renderPDF

    drawing = render_drawing(LIBRARY.get(exercise_id), width_pt=240)
    assert drawing.width == 240 and drawing.height == pytest.approx(180, abs=0.01)
    pdf = renderPDF.drawToString(drawing)
    assert pdf.startswith(b"%PDF") and len(pdf) > 1500


@pytest.mark.parametrize("exercise_id", IDS)
def test_figures_rest_on_floor_or_prop(exercise_id: str) -> None:
    """No figure floats (nearest support within 1.5 units) or sinks below the floor."""
    gaps = support_gaps(exercise_scene(LIBRARY.get(exercise_id)))
    for which, (nearest, floor_dip) in gaps.items():
        assert -1.5 <= nearest <= 1.5, (exercise_id, which, nearest)
        assert floor_dip >= -1.5, (exercise_id, which, floor_dip)


@pytest.mark.parametrize("exercise_id", IDS)
def test_picture_conventions(exercise_id: str) -> None:
    """Start light grey, end dark; a movement arrow or a hold clock in the accent colour."""
    exercise = LIBRARY.get(exercise_id)
    scene = exercise_scene(exercise)
    strokes = [p for p in scene.primitives if isinstance(p, Stroke)]
    colors = {s.color for s in strokes}
    assert END_NEAR in colors
    if "end" in exercise.pose:
        assert START_NEAR in colors
    arrowheads = [p for p in scene.primitives if isinstance(p, Polygon) and p.fill == ACCENT]
    clocks = [p for p in scene.primitives if isinstance(p, Disc) and p.stroke == ACCENT]
    assert arrowheads or clocks
    if exercise.dosage.hold_s:
        assert clocks, "holds show the clock"
    # Thick strokes: the thinnest body segment stays readable at a 96-pixel thumbnail.
    body = [s for s in strokes if s.color in (END_NEAR, START_NEAR)]
    assert min(s.width for s in body) * 96 / scene.viewport.w >= 1.5


def test_movement_arrows_end_at_the_end_position() -> None:
    """An arrow tied to joints points from the start joint toward the end joint."""
    checked = 0
    for exercise in LIBRARY:
        scene = exercise_scene(exercise)
        for arrow in exercise.pose["arrows"]:
            if not (isinstance(arrow["from"], str) and arrow["from"].startswith("start.")):
                continue
            end_joint = arrow["to"].split(".", 1)
            target = scene.figures[end_joint[0]].joints[end_joint[1]]
            ox, oy = arrow.get("offset") or (0.0, 0.0)
            tips = [p.points[0] for p in scene.primitives if isinstance(p, Polygon) and p.fill == ACCENT]
            distance = min(abs(tx - (target[0] + ox)) + abs(ty - (target[1] + oy)) for tx, ty in tips)
            assert distance < 0.01, exercise.id
            checked += 1
    assert checked >= 10


def test_side_lying_exercises_lie_on_the_side() -> None:
    """Side-lying pictures are front views with the hips stacked one above the other."""
    for exercise_id in ("clamshell", "side_lying_hip_abduction", "side_lying_abduction_hold"):
        exercise = LIBRARY.get(exercise_id)
        assert exercise.pose["view"] == "front"
        joints = exercise_scene(exercise).figures["start"].joints
        (nx, ny), (fx, fy) = joints["hip_near"], joints["hip_far"]
        assert ny - fy > 8 and abs(nx - fx) < 2
        end = exercise_scene(exercise).figures["end"].joints
        assert end["knee_near"][1] > joints["knee_near"][1] + 3  # top leg/knee lifts


def test_bridge_raises_the_hips() -> None:
    scene = exercise_scene(LIBRARY.get("bridge"))
    start, end = scene.figures["start"].joints, scene.figures["end"].joints
    assert end["pelvis"][1] - start["pelvis"][1] > 12
    assert end["neck"][1] == pytest.approx(start["neck"][1], abs=0.5)  # shoulders stay down


def test_renderer_is_pure_python() -> None:
    """No Qt at all; reportlab only inside the function that builds Drawings."""
    for path in (ROOT / "desktop" / "illustrations").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("PySide6", "reportlab")), f"{path.name} imports {name}"
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("PySide6"), path.name


def test_svg_displays_in_qt(qapp: Any) -> None:
    """The window's renderer (QSvgRenderer) accepts every picture and draws ink on a thumbnail."""
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    for exercise in LIBRARY:
        renderer = QSvgRenderer(QByteArray(render_svg(exercise, 96).encode("utf-8")))
        assert renderer.isValid(), exercise.id
        image = QImage(96, 72, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        dark = sum(
            1 for x in range(0, 96, 2) for y in range(0, 72, 2) if QColor(image.pixel(x, y)).lightness() < 80
        )
        assert dark >= 20, exercise.id


def test_contact_sheet_script_writes_both_files(tmp_path: Path, qapp: Any) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("contact_sheet", ROOT / "docs" / "scripts" / "contact_sheet.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    assert module.main(["--out-dir", str(tmp_path)]) == 0
    assert (tmp_path / "contact-sheet.png").stat().st_size > 50_000
    assert (tmp_path / "contact-sheet.pdf").read_bytes().startswith(b"%PDF")
