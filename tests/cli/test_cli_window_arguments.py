"""The window's own quick readings of the command line give what the full parser gives, or defer to it."""

from __future__ import annotations

import pytest

from desktop.cli_parser import UsageError, _window_arguments, build_parser, parse_arguments

WINDOW_STARTS = [
    [],
    ["--data-dir", "/tmp/medius data"],
    ["--data-dir=/x", "--exit-when-idle"],
    ["--exit-when-warm"],
    ["--exit-after-startup", "--database-url", "postgresql://clinic/medius", "--user", "Jo"],
    ["--exit-when", "--data"],  # an abbreviation that names one option; a missing value (full parser's message)
    ["--data-dir", "/a", "--exit-when-warm", "--data-dir", "/b"],  # the last value counts
    ["--exit-when-warm", "--exit-when-warm"],
    ["--data-dir="],
    ["--data-dir=-x", "--user=Jo"],
    ["--data-dir", "-"],
    ["--data-dir", "--exit-when-warm"],  # no value
    ["--data-dir"],
    ["--exit-when-warm=yes"],
    ["--user", "Jo", "--database-url", ""],
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


@pytest.mark.parametrize("argv", WINDOW_STARTS[:5] + [["--data-dir", "/a", "--user=Jo", "--exit-after-startup"]])
def test_options_spelled_out_in_full_are_read_without_argparse(argv: list[str]) -> None:
    read = _window_arguments(argv)

    assert read is not None and vars(read) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["--exit-when", "--data"], ["--data-dir", "/a", "--data-dir", "/b"],
                                  ["--data-dir", "-"], ["--data-dir"], ["--exit-when-warm=yes"], ["list"],
                                  ["--data-dir", "/x", "list"], ["--help"], ["--version"]])
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    assert _window_arguments(argv) is None
