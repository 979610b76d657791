"""A visit someone else saved while you edited it: both versions, side by side, and a merge.

When a save names the version it opened and the stored visit has moved on,
nothing is overwritten. The person's own version is kept as a draft (under
``conflict_key``) until they choose theirs, the stored one, or a field-by-field
mix of the two. Plain Python: the window shows ``differences`` and calls
``merge`` with the fields the person keeps from their own version.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from db.records import ConflictError

if TYPE_CHECKING:  # the visit model loads where a conflict is compared, not on the way to the client list
    from desktop.clinical import model as m

# Field of ``m.Assessment`` -> what the comparison calls it.
FIELD_LABELS: dict[str, str] = {
    "performed_on": "Date of the visit",
    "performed_at": "Time of the visit",
    "clinician": "Clinician",
    "referrer": "Referrer",
    "reason": "Reason for referral",
    "body_mass_kg": "Body mass (kg)",
    "height_cm": "Height (cm)",
    "red_flags": "Red flags",
    "red_flags_acknowledged": "Red flags reviewed",
    "pain_nprs": "Pain (NPRS)",
    "odi_item_scores": "ODI section scores",
    "rmdq_total": "RMDQ total",
    "psfs": "PSFS activities",
    "trendelenburg_left": "Trendelenburg, left stance",
    "trendelenburg_right": "Trendelenburg, right stance",
    "hip_abduction": "Hip abduction strength",
    "summary_text": "Summary",
    "program": "Exercise program",
    "notes": "Notes",
}


def visit_fields() -> list[str]:
    """Every field of a visit: the labelled ones in the form's order, then any others."""
    from desktop.clinical import model as m

    names = [f.name for f in dataclasses.fields(m.Assessment)]
    return [n for n in FIELD_LABELS if n in names] + [n for n in names if n not in FIELD_LABELS]


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name) or name.replace("_", " ").capitalize()


def conflict_key(assessment_id: int) -> str:
    """Where the losing version waits (the command line keeps it under the same name)."""
    return f"conflict:assessment:{assessment_id}"


def describe(value: Any) -> str:
    """A short, readable text of one field's value (for the side-by-side comparison)."""
    if value is None:
        return "not recorded"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    from desktop.clinical.model import PsfsItem

    if isinstance(value, PsfsItem):
        return f"{value.activity}: {value.score:g}"
    if isinstance(value, tuple):
        if not value:
            return "none"
        if all(isinstance(v, int | float) or v is None for v in value):
            return ", ".join("-" if v is None else f"{v:g}" for v in value)
        return "; ".join(describe(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = []
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if item is None or item == () or item == "" or f.name in ("photo", "curves"):
                continue
            parts.append(f"{f.name.replace('_', ' ')} {describe(item)}")
        return ", ".join(parts) or "recorded"
    return str(value)


@dataclass(frozen=True)
class FieldDifference:
    field: str
    label: str
    yours: str
    theirs: str


@dataclass(eq=False)
class VisitConflict(Exception):
    """A save that lost the race: the person's version, the stored one, and who stored it when.

    ``theirs`` is None when the visit was deleted meanwhile. Raised by
    ``AssessmentService.save``; ``yours`` is already kept as a draft.
    """

    client_id: int
    assessment_id: int
    opened_version: int
    stored_version: int | None
    yours: m.Assessment
    theirs: m.Assessment | None
    changed_by: str | None
    changed_at: datetime | None

    def __str__(self) -> str:
        who = self.changed_by or "someone else"
        when = f" at {self.changed_at:%Y-%m-%d %H:%M} UTC" if self.changed_at else ""
        if self.theirs is None:
            return f"this visit was deleted by {who}{when} while you edited it; your version is kept as a draft"
        return (f"{who} saved this visit{when} (version {self.stored_version}) after you opened version "
                f"{self.opened_version}; nothing was overwritten and your version is kept as a draft")

    @property
    def draft_key(self) -> str:
        return conflict_key(self.assessment_id)

    def differences(self) -> list[FieldDifference]:
        """The fields on which the two versions differ, in the form's order (every field of a
        visit is compared, also one added after this list of labels was written)."""
        from desktop.clinical.model import Assessment

        theirs = self.theirs or Assessment(performed_on=self.yours.performed_on)
        return [
            FieldDifference(name, field_label(name), describe(getattr(self.yours, name)),
                            describe(getattr(theirs, name)))
            for name in visit_fields()
            if getattr(self.yours, name) != getattr(theirs, name)
        ]

    def merge(self, keep_mine: set[str] | frozenset[str]) -> m.Assessment:
        """The stored version with the fields in ``keep_mine`` taken from the person's own version."""
        unknown = set(keep_mine) - set(visit_fields())
        if unknown:
            raise ValueError(f"not a field of a visit: {', '.join(sorted(unknown))}")
        if self.theirs is None:
            return self.yours
        return dataclasses.replace(self.theirs, **{name: getattr(self.yours, name) for name in keep_mine})


# Field of ``m.Client`` -> what the comparison calls it, in the client form's order.
CLIENT_FIELD_LABELS: dict[str, str] = {
    "given_name": "Given name",
    "family_name": "Family name",
    "date_of_birth": "Date of birth",
    "sex": "Sex",
    "athlete_group": "Athlete population",
    "external_id": "File number",
    "phone": "Phone",
    "email": "Email",
    "notes": "Notes",
}


class ClientConflict(ConflictError):
    """A client's details saved by someone else after the form opened: the person's version
    (``your_details``), the stored one (``stored_details``, read just now, with the version it
    had), and who stored it when (None for a role that may not read the audit trail).

    ``fields`` are those the person may write (reception: names and contact details only);
    only those are compared and merged. Nothing was stored; the form still holds ``your_details``.
    (``yours`` and ``theirs`` are the version numbers, as on every ConflictError.)
    """

    def __init__(self, client_id: int, opened_version: int, stored_version: int, your_details: m.Client,
                 stored_details: m.Client, changed_by: str | None, changed_at: datetime | None,
                 fields: tuple[str, ...] = tuple(CLIENT_FIELD_LABELS)) -> None:
        super().__init__("client", client_id, opened_version, stored_version, changed_by, changed_at)
        self.client_id, self.opened_version, self.stored_version = client_id, opened_version, stored_version
        self.your_details, self.stored_details, self.fields = your_details, stored_details, fields

    def differences(self) -> list[FieldDifference]:
        """The fields the person may write on which the two versions differ, in the form's order."""
        return [
            FieldDifference(name, CLIENT_FIELD_LABELS[name], describe(getattr(self.your_details, name)) or "empty",
                            describe(getattr(self.stored_details, name)) or "empty")
            for name in self.fields
            if getattr(self.your_details, name) != getattr(self.stored_details, name)
        ]

    def merge(self, keep_mine: set[str] | frozenset[str]) -> m.Client:
        """The stored details with the fields in ``keep_mine`` taken from the person's own version."""
        unknown = set(keep_mine) - set(self.fields)
        if unknown:
            raise ValueError(f"not a field of a client this person may write: {', '.join(sorted(unknown))}")
        mine = {name: getattr(self.your_details, name) for name in keep_mine}
        return dataclasses.replace(self.stored_details, **mine)
