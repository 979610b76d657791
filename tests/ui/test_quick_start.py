"""A window filled at start-up from db.quick works like one filled by the repository."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from db.quick import QuickReader, read_first_page
from desktop.paths import AppPaths
from desktop.services.app_services import build_services
from desktop.services.database import open_repository
from desktop.services.handle import RepositoryHandle
from desktop.ui.assessment.keys import DRAFT_PREFIX
from desktop.ui.assessment.state import draft_key
from desktop.ui.main_window import MainWindow
from tests.fixtures.records import assessment, client
from tests.ui.helpers import wait_for_storage


def test_quick_window_lists_offers_drafts_and_opens_storage_on_demand(
        qtbot: Any, medius_paths: AppPaths, no_modals: list[tuple[str, str]]) -> None:
    setup = open_repository(medius_paths)
    ids = [setup.add_client(client(i), [assessment(1), assessment(2)])[0] for i in range(3)]
    setup.save_draft(draft_key(ids[1], None), {"step": 3})
    setup.engine.dispose()
    opened: list[bool] = []

    def opener() -> Any:
        opened.append(True)
        return open_repository(medius_paths)

    handle = RepositoryHandle(opener)
    window = MainWindow(build_services(handle, medius_paths), install_error_handler=False,
                        first_page=read_first_page(medius_paths.database, DRAFT_PREFIX))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.clients_loaded, timeout=5000):
        window.show()

    assert window.model.rowCount() == 3 and not opened
    assert window.clients_page.complete
    banners = [label.text() for label in window.clients_page.drafts_box.findChildren(QLabel)]
    assert len(banners) == 1 and banners[0].startswith("Resume assessment for 芳 王 (new visit, last edited")
    window.search.setText("nguyen")
    assert window.model.rowCount() == 1

    window.open_client(window.model.client_id(0))  # the first use opens the storage layer
    wait_for_storage(qtbot)

    assert opened == [True] and handle.is_open
    assert window.stack.currentWidget() is window.client_page
    assert window.client_page.client_id == window.model.client_id(0)
    window.show_clients()  # drafts now come from the repository
    wait_for_storage(qtbot)
    assert window.clients_page.drafts_box.isVisibleTo(window)


def test_a_client_page_opens_through_the_quick_reader_and_a_save_opens_storage(
        qtbot: Any, medius_paths: AppPaths) -> None:
    """As the app starts: the handle holds a quick reader, so the first client page is read without
    SQLAlchemy's storage layer; the visits shown are the repository's, results computed once."""
    setup = open_repository(medius_paths)
    client_id = setup.add_client(client(1), [assessment(1), assessment(2), assessment(3)])[0]
    expected = setup.client_with_stamps(client_id)
    setup.engine.dispose()
    opened: list[bool] = []

    def opener() -> Any:
        opened.append(True)
        return open_repository(medius_paths)

    handle = RepositoryHandle(opener, quick=QuickReader(medius_paths.database))
    services = build_services(handle, medius_paths)
    window = MainWindow(services, install_error_handler=False,
                        first_page=read_first_page(medius_paths.database, DRAFT_PREFIX))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.clients_loaded, timeout=5000):
        window.show()

    page = window.open_client(client_id)
    with qtbot.waitSignal(page.loaded, timeout=15000):
        pass
    wait_for_storage(qtbot)
    assert not opened and not handle.is_open
    assert page.record == expected[0] and len(page.visits) == 3
    assert services.visits.computed.computed == 3

    handle.open()  # as the start-up warm-up does once idle
    assert opened == [True]
    window.show_clients()
    page = window.open_client(client_id)
    with qtbot.waitSignal(page.loaded, timeout=15000):
        pass
    wait_for_storage(qtbot)
    # The repository's stamps equal the quick reader's: the results computed before are reused.
    assert services.visits.computed.computed == 3 and page.record == expected[0]
