"""Privacy requests: give a client everything held about them; delete a client for good.

The export is the exchange JSON (machine-readable, re-importable) plus a
plain PDF a person can read: details, every recorded input of every visit,
and the access log. File names carry the record number, never the name.
Deleting removes the client, their visits and drafts in one transaction;
the audit trail keeps a non-identifying entry (record number and counts),
and the confirmation says plainly that older backups hold the data until
they rotate out.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.services.backup import KEEP_DAILY, KEEP_MONTHLY, KEEP_WEEKLY
from desktop.services.files import publish_audited, write_hidden

if TYPE_CHECKING:
    from db.repository import Repository

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrivacyExport:
    json_path: Path
    pdf_path: Path
    assessments: int
    photos: tuple[Path, ...] = ()
    # False when the data folder is read-only: the files were written, but the export is not in the audit trail.
    audited: bool = True


def _hidden_photos(repo: Repository, client_id: int, folder: Path) -> list[tuple[Path, Path]]:
    """Every stored Trendelenburg photo of the client as a hidden JPEG (they are not in the JSON),
    paired with its final name; published with the other files once the export is audited."""
    out: list[tuple[Path, Path]] = []
    try:
        held = repo.client_photos(client_id)
        for index, (assessment_id, side, kind, photo) in enumerate(held, start=1):
            visit = f"visit-{assessment_id}" if assessment_id is not None else "unsaved-visit"
            final = folder / f"{visit}-{side}-stance-{kind.replace('_', '-')}-{index}.jpg"
            out.append((write_hidden(final, photo.jpeg, "the client's photos"), final))
    except BaseException:
        for hidden, _final in out:
            hidden.unlink(missing_ok=True)
        raise
    return out


def export_basename(client_id: int, today: date | None = None) -> str:
    return f"medius-client-{client_id}-record-{(today or date.today()).isoformat()}"


def delete_warning(client_id: int, assessments: int) -> str:
    """The confirmation text: what goes, what stays, for how long."""
    return (
        f"Delete client record #{client_id} and its {assessments} assessment(s)? This cannot be undone.\n\n"
        "Older backups still hold this client's data until they rotate out: daily backups after "
        f"{KEEP_DAILY} days, weekly after {KEEP_WEEKLY} weeks, monthly after {KEEP_MONTHLY} months. "
        "Copies you saved elsewhere (exports, reports, manual backups) are not touched.\n\n"
        f"The audit trail keeps only a note that record #{client_id} was deleted, without the name or details."
    )


def delete_client(repo: Repository, client_id: int) -> None:
    """Remove the client, every visit and every draft; the audit keeps record number and counts only."""
    repo.delete_client(client_id)
    log.info("client %d deleted", client_id)


def export_client_data(repo: Repository, client_id: int, folder: Path, *, today: date | None = None) -> PrivacyExport:
    """Write the JSON and PDF of everything held about ``client_id`` into ``folder``."""
    from desktop.services.assessments import compute_with_settings
    from desktop.services.exchange import exchange_bytes, export_document

    document = export_document(repo, [client_id], results_for=compute_with_settings(repo))
    events = repo.audit_events(client_id)
    drafts = repo.list_drafts(f"client:{client_id}:")
    base = export_basename(client_id, today)
    folder.mkdir(parents=True, exist_ok=True)
    json_path = folder / f"{base}.json"
    pdf_path = folder / f"{base}.pdf"
    pdf = render_record_pdf(document["clients"][0], events, len(drafts), today)
    count = len(document["clients"][0]["assessments"])
    # Every file stays hidden until the audit event is recorded (services.files).
    hidden_json = write_hidden(json_path, exchange_bytes(document), "the client's data")
    hidden_photos: list[tuple[Path, Path]] = []
    try:
        hidden_photos = _hidden_photos(repo, client_id, folder / f"{base}-photos")
        detail = f"assessments={count} files=json,pdf"
        if hidden_photos:
            detail += f",jpeg photos={len(hidden_photos)}"
        audited = publish_audited(pdf_path, pdf, lambda: repo.record_event(
            "privacy_export", "client", client_id, client_id, detail), what="the client's data")
        os.replace(hidden_json, json_path)
        for hidden, final in hidden_photos:
            os.replace(hidden, final)
    finally:
        hidden_json.unlink(missing_ok=True)
        for hidden, _final in hidden_photos:
            hidden.unlink(missing_ok=True)
    photos = tuple(final for _hidden, final in hidden_photos)
    for path in (json_path, pdf_path, *photos):
        if os.name == "posix":
            os.chmod(path, 0o600)
    log.info("privacy export written for client %d", client_id)
    return PrivacyExport(json_path, pdf_path, count, photos, audited)


# ---------------------------------------------------------------------------
# The readable PDF

_LABELS = {
    "given_name": "Given name", "family_name": "Family name", "date_of_birth": "Date of birth", "sex": "Sex",
    "external_id": "Clinic file number", "phone": "Phone", "email": "Email", "notes": "Notes",
}


def _flatten(value: Any, prefix: str = "") -> list[tuple[str, str]]:
    """Nested inputs as readable "path: value" lines, skipping empty values."""
    if isinstance(value, dict):
        out: list[tuple[str, str]] = []
        for key, item in value.items():
            out += _flatten(item, f"{prefix}{key.replace('_', ' ')} › ")
        return out
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            shown = ", ".join("—" if v is None else str(v) for v in value)
            return [(prefix.rstrip(" ›"), shown)] if value else []
        out = []
        for index, item in enumerate(value, start=1):
            out += _flatten(item, f"{prefix}{index} › ")
        return out
    if value is None or value == "":
        return []
    if isinstance(value, bool):
        value = "yes" if value else "no"
    return [(prefix.rstrip(" ›"), str(value))]


def render_record_pdf(client: dict[str, Any], events: list[Any], drafts: int, today: date | None = None) -> bytes:
    """A plain, embedded-font PDF of one client's record and access log."""
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from desktop.report import fonts
    from desktop.report.wording import nfc, xml

    names = fonts.register_fonts()
    fallback = fonts.ensure_fallback()

    def text(value: str) -> str:
        raw = nfc(value)
        if fallback is None:
            return xml(raw)
        parts = []
        for ch in raw:
            escaped = xml(ch)
            use = not fonts.primary_covers(ch) and fonts.fallback_covers(ch)
            parts.append(f'<font name="{fallback}">{escaped}</font>' if use else escaped)
        return "".join(parts)

    body = ParagraphStyle("Body", fontName=names.regular, fontSize=9.5, leading=12.5)
    small = ParagraphStyle("Small", parent=body, fontSize=8, leading=10)
    heading = ParagraphStyle("Heading", parent=body, fontName=names.bold, fontSize=12.5, leading=16, spaceBefore=8,
                             spaceAfter=4)
    title = ParagraphStyle("Title", parent=heading, fontSize=16, leading=20)

    def table(rows: list[tuple[str, str]], widths: tuple[float, float]) -> Table:
        data = [[Paragraph(text(k), small), Paragraph(text(v), body)] for k, v in rows] or [
            [Paragraph("—", small), Paragraph("nothing recorded", body)]]
        t = Table(data, colWidths=widths)
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey)]))
        return t

    story: list[Any] = [
        Paragraph("Personal information held by this clinic", title),
        Paragraph(text(f"Record #{client.get('id')} · prepared {(today or date.today()).isoformat()} "
                       "from the clinic's Medius database."), body),
        Spacer(1, 4 * mm),
        Paragraph("Personal details", heading),
        table([(_LABELS.get(k, k), str(v)) for k, v in client.items()
               if k in _LABELS and v not in (None, "")], (45 * mm, 125 * mm)),
    ]
    for index, visit in enumerate(client.get("assessments", []), start=1):
        inputs = {k: v for k, v in visit.items() if k not in ("id", "results")}
        story += [Paragraph(text(f"Assessment {index} — {visit.get('performed_on', '')}"), heading),
                  table(_flatten(inputs), (65 * mm, 105 * mm))]
    story += [
        Paragraph("Unsaved drafts", heading),
        Paragraph(f"{drafts} draft(s) of work in progress are held for this record.", body),
        Paragraph("Access log (who did what, when)", heading),
        table([(e.at.strftime("%Y-%m-%d %H:%M"), f"{e.actor}: {e.action} {e.entity}"
                + (f" #{e.entity_id}" if e.entity_id else "") + (f" ({e.detail})" if e.detail else ""))
               for e in events], (35 * mm, 135 * mm)),
    ]
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=f"Record #{client.get('id')}", author="Medius",
                            creator="Medius", subject="Personal information held")
    doc.build(story)
    return out.getvalue()
