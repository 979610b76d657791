"""Speed and memory benchmarks against their targets; prints one table, exits 1 unless every row passes.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/run.py [--runs 9] [--quick]

Every row is a median over repeated runs, shown beside a reference measured
in the same run on the same machine (a bare PySide6 window, a keystroke into a
plain line edit, a one-page reportlab PDF, a bare pyqtgraph plot), because
absolute times differ between a 2-core build box and a clinic laptop. Each
measurement runs in its own interpreter (``--child``), so no row pays for
another's imports. Every row states its target (``TARGETS``) and PASS or FAIL;
a row that could not be measured says why ("not available", "ERROR") and
counts as not passing. Not run as a test.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.children import (  # noqa: E402
    BUNDLE_EXE,
    CLIENT_PAGE_VISITS,
    IMPORT_CLIENTS,
    IMPORT_VISITS,
    SEARCH_CLIENTS,
    START_CLIENTS,
    TREND_VISITS,
    NotAvailable,
    client_page_client,
    fill_client_page,
    fill_clients,
    fill_demo,
    run_child,
)

# ---------------------------------------------------------------------------
# Parent: run children, collect rows


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(ROOT)
    env.pop("MEDIUS_DATA_DIR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode; so does the bench
    return env


def compile_sources() -> None:
    """Byte-compile the app as installing it would, so no row pays for compiling source."""
    import compileall

    for folder in ("desktop", "db"):
        compileall.compile_dir(str(ROOT / folder), quiet=1)


def child(name: str, *args: str, timeout_s: float = 600) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", name, *args],
                          capture_output=True, text=True, timeout=timeout_s, env=_env(), cwd=ROOT)
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH-RESULT "):
            result = json.loads(line.removeprefix("BENCH-RESULT "))
            if "not_available" in result:
                raise NotAvailable(result["not_available"])
            return result
    tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
    raise RuntimeError(f"{name} failed (exit {proc.returncode}): {tail}")


def ready_ms(command: list[str]) -> tuple[float, float]:
    """Milliseconds from launch to the "window ready" line, and to the process's exit."""
    began = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(), cwd=ROOT)
    ready = math.nan
    assert proc.stdout is not None
    for line in proc.stdout:
        if "window ready" in line and math.isnan(ready):
            ready = (time.perf_counter() - began) * 1000.0
    _, stderr = proc.communicate(timeout=300)
    ended = (time.perf_counter() - began) * 1000.0
    if proc.returncode != 0 or math.isnan(ready):
        tail = (stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{' '.join(command[-3:])} exited {proc.returncode} without a ready line: {tail}")
    return ready, ended


@dataclass(frozen=True)
class Target:
    """The most a row's measured figure may be (in the row's unit), and how the table states it."""

    limit: float
    text: str

    def judge(self, measured: float, *also: bool) -> str:
        """PASS when ``measured`` is within the limit and every further condition holds."""
        return "PASS" if measured <= self.limit and all(also) else "FAIL"


# One entry per row, keyed by the row's name: the table prints the target beside every
# row, measured or not, and a new row only needs an entry here and a builder.
READY, IDLE = "start: ready (client list filled)", "start: idle (start-up tasks done)"
READY_BUNDLE, IDLE_BUNDLE = "frozen bundle: ready", "frozen bundle: idle"
SEARCH = "search-as-you-type, p95 per key"
PDF_FIRST, PDF = "referral PDF, first in a session", "referral PDF, later ones"
CLIENT_PAGE = f"client page, {CLIENT_PAGE_VISITS} visits"
CLIENT_PAGE_AT_IDLE = f"client page asked for at idle, {CLIENT_PAGE_VISITS} visits"
TREND = f"history trend view, {TREND_VISITS} visits"
MEMORY = "peak memory, full assessment flow"
LIVE_CAPTURE = "live capture, 1 kHz, p99 frame"
BULK_IMPORT = f"bulk import, {IMPORT_CLIENTS:,} clients + {IMPORT_VISITS:,} visits"
GUI_STALL = "GUI thread, longest busy stretch, storage slowed 300 ms"
TARGETS: dict[str, Target] = {
    READY: Target(2.0, "<= 2.0x bare"),
    IDLE: Target(4.0, "<= 4.0x bare"),
    READY_BUNDLE: Target(2.0, "<= 2.0x bare"),
    IDLE_BUNDLE: Target(4.0, "<= 4.0x bare"),
    SEARCH: Target(10.0, f"<= 10 ms at {SEARCH_CLIENTS:,}"),
    PDF_FIRST: Target(400.0, "<= 400 ms"),
    PDF: Target(150.0, "<= 150 ms"),
    CLIENT_PAGE: Target(100.0, "<= 100 ms"),
    # Opens without waiting for the storage layer: within 1.25x of the same page once it is open.
    CLIENT_PAGE_AT_IDLE: Target(1.25, "<= 1.25x after warm-up"),
    TREND: Target(50.0, "<= 50 ms"),
    MEMORY: Target(200.0, "<= 200 MiB"),
    LIVE_CAPTURE: Target(16.0, "p99 < 16 ms, 0 lost"),
    BULK_IMPORT: Target(3000.0, "<= 3,000 ms"),
    GUI_STALL: Target(50.0, "<= 50 ms"),
}


@dataclass
class Row:
    name: str
    value: str = "-"
    reference: str = "-"
    ratio: str = "-"
    result: str = "not available"
    note: str = ""

    @property
    def target(self) -> str:
        target = TARGETS.get(self.name)
        return target.text if target else "(no target)"

    @property
    def passed(self) -> bool:
        return self.result == "PASS"


def _ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"


def marks_ms(command: list[str], marks: Sequence[str]) -> tuple[list[float], float]:
    """Milliseconds from launch to the first line holding each of ``marks``, and to the process's exit."""
    began = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(), cwd=ROOT)
    seen = [math.nan] * len(marks)
    assert proc.stdout is not None
    for line in proc.stdout:
        for index, mark in enumerate(marks):
            if mark in line and math.isnan(seen[index]):
                seen[index] = (time.perf_counter() - began) * 1000.0
    _, stderr = proc.communicate(timeout=300)
    ended = (time.perf_counter() - began) * 1000.0
    if proc.returncode != 0 or any(math.isnan(t) for t in seen):
        tail = (stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{' '.join(command[-3:])} exited {proc.returncode} without {marks}: {tail}")
    return seen, ended


def rows_start(data_dir: Path, runs: int, exe: list[str], names: tuple[str, str]) -> tuple[Row, Row]:
    """Launch to a shown window filled with every client (ready), and to every start-up task
    finished (idle), both against launch to a shown bare window.

    Ready: the window is shown with every client listed (on the quick path read by
    ``db.quick``, which has run ``quick_check`` and found the schema at head).
    Idle: all of the following are done, none pending: the audit chain is
    verified event by event and compared with its anchor file and the newest
    backup's manifest; the daily automatic backup is taken when due (on the timed
    runs it was already taken that day, so it is the check; when it is due, its
    audit entry opens the storage layer within idle); and no background task is
    running, so the storage lane is free and the first client page's read starts
    at once when asked for. On the quick path those reads go through
    ``db.quick.QuickReader`` (sqlite3, the repository's results), and the storage
    layer (SQLAlchemy, the models, the repository) opens after idle, in the first
    quiet moment, with the report warm-up; anything else that needs it before
    then opens it at once. The row "client page asked for at idle" measures the
    page in that moment.

    Medius runs with ``--exit-when-warm``: it prints "window ready" at the first
    moment, "idle" at the second, and "warm" once the storage layer and the
    report code have loaded in the first quiet moment (1.5 s after idle without
    input), then quits; the bare window prints its line and quits. Runs
    alternate, so drift in machine load hits both alike. The warm moment is
    reported beside them.
    """
    bare = [sys.executable, str(Path(__file__).resolve()), "--child", "bare_window"]
    app = [*exe, "--data-dir", str(data_dir), "--exit-when-warm"]
    marks = ("window ready", "medius: idle", "medius: warm")
    marks_ms(app, marks)  # the first run takes the day's backup and warms the page cache
    ready_ms(bare)
    ready, idle, warm, bare_ms = [], [], [], []
    for _ in range(runs):
        bare_ms.append(ready_ms(bare)[0])
        (ready_at, idle_at, warm_at), _exit_at = marks_ms(app, marks)
        ready.append(ready_at)
        idle.append(idle_at)
        warm.append(warm_at)
    bare_med = statistics.median(bare_ms)
    notes = (f"{START_CLIENTS:,} clients, {runs} runs; launch to the client list filled",
             f"audit chain verified ({START_CLIENTS:,} events), backup check done, storage lane free; then, in the "
             f"first quiet moment (1,500 ms after idle without input), storage layer and report code loaded: "
             f"launch to warm {_ms(statistics.median(warm))}")
    ready_row, idle_row = (
        Row(name, _ms(statistics.median(values)), f"bare window {_ms(bare_med)}",
            f"{statistics.median(values) / bare_med:.1f}x",
            TARGETS[name].judge(statistics.median(values) / bare_med), note)
        for name, values, note in zip(names, (ready, idle), notes, strict=True))
    return ready_row, idle_row


def row_search(data_dir: Path, runs: int) -> Row:
    result = child("search", str(data_dir), str(runs))
    p95 = statistics.median(result["p95_ms"])
    bare = statistics.median(result["bare_p95_ms"])
    return Row(SEARCH, _ms(p95), f"plain line edit {_ms(bare)}",
               f"{p95 / bare:.1f}x" if bare > 0 else "-", TARGETS[SEARCH].judge(p95),
               f"{result['rows']:,} clients, {result['keystrokes']} keys x {runs} rounds, {result['driver']}")


def rows_pdf(data_dir: Path, runs: int) -> tuple[Row, Row]:
    """The session's first letter (start-up idle, report code warmed after it) and later ones,
    against a one-page reportlab document; a first export in a bare process is noted."""
    result = child("pdf_session", str(data_dir), str(runs))
    cold = child("pdf", str(data_dir), "1")
    ref = statistics.median(result["reference_ms"])
    first, later = result["first_ms"], statistics.median(result["ms"])
    subject = (f"{result['exercises']} exercises, {result['earlier_visits']} earlier visits, "
               f"{result['pages']} pages")
    return (Row(PDF_FIRST, _ms(first), f"1-page reportlab {_ms(ref)}", f"{first / ref:.1f}x",
                TARGETS[PDF_FIRST].judge(first),
                f"{subject}; CPU {_ms(result['first_cpu_ms'])} (wall above it is machine load); the first export "
                f"of a bare process (no window, no warm-up) {_ms(cold['first_ms'])}"),
            Row(PDF, _ms(later), f"1-page reportlab {_ms(ref)}", f"{later / ref:.1f}x", TARGETS[PDF].judge(later),
                f"{subject}; {runs} exports after the first, through the window's report service; "
                f"CPU median {_ms(statistics.median(result['cpu_ms']))}"))


def row_client_page(data_dir: Path, runs: int) -> Row:
    result = child("client_page", str(data_dir), str(runs))
    med = statistics.median(result["ms"])
    ref = statistics.median(result["reference_ms"])
    return Row(CLIENT_PAGE, _ms(med), f"bare 50-row table {_ms(ref)}", f"{med / ref:.1f}x",
               TARGETS[CLIENT_PAGE].judge(med),
               f"ask to painted page with table and charts, after idle, switching from a demo client, {runs} runs; "
               f"the session's first opening of it {_ms(result['first_ms'])} (the page's very first, "
               f"charts built: {_ms(result['first_other_ms'])})")


def row_client_page_at_idle(data_dir: Path, runs: int) -> Row:
    """The session's first client page asked for the moment start-up is idle (storage not yet
    open: the quick reader answers), against the same first page asked for once the warm-up has
    opened storage and loaded the report code; launches alternate."""
    client_id = str(client_page_client(data_dir))
    child("client_page_at_idle", str(data_dir), client_id)  # the day's automatic backup is taken here
    at_idle, warm = [], []
    for _ in range(runs):
        result = child("client_page_at_idle", str(data_dir), client_id, "idle")
        if result["storage_open_when_asked"] or result["visits"] != CLIENT_PAGE_VISITS:
            raise RuntimeError(f"not the quick path's first page: {result}")
        at_idle.append(result["ms"])
        result = child("client_page_at_idle", str(data_dir), client_id, "warm")
        if not result["storage_open_when_asked"] or result["visits"] != CLIENT_PAGE_VISITS:
            raise RuntimeError(f"storage not open after the warm-up: {result}")
        warm.append(result["ms"])
    med, ref = statistics.median(at_idle), statistics.median(warm)
    return Row(CLIENT_PAGE_AT_IDLE, _ms(med), f"same page after warm-up {_ms(ref)}", f"{med / ref:.2f}x",
               TARGETS[CLIENT_PAGE_AT_IDLE].judge(med / ref),
               f"launch as on a clinic laptop, the session's first page (charts built, results computed) asked "
               f"for at idle, storage not yet open; ask to painted page; runs {', '.join(f'{t:.0f}' for t in at_idle)} "
               f"ms; after warm-up {', '.join(f'{t:.0f}' for t in warm)} ms")


def row_trend(runs: int) -> Row:
    result = child("trend", str(runs))
    med = result["update_ms"]
    ref = statistics.median(result["reference_ms"])
    return Row(TREND, _ms(med), f"bare PlotWidget {_ms(ref)}",
               f"{med / ref:.1f}x" if ref > 0 else "-", TARGETS[TREND].judge(med),
               f"fill + render an open view; a new view incl. construction {_ms(result['open_ms'])}; "
               f"the series, computed off the GUI thread beforehand, {_ms(result['series_ms'])}")


def row_memory(data_dir: Path, runs: int) -> Row:
    peaks = [child("memory", str(data_dir))["maxrss_kib"] / 1024.0 for _ in range(runs)]
    bare = [child("bare_window")["maxrss_kib"] / 1024.0 for _ in range(runs)]
    med, ref = statistics.median(peaks), statistics.median(bare)
    return Row(MEMORY, f"{med:.0f} MiB", f"bare window {ref:.0f} MiB", f"{med / ref:.1f}x", TARGETS[MEMORY].judge(med),
               "open app, open client, compute results, export PDF (ru_maxrss)")


def row_live_capture(seconds: float) -> Row:
    """1 kHz simulated stream through the driver into the live plot (10 s window)."""
    r = child("live_capture", str(seconds), timeout_s=seconds * 3 + 120)
    p99, bare = r["frame_p99_ms"], r["bare_frame_p99_ms"]
    note = (f"{r['stream_seconds']:g} s stream, {r['received']:,} samples, lost {r['lost']}; "
            f"frame median {_ms(r['frame_median_ms'])} (bare {_ms(r['bare_frame_median_ms'])}); "
            f"sample-to-screen median {_ms(r['latency_median_ms'])}, p99 {_ms(r['latency_p99_ms'])}")
    ratio = f"{p99 / bare:.1f}x" if bare > 0 else "-"
    result = TARGETS[LIVE_CAPTURE].judge(p99, p99 < 16.0, r["lost"] == 0)
    return Row(LIVE_CAPTURE, _ms(p99), f"bare PlotWidget p99 {_ms(bare)}", ratio, result, note)


def row_import(work_dir: Path, runs: int) -> Row:
    """Import the seeded file into a new data folder per run, beside the reference in the same run."""
    from bench.exchange_file import write_exchange_file

    work_dir.mkdir(parents=True, exist_ok=True)
    exchange_file = write_exchange_file(work_dir / "exchange.json", IMPORT_CLIENTS, IMPORT_VISITS)
    imports, references = [], []
    for run in range(runs):  # interleaved, so drift in machine load hits both alike
        references.append(child("import_reference", str(exchange_file), str(work_dir / f"reference-{run}")))
        imports.append(child("import", str(exchange_file), str(work_dir / f"import-{run}")))
    med = statistics.median(r["ms"] for r in imports)
    ref = statistics.median(r["ms"] for r in references)
    complete = all(r["stored_clients"] == r["clients"] == IMPORT_CLIENTS and
                   r["stored_visits"] == r["visits"] == IMPORT_VISITS and r["chain_intact"] and
                   r["audit_events"] == IMPORT_CLIENTS + IMPORT_VISITS + 1 for r in imports)
    size_mb = exchange_file.stat().st_size / 1e6
    return Row(BULK_IMPORT, _ms(med), f"JSON rows, plain sqlite3 {_ms(ref)}", f"{med / ref:.1f}x",
               TARGETS[BULK_IMPORT].judge(med, complete),
               f"{size_mb:.1f} MB file (bench/exchange_file.py), {runs} runs, one process each; "
               f"CPU median {_ms(statistics.median(r['cpu_ms'] for r in imports))} (wall above it is machine load); "
               f"every run stored every record with one audit event each and an intact chain: "
               f"{'yes' if complete else 'NO'}")


def row_gui_stall(runs: int) -> Row:
    """A full visit through the window while every storage call sleeps 300 ms (the scenario of
    tests/ui/test_storage_off_the_gui_thread.py, which asserts that no storage time reaches the GUI
    thread): the longest stretch of the GUI thread's own CPU time between two turns of its event loop.
    Reference: the 300 ms one storage call would hold the window for if it ran on the GUI thread."""
    worst: list[float] = []
    where: list[str] = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "tests/ui/test_storage_off_the_gui_thread.py", "-k", "slow_storage",
             "-s", "-q", "-p", "no:cacheprovider"], capture_output=True, text=True, timeout=600, env=_env(), cwd=ROOT)
        found = re.search(r"GUI thread busy ([0-9.]+) ms \(([^)]*)\)", proc.stdout)
        if proc.returncode != 0 or found is None:
            tail = (proc.stdout.strip().splitlines() or ["no output"])[-1]
            raise RuntimeError(f"the slowed-storage visit failed (exit {proc.returncode}): {tail}")
        worst.append(float(found.group(1)))
        where.append(found.group(2))
    med = statistics.median(worst)
    return Row(GUI_STALL, _ms(med), "one storage call 300 ms", f"{med / 300:.2f}x", TARGETS[GUI_STALL].judge(med),
               f"worst in {', '.join(sorted(set(where)))}; runs {', '.join(f'{w:.0f}' for w in worst)} ms")


def guarded(name: str, build: Callable[[], Row]) -> Row:
    try:
        return build()
    except (NotAvailable, ImportError) as exc:
        return Row(name, note=f"not available: {exc}")
    except Exception as exc:  # noqa: BLE001 - one broken row must not hide the others
        return Row(name, result="ERROR", note=f"{type(exc).__name__}: {exc}")


def print_table(rows: list[Row]) -> None:
    headers = ("Measure", "Median", "Reference (same run)", "Ratio", "Target", "Result")
    cells = [headers] + [(r.name, r.value, r.reference, r.ratio, r.target, r.result) for r in rows]
    widths = [max(len(str(row[i])) for row in cells) for i in range(len(headers))]
    line = "  ".join("-" * w for w in widths)
    print(line)
    for index, row in enumerate(cells):
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            print(line)
    print(line)
    for r in rows:
        if r.note:
            print(f"* {r.name}: {r.note}")


def measure_rows(tmp: Path, runs: int, wanted: Callable[[str], bool]) -> list[Row]:
    """Every row ``wanted`` selects, in table order; data is prepared only for the rows that need it."""
    start_dir, search_dir, demo_dir = tmp / "start", tmp / "search", tmp / "demo"
    rows: list[Row] = []
    if any(wanted(name) for name in (READY, IDLE, READY_BUNDLE, IDLE_BUNDLE)):
        began = time.perf_counter()
        fill_clients(start_dir, START_CLIENTS)
        print(f"prepared {START_CLIENTS:,} clients in {time.perf_counter() - began:.1f} s", flush=True)
    if any(wanted(name) for name in (PDF_FIRST, PDF, MEMORY)):
        fill_demo(demo_dir)
    if wanted(CLIENT_PAGE) or wanted(CLIENT_PAGE_AT_IDLE):
        fill_client_page(tmp / "client-page")
    # One measurement gives both start rows (each launch prints both moments).
    start = functools.cache(lambda: rows_start(start_dir, runs, [sys.executable, "-m", "desktop"], (READY, IDLE)))
    builds: list[tuple[str, Callable[[], Row]]] = [(READY, lambda: start()[0]), (IDLE, lambda: start()[1])]
    if BUNDLE_EXE.exists():
        bundle = functools.cache(lambda: rows_start(start_dir, runs, [str(BUNDLE_EXE)], (READY_BUNDLE, IDLE_BUNDLE)))
        builds += [(READY_BUNDLE, lambda: bundle()[0]), (IDLE_BUNDLE, lambda: bundle()[1])]

    def search_row() -> Row:
        began = time.perf_counter()
        fill_clients(search_dir, SEARCH_CLIENTS)
        print(f"prepared {SEARCH_CLIENTS:,} clients in {time.perf_counter() - began:.1f} s", flush=True)
        return row_search(search_dir, max(3, runs // 3))

    pdf = functools.cache(lambda: rows_pdf(demo_dir, runs))  # one measurement, two rows
    builds += [
        (SEARCH, search_row),
        (PDF_FIRST, lambda: pdf()[0]),
        (PDF, lambda: pdf()[1]),
        (CLIENT_PAGE, lambda: row_client_page(tmp / "client-page", runs)),
        (CLIENT_PAGE_AT_IDLE, lambda: row_client_page_at_idle(tmp / "client-page", min(runs, 5))),
        (TREND, lambda: row_trend(runs)),
        (MEMORY, lambda: row_memory(demo_dir, min(runs, 5))),
        (BULK_IMPORT, lambda: row_import(tmp / "import", min(runs, 5))),
        (LIVE_CAPTURE, lambda: row_live_capture(60.0)),
        (GUI_STALL, lambda: row_gui_stall(min(runs, 5))),
    ]
    for name, build in builds:
        if wanted(name):
            rows.append(guarded(name, build))
            print(f"  {name}: {rows[-1].value} ({rows[-1].result})", flush=True)
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="repeats per measurement (default 9)")
    parser.add_argument("--quick", action="store_true", help="3 runs, for a quick look")
    parser.add_argument("--only", default="", help="measure only rows whose name contains one of these "
                                                   "comma-separated words (e.g. search,import)")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return run_child(args.child)
    runs = 3 if args.quick else args.runs
    words = [w.strip().lower() for w in args.only.split(",") if w.strip()]

    def wanted(name: str) -> bool:
        return not words or any(w in name.lower() for w in words)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(f"Medius benchmarks: {runs} runs each, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    compile_sources()
    with tempfile.TemporaryDirectory(prefix="medius-bench-") as tmp:
        rows = measure_rows(Path(tmp), runs, wanted)
    print_table(rows)
    passed = sum(r.passed for r in rows)
    print(f"{passed} of {len(rows)} rows pass; load average now {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if rows and passed == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
