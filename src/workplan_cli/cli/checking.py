"""Commands that check plans and their form: validate, rules, fmt, diff, schema."""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from ..text import dumps, visible
from ..vocabulary import COMMITTEE_KIND, PLAN_KINDS
from .application import app
from .options import (
    FormatOption,
    ListFormat,
    ListFormatOption,
    OutputFormat,
    PathsArgument,
    ValidateFormat,
    console,
    path_value,
)

EXIT_CODES_HELP = (
    "Exit codes: 0 the plans are valid; 1 problems were found; 2 usage or I/O error (missing path, unreadable file)."
)


@app.command(epilog=EXIT_CODES_HELP)
def validate(
    paths: PathsArgument = None,
    output_format: Annotated[
        ValidateFormat,
        typer.Option(
            "--format",
            "-f",
            help="text: path:line:col: severity CODE message; json: a stable object (see docs/commands.md); "
            "github: GitHub Actions annotations; sarif: SARIF 2.1.0; "
            "auto: github when GITHUB_ACTIONS=true, else text.",
        ),
    ] = ValidateFormat.text,
    select: Annotated[
        Optional[list[str]],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(
            "--select",
            metavar="CODE|NAME",
            help="Run only these lint rules (repeatable or comma-separated).",
            show_default=False,
        ),
    ] = None,
    ignore: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--ignore",
            metavar="CODE|NAME",
            help="Skip these lint rules (repeatable or comma-separated).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings also fail (exit 1).")] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            help="Worker processes: 1 checks the files one after another; 0 picks one per CPU "
            "when the plans are large enough to gain from it. The output is the same either way.",
        ),
    ] = 0,
) -> None:
    """Check plan files against the schema and the lint rules; report every problem with its line and column.

    Example: workplan validate data/ --format json --ignore unused-declaration
    """
    from .. import Selection, plan_paths, resolve_codes, validate_paths
    from ..reporters import REPORTERS

    name = output_format.value
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    selection = Selection(resolve_codes(select or []), resolve_codes(ignore or []))
    try:
        report = validate_paths(plan_paths(paths), selection, jobs=jobs)
    except KeyboardInterrupt:
        # Ctrl-C: end now.  The worker processes end with this one (validate._worker_start);
        # waiting at exit for the pool's threads could wait for work nobody will read.
        sys.stderr.write("workplan: interrupted\n")
        sys.stderr.flush()
        os._exit(130)
    sys.stdout.write(REPORTERS[name](report))
    for error in report.io_errors:
        typer.echo(f"workplan: error: {visible(error)}", err=True)
    raise typer.Exit(EXIT_USAGE if report.io_errors else EXIT_PROBLEMS if report.failed(strict=strict) else EXIT_OK)


def _rules_json(checks: list[Any], one: bool) -> None:
    sys.stdout.write(dumps([c.as_dict() for c in checks]))


def _rules_text(checks: list[Any], one: bool) -> None:
    if one:
        c = checks[0]
        typer.echo(f"{c.code} {c.name} ({c.severity.value}; {', '.join(sorted(c.kinds))})\n\n{c.summary}")
        if c.doc:
            typer.echo(f"\n{c.doc}")
        return
    from ..queryviews import rules_text

    out = console()
    out.print(rules_text(checks, out.width))


RULES_OUTPUT: dict[str, Callable[[list[Any], bool], None]] = {"json": _rules_json, "text": _rules_text}


@app.command()
def rules(
    code: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(metavar="[CODE|NAME]", help="Show this rule's documentation.", show_default=False),
    ] = None,
    output_format: ListFormatOption = ListFormat.text,
) -> None:
    """List every check and lint rule, or document one.

    Example: workplan rules unknown-paragraph
    """
    from .. import find_checks

    RULES_OUTPUT[output_format.value](find_checks(code), code is not None)


@app.command(
    epilog="Exit codes: 0 nothing to change (or files rewritten); 1 --check found files to change, or a file does not load; 2 I/O error."
)
def fmt(
    paths: PathsArgument = None,
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; list the files that would change and exit 1 if any.")
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff",
            help="Show the changes as a unified diff, which `patch -p0` or `git apply -p0` applies "
            "(with --check, change nothing).",
        ),
    ] = False,
) -> None:
    """Rewrite plan files in canonical form: schema key order, quoted times, ISO dates; comments kept.

    A file that does not load is reported and never written; writes are atomic.

    Example: workplan fmt --check data/
    """
    from .. import format_paths, plan_paths

    results = format_paths(plan_paths(paths), write=not check, diff=diff)
    failed = False
    for r in results:
        for diag in r.diagnostics:
            typer.echo(str(diag))
            failed = True
        if r.io_error:
            typer.echo(f"workplan: error: {visible(r.io_error)}", err=True)
        elif r.changed:
            if diff:
                sys.stdout.write(r.diff)
            typer.echo(f"{'would reformat' if check else 'reformatted'} {visible(r.path)}", err=True)
    if any(r.io_error for r in results):
        raise typer.Exit(EXIT_USAGE)
    changed = sum(r.changed for r in results)
    if not changed and not failed:
        typer.echo(f"{len(results)} file{'s' if len(results) != 1 else ''} already formatted.", err=True)
    raise typer.Exit(EXIT_PROBLEMS if failed or (check and changed) else EXIT_OK)


@app.command()
def diff(
    old: Annotated[
        Path | None,
        typer.Argument(
            metavar="OLD",
            parser=path_value,
            help="The earlier plan file; with --rev, the files or folders to compare with their earlier versions "
            "(default: data/).",
            show_default=False,
        ),
    ] = None,
    new: Annotated[
        Path | None,
        typer.Argument(metavar="[NEW]", parser=path_value, help="The later plan file.", show_default=False),
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option(
            "--rev",
            help="Compare the plans as they are now with their versions at this git revision.",
            show_default=False,
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """What changed between two versions of a plan, in words for reviewers; formatting is ignored.

    Exit codes: 0 compared (with or without changes); 1 a version has errors; 2 usage or I/O error.

    Example: workplan diff --rev origin/main --format md
    """
    from .. import compare_plans
    from ..reporters import DIFF_REPORTERS, problems_text

    results = compare_plans(old, new, rev)
    if any(r.plan_id is None for r in results):
        broken = [d for r in results for d in r.problems if r.plan_id is None or not r.new_file]
        typer.echo(problems_text(broken), err=True, nl=False)
        raise typer.Exit(EXIT_PROBLEMS)
    sys.stdout.write(DIFF_REPORTERS[output_format.value](results))


# The kinds of plan file (`options.Language` says why an Enum made at run time).
KindOption = enum.Enum("KindOption", {kind: kind for kind in PLAN_KINDS}, type=str)  # type: ignore[misc]
DEFAULT_KIND = KindOption(COMMITTEE_KIND)


@app.command()
def schema(
    kind: Annotated[KindOption, typer.Option("--kind", help="Which kind of plan file.")] = DEFAULT_KIND,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            parser=path_value,
            help="Write to this file (atomically; symbolic links followed, devices written to directly). Default, or -: standard output.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the JSON Schema (draft-07) of a kind of plan file, for editors' YAML support.

    Example: workplan schema --kind program-plan --output schemas/program-plan.schema.json
    """
    from .. import schema_text, write_atomic

    write_atomic(output if output is not None else "-", schema_text(kind.value))
