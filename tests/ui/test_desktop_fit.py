"""Plays well with the desktop: remembered size and splitters, light or dark, named fields, empty states."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from desktop.services.app_services import build_services
from desktop.ui.appearance import dark_palette, wanted_scheme
from tests.ui.helpers import create_client


def test_window_size_and_splitter_are_remembered(qtbot: Any, make_window: Any, medius_paths: Any,
                                                 medius_repo: Any) -> None:
    from desktop.ui.main_window import MainWindow

    window = make_window()
    client_id = create_client(qtbot, window, "Ana", "Nguyen", "1971-03-14")
    qtbot.waitUntil(lambda: window.client_page.record is not None and window.client_page.record.id == client_id)
    window.resize(780, 520)  # inside the offscreen screen (800x600)
    window.show()
    qtbot.waitExposed(window)
    first = window.client_page.splitter
    first.setVisible(True)  # as for a client with visits
    first.setSizes([100, 300])
    qtbot.waitUntil(lambda: first.sizes()[0] > 0)
    sizes = first.sizes()
    window.close()
    assert medius_paths.window_state.exists()
    again = MainWindow(build_services(medius_repo, medius_paths), install_error_handler=False)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (780, 520)
    splitter = again.client_page.splitter
    splitter.setVisible(True)  # shown once the client has visits; its sizes count only then
    again.stack.setCurrentWidget(again.client_page)
    again.show()
    qtbot.waitExposed(again)
    qtbot.waitUntil(lambda: sum(splitter.sizes()) > 0)
    restored = splitter.sizes()
    # The same proportion as saved (the page around it may differ by a few pixels).
    assert abs(restored[0] / sum(restored) - sizes[0] / sum(sizes)) < 0.05
    text = medius_paths.window_state.read_text(encoding="latin-1")
    assert "Nguyen" not in text and "Ana" not in text


def test_the_scheme_follows_the_system_or_the_override() -> None:
    assert wanted_scheme(Qt.ColorScheme.Dark, {}) == "dark"
    assert wanted_scheme(Qt.ColorScheme.Light, {}) == "light"
    assert wanted_scheme(Qt.ColorScheme.Unknown, {}) == "light"
    assert wanted_scheme(Qt.ColorScheme.Unknown, {"GTK_THEME": "Adwaita:dark"}) == "dark"
    assert wanted_scheme(Qt.ColorScheme.Dark, {"MEDIUS_COLOR_SCHEME": "light"}) == "light"
    palette = dark_palette()
    window, text = palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.WindowText)
    assert window.lightness() < 64 and text.lightness() > 192  # readable contrast


def test_a_client_without_visits_shows_one_empty_state_not_empty_charts(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    create_client(qtbot, window, "Ana", "Nguyen", "1971-03-14")
    page = window.client_page
    assert page.empty_label.isVisible() and not page.splitter.isVisible()
    assert page.history_view is None  # no charts built at all
    assert page.empty_title.text() == "No visits yet for Ana"
    page.empty_start_button.click()
    assert window.stack.currentWidget() is window.editor


def test_main_fields_have_accessible_names(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    window.new_client()
    dialog = window._client_dialog
    for field in (dialog.given, dialog.family, dialog.dob, dialog.sex, dialog.external_id, dialog.phone,
                  dialog.email, dialog.notes):
        assert field.accessibleName()
    editor = window.editor
    visit = editor.page("visit")
    assert visit.clinician.accessibleName() == "Clinician" and visit.clinician.lineEdit().accessibleName()
    assert window.clients_page.search.accessibleName() == "Search clients"


def test_every_step_fits_the_width_at_150_percent_without_sideways_scrolling(qtbot: Any, make_window: Any,
                                                                            medius_repo: Any) -> None:
    from desktop.ui.widgets import ReflowRow
    from tests.ui.helpers import open_demo_visit, wait_for_storage

    window, editor, _ids = open_demo_visit(qtbot, make_window, medius_repo)

    def stacked_rows(index: int) -> list[bool]:
        editor.go_to_step(index)
        wait_for_storage(qtbot)
        scroll = editor.stack.currentWidget()
        qtbot.waitUntil(lambda: scroll.horizontalScrollBar().maximum() == 0, timeout=3000)
        return [row.is_stacked() for row in editor.pages[index].findChildren(ReflowRow) if row.isVisible()]

    wide = {index: stacked_rows(index) for index in range(len(editor.pages))}
    assert not any(any(rows) for rows in wide.values())  # 1366x768: parts side by side
    window.resize(round(1366 / 1.5), round(768 / 1.5))  # the same screen at 150% scaling
    narrow = {index: stacked_rows(index) for index in range(len(editor.pages))}
    for index in (2, 3, 4, 6):  # pain, Trendelenburg, hip, program: parts move below each other
        assert any(narrow[index]), editor.pages[index].key


def test_the_charts_get_their_share_of_the_client_page_on_a_first_start(qtbot: Any, make_window: Any,
                                                                        medius_repo: Any) -> None:
    from tests.ui.helpers import open_demo_visit, wait_for_storage

    window, editor, _ids = open_demo_visit(qtbot, make_window, medius_repo)
    editor.close_editor()
    window.open_client(editor.client_id)
    page = window.client_page
    qtbot.waitUntil(lambda: page.history_view is not None and page.splitter.isVisible(), timeout=10000)
    wait_for_storage(qtbot)
    table, charts = page.splitter.sizes()
    assert charts >= 1.4 * table  # 3 : 2, not the charts' bare minimum under a tall, short table


def test_the_visit_table_headers_fit_at_150_percent(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    """At 150 % scaling the long headers break onto two lines instead of losing both ends; a cell
    shortened with "…" gives its whole text on hover."""
    from tests.ui.helpers import open_demo_visit, wait_for_storage

    window, editor, _ids = open_demo_visit(qtbot, make_window, medius_repo)
    editor.close_editor()
    window.open_client(editor.client_id)
    window.resize(round(1366 / 1.5), round(768 / 1.5))
    page = window.client_page
    wait_for_storage(qtbot)
    header = page.visits_table.horizontalHeader()
    qtbot.waitUntil(lambda: header.width() > 800, timeout=3000)
    for section in range(header.count()):
        assert header.sectionSizeFromContents(section).width() <= header.sectionSize(section), section
    model = page.visits_table.model()
    for column in range(model.columnCount()):
        index = model.index(0, column)
        assert model.data(index, Qt.ItemDataRole.ToolTipRole) == model.data(index)


def test_the_visits_date_column_is_as_wide_as_qt_would_size_it(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    from dataclasses import replace

    from PySide6.QtWidgets import QHeaderView

    from tests.fixtures.records import assessment, client
    from tests.ui.helpers import wait_for_storage

    incomplete = replace(assessment(2), pain_nprs=None, odi_item_scores=(None,) * 10)
    one, _ = medius_repo.add_client(client(1), [assessment(1)])
    three, _ = medius_repo.add_client(client(2), [assessment(1), incomplete, assessment(3)])
    window = make_window()
    page = window.client_page
    header = page.visits_table.horizontalHeader()

    def fitted_and_qt_width() -> tuple[int, int]:
        fitted = header.sectionSize(0)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSections()
        qt_width = header.sectionSize(0)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, fitted)
        return fitted, qt_width

    widths = []
    for client_id in (three, one, three):
        with qtbot.waitSignal(page.loaded, timeout=10000):
            window.open_client(client_id)
        wait_for_storage(qtbot)
        fitted, qt_width = fitted_and_qt_width()
        assert fitted == qt_width
        widths.append(fitted)
    assert widths[0] == widths[2] != widths[1]  # the longer "(incomplete)" date widens it
    font = page.visits_table.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    page.visits_table.setFont(font)  # a larger font: the column follows, as Qt's sizing would
    qtbot.waitUntil(lambda: header.sectionSize(0) > widths[2])
    fitted, qt_width = fitted_and_qt_width()
    assert fitted == qt_width


def test_no_chart_is_drawn_with_the_previous_clients_visits(qtbot: Any, make_window: Any, medius_repo: Any,
                                                             monkeypatch: Any) -> None:
    from desktop.ui.history.trend_view import TrendView
    from tests.fixtures.records import assessment, client
    from tests.ui.helpers import wait_for_storage

    drawn: list[bool] = []  # per drawing turn of a shown view: whether it drew the page's own visits
    page_of: list[Any] = []
    draw_next = TrendView._draw_next

    def watched(view: TrendView) -> None:
        if view.isVisible():
            drawn.append(view.series is page_of[0].series)
        draw_next(view)

    monkeypatch.setattr(TrendView, "_draw_next", watched)
    first, _ = medius_repo.add_client(client(1), [assessment(1, nprs=2), assessment(2, nprs=3)])
    second, _ = medius_repo.add_client(client(2), [assessment(3, nprs=8), assessment(4, nprs=9)])
    window = make_window()
    page = window.client_page
    page_of.append(page)

    def charts_drawn() -> bool:
        view = page.history_view
        return view is not None and view.series is page.series and not view.trend_view().drawing()

    for client_id in (first, second, first, second):
        with qtbot.waitSignal(page.loaded, timeout=10000):
            window.open_client(client_id)
        wait_for_storage(qtbot)
        qtbot.waitUntil(charts_drawn, timeout=10000)
    assert drawn and all(drawn)
