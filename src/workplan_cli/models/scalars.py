"""The values a plan file writes: ids, dates (also by month or year), times, paragraph labels, time zones,
text, and how the JSON Schema states each of them with the same messages as the validators.

* ``id`` values are lowercase slugs (``meeting-5``, ``wg-randot-iv``); one plan
  has one id namespace, so any id can be referred to from anywhere.
* Dates are ISO dates (``2023-03-16``); times are local ``HH:MM`` in 24-hour
  form, in the plan's ``timezone``.
* A paragraph reference is a string ``LABEL`` (a paragraph of the plan's
  default resolution) or ``RESOLUTION-ID:LABEL`` (``ag-2970:47.b``).
"""

# No `from __future__ import annotations` here: pydantic would have to compile
# and evaluate every field's annotation from a string when it builds a model.

import datetime as dt
import re
import zoneinfo
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError
from typing_extensions import TypeAliasType

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
# ASCII digits only (`\d` would take other scripts' digits), and `\Z`, not `$`,
# which also matches before a final line break: what the JSON Schema accepts.
_TIME_RE = re.compile(r"^([0-9]{1,2}):([0-9]{2})\Z")
# YYYY-MM-DD only: `date.fromisoformat` also reads 20230316 and 2023-W11-4.
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")

# What is wrong with a value, in the same words from the validators below and
# from the JSON Schema (`patternErrorMessage`, `errorMessage`) in an editor.
ID_MESSAGE = (
    "not a valid id: use lowercase letters, digits, '-' and '.', starting with a letter or digit (e.g. 'meeting-5')"
)
TIME_MESSAGE = "not a valid time; write it as HH:MM in 24-hour form, like '14:30'"
TIME_EXPECTED = "expected a time like '14:30' (in quotes)"
DATE_MESSAGE = "not a valid date; write it as YYYY-MM-DD, like 2023-03-16"
DATE_EXPECTED = "expected a date like 2023-03-16"
APPROXIMATE_DATE_MESSAGE = (
    "not a valid date; write it as YYYY-MM-DD, or YYYY-MM or YYYY when only the month or year is known"
)
LABEL_MESSAGE = "expected a paragraph label such as '38' or '47.b'"
# How a time is written in a plan file, and read back.
TIME_FORMAT = "%H:%M"


def hh_mm(value: dt.time) -> str:
    """A time as a plan file writes it: ``14:30``."""
    return value.strftime(TIME_FORMAT)


# --- scalar types -----------------------------------------------------------


def _check_id(value: str) -> str:
    if not _ID_RE.match(value):
        raise ValueError(f"{value!r} is {ID_MESSAGE}")
    return value


def _date_error(message: str) -> PydanticCustomError:
    return PydanticCustomError("wp_date", message)


def _time_error(message: str) -> PydanticCustomError:
    return PydanticCustomError("wp_time", message)


def _to_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise _date_error("expected a date without a time, like 2023-03-16")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _DATE_RE.match(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        raise _date_error(f"{value!r} is {DATE_MESSAGE}")
    raise _date_error(f"{DATE_EXPECTED}, got {_got(value)}")


class _Period(dt.date):
    """A date that stands for a whole month or year (``2002-08``, ``2002``): its first day, with its precision.

    It compares, sorts and hashes as its first day.  Arithmetic and `replace`
    give plain dates (a day counted from a month is a day), and `isoformat`
    (so `str`, the JSON output and ``<time datetime>``) gives the period as the plan wrote it.
    """

    precision: ClassVar[str] = "day"

    def last_day(self) -> dt.date:
        """The period's last day."""
        raise NotImplementedError

    def __add__(self, other: Any) -> Any:
        return _plain(dt.date.__add__(self, other))

    __radd__ = __add__

    def __sub__(self, other: Any) -> Any:
        return _plain(dt.date.__sub__(self, other))

    def replace(self, *args: Any, **kwargs: Any) -> dt.date:  # type: ignore[override]  # a plain date
        plain: dt.date = _plain(dt.date.replace(self, *args, **kwargs))
        return plain

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.isoformat()!r})"


class MonthDate(_Period):
    """A date given as a month, ``2002-08``: some day of that month."""

    precision = "month"

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    __str__ = isoformat

    def last_day(self) -> dt.date:
        if self.month == 12:  # (no day after December 9999 to count back from)
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, self.month + 1, 1) - dt.timedelta(days=1)


class YearDate(_Period):
    """A date given as a year, ``2002``: some day of that year."""

    precision = "year"

    def isoformat(self) -> str:
        return f"{self.year:04d}"

    __str__ = isoformat

    def last_day(self) -> dt.date:
        return dt.date(self.year, 12, 31)


def _plain(value: Any) -> Any:
    return dt.date(value.year, value.month, value.day) if isinstance(value, dt.date) else value


def precision(day: dt.date) -> str:
    """``"day"``, or ``"month"``/``"year"`` for a date the plan gives only by month or year."""
    return day.precision if isinstance(day, _Period) else "day"


def last_day(day: dt.date) -> dt.date:
    """The last day a date stands for: the day itself, or the last day of its month or year."""
    return day.last_day() if isinstance(day, _Period) else day


_MONTH_RE = re.compile(r"^([0-9]{4})-([0-9]{2})\Z")
_YEAR_RE = re.compile(r"^[0-9]{4}\Z")


def _to_approximate_date(value: Any) -> Any:
    # A year alone reads as a number in YAML (`date: 2002`), a month as text (`date: 2002-08`).
    if isinstance(value, int) and not isinstance(value, bool):
        if 1 <= value <= 9999:
            return YearDate(value, 1, 1)
        raise _date_error(f"{value!r} is not a year; write a date as YYYY-MM-DD, YYYY-MM or YYYY, like 2002-08")
    if isinstance(value, str):
        text = value.strip()
        month = _MONTH_RE.match(text)
        if month and int(month.group(1)) >= 1 and 1 <= int(month.group(2)) <= 12:
            return MonthDate(int(month.group(1)), int(month.group(2)), 1)
        if _YEAR_RE.match(text) and int(text) >= 1:
            return YearDate(int(text), 1, 1)
        if not _DATE_RE.match(text):
            raise _date_error(f"{value!r} is {APPROXIMATE_DATE_MESSAGE}, like 2002-08")
    return _to_date(value)


def _iso_period(value: dt.date) -> str:
    return value.isoformat()


def _to_time(value: Any) -> Any:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str):
        m = _TIME_RE.match(value.strip())
        if m:
            hour, minute = int(m.group(1)), int(m.group(2))
            if hour < 24 and minute < 60:
                return dt.time(hour, minute)
        raise _time_error(f"{value!r} is {TIME_MESSAGE}")
    raise _time_error(f"{TIME_EXPECTED}, got {_got(value)}")


def _got(value: Any) -> str:
    """What a value is, in the same words whichever parser read it."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def _to_label(value: Any) -> Any:
    # A hand-edited `paragraphs: [38]` is the obvious intent; a float such as
    # 86.10 has already lost its trailing zero, so it is refused, not guessed.
    if isinstance(value, bool):
        raise ValueError(f"{LABEL_MESSAGE}, got {value!r}")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise ValueError(f"write the paragraph label {value!r} in quotes (e.g. '86.10') so it is not read as a number")
    return value


# An IANA zone name: "UTC", "America/New_York", "America/Argentina/Buenos_Aires", "Etc/GMT+5".
_TZ_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+){0,2}$")


def _check_tz(value: str) -> str:
    # The shape is checked first: the zone database is a folder of files, and a
    # folder's name ("America") or a name too long for the file system would
    # reach it as a path.
    if len(value) > 64 or not _TZ_RE.match(value):
        raise ValueError(f"{_short(value)!r} is not an IANA time zone name (e.g. 'America/New_York')")
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"{value!r} is not an IANA time zone name (e.g. 'America/New_York')") from None
    return value


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- how the JSON Schema says the same ----------------------------------------
#
# Editors check a plan against the exported schema as it is typed, so the
# schema is as strict as the validators above, no more and no less: the same
# ids, times and dates pass (quoted ones with blanks around them too, since
# the validators strip them), and the editor words its messages as the CLI
# does.  (JavaScript's `\s` and `[0-9]` differ from `str.strip()` and `\d` only
# in control characters and non-ASCII digits.)  tests/unit/test_schema.py checks
# the patterns against the validators value by value.

ID_PATTERN = r"^\s*" + _ID_RE.pattern.removeprefix("^").removesuffix("$") + r"\s*$"
# Hours 0-23 with one or two digits, minutes 00-59: what _to_time accepts.
TIME_PATTERN = r"^\s*(?:[01]?[0-9]|2[0-3]):[0-5][0-9]\s*$"
# YYYY-MM-DD on the calendar: months of 30 and 31 days, 29 February in leap
# years only (divisible by 4; by 400 for a century), no year 0.
DATE_PATTERN = (
    r"^\s*(?!0000)(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    r"|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)\s*$"
)
# The same, or a month (YYYY-MM) or a year (YYYY) standing alone: what _to_approximate_date accepts.
APPROXIMATE_DATE_PATTERN = (
    DATE_PATTERN.removesuffix(r"\s*$") + r"|(?!0000)[0-9]{4}-(?:0[1-9]|1[0-2])|(?!0000)[0-9]{4})\s*$"
).replace(r"^\s*(?!0000)(?:", r"^\s*(?:(?!0000)(?:", 1)


def _label_schema(schema: JsonDict) -> None:
    # A bare integer is a label too (the validator turns it into text); a
    # blank string is not, and the pattern says so, which makes minLength
    # a second message for the same mistake.
    schema.pop("minLength", None)
    schema.update(
        type=["string", "integer"],
        pattern=r"\S",
        patternErrorMessage=LABEL_MESSAGE,
        errorMessage=f"{LABEL_MESSAGE}; write a label with a dot in quotes (e.g. '86.10') so it is not read as a number",
    )


_ID_SCHEMA: JsonDict = {
    "pattern": ID_PATTERN,
    "patternErrorMessage": ID_MESSAGE,
    "errorMessage": "expected text: an id such as 'meeting-5'",
}
Id = TypeAliasType(
    "Id",
    Annotated[
        str,
        AfterValidator(_check_id),
        Field(description="A lowercase slug, unique in the plan.", json_schema_extra=_ID_SCHEMA),
    ],
)
# The same slug where an id is referred to rather than declared: only the
# description differs, which an editor shows on hover.
IdRef = TypeAliasType(
    "IdRef",
    Annotated[
        str,
        AfterValidator(_check_id),
        Field(description="The id of something declared in the plan.", json_schema_extra=_ID_SCHEMA),
    ],
)
Date = TypeAliasType(
    "Date",
    Annotated[
        dt.date,
        BeforeValidator(_to_date),
        WithJsonSchema(
            {
                "type": "string",
                "pattern": DATE_PATTERN,
                "examples": ["2023-03-16"],
                "patternErrorMessage": DATE_MESSAGE,
                "errorMessage": DATE_EXPECTED,
            }
        ),
    ],
)
Time = TypeAliasType(
    "Time",
    Annotated[
        dt.time,
        BeforeValidator(_to_time),
        PlainSerializer(hh_mm, return_type=str),
        WithJsonSchema(
            {
                "type": "string",
                "pattern": TIME_PATTERN,
                "examples": ["10:00", "14:30"],
                "patternErrorMessage": TIME_MESSAGE,
                "errorMessage": TIME_EXPECTED,
            }
        ),
    ],
)
Ref = TypeAliasType(
    "Ref",
    Annotated[
        str,
        BeforeValidator(_to_label),
        Field(
            min_length=1,
            description="A paragraph reference: 'LABEL' for the default resolution or 'RESOLUTION-ID:LABEL'.",
            examples=["38", "86.e", "ag-2970:47.b"],
            json_schema_extra=_label_schema,
        ),
    ],
)
# A day, or a month or year when the document gives no day (activities and milestones only).
ApproximateDate = TypeAliasType(
    "ApproximateDate",
    Annotated[
        dt.date,
        PlainValidator(_to_approximate_date),
        PlainSerializer(_iso_period, return_type=str, when_used="json"),
        WithJsonSchema(
            {
                "type": ["string", "integer"],
                "pattern": APPROXIMATE_DATE_PATTERN,
                "minimum": 1,
                "maximum": 9999,
                "examples": ["2023-03-16", "2002-08", 2002],
                "patternErrorMessage": APPROXIMATE_DATE_MESSAGE,
                "errorMessage": "expected a date like 2023-03-16, a month like 2002-08 or a year like 2002",
            }
        ),
    ],
)
TimeZone = TypeAliasType("TimeZone", Annotated[str, AfterValidator(_check_tz)])
Text = TypeAliasType("Text", Annotated[str, Field(min_length=1)])

# Each scalar type is a named alias, so that pydantic builds its schema once
# and refers to it from every field that uses it, rather than once per field:
# a quarter less time building the plan validators, which every run pays at
# start-up.  The JSON Schema does not show the names: `schema.json_schema`
# writes each one out in place, as an editor reads it best.
SCALAR_TYPES = (Id, IdRef, Date, Time, Ref, ApproximateDate, TimeZone, Text)


def unaliased(annotation: Any) -> Any:
    """The type a scalar type's name stands for (``Date`` → ``Annotated[date, …]``); any other annotation as it is."""
    return annotation.__value__ if isinstance(annotation, TypeAliasType) else annotation


def is_id(text: str) -> bool:
    """True for an id as plans write them: lowercase letters, digits, '.' and '-', starting with a letter or digit."""
    return _ID_RE.match(text) is not None and "\n" not in text  # `$` would allow one final line break
