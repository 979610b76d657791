"""Sessions run side by side; a file swap (maintenance) waits for them and holds new ones back."""

from __future__ import annotations

import threading
import time

from db.store_base import Gate as _Gate


def test_sessions_do_not_wait_for_each_other() -> None:
    gate = _Gate()
    inside = threading.Event()
    release = threading.Event()

    def long_session() -> None:
        with gate.shared():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=long_session)
    worker.start()
    assert inside.wait(5)
    began = time.perf_counter()
    with gate.shared():
        waited = time.perf_counter() - began
    release.set()
    worker.join(5)
    assert waited < 0.5


def test_maintenance_waits_for_sessions_and_blocks_new_ones() -> None:
    gate = _Gate()
    order: list[str] = []
    in_session = threading.Event()
    finish_session = threading.Event()
    in_maintenance = threading.Event()

    def session() -> None:
        with gate.shared():
            in_session.set()
            finish_session.wait(5)
            order.append("session done")

    def maintenance() -> None:
        with gate.exclusive():
            in_maintenance.set()
            order.append("maintenance")
            with gate.shared():  # the owner may still use the repository
                order.append("owner session")
            time.sleep(0.05)

    first = threading.Thread(target=session)
    first.start()
    assert in_session.wait(5)
    swap = threading.Thread(target=maintenance)
    swap.start()
    time.sleep(0.05)
    assert not in_maintenance.is_set()
    finish_session.set()
    assert in_maintenance.wait(5)

    def late_session() -> None:
        with gate.shared():
            order.append("late session")

    late = threading.Thread(target=late_session)
    late.start()
    swap.join(5)
    late.join(5)
    first.join(5)
    assert order == ["session done", "maintenance", "owner session", "late session"]
