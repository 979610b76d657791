"""Realistic demo clients with history, for trying the app and for screenshots."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, time, timedelta

from db.repository import Repository
from desktop.clinical import model as m


def _tb(hold_s: float, lean: str = "none", pain: int | None = 0, maximal: bool = True) -> m.TrendelenburgSide:
    return m.TrendelenburgSide(elevation_maximal=maximal, hold_s=hold_s, trunk_lean=lean, pain_nprs=pain,
                               support="none", gait_observation="normal" if hold_s >= 30 else "trendelenburg")


def _hhd(left: tuple[float, ...], right: tuple[float, ...], lever_cm: float = 80.0,
         position: str = "supine") -> m.HipAbduction:
    return m.HipAbduction(method="hhd", position=position, unit="N", contraction="make", fixation="belt",
                          pad_site="5 cm proximal to the lateral malleolus", device="MicroFET2",
                          left=m.HhdSide(left, lever_cm), right=m.HhdSide(right, lever_cm))


def demo_records(today: date | None = None) -> list[tuple[m.Client, list[m.Assessment]]]:
    today = today or date.today()

    def weeks(n: int) -> date:
        return today - timedelta(weeks=n)

    gp = m.Referrer("Dr A. Lee", "Harbour GP")
    ana = m.Client("Ana", "Nguyễn", date(1971, 3, 14), "female", "MED-0001", None, "ana@example.org")
    ana_visits = [
        m.Assessment(
            performed_on=weeks(12), clinician="Jo Smith", referrer=gp, reason="Low back pain for 5 months",
            body_mass_kg=68.0, height_cm=165.0, pain_nprs=6,
            odi_item_scores=(2, 1, 3, None, 2, 1, 0, None, 2, 1),
            psfs=(m.PsfsItem("Walking 30 min", 4), m.PsfsItem("Gardening", 3)),
            trendelenburg_left=_tb(30), trendelenburg_right=_tb(12, "marked", 2),
            hip_abduction=_hhd((150.0, 158.0, 155.0), (120.0, 118.0, 125.0)),
        ),
        m.Assessment(
            performed_on=weeks(6), clinician="Jo Smith", referrer=gp, body_mass_kg=67.5, height_cm=165.0,
            pain_nprs=4, odi_item_scores=(2, 1, 2, None, 1, 1, 0, None, 1, 1),
            psfs=(m.PsfsItem("Walking 30 min", 6), m.PsfsItem("Gardening", 5)),
            trendelenburg_left=_tb(30), trendelenburg_right=_tb(24, "mild", 1),
            hip_abduction=_hhd((152.0, 160.0, 157.0), (134.0, 138.0, 136.0)),
        ),
        m.Assessment(
            performed_on=weeks(0), clinician="Jo Smith", referrer=gp, body_mass_kg=67.0, height_cm=165.0,
            pain_nprs=2, odi_item_scores=(1, 0, 1, 1, 1, 0, 0, None, 1, 0),
            psfs=(m.PsfsItem("Walking 30 min", 8), m.PsfsItem("Gardening", 7)),
            trendelenburg_left=_tb(30), trendelenburg_right=_tb(30),
            hip_abduction=_hhd((155.0, 161.0, 158.0), (148.0, 152.0, 150.0)),
        ),
    ]
    wang = m.Client("芳", "王", date(1985, 9, 2), "female", "MED-0002")
    wang_visits = [
        m.Assessment(
            performed_on=weeks(3), clinician="Jo Smith", reason="Right-sided low back and buttock pain",
            body_mass_kg=58.0, height_cm=160.0, pain_nprs=5, odi_item_scores=(2, 1, 2, 2, 2, 1, 1, None, 1, 2),
            psfs=(m.PsfsItem("Climbing stairs", 5),),
            trendelenburg_left=_tb(30), trendelenburg_right=_tb(0, "marked", 3, maximal=False),
            hip_abduction=m.HipAbduction(method="mmt", position="side_lying",
                                         left=m.MmtSide(5), right=m.MmtSide(3, "+")),
        ),
    ]
    zoe = m.Client("Zoë", "Ñúñez", date(1990, 6, 21), "female", "MED-0003")
    zoe_visits = [
        m.Assessment(
            performed_on=weeks(1), performed_at=time(16, 20), clinician="Jo Smith",
            referrer=m.Referrer("Dr P. Okafor", "Riverside Clinic"), reason="Back pain after lifting",
            body_mass_kg=61.0, height_cm=170.0, pain_nprs=8,
            red_flags=("ces_saddle_anaesthesia", "ces_bladder"), odi_item_scores=(4, 3, 4, 3, 3, 3, 4, None, 3, 3),
        ),
    ]
    eleni = m.Client("Ελένη", "Παπαδοπούλου", date(1962, 1, 30), "female", "MED-0004")
    eleni_visits = [
        m.Assessment(
            performed_on=weeks(8), clinician="Jo Smith", body_mass_kg=74.0, height_cm=158.0, pain_nprs=5,
            red_flags=("age_new_onset",), red_flags_acknowledged=True,
            odi_item_scores=(2, 2, 3, 2, 2, 1, 2, None, 2, 2), psfs=(m.PsfsItem("Standing to cook", 4),),
            trendelenburg_left=_tb(18, "mild", 1), trendelenburg_right=_tb(20, "mild", 1),
            hip_abduction=_hhd((98.0, 104.0, 101.0), (102.0, 99.0, 105.0), lever_cm=78.0),
        ),
        m.Assessment(
            performed_on=weeks(2), clinician="Jo Smith", body_mass_kg=73.0, height_cm=158.0, pain_nprs=3,
            odi_item_scores=(1, 1, 2, 1, 2, 1, 1, None, 1, 1), psfs=(m.PsfsItem("Standing to cook", 7),),
            trendelenburg_left=_tb(30), trendelenburg_right=_tb(30),
            hip_abduction=_hhd((112.0, 118.0, 115.0), (116.0, 113.0, 119.0), lever_cm=78.0),
        ),
    ]
    ivan = m.Client("Иван", "Петров", date(1978, 11, 5), "male", "MED-0005")
    ivan_visits = [
        m.Assessment(
            performed_on=weeks(4), clinician="Jo Smith", body_mass_kg=88.0, height_cm=182.0, pain_nprs=3,
            odi_item_scores=(1, 0, 1, 1, 1, 1, 0, 0, 1, 1), psfs=(m.PsfsItem("Running 5 km", 6),),
            trendelenburg_left=_tb(30), trendelenburg_right=_tb(30),
            hip_abduction=_hhd((210.0, 218.0, 214.0), (205.0, 212.0, 209.0), lever_cm=86.0, position="side_lying"),
        ),
    ]
    return [(ana, ana_visits), (wang, wang_visits), (zoe, zoe_visits), (eleni, eleni_visits), (ivan, ivan_visits)]


def add_demo_clients(repo: Repository, today: date | None = None, *, clinician: str | None = None,
                     progress: Callable[[int, str], None] | None = None) -> list[tuple[int, list[int]]]:
    """Add the demo clients; ``clinician`` replaces the demo clinician's name on every visit.

    Each client is stored whole (with its visits) in its own transaction, so ``progress``
    (percent, message) can say which one is being added.
    """
    records = demo_records(today)
    if clinician:
        records = [(client, [replace(visit, clinician=clinician) for visit in visits]) for client, visits in records]
    added: list[tuple[int, list[int]]] = []
    for index, record in enumerate(records):
        if progress is not None:
            progress(100 * index // len(records),
                     f"Adding demo client {index + 1} of {len(records)}: {record[0].display_name}")
        added.extend(repo.add_clients([record]))
    if progress is not None:
        progress(100, f"{len(records)} demo clients added")
    return added
