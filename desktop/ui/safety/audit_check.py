"""The start-up check of the audit trail, off the GUI thread, and its warning.

Kept apart from the rest of start-up's safety steps (``startup``): on a quick
start it runs before the storage layer has loaded, through the quick reader.
"""

from __future__ import annotations

import logging
from typing import Any

from desktop import APP_NAME
from desktop.services.app_services import AppServices
from desktop.ui.safety import prompts

log = logging.getLogger(__name__)


def check_audit_in_background(services: AppServices, parent: Any = None, with_anchor: bool = False) -> Any:
    """Verify the audit chain off the GUI thread (it reads every event); warn if it is broken.

    ``with_anchor`` also compares the chain with its anchor and the newest
    backup's manifest (services.audit), as ``medius check`` does.
    """
    from desktop.ui.safety.audit_dialog import chain_message
    from desktop.ui.worker import query

    if with_anchor:
        from desktop.services.audit import TrailReport

        def reported(report: TrailReport) -> None:
            if not report.intact:
                log.error("audit trail does not match its anchor or the newest backup")
                prompts.warn(parent, APP_NAME, "Warning: the audit trail does not match the record kept outside the "
                             "database: " + "; ".join(report.problems) + ". Entries may have been changed or "
                             "removed outside Medius; keep the database and its backups as they are, and report this.")

        return query(services.safety.audit.check_trail, success=reported, failure=_audit_check_failed)

    def done(broken: int | None) -> None:
        if broken is not None:
            log.error("audit chain broken at event %d", broken)
            prompts.warn(parent, APP_NAME, chain_message(broken))

    return query(services.safety.audit.verify_chain, success=done, failure=_audit_check_failed)


def _audit_check_failed(error: BaseException) -> None:
    log.warning("audit chain check failed: %s", type(error).__name__)
