"""Landmark tool: place the client's left and right PSIS on a photo and read the angle live.

The view shows the stored photo (already upright and downscaled), zooms with the
wheel or + and -, pans by dragging the background, and places a point where the
clinician clicks: first the client's left PSIS, then the right (or whichever is
chosen). Points can be dragged, or nudged with the arrow keys (Shift: 10 px).
Scene coordinates are image pixels, so the landmarks are exactly what the
clinical geometry (``desktop.clinical.pelvic_drop``) receives.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from desktop.clinical.model import PelvisLandmarks

SIDE_COLOURS = {"left": QColor("#1f77b4"), "right": QColor("#d62728")}
MARKER_RADIUS_PX = 7.0
CLICK_SLOP_PX = 4
ZOOM_STEP = 1.25
ZOOM_RANGE = (0.05, 16.0)


class Marker(QGraphicsEllipseItem):
    """A draggable landmark; its position is the point itself (image pixels)."""

    def __init__(self, side: str, view: LandmarkView) -> None:
        r = MARKER_RADIUS_PX
        super().__init__(-r, -r, 2 * r, 2 * r)
        self.side = side
        self._view = view
        colour = SIDE_COLOURS[side]
        self.setPen(QPen(QColor("white"), 2))
        self.setBrush(QBrush(QColor(colour.red(), colour.green(), colour.blue(), 150)))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges, True)
        # Same size on screen whatever the zoom, so small markers can be placed precisely.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setCursor(Qt.CursorShape.SizeAllCursor)
        self.setZValue(10)
        cross = QPen(QColor("white"), 1)
        QGraphicsLineItem(-r - 4, 0, r + 4, 0, self).setPen(cross)
        QGraphicsLineItem(0, -r - 4, 0, r + 4, self).setPen(cross)
        label = QGraphicsSimpleTextItem("L" if side == "left" else "R", self)
        font = QFont()
        font.setBold(True)
        label.setFont(font)
        label.setBrush(QBrush(colour))
        label.setPos(r + 3, -r - 14)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:  # noqa: N802
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self._view.marker_moved(self)
        return super().itemChange(change, value)

    def mousePressEvent(self, event: Any) -> None:  # noqa: N802
        self._view.set_active(self.side)
        super().mousePressEvent(event)


class LandmarkView(QGraphicsView):
    """Zoomable, pannable photo with the two PSIS markers and a horizontal reference line."""

    landmarks_changed = Signal()
    active_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 260)
        self.setBackgroundBrush(QBrush(QColor("#2b2b2b")))
        self.pixmap_item = QGraphicsPixmapItem()
        self.pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.pixmap_item)
        self.markers: dict[str, Marker] = {}
        self.active = "left"
        self.stance_side = "left"
        self._press: QPointF | None = None
        self.pelvis_line = QGraphicsLineItem()
        self.pelvis_line.setPen(self._cosmetic(QColor("#ffd400"), 2))
        self.reference_line = QGraphicsLineItem()
        dashed = self._cosmetic(QColor("#ffffff"), 1)
        dashed.setStyle(Qt.PenStyle.DashLine)
        self.reference_line.setPen(dashed)
        for item in (self.pelvis_line, self.reference_line):
            item.setZValue(5)
            item.setVisible(False)
            self.scene().addItem(item)
        self.blur_boxes: list[QGraphicsRectItem] = []
        self.blur_mode = False
        self._blur_start: QPointF | None = None
        self._blur_rect: QGraphicsRectItem | None = None
        self.setAccessibleName("Photo: click to place the client's left and right PSIS")

    @staticmethod
    def _cosmetic(colour: QColor, width: float) -> QPen:
        pen = QPen(colour, width)
        pen.setCosmetic(True)
        return pen

    # -- image ---------------------------------------------------------------------

    @property
    def has_image(self) -> bool:
        return not self.pixmap_item.pixmap().isNull()

    def set_image(self, image: QImage | None) -> None:
        self.pixmap_item.setPixmap(QPixmap.fromImage(image) if image is not None else QPixmap())
        rect = self.pixmap_item.boundingRect() if image is not None else QRectF(0, 0, 1, 1)
        self.scene().setSceneRect(
            rect.adjusted(
                -rect.width() * 0.1, -rect.height() * 0.1, rect.width() * 0.1, rect.height() * 0.1
            )
        )
        self.clear_blur_boxes()
        self.fit()

    def image_size(self) -> tuple[int, int]:
        pixmap = self.pixmap_item.pixmap()
        return pixmap.width(), pixmap.height()

    # -- landmarks -----------------------------------------------------------------

    def set_stance_side(self, side: str) -> None:
        self.stance_side = side
        self._update_lines()

    def set_active(self, side: str) -> None:
        if side != self.active:
            self.active = side
            self.active_changed.emit(side)

    def set_landmarks(self, landmarks: PelvisLandmarks | None) -> None:
        for marker in list(self.markers.values()):
            self.scene().removeItem(marker)
        self.markers.clear()
        if landmarks is not None:
            for side in ("left", "right"):
                x, y = landmarks.point(side)  # type: ignore[arg-type]
                self._marker(side).setPos(QPointF(x, y))
        self.active = "left" if "left" not in self.markers else "right"
        self._update_lines()

    def landmarks(self) -> PelvisLandmarks | None:
        if "left" not in self.markers or "right" not in self.markers:
            return None
        left, right = self.markers["left"].pos(), self.markers["right"].pos()
        return PelvisLandmarks((left.x(), left.y()), (right.x(), right.y()))

    def point(self, side: str) -> QPointF | None:
        marker = self.markers.get(side)
        return marker.pos() if marker else None

    def _marker(self, side: str) -> Marker:
        marker = self.markers.get(side)
        if marker is None:
            marker = Marker(side, self)
            self.markers[side] = marker
            self.scene().addItem(marker)
        return marker

    def place(self, side: str, position: QPointF) -> None:
        """Put ``side``'s PSIS at ``position`` (image pixels), then make the other one next."""
        if not self.has_image:
            return
        self._marker(side).setPos(position)
        other = "right" if side == "left" else "left"
        self.set_active(other if other not in self.markers else side)
        self._update_lines()
        self.landmarks_changed.emit()

    def clear_landmarks(self) -> None:
        self.set_landmarks(None)
        self.set_active("left")
        self.landmarks_changed.emit()

    def nudge(self, dx: float, dy: float) -> None:
        marker = self.markers.get(self.active)
        if marker is not None:
            marker.setPos(marker.pos() + QPointF(dx, dy))

    def marker_moved(self, marker: Marker) -> None:
        self._update_lines()
        self.landmarks_changed.emit()

    def _update_lines(self) -> None:
        left, right = self.point("left"), self.point("right")
        if left is None or right is None:
            self.pelvis_line.setVisible(False)
            self.reference_line.setVisible(False)
            return
        self.pelvis_line.setLine(left.x(), left.y(), right.x(), right.y())
        # Horizontal through the stance-side PSIS: the drop is read against it.
        stance = left if self.stance_side == "left" else right
        span = abs(right.x() - left.x()) * 0.35 + 20
        low, high = min(left.x(), right.x()) - span, max(left.x(), right.x()) + span
        self.reference_line.setLine(low, stance.y(), high, stance.y())
        self.pelvis_line.setVisible(True)
        self.reference_line.setVisible(True)

    # -- blur areas ----------------------------------------------------------------

    def set_blur_mode(self, on: bool) -> None:
        self.blur_mode = on
        self.setDragMode(
            QGraphicsView.DragMode.NoDrag if on else QGraphicsView.DragMode.ScrollHandDrag
        )
        self.viewport().setCursor(
            Qt.CursorShape.CrossCursor if on else Qt.CursorShape.OpenHandCursor
        )

    def blur_areas(self) -> list[tuple[float, float, float, float]]:
        out = []
        for item in self.blur_boxes:
            r = item.rect()
            out.append((r.left(), r.top(), r.right(), r.bottom()))
        return out

    def clear_blur_boxes(self) -> None:
        for item in self.blur_boxes:
            self.scene().removeItem(item)
        self.blur_boxes.clear()

    # -- zoom and pan --------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        target = min(max(self.zoom() * factor, ZOOM_RANGE[0]), ZOOM_RANGE[1])
        factor = target / self.zoom()
        self.scale(factor, factor)

    def set_zoom(self, zoom: float) -> None:
        self.zoom_by(zoom / self.zoom())

    def fit(self) -> None:
        if self.has_image:
            self.fitInView(self.pixmap_item, Qt.AspectRatioMode.KeepAspectRatio)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.setFocus()
        if event.button() == Qt.MouseButton.LeftButton and self.blur_mode and self.has_image:
            self._blur_start = self.mapToScene(event.position().toPoint())
            self._blur_rect = QGraphicsRectItem()
            self._blur_rect.setPen(self._cosmetic(QColor("#ffd400"), 2))
            self._blur_rect.setBrush(QBrush(QColor(255, 212, 0, 60)))
            self._blur_rect.setZValue(8)
            self.scene().addItem(self._blur_rect)
            event.accept()
            return
        self._press = event.position() if event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._blur_rect is not None and self._blur_start is not None:
            here = self.mapToScene(event.position().toPoint())
            self._blur_rect.setRect(QRectF(self._blur_start, here).normalized())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._blur_rect is not None:
            rect = self._blur_rect.rect()
            if rect.width() >= 2 and rect.height() >= 2:
                self.blur_boxes.append(self._blur_rect)
            else:
                self.scene().removeItem(self._blur_rect)
            self._blur_rect, self._blur_start = None, None
            event.accept()
            return
        press, self._press = self._press, None
        on_marker = any(
            isinstance(item, Marker) or isinstance(item.parentItem(), Marker)
            for item in self.items(event.position().toPoint())
        )
        super().mouseReleaseEvent(event)
        if press is None or on_marker or event.button() != Qt.MouseButton.LeftButton:
            return
        moved = event.position() - press
        if abs(moved.x()) + abs(moved.y()) <= CLICK_SLOP_PX:
            scene = self.mapToScene(event.position().toPoint())
            width, height = self.image_size()
            if 0 <= scene.x() <= width and 0 <= scene.y() <= height:
                self.place(self.active, scene)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        step = 10.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1.0
        moves = {
            Qt.Key.Key_Left: (-step, 0.0),
            Qt.Key.Key_Right: (step, 0.0),
            Qt.Key.Key_Up: (0.0, -step),
            Qt.Key.Key_Down: (0.0, step),
        }
        if key in moves and self.active in self.markers:
            self.nudge(*moves[key])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.fit()
        elif key == Qt.Key.Key_L:
            self.set_active("left")
        elif key == Qt.Key.Key_R:
            self.set_active("right")
        else:
            super().keyPressEvent(event)
            return
        event.accept()
