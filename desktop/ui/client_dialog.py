"""Create or edit a client, with messages beside the fields instead of pop-ups.

The date of birth has no default and must be typed; an unlikely age is asked
about once; a probable duplicate (same file number, or the same birth date and
the same or a similar name) is offered to open instead. Reading and saving go
through ``ClientService`` off the GUI thread.

While the form holds unsaved changes they are kept as a draft (per person and device, written on
the storage lane a moment after the last change), so a crash or a closed window loses no typing:
the form opens with them restored, and a successful save or Cancel removes the draft.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

import desktop.content  # noqa: F401  (registers the shipped exercise library and norm tables)
from desktop.clinical import model as m
from desktop.clinical.duplicates import SAME_FILE_NUMBER, SAME_NAME_AND_BIRTH
from desktop.clinical.norms import ATHLETE_GROUPS, athlete_group_label
from desktop.clinical.validation import age_question, validate_client
from desktop.services.app_services import AppServices
from desktop.services.clients import PossibleDuplicate
from desktop.services.conflicts import ClientConflict
from desktop.services.errors import plain_message
from desktop.ui.client_conflict_dialog import ClientConflictDialog
from desktop.ui.widgets import (
    Choice,
    FormGrid,
    TextEdit,
    accent,
    banner,
    draft_timer,
    set_banner_tone,
    set_tone,
    tr,
)
from desktop.ui.worker import mutate, query, run_in_background

DATE_FORMAT_HINT = "YYYY-MM-DD"


def sex_options(widget: QWidget) -> list[tuple[str, str]]:
    return [("unspecified", widget.tr("Not stated")), ("female", widget.tr("Female")),
            ("male", widget.tr("Male")), ("other", widget.tr("Other"))]


def athlete_options(widget: QWidget) -> list[tuple[str, str]]:
    return [("", widget.tr("Not an athlete (general population)"))] + [
        (key, widget.tr("Athlete: %1").replace("%1", label)) for key, label in ATHLETE_GROUPS.items()]


def parse_date(text: str) -> date | None:
    """An ISO date (YYYY-MM-DD, also with / or . between); None when it is not one."""
    cleaned = text.strip().replace("/", "-").replace(".", "-")
    parts = cleaned.split("-")
    if len(parts) != 3 or len(parts[0]) != 4:
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


class ClientDialog(QDialog):
    """Opened with ``open()`` (never blocks); emits ``saved(client_id)`` after a valid save,
    or ``open_requested(client_id)`` when the clinician opens a probable duplicate instead."""

    saved = Signal(int)
    open_requested = Signal(int)

    def __init__(self, services: AppServices, client_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = services.clients
        self.client_id = client_id
        self.task: Any = None
        self._age_confirmed: date | None = None
        self._allow_duplicates = False
        self._focused_once = False
        self.setWindowTitle(tr(self, "New client") if client_id is None else tr(self, "Edit client"))
        self.setMinimumWidth(540)
        self.given = TextEdit(tr(self, "Given name"), self)
        self.family = TextEdit(tr(self, "Family name"), self)
        self.dob = TextEdit(tr(self, "Date of birth, year-month-day"), self, placeholder=DATE_FORMAT_HINT,
                            width_chars=12)
        self.dob.setToolTip(tr(self, "Type the date of birth as year-month-day, e.g. 1971-03-14"))
        self.sex = Choice(tr(self, "Sex"), sex_options(self), self)
        self.athlete_group = Choice(tr(self, "Athlete population"), athlete_options(self), self)
        self.athlete_group.setToolTip(tr(self, "Reference values measured in athletes (e.g. professional "
                                               "footballers) are compared only for a client marked as that kind "
                                               "of athlete; the letter names the population"))
        self.external_id = TextEdit(tr(self, "File number"), self)
        self.phone = TextEdit(tr(self, "Phone"), self, placeholder=tr(self, "e.g. 0400 123 456"))
        self.email = TextEdit(tr(self, "Email"), self, placeholder=tr(self, "e.g. name@example.org"))
        self.notes = QPlainTextEdit(self)
        self.notes.setAccessibleName(tr(self, "Notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.message = banner("", "bad", self)
        self.message.hide()
        self.duplicates_box = QFrame(self)
        self.duplicates_box.setObjectName("duplicates")
        self.duplicates_layout = QVBoxLayout(self.duplicates_box)
        self.duplicates_box.hide()

        self.grid = FormGrid()
        self.grid.add("given_name", tr(self, "&Given name"), self.given)
        self.grid.add("family_name", tr(self, "&Family name"), self.family)
        self.grid.add("date_of_birth", tr(self, "&Date of birth"), self.dob)
        self.grid.add("sex", tr(self, "&Sex"), self.sex)
        self.grid.add("athlete_group", tr(self, "&Athlete"), self.athlete_group)
        self.grid.add("external_id", tr(self, "File n&umber"), self.external_id)
        self.grid.add("phone", tr(self, "&Phone"), self.phone)
        self.grid.add("email", tr(self, "&Email"), self.email)
        self.grid.add("notes", tr(self, "N&otes"), self.notes)
        self.version: int | None = None  # the stored version this edit started from
        self.conflict_dialog: ClientConflictDialog | None = None
        self.contact_only = not self.service.clinical_access
        if self.contact_only:
            # Reception writes names and contact details only: the clinical fields are not shown at all.
            for path in ("athlete_group", "notes"):
                self.grid.setRowVisible(self.grid.fields[path], False)
                self.grid.fields[path].editor.setEnabled(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        # The form scrolls inside the dialog, so the buttons stay on screen at any scaling.
        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.message)
        content_layout.addWidget(self.duplicates_box)
        content_layout.addLayout(self.grid)
        content_layout.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.buttons)
        order = [self.given, self.family, self.dob, self.sex, self.athlete_group, self.external_id, self.phone,
                 self.email, self.notes,
                 self.save_button, self.buttons.button(QDialogButtonBox.StandardButton.Cancel)]
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)
        self.dob.edited.connect(lambda: setattr(self, "_age_confirmed", None))
        for edit in (self.given, self.family, self.dob, self.external_id):
            edit.edited.connect(self._identity_edited)
        # Populations from the clinic's own reference tables join the list once read (off the GUI thread).
        query(services.norms.athlete_groups, owner=self, success=self._offer_groups)
        # The unsaved typing, kept as a draft under the client the form opened for (None: a new client).
        self.draft_client = client_id
        self.dirty = False
        self.draft_checked = False  # until the kept draft (if any) is read, nothing is written over it
        self._keep_draft = False
        self._draft_timer = draft_timer(self, self.save_draft_now)
        from desktop.ui.safety.idle_lock import current_lock

        idle_lock = current_lock()
        if idle_lock is not None:  # written before the lock hides the form (and signs out of a clinic server)
            idle_lock.locking.connect(self.save_draft_now)
        for changing in (self.given, self.family, self.dob, self.external_id, self.phone, self.email, self.sex,
                         self.athlete_group):
            changing.edited.connect(self._changed)
        self.notes.textChanged.connect(self._changed)
        self._loading = False
        if client_id is not None:
            self._set_busy(True, tr(self, "Loading…"))
            self.task = run_in_background(self.service.get_for_edit, client_id, on_success=self._loaded,
                                          on_error=self._failed)
        else:
            self._read_draft()

    def _loaded(self, found: tuple[m.Client, int]) -> None:
        client, self.version = found
        self._load(client)
        self._read_draft()

    # -- the draft of unsaved typing -------------------------------------------------

    def _read_draft(self) -> None:
        query(self.service.draft, self.draft_client, owner=self, success=self._restore_draft,
              failure=lambda _error: self._draft_read())

    def _draft_read(self) -> None:
        self.draft_checked = True
        if self.dirty:
            self._draft_timer.start()

    def _restore_draft(self, payload: dict[str, Any] | None) -> None:
        """Typing kept from a form that was not saved (the app closed or stopped): back in the form,
        with the stored version it was made from, so a change saved since is compared, never overwritten."""
        if payload and not self.dirty:
            fields = payload.get("fields", {})
            self._loading = True
            try:
                for name in ("given", "family", "dob", "external_id", "phone", "email"):
                    getattr(self, name).setText(str(fields.get(name, "")))
                self.sex.set_value(fields.get("sex") or "unspecified")
                group = str(fields.get("athlete_group") or "")
                if group and self.athlete_group.findData(group) < 0:
                    self.athlete_group.addItem(tr(self, "Athlete: %1").arg(athlete_group_label(group)), group)
                self.athlete_group.set_value(group)
                self.notes.setPlainText(str(fields.get("notes", "")))
            finally:
                self._loading = False
            if self.draft_client is not None and isinstance(payload.get("version"), int):
                self.version = payload["version"]
            self.dirty = True
            self._show_message(tr(self, "Your unsaved changes from last time are back in the form. Save keeps "
                                        "them; Cancel discards them."), "caution")
        self._draft_read()

    def draft_payload(self) -> dict[str, Any]:
        return {
            "fields": {
                "given": self.given.text(), "family": self.family.text(), "dob": self.dob.text(),
                "sex": self.sex.value(), "athlete_group": self.athlete_group.value(),
                "external_id": self.external_id.text(), "phone": self.phone.text(), "email": self.email.text(),
                "notes": self.notes.toPlainText(),
            },
            "version": self.version,
        }

    def _changed(self) -> None:
        if self._loading:
            return
        self.dirty = True
        if self.draft_checked:
            self._draft_timer.start()

    def save_draft_now(self) -> None:
        """Queue the form's typing as a draft (written off the GUI thread, in order with every other write)."""
        self._draft_timer.stop()
        if not self.dirty or not self.draft_checked:
            return
        mutate(self.service.keep_draft, self.draft_client, self.draft_payload(), owner=self)

    def _drop_draft(self) -> None:
        """Queued after any draft write still waiting, so the draft cannot come back."""
        self._draft_timer.stop()
        self.dirty = False
        mutate(self.service.drop_draft, self.draft_client)

    def reject(self) -> None:
        """Cancel discards the typing and its draft; closing the window (or the app) keeps the draft."""
        if self._keep_draft:
            self.save_draft_now()
        elif self.dirty or self.draft_checked:
            self._drop_draft()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._keep_draft = True
        try:
            super().closeEvent(event)
        finally:
            self._keep_draft = False

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.save_button.setEnabled(not busy)
        self.save_button.setText(text if busy else tr(self, "&Save"))

    def _load(self, client: m.Client) -> None:
        self._loading = True
        try:
            self._fill(client)
        finally:
            self._loading = False

    def _fill(self, client: m.Client) -> None:
        self._set_busy(False)
        self.given.setText(client.given_name)
        self.family.setText(client.family_name)
        self.dob.setText(client.date_of_birth.isoformat())
        self.sex.set_value(client.sex)
        if client.athlete_group and self.athlete_group.findData(client.athlete_group) < 0:
            # A population from a clinic's own table: kept as it is, named by its key.
            self.athlete_group.addItem(tr(self, "Athlete: %1").arg(athlete_group_label(client.athlete_group)),
                                       client.athlete_group)
        self.athlete_group.set_value(client.athlete_group or "")
        self.external_id.setText(client.external_id or "")
        self.phone.setText(client.phone or "")
        self.email.setText(client.email or "")
        self.notes.setPlainText(client.notes)
        self._age_confirmed = client.date_of_birth

    def _offer_groups(self, keys: list[str]) -> None:
        for key in keys:
            if self.athlete_group.findData(key) < 0:
                self.athlete_group.addItem(tr(self, "Athlete: %1").arg(athlete_group_label(key)), key)

    def _identity_edited(self) -> None:
        """A changed name, birth date or file number is checked for duplicates again."""
        self._allow_duplicates = False
        self.duplicates_box.hide()

    def client(self, date_of_birth: date) -> m.Client:
        return m.Client(
            given_name=self.given.text().strip(),
            family_name=self.family.text().strip(),
            date_of_birth=date_of_birth,
            sex=self.sex.value() or "unspecified",
            external_id=self.external_id.text().strip() or None,
            phone=self.phone.text().strip() or None,
            email=self.email.text().strip() or None,
            notes=self.notes.toPlainText(),
            athlete_group=self.athlete_group.value() or None,
        )

    def problems(self) -> tuple[dict[str, str], m.Client | None]:
        """Messages by field path, and the client when the date of birth could be read."""
        typed = self.dob.text().strip()
        born = parse_date(typed)
        client = self.client(born or date(2000, 1, 1))
        by_path = {p.path: p.message for p in validate_client(client)}
        if not typed:
            by_path["date_of_birth"] = tr(self, "is required: type it as year-month-day, e.g. 1971-03-14")
        elif born is None:
            by_path["date_of_birth"] = tr(self, "is not a date: type it as year-month-day, e.g. 1971-03-14")
        elif by_path.get("date_of_birth") == "must not be in the future":
            by_path["date_of_birth"] = tr(self, "is in the future (%1): check the year").arg(born.isoformat())
        return by_path, client if born is not None else None

    def save(self) -> bool:
        """Check the fields; store in the background when they pass. False when something needs attention."""
        if self.task is not None and not self.task.done:
            return False
        by_path, client = self.problems()
        for path, field in self.grid.fields.items():
            field.error.show_message(by_path.get(path))
        self._fit()
        if by_path or client is None:
            first = next(path for path in self.grid.fields if path in by_path)
            self.grid.fields[first].editor.setFocus()
            self._show_message(tr(self, "Please correct the highlighted fields."), "bad")
            return False
        question = age_question(client.date_of_birth)
        if question and self._age_confirmed != client.date_of_birth:
            self._age_confirmed = client.date_of_birth
            field = self.grid.fields["date_of_birth"]
            field.error.show_message(tr(self, question))
            set_tone(field.error, "caution")
            self.dob.setFocus()
            self._show_message(tr(self, "Check the date of birth. If it is right, press Save again."), "caution")
            return False
        self.message.hide()
        self._set_busy(True, tr(self, "Saving…"))
        self.task = run_in_background(self.service.save, client, self.client_id,
                                      allow_duplicates=self._allow_duplicates, expected_version=self.version,
                                      on_success=self._saved, on_error=self._failed)
        return True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._focused_once:
            self._focused_once = True
            self._fit()
            self.given.setFocus()  # typing starts in the first field, never on a button

    def _fit(self) -> None:
        """As tall as the form needs, up to the screen's height (then the form scrolls)."""
        content = self.scroll.widget()
        content.layout().activate()
        wanted = content.sizeHint().height() + self.buttons.sizeHint().height() + 40
        available = self.screen().availableGeometry() if self.screen() is not None else None
        limit = available.height() - 40 if available is not None else wanted
        self.resize(self.width(), max(self.height(), min(wanted, limit)))
        if available is not None and self.isVisible():
            frame = self.frameGeometry()
            if frame.bottom() > available.bottom():  # grown past the screen's edge: move up
                self.move(frame.x(), max(available.top(), available.bottom() - frame.height()))

    def _show_message(self, text: str, meaning: str) -> None:
        self.message.setText(text)
        set_banner_tone(self.message, meaning)
        self.message.show()
        self._fit()

    def _saved(self, outcome: int | list[PossibleDuplicate]) -> None:
        self._set_busy(False)
        if isinstance(outcome, list):
            self.show_duplicates(outcome)
            return
        self.client_id = outcome
        self._drop_draft()
        self.saved.emit(outcome)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, ClientConflict):
            self.show_conflict(error)
            return
        self._show_message(tr(self, "Nothing was saved: %1. Your typing is still here; try Save again.")
                           .arg(plain_message(error)), "bad")

    # -- possible duplicates --------------------------------------------------------

    def reason_text(self, reason: str) -> str:
        if reason == SAME_FILE_NUMBER:
            return tr(self, "same file number")
        if reason == SAME_NAME_AND_BIRTH:
            return tr(self, "same name and date of birth")
        return tr(self, "similar name, same date of birth")

    def show_duplicates(self, found: list[PossibleDuplicate]) -> None:
        """Offer each probable duplicate to open, or saving as a new client anyway."""
        while self.duplicates_layout.count():
            item = self.duplicates_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
            elif item.layout() is not None:
                while item.layout().count():
                    child = item.layout().takeAt(0)
                    if child.widget() is not None:
                        child.widget().deleteLater()
        colour = accent(self.duplicates_box, "caution").name()
        self.duplicates_box.setStyleSheet(
            f"QFrame#duplicates {{ border: 2px solid {colour}; border-radius: 6px; }}")
        title = QLabel(tr(self, "<b>This client may already be in Medius.</b> Open the existing record to keep "
                                "one history, or save a new client if this is someone else."), self.duplicates_box)
        title.setWordWrap(True)
        self.duplicates_layout.addWidget(title)
        self.open_buttons: list[QPushButton] = []
        for candidate in found:
            row = QHBoxLayout()
            details = [tr(self, "born %1").arg(candidate.date_of_birth.isoformat())]
            if candidate.external_id:
                details.append(tr(self, "file %1").arg(candidate.external_id))
            details.append(tr(self, "%1 visits").arg(candidate.visits) if candidate.visits != 1
                           else tr(self, "1 visit"))
            text = QLabel(f"<b>{_escape(candidate.display_name)}</b>, {', '.join(details)} "
                          f"({self.reason_text(candidate.reason)})", self.duplicates_box)
            text.setWordWrap(True)
            button = QPushButton(tr(self, "Open this client"), self.duplicates_box)
            button.setAccessibleName(tr(self, "Open %1").arg(candidate.display_name))
            button.clicked.connect(lambda _c=False, cid=candidate.client_id: self._open_existing(cid))
            row.addWidget(text, 1)
            row.addWidget(button)
            self.duplicates_layout.addLayout(row)
            self.open_buttons.append(button)
        self.save_anyway_button = QPushButton(tr(self, "Save as a &new client anyway"), self.duplicates_box)
        self.save_anyway_button.clicked.connect(self._save_anyway)
        anyway = QHBoxLayout()
        anyway.addStretch(1)
        anyway.addWidget(self.save_anyway_button)
        self.duplicates_layout.addLayout(anyway)
        self.duplicates_box.show()
        self._fit()
        if self.open_buttons:
            self.open_buttons[0].setFocus()

    def show_conflict(self, conflict: ClientConflict) -> None:
        """Someone else saved these details after this form opened (nothing was overwritten): both
        versions side by side. The form keeps every typed value until a choice is saved; going back
        leaves it as it was, and Save there asks again."""
        self.conflict_dialog = ClientConflictDialog(conflict, self)
        self.conflict_dialog.chosen.connect(lambda merged: self._save_merged(conflict, merged))
        self.conflict_dialog.rejected.connect(self._conflict_postponed)
        self.conflict_dialog.open()

    def _conflict_postponed(self) -> None:
        self._show_message(tr(self, "Someone else saved this client's details after you opened them, so nothing "
                                    "was saved. Your typing is still here; press Save to compare again."), "caution")

    def _save_merged(self, conflict: ClientConflict, merged: m.Client) -> None:
        """The chosen mix goes into the form and is saved over the stored version it was made from
        (a further change meanwhile is another conflict, compared again)."""
        self.version = conflict.stored_version
        self._load(merged)
        self.save()

    def _open_existing(self, client_id: int) -> None:
        self.open_requested.emit(client_id)
        self.reject()

    def _save_anyway(self) -> None:
        self._allow_duplicates = True
        self.duplicates_box.hide()
        self.save()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
