"""Small building blocks shared by the pages: labelled fields, inline messages, choices.

Colours come from the palette (plus one accent per meaning that reads on light
and dark backgrounds), never a fixed white background; every meaning shown
in colour is also written in words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class Text(str):
    """Translated text with Qt-style ``%1`` placeholders filled by ``arg`` (PySide returns plain str)."""

    def arg(self, value: object) -> Text:
        numbers = [int(n) for n in re.findall(r"%(\d)", self)]
        if not numbers:
            return Text(self)
        return Text(self.replace(f"%{min(numbers)}", str(value)))


def tr(owner: QObject, text: str, disambiguation: str | None = None, n: int = -1) -> Text:
    """``owner.tr`` that keeps the ``arg`` chaining of Qt's QString."""
    return Text(owner.tr(text, disambiguation, n))


# Foreground accents chosen to stay readable on both light and dark window colours.
ACCENTS = {
    "good": ("#1b7f3b", "#6fd08c"),
    "caution": ("#9a6200", "#f0b64b"),
    "bad": ("#b3261e", "#ff8a80"),
    "info": ("#1f5fa8", "#8ab4f8"),
}


# A form's unsaved typing is written as a draft this long after the last change (visit editor, client form).
DRAFT_DELAY_MS = 1200


def draft_timer(owner: QObject, write: Callable[[], None]) -> QTimer:
    """The single-shot timer a form restarts on every change; ``write`` runs once typing pauses."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(DRAFT_DELAY_MS)
    timer.timeout.connect(write)
    return timer


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def accent(widget: QWidget, meaning: str) -> QColor:
    light, dark = ACCENTS[meaning]
    return QColor(dark if is_dark(widget) else light)


def set_tone(label: QLabel, meaning: str | None) -> None:
    """Colour a label's text by meaning (the text itself always says the same thing)."""
    if meaning is None:
        label.setStyleSheet("")
        return
    label.setStyleSheet(f"color: {accent(label, meaning).name()};")


def banner(text: str = "", meaning: str = "info", parent: QWidget | None = None) -> QLabel:
    """A framed message line; uses the palette's base colours and an accent border."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    set_banner_tone(label, meaning)
    label.setAccessibleName(text[:60] or "message")
    return label


def set_banner_tone(label: QLabel, meaning: str) -> None:
    """Frame a banner in the accent of ``meaning`` (the words say the same)."""
    label.setProperty("meaning", meaning)
    colour = accent(label, meaning).name()
    label.setStyleSheet(
        f"QLabel {{ border: 2px solid {colour}; border-radius: 6px; padding: 8px; font-weight: 600; }}"
    )


def heading(text: str, parent: QWidget | None = None, *, size_delta: int = 4) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSize(font.pointSize() + size_delta)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def muted(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class FieldError(QLabel):
    """The inline message under one field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.hide()

    def show_message(self, message: str | None) -> None:
        if message:
            self.setText(message)
            set_tone(self, "bad")
            self.show()
        else:
            self.clear()
            self.hide()


class Field(QWidget):
    """An input with its inline message below it."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error = FieldError(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error)
        self.setFocusProxy(editor)


class TextEdit(QLineEdit):
    """A line edit whose ``edited`` fires on every user change, not on programmatic loads."""

    edited = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None, *, placeholder: str = "",
                 width_chars: int | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        if placeholder:
            self.setPlaceholderText(placeholder)
        if width_chars:
            self.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * (width_chars + 4) + 16)
        self.textEdited.connect(lambda _text: self.edited.emit())

    def setText(self, text: str) -> None:  # noqa: N802
        """Show a loaded value from its start (a long one would otherwise show only its end)."""
        super().setText(text)
        if not self.hasFocus():
            self.setCursorPosition(0)


class Choice(QComboBox):
    """A combo box of (code, label) pairs; ``value()`` gives the code ('' for none)."""

    edited = Signal()

    def __init__(self, accessible_name: str, options: Sequence[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        for code, label in options:
            self.addItem(label, code)
        self.activated.connect(lambda _i: self.edited.emit())

    def value(self) -> str:
        data = self.currentData()
        return "" if data is None else str(data)

    def set_value(self, code: Any) -> None:
        index = self.findData(code if code is not None else "")
        self.setCurrentIndex(max(index, 0))


class NameChoice(QComboBox):
    """An editable list of names: pick one from the list or type another (kept as typed).

    Offers ``text``/``setText`` like a line edit, so forms store the name itself.
    """

    edited = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(24)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setAccessibleName(accessible_name)
        self.lineEdit().setAccessibleName(accessible_name)
        self.lineEdit().textEdited.connect(lambda _t: self.edited.emit())
        self.activated.connect(lambda _i: self.edited.emit())

    def set_names(self, names: Sequence[str]) -> None:
        current = self.currentText()
        self.blockSignals(True)
        self.clear()
        self.addItems(list(names))
        self.setEditText(current)
        self.blockSignals(False)

    def text(self) -> str:
        return self.currentText()

    def setText(self, text: str) -> None:  # noqa: N802 - mirrors QLineEdit
        self.setEditText(text)


class FormGrid(QFormLayout):
    """QFormLayout that adds a ``Field`` per row and remembers it by JSON path."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, Field] = {}
        self.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

    def add(self, path: str, label: str, editor: QWidget) -> Field:
        field = Field(editor)
        text = QLabel(label)
        text.setBuddy(editor)
        self.addRow(text, field)
        self.fields[path] = field
        if not editor.accessibleName():
            editor.setAccessibleName(label.replace("&", ""))
        return field


def line() -> QFrame:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.HLine)
    frame.setFrameShadow(QFrame.Shadow.Sunken)
    return frame


class RowsTableModel(QAbstractTableModel):
    """A flat table of ``rows`` under ``headers``: the counting and header methods every list
    in the window shares. Subclasses set ``headers`` and answer ``data``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: Sequence[Any] = []
        self.headers: tuple[str, ...] = ()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class ReflowRow(QWidget):
    """Parts side by side while they fit the width, one under the other when they do not.

    Keeps labels whole on a small screen or at 150% scaling instead of pushing
    the page into a sideways scroll.
    """

    def __init__(self, parts: Sequence[QWidget], stretches: Sequence[int] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parts = list(parts)
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.row.setContentsMargins(0, 0, 0, 0)
        for index, part in enumerate(self.parts):
            self.row.addWidget(part, stretches[index] if index < len(stretches) else 0)

    @staticmethod
    def _least_width(part: QWidget) -> int:
        """A part's narrowest width that keeps its own rows (nested ones too) side by side."""
        nested = [row for row in part.findChildren(ReflowRow) if row.isVisibleTo(part)]
        rows = [part] if isinstance(part, ReflowRow) else nested
        return max([part.minimumWidth(), part.minimumSizeHint().width()] + [row.side_by_side_width() for row in rows])

    def side_by_side_width(self) -> int:
        """The narrowest width at which the parts still fit in one row."""
        shown = [part for part in self.parts if not part.isHidden()]
        return sum(self._least_width(part) for part in shown) + self.row.spacing() * max(0, len(shown) - 1)

    def is_stacked(self) -> bool:
        return self.row.direction() == QBoxLayout.Direction.TopToBottom

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        shown = [part for part in self.parts if not part.isHidden()]
        widths = [max(part.minimumWidth(), part.minimumSizeHint().width()) for part in shown]
        return QSize(max(widths, default=0), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        stacked = event.size().width() < self.side_by_side_width()
        if stacked != self.is_stacked():
            self.row.setDirection(QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight)
            self.updateGeometry()


class _CheckLabel(QLabel):
    """A check box's wrapping text: clicking it ticks the box, as clicking a check box's own text does."""

    def __init__(self, text: str, box: QCheckBox, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.box = box
        self.setWordWrap(True)
        self.setBuddy(box)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.box.isEnabled():
            self.box.click()
        super().mouseReleaseEvent(event)


def wrapping_check(text: str, parent: QWidget) -> tuple[QCheckBox, QWidget]:
    """A check box whose long text wraps to the width (a plain QCheckBox keeps it on one line)."""
    row = QWidget(parent)
    box = QCheckBox(row)
    box.setAccessibleName(text)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
    layout.addWidget(_CheckLabel(text, box, row), 1, Qt.AlignmentFlag.AlignTop)
    return box, row


class DateField(QDateEdit):
    """A date field that Tab leaves for the next field; the arrow keys move between year, month and day.

    A plain QDateEdit spends Tab on its own sections, three presses per date.
    """

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002
        return QWidget.focusNextPrevChild(self, next)
