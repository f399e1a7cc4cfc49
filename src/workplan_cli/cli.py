"""The command line: parse options, call the core, print, return an exit code.

Nothing below this layer imports Typer or Rich.  Heavy modules are imported
inside the commands that need them, to keep `workplan --version` and
`workplan validate` quick to start.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import enum
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer

from . import __version__, helpwords
from .errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, PathError, UsageError, WorkplanError
from .text import dumps, visible

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
helpwords.install()  # --help shows words (PATH, YYYY-MM-DD), not Python types


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


def _parse_day(text: str) -> dt.datetime:
    """A day written YYYY-MM-DD, at midnight; a message that says what is wrong with any other text."""
    import calendar
    import re

    match = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", text)
    if match is None:
        raise typer.BadParameter(f"{text!r}: write the day as YYYY-MM-DD, like 2023-03-16")
    year, month, day = map(int, match.groups())
    if not 1 <= month <= 12 or year < 1:
        raise typer.BadParameter(
            f"{text!r} is not a day: there is no month {month:02d}" if year else f"{text!r}: no year 0"
        )
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        name = dt.date(2000, month, 1).strftime("%B")
        raise typer.BadParameter(f"{text!r} is not a day: {name} {year} has {days} days")
    return dt.datetime(year, month, day)


def _day_option(flag: str, help: str) -> Any:
    """A YYYY-MM-DD option (read as a datetime at midnight; commands take its date)."""
    return typer.Option(flag, parser=_parse_day, metavar="YYYY-MM-DD", help=help, show_default=False)


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
    except KeyboardInterrupt:
        # Ctrl-C: end now.  The worker processes end with this one (validate._worker_start);
        # waiting at exit for the pool's threads could wait for work nobody will read.
        sys.stderr.write("workplan: interrupted\n")
        sys.stderr.flush()
        os._exit(130)
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
    output_format: ListFormatOption = ListFormat.text,
) -> None:
    """List every check and lint rule, or document one.

    Example: workplan rules unknown-paragraph
    """

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
        sys.stdout.write(dumps(rows))
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
ListFormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")]


class Language(str, enum.Enum):
    en = "en"
    es = "es"
    fr = "fr"
    pt = "pt"


LangOption = Annotated[
    Optional[Language],  # noqa: UP045
    typer.Option(
        "--lang",
        help="Write in this OAS language: en, es, fr or pt. Default: the plan's own language (English when it says none).",
        show_default=False,
    ),
]


def _language(lang: Language | None, plans: list[Any]) -> str:
    """The language to write in, its catalog read now so that a broken one stops the command with its line."""
    from .i18n import translations

    chosen = lang.value if lang else (plans[0].language if plans else "en")
    try:
        translations(chosen)
    except WorkplanError as exc:
        _fail(exc)
    return chosen


def _load_files(paths: list[Path] | None, extra: list[Path] | None) -> list[tuple[Path, Any]]:
    from .validate import load_valid_plan_files

    try:
        return load_valid_plan_files(_plan_paths([*(paths or []), *(extra or [])]))
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
        _day_option("--as-of", help="First day of the window. Default: today in the plan's time zone."),
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
    lang: LangOption = None,
    ids: Annotated[
        bool, typer.Option("--ids", help="Give each entry's id after its title, for `workplan show ID`.")
    ] = False,
) -> None:
    """What is coming: meetings, other OAS activities, milestones and reporting deadlines in a window.

    The window is the DAYS days starting on the as-of day: --days 1 is that day alone.
    A multi-day activity that began earlier and is still running is listed.

    Example: workplan upcoming --as-of 2023-03-01 --days 14 --lang es
    """
    from . import i18n

    files = _load_files(paths, plan)
    chosen = _language(lang, [p for _, p in files])
    with i18n.use(chosen):
        _upcoming(_translated(files, chosen), days, as_of, kind, include_tbd, output_format, ids)


def _translated(files: list[tuple[Path, Any]], lang: str) -> list[Any]:
    """The plans with their own text from their catalogs for ``lang`` (`catalogs.translate`)."""
    from .catalogs import translate

    try:
        return [translate(p, path, lang) for path, p in files]
    except WorkplanError as exc:
        _fail(exc)


def _plans_in(paths: list[Path] | None, extra: list[Path] | None, lang: Language | None) -> tuple[list[Any], str]:
    """The valid plans under the paths, in the language to write in (``--lang``, else the first plan's), and that language."""
    files = _load_files(paths, extra)
    chosen = _language(lang, [p for _, p in files])
    return _translated(files, chosen), chosen


def _upcoming(
    plans: list[Any],
    days: int,
    as_of: dt.datetime | None,
    kind: list[EntryKindOption] | None,
    include_tbd: bool,
    output_format: OutputFormat,
    ids: bool = False,
) -> None:
    from .timeline import build_timeline
    from .views import empty_window_message, entry_json, upcoming_markdown, upcoming_text

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
        sys.stdout.write(upcoming_markdown(timeline.dated, undated, start, end, start, ids))
    else:
        console = _console()
        console.print(upcoming_text(timeline.dated, undated, start, end, start, console.width, ids))


def _console() -> Any:
    """Standard output as Rich sees it: the terminal's width (or COLUMNS, or 80 when piped), colour only in a
    terminal (or with FORCE_COLOR).  Views lay text out for that width, so Rich neither wraps nor crops."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, emoji=False, markup=False)


def _print_list(
    output_format: ListFormat, lang: str, as_json: Callable[[], Any], as_text: Callable[[int], Any]
) -> None:
    """What a query found: ``as_json()`` dumped, or ``as_text(width)`` laid out for the terminal, in ``lang``."""
    from . import i18n

    if output_format is ListFormat.json:
        sys.stdout.write(dumps(as_json()))
        return
    console = _console()
    with i18n.use(lang):
        console.print(as_text(console.width))


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
        _day_option("--from", help="First day."),
    ] = None,
    date_to: Annotated[
        dt.datetime | None,
        _day_option("--to", help="Last day."),
    ] = None,
    plan: PlanOption = None,
    output_format: FormatOption = OutputFormat.text,
    lang: LangOption = None,
) -> None:
    """Meetings whose agenda matches every filter given, with the matching agenda entries.

    Example: workplan query meetings --paragraph 38 --lang es
    """
    from . import i18n

    if resolution and not paragraph:
        _fail(UsageError("--resolution needs --paragraph"))
    plans, chosen = _plans_in(paths, plan, lang)
    with i18n.use(chosen):
        _query_meetings(plans, paragraph, resolution, area, presenter, text, date_from, date_to, output_format)


def _query_meetings(
    plans: list[Any],
    paragraph: str | None,
    resolution: str | None,
    area: str | None,
    presenter: str | None,
    text: str | None,
    date_from: dt.datetime | None,
    date_to: dt.datetime | None,
    output_format: OutputFormat,
) -> None:
    from .queries import find_meetings
    from .views import meeting_match_json, meetings_markdown, meetings_text

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
    output_format: ListFormatOption = ListFormat.text,
    lang: LangOption = None,
) -> None:
    """Every place a paragraph is cited: mandates, working groups, meetings, pending events, reports.

    Example: workplan query references 37 --resolution ag-2970
    """
    from .queries import find_citations
    from .views import citation_json, citations_text

    plans, chosen = _plans_in(paths, plan, lang)
    try:
        citations = find_citations(plans, paragraph, resolution)
    except WorkplanError as exc:
        _fail(exc)
    _print_list(
        output_format,
        chosen,
        lambda: [citation_json(c) for c in citations],
        lambda width: citations_text(citations, width),
    )


@query_app.command("coverage")
def query_coverage(
    paths: PathsArgument = None,
    plan: PlanOption = None,
    uncovered: Annotated[bool, typer.Option("--uncovered", help="Only the paragraphs no meeting covers yet.")] = False,
    output_format: ListFormatOption = ListFormat.text,
    lang: LangOption = None,
) -> None:
    """Every declared paragraph with the meetings that cite it, and those with no slot yet.

    Example: workplan query coverage --uncovered
    """
    from .queries import coverage
    from .views import coverage_json, coverage_text

    plans, chosen = _plans_in(paths, plan, lang)
    rows = coverage(plans)
    if uncovered:
        rows = [r for r in rows if not r.covered]
    _print_list(output_format, chosen, lambda: coverage_json(rows), lambda width: coverage_text(rows, width))


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
    output_format: ListFormatOption = ListFormat.text,
    lang: LangOption = None,
) -> None:
    """Proposed activities of program plans (the CICTE plan), by program, partner and text.

    Example: workplan query activities --partner INCIBE
    """
    from .queries import find_activities
    from .views import activities_text, activity_json

    plans, chosen = _plans_in(paths, plan, lang)
    matches = find_activities(plans, program=program, partner=partner, text=text)
    _print_list(
        output_format,
        chosen,
        lambda: [activity_json(a) for a in matches],
        lambda width: activities_text(matches, plans, width),
    )


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
    output_format: ListFormatOption = ListFormat.text,
    lang: LangOption = None,
) -> None:
    """Show one meeting (or other item) in full: date, time, numbered agenda, references, footnotes.

    Example: workplan show meeting-5 --lang fr
    """
    from . import i18n
    from .index import index_of
    from .queries import find_by_id
    from .text import did_you_mean
    from .views import entity_json, entity_text

    files = _load_files(paths, plan)
    plans = [p for _, p in files]
    found = find_by_id(plans, ident)
    if found is None:
        hint = did_you_mean(ident, (i for p in plans for i in index_of(p).ids))
        _fail(UsageError(f"no item with id {ident!r} in {', '.join(p.id for p in plans)}{hint}"))
    owner, entity = found
    if output_format is ListFormat.json:
        sys.stdout.write(dumps(entity_json(owner, entity)))
    else:
        console = _console()
        chosen = _language(lang, [owner])
        [shown] = _translated([f for f in files if f[1] is owner], chosen)
        with i18n.use(chosen):
            console.print(entity_text(*(find_by_id([shown], ident) or found), console.width))


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
            "or a folder (existing, or a new name without extension) for one file per plan, PLAN-ID.FORMAT; "
            "several plans in HTML make a site (an index, every language, calendars). "
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
    as_of: Annotated[
        Optional[dt.datetime],  # noqa: UP045
        _day_option(
            "--as-of", help="Mark this day with a line on the HTML page's picture of the term. Default: no line."
        ),
    ] = None,
    plan: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """Publish plans as HTML, Markdown or an iCalendar file, through Jinja templates.

    Files are written atomically: a temporary file in the same folder, then a rename
    (a symbolic link's target is written and the link kept; a device such as /dev/null is written to directly).

    The page is written in --lang (default: each plan's own language); plan text
    comes from the plan's catalog for that language (PLAN.LANG.po beside the plan,
    see `workplan i18n`) where it has a translation, else as written.

    Example: workplan render --format html --lang es --output site/
    """
    from .fsutil import blocks, is_stdout, spool, write_atomic
    from .render import notices, render_pieces
    from .site import refuse_file_for_several, write_site

    files = _load_files(paths, plan)
    inputs = [path for path, _ in files]
    fmt = output_format.value
    try:
        day = as_of.date() if as_of else None
        language = lang.value if lang else None

        def pieces(path: Path, p: Any) -> Any:
            return render_pieces(p, fmt, template_dir, language, path, day)

        if output is not None and not is_stdout(output):
            refuse_file_for_several(output, len(files))
        for notice in notices([p for _, p in files], fmt):
            typer.echo(f"workplan: note: {visible(notice)}", err=True)
        if output is not None and not is_stdout(output) and len(files) > 1 and fmt == "html":
            # A site: an index, each plan's page in every language, the calendars (`site`).
            for written in write_site(files, output, template_dir, day or _today([p for _, p in files]), language):
                typer.echo(f"wrote {visible(str(written))}", err=True)
            return
        if output is None or is_stdout(output):
            if len(files) > 1:
                raise UsageError(f"{len(files)} plans to render: give --output FOLDER to write one file per plan")
            write_atomic("-", pieces(*files[0]))
        elif output.is_dir() or len(files) > 1 or not (output.suffix or output.exists() or output.is_symlink()):
            # Every plan rendered (to anonymous temporary files) before any file is written:
            # a template that fails on the last plan leaves every output as it was.
            with contextlib.ExitStack() as stack:
                rendered = [(p, stack.enter_context(spool(pieces(path, p)))) for path, p in files]
                try:
                    output.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise PathError(f"{output}: cannot create folder: {exc.strerror or exc}") from None
                for p, complete in rendered:
                    write_atomic(output / f"{p.id}.{fmt}", blocks(complete), inputs=inputs, chosen=True)
                    typer.echo(f"wrote {visible(str(output / f'{p.id}.{fmt}'))}", err=True)
        else:
            write_atomic(output, pieces(*files[0]), inputs=inputs)
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
            help="The earlier plan file; with --rev, the files or folders to compare with their earlier versions "
            "(default: data/).",
            show_default=False,
        ),
    ] = None,
    new: Annotated[
        Path | None, typer.Argument(metavar="[NEW]", help="The later plan file.", show_default=False)
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

    from .loader import load_plan
    from .plandiff import diff_plans
    from .revisions import RevisionDiff, diff_since

    if rev is None and (old is None or new is None):
        _fail(UsageError("give two files (OLD NEW), or --rev REV (and the files or folders to compare, default data/)"))
    if rev is not None and new is not None:
        _fail(UsageError("with --rev, give the files or folders to compare, not a second file"))
    try:
        if rev is not None:
            results = diff_since(_plan_paths([old] if old is not None else None), rev)
        else:
            assert old is not None and new is not None
            for path in (old, new):
                if not path.exists():
                    raise PathError(f"no such file or directory: {path}")
            before, after = load_plan(old), load_plan(new)
            if before.plan is None or after.plan is None:
                results = [RevisionDiff(new, None, [], [*before.diagnostics, *after.diagnostics])]
            else:
                results = [RevisionDiff(new, after.plan.id, diff_plans(before.plan, after.plan))]
    except WorkplanError as exc:
        _fail(exc)
    broken = [d for r in results for d in r.problems if r.plan_id is None or not r.new_file]
    if any(r.plan_id is None for r in results):
        for d in broken:
            typer.echo(str(d), err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    sys.stdout.write(_diff_output(results, output_format))


def _diff_output(results: list[Any], output_format: OutputFormat) -> str:
    """`diff`'s report: one plan as before (a list of changes), several under a heading each."""
    from .text import md_escape

    single = len(results) == 1
    if output_format is OutputFormat.json:
        if single:
            return dumps([c.as_dict() for c in results[0].changes])
        return dumps(
            [
                {"path": str(r.path), "plan": r.plan_id, "new": r.new_file, "changes": [c.as_dict() for c in r.changes]}
                for r in results
            ]
        )
    out = []
    for r in results:
        nothing = "New plan file." if r.new_file else "No semantic change."
        if output_format is OutputFormat.md:
            out += [f"### Changes to `{r.plan_id}`", ""]
            out += [f"- {md_escape(c.message)}" for c in r.changes] or [nothing]
            out.append("")
        else:
            if not single:
                out.append(f"{visible(str(r.plan_id))} ({visible(str(r.path))}):")
            out += [("  " if not single else "") + visible(c.message) for c in r.changes] or [
                ("  " if not single else "") + nothing
            ]
    return "\n".join(out).rstrip("\n") + "\n"


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


# --- amending a plan --------------------------------------------------------------------------

EDIT_EXIT_CODES = (
    "Exit codes: 0 written (or, with --dry-run, would be written); 1 refused: the plan does not validate, "
    "or the change would cause the problems listed; 2 usage or I/O error (unknown id, several plans, unwritable file)."
)

EditPlanArgument = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Argument(
        metavar="[PLAN]...",
        help="The plan file, or folders to look for it in. Default: data/.",
        show_default=False,
    ),
]
EditPlanIdOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--plan", help="The id of the plan to edit, when several are found.", show_default=False),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", "-n", help="Say what would change, as `workplan diff` would, and write nothing.")
]
AllowWarningsOption = Annotated[
    bool,
    typer.Option(
        "--allow-warnings", help="Write even if the change causes new warnings (errors always refuse the change)."
    ),
]
DateArgument = Annotated[
    dt.datetime, typer.Argument(parser=_parse_day, metavar="DATE", help="The new day, YYYY-MM-DD.")
]


def _edit_json(path: str, plan_id: str | None, written: bool, changes: list[Any], problems: list[Any]) -> str:

    payload = {
        "path": visible(path),
        "plan": plan_id,
        "written": written,
        "changes": [c.as_dict() for c in changes],
        "problems": [d.as_dict() for d in problems],
    }
    return dumps(payload)


def _refuse_source(exc: WorkplanError, output_format: ListFormat) -> NoReturn:
    from .errors import PlanError

    if isinstance(exc, PlanError):
        if output_format is ListFormat.json:
            path = exc.diagnostics[0].path if exc.diagnostics else ""
            sys.stdout.write(_edit_json(path, None, False, [], exc.diagnostics))
        else:
            sys.stdout.write("".join(str(d) + "\n" for d in exc.diagnostics))
    _fail(exc)


def _run_edit(
    paths: list[Path] | None,
    plan_id: str | None,
    ident: str | None,
    make: Callable[[Any], Any],
    dry_run: bool,
    output_format: ListFormat,
) -> NoReturn:
    """What every editing command does: choose the plan (refusing one that does not validate), make the edit, finish it."""
    from .edit import choose_plan

    try:
        source = choose_plan(_plan_paths(paths), plan_id, ident)
    except WorkplanError as exc:
        _refuse_source(exc, output_format)
    try:
        edit = make(source)
    except WorkplanError as exc:
        _fail(exc)
    _finish_edit(edit, dry_run, output_format)


def _finish_edit(edit: Any, dry_run: bool, output_format: ListFormat) -> NoReturn:
    """Write an edit (unless refused or a dry run), say what changed, and exit with the documented code."""
    from .edit import write_edit

    plan_id = edit.source.plan.id
    if edit.refused:
        if output_format is ListFormat.json:
            sys.stdout.write(_edit_json(edit.source.name, plan_id, False, edit.changes, edit.problems))
        else:
            sys.stdout.write("".join(str(d) + "\n" for d in edit.problems))
        hint = "" if edit.errors_only() else "; --allow-warnings writes it despite warnings"
        typer.echo(
            f"workplan: error: not written: the change would cause {len(edit.problems)} problem(s) "
            f"(lines as in the changed file){hint}",
            err=True,
        )
        raise typer.Exit(EXIT_PROBLEMS)
    if not dry_run and edit.new_text != edit.source.text:
        try:
            write_edit(edit)
        except WorkplanError as exc:
            _fail(exc)
    for note in edit.notes:
        typer.echo(f"workplan: warning: {visible(note)}", err=True)
    if output_format is ListFormat.json:
        sys.stdout.write(_edit_json(edit.source.name, plan_id, not dry_run, edit.changes, []))
    else:
        sys.stdout.write("".join(f"{visible(c.message)}\n" for c in edit.changes) or "No semantic change.\n")
        typer.echo(
            f"dry run: {visible(edit.source.name)} not written" if dry_run else f"wrote {visible(edit.source.name)}",
            err=True,
        )
    raise typer.Exit(EXIT_OK)


def _parse_hours(text: str) -> tuple[dt.time, dt.time]:
    import re

    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*", text)
    if match:
        h1, m1, h2, m2 = map(int, match.groups())
        if h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60:
            return dt.time(h1, m1), dt.time(h2, m2)
    raise UsageError(f"--time {text!r}: write the hours as HH:MM-HH:MM in 24-hour form, like 10:00-13:00")


TimeOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--time", "-t", metavar="HH:MM-HH:MM", help="New hours, local time, e.g. 14:30-17:30.", show_default=False
    ),
]
EditFormatOption = Annotated[
    ListFormat, typer.Option("--format", "-f", help="text (the changes, in words) or json (see README).")
]


@app.command(epilog=EDIT_EXIT_CODES)
def move(
    ident: Annotated[str, typer.Argument(metavar="ID", help="The id of a meeting, activity or milestone.")],
    day: DateArgument,
    paths: EditPlanArgument = None,
    hours: TimeOption = None,
    plan_id: EditPlanIdOption = None,
    dry_run: DryRunOption = False,
    allow_warnings: AllowWarningsOption = False,
    output_format: EditFormatOption = ListFormat.text,
) -> None:
    """Move a meeting, activity or milestone to another day (and a meeting to other hours).

    Only the lines holding the date (and times) change; comments, quoting and order stay as they are.
    A several-day activity keeps its length; meetings held within a moved meeting, and milestones
    held at it, move with it. Nothing is written if the plan would then have a problem (a clash,
    numbering out of date order, a day outside the term): the problems are listed instead.

    Example: workplan move meeting-7 2023-03-23 --time 14:30-17:30 data/csh-2022-2023.yaml
    """
    from .edit import move_item

    try:
        times = _parse_hours(hours) if hours is not None else None
    except WorkplanError as exc:
        _fail(exc)
    _run_edit(
        paths,
        plan_id,
        ident,
        lambda source: move_item(source, ident, day.date(), times, allow_warnings=allow_warnings),
        dry_run,
        output_format,
    )


def _status_command(status: str) -> Any:
    def command(
        ident: Annotated[str, typer.Argument(metavar="ID", help="The id of a meeting or activity.")],
        paths: EditPlanArgument = None,
        note: Annotated[
            Optional[str],  # noqa: UP045
            typer.Option("--note", help="Why, in a few words (kept as status_note).", show_default=False),
        ] = None,
        plan_id: EditPlanIdOption = None,
        dry_run: DryRunOption = False,
        allow_warnings: AllowWarningsOption = False,
        output_format: EditFormatOption = ListFormat.text,
    ) -> None:
        from .edit import set_status

        _run_edit(
            paths,
            plan_id,
            ident,
            lambda source: set_status(source, ident, status, note, allow_warnings=allow_warnings),
            dry_run,
            output_format,
        )

    return command


cancel = app.command(
    "cancel",
    epilog=EDIT_EXIT_CODES,
    help="Mark a meeting or activity cancelled (status: cancelled, and status_note with --note).\n\n"
    "The lines are added after its date and time lines; nothing else changes. A cancelled meeting "
    "stays in the plan, struck through in the published pages, and no longer counts in clash checks.\n\n"
    'Example: workplan cancel meeting-13 --note "No quorum; the agenda moves to meeting 14"',
)(_status_command("cancelled"))
postpone = app.command(
    "postpone",
    epilog=EDIT_EXIT_CODES,
    help="Mark a meeting or activity postponed to a day not yet known (status: postponed).\n\n"
    "When the new day is known, move it with `workplan move ID DATE` and delete its status lines.\n\n"
    'Example: workplan postpone wps-workshop --note "At the request of the IADB"',
)(_status_command("postponed"))


add_app = typer.Typer(
    help="Add a meeting or another OAS activity to a plan, in date order, indented like the others.",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    no_args_is_help=True,
)
app.add_typer(add_app, name="add")


class MeetingKindOption(str, enum.Enum):
    regular = "regular"
    informal = "informal"
    working_group = "working-group"
    forum = "forum"
    special = "special"
    joint = "joint"
    points_of_contact = "points-of-contact"


DayOption = Annotated[
    dt.datetime,
    _day_option("--date", help="The day."),
]
IdOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--id", help="The new item's id (default: made up, never one already used).", show_default=False),
]


@add_app.command("meeting", epilog=EDIT_EXIT_CODES)
def add_meeting_command(
    day: DayOption,
    hours: Annotated[
        str,
        typer.Option("--time", "-t", metavar="HH:MM-HH:MM", help="Local hours, e.g. 10:00-13:00.", show_default=False),
    ],
    paths: EditPlanArgument = None,
    number: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--number", min=1, help="The regular meeting's number.", show_default=False),
    ] = None,
    title: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--title", help="The meeting's title, if it has one.", show_default=False),
    ] = None,
    kind: Annotated[
        MeetingKindOption, typer.Option("--kind", help="What sort of meeting.")
    ] = MeetingKindOption.regular,
    ident: IdOption = None,
    plan_id: EditPlanIdOption = None,
    dry_run: DryRunOption = False,
    allow_warnings: AllowWarningsOption = False,
    output_format: EditFormatOption = ListFormat.text,
) -> None:
    """Add a meeting in date order, with an empty agenda ready to fill in.

    Its id is meeting-N for a numbered meeting, else KIND-DATE (informal-2023-03-21).
    Nothing is written if the plan would then have a problem (a clash, a number out of date order).

    Example: workplan add meeting --date 2023-06-15 --time 10:00-13:00 --number 16 data/csh-2022-2023.yaml
    """
    from .edit import add_meeting

    try:
        start, end = _parse_hours(hours)
    except WorkplanError as exc:
        _fail(exc)
    _run_edit(
        paths,
        plan_id,
        None,
        lambda source: add_meeting(
            source,
            day=day.date(),
            start=start,
            end=end,
            number=number,
            title=title,
            kind=kind.value,
            ident=ident,
            allow_warnings=allow_warnings,
        ),
        dry_run,
        output_format,
    )


@add_app.command("activity", epilog=EDIT_EXIT_CODES)
def add_activity_command(
    day: DayOption,
    title: Annotated[str, typer.Option("--title", help="The activity, as the document names it.", show_default=False)],
    paths: EditPlanArgument = None,
    end_day: Annotated[
        Optional[dt.datetime],  # noqa: UP045
        _day_option("--end-date", help="Its last day, for an activity of several days."),
    ] = None,
    organizers: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--organizer", help="Id of a body that holds it (repeatable).", show_default=False),
    ] = None,
    place: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--place", help="Where it is held.", show_default=False),
    ] = None,
    ident: IdOption = None,
    plan_id: EditPlanIdOption = None,
    dry_run: DryRunOption = False,
    allow_warnings: AllowWarningsOption = False,
    output_format: EditFormatOption = ListFormat.text,
) -> None:
    """Add another OAS activity in the security area (the schedule's right-hand column), in date order.

    Its id is made from its title (workshop-on-humanitarian-demining) unless --id is given.

    Example: workplan add activity --date 2023-05-17 --end-date 2023-05-19 --title "Workshop on Humanitarian Demining" --organizer iadb
    """
    from .edit import add_activity

    _run_edit(
        paths,
        plan_id,
        None,
        lambda source: add_activity(
            source,
            day=day.date(),
            title=title,
            end_day=end_day.date() if end_day else None,
            organizers=organizers or (),
            place=place,
            ident=ident,
            allow_warnings=allow_warnings,
        ),
        dry_run,
        output_format,
    )


@app.command(
    epilog="Exit codes: 0 written; 1 refused (the file exists and --force is not given, or the source plan "
    "does not validate); 2 usage or I/O error."
)
def init(
    source: Annotated[
        Path, typer.Option("--from", metavar="PLAN", help="This term's plan file, to start from.", show_default=False)
    ],
    start: Annotated[
        dt.datetime,
        _day_option("--start", help="First day of the new term (the committee's installation)."),
    ],
    end: Annotated[
        Optional[dt.datetime],  # noqa: UP045
        _day_option(
            "--end", help="Last day of the new term. Default: the General Assembly's last day, marked TO CONFIRM."
        ),
    ] = None,
    general_assembly: Annotated[
        Optional[dt.datetime],  # noqa: UP045
        _day_option(
            "--general-assembly",
            help="First day of the General Assembly session. Default: a year after last term's, marked TO CONFIRM.",
        ),
    ] = None,
    output: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write it (- for standard output; a folder, or a name ending in /, for NEW-ID.yaml in it). "
            "Default: NEW-ID.yaml beside the source plan.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Draft next term's plan from this one, for the editor to complete.

    Carried over as written: the committee, its functions, bodies, working groups, thematic areas,
    yearly reports and notes, and the resolutions (with a comment: replace them by the new
    session's). Left empty, with comments saying what to fill in: officers, mandates, meetings,
    other activities, pending events and milestones. Dates not given are marked TO CONFIRM.
    The draft validates (with warnings for what is not filled in yet).

    Example: workplan init --from data/csh-2022-2023.yaml --start 2023-11-10 --general-assembly 2024-06-26
    """
    from .draft import init_plan
    from .edit import read_plan
    from .fsutil import is_stdout, write_atomic

    try:
        plan = read_plan(source)
    except WorkplanError as exc:
        _refuse_source(exc, ListFormat.text)
    try:
        dates = (start.date(), end.date() if end else None, general_assembly.date() if general_assembly else None)
        target: Path | None = Path(output) if output is not None and not output.endswith(("/", os.sep)) else None
        folder = source.parent if output is None else Path(output)
        if target is not None and not is_stdout(target) and target.is_dir():
            folder, target = target, None
        draft = init_plan(plan, str(target or folder / "next-term.yaml"), *dates)
        if target is None:  # a name chosen here: the new plan's id, in the folder
            new_id = draft.plan.id if draft.plan is not None else "next-term"
            target = folder / f"{new_id}.yaml"
            draft = init_plan(plan, str(target), *dates)
        if draft.errors:  # the draft is built to validate; say so rather than write a broken file
            sys.stdout.write("".join(str(d._replace(path=f"{d.path} (draft)")) + "\n" for d in draft.errors))
            typer.echo(f"workplan: error: the draft does not validate; {visible(str(target))} not written", err=True)
            raise typer.Exit(EXIT_PROBLEMS)
        if is_stdout(target):
            sys.stdout.write(draft.text)
            return
        if (target.exists() or target.is_symlink()) and not force:
            typer.echo(f"workplan: error: {visible(str(target))} exists; give --force to overwrite it", err=True)
            raise typer.Exit(EXIT_PROBLEMS)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PathError(f"{target.parent}: cannot create folder: {exc.strerror or exc}") from None
        write_atomic(target, draft.text, inputs=[source], chosen=output is None or output.endswith(("/", os.sep)))
    except WorkplanError as exc:
        _fail(exc)
    shown = visible(str(target))
    typer.echo(
        f"wrote {shown}; it validates"
        + (
            f", with warnings for what is still to fill in (`workplan validate {shown}` lists them)"
            if draft.diagnostics
            else ""
        ),
        err=True,
    )


i18n_app = typer.Typer(
    help="Translate a plan's own text: catalogs beside the plan (PLAN.LANG.po), keyed by item and field.",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    no_args_is_help=True,
)
app.add_typer(i18n_app, name="i18n")

PlanFileArgument = Annotated[Path, typer.Argument(metavar="PLAN", help="A plan file.")]


def _load_one(path: Path) -> Any:
    if not path.is_file():
        _fail(PathError(f"{path}: not a plan file"))
    [(_, found)] = _load_files([path], None)
    return found


@i18n_app.command("extract")
def i18n_extract(path: PlanFileArgument) -> None:
    """Write the plan's translation template, PLAN.pot beside it (atomically): one message per text field.

    Each message's msgctxt is the item and field it comes from (meeting-5.title,
    meeting-5/agenda/1.2.title); copy the template to PLAN.LANG.po to translate it.

    Example: workplan i18n extract data/csh-2022-2023.yaml
    """
    from .catalogs import extract, messages

    found = _load_one(path)
    try:
        target = extract(found, path)
    except WorkplanError as exc:
        _fail(exc)
    typer.echo(f"wrote {visible(str(target))} ({len(messages(found))} messages)", err=True)


@i18n_app.command("status")
def i18n_status(
    path: PlanFileArgument,
    lang: Annotated[Language, typer.Option("--lang", help="The catalog's language: es, fr, pt or en.")],
    output_format: ListFormatOption = ListFormat.text,
) -> None:
    """How much of a plan a catalog translates: translated, untranslated and stale messages.

    Stale: the catalog's msgid is no longer the plan's text (the plan changed since), or it is marked fuzzy.
    `render --lang` shows the plan's own text for untranslated and stale messages.

    Example: workplan i18n status data/csh-2022-2023.yaml --lang es --format json
    """
    from .catalogs import status

    found = _load_one(path)
    try:
        result = status(found, path, lang.value)
    except WorkplanError as exc:
        _fail(exc)
    if output_format is ListFormat.json:
        sys.stdout.write(dumps(result.as_dict()))
        return
    where = (
        visible(result.catalog)
        if result.catalog
        else f"no catalog ({visible(str(path.with_name(path.stem + '.' + lang.value + '.po')))} missing)"
    )
    typer.echo(
        f"{result.plan} [{result.lang}]: {result.translated} translated, {result.untranslated} untranslated, "
        f"{len(result.stale)} stale, of {result.total} messages; {where}"
    )
    for ident in result.stale:
        typer.echo(f"stale: {visible(ident)}")


def app_for(argv: list[str]) -> typer.Typer:
    """The app, trimmed to the one command ``argv`` names first, or the whole app.

    Typer turns every command's signature into a Click command before it reads
    the command line: a few milliseconds each, a tenth of a second for all of
    workplan's, to run one of them.  When the first argument names a command
    or a group, the others are left out; their help, usage and errors are the
    same, since each command's are its own.  Anything else (no argument, an
    option, a mistyped name, shell completion) gets the whole app, so that
    `workplan --help` lists every command and a typo gets its suggestion.
    """
    first = argv[0] if argv else ""
    commands = [info for info in app.registered_commands if _command_name(info) == first]
    groups = [info for info in app.registered_groups if info.name == first]
    if not commands and not groups:
        return app
    trimmed = copy.copy(app)
    trimmed.registered_commands = commands
    trimmed.registered_groups = groups
    return trimmed


def _command_name(info: Any) -> str:
    # Typer's own rule: the name given, or the function's, lower-cased, `_` as `-`.
    return str(info.name or info.callback.__name__.lower().replace("_", "-"))
