"""Sample client handouts (normal and large print) for docs/handout, rendered to PNG for review.

A throw-away data folder gets the demo clients and the sample clinic
settings; one exercise gets a video link (in a copy of the library) so the
QR code shows. Every page is rendered with ``pdftoppm -png``.

Usage: python docs/scripts/render_handout_samples.py [--out-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.content import load_library  # noqa: E402
from desktop.paths import resolve_paths, resource  # noqa: E402
from desktop.report.samples import SAMPLE_SETTINGS  # noqa: E402
from desktop.services.database import open_repository  # noqa: E402
from desktop.services.demo import add_demo_clients  # noqa: E402
from desktop.services.handout import export_handout  # noqa: E402

SAMPLE_VIDEO = ("clamshell", "https://harbourside.example/videos/clamshell")


def library_with_video(folder: Path) -> object:
    """A copy of the shipped library where one exercise carries a video link."""
    shutil.copytree(resource("exercises"), folder)
    exercise_id, url = SAMPLE_VIDEO
    path = folder / f"{exercise_id}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["video_url"] = url
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return load_library(folder)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs" / "handout")
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        repo = open_repository(resolve_paths(tmp), None)
        repo.save_settings(SAMPLE_SETTINGS)
        added = add_demo_clients(repo, today=date(2026, 12, 2))
        library = library_with_video(Path(tmp) / "exercises")
        # The first demo client's first visit: a program with a clamshell.
        assessment_id = added[0][1][0]
        for large, name in ((False, "handout"), (True, "handout-large-print")):
            pdf = args.out_dir / f"{name}.pdf"
            export_handout(repo, assessment_id, pdf, large_print=large, library=library,
                           today=date(2026, 12, 2), invariant=True)
            for old in args.out_dir.glob(f"{name}-*.png"):
                old.unlink()
            subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(args.out_dir / name)], check=True)
            print(f"Wrote {pdf}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
