"""What several commands share: their options and arguments as Annotated types, the enums of their choices,
how a day is read, and standard output as Rich sees it."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..vocabulary import LANGUAGES, PLAN_SUFFIXES

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class ValidateFormat(str, enum.Enum):
    auto = "auto"
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class ListFormat(str, enum.Enum):
    text = "text"
    json = "json"


class OutputFormat(str, enum.Enum):
    text = "text"
    json = "json"
    md = "md"


# Choices that are words of the plan format: Typer lists an Enum's values as an option's choices, so each
# Enum is made of the words `vocabulary` states (mypy cannot see members made at run time, hence the ignore).
Language = enum.Enum("Language", {word: word for word in LANGUAGES}, type=str)  # type: ignore[misc]


def parse_day(text: str) -> dt.datetime:
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


def parse_period(text: str) -> dt.date:
    """A day (YYYY-MM-DD), or a month (YYYY-MM) or year (YYYY) as an activity or milestone may be dated."""
    import re

    from .. import UsageError
    from .. import parse_period as period

    if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", text):
        return parse_day(text).date()  # its message says what is wrong with the day
    try:
        return period(text)
    except UsageError as error:
        raise typer.BadParameter(str(error)) from None


def period_option(flag: str, help: str) -> Any:
    """A YYYY-MM-DD, YYYY-MM or YYYY option, for the dates of activities and milestones."""
    return typer.Option(flag, parser=parse_period, metavar="YYYY[-MM[-DD]]", help=help, show_default=False)


def path_value(text: str) -> Path:
    """A file or folder named on the command line; an empty name (a variable left empty in a script) names
    none, so it is refused rather than taken as the current folder, as `Path('')` would."""
    if not text:
        raise typer.BadParameter("an empty name is no file or folder; give . for the current folder")
    return Path(text)


def name_value(text: str) -> str:
    """A file or folder as written (a trailing / says a folder), or a plan's id (``--plan``); never empty
    (`path_value`)."""
    path_value(text)  # an empty one is refused
    return text


def day_option(flag: str, help: str) -> Any:
    """A YYYY-MM-DD option (read as a datetime at midnight; commands take its date)."""
    return typer.Option(flag, parser=parse_day, metavar="YYYY-MM-DD", help=help, show_default=False)


def date_of(value: dt.datetime | None) -> dt.date | None:
    """The day of a YYYY-MM-DD option, or None when it was not given."""
    return value.date() if value else None


def language_of(lang: Language | None) -> str | None:
    return lang.value if lang else None


PathsArgument = Annotated[
    Optional[list[Path]],  # noqa: UP045 - Typer reads the annotation at run time
    typer.Argument(
        metavar="[PATH]...",
        parser=path_value,
        help=f"Plan files or folders (folders are searched for {' and '.join('*' + s for s in PLAN_SUFFIXES)}). Default: data/.",
        show_default=False,
    ),
]
PLAN_HELP = (
    "A plan file or folder, or the id of a plan found under {paths} (default data/); repeatable. "
    "Once one names an id, only the plans named are read."
)
PlanOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--plan", "-p", metavar="PLAN", parser=name_value, help=PLAN_HELP.format(paths="PATH"), show_default=False
    ),
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="text (a table), json (see docs/commands.md) or md.")
]
ListFormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")]
LangOption = Annotated[
    Optional[Language],  # noqa: UP045
    typer.Option(
        "--lang",
        help="Write in this OAS language: en, es, fr or pt. Default: the plan's own language (English when it says none).",
        show_default=False,
    ),
]


def console() -> Any:
    """Standard output as Rich sees it: the terminal's width (or COLUMNS, or 80 when piped), colour only in a
    terminal (or with FORCE_COLOR).  Views lay text out for that width, so Rich neither wraps nor crops."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, emoji=False, markup=False)
