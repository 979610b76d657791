"""Measured pelvic drop on the Trendelenburg step: photos, landmarks and the live angle.

One panel per stance side (the page swaps its content with the side): the
single-leg photo and, optionally, a reference photo with both feet down. The
photo comes from a file (JPEG/PNG, phone orientation honoured) or the
clipboard; there is no camera capture, because Qt's camera module is not in
the Essentials wheel and would add well over 100 MB to the bundle: a phone
photo, copied or saved to the computer, serves better anyway.

Reading, preparing and storing photos runs on the background helper through
``PhotoService``; this widget only shows images and collects points.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.clinical.model import PelvisLandmarks, PelvisPhoto, photo_from_dict, photo_to_dict
from desktop.clinical.pelvic_drop import (
    DROP_MDC_DEG,
    VIDEO_SDD_DEG,
    LandmarkError,
    beyond_measurement_error,
    measure_drop,
    obliquity_deg,
)
from desktop.services.errors import plain_message
from desktop.ui.assessment.landmarks import LandmarkView
from desktop.ui.toggle import ToggleButton
from desktop.ui.widgets import ReflowRow, muted, set_tone, tr
from desktop.ui.worker import run_in_background

KINDS = ("single_leg", "reference")
KIND_KEYS = {"single_leg": "landmarks", "reference": "reference_landmarks"}


class PhotoSlotView(QWidget):
    """One photo (single-leg or reference) with its own buttons and landmark view."""

    def __init__(self, kind: str, panel: PelvisPhotoPanel) -> None:
        super().__init__(panel)
        self.kind = kind
        self.panel = panel
        self.photo: Any = None  # the StoredPhoto shown, if any
        self.view = LandmarkView(self)
        self.open_button = QPushButton(tr(self, "Open photo…"), self)
        self.paste_button = QPushButton(tr(self, "Paste"), self)
        self.remove_button = QPushButton(tr(self, "Remove photo"), self)
        self.clear_button = QPushButton(tr(self, "Clear points"), self)
        self.fit_button = QPushButton(tr(self, "Fit"), self)
        self.blur_button = ToggleButton(tr(self, "Mark face to blur"), self)
        self.apply_blur_button = QPushButton(tr(self, "Blur marked areas"), self)
        self.left_button = ToggleButton(tr(self, "Place client's &left PSIS"), self)
        self.right_button = ToggleButton(tr(self, "Place client's ri&ght PSIS"), self)
        self.left_button.setChecked(True)
        top = QHBoxLayout()
        for button in (self.open_button, self.paste_button, self.remove_button, self.fit_button):
            top.addWidget(button)
        top.addStretch(1)
        placing, blurring = QWidget(self), QWidget(self)
        placing_row, blurring_row = QHBoxLayout(placing), QHBoxLayout(blurring)
        for row, buttons in ((placing_row, (self.left_button, self.right_button, self.clear_button)),
                             (blurring_row, (self.blur_button, self.apply_blur_button))):
            row.setContentsMargins(0, 0, 0, 0)
            for button in buttons:
                row.addWidget(button)
        placing_row.addStretch(1)
        points = ReflowRow([placing, blurring], (1, 0), self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(points)
        self.open_button.clicked.connect(self.choose_file)
        self.paste_button.clicked.connect(self.paste)
        self.remove_button.clicked.connect(self.remove)
        self.clear_button.clicked.connect(self.view.clear_landmarks)
        self.fit_button.clicked.connect(self.view.fit)
        self.blur_button.toggled.connect(self.view.set_blur_mode)
        self.apply_blur_button.clicked.connect(self.apply_blur)
        self.left_button.clicked.connect(lambda: self.view.set_active("left"))
        self.right_button.clicked.connect(lambda: self.view.set_active("right"))
        self.view.active_changed.connect(self._active_changed)
        self.view.landmarks_changed.connect(panel.landmarks_edited)
        self._update_buttons()

    def _active_changed(self, side: str) -> None:
        self.left_button.setChecked(side == "left")
        self.right_button.setChecked(side == "right")

    def _update_buttons(self) -> None:
        has = self.view.has_image
        for button in (
            self.remove_button,
            self.fit_button,
            self.blur_button,
            self.apply_blur_button,
            self.left_button,
            self.right_button,
            self.clear_button,
        ):
            button.setEnabled(has and self.panel.ready)
        for button in (self.open_button, self.paste_button):
            button.setEnabled(self.panel.ready)

    # -- showing ---------------------------------------------------------------------

    def show_photo(self, photo: Any, landmarks: PelvisLandmarks | None) -> None:
        self.photo = photo
        image = QImage.fromData(QByteArray(photo.jpeg), "JPG") if photo is not None else None
        self.view.set_image(image)
        self.view.set_landmarks(landmarks if photo is not None else None)
        self.blur_button.setChecked(False)
        self._update_buttons()

    # -- actions (storage work goes to the background helper) ---------------------------

    def choose_file(self) -> None:
        from desktop.ui import dialogs

        path = dialogs.choose_open_file(
            self,
            tr(self, "Open a photo"),
            tr(self, "Photos (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)"),
        )
        if path is not None:
            self.open_file(path)

    def open_file(self, path: Path) -> Any:
        return self.panel.run(self, "import_file", path, keep_points=False)

    def paste(self) -> Any:
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            self.panel.show_message(
                tr(self, "The clipboard holds no image: copy a photo first."), "bad"
            )
            return None
        return self.paste_image(image)

    def paste_image(self, image: QImage) -> Any:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return self.panel.run(self, "import_bytes", bytes(data.data()), keep_points=False)

    def remove(self) -> Any:
        return self.panel.run(self, "remove", keep_points=False)

    def apply_blur(self) -> Any:
        boxes = self.view.blur_areas()
        if not boxes or self.photo is None:
            self.panel.show_message(
                tr(self, "Drag a box over the face first (Mark face to blur)."), "info"
            )
            return None
        return self.panel.run(self, "blur", self.photo, boxes, keep_points=True)


class PelvisPhotoPanel(QGroupBox):
    """Photos and landmarks of one stance side, with the drop and its error band shown live."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            tr(parent or QWidget(), "Measured pelvic drop (photo from behind)"), parent
        )
        self.service: Any = None
        self.client_id: int | None = None
        self.draft_key: str | None = None
        self.assessment_id: int | None = None
        self.side = "left"
        self.threshold_deg: float | None = None
        self.tasks: list[Any] = []
        self._loading = False
        self.slots = {kind: PhotoSlotView(kind, self) for kind in KINDS}
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.slots["single_leg"], tr(self, "Single-leg stance"))
        self.tabs.addTab(self.slots["reference"], tr(self, "Reference: both feet down (optional)"))
        self.readout = QLabel("", self)
        self.readout.setWordWrap(True)
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setAccessibleName(tr(self, "Measured pelvic drop"))
        self.message = muted("", self)
        self.message.setWordWrap(True)
        self.in_letter = QCheckBox(tr(self, "Print an annotated thumbnail in the letter"), self)
        self.help = muted(
            tr(
                self,
                "Photo from behind at pelvis height. Points are named by the client's sides, so a "
                "view from in front or a mirrored image gives the same angle. Zoom with the wheel "
                "or + and −, drag the background to pan, drag a point or nudge it with the arrow "
                "keys (Shift: 10 px).",
            ),
            self,
        )
        self.help.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.help)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.readout)
        layout.addWidget(self.in_letter)
        layout.addWidget(self.message)
        self.in_letter.toggled.connect(lambda _=False: self._emit_changed())
        self._update_readout()

    # -- context ---------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        return (
            self.service is not None and self.client_id is not None and self.draft_key is not None
        )

    def set_context(
        self,
        service: Any,
        client_id: int | None,
        draft_key: str | None,
        assessment_id: int | None,
        threshold_deg: float | None = None,
    ) -> None:
        self.service, self.client_id = service, client_id
        self.draft_key, self.assessment_id = draft_key, assessment_id
        self.threshold_deg = threshold_deg
        for slot in self.slots.values():
            slot._update_buttons()

    def slot_for(self, kind: str) -> Any:
        from desktop.services.photos import PhotoSlot

        assert self.client_id is not None and self.draft_key is not None
        return PhotoSlot(self.client_id, self.side, kind, self.draft_key, self.assessment_id)

    # -- side data -------------------------------------------------------------------------

    def load_side(self, side: str, photo_form: dict[str, Any] | None) -> Any:
        """Show ``side``'s landmarks now and its photos once the background read is done."""
        self.side = side
        photo = photo_from_dict(photo_form) if photo_form else None
        self._loading = True
        try:
            self.in_letter.setChecked(bool(photo and photo.in_letter))
            for slot in self.slots.values():
                slot.view.set_stance_side(side)
                slot.show_photo(None, None)
        finally:
            self._loading = False
        self.message.setText("")
        self._update_readout()
        if not self.ready:
            return None
        assert self.client_id is not None and self.draft_key is not None
        task = run_in_background(
            self.service.load_side,
            self.client_id,
            self.draft_key,
            self.assessment_id,
            side,
            on_success=lambda photos, s=side, p=photo: self._photos_loaded(s, photos, p),
            on_error=self._failed,
        )
        self.tasks.append(task)
        return task

    def _photos_loaded(self, side: str, photos: dict[str, Any], photo: PelvisPhoto | None) -> None:
        if side != self.side:
            return
        self._loading = True
        try:
            for kind, slot in self.slots.items():
                landmarks = getattr(photo, KIND_KEYS[kind]) if photo else None
                slot.show_photo(photos.get(kind), landmarks)
        finally:
            self._loading = False
        self._update_readout()

    def dump(self) -> dict[str, Any] | None:
        """The side's photo landmarks in form shape (None when no photo and no points)."""
        views = {kind: slot.view for kind, slot in self.slots.items()}
        if not any(v.has_image for v in views.values()) and not self.in_letter.isChecked():
            return None
        photo = PelvisPhoto(
            landmarks=views["single_leg"].landmarks() if views["single_leg"].has_image else None,
            reference_landmarks=views["reference"].landmarks()
            if views["reference"].has_image
            else None,
            in_letter=self.in_letter.isChecked(),
        )
        return photo_to_dict(photo)

    def measured(self) -> PelvisPhoto | None:
        data = self.dump()
        return photo_from_dict(data) if data else None

    # -- background work -------------------------------------------------------------------

    def run(self, slot: PhotoSlotView, action: str, *args: Any, keep_points: bool) -> Any:
        if not self.ready:
            return None
        self.show_message(tr(self, "Preparing the photo…"), "info")
        target = self.slot_for(slot.kind)
        side = self.side
        points = slot.view.landmarks() if keep_points else None

        def done(photo: Any) -> None:
            if side != self.side:
                return
            slot.show_photo(photo, points)
            self.show_message("", None)
            self._emit_changed()

        task = run_in_background(
            getattr(self.service, action), target, *args, on_success=done, on_error=self._failed
        )
        self.tasks.append(task)
        return task

    def _failed(self, error: BaseException) -> None:
        self.show_message(tr(self, "The photo could not be used: %1").arg(plain_message(error)), "bad")

    def show_message(self, text: str, tone: str | None) -> None:
        self.message.setText(text)
        set_tone(self.message, tone)

    # -- live angle ------------------------------------------------------------------------

    def landmarks_edited(self) -> None:
        self._emit_changed()

    def _emit_changed(self) -> None:
        self._update_readout()
        if not self._loading:
            self.changed.emit()

    def drop_text(self) -> tuple[str, str | None]:
        photo = self.measured()
        side = self.side
        lifted = "right" if side == "left" else "left"
        single = self.slots["single_leg"].view
        if not single.has_image:
            return tr(
                self, "No photo yet: open or paste a photo of the client standing on the %1 leg."
            ).arg(side), None
        if photo is None or photo.landmarks is None:
            return tr(self, "Click the client's left PSIS, then the right."), None
        parts = []
        try:
            parts.append(
                tr(self, "Single-leg obliquity %1°").arg(
                    f"{obliquity_deg(photo.landmarks, side):.1f}"
                )
            )
            if photo.reference_landmarks is not None:
                parts.append(
                    tr(self, "reference %1°").arg(
                        f"{obliquity_deg(photo.reference_landmarks, side):.1f}"
                    )
                )
            drop = measure_drop(photo, side)  # type: ignore[arg-type]
        except LandmarkError as error:
            return str(error)[:1].upper() + str(error)[1:] + ".", "bad"
        assert drop is not None
        word = tr(self, "drop") if drop.drop_deg >= 0 else tr(self, "rise")
        head = (
            tr(self, "<b>Pelvic %1 on the %2 (lifted) side: %3°</b>")
            .arg(word)
            .arg(lifted)
            .arg(f"{abs(drop.drop_deg):.1f}")
        )
        if beyond_measurement_error(drop.drop_deg):
            band = tr(self, "beyond the ±%1° measurement error (goniometry, Youdas 2007)").arg(
                f"{DROP_MDC_DEG:g}"
            )
            tone = "bad" if drop.drop_deg > 0 else "info"
        else:
            band = tr(
                self,
                "within the ±%1° measurement error (goniometry, Youdas 2007): not "
                "distinguishable "
                "from level",
            ).arg(f"{DROP_MDC_DEG:g}")
            tone = "good"
        band += (
            tr(self, "; 2D video about %1–%2° (Dingenen 2018, secondary source, to be checked)")
            .arg(f"{VIDEO_SDD_DEG[0]:g}")
            .arg(f"{VIDEO_SDD_DEG[1]:g}")
        )
        if self.threshold_deg is None:
            threshold = tr(self, "No clinic threshold set (no validated degree cut-off exists).")
        else:
            reached = drop.drop_deg >= self.threshold_deg - 1e-9
            threshold = (
                tr(self, "Clinic threshold %1° (a clinic setting, not a validated cut-off): %2.")
                .arg(f"{self.threshold_deg:g}")
                .arg(tr(self, "reached") if reached else tr(self, "not reached"))
            )
        if photo.reference_landmarks is None:
            parts.append(tr(self, "no reference photo"))
        return f"{head} — {band}.<br>{' · '.join(parts)}. {threshold}", tone

    def _update_readout(self) -> None:
        text, tone = self.drop_text()
        self.readout.setText(text)
        set_tone(self.readout, tone)
