"""Sample clinic outcome report for docs/outcomes: a year of made-up visits, rendered with pdftoppm.

Twenty-four invented clients (seeded, so the sample is the same every run)
with two or three visits each: pain and disability that improve by varying
amounts, a few unrecorded scores, hip-abduction trials with lever arms, and
one change of test position. Every number on the page is computed by Medius.

Usage: python docs/scripts/render_outcome_sample.py [--out-dir DIR]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.clinical import model as m  # noqa: E402
from desktop.paths import resolve_paths  # noqa: E402
from desktop.report.samples import SAMPLE_SETTINGS  # noqa: E402
from desktop.services.database import open_repository  # noqa: E402
from desktop.services.outcome_report import export_outcome_report  # noqa: E402

GIVEN = ("Ana", "Zoë", "Ελένη", "Иван", "芳", "Tomás", "Aroha", "Lukas", "Priya", "Kwame", "Mei", "Søren")
FAMILY = ("Nguyễn", "Ñúñez", "Παπαδοπούλου", "Петров", "王", "Silva", "Ngata", "Müller", "Iyer", "Mensah",
          "Chen", "Østergaard")


def odi_items(pct: float, rng: random.Random) -> tuple[int | None, ...]:
    total = round(pct / 100 * 50)
    items = [0] * 10
    for index in rng.sample(range(10), 10):
        take = min(5, total)
        items[index] = take
        total -= take
    return tuple(items)


def visit(day: date, rng: random.Random, *, mass_kg: float, nprs: int | None, odi: float | None, weak_n: float,
          strong_n: float, position: str = "supine") -> m.Assessment:
    def trials(force: float) -> tuple[float, ...]:
        return tuple(round(force * rng.uniform(0.95, 1.03), 1) for _ in range(3))

    return m.Assessment(
        performed_on=day, clinician="Jo Smith", body_mass_kg=mass_kg, red_flags=(),
        pain_nprs=nprs, odi_item_scores=odi_items(odi, rng) if odi is not None else None,
        hip_abduction=m.HipAbduction(method="hhd", position=position, unit="N", contraction="make", fixation="belt",
                                     left=m.HhdSide(trials(weak_n), 80.0), right=m.HhdSide(trials(strong_n), 80.0)),
    )


def sample_clients(rng: random.Random) -> list[tuple[m.Client, list[m.Assessment]]]:
    out = []
    for index in range(24):
        client = m.Client(GIVEN[index % len(GIVEN)], FAMILY[(index * 5) % len(FAMILY)],
                          date(1950 + index, 1 + index % 12, 1 + index % 27), external_id=f"HP-{1001 + index}")
        first = date(2026, 1, 12) + timedelta(days=9 * index)
        nprs0, odi0 = rng.randint(3, 8), rng.uniform(18, 56)
        weak, strong = rng.uniform(90, 140), rng.uniform(140, 190)
        mass_kg = round(rng.uniform(55, 95), 1)
        visits = [visit(first, rng, mass_kg=mass_kg, nprs=nprs0, odi=odi0, weak_n=weak, strong_n=strong)]
        for number in range(1, 2 + index % 2):
            gain = rng.uniform(-0.1, 0.35)
            nprs = None if index % 11 == 5 else max(0, nprs0 - rng.randint(-1, 4) * number)
            odi = None if index % 9 == 4 else max(0.0, odi0 - rng.uniform(-4, 18) * number)
            position = "side_lying" if index == 7 else "supine"
            visits.append(visit(first + timedelta(weeks=6 * number), rng, mass_kg=mass_kg, nprs=nprs, odi=odi,
                                weak_n=weak * (1 + gain * number), strong_n=strong, position=position))
        out.append((client, visits))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs" / "outcomes")
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        repo = open_repository(resolve_paths(tmp), None)
        repo.save_settings(SAMPLE_SETTINGS)
        repo.add_clients(sample_clients(random.Random(20)))
        pdf = args.out_dir / "outcomes-2026.pdf"
        export_outcome_report(repo, date(2026, 1, 1), date(2026, 12, 31), pdf, today=date(2026, 12, 2),
                              invariant=True)
    for old in args.out_dir.glob("outcomes-2026-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(args.out_dir / "outcomes-2026")], check=True)
    print(f"Wrote {pdf} and {pdf.with_suffix('.csv')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
