"""What every step page offers the editor: load, dump, show problems, show live results."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.ui.widgets import Field

if TYPE_CHECKING:
    from desktop.clinical.result_types import AssessmentResults



class StepPage(QWidget):
    """A layout-only page; the editor owns the form data and the decisions."""

    key = ""
    edited = Signal()
    refreshed = Signal()  # content filled in from the findings or a view change: kept, but not an edit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, Field] = {}
        self._loading = False

    def title(self) -> str:
        raise NotImplementedError

    def load(self, section: dict[str, Any]) -> None:
        self._loading = True
        try:
            self._load(section)
        finally:
            self._loading = False

    def _load(self, section: dict[str, Any]) -> None:
        raise NotImplementedError

    def dump(self) -> dict[str, Any]:
        raise NotImplementedError

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def _refreshed(self) -> None:
        if not self._loading:
            self.refreshed.emit()

    def show_problems(self, by_path: dict[str, str]) -> None:
        for path, field in self.fields.items():
            field.error.show_message(by_path.get(path))

    def set_results(self, results: AssessmentResults | None, context: dict[str, Any]) -> None:
        """Live computed results; pages that show none ignore them."""

    def first_focus(self) -> QWidget | None:
        return None
