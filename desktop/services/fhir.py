"""FHIR R4 export: a collection Bundle with each client's Patient and their assessments' results.

Per client: the Patient and, when the clinician placed the client in an
athletes' population, a social-history Observation naming it.
Per assessment: Observations for NPRS (LOINC 72514-3), the ODI total with its
sections, the PSFS, the Trendelenburg test per stance side (body site and
method), hip-abduction strength per side (peak force, torque, Nm/kg in UCUM
units, with an outlier trial set aside shown with its reason and left out of
the values) and the limb symmetry index, the red-flag screening, and a
DocumentReference carrying the referral PDF where the letter may be
exported. A visit's resources carry its date only; a recorded time of
assessment rides in an extension (no zone offset was recorded). Codes and
their sources live in ``fhir_codes`` (and docs/fhir.md).
A value that was not measured is left out, never written as normal; a
screening that was not done is an Observation with a data-absent reason.
Ids are stable UUIDs derived from the Medius ids, so a re-export updates
rather than duplicates.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import desktop.content  # noqa: F401  (registers the shipped exercise library and norm tables)
from desktop.clinical import model as m
from desktop.clinical.norms import athlete_group_label
from desktop.services import fhir_codes as c

if TYPE_CHECKING:
    from desktop.clinical.result_types import AssessmentResults

NAMESPACE = uuid.UUID("5b0f5c1e-6f0e-4c3a-9d55-1f6b2d0e7a21")
GENDERS = {"female": "female", "male": "male", "other": "other", "unspecified": "unknown"}
SIDE_SITES = {"left": c.LEFT_HIP, "right": c.RIGHT_HIP}

ResultsFn = Callable[[m.Client, list[tuple[int, m.Assessment]], int], "AssessmentResults"]
PdfFn = Callable[[int], bytes | None]


def _uuid(kind: str, *parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join([kind, *map(str, parts)])))


def _concept(code: c.Code, text: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"coding": [code.coding()]}
    if text:
        out["text"] = text
    return out


def _quantity(value: float | int, unit: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": c.UCUM, "code": c.UNITS[unit]}


def _component(code: c.Code, **value: Any) -> dict[str, Any]:
    return {"code": _concept(code), **value}


def _time_of_assessment(assessment: m.Assessment) -> dict[str, Any]:
    """The local clock time the visit started, as an extension beside the date-only effective date.

    A FHIR dateTime with hours and minutes SHALL carry a zone offset; the record holds a wall-clock
    time with no zone, so the date stays date-only and the time rides in ``valueTime`` (hh:mm:ss).
    """
    if assessment.performed_at is None:
        return {}
    return {"extension": [{"url": c.TIME_OF_ASSESSMENT,
                           "valueTime": assessment.performed_at.isoformat(timespec="seconds")}]}


def _exclusion_note(side: str, excluded: Mapping[str, Any], kept: int | None) -> str:
    """The sentence a reader sees: which trial was set aside, its force, why, and what the values are of."""
    of = f" are of the other {kept} trial{'s' if kept != 1 else ''}" if kept else " leave it out"
    return (f"{side.capitalize()} trial {excluded['trial_no']} ({float(excluded['force_n']):g} N) was set aside as "
            f"an outlier: {excluded['reason']}. Peak, mean and CV{of}.")


class BundleBuilder:
    """Collects resources as bundle entries with urn:uuid full URLs."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []

    def add(self, resource: dict[str, Any]) -> str:
        full_url = f"urn:uuid:{resource['id']}"
        self.entries.append({"fullUrl": full_url, "resource": resource})
        return full_url

    def bundle(self, *, when: datetime | None = None) -> dict[str, Any]:
        stamp = (when or datetime.now(UTC)).replace(microsecond=0)
        return {
            "resourceType": "Bundle",
            "id": _uuid("bundle", stamp.isoformat(), len(self.entries)),
            "type": "collection",
            "timestamp": stamp.isoformat(),
            "entry": self.entries,
        }


def patient_resource(client_id: int, client: m.Client) -> dict[str, Any]:
    identifiers = [{"system": c.CLIENT_ID_SYSTEM, "value": str(client_id)}]
    if client.external_id:
        identifiers.append({"system": c.CLINIC_FILE_SYSTEM, "value": client.external_id})
    telecom = []
    if client.phone:
        telecom.append({"system": "phone", "value": client.phone})
    if client.email:
        telecom.append({"system": "email", "value": client.email})
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "id": _uuid("patient", client_id),
        "identifier": identifiers,
        "name": [{"use": "official", "family": client.family_name, "given": client.given_name.split() or [""],
                  "text": client.display_name}],
        "gender": GENDERS.get(client.sex, "unknown"),
        "birthDate": client.date_of_birth.isoformat(),
    }
    if telecom:
        resource["telecom"] = telecom
    return resource


def athlete_group_observation(client_id: int, client: m.Client, patient_url: str) -> dict[str, Any] | None:
    """The athletes' population the client is placed in, as a social-history Observation (None if not placed).

    It belongs to the client, not to one visit, so it has no effective date: it holds as long as the
    client record says so.
    """
    if not client.athlete_group:
        return None
    label = athlete_group_label(client.athlete_group)
    return {
        "resourceType": "Observation",
        "id": _uuid("athlete-group", client_id),
        "status": "final",
        "category": [_concept(c.SOCIAL_HISTORY)],
        "code": _concept(c.ATHLETE_GROUP, c.ATHLETE_GROUP.display),
        "subject": {"reference": patient_url},
        "valueCodeableConcept": {
            "coding": [{"system": c.LOCAL_ATHLETE_GROUP, "code": client.athlete_group, "display": label}],
            "text": f"Athlete: {label}",
        },
    }


class AssessmentResources:
    """The Observations (and DocumentReference) of one assessment."""

    def __init__(self, assessment_id: int, assessment: m.Assessment, results: Mapping[str, Any],
                 patient_url: str) -> None:
        self.aid = assessment_id
        self.a = assessment
        self.r = results
        self.subject = {"reference": patient_url}
        self.performer = [{"display": assessment.clinician}] if assessment.clinician else []

    def observation(self, key: str, code: c.Code, category: c.Code, **fields: Any) -> dict[str, Any]:
        resource: dict[str, Any] = {
            "resourceType": "Observation",
            "id": _uuid("observation", self.aid, key),
            **_time_of_assessment(self.a),
            "status": "final",
            "category": [_concept(category)],
            "code": _concept(code, code.display),
            "subject": self.subject,
            "effectiveDateTime": self.a.performed_on.isoformat(),
        }
        if self.performer:
            resource["performer"] = self.performer
        resource.update(fields)
        return resource

    def all(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for part in (self.screening, self.nprs, self.odi, self.psfs, self.trendelenburg, self.strength):
            out += part()
        return out

    def screening(self) -> list[dict[str, Any]]:
        screening = self.r.get("screening") or {}
        if screening.get("done") is False:
            return [self.observation("screening", c.SCREENING, c.EXAM,
                                     dataAbsentReason=_concept(c.NOT_PERFORMED))]
        flags = screening.get("flags") or []
        if self.r.get("red_flag_block"):
            result = c.SCREENING_RESULTS["urgent"]
        else:
            result = c.SCREENING_RESULTS["present" if flags else "none"]
        components = [
            _component(c.SCREENING_FLAG, valueCodeableConcept={
                "coding": [{"system": c.LOCAL_RED_FLAG, "code": flag["code"], "display": flag.get("label")}],
                "text": flag.get("label")})
            for flag in flags
        ]
        fields: dict[str, Any] = {"valueCodeableConcept": _concept(result, result.display)}
        if components:
            fields["component"] = components
            fields["interpretation"] = [_concept(c.ABNORMAL)]
        return [self.observation("screening", c.SCREENING, c.EXAM, **fields)]

    def nprs(self) -> list[dict[str, Any]]:
        if self.a.pain_nprs is None:
            return []
        return [self.observation("nprs", c.NPRS, c.SURVEY, valueInteger=int(self.a.pain_nprs))]

    def odi(self) -> list[dict[str, Any]]:
        scores = self.a.odi_item_scores
        if scores is None or self.r.get("odi_pct") is None:
            return []
        components = []
        for number, score in enumerate(scores, start=1):
            if score is None:
                components.append(_component(c.ODI_SECTION[number], dataAbsentReason=_concept(c.ASKED_UNKNOWN)))
            else:
                components.append(_component(c.ODI_SECTION[number], valueInteger=int(score)))
        components.append(_component(c.ODI_SECTIONS_ANSWERED,
                                     valueInteger=int(self.r.get("odi_sections_answered") or 0)))
        return [self.observation("odi", c.ODI_TOTAL, c.SURVEY,
                                 valueQuantity=_quantity(float(self.r["odi_pct"]), "%"), component=components)]

    def psfs(self) -> list[dict[str, Any]]:
        if not self.a.psfs:
            return []
        components = [
            {"code": {"coding": [c.PSFS_ITEM.coding()], "text": item.activity},
             "valueQuantity": _quantity(float(item.score), "{score}")}
            for item in self.a.psfs
        ]
        mean = self.r.get("psfs_mean")
        fields: dict[str, Any] = {"component": components}
        if mean is not None:
            fields["valueQuantity"] = _quantity(float(mean), "{score}")
        return [self.observation("psfs", c.PSFS_MEAN, c.SURVEY, **fields)]

    def trendelenburg(self) -> list[dict[str, Any]]:
        out = []
        for side in m.SIDES:
            result = (self.r.get("trendelenburg") or {}).get(side)
            if not result:
                continue
            category = result.get("result")
            site = SIDE_SITES[side]
            components = []
            if result.get("hold_s") is not None:
                components.append(_component(c.HOLD_TIME, valueQuantity=_quantity(float(result["hold_s"]), "s")))
            if result.get("compensated") is not None:
                components.append(_component(c.TRUNK_LEAN, valueBoolean=bool(result["compensated"])))
            if result.get("pain_nprs") is not None:
                components.append(_component(c.TEST_PAIN, valueInteger=int(result["pain_nprs"])))
            if result.get("pelvic_drop_deg") is not None:
                components.append(_component(c.PELVIC_DROP,
                                             valueQuantity=_quantity(float(result["pelvic_drop_deg"]), "deg")))
            fields: dict[str, Any] = {
                "valueCodeableConcept": _concept(c.TRENDELENBURG_RESULTS[category],
                                                 c.TRENDELENBURG_RESULTS[category].display),
                "bodySite": _concept(site, f"{side.capitalize()} hip (stance leg)"),
                "method": _concept(c.TRENDELENBURG_METHOD, c.TRENDELENBURG_METHOD.display),
            }
            if category in ("negative", "positive_delayed", "positive_immediate"):
                fields["interpretation"] = [_concept(c.NORMAL if category == "negative" else c.ABNORMAL)]
            if components:
                fields["component"] = components
            out.append(self.observation(f"trendelenburg-{side}", c.TRENDELENBURG, c.EXAM, **fields))
        return out

    def strength(self) -> list[dict[str, Any]]:
        hip = self.r.get("hip_abduction")
        if not hip:
            return []
        out = []
        hip_input = self.a.hip_abduction
        method_text = " ".join(
            part for part in (
                "Isometric hip abduction, hand-held dynamometer" if hip.get("method") == "hhd"
                else "Manual muscle test (MRC)",
                f"{hip['position'].replace('_', '-')}" if hip.get("position") else None,
                f"{hip['contraction']} test" if hip.get("contraction") else None,
                f"{hip['fixation']} fixation" if hip.get("fixation") else None,
            ) if part
        )
        for side in m.SIDES:
            values = hip.get(side)
            if not values:
                continue
            site = _concept(SIDE_SITES[side], f"{side.capitalize()} hip")
            if hip.get("method") == "mmt":
                grade = f"{values.get('grade')}{values.get('modifier') or ''}"
                out.append(self.observation(f"mmt-{side}", c.MMT_GRADE, c.EXAM, valueString=grade, bodySite=site,
                                            method={"text": method_text}))
            else:
                out.append(self.hhd_side(side, values, site, method_text))
        if hip.get("lsi_pct") is not None and hip_input is not None:
            out.append(self.lsi(hip, method_text))
        return out

    def hhd_side(self, side: str, values: Mapping[str, Any], site: dict[str, Any], method_text: str) -> dict[str, Any]:
        """Peak force with mean, CV, torque and the trials used; an outlier set aside is shown with its reason."""
        components = []
        for key, code, unit in (
            ("mean_force_n", c.MEAN_FORCE, "N"), ("cv_pct", c.FORCE_CV, "%"), ("torque_nm", c.TORQUE, "N.m"),
            ("torque_nm_per_kg", c.TORQUE_PER_KG, "N.m/kg"), ("force_pct_bw", c.FORCE_PCT_BW, "%"),
            ("lever_arm_cm", c.LEVER_ARM, "cm"),
        ):
            if values.get(key) is not None:
                components.append(_component(code, valueQuantity=_quantity(float(values[key]), unit)))
        if values.get("trial_count") is not None:
            components.append(_component(c.TRIALS_USED, valueInteger=int(values["trial_count"])))
        fields: dict[str, Any] = {"bodySite": site, "method": _concept(c.HHD_METHOD, method_text)}
        excluded = values.get("excluded_trial")
        if excluded:
            components += [
                _component(c.EXCLUDED_TRIAL_NUMBER, valueInteger=int(excluded["trial_no"])),
                _component(c.EXCLUDED_TRIAL_FORCE, valueQuantity=_quantity(float(excluded["force_n"]), "N")),
                _component(c.EXCLUDED_TRIAL_REASON, valueString=excluded["reason"]),
            ]
            fields["note"] = [{"text": _exclusion_note(side, excluded, values.get("trial_count"))}]
        if components:
            fields["component"] = components
        if values.get("peak_force_n") is not None:
            fields["valueQuantity"] = _quantity(float(values["peak_force_n"]), "N")
        else:
            fields["dataAbsentReason"] = _concept(c.NOT_PERFORMED)
        return self.observation(f"hhd-{side}", c.PEAK_FORCE, c.EXAM, **fields)

    def lsi(self, hip: Mapping[str, Any], method_text: str) -> dict[str, Any]:
        components = []
        if hip.get("weaker_side"):
            components.append(_component(c.WEAKER_SIDE, valueCodeableConcept=_concept(
                SIDE_SITES[hip["weaker_side"]], f"{hip['weaker_side'].capitalize()} hip")))
        basis = "torque" if hip.get("lsi_basis") == "torque" else "peak force"
        left_out = [f"{side} trial {hip[side]['excluded_trial']['trial_no']}" for side in m.SIDES
                    if (hip.get(side) or {}).get("excluded_trial")]
        set_aside = "as outliers" if len(left_out) > 1 else "as an outlier"
        without = f"; without {' and '.join(left_out)} (set aside {set_aside})" if left_out else ""
        fields: dict[str, Any] = {"valueQuantity": _quantity(float(hip["lsi_pct"]), "%"),
                                  "method": {"text": f"{method_text}; on {basis}{without}"}}
        if components:
            fields["component"] = components
        return self.observation("lsi", c.LSI, c.EXAM, **fields)

    def referral_document(self, pdf: bytes) -> dict[str, Any]:
        return {
            "resourceType": "DocumentReference",
            "id": _uuid("document", self.aid, "referral"),
            **_time_of_assessment(self.a),
            "status": "current",
            "type": _concept(c.REFERRAL_NOTE, "Referral letter"),
            "subject": self.subject,
            "date": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "description": f"Referral letter, assessment of {self.a.performed_on.isoformat()}",
            "content": [{"attachment": {
                "contentType": "application/pdf",
                "data": base64.b64encode(pdf).decode("ascii"),
                "title": f"medius-referral-{self.aid}-{self.a.performed_on.isoformat()}.pdf",
                "creation": self.a.performed_on.isoformat(),
            }}],
            "context": {"period": {"start": self.a.performed_on.isoformat(),
                                   "end": self.a.performed_on.isoformat()}},
        }


def fhir_bundle(records: list[m.ClientRecord], results_for: ResultsFn, referral_pdf: PdfFn | None = None,
                *, when: datetime | None = None) -> dict[str, Any]:
    """The Bundle for these clients. ``referral_pdf(assessment_id)`` returns the letter or None."""
    builder = BundleBuilder()
    for record in records:
        assert record.id is not None
        patient_url = builder.add(patient_resource(record.id, record.client))
        population = athlete_group_observation(record.id, record.client, patient_url)
        if population is not None:
            builder.add(population)
        visits = [(aid, a) for aid, a in record.assessments if aid is not None]
        for index, (aid, assessment) in enumerate(visits):
            resources = AssessmentResources(aid, assessment, results_for(record.client, visits, index).to_json(),
                                            patient_url)
            for resource in resources.all():
                builder.add(resource)
            pdf = referral_pdf(aid) if referral_pdf is not None else None
            if pdf:
                builder.add(resources.referral_document(pdf))
    return builder.bundle(when=when)


def export_fhir(repo: Any, client_ids: list[int], *, with_documents: bool = True) -> dict[str, Any]:
    """Read the clients from storage and build the Bundle, with referral PDFs where exportable."""
    from desktop.report.renderer import render_report
    from desktop.services.assessments import compute_with_settings
    from desktop.services.reports import ReportNotAllowedError, build_report_data, check_exportable

    def referral_pdf(assessment_id: int) -> bytes | None:
        data = build_report_data(repo, assessment_id)
        try:
            check_exportable(data)
        except ReportNotAllowedError:
            return None
        return render_report(data)

    records = [repo.get_client(client_id) for client_id in client_ids]
    return fhir_bundle(records, compute_with_settings(repo), referral_pdf if with_documents else None)
