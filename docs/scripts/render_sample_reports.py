"""Render the sample referral reports to PDF and page images for review and the user guide.

Usage:
    python docs/scripts/render_sample_reports.py [OUTPUT_DIR] [--dpi 60] [--only NAME ...] [--colors N]

docs/report/ holds one sample made with:
    python docs/scripts/render_sample_reports.py docs/report --dpi 50 --only third-visit --colors 64

Writes NAME.pdf and NAME-<page>.png (pdftoppm) for each sample: first visit,
third visit with history, MMT only, red flag (urgent letter) and a long name
on Letter paper. Prints the render time of each.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    from desktop.report.renderer import render_report
    from desktop.report.samples import SAMPLES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default="build/sample-reports", type=Path)
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--only", nargs="*", choices=sorted(SAMPLES), default=None)
    parser.add_argument("--colors", type=int, default=0,
                        help="reduce page images to this many colours (ImageMagick), for docs/")  # fmt: skip
    args = parser.parse_args(argv)

    pdftoppm = shutil.which("pdftoppm")
    args.output.mkdir(parents=True, exist_ok=True)
    for name in args.only or SAMPLES:
        data = SAMPLES[name]()
        start = time.perf_counter()
        pdf = render_report(data, invariant=True)
        elapsed_ms = (time.perf_counter() - start) * 1000
        target = args.output / f"{name}.pdf"
        target.write_bytes(pdf)
        for old in args.output.glob(f"{name}-*.png"):
            old.unlink()
        if pdftoppm:
            subprocess.run(
                [pdftoppm, "-png", "-r", str(args.dpi), str(target), str(args.output / name)], check=True
            )
        pages = sorted(args.output.glob(f"{name}-*.png"))
        convert = shutil.which("convert")
        if args.colors and convert:
            for page in pages:
                subprocess.run([convert, str(page), "-colors", str(args.colors), str(page)], check=True)
        print(f"{name}: {target} ({len(pdf) // 1024} KiB, {len(pages)} page images, {elapsed_ms:.0f} ms)")
    if not pdftoppm:
        print("pdftoppm not found: PDFs written, no page images", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
