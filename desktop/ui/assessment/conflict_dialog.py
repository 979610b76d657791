"""Someone else saved this visit while you edited it: both versions side by side; choose or merge.

One row per field on which the versions differ: yours on the left, the stored
one (who saved it and when) on the right, a choice in each row. Nothing is
stored until the person presses "Save this version"; "Decide later" leaves
their version as a draft and the form as it is.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.clinical import model as m
from desktop.services.conflicts import ClientConflict, VisitConflict
from desktop.ui.widgets import banner, tr

MINE, THEIRS = 0, 1
SHOWN_CHARS = 90


class ConflictDialog(QDialog):
    """``chosen(assessment)`` fires with the version to store; closing otherwise decides later."""

    chosen = Signal(object)

    def __init__(self, conflict: VisitConflict | ClientConflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setWindowTitle(self.title())
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        who = conflict.changed_by or tr(self, "someone else")
        when = f"{conflict.changed_at:%Y-%m-%d %H:%M} UTC" if conflict.changed_at else tr(self, "an unknown time")
        text = self.explanation_text(who, when)
        self.explanation = banner(text, "caution", self)
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)

        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        grid.addWidget(QLabel(f"<b>{tr(self, 'Field')}</b>", grid_host), 0, 0)
        grid.addWidget(QLabel(f"<b>{tr(self, 'Your version')}</b>", grid_host), 0, 1)
        saved = tr(self, "saved by %1, %2").arg(who).arg(when)
        if conflict.changed_by is None and conflict.changed_at is None:
            saved = tr(self, "as saved now")  # who and when are not this person's to read (reception)
        stored = QLabel(f"<b>{tr(self, 'Stored version')}</b><br>{saved}", grid_host)
        stored.setWordWrap(True)
        grid.addWidget(stored, 0, 2)
        self.choices: dict[str, QButtonGroup] = {}
        for row, difference in enumerate(conflict.differences(), start=1):
            grid.addWidget(QLabel(tr(self, difference.label), grid_host), row, 0)
            group = QButtonGroup(self)
            for column, (choice, value) in enumerate(((MINE, difference.yours), (THEIRS, difference.theirs)),
                                                     start=1):
                button = QRadioButton(value if len(value) <= SHOWN_CHARS else value[:SHOWN_CHARS] + "…", grid_host)
                button.setToolTip(value)
                side = tr(self, "yours") if choice == MINE else tr(self, "stored")
                button.setAccessibleName(f"{difference.label}: {side}")
                group.addButton(button, choice)
                grid.addWidget(button, row, column)
            group.button(MINE).setChecked(True)
            self.choices[difference.field] = group
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(grid.rowCount(), 1)  # rows stay at the top, however few
        grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea(self)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from choice to choice, not to the frame
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        layout.addWidget(scroll, 1)

        quick = QHBoxLayout()
        self.all_mine = QPushButton(tr(self, "Keep all of &mine"), self)
        self.all_theirs = QPushButton(tr(self, "Keep all of the &stored version"), self)
        self.all_mine.clicked.connect(lambda: self.choose_all(MINE))
        self.all_theirs.clicked.connect(lambda: self.choose_all(THEIRS))
        self.all_theirs.setEnabled(conflict.theirs is not None)
        quick.addWidget(self.all_mine)
        quick.addWidget(self.all_theirs)
        quick.addStretch(1)
        layout.addLayout(quick)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(self.save_text(), QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton(self.later_text(), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(820, 480)

    def title(self) -> str:
        return tr(self, "This visit was changed by someone else")

    def explanation_text(self, who: str, when: str) -> str:
        conflict = self.conflict
        if conflict.theirs is None:
            return tr(self, "%1 deleted this visit at %2 while you edited it. Your version is kept as a draft; "
                            "save it as a new visit, or decide later.").arg(who).arg(when)
        return tr(self, "%1 saved this visit at %2 (version %3) after you opened version %4. Nothing was "
                        "overwritten, and your version is kept as a draft until you choose. For each "
                        "difference, keep yours or theirs.").arg(who).arg(when).arg(
            conflict.stored_version).arg(conflict.opened_version)

    def save_text(self) -> str:
        return tr(self, "Save this &version") if self.conflict.theirs is not None else tr(self, "Save as a &new visit")

    def later_text(self) -> str:
        return tr(self, "Decide &later")

    def choose_all(self, choice: int) -> None:
        for group in self.choices.values():
            group.button(choice).setChecked(True)

    def keep_mine(self) -> set[str]:
        """The fields taken from the person's own version."""
        return {name for name, group in self.choices.items() if group.checkedId() == MINE}

    def choose(self, field: str, choice: int) -> None:
        self.choices[field].button(choice).setChecked(True)

    def result_version(self) -> m.Assessment | m.Client:
        return self.conflict.merge(self.keep_mine())

    def _accept(self) -> None:
        self.chosen.emit(self.result_version())
        self.accept()
