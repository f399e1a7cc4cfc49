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
from .errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, WorkplanError

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
    sarif = "sarif"


class ListFormat(str, enum.Enum):
    text = "text"
    json = "json"


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
            "github: GitHub Actions annotations; sarif: SARIF 2.1.0; "
            "auto: github when GITHUB_ACTIONS=true, else text.",
        ),
    ] = ValidateFormat.text,
    select: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--select", metavar="CODE|NAME", help="Run only these lint rules (repeatable or comma-separated).", show_default=False),
    ] = None,
    ignore: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--ignore", metavar="CODE|NAME", help="Skip these lint rules (repeatable or comma-separated).", show_default=False),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings also fail (exit 1).")] = False,
) -> None:
    """Check plan files against the schema and the lint rules; report every problem with its line and column.

    Example: workplan validate data/ --format json --ignore unused-declaration
    """
    from .lint import Selection, resolve_codes
    from .reporters import REPORTERS
    from .validate import validate_paths

    name = output_format.value
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    try:
        selection = Selection(resolve_codes(select or []), resolve_codes(ignore or []))
    except KeyError as exc:
        _fail(UsageError(f"unknown rule {exc.args[0]!r}; `workplan rules` lists them"))
    try:
        report = validate_paths(_plan_paths(paths), selection)
    except WorkplanError as exc:
        _fail(exc)
    sys.stdout.write(REPORTERS[name](report))
    if report.io_errors:
        for error in report.io_errors:
            typer.echo(f"workplan: error: {error}", err=True)
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_PROBLEMS if report.failed(strict=strict) else EXIT_OK)


@app.command()
def rules(
    code: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(metavar="[CODE|NAME]", help="Show this rule's documentation.", show_default=False),
    ] = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")] = ListFormat.text,
) -> None:
    """List every check and lint rule, or document one.

    Example: workplan rules unknown-paragraph
    """
    import json

    from .lint import all_checks

    checks = all_checks()
    if code is not None:
        wanted = code.strip()
        chosen = [c for c in checks if wanted.upper() == c.code or wanted.lower() == c.name]
        if not chosen:
            _fail(UsageError(f"unknown rule {code!r}; `workplan rules` lists them"))
        checks = chosen
    if output_format is ListFormat.json:
        rows = [
            {"code": c.code, "name": c.name, "severity": c.severity.value, "kinds": sorted(c.kinds), "summary": c.summary, "doc": c.doc}
            for c in checks
        ]
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif code is not None:
        c = checks[0]
        typer.echo(f"{c.code} {c.name} ({c.severity.value}; {', '.join(sorted(c.kinds))})\n\n{c.summary}")
        if c.doc:
            typer.echo(f"\n{c.doc}")
    else:
        width = max(len(c.name) for c in checks)
        for c in checks:
            typer.echo(f"{c.code}  {c.name:<{width}}  {c.severity.value:<7}  {c.summary}")


def run() -> None:
    """Console-script entry point."""
    app()
