"""Client search: same answers as the repository, fast per keystroke, keyboard to open."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from db.repository import ClientSummary
from desktop.clinical import model as m
from desktop.ui.client_index import ClientIndex, key_grams
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


def test_position_lists_answer_like_the_repository_key_by_key(medius_repo: Any) -> None:
    medius_repo.add_clients(_clients(400))
    rows = medius_repo.list_clients()
    scanning, indexed = ClientIndex(rows), ClientIndex(rows).build_postings()
    assert indexed.has_postings and not scanning.has_postings
    for query in ["ngu", "nguyen", "zoe", "NGUYỄN ana", "1971-03", "f0001", "петров", "王", "ana s", "zzz",
                  "müller chl", "ben 19", "n g", "an smi"]:
        expected = [c.id for c in medius_repo.list_clients(query)]
        assert [c.id for c in indexed.search(query)] == expected, query
        typed = [query[:n] for n in range(1, len(query) + 1)] + [query[:n] for n in range(len(query) - 1, 0, -1)]
        for prefix in typed:  # typing the query, then deleting it letter by letter
            assert [c.id for c in indexed.search(prefix)] == [c.id for c in scanning.search(prefix)], prefix


def test_grams_are_characters_and_pairs_within_words() -> None:
    assert key_grams("ana 19") == {"a", "n", "1", "9", "an", "na", "19"}
    assert key_grams("") == set()


def test_an_answer_is_a_view_that_indexes_slices_and_iterates() -> None:
    rows = [ClientSummary(i, g, "Lee", date(1980, 1, 1), None, 0, None)
            for i, g in enumerate(["Ana", "Ben", "Hana", "Anna"])]
    answer = ClientIndex(rows).build_postings().search("na")
    assert len(answer) == 3
    assert answer[0].id == 0 and answer[-1].id == 3
    assert [r.id for r in answer[1:]] == [2, 3]
    assert [r.id for r in answer] == [0, 2, 3]


def test_a_long_answer_stops_after_the_first_matches_and_says_so(monkeypatch: Any) -> None:
    from desktop.ui import client_index

    monkeypatch.setattr(client_index, "_CHECK_ALL", 10)
    monkeypatch.setattr(client_index, "_BLOCK", 10)
    monkeypatch.setattr(client_index, "SHOWN_AT_MOST", 5)
    rows = [ClientSummary(i, "Ana" if i % 50 else "Hana", "Smith", date(1980, 1, 1), None, 0, None)
            for i in range(100)]
    index = ClientIndex(rows).build_postings()
    first = index.search("smi")  # every client matches: checked block by block
    assert isinstance(first, client_index.Matches) and not first.complete
    assert [r.id for r in first] == [0, 1, 2, 3, 4]
    narrower = index.search("hana smi")  # not narrowed from the partial answer above
    assert isinstance(narrower, client_index.Matches) and narrower.complete
    assert [r.id for r in narrower] == [0, 50]
    whole = index.search("an")  # a one- or two-character word is answered by its list: complete
    assert isinstance(whole, client_index.Matches) and whole.complete and len(whole) == 100


def test_narrowing_keeps_results_right_when_a_word_is_edited() -> None:
    rows = [ClientSummary(i, g, f, date(1980, 1, 1), None, 0, None)
            for i, (g, f) in enumerate([("Ana", "Smith"), ("Anna", "Lee"), ("Hana", "Smith")])]
    index = ClientIndex(rows)
    assert [r.id for r in index.search("an")] == [0, 1, 2]
    assert [r.id for r in index.search("ann")] == [1]
    assert [r.id for r in index.search("an")] == [0, 1, 2]  # deleting a letter widens again
    assert [r.id for r in index.search("an smi")] == [0, 2]
    assert [r.id for r in index.search("ha smi")] == [2]
    indexed = ClientIndex(rows).build_postings()
    for query, expected in [("an", [0, 1, 2]), ("ann", [1]), ("an", [0, 1, 2]), ("an smi", [0, 2]),
                            ("ha smi", [2]), ("", [0, 1, 2])]:
        assert [r.id for r in indexed.search(query)] == expected, query


def test_a_line_is_replaced_in_place_only_while_its_key_and_order_hold() -> None:
    rows = [ClientSummary(i, g, "Lee", date(1980, 1, 1), None, 0, None)
            for i, g in enumerate(["Ana", "Ben", "Hana"])]
    index = ClientIndex(rows).build_postings()
    assert index.replace(ClientSummary(2, "Hana", "Lee", date(1980, 1, 1), None, 3, date(2026, 5, 1)))
    answer = index.search("hana")
    assert [(r.id, r.assessment_count, r.last_visit) for r in answer] == [(2, 3, date(2026, 5, 1))]
    assert not index.replace(ClientSummary(1, "Benjamin", "Lee", date(1980, 1, 1), None, 0, None))  # renamed
    assert not index.replace(ClientSummary(7, "Ana", "Lee", date(1980, 1, 1), None, 0, None))  # not listed
    assert [r.id for r in index.search("ben")] == [1]


def test_a_saved_visit_refreshes_its_clients_line_without_reading_every_client(
        qtbot: Any, make_window: Any, medius_repo: Any, monkeypatch: Any) -> None:
    from tests.fixtures.records import assessment

    medius_repo.add_clients(_clients(50))
    window = make_window()
    page = window.clients_page
    target = page.model.client_id(3)
    whole_reads: list[str] = []
    search = page.clients.search
    monkeypatch.setattr(page.clients, "search", lambda *a, **k: whole_reads.append("search") or search(*a, **k))
    medius_repo.add_assessment(target, assessment(2))
    page.refresh_client(target)
    qtbot.waitUntil(lambda: any(r.id == target and r.assessment_count == 1 for r in page.model.rows), timeout=5000)
    assert whole_reads == []
    assert page.model.rowCount() == 50
    medius_repo.update_client(target, m.Client("Zed", "Zulu", date(1990, 1, 1)))  # a new key: the list is read again
    page.refresh_client(target)
    qtbot.waitUntil(lambda: whole_reads != [], timeout=5000)


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


def test_the_list_says_when_only_the_first_matches_are_shown(qtbot: Any, make_window: Any, medius_repo: Any,
                                                              monkeypatch: Any) -> None:
    from desktop.ui import client_index

    monkeypatch.setattr(client_index, "_CHECK_ALL", 10)
    monkeypatch.setattr(client_index, "_BLOCK", 10)
    monkeypatch.setattr(client_index, "SHOWN_AT_MOST", 5)
    medius_repo.add_clients(_clients(120))
    page = make_window().clients_page
    qtbot.waitUntil(lambda: page.complete and page.index.has_postings, timeout=10000)
    page.search.setText("f00")
    assert page.model.rowCount() == 5
    assert "More than 5 of 120 clients match" in page.count_label.text()
    page.search.setText("f00119")  # checked block by block to the end: one match, complete
    assert page.model.rowCount() == 1
    assert "1 of 120 clients match" in page.count_label.text()


def test_the_list_holds_the_first_500_and_fills_rows_as_they_come_on_screen(qtbot: Any, make_window: Any,
                                                                             medius_repo: Any) -> None:
    medius_repo.add_clients(_clients(620))
    page = make_window().clients_page
    qtbot.waitUntil(lambda: page.complete, timeout=10000)
    model = page.model
    assert model.rowCount() == 500
    assert "620 clients: the first 500 are listed" in page.count_label.text()
    first = medius_repo.list_clients()[0]
    assert model.data(model.index(0, 0)) == first.family_name
    assert model.data(model.index(0, 3)) == first.external_id
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole) == first.id == model.client_id(0)
    assert model.data(model.index(499, 0)) is None  # not on screen yet
    page.table.scrollToBottom()
    last = medius_repo.list_clients()[499]
    assert model.data(model.index(499, 1)) == last.given_name
    page.search.setText("f00")  # every file number: a complete answer longer than the list
    assert model.rowCount() == 500
    assert "620 of 620 clients match: the first 500 are shown" in page.count_label.text()


def test_words_left_as_they_were_answer_like_the_repository_while_others_change(medius_repo: Any) -> None:
    medius_repo.add_clients(_clients(400))
    rows = medius_repo.list_clients()
    scanning, indexed = ClientIndex(rows), ClientIndex(rows).build_postings()
    typed = ["ana", "ana s", "ana sm", "ana smi", "an smi", "ann smi", "ana smi n", "ana smi ng", "ana smi ng 19",
             "ana ana", "ana ana s", "19 f", "19 f0", "197 f0", "n g", "n gu"]
    for query in typed:
        expected = [c.id for c in medius_repo.list_clients(query)]
        assert [c.id for c in indexed.search(query)] == expected, query
        assert [c.id for c in scanning.search(query)] == expected, query


def test_rows_on_screen_show_every_answer_and_are_announced_once_per_fill(qtbot: Any, make_window: Any,
                                                                           medius_repo: Any) -> None:
    medius_repo.add_clients(_clients(300))
    page = make_window().clients_page
    qtbot.waitUntil(lambda: page.complete, timeout=10000)
    model, announced = page.model, {"data": 0, "layout": 0}
    model.dataChanged.connect(lambda *_: announced.__setitem__("data", announced["data"] + 1))
    model.layoutChanged.connect(lambda *_: announced.__setitem__("layout", announced["layout"] + 1))
    for query in ["n", "ng", "ngu", "ngu a", "ngu an", "f001"]:
        announced.update(data=0, layout=0)
        page.search.setText(query)
        assert announced == {"data": 1, "layout": 0}, query
        expected = medius_repo.list_clients(query)
        on_screen = range(max(page.table.rowAt(0), 0), min(model.rowCount(), 10))
        for position in on_screen:
            row = expected[position]
            cells = [model.data(model.index(position, column)) for column in range(model.columnCount())]
            assert cells == [row.family_name, row.given_name, row.date_of_birth.isoformat(), row.external_id or "",
                             str(row.assessment_count), ""], query
            assert model.data(model.index(position, 0), Qt.ItemDataRole.UserRole) == row.id
