"""cli/application.py: the app, where errors become a message and an exit code, and app_for, which builds only the command a run names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workplan_cli import __version__
from workplan_cli.cli import app


def _every_command():
    from workplan_cli.cli import _command_name

    yield from ([_command_name(info)] for info in app.registered_commands)
    for group in app.registered_groups:
        yield [group.name]
        yield from ([group.name, _command_name(info)] for info in group.typer_instance.registered_commands)


@pytest.mark.parametrize(
    "tail",
    [["--help"], ["--no-such-option"]],
    ids=["help", "unknown-option"],
)
def test_each_command_trimmed_app_says_what_the_whole_app_says(runner, tail):
    """`app_for` leaves out the other commands; every command's help and usage errors stay word for word."""
    from workplan_cli.cli import app_for

    commands = list(_every_command())
    assert len(commands) == 23  # 12 commands, 3 groups, 8 commands in groups
    for command in commands:
        whole = runner.invoke(app, [*command, *tail], env={"COLUMNS": "100"})
        trimmed = runner.invoke(app_for([*command, *tail]), [*command, *tail], env={"COLUMNS": "100"})
        assert app_for([*command, *tail]) is not app
        assert (trimmed.exit_code, trimmed.stdout, trimmed.stderr) == (whole.exit_code, whole.stdout, whole.stderr)
        assert whole.exit_code == (0 if tail == ["--help"] else 2), command


@pytest.mark.parametrize("argv", [[], ["--help"], ["--version"], ["validat"], ["data/"], ["--install-completion"]])
def test_anything_but_a_command_name_gets_the_whole_app(argv):
    from workplan_cli.cli import app_for

    assert app_for(argv) is app


def test_version(runner):
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"workplan {__version__}\n")


def test_help_short_option_and_exit_codes(runner):
    result = runner.invoke(app, ["validate", "-h"])
    assert result.exit_code == 0
    assert "Exit codes: 0 the plans are valid; 1 problems were found; 2 usage or I/O error" in result.stdout
    assert "Example: workplan validate data/ --format json" in result.stdout


def test_shell_completion_script():

    workplan = Path(sys.executable).parent / "workplan"
    # Typer names the shell it finds among the process's parents: run it from bash, as a user would
    # (`; exit` keeps bash from replacing itself with the command).
    command = f"'{workplan}' --show-completion; exit $?"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith("_workplan_completion() {")
    assert "complete -o default -F _workplan_completion workplan" in result.stdout
