"""The editor's last step: the referral letter as PDF or preview, and the client's handout.

Each action saves the visit first when it has changes, then does its file or
drawing work off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.services.errors import plain_message
from desktop.services.reports import (
    RED_FLAGS_NOT_ACKNOWLEDGED,
    SCREENING_NOT_DONE,
    export_blocker,
    report_file_name,
)
from desktop.ui import dialogs
from desktop.ui.widgets import tr
from desktop.ui.worker import mutate, query

if TYPE_CHECKING:
    from desktop.ui.assessment.editor import AssessmentEditor


class ExportActions:
    """Letter, preview and handout actions of :class:`AssessmentEditor` (mixed into it)."""

    export_task: Any = None
    preview_task: Any = None
    preview_dialog: Any = None

    def _on_saved_visit(self: AssessmentEditor, action: Callable[[], Any]) -> Any:
        """Run ``action`` on the stored visit: now, or once its changes (or the new visit) are saved."""
        if not self.dirty and self.assessment_id is not None:
            return action()
        self.export_page.set_busy(True, tr(self, "Saving the visit…"))
        if not self.save(then=lambda _aid: action()):
            self.export_page.failed(tr(self, "Correct the marked fields first; the visit was not saved."))
        return None

    def export_pdf(self: AssessmentEditor, *, allow_missing_glyphs: bool = False) -> None:
        """Save the visit first when it has changes, then write the PDF off the GUI thread."""
        self._on_saved_visit(lambda: self._write_pdf(allow_missing_glyphs))

    def _export_blocked(self: AssessmentEditor) -> bool:
        """Tell the clinician why the letter cannot be made yet, if it cannot."""
        blocker = export_blocker(self.results)
        if blocker == SCREENING_NOT_DONE:
            self.export_page.failed(tr(self, "Do the red-flag screening in step 2 before exporting."))
            return True
        if blocker == RED_FLAGS_NOT_ACKNOWLEDGED:
            self.export_page.failed(tr(self, "Acknowledge the red flags in step 2 before exporting."))
            return True
        return False

    def _write_pdf(self: AssessmentEditor, allow_missing_glyphs: bool) -> None:
        if self._export_blocked():
            return
        assert self.assessment_id is not None and self.check is not None and self.check.assessment is not None
        reports = self.services.reports
        out = reports.default_path(self.assessment_id, self.check.assessment.performed_on)
        self.export_page.set_busy(True, tr(self, "Writing the PDF…"))
        self.export_task = mutate(reports.export, self.assessment_id, out, allow_missing_glyphs=allow_missing_glyphs,
                                  owner=self, success=self._export_done, failure=self._export_failed)

    def preview_letter(self: AssessmentEditor) -> Any:
        """Save the visit if needed, draw the letter in the background, then preview it page by page."""
        return self._on_saved_visit(self._draw_preview)

    def _draw_preview(self: AssessmentEditor) -> Any:
        if self._export_blocked():
            return None
        assert self.assessment_id is not None and self.check is not None and self.check.assessment is not None

        name = report_file_name(self.assessment_id, self.check.assessment.performed_on)
        self.export_page.set_busy(True, tr(self, "Drawing the letter…"))

        def ready(pdf: bytes) -> None:
            from desktop.ui.preview import DocumentPreview

            self.export_page.set_busy(False, "")
            title = tr(self, "Referral letter: %1").arg(self.client.display_name if self.client else "")
            dialog = DocumentPreview(pdf, title, name, self, save_folder=self.services.paths.exports)
            self.preview_dialog = dialog
            dialog.open()

        self.preview_task = query(self.services.reports.preview, self.assessment_id, success=ready,
                                  failure=self._export_failed, owner=self)
        return self.preview_task

    def export_handout(self: AssessmentEditor, large_print: bool = False) -> None:
        """Write the client's handout in the background; the visit is saved first when it has changes."""
        self._on_saved_visit(lambda: self._write_handout(large_print))

    def _write_handout(self: AssessmentEditor, large_print: bool) -> None:
        from desktop.services.handout import handout_file_name

        assert self.assessment_id is not None and self.check is not None and self.check.assessment is not None
        out = self.services.paths.exports / handout_file_name(self.assessment_id, self.check.assessment.performed_on,
                                                              large_print=large_print)
        self.export_page.set_busy(True, tr(self, "Writing the client handout…"))
        self.export_task = mutate(
            self.services.reports.handout, self.assessment_id, out, large_print=large_print,
            success=self._handout_done, failure=self._export_failed, owner=self,
        )

    def _handout_done(self: AssessmentEditor, path: Path) -> None:
        self.export_page.exported(Path(path))

    def _export_done(self: AssessmentEditor, path: Path) -> None:
        self.export_page.exported(Path(path))
        self.form["export"] = {"path": str(path)}
        self._update_step_list()
        self.exported.emit(Path(path))

    def _export_failed(self: AssessmentEditor, error: BaseException) -> None:
        from desktop.services.reports import MissingGlyphsError

        if isinstance(error, MissingGlyphsError):
            self.export_page.set_busy(False, "")
            question = tr(self, "%1\n\nExport anyway? Install a font that covers them (for example Noto Sans CJK) "
                                "to print them.").arg(str(error))
            if dialogs.confirm(self, tr(self, "Characters cannot be printed"), question):
                self.export_pdf(allow_missing_glyphs=True)
            else:
                self.export_page.failed(tr(self, "Not exported: some characters have no font to print them."))
            return
        self.export_page.failed(tr(self, "The PDF could not be written: %1").arg(plain_message(error)))
