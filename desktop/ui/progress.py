"""Progress of one longer piece of work, in the status bar: what is happening and how far along it is."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from desktop.ui.widgets import tr


class ProgressStrip(QWidget):
    """A message and a filling bar, fed from a background task's progress reports; hidden when idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel("", self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 100)
        self.bar.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 12)
        self.bar.setAccessibleName(tr(self, "Progress"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(self.bar)
        self.hide()

    def start(self, message: str) -> None:
        self.bar.setValue(0)
        self.message.setText(message)
        self.show()

    def report(self, percent: int, message: str) -> None:
        """One report from the task (on the GUI thread)."""
        if message:
            self.message.setText(message)
            self.bar.setAccessibleDescription(message)
        self.bar.setValue(max(0, min(100, percent)))

    def finish(self) -> None:
        self.hide()
