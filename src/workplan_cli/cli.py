"""The command line: parse options, call the core, print, return an exit code.

Nothing below this layer imports Typer or Rich.  Heavy modules are imported
inside the commands that need them, to keep `workplan --version` and
`workplan validate` quick to start.
"""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from . import __version__
from .errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, WorkplanError

EXIT_CODES_HELP = (
    "Exit codes: 0 the plans are valid; 1 problems were found; "
    "2 usage or I/O error (missing path, unreadable file)."
)

app = typer.Typer(
    name="workplan",
    help="Keep committee work plans as YAML, prove them correct, and publish them.",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"workplan {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        Optional[bool],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """Keep committee work plans as YAML, prove them correct, and publish them."""


def _fail(error: WorkplanError) -> NoReturn:
    typer.echo(f"workplan: error: {error}", err=True)
    raise typer.Exit(error.exit_code)


class ValidateFormat(str, enum.Enum):
    auto = "auto"
    text = "text"
    json = "json"
    github = "github"


PathsArgument = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Argument(
        metavar="[PATH]...",
        help="Plan files or folders (folders are searched for *.yaml and *.yml). Default: data/.",
        show_default=False,
    ),
]


def _plan_paths(paths: list[Path] | None) -> list[Path]:
    return list(paths) if paths else [Path("data")]


@app.command(epilog=EXIT_CODES_HELP)
def validate(
    paths: PathsArgument = None,
    output_format: Annotated[
        ValidateFormat,
        typer.Option(
            "--format",
            "-f",
            help="text: path:line:col: severity CODE message; json: a stable object (see README); "
            "github: GitHub Actions annotations; auto: github when GITHUB_ACTIONS=true, else text.",
        ),
    ] = ValidateFormat.text,
) -> None:
    """Check plan files against the schema and report every problem with its line and column.

    Example: workplan validate data/ --format json
    """
    from .reporters import REPORTERS
    from .validate import validate_paths

    name = output_format.value
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    try:
        report = validate_paths(_plan_paths(paths))
    except WorkplanError as exc:
        _fail(exc)
    sys.stdout.write(REPORTERS[name](report))
    if report.io_errors:
        for error in report.io_errors:
            typer.echo(f"workplan: error: {error}", err=True)
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_PROBLEMS if report.failed() else EXIT_OK)


def run() -> None:
    """Console-script entry point."""
    app()
