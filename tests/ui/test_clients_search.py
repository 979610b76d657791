"""Client search: same answers as the repository, fast per keystroke, keyboard to open."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from db.repository import ClientSummary
from desktop.clinical import model as m
from desktop.ui.client_index import ClientIndex
from desktop.ui.clients import measure_search


def _clients(count: int) -> list[tuple[m.Client, list[m.Assessment]]]:
    rng = random.Random(7)
    given = ["Ana", "Ben", "Zoë", "Иван", "芳", "Priya", "Tane", "Chloé"]
    family = ["Nguyễn", "Smith", "Ñúñez", "Петров", "王", "Patel", "Ngata", "Müller"]
    return [
        (m.Client(rng.choice(given), rng.choice(family), date(1940 + i % 60, 1 + i % 12, 1 + i % 28),
                  external_id=f"F{i:05d}"), [])
        for i in range(count)
    ]


def test_index_answers_like_the_repository(medius_repo: Any) -> None:
    medius_repo.add_clients(_clients(400))
    index = ClientIndex(medius_repo.list_clients())
    for query in ["", "ngu", "nguyen", "zoe", "NGUYỄN ana", "1971", "f0001", "петров", "王", "ana s", "zzz",
                  "mul", "müller chl", "ben 19"]:
        expected = [c.id for c in medius_repo.list_clients(query)]
        assert [c.id for c in index.search(query)] == expected, query


def test_narrowing_keeps_results_right_when_a_word_is_edited() -> None:
    rows = [ClientSummary(i, g, f, date(1980, 1, 1), None, 0, None)
            for i, (g, f) in enumerate([("Ana", "Smith"), ("Anna", "Lee"), ("Hana", "Smith")])]
    index = ClientIndex(rows)
    assert [r.id for r in index.search("an")] == [0, 1, 2]
    assert [r.id for r in index.search("ann")] == [1]
    assert [r.id for r in index.search("an")] == [0, 1, 2]  # deleting a letter widens again
    assert [r.id for r in index.search("an smi")] == [0, 2]
    assert [r.id for r in index.search("ha smi")] == [2]


def test_search_as_you_type_and_open_with_the_keyboard(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    medius_repo.add_clients(_clients(300))
    target, _ = medius_repo.add_client(m.Client("Quinn", "O'Brien", date(1971, 3, 14), external_id="MED-77"))
    window = make_window()
    page = window.clients_page
    assert page.model.rowCount() == 301
    timings = measure_search(page, ["quinn", "med-77", "1971-03-14"])
    assert len(timings) == len("quinn") + len("med-77") + len("1971-03-14")
    assert page.model.rowCount() == 1 and page.model.client_id(0) == target
    assert "1 of 301 clients match" in page.count_label.text()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.client_page
    assert window.client_page.client_id == target


def test_large_list_loads_the_rest_in_the_background(qtbot: Any, make_window: Any, medius_repo: Any,
                                                     monkeypatch: Any) -> None:
    from desktop.ui import clients

    monkeypatch.setattr(clients, "FIRST_PAGE_ROWS", 50)
    medius_repo.add_clients(_clients(120))
    window = make_window()
    page = window.clients_page
    qtbot.waitUntil(lambda: page.complete, timeout=10000)
    assert page.model.rowCount() == 120
    page.search.setText("F00119")
    assert page.model.rowCount() == 1
