"""Someone else saved this client's details while the form was open: both versions side by side.

The visit comparison (``ConflictDialog``) with a client's fields: one row per
field the person may write on which the versions differ, theirs (who and when,
where the role may know) beside the person's own, a choice in each row, the
person's own chosen at first. "Save this version" stores the mix over the
stored version it was made from; "Back to the form" stores nothing and leaves
the form with everything typed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.services.conflicts import ClientConflict
from desktop.ui.assessment.conflict_dialog import MINE, THEIRS, ConflictDialog
from desktop.ui.widgets import tr

__all__ = ["MINE", "THEIRS", "ClientConflictDialog"]


class ClientConflictDialog(ConflictDialog):
    """``chosen(client)`` fires with the merged details; closing otherwise goes back to the form."""

    conflict: ClientConflict

    def __init__(self, conflict: ClientConflict, parent: QWidget | None = None) -> None:
        super().__init__(conflict, parent)
        self.resize(760, 420)

    def title(self) -> str:
        return tr(self, "This client's details were changed by someone else")

    def explanation_text(self, who: str, when: str) -> str:
        conflict = self.conflict
        if conflict.changed_by is None and conflict.changed_at is None:
            saved = tr(self, "Someone else saved this client's details")
        else:
            saved = tr(self, "%1 saved this client's details at %2").arg(who).arg(when)
        return tr(self, "%1 (version %2) after you opened version %3, so nothing was saved. Your typing is "
                        "kept in the form. For each difference, keep yours or the stored one, then save.").arg(
            saved).arg(conflict.stored_version).arg(conflict.opened_version)

    def save_text(self) -> str:
        return tr(self, "Save this &version")

    def later_text(self) -> str:
        return tr(self, "&Back to the form")
