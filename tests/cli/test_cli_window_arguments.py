"""The window's own quick reading of the command line gives what the full parser gives, or defers to it."""

from __future__ import annotations

import pytest

from desktop.cli_parser import UsageError, build_parser, parse_arguments

WINDOW_STARTS = [
    [],
    ["--data-dir", "/tmp/medius data"],
    ["--data-dir=/x", "--exit-when-idle"],
    ["--exit-when-warm"],
    ["--exit-after-startup", "--database-url", "postgresql://clinic/medius", "--user", "Jo"],
    ["--exit-when", "--data"],  # an abbreviation that names one option; a missing value (full parser's message)
]
COMMANDS = [
    ["list"],
    ["--data-dir", "/x", "list", "--json"],
    ["backup"],
    ["--data-dir", "list"],  # the folder is called "list": no sub-command
]


@pytest.mark.parametrize("argv", WINDOW_STARTS + COMMANDS)
def test_same_namespace_or_same_refusal_as_the_full_parser(argv: list[str]) -> None:
    try:
        expected = vars(build_parser().parse_args(argv))
    except UsageError:
        with pytest.raises(UsageError):
            parse_arguments(argv)
        return
    assert vars(parse_arguments(argv)) == expected


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["list", "--help"]])
def test_help_and_version_come_from_the_full_parser(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_arguments(argv)
    assert exited.value.code == 0
    shown = capsys.readouterr().out
    assert ("usage: medius" in shown) or shown.startswith("medius ")
    if argv == ["--help"]:
        assert "import" in shown and "export" in shown  # the sub-commands are listed
