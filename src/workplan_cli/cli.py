"""The command line: parse options, call the core, print, return an exit code.

Nothing below this layer imports Typer or Rich.  Heavy modules are imported
inside the commands that need them, to keep `workplan --version` and
`workplan validate` quick to start.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer

from . import __version__
from .errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, PathError, UsageError, WorkplanError
from .text import visible

EXIT_CODES_HELP = (
    "Exit codes: 0 the plans are valid; 1 problems were found; 2 usage or I/O error (missing path, unreadable file)."
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
    # A message may list several problems, one per line; no line carries a control character.
    lines = str(error).split("\n")
    typer.echo("\n".join(["workplan: error: " + visible(lines[0]), *map(visible, lines[1:])]), err=True)
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
        report = validate_paths(_plan_paths(paths), selection, jobs=jobs)
    except WorkplanError as exc:
        _fail(exc)
    sys.stdout.write(REPORTERS[name](report))
    if report.io_errors:
        for error in report.io_errors:
            typer.echo(f"workplan: error: {visible(error)}", err=True)
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
            {
                "code": c.code,
                "name": c.name,
                "severity": c.severity.value,
                "kinds": sorted(c.kinds),
                "summary": c.summary,
                "doc": c.doc,
            }
            for c in checks
        ]
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif code is not None:
        c = checks[0]
        typer.echo(f"{c.code} {c.name} ({c.severity.value}; {', '.join(sorted(c.kinds))})\n\n{c.summary}")
        if c.doc:
            typer.echo(f"\n{c.doc}")
    else:
        from .views import rules_text

        console = _console()
        console.print(rules_text(checks, console.width))


class OutputFormat(str, enum.Enum):
    text = "text"
    json = "json"
    md = "md"


class EntryKindOption(str, enum.Enum):
    meeting = "meeting"
    activity = "activity"
    milestone = "milestone"
    deadline = "deadline"
    pending = "pending"


PlanOption = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--plan", "-p", help="A plan file or folder (repeatable); added to PATH arguments.", show_default=False
    ),
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="text (a table), json (see README) or md.")]


def _load(paths: list[Path] | None, extra: list[Path] | None) -> list[Any]:
    from .validate import load_valid_plans

    try:
        return load_valid_plans(_plan_paths([*(paths or []), *(extra or [])]))
    except WorkplanError as exc:
        _fail(exc)


def _today(plans: list[Any]) -> dt.date:
    import zoneinfo

    zone = next((p.timezone for p in plans if hasattr(p, "timezone")), "America/New_York")
    return dt.datetime.now(zoneinfo.ZoneInfo(zone)).date()


@app.command(epilog="Exit codes: 0 success (even when nothing is due); 1 a plan has errors; 2 usage or I/O error.")
def upcoming(
    paths: PathsArgument = None,
    days: Annotated[
        int,
        typer.Option("--days", "-d", min=1, max=3660, help="Length of the window in days, starting on the as-of day."),
    ] = 14,
    as_of: Annotated[
        Optional[dt.datetime],  # noqa: UP045
        typer.Option(
            "--as-of",
            formats=["%Y-%m-%d"],
            metavar="YYYY-MM-DD",
            help="First day of the window. Default: today in the plan's time zone.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        Optional[list[EntryKindOption]],  # noqa: UP045
        typer.Option("--kind", "-k", help="Only these kinds (repeatable). Default: all.", show_default=False),
    ] = None,
    include_tbd: Annotated[
        bool, typer.Option("--include-tbd", help="Also list the items whose date is still to be determined.")
    ] = False,
    plan: PlanOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """What is coming: meetings, other OAS activities, milestones and reporting deadlines in a window.

    The window is the DAYS days starting on the as-of day: --days 1 is that day alone.
    A multi-day activity that began earlier and is still running is listed.

    Example: workplan upcoming --as-of 2023-03-01 --days 14
    """
    from .timeline import build_timeline
    from .views import dumps, empty_window_message, entry_json, upcoming_markdown, upcoming_text

    plans = _load(paths, plan)
    start = as_of.date() if as_of else _today(plans)
    # A window that would run past the last day of the calendar (31 December 9999) stops there.
    end = start + min(dt.timedelta(days=days - 1), dt.date.max - start)
    timeline = build_timeline(plans, start, end, [k.value for k in kind] if kind else None)
    undated = timeline.undated if include_tbd else []
    if output_format is OutputFormat.json:
        sys.stdout.write(dumps([entry_json(e) for e in [*timeline.dated, *undated]]))
    elif not timeline.dated and not undated:
        if output_format is OutputFormat.md:
            sys.stdout.write(empty_window_message(plans, start, end))
        else:
            console = _console()
            console.print(empty_window_message(plans, start, end, console.width), end="", markup=False)
    elif output_format is OutputFormat.md:
        sys.stdout.write(upcoming_markdown(timeline.dated, undated, start, end, start))
    else:
        console = _console()
        console.print(upcoming_text(timeline.dated, undated, start, end, start, console.width))


def _console() -> Any:
    """Standard output as Rich sees it: the terminal's width (or COLUMNS, or 80 when piped), colour only in a
    terminal (or with FORCE_COLOR).  Views lay text out for that width, so Rich neither wraps nor crops."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, emoji=False, markup=False)


query_app = typer.Typer(
    help="Answer questions: which meetings discuss a paragraph, who presents what, what has no slot yet.",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    no_args_is_help=True,
)
app.add_typer(query_app, name="query")

ParagraphOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--paragraph", help="A paragraph label, e.g. 38 or 47.b.", show_default=False),
]
ResolutionOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--resolution",
        help="The paragraph's resolution: id (ag-2970), symbol (AG/RES. 2970) or number. Default: the plan's default resolution.",
        show_default=False,
    ),
]


@query_app.command("meetings")
def query_meetings(
    paths: PathsArgument = None,
    paragraph: ParagraphOption = None,
    resolution: ResolutionOption = None,
    area: Annotated[
        str | None, typer.Option("--area", help="Thematic area: id, number or name.", show_default=False)
    ] = None,
    presenter: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--presenter",
            "--body",
            help="Who presents: a body id or acronym (IADB, SMS), an officer, or part of a speaker's name.",
            show_default=False,
        ),
    ] = None,
    text: Annotated[
        str | None,
        typer.Option("--text", help="Case-insensitive text in agenda entries or meeting titles.", show_default=False),
    ] = None,
    date_from: Annotated[
        dt.datetime | None,
        typer.Option("--from", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", help="First day.", show_default=False),
    ] = None,
    date_to: Annotated[
        dt.datetime | None,
        typer.Option("--to", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", help="Last day.", show_default=False),
    ] = None,
    plan: PlanOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Meetings whose agenda matches every filter given, with the matching agenda entries.

    Example: workplan query meetings --paragraph 38
    """
    from .queries import find_meetings
    from .views import dumps, meeting_match_json, meetings_markdown, meetings_text

    if resolution and not paragraph:
        _fail(UsageError("--resolution needs --paragraph"))
    plans = _load(paths, plan)
    try:
        matches = find_meetings(
            plans,
            paragraph=paragraph,
            resolution=resolution,
            area=area,
            presenter=presenter,
            text=text,
            start=date_from.date() if date_from else None,
            end=date_to.date() if date_to else None,
        )
    except WorkplanError as exc:
        _fail(exc)
    if output_format is OutputFormat.json:
        sys.stdout.write(dumps([meeting_match_json(m) for m in matches]))
    elif output_format is OutputFormat.md:
        sys.stdout.write(meetings_markdown(matches))
    else:
        console = _console()
        console.print(meetings_text(matches, plans, console.width))


@query_app.command("references")
def query_references(
    paragraph: Annotated[str, typer.Argument(metavar="PARAGRAPH", help="A paragraph label, e.g. 38 or 47.b.")],
    paths: PathsArgument = None,
    resolution: ResolutionOption = None,
    plan: PlanOption = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")] = ListFormat.text,
) -> None:
    """Every place a paragraph is cited: mandates, working groups, meetings, pending events, reports.

    Example: workplan query references 37 --resolution ag-2970
    """
    from .queries import find_citations
    from .views import citation_json, citations_text, dumps

    plans = _load(paths, plan)
    try:
        citations = find_citations(plans, paragraph, resolution)
    except WorkplanError as exc:
        _fail(exc)
    if output_format is ListFormat.json:
        sys.stdout.write(dumps([citation_json(c) for c in citations]))
    else:
        console = _console()
        console.print(citations_text(citations, console.width))


@query_app.command("coverage")
def query_coverage(
    paths: PathsArgument = None,
    plan: PlanOption = None,
    uncovered: Annotated[bool, typer.Option("--uncovered", help="Only the paragraphs no meeting covers yet.")] = False,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")] = ListFormat.text,
) -> None:
    """Every declared paragraph with the meetings that cite it, and those with no slot yet.

    Example: workplan query coverage --uncovered
    """
    from .queries import coverage
    from .views import coverage_json, coverage_text, dumps

    rows = coverage(_load(paths, plan))
    if uncovered:
        rows = [r for r in rows if not r.covered]
    if output_format is ListFormat.json:
        sys.stdout.write(dumps(coverage_json(rows)))
    else:
        console = _console()
        console.print(coverage_text(rows, console.width))


@query_app.command("activities")
def query_activities(
    paths: PathsArgument = None,
    program: Annotated[
        str | None, typer.Option("--program", help="Program letter, id or part of its title.", show_default=False)
    ] = None,
    partner: Annotated[
        str | None, typer.Option("--partner", help="Partner id, acronym or name.", show_default=False)
    ] = None,
    text: Annotated[
        str | None, typer.Option("--text", help="Case-insensitive text in the activity.", show_default=False)
    ] = None,
    plan: PlanOption = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")] = ListFormat.text,
) -> None:
    """Proposed activities of program plans (the CICTE plan), by program, partner and text.

    Example: workplan query activities --partner INCIBE
    """
    from .queries import find_activities
    from .views import activities_text, activity_json, dumps

    plans = _load(paths, plan)
    matches = find_activities(plans, program=program, partner=partner, text=text)
    if output_format is ListFormat.json:
        sys.stdout.write(dumps([activity_json(a) for a in matches]))
    else:
        console = _console()
        console.print(activities_text(matches, plans, console.width))


@app.command()
def show(
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The id of a meeting, activity, milestone, event, report, working group, program…"
        ),
    ],
    paths: PathsArgument = None,
    plan: PlanOption = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")] = ListFormat.text,
) -> None:
    """Show one meeting (or other item) in full: date, time, numbered agenda, references, footnotes.

    Example: workplan show meeting-5
    """
    from .queries import find_by_id
    from .views import dumps, entity_json, entity_text

    plans = _load(paths, plan)
    found = find_by_id(plans, ident)
    if found is None:
        _fail(UsageError(f"no item with id {ident!r} in {', '.join(p.id for p in plans)}"))
    owner, entity = found
    if output_format is ListFormat.json:
        sys.stdout.write(dumps(entity_json(owner, entity)))
    else:
        console = _console()
        console.print(entity_text(owner, entity, console.width))


class RenderFormat(str, enum.Enum):
    html = "html"
    md = "md"
    ics = "ics"


@app.command(
    epilog="Exit codes: 0 written; 1 a plan or a template has errors; 2 usage or I/O error (missing template folder, unwritable output)."
)
def render(
    paths: PathsArgument = None,
    output_format: Annotated[
        RenderFormat,
        typer.Option("--format", "-f", help="html (one self-contained page), md (GitHub Markdown) or ics (iCalendar)."),
    ] = RenderFormat.html,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            help="A file (existing, or a name with an extension; symbolic links are followed, devices written to directly), "
            "or a folder (existing, or a new name without extension) for one file per plan, PLAN-ID.FORMAT. "
            "Default, or -: standard output.",
            show_default=False,
        ),
    ] = None,
    template_dir: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--template-dir",
            help="A folder of Jinja templates that override the bundled ones of the same name.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
) -> None:
    """Publish plans as HTML, Markdown or an iCalendar file, through Jinja templates.

    Files are written atomically: a temporary file in the same folder, then a rename
    (a symbolic link's target is written and the link kept; a device such as /dev/null is written to directly).

    Example: workplan render --format html --output site/
    """
    from .fsutil import blocks, is_stdout, spool, write_atomic
    from .render import render_pieces

    plans = _load(paths, plan)
    fmt = output_format.value
    try:
        if output is None or is_stdout(output):
            if len(plans) > 1:
                raise UsageError(f"{len(plans)} plans to render: give --output FOLDER to write one file per plan")
            write_atomic("-", render_pieces(plans[0], fmt, template_dir))
        elif output.is_dir() or len(plans) > 1 or not (output.suffix or output.exists() or output.is_symlink()):
            # Every plan rendered (to anonymous temporary files) before any file is written:
            # a template that fails on the last plan leaves every output as it was.
            with contextlib.ExitStack() as stack:
                rendered = [(p, stack.enter_context(spool(render_pieces(p, fmt, template_dir)))) for p in plans]
                try:
                    output.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise PathError(f"{output}: cannot create folder: {exc.strerror or exc}") from None
                for p, complete in rendered:
                    write_atomic(output / f"{p.id}.{fmt}", blocks(complete))
                    typer.echo(f"wrote {visible(str(output / f'{p.id}.{fmt}'))}", err=True)
        else:
            write_atomic(output, render_pieces(plans[0], fmt, template_dir))
            typer.echo(f"wrote {visible(str(output))}", err=True)
    except WorkplanError as exc:
        _fail(exc)


@app.command(
    epilog="Exit codes: 0 nothing to change (or files rewritten); 1 --check found files to change, or a file does not load; 2 I/O error."
)
def fmt(
    paths: PathsArgument = None,
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; list the files that would change and exit 1 if any.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Show the changes as a unified diff (with --check, change nothing).")
    ] = False,
) -> None:
    """Rewrite plan files in canonical form: schema key order, quoted times, ISO dates; comments kept.

    A file that does not load is reported and never written; writes are atomic.

    Example: workplan fmt --check data/
    """
    from .fmt import format_paths

    try:
        results = format_paths(_plan_paths(paths), write=not check, diff=diff)
    except WorkplanError as exc:
        _fail(exc)
    failed = False
    for r in results:
        for diag in r.diagnostics:
            typer.echo(f"{diag.path}:{diag.line}:{diag.column}: {diag.severity.value} {diag.code} {diag.message}")
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


def _git_version(path: Path, rev: str) -> str:
    """The text of ``path`` at git revision ``rev``."""
    import subprocess

    if not rev.strip():
        raise UsageError("--rev needs a revision (a commit, branch or tag such as origin/main)")
    if rev.startswith("-"):
        raise UsageError(f"--rev {rev!r}: a revision cannot start with '-'")
    folder = path.resolve().parent
    try:
        top = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True
        ).stdout.strip()
        relative = path.resolve().relative_to(Path(top).resolve()).as_posix()
        shown = subprocess.run(
            ["git", "-C", top, "show", "--end-of-options", f"{rev}:{relative}"], capture_output=True, check=True
        )
    except FileNotFoundError:
        raise PathError("git is not installed; compare two files instead of using --rev") from None
    except subprocess.CalledProcessError as exc:
        message = (
            (exc.stderr.decode("utf-8", "replace") if isinstance(exc.stderr, bytes) else exc.stderr or "")
            .strip()
            .splitlines()
        )
        raise PathError(f"{path} at {rev}: {message[-1] if message else 'git failed'}") from None
    except ValueError:
        raise PathError(f"{path} is not inside the git repository") from None
    return shown.stdout.decode("utf-8", "replace")


@app.command()
def diff(
    old: Annotated[
        Path,
        typer.Argument(
            metavar="OLD", help="The earlier plan file (or, with --rev, the file to compare with its earlier version)."
        ),
    ],
    new: Annotated[
        Path | None, typer.Argument(metavar="[NEW]", help="The later plan file.", show_default=False)
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option(
            "--rev", help="Compare OLD as it is now with its version at this git revision.", show_default=False
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """What changed between two versions of a plan, in words for reviewers; formatting is ignored.

    Exit codes: 0 compared (with or without changes); 1 a version has errors; 2 usage or I/O error.

    Example: workplan diff data/csh-2022-2023.yaml --rev origin/main --format md
    """
    import json

    from .loader import load_plan, parse_plan
    from .plandiff import diff_plans
    from .text import md_escape

    if (new is None) == (rev is None):
        _fail(UsageError("give two files (OLD NEW), or one file and --rev REV"))
    try:
        if rev is not None:
            if not old.is_file():
                raise PathError(f"no such file: {old}")
            before = parse_plan(_git_version(old, rev), f"{old}@{rev}")
            after = load_plan(old)
        else:
            assert new is not None
            for path in (old, new):
                if not path.exists():
                    raise PathError(f"no such file or directory: {path}")
            before, after = load_plan(old), load_plan(new)
    except WorkplanError as exc:
        _fail(exc)
    problems = before.diagnostics + after.diagnostics
    if before.plan is None or after.plan is None:
        for d in problems:
            typer.echo(f"{d.path}:{d.line}:{d.column}: {d.severity.value} {d.code} {d.message}", err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    changes = diff_plans(before.plan, after.plan)
    if output_format is OutputFormat.json:
        sys.stdout.write(json.dumps([c.as_dict() for c in changes], indent=2, ensure_ascii=False) + "\n")
    elif output_format is OutputFormat.md:
        lines = [f"### Changes to `{after.plan.id}`", ""] + (
            [f"- {md_escape(c.message)}" for c in changes] or ["No semantic change."]
        )
        sys.stdout.write("\n".join(lines) + "\n")
    else:
        sys.stdout.write("".join(f"{visible(c.message)}\n" for c in changes) or "No semantic change.\n")


class KindOption(str, enum.Enum):
    committee = "committee-plan"
    program = "program-plan"


@app.command()
def schema(
    kind: Annotated[KindOption, typer.Option("--kind", help="Which kind of plan file.")] = KindOption.committee,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (atomically; symbolic links followed, devices written to directly). Default, or -: standard output.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the JSON Schema (draft-07) of a kind of plan file, for editors' YAML support.

    Example: workplan schema --kind program-plan --output schemas/program-plan.schema.json
    """
    from .fsutil import write_atomic
    from .schema import schema_text

    text = schema_text(kind.value)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_atomic(output, text)
    except WorkplanError as exc:
        _fail(exc)
