"""The measured side of the benchmarks: synthetic data, and each measurement run in its own
interpreter (``bench/run.py --child NAME``), so no row pays for another's imports."""

from __future__ import annotations

import json
import math
import random
import resource
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

START_CLIENTS = 5_000
SEARCH_CLIENTS = 100_000
IMPORT_CLIENTS, IMPORT_VISITS = 2_000, 6_000
TREND_VISITS = 200
SEARCH_QUERIES = ("nguyen", "smith ann", "1971-03", "med-0123", "zoe", "o'br", "eleni")
BUNDLE_EXE = ROOT / "dist" / "medius" / "medius"


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (p95 of 20 keystrokes is the 19th smallest)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100.0 * len(ordered)))
    return ordered[rank - 1]



class NotAvailable(Exception):
    """The feature a row measures has not landed (yet)."""


# ---------------------------------------------------------------------------
# Synthetic data


_GIVEN = ("Ana", "Ben", "Chloé", "Dmitri", "Eleni", "Fatima", "George", "Hana", "Ivan", "Jo", "Kiri",
          "Liam", "Mei", "Noah", "Olivia", "Priya", "Quinn", "Rangi", "Sofía", "Tomás", "Uma", "Zoë",
          "Ann", "Anne", "Annie", "Siobhan")
_FAMILY = ("Nguyễn", "Smith", "O'Brien", "Papadopoulou", "Kowalski", "Ngata", "Müller", "García", "Chen",
           "Wang", "Patel", "Brown", "Jones", "Taylor", "Wilson", "Ñúñez", "Łukasz", "Dubois", "Rossi",
           "Haddad", "Okafor", "Tanaka", "Petrov", "Silva", "Murphy", "Lee")


def synthetic_clients(count: int, seed: int = 9) -> list[Any]:
    """``count`` plausible clients with unique file numbers, in a fixed pseudo-random order."""
    from desktop.clinical import model as m

    rng = random.Random(seed)
    clients = []
    for index in range(count):
        born = date(1940 + rng.randrange(65), 1 + rng.randrange(12), 1 + rng.randrange(28))
        clients.append(m.Client(rng.choice(_GIVEN), rng.choice(_FAMILY), born,
                                rng.choice(("female", "male", "other", "unspecified")), f"MED-{index:05d}"))
    return clients


def fill_clients(data_dir: Path, count: int) -> None:
    """A data folder holding ``count`` clients, written through the repository in batches."""
    from desktop.paths import resolve_paths
    from desktop.services.database import open_repository

    repo = open_repository(resolve_paths(data_dir))
    clients = synthetic_clients(count)
    for start in range(0, count, 5_000):
        repo.add_clients([(c, []) for c in clients[start:start + 5_000]])


def fill_demo(data_dir: Path) -> None:
    from desktop.paths import resolve_paths
    from desktop.services.database import open_repository
    from desktop.services.demo import add_demo_clients

    add_demo_clients(open_repository(resolve_paths(data_dir)))


# ---------------------------------------------------------------------------
# Child measurements (each prints one JSON line)


def _app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


def _open_window(data_dir: str) -> tuple[Any, Any, Any]:
    """The real main window on ``data_dir``, shown, with its client list fully loaded."""
    from PySide6.QtCore import QCoreApplication, QThreadPool

    from desktop.paths import resolve_paths
    from desktop.ui.main_window import MainWindow

    try:
        from desktop.app import _open_storage as open_repository  # as the app opens it, after Qt
    except ImportError:
        from desktop.services.database import open_repository

    app = _app()
    paths = resolve_paths(data_dir)
    repo = open_repository(paths)
    from desktop.services.app_services import build_services

    window = MainWindow(build_services(repo, paths), install_error_handler=False)
    window.show()
    deadline = time.monotonic() + 120
    page = getattr(window, "clients_page", None)
    while time.monotonic() < deadline:
        QThreadPool.globalInstance().waitForDone(50)
        QCoreApplication.processEvents()
        if window.model.rowCount() and (page is None or getattr(page, "complete", True)):
            break
    return app, window, repo


def child_bare_window() -> dict[str, Any]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMainWindow

    app = _app()
    window = QMainWindow()
    window.resize(1280, 720)
    window.show()

    def ready() -> None:  # the same moment and words as ``medius --exit-after-startup``
        print("bare: window ready", flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    app.exec()
    return {"maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


def _type_timings(widget: Any, queries: Sequence[str], after: Callable[[], None]) -> list[float]:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtTest import QTest

    timings = []
    for query in queries:
        widget.clear()
        QCoreApplication.processEvents()
        for character in query:
            began = time.perf_counter()
            QTest.keyClicks(widget, character)
            after()
            timings.append((time.perf_counter() - began) * 1000.0)
    return timings


def child_search(data_dir: str, rounds: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QLineEdit

    _app_, window, _repo = _open_window(data_dir)
    page = getattr(window, "clients_page", None)
    index = getattr(page, "index", None)  # the list holds only the first clients of an answer
    total_rows = len(index) if index is not None else window.model.rowCount()
    try:
        from desktop.ui.clients import measure_search
    except ImportError:
        measure_search = None
    bare = QLineEdit()
    bare.show()
    search_p95: list[float] = []
    bare_p95: list[float] = []
    for _ in range(rounds):
        if measure_search is not None and page is not None:
            timings = measure_search(page, SEARCH_QUERIES)
        else:
            timings = _type_timings(window.search, SEARCH_QUERIES, lambda: window.table.viewport().repaint())
        search_p95.append(percentile(timings, 95))
        bare_p95.append(percentile(_type_timings(bare, SEARCH_QUERIES, bare.repaint), 95))
    window.search.clear()
    return {"p95_ms": search_p95, "bare_p95_ms": bare_p95, "rows": total_rows,
            "keystrokes": sum(len(q) for q in SEARCH_QUERIES),
            "driver": "desktop.ui.clients.measure_search" if measure_search else "QTest.keyClicks"}


def _pdf_subject(repo: Any) -> tuple[int, int, int]:
    """A demo assessment with earlier visits (charts) and, if any, exactly six exercises."""
    from desktop.services.assessments import AssessmentService

    service = AssessmentService(repo)
    best: tuple[int, int, int] | None = None
    for summary in repo.list_clients():
        visits = service.history(summary.id)
        for position, (assessment_id, _a, results) in enumerate(visits):
            exercises = len(results.program.exercises) if results.program is not None else 0
            candidate = (assessment_id, exercises, position)
            if exercises == 6 and position > 0:
                return candidate
            if best is None or (position, exercises) > (best[2], best[1]):
                best = candidate
    if best is None:
        raise NotAvailable("no demo assessment")
    return best


def child_pdf(data_dir: str, runs: int) -> dict[str, Any]:
    from desktop.paths import resolve_paths
    from desktop.services.database import open_repository

    try:
        from desktop.services.reports import export_report
    except ImportError as exc:
        raise NotAvailable(str(exc)) from exc
    repo = open_repository(resolve_paths(data_dir))
    assessment_id, exercises, earlier = _pdf_subject(repo)
    out = Path(data_dir) / "bench-referral.pdf"
    began = time.perf_counter()
    export_report(repo, assessment_id, out)
    first_ms = (time.perf_counter() - began) * 1000.0
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        export_report(repo, assessment_id, out)
        times.append((time.perf_counter() - began) * 1000.0)
    reference = [_reference_pdf(Path(data_dir) / "bench-reference.pdf") for _ in range(runs)]
    from pypdf import PdfReader

    pages = len(PdfReader(str(out)).pages)
    return {"ms": times, "first_ms": first_ms, "reference_ms": reference, "exercises": exercises,
            "earlier_visits": earlier, "pages": pages}


def _reference_pdf(out: Path) -> float:
    """One page of text in the embedded DejaVu font: what any reportlab document costs."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from desktop.paths import resource

    began = time.perf_counter()
    if "BenchDejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BenchDejaVu", str(resource("fonts", "DejaVuSans.ttf"))))
    style = ParagraphStyle("body", fontName="BenchDejaVu", fontSize=10, leading=13)
    story = [Paragraph(f"Paragraph {i}: Ana Nguyễn, hip abduction 158.0 N.", style) for i in range(40)]
    SimpleDocTemplate(str(out), pagesize=A4).build(story)
    return (time.perf_counter() - began) * 1000.0


def _idle_session(data_dir: str) -> tuple[Any, Any, Any]:
    """The real main window on ``data_dir`` once start-up has gone idle and the report warm-up
    that follows has finished: where the clinician stands a few seconds into a session."""
    from PySide6.QtCore import QCoreApplication

    from desktop.ui.worker import wait_for_all

    app, window, repo = _open_window(data_dir)
    try:
        from desktop.app import _Background
    except ImportError as exc:
        raise NotAvailable(f"no idle start-up: {exc}") from exc
    background = _Background(window.services, window, True)
    warm: list[bool] = []
    background.when_warm.append(lambda: warm.append(True))
    background.start()
    deadline = time.monotonic() + 120
    while not warm and time.monotonic() < deadline:  # idle, then the warm-up in the first quiet moment
        wait_for_all(20)
        QCoreApplication.processEvents()
    if not warm:
        raise RuntimeError("start-up never went idle and warm")
    window._bench_background = background  # kept alive with the window
    return app, window, repo


def child_pdf_session(data_dir: str, runs: int) -> dict[str, Any]:
    """The first referral letter of a session (after idle), then later ones, as the window exports them."""
    _app_, window, repo = _idle_session(data_dir)
    assessment_id, exercises, earlier = _pdf_subject(repo)
    out = Path(data_dir) / "bench-session.pdf"
    began, cpu = time.perf_counter(), time.process_time()
    window.services.reports.export(assessment_id, out)
    first_ms, first_cpu_ms = (time.perf_counter() - began) * 1000.0, (time.process_time() - cpu) * 1000.0
    times, cpu_times = [], []
    for _ in range(runs):
        began, cpu = time.perf_counter(), time.process_time()
        window.services.reports.export(assessment_id, out)
        times.append((time.perf_counter() - began) * 1000.0)
        cpu_times.append((time.process_time() - cpu) * 1000.0)
    reference = [_reference_pdf(Path(data_dir) / "bench-reference.pdf") for _ in range(runs + 1)][1:]
    from pypdf import PdfReader

    return {"first_ms": first_ms, "ms": times, "first_cpu_ms": first_cpu_ms, "cpu_ms": cpu_times,
            "reference_ms": reference, "exercises": exercises,
            "earlier_visits": earlier, "pages": len(PdfReader(str(out)).pages)}


CLIENT_PAGE_VISITS = 50


def fill_client_page(data_dir: Path) -> None:
    """The demo clients and one client with ``CLIENT_PAGE_VISITS`` plausible visits."""
    from desktop.paths import resolve_paths
    from desktop.services.database import open_repository
    from desktop.services.demo import add_demo_clients
    from desktop.ui.history.bench import SYNTHETIC_CLIENT, synthetic_visits

    repo = open_repository(resolve_paths(data_dir))
    add_demo_clients(repo)
    repo.add_clients([(SYNTHETIC_CLIENT, [a for _i, a, _r in synthetic_visits(CLIENT_PAGE_VISITS)])])


def _show_page_ms(window: Any, client_id: int) -> float:
    """Milliseconds from asking for a client's page to the page painted with its visits and charts
    (every queued turn of the event loop run; the shown window paints in them)."""
    from PySide6.QtCore import QCoreApplication

    from desktop.ui.worker import is_idle, wait_for_all

    began = time.perf_counter()
    page = window.open_client(client_id)
    loaded: list[int] = []
    page.loaded.connect(loaded.append)
    while not loaded or not is_idle():
        wait_for_all(1)
        QCoreApplication.processEvents()
    for _turn in range(3):  # the charts' turns, queued after the table, then their paint (the window is shown)
        QCoreApplication.processEvents()
    elapsed = (time.perf_counter() - began) * 1000.0
    page.loaded.disconnect(loaded.append)
    return elapsed


def child_client_page(data_dir: str, runs: int) -> dict[str, Any]:
    """Switching between a demo client and the 50-visit client, after idle; the first opening of
    each is the session's first (page and charts built, results not yet at hand)."""
    from PySide6.QtCore import QAbstractTableModel, Qt
    from PySide6.QtWidgets import QTableView

    _app_, window, repo = _idle_session(data_dir)
    ids = {summary.assessment_count: summary.id for summary in repo.list_clients()}
    busy_id = ids[CLIENT_PAGE_VISITS]
    other_id = next(cid for count, cid in ids.items() if count != CLIENT_PAGE_VISITS and count)
    first_other = _show_page_ms(window, other_id)
    first = _show_page_ms(window, busy_id)
    times = []
    for _ in range(runs):
        _show_page_ms(window, other_id)
        times.append(_show_page_ms(window, busy_id))

    class Rows(QAbstractTableModel):  # the reference: a bare table of the same size
        def rowCount(self, parent: Any = None) -> int:  # noqa: N802
            return CLIENT_PAGE_VISITS

        def columnCount(self, parent: Any = None) -> int:  # noqa: N802
            return 7

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            return f"{index.row()}.{index.column()}" if role == Qt.ItemDataRole.DisplayRole else None

    reference = []
    for _ in range(runs):
        began = time.perf_counter()
        table = QTableView()
        table.setModel(Rows(table))
        table.resize(1280, 720)
        table.show()
        table.grab()
        reference.append((time.perf_counter() - began) * 1000.0)
        table.close()
    return {"ms": times, "first_ms": first, "first_other_ms": first_other, "reference_ms": reference}


def child_client_page_at_idle(data_dir: str, client_id: str, moment: str = "idle") -> dict[str, Any]:
    """Medius started as on a clinic laptop (the quick path), and the client's page asked for the
    moment start-up is idle (``moment`` "idle", storage not yet open) or once the warm-up in the
    first quiet moment has opened storage and loaded the report code ("warm"): ask to page painted
    with table and charts, the session's first page (results computed, charts built)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    import desktop.app as start
    import desktop.cli

    measured: dict[str, Any] = {}
    original = start._Background._reached_idle

    def reached_idle(self: Any) -> None:
        original(self)
        if moment == "warm":
            self.when_warm.append(lambda: show_page(self))
        else:
            show_page(self)

    def show_page(self: Any) -> None:
        measured["storage_open_when_asked"] = self.services.storage.is_open
        app = QCoreApplication.instance()
        began = time.perf_counter()
        page = self.window.open_client(int(client_id))
        loaded: list[int] = []
        page.loaded.connect(loaded.append)

        def turn() -> None:  # one wait in the event loop (sleeping, not spinning: the page's work runs)
            loop = QEventLoop()
            QTimer.singleShot(1, loop.quit)
            loop.exec()

        while not loaded and time.perf_counter() - began < 60:
            turn()
        for _turn in range(3):  # the charts' turns, queued after the table, then their paint (as the page row)
            QCoreApplication.processEvents()
        from desktop.ui.history.trend_view import TrendView  # loaded by the page by now, not before it

        while any(isinstance(w, TrendView) and w.isVisible() and w.drawing() for w in app.allWidgets()):
            turn()
        measured["ms"] = (time.perf_counter() - began) * 1000.0
        measured["visits"] = len(page.visits)
        measured["storage_open_when_shown"] = self.services.storage.is_open
        QTimer.singleShot(0, app.quit)

    start._Background._reached_idle = reached_idle
    code = desktop.cli.main(["--data-dir", data_dir])
    if code != 0 or "ms" not in measured:
        raise RuntimeError(f"the app exited {code} before the page was shown")
    return measured


def client_page_client(data_dir: Path) -> int:
    """The id of the client with ``CLIENT_PAGE_VISITS`` visits in a folder ``fill_client_page`` made."""
    import sqlite3

    conn = sqlite3.connect(data_dir / "medius.sqlite3")
    try:
        (client_id,), = conn.execute("SELECT client_id FROM assessments GROUP BY client_id HAVING count(*) = ?",
                                     (CLIENT_PAGE_VISITS,)).fetchall()
    finally:
        conn.close()
    return int(client_id)


def child_trend(runs: int) -> dict[str, Any]:
    try:
        from desktop.ui.history.bench import time_trend_view
    except ImportError as exc:
        raise NotAvailable(str(exc)) from exc
    _app()
    figures = time_trend_view(TREND_VISITS, repeats=runs)
    import pyqtgraph

    plot = pyqtgraph.PlotWidget()
    plot.resize(1366, 768)
    plot.show()
    curve = plot.plot()
    xs = list(range(TREND_VISITS))
    ys = [150.0 + math.sin(x / 9.0) * 20.0 for x in xs]
    reference = []
    for _ in range(runs):
        began = time.perf_counter()
        curve.setData(xs, ys)
        plot.grab()
        reference.append((time.perf_counter() - began) * 1000.0)
    plot.close()
    return {"update_ms": figures["update_ms"], "open_ms": figures["open_ms"], "series_ms": figures["series_ms"],
            "reference_ms": reference}


def child_memory(data_dir: str) -> dict[str, Any]:
    """Open the app, open a client, compute results, export a PDF; the child's peak RSS."""
    from PySide6.QtCore import QCoreApplication, QThreadPool

    try:
        from desktop.services.reports import export_report
    except ImportError as exc:
        raise NotAvailable(str(exc)) from exc
    _app_, window, repo = _idle_session(data_dir)
    steps = ["window", "idle and report warm-up"]
    assessment_id, _exercises, _earlier = _pdf_subject(repo)
    client_id, _assessment = repo.get_assessment(assessment_id)
    if hasattr(window, "open_client"):
        window.open_client(client_id)
        QThreadPool.globalInstance().waitForDone(30000)
        QCoreApplication.processEvents()
        steps.append("client page")
    service = getattr(window, "service", None)
    if service is not None:
        service.results(assessment_id)
    else:
        from desktop.services.assessments import AssessmentService

        AssessmentService(repo).results(assessment_id)
    steps.append("results")
    export_report(repo, assessment_id, Path(data_dir) / "bench-memory.pdf")
    steps.append("PDF")
    QCoreApplication.processEvents()
    return {"maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "steps": steps}


def child_import(exchange_file: str, data_dir: str) -> dict[str, Any]:
    """One ``medius import`` of the file into an empty data folder, timed in process, then checked."""
    from desktop.paths import resolve_paths
    from desktop.services.database import open_repository
    from desktop.services.exchange import import_file

    repo = open_repository(resolve_paths(Path(data_dir)).ensure())
    began, cpu = time.perf_counter(), time.process_time()
    imported = import_file(repo, Path(exchange_file))
    elapsed_ms, cpu_ms = (time.perf_counter() - began) * 1000.0, (time.process_time() - cpu) * 1000.0
    counts = repo.table_counts()
    return {"ms": elapsed_ms, "cpu_ms": cpu_ms, "clients": len(imported),
            "visits": sum(len(ids) for _, ids in imported), "stored_clients": counts["clients"],
            "stored_visits": counts["assessments"],
            "audit_events": counts["audit_events"], "chain_intact": repo.verify_audit_chain() is None}


def child_import_reference(exchange_file: str, data_dir: str) -> dict[str, Any]:
    """The floor any importer stands on: read the file, store each client's JSON as one row, one transaction."""
    import sqlite3

    began = time.perf_counter()
    document = json.loads(Path(exchange_file).read_bytes())
    Path(data_dir).mkdir(parents=True)
    connection = sqlite3.connect(Path(data_dir) / "reference.sqlite3")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE clients (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
    with connection:
        connection.executemany("INSERT INTO clients (body) VALUES (?)",
                               ((json.dumps(c, ensure_ascii=False),) for c in document["clients"]))
    connection.close()
    return {"ms": (time.perf_counter() - began) * 1000.0}


def child_live_capture(seconds: str) -> dict[str, Any]:
    try:
        from bench.live_capture import run as run_live_capture
    except ImportError as exc:
        raise NotAvailable(str(exc)) from exc
    return run_live_capture(float(seconds))


CHILDREN: dict[str, Callable[..., dict[str, Any]]] = {
    "live_capture": child_live_capture,
    "bare_window": child_bare_window,
    "search": lambda d, r: child_search(d, int(r)),
    "pdf": lambda d, r: child_pdf(d, int(r)),
    "pdf_session": lambda d, r: child_pdf_session(d, int(r)),
    "client_page": lambda d, r: child_client_page(d, int(r)),
    "client_page_at_idle": child_client_page_at_idle,
    "trend": lambda r: child_trend(int(r)),
    "memory": child_memory,
    "import": child_import,
    "import_reference": child_import_reference,
}


def run_child(argv: list[str]) -> int:
    name, args = argv[0], argv[1:]
    try:
        result = CHILDREN[name](*args)
    except NotAvailable as exc:
        result = {"not_available": str(exc)}
    print("BENCH-RESULT " + json.dumps(result), flush=True)
    return 0
