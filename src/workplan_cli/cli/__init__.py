"""The command line: parse options, make one library call, print its result, return an exit code.

Nothing below this layer imports Typer or Rich.  Heavy modules are imported
inside the commands that need them, and a command's module only when it runs
(`application.app_for`), to keep `workplan --version` and `workplan validate`
quick to start.  A command lets the package's errors through;
`application.WorkplanGroup` turns them into a message and an exit code.

``from workplan_cli.cli import app`` gives the whole app, every command registered.
"""

from __future__ import annotations

from typing import Any

from .application import app_for, command_name

_command_name = command_name  # the name the tests know it by

__all__ = ["app", "app_for", "command_name"]


def __getattr__(name: str) -> Any:
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from .application import load_commands

    globals()["app"] = whole = load_commands()
    return whole
