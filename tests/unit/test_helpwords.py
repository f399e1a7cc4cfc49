"""helpwords.py: every command's help shows words (PATH, DATE), never Python types."""

from __future__ import annotations

import re

from workplan_cli.cli import app


def _command_paths(command, prefix=()):
    """Every command's words (`query meetings`), from the Click group Typer makes of the app."""
    subcommands = getattr(command, "commands", None)
    if not subcommands:
        return [prefix]
    found = [prefix] if prefix else []
    for name, sub in sorted(subcommands.items()):
        found += _command_paths(sub, (*prefix, name))
    return found


PYTHON_TYPE = re.compile(r"<\s*(?:list|tuple|str|int|float|bool|path|Path|datetime|date|file|%|[a-z_]+\[)", re.I)


def test_help_shows_words_not_python_types(runner):
    """`move --help` said `DATE <datetime>`, `[PLAN]... <list[Path]>`: every command's help now shows words."""
    import typer

    paths = _command_paths(typer.main.get_command(app))
    assert ("move",) in paths and ("query", "meetings") in paths and len(paths) >= 20
    for path in paths:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path
        assert PYTHON_TYPE.findall(result.stdout) == [], (path, result.stdout)
    move = runner.invoke(app, ["move", "--help"]).stdout
    assert "\n  DATE  " in move or "\n  DATE " in move
    assert "[PLAN]...  The plan file" in move
    assert "-p, --plan PLAN" in move and "-f, --format text|json" in move
    upcoming = runner.invoke(app, ["upcoming", "--help"]).stdout
    assert "-p, --plan PLAN" in upcoming and "-d, --days N" in upcoming and "--as-of YYYY-MM-DD" in upcoming
    assert "-k, --kind meeting|activity|milestone|deadline|pending" in upcoming
