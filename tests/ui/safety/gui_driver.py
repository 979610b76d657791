"""Run the real start-up (``medius --exit-after-startup``) in its own process with scripted prompts.

Usage: python gui_driver.py DATA_DIR '{"confirm": [true], "ask_password": ["..."]}'
Prints one JSON line: the exit code and every prompt shown. A prompt with no
scripted answer fails loudly instead of blocking.
"""

from __future__ import annotations

import json
import sys
from typing import Any


def main() -> int:
    from desktop.ui.safety import prompts

    answers: dict[str, list[Any]] = json.loads(sys.argv[2])
    shown: list[list[str]] = []

    def make(name: str) -> Any:
        def prompt(_parent: Any, title: str, text: Any = "", *_rest: Any) -> Any:
            shown.append([name, str(title), str(text)])
            queue = answers.get(name) or []
            if queue:
                answer = queue.pop(0)
                return tuple(answer) if isinstance(answer, list) else answer
            if name in ("inform", "warn"):
                return None
            raise SystemExit(f"unexpected {name} prompt: {text}")

        return prompt

    for name in ("confirm", "inform", "warn", "ask_password", "ask_new_password", "first_start"):
        setattr(prompts, name, make(name))
    from desktop.cli import main as cli_main

    code = cli_main(["--data-dir", sys.argv[1], "--exit-after-startup"])
    print(json.dumps({"code": code, "shown": shown}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
