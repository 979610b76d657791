"""Reception opens a client in the window: name and contact details, no clinical page, and the
database (reception's own role) is never asked for a visit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.paths import resolve_paths
from desktop.services.app_services import build_services
from tests.fixtures.records import assessment, client
from tests.server_setup import set_up
from tests.ui.helpers import wait_for_storage


def test_reception_sees_contact_details_only(qtbot: Any, pg_url: str, tmp_path: Path, no_modals: Any) -> None:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.worker import wait_for_all

    server = set_up(pg_url)
    carl = server.repo("carl")
    client_id, _ = carl.add_client(client(0, phone="0400 123 456", notes="clinical remark"), [assessment(2)])
    rita = server.repo("rita")
    window = MainWindow(build_services(rita, resolve_paths(tmp_path / "desk").ensure()), install_error_handler=False)
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.clients_loaded, timeout=10000):
            window.show()
        page = window.client_page
        with qtbot.waitSignal(page.loaded, timeout=10000):
            window.open_client(client_id)
        wait_for_storage(qtbot)

        assert page.name_label.text() == "Ánh Nguyễn Thị"
        details = page.details_label.text()
        assert "0400 123 456" in details and "person0@example.org" in details and "MED-0000" in details
        assert "visit" not in details  # not even how many
        assert page.record.assessments == () and page.visit_model.rowCount() == 0
        assert page.splitter.isHidden() and page.new_button.isHidden() and page.export_button.isHidden()
        assert page.edit_button.isHidden() and page.empty_start_button.isHidden()
        assert "contact details" in page.empty_title.text().lower()
        assert page.history_view is None
        assert no_modals == []  # no refusal from the database: nothing clinical was asked for
    finally:
        wait_for_all(10000)
        rita.engine.dispose()
        carl.engine.dispose()
