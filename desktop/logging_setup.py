"""Logging to a rotating file in the data folder. Log lines carry ids, never names or dates of birth."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path


def setup_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "medius.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
    if os.name == "posix" and path.exists():
        os.chmod(path, 0o600)
    return path
