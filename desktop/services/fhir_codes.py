"""Every code the FHIR export uses, with where it came from and whether it was checked.

One table, so the export, its tests and docs/fhir.md cannot drift apart
(a test compares the page with this table). ``verified`` is True only where
the code and its meaning were seen in an authoritative or published source
(clinical-reference.md tags: [V] or [S]); local codes are Medius's own and
are defined here.
"""

from __future__ import annotations

from dataclasses import dataclass

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
DATA_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
# Medius's own code systems: URNs, so no web address is implied.
LOCAL = "urn:medius:fhir:CodeSystem:observation"
LOCAL_RED_FLAG = "urn:medius:fhir:CodeSystem:red-flag"
LOCAL_RESULT = "urn:medius:fhir:CodeSystem:trendelenburg-result"
# The athletes' populations a client can be placed in, by their Medius keys (e.g. professional_football).
LOCAL_ATHLETE_GROUP = "urn:medius:fhir:CodeSystem:athlete-group"
CLIENT_ID_SYSTEM = "urn:medius:fhir:identifier:client-id"
CLINIC_FILE_SYSTEM = "urn:medius:fhir:identifier:clinic-file-number"
# Medius's own extension (a URN, like the code systems): the local clock time the assessment started.
# An R4 dateTime with a time of day must carry a zone offset, which Medius never recorded (docs/fhir.md).
TIME_OF_ASSESSMENT = "urn:medius:fhir:StructureDefinition:local-time-of-assessment"


@dataclass(frozen=True)
class Code:
    system: str
    code: str
    display: str
    source: str
    verified: bool

    def coding(self) -> dict[str, str]:
        return {"system": self.system, "code": self.code, "display": self.display}


def _local(code: str, display: str, source: str = "Medius local code (defined in this table)") -> Code:
    return Code(LOCAL, code, display, source, False)


NPRS = Code(LOINC, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
            "clinical-reference.md §15 [S]; seen in published HL7 implementation-guide value sets", True)
REFERRAL_NOTE = Code(LOINC, "57133-1", "Referral note",
                     "LOINC document type, recalled; not checked against LOINC", False)
LEFT_HIP = Code(SNOMED, "287679003", "Left hip region structure",
                "SNOMED CT body structure, recalled; not checked against a SNOMED release", False)
RIGHT_HIP = Code(SNOMED, "287579007", "Right hip region structure",
                 "SNOMED CT body structure, recalled; not checked against a SNOMED release", False)
SURVEY = Code(OBSERVATION_CATEGORY, "survey", "Survey", "FHIR R4 observation-category code system", True)
EXAM = Code(OBSERVATION_CATEGORY, "exam", "Exam", "FHIR R4 observation-category code system", True)
SOCIAL_HISTORY = Code(OBSERVATION_CATEGORY, "social-history", "Social History",
                      "FHIR R4 observation-category code system", True)
NORMAL = Code(INTERPRETATION, "N", "Normal", "HL7 v3 ObservationInterpretation (FHIR R4 terminology)", True)
ABNORMAL = Code(INTERPRETATION, "A", "Abnormal", "HL7 v3 ObservationInterpretation (FHIR R4 terminology)", True)
NOT_PERFORMED = Code(DATA_ABSENT, "not-performed", "Not Performed", "FHIR R4 data-absent-reason code system",
                     True)
ASKED_UNKNOWN = Code(DATA_ABSENT, "asked-unknown", "Asked But Unknown", "FHIR R4 data-absent-reason code system",
                     True)

ODI_TOTAL = _local("odi-total-pct", "Oswestry Disability Index total, percent")
ODI_SECTION = {n: _local(f"odi-section-{n}", f"Oswestry Disability Index section {n} score (0-5)")
               for n in range(1, 11)}
ODI_SECTIONS_ANSWERED = _local("odi-sections-answered", "Oswestry Disability Index sections answered")
PSFS_MEAN = _local("psfs-mean", "Patient-Specific Functional Scale, mean score (0-10)")
PSFS_ITEM = _local("psfs-activity", "Patient-Specific Functional Scale, one activity score (0-10)")
TRENDELENBURG = _local("trendelenburg-test", "Trendelenburg test result, by stance leg")
TRENDELENBURG_METHOD = _local("trendelenburg-hardcastle-nade",
                              "Standing Trendelenburg test, 30 s single-leg stance (Hardcastle & Nade 1985)")
HOLD_TIME = _local("trendelenburg-hold-time", "Trendelenburg hold time before the pelvis falls")
TRUNK_LEAN = _local("trendelenburg-compensated", "Trunk lean over the stance leg (compensated)")
TEST_PAIN = _local("trendelenburg-pain-nprs", "Pain during the Trendelenburg hold (NPRS 0-10)")
PELVIC_DROP = _local("pelvic-drop-angle", "Contralateral pelvic drop angle")
PEAK_FORCE = _local("hip-abduction-peak-force", "Hip abduction isometric peak force, hand-held dynamometer")
MEAN_FORCE = _local("hip-abduction-mean-force", "Hip abduction mean force of the trials")
FORCE_CV = _local("hip-abduction-force-cv", "Hip abduction trial coefficient of variation")
TORQUE = _local("hip-abduction-torque", "Hip abduction torque (peak force x lever arm)")
TORQUE_PER_KG = _local("hip-abduction-torque-per-kg", "Hip abduction torque normalised to body mass")
FORCE_PCT_BW = _local("hip-abduction-force-pct-bw", "Hip abduction peak force as percent of body weight")
LEVER_ARM = _local("hip-abduction-lever-arm", "Lever arm, hip joint centre to dynamometer pad")
TRIALS_USED = _local("hip-abduction-trials-used", "Hip abduction trials the peak, mean and CV are computed from")
EXCLUDED_TRIAL_NUMBER = _local("hip-abduction-excluded-trial-number",
                               "Hip abduction trial set aside as an outlier: its number (from 1)")
EXCLUDED_TRIAL_FORCE = _local("hip-abduction-excluded-trial-force",
                              "Hip abduction trial set aside as an outlier: its force")
EXCLUDED_TRIAL_REASON = _local("hip-abduction-excluded-trial-reason",
                               "Hip abduction trial set aside as an outlier: the clinician's reason")
HHD_METHOD = _local("hip-abduction-hhd", "Isometric hip abduction with a hand-held dynamometer")
MMT_GRADE = _local("hip-abduction-mmt-grade", "Hip abduction manual muscle test grade (MRC 0-5, with - or +)")
LSI = _local("hip-abduction-lsi", "Hip abduction limb symmetry index (weaker / stronger x 100)")
WEAKER_SIDE = _local("hip-abduction-weaker-side", "Weaker side in hip abduction")
ATHLETE_GROUP = _local("athlete-population",
                       "Athletes' population the client is placed in (sport and level; selects reference values)")
SCREENING = _local("red-flag-screening", "Low back pain red-flag screening")
SCREENING_FLAG = _local("red-flag-present", "Red flag present (code in the red-flag code system)")
TRENDELENBURG_RESULTS = {
    name: Code(LOCAL_RESULT, name, display, "Medius result categories (design.md, Hardcastle & Nade 1985)", False)
    for name, display in (
        ("negative", "Negative: pelvis held level 30 s"),
        ("positive_delayed", "Positive, delayed: pelvis fell before 30 s"),
        ("positive_immediate", "Positive, immediate: pelvis could not be raised or held"),
        ("invalid", "Not interpretable (pain, balance, cooperation or deformity)"),
    )
}
SCREENING_RESULTS = {
    "none": _local("red-flags-none-found", "Screened: no red flags found"),
    "present": _local("red-flags-present", "Screened: red flags present"),
    "urgent": _local("red-flags-cauda-equina", "Screened: possible cauda equina, urgent referral"),
}

# UCUM unit codes (the unit system itself is the standard; each code is a plain UCUM expression).
UNITS = {"N": "N", "N.m": "N.m", "N.m/kg": "N.m/kg", "%": "%", "s": "s", "deg": "deg", "cm": "cm",
         "{score}": "{score}"}


def all_codes() -> list[Code]:
    """Every code the export can write, once each."""
    seen: dict[tuple[str, str], Code] = {}
    for value in list(globals().values()):
        items = value.values() if isinstance(value, dict) else [value]
        for item in items:
            if isinstance(item, Code):
                seen.setdefault((item.system, item.code), item)
    return list(seen.values())
