"""Commands that amend a plan's text: move, cancel, postpone, add meeting|activity, and init (next term's plan)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer

from ..errors import EXIT_OK, EXIT_PROBLEMS, PlanError, WorkplanError
from ..text import visible
from ..vocabulary import MEETING_KINDS
from .application import app, sub_app
from .options import (
    PLAN_HELP,
    ListFormat,
    date_of,
    day_option,
    name_value,
    parse_period,
    path_value,
    period_option,
)

EDIT_EXIT_CODES = (
    "Exit codes: 0 written (or, with --dry-run, would be written); 1 refused: the plan does not validate, "
    "or the change would cause the problems listed; 2 usage or I/O error (unknown id, several plans, unwritable file)."
)

EditPlanArgument = Annotated[
    Optional[list[Path]],  # noqa: UP045 - Typer reads the annotation at run time
    typer.Argument(
        metavar="[PLAN]...",
        parser=path_value,
        help="The plan file, or folders to look for it in. Default: data/.",
        show_default=False,
    ),
]
EditPlanOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--plan", "-p", metavar="PLAN", parser=name_value, help=PLAN_HELP.format(paths="PLAN"), show_default=False
    ),
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
    dt.date,
    typer.Argument(
        parser=parse_period,
        metavar="DATE",
        help="The new day, YYYY-MM-DD (an activity or milestone also YYYY-MM or YYYY, its day to be confirmed).",
    ),
]
TimeOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--time", "-t", metavar="HH:MM-HH:MM", help="New hours, local time, e.g. 14:30-17:30.", show_default=False
    ),
]
EditFormatOption = Annotated[
    ListFormat, typer.Option("--format", "-f", help="text (the changes, in words) or json (see docs/commands.md).")
]


# --- what an edit says, by format ------------------------------------------------------------------------


def _source_refused_json(error: PlanError) -> str:
    from ..reporters import edit_json

    path = error.diagnostics[0].path if error.diagnostics else ""
    return edit_json(path, None, False, [], error.diagnostics)


def _source_refused_text(error: PlanError) -> str:
    from ..reporters import problems_text

    return problems_text(error.diagnostics)


def _refused_json(edit: Any) -> str:
    from ..reporters import edit_json

    return edit_json(edit.source.name, edit.source.plan.id, False, edit.changes, edit.problems)


def _refused_text(edit: Any) -> str:
    from ..reporters import problems_text

    return problems_text(edit.problems)


def _done_json(edit: Any, dry_run: bool) -> None:
    from ..reporters import edit_json

    sys.stdout.write(edit_json(edit.source.name, edit.source.plan.id, not dry_run, edit.changes, []))


def _done_text(edit: Any, dry_run: bool) -> None:
    from ..reporters import changes_text

    sys.stdout.write(changes_text(edit.changes))
    typer.echo(
        f"dry run: {visible(edit.source.name)} not written" if dry_run else f"wrote {visible(edit.source.name)}",
        err=True,
    )


# The plan to edit does not validate: its problems.
SOURCE_REFUSED: dict[str, Callable[[PlanError], str]] = {"json": _source_refused_json, "text": _source_refused_text}
# The edit would cause problems: those problems.
EDIT_REFUSED: dict[str, Callable[[Any], str]] = {"json": _refused_json, "text": _refused_text}
# The edit is made (or, with --dry-run, would be): its changes.
EDIT_DONE: dict[str, Callable[[Any, bool], None]] = {"json": _done_json, "text": _done_text}


def _run_edit(
    paths: list[Path] | None,
    plans: list[str] | None,
    ident: str | None,
    make: Callable[[Any], Any],
    dry_run: bool,
    output_format: ListFormat,
) -> NoReturn:
    """What every editing command does: choose the plan (refusing one that does not validate), make the edit,
    write it unless refused or a dry run, say what changed, and exit with the documented code."""
    from .. import choose_plan, lint_source, plan_paths, write_edit

    try:
        # Linted only if the edited plan has a problem to weigh against it (see `editcheck.check_edit`),
        # or if the edit is refused: a plan that does not validate is refused as such, whatever the edit.
        source = choose_plan(plan_paths(paths, plans), None, ident, lint=False)
        try:
            edit = make(source)
        except WorkplanError as refused:
            if not isinstance(refused, PlanError) and source.findings is None:
                lint_source(source)
            raise
    except PlanError as error:
        sys.stdout.write(SOURCE_REFUSED[output_format.value](error))
        raise
    if edit.refused:
        sys.stdout.write(EDIT_REFUSED[output_format.value](edit))
        hint = "" if edit.errors_only() else "; --allow-warnings writes it despite warnings"
        typer.echo(
            f"workplan: error: not written: the change would cause {len(edit.problems)} problem(s) "
            f"(lines as in the changed file){hint}",
            err=True,
        )
        raise typer.Exit(EXIT_PROBLEMS)
    if not dry_run and edit.changed:
        write_edit(edit)
    for note in edit.notes:
        typer.echo(f"workplan: warning: {visible(note)}", err=True)
    EDIT_DONE[output_format.value](edit, dry_run)
    raise typer.Exit(EXIT_OK)


@app.command(epilog=EDIT_EXIT_CODES)
def move(
    ident: Annotated[str, typer.Argument(metavar="ID", help="The id of a meeting, activity or milestone.")],
    day: DateArgument,
    paths: EditPlanArgument = None,
    hours: TimeOption = None,
    plans: EditPlanOption = None,
    dry_run: DryRunOption = False,
    allow_warnings: AllowWarningsOption = False,
    output_format: EditFormatOption = ListFormat.text,
) -> None:
    """Move a meeting, activity or milestone to another day (and a meeting to other hours).

    Only the lines holding the date (and times) change; comments, quoting and order stay as they are.
    An activity or milestone may move to a month or year (2023-05, 2023) while its day is to be confirmed;
    a meeting whose hours were to be confirmed gets two time lines with --time.
    A several-day activity keeps its length; meetings held within a moved meeting, and milestones
    held at it, move with it. Nothing is written if the plan would then have a problem (a clash,
    numbering out of date order, a day outside the term): the problems are listed instead.

    Example: workplan move meeting-7 2023-03-23 --time 14:30-17:30 data/csh-2022-2023.yaml
    """
    from .. import move_item, parse_hours

    times = parse_hours(hours) if hours is not None else None
    _run_edit(
        paths,
        plans,
        ident,
        lambda source: move_item(source, ident, day, times, allow_warnings=allow_warnings),
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
        plans: EditPlanOption = None,
        dry_run: DryRunOption = False,
        allow_warnings: AllowWarningsOption = False,
        output_format: EditFormatOption = ListFormat.text,
    ) -> None:
        from .. import set_status

        _run_edit(
            paths,
            plans,
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


add_app = sub_app("Add a meeting or another OAS activity to a plan, in date order, indented like the others.")
app.add_typer(add_app, name="add")


DayOption = Annotated[
    dt.datetime,
    day_option("--date", help="The day."),
]
IdOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--id", help="The new item's id (default: made up, never one already used).", show_default=False),
]


@add_app.command("meeting", epilog=EDIT_EXIT_CODES)
def add_meeting_command(
    day: DayOption,
    hours: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--time",
            "-t",
            metavar="HH:MM-HH:MM",
            help="Local hours, e.g. 10:00-13:00. Default: none, the hours to be confirmed.",
            show_default=False,
        ),
    ] = None,
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
        str,
        typer.Option(
            "--kind",
            metavar="KIND",
            help=f"What sort of meeting: {', '.join(MEETING_KINDS)}, or another word (written only with "
            "--allow-warnings, as it is warned of: WP108).",
        ),
    ] = "regular",
    ident: IdOption = None,
    plans: EditPlanOption = None,
    dry_run: DryRunOption = False,
    allow_warnings: AllowWarningsOption = False,
    output_format: EditFormatOption = ListFormat.text,
) -> None:
    """Add a meeting in date order, with an empty agenda ready to fill in (without --time, its hours to be confirmed).

    Its id is meeting-N for a numbered meeting, else KIND-DATE (informal-2023-03-21).
    Nothing is written if the plan would then have a problem (a clash, a number out of date order).

    Example: workplan add meeting --date 2023-06-15 --time 10:00-13:00 --number 16 data/csh-2022-2023.yaml
    """
    from .. import add_meeting, parse_hours

    start, end = parse_hours(hours) if hours is not None else (None, None)
    _run_edit(
        paths,
        plans,
        None,
        lambda source: add_meeting(
            source,
            day=day.date(),
            start=start,
            end=end,
            number=number,
            title=title,
            kind=kind,
            ident=ident,
            allow_warnings=allow_warnings,
        ),
        dry_run,
        output_format,
    )


@add_app.command("activity", epilog=EDIT_EXIT_CODES)
def add_activity_command(
    day: Annotated[dt.date, period_option("--date", help="The day; YYYY-MM or YYYY while the day is to be confirmed.")],
    title: Annotated[str, typer.Option("--title", help="The activity, as the document names it.", show_default=False)],
    paths: EditPlanArgument = None,
    end_day: Annotated[
        Optional[dt.date],  # noqa: UP045
        period_option("--end-date", help="Its last day, for an activity of several days (or its month or year)."),
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
    plans: EditPlanOption = None,
    dry_run: DryRunOption = False,
    allow_warnings: AllowWarningsOption = False,
    output_format: EditFormatOption = ListFormat.text,
) -> None:
    """Add another OAS activity in the security area (the schedule's right-hand column), in date order.

    Its id is made from its title (workshop-on-humanitarian-demining) unless --id is given.

    Example: workplan add activity --date 2023-05-17 --end-date 2023-05-19 --title "Workshop on Humanitarian Demining" --organizer iadb
    """
    from .. import add_activity

    _run_edit(
        paths,
        plans,
        None,
        lambda source: add_activity(
            source,
            day=day,
            title=title,
            end_day=end_day,
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
        Path,
        typer.Option(
            "--from",
            metavar="PLAN",
            parser=path_value,
            help="This term's plan file, to start from.",
            show_default=False,
        ),
    ],
    start: Annotated[
        dt.datetime,
        day_option("--start", help="First day of the new term (the committee's installation)."),
    ],
    end: Annotated[
        Optional[dt.datetime],  # noqa: UP045
        day_option(
            "--end", help="Last day of the new term. Default: the General Assembly's last day, marked TO CONFIRM."
        ),
    ] = None,
    general_assembly: Annotated[
        Optional[dt.datetime],  # noqa: UP045
        day_option(
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
            parser=name_value,
            help="Where to write it (- for standard output; a folder, or a name ending in /, for NEW-ID.yaml in it). "
            "Default: NEW-ID.yaml beside the source plan.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Draft next term's plan and calendar from this one, for the editor to complete.

    Last term's meetings and milestones move on by whole weeks to the same weekday in the new term
    (what would fall outside it is left out and said), with their numbers, hours, titles and agendas;
    pending events, and meetings never held, are carried too; each is marked TO CONFIRM, and so are the
    working groups. Carried over as written: the committee, its functions, bodies, countries, thematic
    areas, yearly reports and notes, and the resolutions (with a comment: replace them by the new
    session's). Left empty, with comments saying what to fill in: officers, mandates and other
    activities. Dates not given are marked TO CONFIRM; a General Assembly day on a weekend is
    questioned. The draft validates; its problems are printed on standard error, those expected in a
    draft counted in one line each.

    Example: workplan init --from data/csh-2022-2023.yaml --start 2023-11-10 --general-assembly 2024-06-26
    """
    from .. import write_next_term
    from ..reporters import problems_text

    try:
        target, draft = write_next_term(source, start.date(), date_of(end), date_of(general_assembly), output, force)
    except PlanError as error:
        sys.stdout.write(problems_text(error.diagnostics))
        raise
    for note in draft.notes:
        typer.echo(f"workplan: warning: {visible(note)}", err=True)
    sys.stderr.write(problems_text(draft.unexpected()))
    for line in draft.expected():
        typer.echo(line, err=True)
    if target is not None:
        _say_written(visible(str(target)), bool(draft.diagnostics))


def _say_written(shown: str, warnings: bool) -> None:
    hint = f", with warnings for what is still to fill in (`workplan validate {shown}` lists them)" if warnings else ""
    typer.echo(f"wrote {shown}; it validates{hint}", err=True)
