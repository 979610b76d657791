"""Smoke test of a built bundle: the real frozen executable, a fresh data folder, real output.

    .venv/bin/python packaging/smoke_test.py dist/medius/medius

Runs the command line end to end (demo, list, summary, report, check, a bad
id), opens and closes the window offscreen, runs the bundle self-test
(pyi_rth_medius.py) and prints the frozen start-up time. Exits 1 on the first
failed check. Runs with the development venv's Python because it reads the
PDF with pypdf; the bundle itself does not contain pypdf.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TIMEOUT_S = 120
START_RUNS = 5


class SmokeFailure(AssertionError):
    pass


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "MEDIUS_DATA_DIR")}
    env.update(extra)
    return env


def run(exe: Path, *args: str, expect_rc: int = 0, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=TIMEOUT_S,
                          env=env or _env(), encoding="utf-8")
    if proc.returncode != expect_rc:
        raise SmokeFailure(f"`medius {' '.join(args)}` exited {proc.returncode}, expected {expect_rc}\n"
                           f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
    return proc.stdout


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)
    print(f"ok    {message}")


def first_visit_of(listing: dict[str, Any], given_name: str) -> int:
    client = next(c for c in listing["clients"] if c["given_name"] == given_name)
    return min(client["assessments"], key=lambda a: a["performed_on"])["id"]


def smoke(exe: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="medius-smoke-") as tmp:
        data = Path(tmp) / "data"
        d = ["--data-dir", str(data)]
        out = run(exe, "--version")
        check(out.startswith("medius "), f"--version prints {out.strip()!r}")
        out = run(exe, *d, "demo")
        check("demo clients" in out, "demo creates and migrates a new database (Alembic loads from the bundle)")
        listing = json.loads(run(exe, *d, "list", "--json"))
        check(len(listing["clients"]) >= 3, f"list --json shows {len(listing['clients'])} demo clients")
        ana_first = first_visit_of(listing, "Ana")
        results = json.loads(run(exe, *d, "summary", str(ana_first), "--json"))
        hip = results["hip_abduction"]
        # Ana's first visit: left trials 150, 158, 155 N -> peak 158.0 N; right 120, 118, 125 -> 125.0 N.
        # Torque at 0.80 m: 126.4 and 100.0 N m -> LSI 100 x 100.0 / 126.4 = 79.1 % (marked).
        # ODI sections 2+1+3+2+1+0+2+1 = 12 of 8 answered x 5 = 40 -> 30.0 %.
        check(hip["left"]["peak_force_n"] == 158.0, "summary --json: left peak_force_n is 158.0")
        check(hip["right"]["peak_force_n"] == 125.0, "summary --json: right peak_force_n is 125.0")
        check(hip["lsi_pct"] == 79.1 and hip["asymmetry_band"] == "marked", "summary --json: lsi_pct 79.1, marked")
        check(results["odi_pct"] == 30.0, "summary --json: odi_pct 30.0")
        text = run(exe, *d, "summary", str(ana_first))
        check(len(text.strip()) > 0, "summary (text) prints the results")
        pdf = Path(tmp) / "referral.pdf"
        out = run(exe, *d, "report", str(ana_first), "--out", str(pdf))
        check(
            pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"),
            f"report writes a PDF ({pdf.stat().st_size:,} bytes)",
        )
        from pypdf import PdfReader

        reader = PdfReader(str(pdf))
        pdf_text = "\n".join(page.extract_text() or "" for page in reader.pages)
        check("Ana Nguyễn" in pdf_text, "the PDF names the client, Ana Nguyễn (embedded Unicode font)")
        check("Page 1 of" in pdf_text, f"the PDF has 'Page 1 of' ({len(reader.pages)} pages)")
        run(exe, *d, "check")
        print("ok    check: integrity and schema")
        err = subprocess.run([str(exe), *d, "summary", "999999"], capture_output=True, text=True,
                             timeout=TIMEOUT_S, env=_env())
        check(err.returncode == 2, "summary of an unknown id exits 2")
        gui_env = _env(QT_QPA_PLATFORM="offscreen")
        times_ms = []
        for _ in range(START_RUNS):
            began = time.perf_counter()
            run(exe, *d, "--exit-after-startup", env=gui_env)
            times_ms.append((time.perf_counter() - began) * 1000.0)
        check(True, f"window opens, lists the clients and closes (offscreen); start-up median "
                    f"{statistics.median(times_ms):.0f} ms over {START_RUNS} runs")
        out = run(exe, env=_env(QT_QPA_PLATFORM="offscreen", MEDIUS_BUNDLE_SELFTEST="1"))
        check("bundle self-test: passed" in out, "bundle self-test: pyqtgraph, QtSvg icon, history charts, migrations")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write(__doc__ or "")
        return 2
    exe = Path(argv[1]).resolve()
    try:
        smoke(exe)
    except (SmokeFailure, subprocess.TimeoutExpired, StopIteration, KeyError) as exc:
        print(f"FAIL  {type(exc).__name__}: {exc}")
        return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
