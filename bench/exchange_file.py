"""A seeded exchange file for the bulk-import benchmark: 2,000 clients with 6,000 visits.

    .venv/bin/python bench/exchange_file.py OUT.json [--clients 2000] [--visits 6000] [--seed 21]

Every visit is a full assessment, like a clinic's export from another laptop:
screening (now and then a flag, acknowledged), pain, all ten ODI sections,
one or two PSFS activities, both Trendelenburg sides, dynamometer trials on
both sides, and every third visit the clinician's program. The file passes
the same validation a clinician's file does; the same seed gives the same
bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

_GIVEN = ("Ana", "Ben", "Chloé", "Dmitri", "Eleni", "Fatima", "George", "Hana", "Ivan", "Jo", "Kiri", "Liam",
          "Mei", "Noah", "Olivia", "Priya", "Quinn", "Rangi", "Sofía", "Tomás", "Uma", "Zoë", "芳", "Иван")
_FAMILY = ("Nguyễn", "Smith", "O'Brien", "Papadopoulou", "Kowalski", "Ngata", "Müller", "García", "Chen",
           "Patel", "Ñúñez", "Łukasz", "Dubois", "Okafor", "Tanaka", "Petrov", "王", "Silva", "Murphy")
_FLAGS = ("night_pain", "cancer_history", "age_new_onset", "long_term_corticosteroids")
_ACTIVITIES = ("Walking 30 min", "Stairs", "Gardening", "Getting out of a car", "Running 5 km", "Sleeping on side")
_EXERCISES = ("clamshell", "bridge", "band_side_steps", "figure_four_stretch", "clamshell_progression",
              "cross_body_glute_stretch")


def _visit(rng: random.Random, on: date) -> dict[str, Any]:
    from desktop.clinical import model as m

    def hhd_side() -> m.HhdSide:
        base = rng.uniform(90.0, 220.0)
        return m.HhdSide(tuple(round(base * rng.uniform(0.94, 1.06), 1) for _ in range(3)), 80.0)

    flags = tuple(rng.sample(_FLAGS, 1)) if rng.random() < 0.15 else ()
    weak_hold = rng.choice((0, 8, 12, 20, 30))
    program = None
    if rng.random() < 1 / 3:
        program = m.Program(tuple(m.ProgramItem(exercise_id, stage, 3, 12)
                                  for stage, exercise_id in enumerate(rng.sample(_EXERCISES, 4), start=0)))
    assessment = m.Assessment(
        performed_on=on, clinician="Jo Smith", referrer=m.Referrer("Dr A. Lee", "Harbour GP"),
        body_mass_kg=round(rng.uniform(50.0, 110.0), 1), height_cm=round(rng.uniform(150.0, 195.0), 1),
        red_flags=flags, red_flags_acknowledged=bool(flags), pain_nprs=rng.randrange(11),
        odi_item_scores=tuple(rng.choice((0, 1, 2, 3, 4, 5, None)) for _ in range(10)),
        psfs=tuple(m.PsfsItem(a, rng.randrange(11)) for a in rng.sample(_ACTIVITIES, rng.choice((1, 2)))),
        trendelenburg_left=m.TrendelenburgSide(hold_s=30, pain_nprs=0),
        trendelenburg_right=m.TrendelenburgSide(hold_s=weak_hold, trunk_lean=rng.choice(("none", "mild", "marked")),
                                                pain_nprs=rng.randrange(4)),
        hip_abduction=m.HipAbduction(method="hhd", position="supine", unit="N", left=hhd_side(), right=hhd_side()),
        program=program,
    )
    return m.assessment_to_dict(assessment)


def exchange_document(clients: int = 2_000, visits: int = 6_000, seed: int = 21) -> dict[str, Any]:
    """``clients`` clients sharing ``visits`` visits as evenly as they divide, all valid."""
    from desktop.clinical import model as m

    rng = random.Random(seed)
    out = []
    for index in range(clients):
        born = date(1940 + rng.randrange(60), 1 + rng.randrange(12), 1 + rng.randrange(28))
        client = m.Client(rng.choice(_GIVEN), rng.choice(_FAMILY), born,
                          rng.choice(("female", "male", "other", "unspecified")), f"IMP-{index:05d}",
                          None, f"client{index}@example.org")
        count = visits // clients + (1 if index < visits % clients else 0)
        first = date(2025, 1, 6) + timedelta(days=rng.randrange(200))
        record = m.client_to_dict(client)
        record["assessments"] = [_visit(rng, first + timedelta(days=21 * n)) for n in range(count)]
        out.append(record)
    return {"format": "medius-exchange", "version": 1, "clients": out}


def write_exchange_file(path: Path, clients: int = 2_000, visits: int = 6_000, seed: int = 21) -> Path:
    document = exchange_document(clients, visits, seed)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--clients", type=int, default=2_000)
    parser.add_argument("--visits", type=int, default=6_000)
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args(argv)
    write_exchange_file(args.out, args.clients, args.visits, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
