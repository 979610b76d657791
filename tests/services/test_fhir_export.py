"""FHIR R4 export: every Bundle validates against the fhir.resources R4B models; values are the recorded ones."""

from __future__ import annotations

import base64
import json
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle

from desktop.cli import main
from desktop.clinical import model as m
from desktop.paths import resolve_paths
from desktop.services import fhir_codes as codes
from desktop.services.assessments import compute
from desktop.services.database import open_repository
from desktop.services.demo import add_demo_clients
from desktop.services.fhir import export_fhir, fhir_bundle

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 12, 2)


def validate(bundle: dict[str, Any]) -> Bundle:
    return Bundle.model_validate(bundle)


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def coded(resource: dict[str, Any], code: codes.Code) -> bool:
    return any(cd["system"] == code.system and cd["code"] == code.code for cd in resource["code"]["coding"])


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Any:
    repo = open_repository(resolve_paths(tmp_path_factory.mktemp("fhir")), None)
    add_demo_clients(repo, today=TODAY)
    return repo


@pytest.fixture(scope="module")
def athlete() -> m.ClientRecord:
    """A footballer seen twice: the first visit timed (10:15) with left trial 3 set aside, the second untimed."""
    client = m.Client("Mia", "Okafor", date(1998, 4, 9), sex="female", athlete_group="professional_football")
    timed = m.Assessment(
        performed_on=date(2026, 11, 3), performed_at=time(10, 15), red_flags=(), pain_nprs=3, body_mass_kg=70.0,
        hip_abduction=m.HipAbduction(
            method="hhd", position="side_lying", unit="N",
            left=m.HhdSide((150.0, 158.0, 240.0), 80.0,
                           excluded=m.TrialExclusion(3, "Pad slipped; she pushed with the trunk")),
            right=m.HhdSide((120.0, 118.0, 125.0), 80.0)))
    untimed = m.Assessment(performed_on=date(2026, 11, 17), red_flags=(), pain_nprs=2)
    return m.ClientRecord(7, client, ((11, timed), (12, untimed)))


@pytest.fixture(scope="module")
def all_bundle(demo: Any) -> dict[str, Any]:
    return export_fhir(demo, demo.all_client_ids())


def test_the_whole_clinic_bundle_validates_with_r4b_models(all_bundle: dict[str, Any]) -> None:
    model = validate(all_bundle)
    assert model.type == "collection"
    kinds = {e["resource"]["resourceType"] for e in all_bundle["entry"]}
    assert kinds == {"Patient", "Observation", "DocumentReference"}
    urls = [e["fullUrl"] for e in all_bundle["entry"]]
    assert len(urls) == len(set(urls))


def test_each_client_bundle_validates(demo: Any) -> None:
    for client_id in demo.all_client_ids():
        bundle = export_fhir(demo, [client_id], with_documents=False)
        validate(bundle)
        assert len(resources(bundle, "Patient")) == 1


def test_nprs_observation_carries_the_recorded_value(demo: Any, all_bundle: dict[str, Any]) -> None:
    patients = {p["identifier"][0]["value"]: f"urn:uuid:{p['id']}" for p in resources(all_bundle, "Patient")}
    nprs = [o for o in resources(all_bundle, "Observation") if coded(o, codes.NPRS)]
    checked = 0
    for client_id in demo.all_client_ids():
        record = demo.get_client(client_id)
        for _aid, assessment in record.assessments:
            found = [o for o in nprs if o["subject"]["reference"] == patients[str(client_id)]
                     and o["effectiveDateTime"] == assessment.performed_on.isoformat()]
            if assessment.pain_nprs is None:
                assert not found
                continue
            assert [o["valueInteger"] for o in found] == [assessment.pain_nprs]
            assert found[0]["code"]["coding"][0] == {"system": "http://loinc.org", "code": "72514-3",
                                                      "display": codes.NPRS.display}
            checked += 1
    assert checked >= 5


def test_the_time_of_assessment_rides_beside_a_date_only_effective_date(athlete: m.ClientRecord) -> None:
    bundle = fhir_bundle([athlete], compute, lambda aid: b"%PDF-1.4 letter" if aid == 11 else None)
    model = validate(bundle)
    timed = [e["resource"] for e in bundle["entry"] if e["resource"].get("effectiveDateTime") == "2026-11-03"
             or e["resource"]["resourceType"] == "DocumentReference"]
    untimed = [o for o in resources(bundle, "Observation") if o.get("effectiveDateTime") == "2026-11-17"]
    assert len(timed) >= 5 and untimed
    for resource in timed:
        # 10:15 local clock, no zone offset known: hh:mm:ss in a time extension, never 2026-11-03T10:15.
        assert resource["extension"] == [{"url": "urn:medius:fhir:StructureDefinition:local-time-of-assessment",
                                          "valueTime": "10:15:00"}]
    for resource in untimed:
        assert "extension" not in resource and resource["effectiveDateTime"] == "2026-11-17"
    parsed = [e.resource for e in model.entry if e.resource.get_resource_type() == "Observation"]
    assert {ext.valueTime for o in parsed for ext in (o.extension or [])} == {time(10, 15)}


def test_the_athletes_population_is_a_social_history_observation_of_the_client(athlete: m.ClientRecord) -> None:
    rower = m.ClientRecord(8, m.Client("Tom", "Berg", date(2001, 2, 3), athlete_group="elite_rowing"), ())
    plain = m.ClientRecord(9, m.Client("Ann", "Lee", date(1960, 5, 6)), ())
    bundle = fhir_bundle([athlete, rower, plain], compute)
    validate(bundle)
    patients = {p["identifier"][0]["value"]: f"urn:uuid:{p['id']}" for p in resources(bundle, "Patient")}
    found = {o["subject"]["reference"]: o for o in resources(bundle, "Observation") if coded(o, codes.ATHLETE_GROUP)}
    assert set(found) == {patients["7"], patients["8"]}
    football = found[patients["7"]]
    assert football["category"] == [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                                 "code": "social-history", "display": "Social History"}]}]
    assert football["valueCodeableConcept"] == {
        "coding": [{"system": "urn:medius:fhir:CodeSystem:athlete-group", "code": "professional_football",
                    "display": "professional football (soccer)"}],
        "text": "Athlete: professional football (soccer)"}
    assert "effectiveDateTime" not in football  # the client's standing, not one visit's finding
    rowing = found[patients["8"]]["valueCodeableConcept"]
    assert rowing["coding"][0]["code"] == "elite_rowing" and rowing["text"] == "Athlete: elite rowing"


def test_an_outlier_trial_set_aside_is_shown_with_its_reason_and_left_out_of_the_values(
        athlete: m.ClientRecord) -> None:
    bundle = fhir_bundle([athlete], compute)
    validate(bundle)
    hhd = {o["bodySite"]["text"]: o for o in resources(bundle, "Observation") if coded(o, codes.PEAK_FORCE)}
    left, right = hhd["Left hip"], hhd["Right hip"]
    parts = {cp["code"]["coding"][0]["code"]: cp for cp in left["component"]}
    # Left 150, 158 and 240 N with trial 3 set aside: peak 158 (not 240), mean (150 + 158) / 2 = 154,
    # CV 100 x sqrt(32) / 154 = 3.67 -> 3.7, torque 158 x 0.80 = 126.4 N.m, 126.4 / 70 = 1.806 N.m/kg,
    # 100 x 158 / (70 x 9.80665) = 23.02 % of body weight, from 2 trials.
    assert left["valueQuantity"]["value"] == 158.0
    assert parts["hip-abduction-mean-force"]["valueQuantity"]["value"] == 154.0
    assert parts["hip-abduction-force-cv"]["valueQuantity"]["value"] == 3.7
    assert parts["hip-abduction-torque"]["valueQuantity"]["value"] == 126.4
    assert parts["hip-abduction-torque-per-kg"]["valueQuantity"]["value"] == 1.806
    assert parts["hip-abduction-force-pct-bw"]["valueQuantity"]["value"] == 23.02
    assert parts["hip-abduction-trials-used"]["valueInteger"] == 2
    assert parts["hip-abduction-excluded-trial-number"]["valueInteger"] == 3
    assert parts["hip-abduction-excluded-trial-force"]["valueQuantity"] == {
        "value": 240.0, "unit": "N", "system": "http://unitsofmeasure.org", "code": "N"}
    assert parts["hip-abduction-excluded-trial-reason"]["valueString"] == "Pad slipped; she pushed with the trunk"
    assert left["note"] == [{"text": "Left trial 3 (240 N) was set aside as an outlier: Pad slipped; she pushed "
                                     "with the trunk. Peak, mean and CV are of the other 2 trials."}]
    # Right 120, 118, 125 N, all used: no note, no exclusion parts, 3 trials.
    right_parts = {cp["code"]["coding"][0]["code"]: cp for cp in right["component"]}
    assert "note" not in right and right["valueQuantity"]["value"] == 125.0
    assert right_parts["hip-abduction-trials-used"]["valueInteger"] == 3
    assert not [code for code in right_parts if "excluded" in code]
    # LSI on torque: 125 x 0.80 = 100.0 against 126.4 -> 100 x 100 / 126.4 = 79.1 % (with trial 3: 52.1 %).
    lsi = next(o for o in resources(bundle, "Observation") if coded(o, codes.LSI))
    assert lsi["valueQuantity"]["value"] == 79.1
    assert lsi["method"]["text"].endswith("; on torque; without left trial 3 (set aside as an outlier)")


def test_the_three_facts_survive_storage_into_the_exported_bundle(athlete: m.ClientRecord, tmp_path: Path) -> None:
    repo = open_repository(resolve_paths(tmp_path), None)
    client_id, _ = repo.add_client(athlete.client, [a for _aid, a in athlete.assessments])
    bundle = export_fhir(repo, [client_id], with_documents=False)
    validate(bundle)
    observations = resources(bundle, "Observation")
    population = [o for o in observations if coded(o, codes.ATHLETE_GROUP)]
    assert [o["valueCodeableConcept"]["coding"][0]["code"] for o in population] == ["professional_football"]
    nprs = {o["effectiveDateTime"]: o.get("extension") for o in observations if coded(o, codes.NPRS)}
    assert nprs == {"2026-11-03": [{"url": codes.TIME_OF_ASSESSMENT, "valueTime": "10:15:00"}], "2026-11-17": None}
    left = next(o for o in observations if coded(o, codes.PEAK_FORCE) and o["bodySite"]["text"] == "Left hip")
    assert left["valueQuantity"]["value"] == 158.0 and left["note"][0]["text"].startswith("Left trial 3 (240 N)")


def test_trendelenburg_per_stance_side_with_body_site_and_method(all_bundle: dict[str, Any]) -> None:
    tests = [o for o in resources(all_bundle, "Observation") if coded(o, codes.TRENDELENBURG)]
    assert tests
    sites = {o["bodySite"]["coding"][0]["code"] for o in tests}
    assert sites == {codes.LEFT_HIP.code, codes.RIGHT_HIP.code}
    for obs in tests:
        assert obs["method"]["coding"][0]["code"] == codes.TRENDELENBURG_METHOD.code
        result = obs["valueCodeableConcept"]["coding"][0]["code"]
        assert result in codes.TRENDELENBURG_RESULTS
        if result == "negative":
            assert obs["interpretation"][0]["coding"][0]["code"] == "N"


def test_strength_in_ucum_units_matches_the_computed_results(demo: Any) -> None:
    client_id = demo.all_client_ids()[0]
    record = demo.get_client(client_id)
    visits = [(aid, a) for aid, a in record.assessments]
    results = compute(record.client, visits, 0).to_json()
    bundle = fhir_bundle([record], compute)
    validate(bundle)
    first_day = visits[0][1].performed_on.isoformat()
    observations = [o for o in resources(bundle, "Observation") if o.get("effectiveDateTime") == first_day]
    hhd = {o["bodySite"]["text"].split()[0].lower(): o for o in observations if coded(o, codes.PEAK_FORCE)}
    for side in ("left", "right"):
        expected = results["hip_abduction"][side]
        obs = hhd[side]
        assert obs["valueQuantity"] == {"value": expected["peak_force_n"], "unit": "N",
                                        "system": "http://unitsofmeasure.org", "code": "N"}
        parts = {cp["code"]["coding"][0]["code"]: cp.get("valueQuantity") for cp in obs["component"]}
        assert parts[codes.TORQUE.code]["value"] == expected["torque_nm"] and parts[codes.TORQUE.code]["code"] == "N.m"
        assert parts[codes.TORQUE_PER_KG.code]["code"] == "N.m/kg"
        assert parts[codes.TORQUE_PER_KG.code]["value"] == expected["torque_nm_per_kg"]
    lsi = [o for o in observations if coded(o, codes.LSI)]
    assert [o["valueQuantity"]["value"] for o in lsi] == [results["hip_abduction"]["lsi_pct"]]
    odi = [o for o in observations if coded(o, codes.ODI_TOTAL)]
    assert odi[0]["valueQuantity"]["value"] == results["odi_pct"]
    sections = [cp for cp in odi[0]["component"] if cp["code"]["coding"][0]["code"].startswith("odi-section-")]
    assert len(sections) == 10


def test_unanswered_items_and_untested_sides_are_absent_not_normal(tmp_path: Path) -> None:
    repo = open_repository(resolve_paths(tmp_path), None)
    client = m.Client("Ana", "Nguyễn", date(1971, 3, 14))
    visit = m.Assessment(performed_on=date(2026, 10, 2), pain_nprs=None, red_flags=None,
                         odi_item_scores=(2, None, 3, 1, 0, 2, 1, 1, 2, 1),
                         trendelenburg_left=m.TrendelenburgSide(hold_s=30), body_mass_kg=70.0,
                         hip_abduction=m.HipAbduction(method="mmt", position="side_lying", left=m.MmtSide(4, "-"),
                                                      right=None))
    client_id, _ = repo.add_client(client, [visit])
    bundle = export_fhir(repo, [client_id], with_documents=False)
    validate(bundle)
    observations = resources(bundle, "Observation")
    assert not [o for o in observations if coded(o, codes.NPRS)]
    tb = [o for o in observations if coded(o, codes.TRENDELENBURG)]
    assert [o["bodySite"]["coding"][0]["code"] for o in tb] == [codes.LEFT_HIP.code]
    mmt = [o for o in observations if coded(o, codes.MMT_GRADE)]
    assert [o["valueString"] for o in mmt] == ["4-"]
    odi = next(o for o in observations if coded(o, codes.ODI_TOTAL))
    second = next(cp for cp in odi["component"] if cp["code"]["coding"][0]["code"] == "odi-section-2")
    assert second["dataAbsentReason"]["coding"][0]["code"] == "asked-unknown" and "valueInteger" not in second
    patient = resources(bundle, "Patient")[0]
    assert patient["name"][0]["family"] == "Nguyễn"
    screening = next(o for o in observations if coded(o, codes.SCREENING))
    assert screening["dataAbsentReason"]["coding"][0]["code"] == "not-performed"
    assert "valueCodeableConcept" not in screening


def test_red_flags_and_the_referral_document(demo: Any, all_bundle: dict[str, Any]) -> None:
    screening = [o for o in resources(all_bundle, "Observation") if coded(o, codes.SCREENING)]
    assessments = sum(len(demo.get_client(cid).assessments) for cid in demo.all_client_ids())
    assert len(screening) == assessments
    urgent = [o for o in screening
              if o["valueCodeableConcept"]["coding"][0]["code"] == codes.SCREENING_RESULTS["urgent"].code]
    assert urgent and all(o["component"] for o in urgent)
    flags = {cp["valueCodeableConcept"]["coding"][0]["code"] for o in urgent for cp in o["component"]}
    assert any(flag.startswith("ces_") for flag in flags)
    documents = resources(all_bundle, "DocumentReference")
    assert documents
    for document in documents:
        attachment = document["content"][0]["attachment"]
        assert attachment["contentType"] == "application/pdf"
        assert base64.b64decode(attachment["data"]).startswith(b"%PDF")
        assert document["type"]["coding"][0]["code"] == codes.REFERRAL_NOTE.code


def test_cli_writes_fhir_and_keeps_the_exchange_default(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    out = data_dir / "bundle.json"
    assert main(["--data-dir", str(data_dir), "export", "--client", "1", "--format", "fhir", "--out", str(out)]) == 0
    validate(json.loads(out.read_text(encoding="utf-8")))
    plain = data_dir / "plain.json"
    assert main(["--data-dir", str(data_dir), "export", "--all", "--out", str(plain)]) == 0
    assert json.loads(plain.read_text(encoding="utf-8"))["format"] == "medius-exchange"
    assert main(["--data-dir", str(data_dir), "export", "--client", "99", "--format", "fhir",
                 "--out", str(data_dir / "none.json")]) == 2
    assert not (data_dir / "none.json").exists()


def test_docs_page_lists_every_code_its_source_and_whether_it_was_verified() -> None:
    page = (ROOT / "docs" / "fhir.md").read_text(encoding="utf-8")
    rows = {line.split("|")[2].strip().strip("`"): line for line in page.splitlines()
            if line.startswith("|") and line.count("|") >= 6}
    for code in codes.all_codes():
        assert code.code in rows, code.code
        row = rows[code.code]
        assert ("unverified" in row) == (not code.verified), row
    assert f'"url": "{codes.TIME_OF_ASSESSMENT}"' in page
