"""Commands that answer questions about plans: upcoming, query meetings|references|coverage|activities, show."""

from __future__ import annotations

import datetime as dt
import enum
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..errors import UsageError
from ..text import dumps
from ..vocabulary import ENTRY_KINDS
from .application import app, sub_app
from .options import (
    FormatOption,
    LangOption,
    ListFormat,
    ListFormatOption,
    OutputFormat,
    PathsArgument,
    PlanOption,
    console,
    date_of,
    day_option,
    language_of,
)

# The kinds of timeline entry (`options.Language` says why an Enum made at run time).
EntryKindOption = enum.Enum("EntryKindOption", {kind: kind for kind in ENTRY_KINDS}, type=str)  # type: ignore[misc]


def _write(text: str) -> None:
    sys.stdout.write(text)


def _print(text: Any) -> None:
    """Text laid out for the terminal's width (``text`` takes the width)."""
    out = console()
    out.print(text(out.width))


# --- upcoming ----------------------------------------------------------------------------------------


def _upcoming_json(
    plans: list[Any], dated: list[Any], undated: list[Any], start: dt.date, end: dt.date, ids: bool
) -> None:
    from ..records import entry_json

    _write(dumps([entry_json(e) for e in [*dated, *undated]]))


def _upcoming_md(
    plans: list[Any], dated: list[Any], undated: list[Any], start: dt.date, end: dt.date, ids: bool
) -> None:
    from ..views import empty_window_message, upcoming_markdown

    if not dated and not undated:
        _write(empty_window_message(plans, start, end))
    else:
        _write(upcoming_markdown(dated, undated, start, end, start, ids))


def _upcoming_text(
    plans: list[Any], dated: list[Any], undated: list[Any], start: dt.date, end: dt.date, ids: bool
) -> None:
    from ..views import empty_window_message, upcoming_text

    out = console()
    if not dated and not undated:
        out.print(empty_window_message(plans, start, end, out.width), end="", markup=False)
    else:
        out.print(upcoming_text(dated, undated, start, end, start, out.width, ids))


UPCOMING_OUTPUT: dict[str, Callable[[list[Any], list[Any], list[Any], dt.date, dt.date, bool], None]] = {
    "json": _upcoming_json,
    "md": _upcoming_md,
    "text": _upcoming_text,
}


@app.command(epilog="Exit codes: 0 success (even when nothing is due); 1 a plan has errors; 2 usage or I/O error.")
def upcoming(
    paths: PathsArgument = None,
    days: Annotated[
        int,
        typer.Option("--days", "-d", min=1, max=3660, help="Length of the window in days, starting on the as-of day."),
    ] = 14,
    as_of: Annotated[
        Optional[dt.datetime],  # noqa: UP045 - Typer reads the annotation at run time
        day_option("--as-of", help="First day of the window. Default: today in the plan's time zone."),
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
    from .. import i18n, plan_paths, plans_in, upcoming_window

    plans, chosen = plans_in(plan_paths(paths, plan), language_of(lang))
    with i18n.use(chosen):
        window = upcoming_window(plans, date_of(as_of), days, [k.value for k in kind] if kind else None)
        undated = window.timeline.undated if include_tbd else []
        UPCOMING_OUTPUT[output_format.value](plans, window.timeline.dated, undated, window.start, window.end, ids)


# --- query ---------------------------------------------------------------------------------------------

query_app = sub_app("Answer questions: which meetings discuss a paragraph, who presents what, what has no slot yet.")
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


def _list_json(lang: str, as_json: Callable[[], Any], as_text: Callable[[int], Any]) -> None:
    _write(dumps(as_json()))


def _list_text(lang: str, as_json: Callable[[], Any], as_text: Callable[[int], Any]) -> None:
    from .. import i18n

    with i18n.use(lang):
        _print(as_text)


# What a query found: ``as_json()`` dumped, or ``as_text(width)`` laid out for the terminal, in the language.
LIST_OUTPUT: dict[str, Callable[[str, Callable[[], Any], Callable[[int], Any]], None]] = {
    "json": _list_json,
    "text": _list_text,
}


def _meetings_json(matches: list[Any], plans: list[Any]) -> None:
    from ..records import meeting_match_json

    _write(dumps([meeting_match_json(m) for m in matches]))


def _meetings_md(matches: list[Any], plans: list[Any]) -> None:
    from ..queryviews import meetings_markdown

    _write(meetings_markdown(matches))


def _meetings_text(matches: list[Any], plans: list[Any]) -> None:
    from ..queryviews import meetings_text

    _print(lambda width: meetings_text(matches, plans, width))


MEETINGS_OUTPUT: dict[str, Callable[[list[Any], list[Any]], None]] = {
    "json": _meetings_json,
    "md": _meetings_md,
    "text": _meetings_text,
}


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
        day_option("--from", help="First day."),
    ] = None,
    date_to: Annotated[
        dt.datetime | None,
        day_option("--to", help="Last day."),
    ] = None,
    plan: PlanOption = None,
    output_format: FormatOption = OutputFormat.text,
    lang: LangOption = None,
) -> None:
    """Meetings whose agenda matches every filter given, with the matching agenda entries.

    Example: workplan query meetings --paragraph 38 --lang es
    """
    from .. import find_meetings, i18n, plan_paths, plans_in

    if resolution and not paragraph:
        raise UsageError("--resolution needs --paragraph")
    plans, chosen = plans_in(plan_paths(paths, plan), language_of(lang))
    with i18n.use(chosen):
        filters = {"paragraph": paragraph, "resolution": resolution, "area": area, "presenter": presenter}
        matches = find_meetings(plans, **filters, text=text, start=date_of(date_from), end=date_of(date_to))
        MEETINGS_OUTPUT[output_format.value](matches, plans)


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
    from .. import find_citations, plan_paths, plans_in
    from ..queryviews import citations_text
    from ..records import citation_json

    plans, chosen = plans_in(plan_paths(paths, plan), language_of(lang))
    citations = find_citations(plans, paragraph, resolution)
    LIST_OUTPUT[output_format.value](
        chosen, lambda: [citation_json(c) for c in citations], lambda width: citations_text(citations, width)
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
    from .. import paragraph_coverage, plan_paths, plans_in
    from ..queryviews import coverage_text
    from ..records import coverage_json

    plans, chosen = plans_in(plan_paths(paths, plan), language_of(lang))
    rows = paragraph_coverage(plans, uncovered=uncovered)
    LIST_OUTPUT[output_format.value](chosen, lambda: coverage_json(rows), lambda width: coverage_text(rows, width))


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
    from .. import find_activities, plan_paths, plans_in
    from ..queryviews import activities_text
    from ..records import activity_json

    plans, chosen = plans_in(plan_paths(paths, plan), language_of(lang))
    matches = find_activities(plans, program=program, partner=partner, text=text)
    LIST_OUTPUT[output_format.value](
        chosen, lambda: [activity_json(a) for a in matches], lambda width: activities_text(matches, plans, width)
    )


# --- show ----------------------------------------------------------------------------------------------


def _show_json(files: list[tuple[Path, Any]], found: tuple[Any, Any], ident: str, lang: str | None) -> None:
    from ..records import entity_json

    _write(dumps(entity_json(*found)))


def _show_text(files: list[tuple[Path, Any]], found: tuple[Any, Any], ident: str, lang: str | None) -> None:
    """The item in full, in the language to write in: its plan's text from that plan's catalog."""
    from .. import find_by_id, i18n, translated, writing_language
    from ..queryviews import entity_text

    owner = found[0]
    out = console()
    chosen = writing_language(lang, [owner])
    [shown] = translated([f for f in files if f[1] is owner], chosen)
    plan, entity = find_by_id([shown], ident) or found
    with i18n.use(chosen):
        out.print(entity_text(plan, entity, out.width))


SHOW_OUTPUT: dict[str, Callable[[list[tuple[Path, Any]], tuple[Any, Any], str, str | None], None]] = {
    "json": _show_json,
    "text": _show_text,
}


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
    from .. import find_item, load_plan_files, plan_paths

    files = load_plan_files(plan_paths(paths, plan))
    found = find_item([p for _, p in files], ident)
    SHOW_OUTPUT[output_format.value](files, found, ident, language_of(lang))
