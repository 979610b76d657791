"""The clinic profile read through ClinicService: letterhead and the visit's clinician sign the letter."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

from report_examples import SETTINGS, all_text, design_assessment

from desktop.clinical.model import Client, Clinician, ClinicProfile, ClinicSettings
from desktop.paths import AppPaths, resolve_paths
from desktop.services.clinic import ClinicService, signing_clinician
from desktop.services.database import open_repository
from desktop.services.reports import build_report_data, export_report

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema-0001.sqlite3"
MIA = Clinician("Mia Chen", "BPhty (Hons), APAM", "PHY0001234567", "0400 111 222")
JO = Clinician("Jo Smith", "MPhty", "PHY0007654321")


def test_profile_round_trips_and_the_first_clinician_is_the_settings_clinician(data_dir: Path) -> None:
    service = ClinicService(open_repository(resolve_paths(data_dir)))
    assert service.profile() == ClinicProfile(ClinicSettings(), ())
    assert not service.profile().is_set_up
    stored = service.save(ClinicProfile(replace(SETTINGS, clinician_name=""), (MIA, JO, Clinician("  "))))
    assert [c.name for c in stored.clinicians] == ["Mia Chen", "Jo Smith"]
    assert all(c.id is not None for c in stored.clinicians)
    assert stored.settings.clinician_name == "Mia Chen" and stored.settings.clinician_credentials == MIA.qualifications
    assert stored.is_set_up
    # Removing one and editing the other keeps the edited row's id.
    edited = replace(stored.clinicians[1], phone="03 9555 0101")
    again = service.save(replace(stored, clinicians=(edited,)))
    assert again.clinicians == (edited,)


def test_the_visit_clinician_signs_with_listed_details_and_an_unlisted_name_by_name_alone() -> None:
    profile = ClinicProfile(SETTINGS, (MIA, JO))
    assert signing_clinician(profile, " jo  smith ") == JO
    assert signing_clinician(profile, "A. Locum") == Clinician("A. Locum")
    assert signing_clinician(profile, None) == MIA
    assert signing_clinician(ClinicProfile(SETTINGS, ()), "") is None


def test_the_letter_prints_letterhead_and_the_visit_clinicians_qualifications_and_registration(
        data_dir: Path, tmp_path: Path) -> None:
    repo = open_repository(resolve_paths(data_dir))
    ClinicService(repo).save(ClinicProfile(SETTINGS, (MIA, JO)))
    visit = replace(design_assessment(), clinician="Jo Smith")
    _cid, (assessment_id,) = repo.add_client(Client("Ana", "Nguyen", date(1971, 3, 14), "female"), [visit])
    data = build_report_data(repo, assessment_id, today=date(2026, 10, 2))
    assert data.clinician == replace(JO, id=data.clinician.id if data.clinician else None)
    text = all_text(export_report(repo, assessment_id, tmp_path / "letter.pdf", today=date(2026, 10, 2)).read_bytes())
    assert "Harbourside Physiotherapy" in text and "14 Wharf Street" in text and "+61 3 9555 0134" in text
    assert "Jo Smith" in text and "MPhty" in text and "Registration PHY0007654321" in text
    assert "PHY0001234567" not in text  # the other clinician's number never appears


def test_upgrading_revision_0001_moves_the_single_clinician_into_the_list(data_dir: Path) -> None:
    paths = AppPaths(data_dir).ensure()
    shutil.copy2(FIXTURE, paths.database)
    conn = sqlite3.connect(paths.database)
    with conn:
        conn.execute("DELETE FROM clinic_settings")
        conn.execute(
            "INSERT INTO clinic_settings (id, clinic_name, address, phone, email, website, provider_number, "
            "clinician_name, clinician_credentials, default_unit, page_size, active_norm_table, idle_lock_minutes) "
            "VALUES (1, 'Harbour', '', '', '', '', '', 'Jo Smith', 'BPhty', 'N', 'A4', 'builtin', 10)")
    conn.close()
    profile = ClinicService(open_repository(paths)).profile()
    assert [(c.name, c.qualifications) for c in profile.clinicians] == [("Jo Smith", "BPhty")]
