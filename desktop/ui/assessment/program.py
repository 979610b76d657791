"""Step 7: the staged exercise program, proposed from the findings and edited by the clinician."""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

import desktop.content  # noqa: F401  (registers the shipped exercise library and norm tables)
from desktop.ui import labels
from desktop.ui.assessment.base import StepPage
from desktop.ui.assessment.state import program_items_from_results
from desktop.ui.widgets import (
    Choice,
    Field,
    FieldError,
    ReflowRow,
    RowsTableModel,
    TextEdit,
    banner,
    heading,
    muted,
    tr,
)

if TYPE_CHECKING:
    from desktop.clinical.result_types import AssessmentResults


log = logging.getLogger(__name__)
Index = QModelIndex | QPersistentModelIndex
THUMB = QSize(72, 54)


def load_exercise_library() -> Any:
    """The shipped library, or None when it cannot be read (the page says so)."""
    try:
        from desktop.clinical.exercises import load_library

        return load_library()
    except Exception as error:  # noqa: BLE001 - a broken library must not stop the visit
        log.warning("exercise library unavailable: %s", error)
        return None


_pixmaps: dict[tuple[str, int], QPixmap] = {}


def exercise_pixmap(library: Any, exercise_id: str, size: QSize = THUMB) -> QPixmap | None:
    """The exercise picture (SVG from desktop.illustrations) drawn at ``size``; cached."""
    key = (exercise_id, size.width())
    if key in _pixmaps:
        return _pixmaps[key]
    if library is None or exercise_id not in library:
        return None
    try:
        from PySide6.QtSvg import QSvgRenderer

        from desktop.illustrations import render_svg

        svg = render_svg(library.get(exercise_id), width_px=size.width() * 2)
        renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.white)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
    except Exception as error:  # noqa: BLE001 - a picture is never worth losing the page
        log.warning("could not draw exercise %s: %s", exercise_id, error)
        return None
    _pixmaps[key] = pixmap
    return pixmap


class ProgramTableModel(RowsTableModel):
    """Program rows (form dicts, numbers as typed); dosage and notes edit in place."""

    changed = Signal()
    FIELDS = ("name", "stage", "sets", "reps", "hold_s", "rest_s", "days_per_week", "side", "notes")
    EDITABLE = ("sets", "reps", "hold_s", "rest_s", "days_per_week", "side", "notes")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []
        self.library: Any = None
        self.headers = (tr(self, "Exercise"), tr(self, "Stage"), tr(self, "Sets"), tr(self, "Reps"),
                         tr(self, "Hold (s)"), tr(self, "Rest (s)"), tr(self, "Days/week"), tr(self, "Side"),
                         tr(self, "Notes"))

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = [dict(r) for r in rows]
        self.endResetModel()

    def name(self, exercise_id: str) -> str:
        if self.library is not None and exercise_id in self.library:
            return str(self.library.get(exercise_id).name)
        return exercise_id

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self.FIELDS[index.column()] in self.EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        field = self.FIELDS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.AccessibleTextRole):
            if field == "name":
                return self.name(row["id"])
            return str(row.get(field) if row.get(field) is not None else "")
        if role == Qt.ItemDataRole.DecorationRole and field == "name":
            return exercise_pixmap(self.library, row["id"])
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        field = self.FIELDS[index.column()]
        if field not in self.EDITABLE:
            return False
        self.rows[index.row()][field] = str(value).strip() if field != "notes" else str(value)
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True

    def add(self, row: dict[str, Any]) -> None:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(row)
        self.endInsertRows()
        self.changed.emit()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows[row]
        self.endRemoveRows()
        self.changed.emit()

    def move(self, row: int, delta: int) -> int:
        target = row + delta
        if not 0 <= row < len(self.rows) or not 0 <= target < len(self.rows):
            return row
        self.beginResetModel()
        self.rows[row], self.rows[target] = self.rows[target], self.rows[row]
        self.endResetModel()
        self.changed.emit()
        return target


class ProgramPage(StepPage):
    key = "program"

    def title(self) -> str:
        return tr(self, "Exercise program")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = load_exercise_library()
        self._items_set = False
        self._proposal: list[dict[str, Any]] = []
        self._blocked = False
        self.blocked_banner = banner(tr(self, "No exercise program: a cauda-equina red flag was recorded and the "
                                             "report is an urgent referral letter."), "bad", self)
        self.blocked_banner.hide()
        self.note = muted("", self)
        self.model = ProgramTableModel(self)
        self.model.library = self.library
        self.table = QTableView(self)
        self.table.setAccessibleName(tr(self, "Program exercises"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setIconSize(THUMB)
        self.table.verticalHeader().setDefaultSectionSize(THUMB.height() + 8)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(8, QHeaderView.ResizeMode.Stretch)
        self.model.changed.connect(self._changed)

        options = []
        if self.library is not None:
            from desktop.clinical.exercises import STAGE_NAMES

            options = [(e.id, f"{e.stage} {STAGE_NAMES[e.stage]} · {e.name}") for e in self.library]
        self.add_choice = Choice(tr(self, "Exercise to add"), options, self)
        self.add_button = QPushButton(tr(self, "&Add exercise"), self)
        self.remove_button = QPushButton(tr(self, "&Remove"), self)
        self.up_button = QPushButton(tr(self, "Move &up"), self)
        self.down_button = QPushButton(tr(self, "Move do&wn"), self)
        self.reset_button = QPushButton(tr(self, "Use the proposed program"), self)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.reset_button.clicked.connect(self._reset_to_proposal)
        self._previous_program: Any = None
        self._progression: list[dict[str, Any]] = []
        self._previous_results_cache: tuple[int, dict[str, Any]] | None = None
        self.progression_text = QLabel(self)
        self.progression_text.setWordWrap(True)
        self.progression_text.setTextFormat(Qt.TextFormat.RichText)
        self.progression_text.setAccessibleName(tr(self, "Progression since the last visit"))
        self.apply_progression_button = QPushButton(tr(self, "Apply &progression to the last program"), self)
        self.apply_progression_button.clicked.connect(self._apply_progression)
        self.progression_text.hide()
        self.apply_progression_button.hide()
        self.review_date = TextEdit(tr(self, "Review date"), self, placeholder="YYYY-MM-DD", width_chars=10)
        self.review_date.edited.connect(self._changed)
        self.notes = QPlainTextEdit(self)
        self.notes.setAccessibleName(tr(self, "Program notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 3 + 14)
        self.notes.textChanged.connect(self._changed)
        self.problems = FieldError(self)
        self.fields = {"program.review_date": Field(self.review_date)}

        self.preview = QLabel(self)
        self.preview.setFixedSize(QSize(200, 150))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setAccessibleName(tr(self, "Exercise illustration"))
        self.preview_text = QLabel(self)
        self.preview_text.setWordWrap(True)
        self.preview_text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_preview(current.row()))

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title(), self))
        layout.addWidget(self.blocked_banner)
        layout.addWidget(self.note)
        progression_row = QHBoxLayout()
        progression_row.addWidget(self.progression_text, 1)
        progression_row.addWidget(self.apply_progression_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(progression_row)
        adding, ordering = QWidget(self), QWidget(self)
        add_row = QHBoxLayout(adding)
        add_row.setContentsMargins(0, 0, 0, 0)
        add_row.addWidget(self.add_choice, 1)
        add_row.addWidget(self.add_button)
        order_row = QHBoxLayout(ordering)
        order_row.setContentsMargins(0, 0, 0, 0)
        order_row.addStretch(1)
        for button in (self.up_button, self.down_button, self.remove_button, self.reset_button):
            order_row.addWidget(button)
        layout.addWidget(ReflowRow([adding, ordering], (1, 0), self))
        side = QVBoxLayout()
        side.addWidget(self.preview)
        side.addWidget(self.preview_text, 1)
        side_box = QWidget(self)
        side_box.setLayout(side)
        side_box.setFixedWidth(220)
        # Enough for the columns to read; narrower, the picture moves below the table.
        self.table.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self.table.setMinimumHeight(self.fontMetrics().height() * 16)
        layout.addWidget(ReflowRow([self.table, side_box], (1, 0), self), 1)
        layout.addWidget(self.problems)
        bottom = QHBoxLayout()
        review_label = QLabel(tr(self, "Re&view date"), self)
        review_label.setBuddy(self.review_date)
        bottom.addWidget(review_label)
        bottom.addWidget(self.fields["program.review_date"])
        notes_label = QLabel(tr(self, "Program n&otes"), self)
        notes_label.setBuddy(self.notes)
        bottom.addWidget(notes_label)
        bottom.addWidget(self.notes, 1)
        layout.addLayout(bottom)
        self.setTabOrder(self.add_choice, self.add_button)
        self.setTabOrder(self.add_button, self.up_button)
        self.setTabOrder(self.up_button, self.down_button)
        self.setTabOrder(self.down_button, self.remove_button)
        self.setTabOrder(self.remove_button, self.reset_button)
        self.setTabOrder(self.reset_button, self.table)
        self.setTabOrder(self.table, self.review_date)
        self.setTabOrder(self.review_date, self.notes)

    # -- editing -----------------------------------------------------------------

    def _ensure_items(self) -> None:
        if not self._items_set:
            self._items_set = True
            self.model.set_rows(self._proposal)

    def _add(self) -> None:
        exercise_id = self.add_choice.value()
        if not exercise_id or self.library is None:
            return
        self._ensure_items()
        e = self.library.get(exercise_id)
        d = e.dosage
        self.model.add({
            "id": e.id, "stage": e.stage, "sets": str(d.sets), "reps": "" if d.reps is None else str(d.reps),
            "hold_s": "" if d.hold_s is None else str(d.hold_s), "rest_s": "" if d.rest_s is None else str(d.rest_s),
            "days_per_week": str(d.days_per_week), "side": "", "notes": "",
        })  # fmt: skip
        self.table.selectRow(self.model.rowCount() - 1)

    def _selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _remove(self) -> None:
        row = self._selected_row()
        if row >= 0:
            self._ensure_items()
            self.model.remove(row)
            if self.model.rowCount():
                self.table.selectRow(min(row, self.model.rowCount() - 1))

    def _move(self, delta: int) -> None:
        row = self._selected_row()
        if row >= 0:
            self._ensure_items()
            self.table.selectRow(self.model.move(row, delta))

    def _use_proposal(self) -> None:
        """Show the program proposed from the findings (the clinician has not chosen one yet)."""
        self._items_set = True
        self.model.set_rows(self._proposal)
        self._refreshed()

    def _reset_to_proposal(self) -> None:
        self._use_proposal()
        self._changed()

    def _apply_progression(self) -> None:
        """The last visit's program with the confirmed advance/hold/regress applied; still editable."""
        if self._previous_program is None or self.library is None:
            return
        from desktop.clinical.model import program_to_dict
        from desktop.clinical.program import apply_progression

        applied = apply_progression(self._previous_program, self._progression, library=self.library)
        self._items_set = True
        self.model.set_rows(program_items_from_results(program_to_dict(applied)))
        self._changed()

    def _update_progression(self, results: AssessmentResults | None, context: dict[str, Any]) -> None:
        previous = context.get("previous")
        assessment = context.get("assessment")
        program = getattr(previous, "program", None)
        self._previous_program = program if program is not None and program.exercises else None
        self._progression = []
        if self._previous_program is not None and assessment is not None and not self._blocked \
                and self.library is not None and results is not None:
            from desktop.clinical.program import progress_program
            from desktop.clinical.results import program_view

            self._progression = progress_program(self._previous_program, program_view(results), assessment,
                                                 previous_results=self._previous_results(previous, context),
                                                 library=self.library)
        if not self._progression:
            self.progression_text.hide()
            self.apply_progression_button.hide()
            return
        verbs = {"advance": tr(self, "Advance"), "hold": tr(self, "Hold"), "regress": tr(self, "Step back")}
        lines = []
        for p in self._progression:
            name = self.model.name(p["id"])
            target = self.model.name(p["to_id"]) if p["to_id"] != p["id"] else ""
            arrow = f" → {html.escape(target)}" if target else ""
            lines.append(f"<b>{verbs.get(p['action'], p['action'])}</b>: {html.escape(name)}{arrow}"
                         f" ({html.escape(p['reason'])})")
        self.progression_text.setText(
            "<b>" + tr(self, "Progression since the last visit (confirm to apply):") + "</b><br>" + "<br>".join(lines))
        self.progression_text.show()
        self.apply_progression_button.show()

    def _previous_results(self, previous: Any, context: dict[str, Any]) -> dict[str, Any] | None:
        client = context.get("client")
        if previous is None or client is None:
            return None
        if self._previous_results_cache is None or self._previous_results_cache[0] != id(previous):
            from desktop.clinical.results import compute_results, program_view

            self._previous_results_cache = (id(previous), program_view(compute_results(client, previous)))
        return self._previous_results_cache[1]

    def _show_preview(self, row: int) -> None:
        if row < 0 or row >= len(self.model.rows):
            self.preview.clear()
            self.preview_text.clear()
            return
        exercise_id = self.model.rows[row]["id"]
        pixmap = exercise_pixmap(self.library, exercise_id, QSize(200, 150))
        if pixmap is not None:
            self.preview.setPixmap(pixmap)
        else:
            self.preview.setText(tr(self, "No picture"))
        if self.library is not None and exercise_id in self.library:
            e = self.library.get(exercise_id)
            self.preview_text.setText(
                f"<b>{e.name}</b><br>" + "<br>".join(f"{i + 1}. {s}" for i, s in enumerate(e.steps[:4]))
            )
        else:
            self.preview_text.setText(exercise_id)

    # -- StepPage ------------------------------------------------------------------

    def _load(self, s: dict[str, Any]) -> None:
        items = s.get("items")
        self._items_set = items is not None
        self.model.set_rows(items or [])
        self.review_date.setText(s.get("review_date", ""))
        self.notes.setPlainText(s.get("notes", ""))

    def dump(self) -> dict[str, Any]:
        return {
            "items": [dict(r) for r in self.model.rows] if self._items_set else None,
            "review_date": self.review_date.text(),
            "notes": self.notes.toPlainText(),
        }

    def show_problems(self, by_path: dict[str, str]) -> None:
        super().show_problems(by_path)
        lines = []
        for path, message in by_path.items():
            if path.startswith("program.exercises["):
                index = int(path.split("[")[1].split("]")[0])
                field = path.split("].", 1)[1] if "]." in path else ""
                name = self.model.name(self.model.rows[index]["id"]) if index < len(self.model.rows) else ""
                lines.append(tr(self, "Row %1 (%2), %3: %4").arg(index + 1).arg(name).arg(field).arg(message))
        self.problems.show_message("\n".join(lines) if lines else None)

    def set_results(self, results: AssessmentResults | None, context: dict[str, Any]) -> None:
        self._blocked = results is not None and results.red_flag_block
        self.blocked_banner.setVisible(self._blocked)
        for widget in (self.table, self.add_button, self.remove_button, self.up_button, self.down_button,
                       self.reset_button, self.add_choice):
            widget.setEnabled(not self._blocked)
        program = results.program if results is not None else None
        if program is not None and program.source == "proposed":
            self._proposal = program_items_from_results(program.to_json())
        note = []
        if self.library is None:
            note.append(tr(self, "The exercise library could not be loaded; pictures and names are unavailable."))
        if results is not None and results.program_note:
            note.append(tr(self, "No program was proposed automatically (%1); add exercises from the library.")
                        .arg(results.program_note))
        elif not self._items_set and self._proposal:
            note.append(tr(self, "Proposed from the findings. Adjust the dosage, order and exercises as needed."))
        self.note.setText(" ".join(note))
        self.note.setVisible(bool(note))
        self._update_progression(results, context)
        if not self._items_set and self._proposal and self.isVisible() and not self._blocked:
            self._use_proposal()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._items_set and self._proposal and not self._blocked:
            self._use_proposal()
        if self.model.rowCount() and self._selected_row() < 0:
            self.table.selectRow(0)

    def first_focus(self) -> QWidget | None:
        return self.table if self.model.rowCount() else self.add_choice


__all__ = ["ProgramPage", "ProgramTableModel", "labels"]
