"""The exceptions that stop a command: one base, turned into an exit code in one place (the CLI)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class WorkplanError(Exception):
    """Something that stops the command; its message is shown to the user as is."""

    exit_code = EXIT_USAGE


class PathError(WorkplanError):
    """A path given on the command line is missing or cannot be read."""


class UsageError(WorkplanError):
    """The command line asks for something that cannot be done."""


class OutputError(WorkplanError):
    """Standard output cannot be written: it is closed, or its disk is full; what was written before stays."""


class RefusedError(WorkplanError):
    """The command would overwrite or break something it was not told to; nothing was written."""

    exit_code = EXIT_PROBLEMS


class EditRefused(WorkplanError):
    """An edit cannot be made safely in this text: nothing is written (exit 1)."""

    exit_code = EXIT_PROBLEMS


class PlanError(WorkplanError):
    """A plan file has problems, so a command that reads plans cannot go on.

    ``diagnostics`` holds every error found (`workplan_cli.Diagnostic`).
    """

    exit_code = EXIT_PROBLEMS

    def __init__(self, message: str, diagnostics: Sequence[Any] = ()) -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics)
