"""Pydantic models of the two kinds of plan file.

The models are written for the people who hand-edit the YAML: short keys, one
way to say each thing, every field described (the descriptions feed the JSON
Schema that editors use for completion).  Unknown keys are errors everywhere.

Conventions shared by both kinds:

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
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)
from pydantic.config import JsonDict
from pydantic.dataclasses import dataclass
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

SCHEMA_VERSION = 1
COMMITTEE_KIND = "committee-plan"
PROGRAM_KIND = "program-plan"

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
# ASCII digits only (`\d` would take other scripts' digits), and `\Z`, not `$`,
# which also matches before a final line break: what the JSON Schema accepts.
_TIME_RE = re.compile(r"^([0-9]{1,2}):([0-9]{2})\Z")
# YYYY-MM-DD only: `date.fromisoformat` also reads 20230316 and 2023-W11-4.
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


# defer_build: a model's validator is built when it first validates, not at
# import; `validate` never builds those of the models only other parts use.
class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


# A plan holds agenda entries by the tens of thousands (a 1,500-meeting plan
# has about 30,000), so they are slotted pydantic dataclasses rather than
# models: no per-object `__dict__` or set of fields given, which more than
# halves the memory a validated plan takes.  They validate, serialize and
# export their schema exactly as models do; `is_record` and `fields_of` cover
# both kinds for code that walks a plan.
_RECORD = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


def is_record(value: Any) -> bool:
    """True for a validated plan object: a model or an agenda dataclass."""
    return hasattr(type(value), "__pydantic_fields__") and not isinstance(value, type)


def fields_of(cls: Any) -> dict[str, FieldInfo]:
    """The fields of a model or agenda dataclass class (empty for anything else)."""
    fields = getattr(cls, "__pydantic_fields__", None) if isinstance(cls, type) else None
    return fields if isinstance(fields, dict) else {}


# --- scalar types -----------------------------------------------------------


def _check_id(value: str) -> str:
    if not _ID_RE.match(value):
        raise ValueError(
            f"{value!r} is not a valid id: use lowercase letters, digits, '-' and '.', "
            "starting with a letter or digit (e.g. 'meeting-5')"
        )
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
        raise _date_error(f"{value!r} is not a valid date; write it as YYYY-MM-DD, like 2023-03-16")
    raise _date_error(f"expected a date like 2023-03-16, got {_got(value)}")


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
            raise _date_error(
                f"{value!r} is not a valid date; write it as YYYY-MM-DD, or YYYY-MM or YYYY when only the month or "
                "year is known, like 2002-08"
            )
    return _to_date(value)


def _iso_period(value: dt.date) -> str:
    # A named function, not a lambda: the compiled validators are pickled (cache.py).
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
        raise _time_error(f"{value!r} is not a valid time; write it as HH:MM in 24-hour form, like '14:30'")
    raise _time_error(f"expected a time like '14:30' (in quotes), got {_got(value)}")


def _hh_mm(value: dt.time) -> str:
    return value.strftime("%H:%M")


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
        raise ValueError(f"expected a paragraph label such as '38' or '47.b', got {value!r}")
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
ID_MESSAGE = (
    "not a valid id: use lowercase letters, digits, '-' and '.', starting with a letter or digit (e.g. 'meeting-5')"
)
# Hours 0-23 with one or two digits, minutes 00-59: what _to_time accepts.
TIME_PATTERN = r"^\s*(?:[01]?[0-9]|2[0-3]):[0-5][0-9]\s*$"
TIME_MESSAGE = "not a valid time; write it as HH:MM in 24-hour form, like '14:30'"
# YYYY-MM-DD on the calendar: months of 30 and 31 days, 29 February in leap
# years only (divisible by 4; by 400 for a century), no year 0.
DATE_PATTERN = (
    r"^\s*(?!0000)(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    r"|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)\s*$"
)
DATE_MESSAGE = "not a valid date; write it as YYYY-MM-DD, like 2023-03-16"
# The same, or a month (YYYY-MM) or a year (YYYY) standing alone: what _to_approximate_date accepts.
APPROXIMATE_DATE_PATTERN = (
    DATE_PATTERN.removesuffix(r"\s*$") + r"|(?!0000)[0-9]{4}-(?:0[1-9]|1[0-2])|(?!0000)[0-9]{4})\s*$"
).replace(r"^\s*(?!0000)(?:", r"^\s*(?:(?!0000)(?:", 1)
APPROXIMATE_DATE_MESSAGE = (
    "not a valid date; write it as YYYY-MM-DD, or YYYY-MM or YYYY when only the month or year is known"
)
LABEL_MESSAGE = "expected a paragraph label such as '38' or '47.b'"


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
Id = Annotated[
    str,
    AfterValidator(_check_id),
    Field(description="A lowercase slug, unique in the plan.", json_schema_extra=_ID_SCHEMA),
]
# The same slug where an id is referred to rather than declared: only the
# description differs, which an editor shows on hover.
IdRef = Annotated[
    str,
    AfterValidator(_check_id),
    Field(description="The id of something declared in the plan.", json_schema_extra=_ID_SCHEMA),
]
Date = Annotated[
    dt.date,
    BeforeValidator(_to_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": DATE_PATTERN,
            "examples": ["2023-03-16"],
            "patternErrorMessage": DATE_MESSAGE,
            "errorMessage": "expected a date like 2023-03-16",
        }
    ),
]
Time = Annotated[
    dt.time,
    BeforeValidator(_to_time),
    PlainSerializer(_hh_mm, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": TIME_PATTERN,
            "examples": ["10:00", "14:30"],
            "patternErrorMessage": TIME_MESSAGE,
            "errorMessage": "expected a time like '14:30' (in quotes)",
        }
    ),
]
Ref = Annotated[
    str,
    BeforeValidator(_to_label),
    Field(
        min_length=1,
        description="A paragraph reference: 'LABEL' for the default resolution or 'RESOLUTION-ID:LABEL'.",
        examples=["38", "86.e", "ag-2970:47.b"],
        json_schema_extra=_label_schema,
    ),
]
# A day, or a month or year when the document gives no day (activities and milestones only).
ApproximateDate = Annotated[
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
]
TimeZone = Annotated[str, AfterValidator(_check_tz)]
Text = Annotated[str, Field(min_length=1)]


def open_vocabulary(known: tuple[str, ...], description: str) -> Any:
    """A field of an open vocabulary: any word is accepted, `known` are documented (lint warns on others, WP108)."""
    return Field(
        min_length=1,
        description=f"{description} Known values: {', '.join(known)}; another value is accepted with a warning "
        "and printed in its own words.",
        examples=list(known),
    )


class Footnote(_Model):
    """A footnote of the source document, kept with what it annotates."""

    number: int = Field(ge=1, description="The footnote's number in the published document.")
    text: Text | None = Field(
        default=None, description="The footnote's text; leave it out while it is not known (a warning, WP109)."
    )
    at: str | None = Field(
        default=None,
        description="Where in the annotated text the footnote mark stands, e.g. the paragraph label '87'.",
    )
    paragraphs: tuple[Ref, ...] = Field(default=(), description="Paragraphs the footnote cites.")
    resolutions: tuple[IdRef, ...] = Field(default=(), description="Ids of resolutions the footnote cites as a whole.")
    documents: tuple[Text, ...] = Field(default=(), description="Document symbols the footnote cites.")


class Suppression(_Model):
    """Silences one lint rule, for the whole plan or for one id, with the reason why."""

    rule: Text = Field(description="The rule's code or name.", examples=["WP106", "activity-outside-term"])
    subject: Text | None = Field(
        default=None,
        description="Only for findings about this id, or for `document-symbol` this symbol as cited "
        "(default: every finding of the rule).",
        examples=["iadc-human-rights-seminar", "CP/CSH-414/001"],
    )
    reason: Text = Field(description="Why the finding is justified; reviewers read this.")


# --- committee plan ----------------------------------------------------------

# The OAS's four official languages, as BCP 47 tags.
Language = Literal["en", "es", "fr", "pt"]
LANGUAGE_FIELD_DESCRIPTION = (
    "The language the plan is written in (en, es, fr or pt): what `render`, `upcoming` and `show` publish "
    "in unless told otherwise. Default: en."
)


class Committee(_Model):
    """A committee, or in a program plan the body whose secretariat carries it out, by full name and acronym."""

    name: Text = Field(description="Full name of the committee.", examples=["Committee on Hemispheric Security"])
    acronym: Text = Field(description="Acronym used in the documents.", examples=["CSH"])


class Term(_Model):
    """The committee's term: from its installation by the Permanent Council to the last day of the General Assembly."""

    start: Date = Field(description="First day of the term (the committee's installation).")
    end: Date | None = Field(
        default=None,
        description="Last day of the term (the General Assembly's last day); leave it out while it is to be confirmed.",
    )


class Session(_Model):
    """A session of a political body that frames the term."""

    name: Text | None = Field(
        default=None,
        description="The session's name.",
        examples=["Fifty-third regular session of the General Assembly"],
    )
    date: Date | None = Field(
        default=None, description="First day of the session; leave it out while it is to be confirmed."
    )
    end_date: Date | None = Field(default=None, description="Last day, for a session of several days.")


class Introduction(_Model):
    """Facts from the plan's introduction: the installation, the General Assembly ahead, the meetings announced.

    Every key is optional: a plan gives what its document gives.
    """

    installed: Date | None = Field(
        default=None, description="Date the Permanent Council installed the committee for the term."
    )
    installed_by: Text | None = Field(default=None, description="The body and meeting that installed the committee.")
    general_assembly: Session = Field(
        default_factory=Session,
        description="The General Assembly session the work leads up to (its date may be left out while it is to be confirmed).",
    )
    planned_meetings: int | None = Field(
        default=None,
        ge=0,
        description="The number of meetings the introduction announces (it may differ from the annex).",
    )
    planned_events: int | None = Field(
        default=None, ge=0, description="The number of events the introduction announces."
    )
    text: tuple[Text, ...] = Field(default=(), description="The introduction's paragraphs, verbatim.")


OFFICER_ROLES = ("chair", "vice-chair", "first-vice-chair", "second-vice-chair", "third-vice-chair")


class Officer(_Model):
    """The chair or a vice chair of the committee: a delegation's representative, elected for the term."""

    id: Id
    role: Text = open_vocabulary(OFFICER_ROLES, "The office held ('vice-chair' for a vice chair without a number).")
    name: Text = Field(description="Name as the document gives it.", examples=["Luz Elena Baños Rivas"])
    title: Text | None = Field(default=None, description="Honorific or rank.", examples=["Ambassador", "Ms."])
    position: Text | None = Field(
        default=None, description="Position in the delegation.", examples=["Permanent Representative of Mexico"]
    )
    country: Text | None = Field(default=None, description="Member state.")
    elected_by: Text | None = Field(
        default=None, description="The body that elected the officer.", examples=["Permanent Council"]
    )
    elected_on: Date | None = Field(default=None, description="Date of the election.")
    footnotes: tuple[Footnote, ...] = Field(default=(), description="Footnotes on the officer's line.")


class Mandate(_Model):
    """A task the General Assembly or the Permanent Council assigned to the committee, with what it cites."""

    number: Annotated[str, BeforeValidator(_to_label)] | None = Field(
        default=None,
        min_length=1,
        description="The mandate's number as printed, where the document numbers its mandates.",
        examples=["1", "2"],
        json_schema_extra=_label_schema,
    )
    text: Text = Field(description="The mandate as the document states it.")
    resolutions: tuple[IdRef, ...] = Field(default=(), description="Ids of resolutions the mandate cites.")
    paragraphs: tuple[Ref, ...] = Field(default=(), description="Paragraph references the mandate cites.")
    documents: tuple[Text, ...] = Field(default=(), description="Document symbols the mandate cites.")
    items: tuple[Text, ...] = Field(default=(), description="Sub-items listed under the mandate.")


class MandateGroup(_Model):
    """The mandates that come from one source, such as one regular session of the General Assembly."""

    letter: Text | None = Field(
        default=None, description="The group's letter as printed, where the document letters them.", examples=["A"]
    )
    source: Text = Field(
        description="Where the mandates come from.", examples=["From the fifty-second regular session, 2022"]
    )
    mandates: tuple[Mandate, ...] = Field(description="The mandates of this source.")
    footnotes: tuple[Footnote, ...] = Field(default=(), description="Footnotes on the heading of this group.")


class Paragraph(_Model):
    """An operative paragraph of a resolution that the plan cites, by its label ('38', '47.b')."""

    label: Ref = Field(description="The paragraph's label, e.g. '38', '47.b', '86.e'.")
    subject: Text | None = Field(default=None, description="What the paragraph is about, where the plan says so.")


class Resolution(_Model):
    """A resolution the plan cites, such as AG/RES. 2986 (LII-O/22), with the paragraphs of it the plan refers to."""

    id: Id = Field(examples=["ag-2986"])
    symbol: Text = Field(description="The resolution's symbol as cited.", examples=["AG/RES. 2986 (LII-O/22)"])
    title: Text | None = Field(default=None, description="The resolution's title, where the plan gives it.")
    default: bool = Field(
        default=False, description="True for the one resolution that unqualified paragraph references point to."
    )
    paragraphs: tuple[Paragraph, ...] = Field(default=(), description="The paragraphs of it that the plan cites.")


class Body(_Model):
    """An organ, secretariat, department or outside organization named in the plan."""

    id: Id = Field(examples=["sms", "iadb"])
    name: Text = Field(description="Full name.", examples=["Secretariat for Multidimensional Security"])
    acronym: Text | None = Field(default=None, description="Acronym as used in the plan.", examples=["SMS"])


class WorkingGroup(_Model):
    """A working group or negotiation mechanism of the committee, created under paragraphs of a resolution."""

    id: Id = Field(examples=["wg-randot-iv"])
    name: Text = Field(description="Full name of the working group or negotiation mechanism.")
    paragraphs: tuple[Ref, ...] = Field(default=(), description="The paragraphs that create it.")


class Area(_Model):
    """One of the thematic areas agenda items are grouped under."""

    id: Id = Field(examples=["toc"])
    number: int | None = Field(
        default=None, ge=1, description="Its number in the resolution's list of areas, where it has one."
    )
    name: Text = Field(description="Name of the area.", examples=["Transnational organized crime"])


class Country(_Model):
    """A member state (or observer) named in the plan, such as a delegation that presents an agenda item."""

    id: Id = Field(examples=["mexico"])
    name: Text = Field(description="The country's name as the plan prints it.", examples=["Mexico"])


class Speaker(_Model):
    """A named person who presents an agenda entry, with their position and the body they speak for."""

    name: Text = Field(description="The person's name as the document gives it.", examples=["Ms. Katherine Prizeman"])
    title: Text | None = Field(default=None, description="Their position.", examples=["Political Affairs Officer"])
    body: IdRef | None = Field(default=None, description="Id of the body or country they speak for.")


@dataclass(frozen=True, slots=True, config=_RECORD)
class AgendaItem:
    """A sub-item of an agenda topic (the second-level bullet)."""

    title: Text = Field(description="The text of the agenda entry, as in the document.")
    paragraphs: tuple[Ref, ...] = Field(default=(), description="Paragraphs the entry cites.")
    resolutions: tuple[IdRef, ...] = Field(default=(), description="Ids of resolutions cited as a whole.")
    documents: tuple[Text, ...] = Field(
        default=(),
        description="OAS document symbols cited, as written.",
        examples=[["CP/CSH-2176/22 rev. 2"]],
    )
    by: tuple[IdRef, ...] = Field(
        default=(), description="Ids of the bodies, countries, officers or working groups presenting."
    )
    speakers: tuple[Speaker, ...] = Field(default=(), description="Named people presenting.")
    refers_to: tuple[IdRef, ...] = Field(
        default=(),
        description="Ids of working groups, meetings, events, bodies or countries the entry is about "
        "(a report on a body is about it; its presenter, if printed, is `by`).",
    )
    footnotes: tuple[Footnote, ...] = Field(default=(), description="Footnotes on this entry.")


@dataclass(frozen=True, slots=True, config=_RECORD)
class AgendaTopic(AgendaItem):
    """A topic of the agenda (the first-level bullet), with its items."""

    items: tuple[AgendaItem, ...] = Field(default=(), description="The items under the topic.")


@dataclass(frozen=True, slots=True, config=_RECORD)
class AgendaSection:
    """A run of topics under one thematic area (or under a free heading)."""

    area: IdRef | None = Field(default=None, description="Id of the thematic area, if the section has one.")
    heading: Text | None = Field(
        default=None,
        description="A heading printed before the section that is not an area, e.g. a crosscutting topic.",
    )
    topics: tuple[AgendaTopic, ...] = Field(default=(), description="The topics of the section.")


Status = Literal["scheduled", "postponed", "cancelled", "held"]
STATUS_DESCRIPTION = (
    "Whether it still takes place: scheduled (the default when absent), postponed (to a date not yet known), "
    "cancelled, or held."
)
STATUS_NOTE_DESCRIPTION = "Why or how the status changed, e.g. 'Postponed at the request of the Chair'."

MEETING_KINDS = ("regular", "informal", "working-group", "forum", "special", "joint", "points-of-contact")


def _times_together(meeting: Any) -> None:
    if (meeting.start_time is None) != (meeting.end_time is None):
        given, missing = ("start_time", "end_time") if meeting.end_time is None else ("end_time", "start_time")
        raise PydanticCustomError(
            "wp_time",
            f"{given} is given without {missing}: give both, or neither while the hours are to be confirmed",
        )


class Meeting(_Model):
    """A meeting of the committee (numbered or not)."""

    # An editor asks for both times or neither, as `_times_together` does.
    model_config = ConfigDict(
        json_schema_extra={"dependencies": {"start_time": ["end_time"], "end_time": ["start_time"]}}
    )

    id: Id = Field(examples=["meeting-5", "wg-tip-2023-02-14"])
    number: int | None = Field(default=None, ge=1, description="The regular meeting's number, if it has one.")
    kind: Text = open_vocabulary(MEETING_KINDS, "What sort of meeting it is.")
    title: Text | None = Field(default=None, description="The meeting's title, where it has one.")
    heading: Text | None = Field(
        default=None, description="The heading as printed, when it is not the usual 'NTH MEETING'."
    )
    date: Date = Field(description="The day of the meeting (its first day, for a meeting of several days).")
    end_date: Date | None = Field(
        default=None, description="Its last day, for a meeting of several days (held at the same hours each day)."
    )
    start_time: Time | None = Field(
        default=None, description="Local start time, HH:MM; leave out both times while the hours are to be confirmed."
    )
    end_time: Time | None = Field(
        default=None, description="Local end time, HH:MM; leave out both times while the hours are to be confirmed."
    )
    within: IdRef | None = Field(
        default=None, description="Id of the meeting this one is held within (same day, inside its hours)."
    )
    status: Status | None = Field(default=None, description=STATUS_DESCRIPTION)
    status_note: Text | None = Field(default=None, description=STATUS_NOTE_DESCRIPTION)
    summary: Text | None = Field(
        default=None,
        description="The line the summary of meetings gives it, where it differs from the meeting's title "
        "(default: the title, or what sort of meeting it is).",
    )
    documents: tuple[Text, ...] = Field(
        default=(),
        description="Symbols of the meeting's own documents, as cited: its order of business and others.",
        examples=[["CP/CSH-2176/22 rev. 2"]],
    )
    links: tuple[Text, ...] = Field(default=(), description="Web addresses of the meeting, e.g. its audio recording.")
    agenda: tuple[AgendaSection, ...] = Field(default=(), description="The order of business, by section.")
    footnotes: tuple[Footnote, ...] = Field(default=(), description="Footnotes on the meeting.")

    @model_validator(mode="after")
    def _hours_together(self) -> "Meeting":
        _times_together(self)
        return self

    @property
    def last_day(self) -> dt.date:
        """The meeting's last day: `end_date`, or its only day."""
        return self.end_date or self.date


class Activity(_Model):
    """Another OAS activity in the security area (the annex's right-hand column)."""

    id: Id = Field(examples=["iadc-world-situation-conference-2023"])
    title: Text = Field(description="The activity, as in the document.")
    date: ApproximateDate = Field(description="Its (first) day; YYYY-MM or YYYY when only the month or year is known.")
    end_date: ApproximateDate | None = Field(
        default=None, description="Its last day, for an activity of several days (YYYY-MM or YYYY allowed too)."
    )
    organizers: tuple[IdRef, ...] = Field(default=(), description="Ids of the bodies or countries that hold it.")
    place: Text | None = Field(default=None, description="Where it is held, if the plan says.")
    status: Status | None = Field(default=None, description=STATUS_DESCRIPTION)
    status_note: Text | None = Field(default=None, description=STATUS_NOTE_DESCRIPTION)
    footnotes: tuple[Footnote, ...] = Field(default=(), description="Footnotes on the activity.")


STAGES = ("procedure", "first-version", "comments-due", "revised-version", "consideration", "drafts-due")


class Milestone(_Model):
    """A dated step in the negotiation of the committee's draft resolution for the General Assembly."""

    id: Id
    stage: Text = open_vocabulary(
        STAGES,
        "Which step of the negotiation this is ('drafts-due': the deadline for submitting other draft resolutions).",
    )
    title: Text = Field(description="What happens.")
    date: ApproximateDate = Field(description="When; YYYY-MM or YYYY when only the month or year is known.")
    meeting: IdRef | None = Field(default=None, description="Id of the meeting it happens at, if any.")
    summary: Text | None = Field(default=None, description="The line the summary of meetings gives it.")
    summary_date: Date | None = Field(
        default=None, description="The date the summary of meetings gives, where it differs from `date`."
    )


class LengthLimit(_Model):
    """A limit on the length of the draft resolution, such as at most 3 preambular paragraphs."""

    maximum: int = Field(ge=0, description="The greatest number allowed.")
    of: Text = Field(description="What is counted.", examples=["preambular paragraphs"])


class Procedure(_Model):
    """The working procedure: events to prepare, follow-up, and the omnibus resolution. Every key is optional."""

    events: tuple[IdRef, ...] = Field(
        default=(), description="Ids of the meetings and pending events to be prepared, in order."
    )
    events_footnotes: tuple[Footnote, ...] = Field(default=(), description="Footnotes on the list of events.")
    text: tuple[Text, ...] = Field(default=(), description="The procedure's prose paragraphs, verbatim.")
    steps: tuple[Text, ...] = Field(default=(), description="The negotiation steps, verbatim.")
    milestones: tuple[Milestone, ...] = Field(default=(), description="The dated milestones of the draft resolution.")
    length_limits: tuple[LengthLimit, ...] = Field(
        default=(), description="Limits on the length of the draft resolution."
    )


class PendingEvent(_Model):
    """An event whose date is still to be determined."""

    id: Id
    title: Text = Field(description="The event, as in the document.")
    paragraphs: tuple[Ref, ...] = Field(default=(), description="Paragraphs that mandate it.")


class Due(_Model):
    """A yearly deadline of a recurring report: the same month and day every year, not only in the term."""

    month: int = Field(ge=1, le=12, description="Month of the yearly deadline.")
    day: int = Field(ge=1, le=31, description="Day of the month.")
    what: Text | None = Field(default=None, description="What is due that day, when a report has several dates.")


FREQUENCIES = ("yearly", "voluntary", "biennial")


class Report(_Model):
    """A recurring report member states or the Secretariat owe."""

    id: Id
    title: Text = Field(description="The report.")
    frequency: Text = open_vocabulary(FREQUENCIES, "How often it is due.")
    due: tuple[Due, ...] = Field(default=(), description="Yearly deadlines (month and day).")
    text: tuple[Text, ...] = Field(default=(), description="The reminder's text, verbatim.")
    resolutions: tuple[IdRef, ...] = Field(default=(), description="Ids of the resolutions that set it.")
    paragraphs: tuple[Ref, ...] = Field(default=(), description="Paragraphs that set it.")
    documents: tuple[Text, ...] = Field(default=(), description="Document symbols cited.")
    links: tuple[Text, ...] = Field(default=(), description="Web addresses given.")


FOOTNOTE_PLACES = (
    "title",
    "adopted",
    "term",
    "introduction",
    "officers",
    "mandates",
    "working-groups",
    "procedure",
    "milestones",
    "length-limits",
    "general-considerations",
    "schedule",
    "summary",
    "pending",
    "reports",
)


class SectionFootnote(Footnote):
    """A footnote on a line of the page's header (title, adoption, term) or on a section's heading."""

    section: Literal[FOOTNOTE_PLACES] = Field(  # type: ignore[valid-type]
        description="The heading or line that carries the footnote: title, adopted, term, or a section "
        "(introduction, officers, mandates, working-groups, procedure, milestones, length-limits, "
        "general-considerations, schedule, summary, pending, reports)."
    )


class CommitteePlan(_Model):
    """A committee's work plan and schedule of activities for one term."""

    kind: Literal["committee-plan"] = Field(description="The kind of plan file.")
    schema_version: Literal[1] = Field(description="The version of this file format.")
    id: Id = Field(description="The plan's id: a lowercase slug.", examples=["csh-2022-2023"])
    language: Language = Field(default="en", description=LANGUAGE_FIELD_DESCRIPTION)
    title: Text = Field(description="The plan's title.")
    symbol: Text | None = Field(
        default=None,
        description="The document's symbol as printed on its cover, where it has one.",
        examples=["CP/CSH-1757/16 rev. 1"],
    )
    revision: Annotated[str, BeforeValidator(_to_label)] | None = Field(
        default=None,
        min_length=1,
        description="The revision as the cover gives it, where the symbol does not say it: 'rev. 1', or just 1.",
        examples=["rev. 1", 1],
        json_schema_extra=_label_schema,
    )
    date: Date | None = Field(default=None, description="The date on the document's cover.")
    committee: Committee = Field(description="The committee whose plan this is.")
    term: Term = Field(description="The term the plan covers.")
    adopted: Date | None = Field(
        default=None, description="Date the committee adopted the plan (leave it out for a draft not yet adopted)."
    )
    timezone: TimeZone = Field(
        default="America/New_York",
        description="IANA time zone of the meeting times. When the plan gives none, times are taken as local at "
        "OAS headquarters (America/New_York) and the pages say nothing of a zone.",
    )
    times_local_at: Text | None = Field(
        default=None,
        description="Where the meeting times are local, as the plan says it; the pages print 'Times are local at …'.",
        examples=["headquarters"],
    )
    introduction: Introduction = Field(default_factory=Introduction, description="Facts from the plan's introduction.")
    officers: tuple[Officer, ...] = Field(default=(), description="The committee's chair and vice chairs.")
    functions: Text | None = Field(
        default=None, description="The committee's functions, as quoted in the mandates section."
    )
    mandates: tuple[MandateGroup, ...] = Field(
        default=(), description="The mandates assigned to the committee, by source."
    )
    resolutions: tuple[Resolution, ...] = Field(
        default=(), description="Every resolution the plan cites, with its cited paragraphs."
    )
    bodies: tuple[Body, ...] = Field(default=(), description="Organs, secretariats and organizations the plan names.")
    countries: tuple[Country, ...] = Field(
        default=(), description="Member states (and observers) the plan names, e.g. as presenters."
    )
    working_groups: tuple[WorkingGroup, ...] = Field(
        default=(), description="Working groups and negotiation mechanisms."
    )
    areas: tuple[Area, ...] = Field(default=(), description="The thematic areas agenda items are grouped under.")
    procedure: Procedure = Field(
        default_factory=Procedure,
        description="The working procedure and the draft resolution's milestones.",
    )
    general_considerations: tuple[Text, ...] = Field(default=(), description="The closing section, verbatim.")
    meetings: tuple[Meeting, ...] = Field(description="The committee's meetings, in date order.")
    activities: tuple[Activity, ...] = Field(
        default=(), description="Other OAS activities (the schedule's second column)."
    )
    activities_heading: Text | None = Field(
        default=None,
        description="The heading of the schedule's column of other activities as the plan prints it "
        "(default: 'Other OAS activities').",
        examples=["Other OAS activities in the security area"],
    )
    pending: tuple[PendingEvent, ...] = Field(
        default=(), description="Activities whose dates are still to be confirmed."
    )
    reports: tuple[Report, ...] = Field(default=(), description="Reminders of recurring reports.")
    reports_heading: Text | None = Field(
        default=None,
        description="The heading of the reminders of reports as the plan prints it (default: 'Reminders for reports').",
        examples=["Reminders for reports on hemispheric security topics"],
    )
    footnotes: tuple[SectionFootnote, ...] = Field(default=(), description="Footnotes on section headings.")
    notes: tuple[Text, ...] = Field(default=(), description="Notes printed with the schedule.")
    suppress: tuple[Suppression, ...] = Field(
        default=(), description="Lint findings accepted on purpose, with reasons."
    )


# --- program plan ------------------------------------------------------------


class Partner(_Model):
    """An organization the program plan names as a partner in its activities, such as INCIBE or ICAO."""

    id: Id = Field(examples=["incibe"])
    name: Text = Field(description="Full name.")
    acronym: Text | None = Field(default=None, description="Acronym, if any.")


class ProgramActivity(_Model):
    """An activity a program or sub-program proposes, verbatim, with the partners it names."""

    text: Text = Field(description="The proposed activity, verbatim.")
    partners: tuple[IdRef, ...] = Field(default=(), description="Ids of the partners it names.")
    gender: bool = Field(default=False, description="True for an activity of the cross-cutting gender perspective.")


class SubProgram(_Model):
    """A part of a priority program with its own purpose and activities, such as maritime security."""

    id: Id
    title: Text = Field(description="The sub-program's name.")
    purpose: Text = Field(description="Its purpose, verbatim.")
    partners: tuple[IdRef, ...] = Field(default=(), description="Ids of the partners its purpose names.")
    activities: tuple[ProgramActivity, ...] = Field(description="Proposed activities.")


class Program(_Model):
    """A priority program of the secretariat, lettered A to G (cybersecurity, border security, …)."""

    id: Id
    letter: Annotated[str, Field(pattern=r"^[A-Z]$")] = Field(description="The program's letter, A to G.")
    title: Text = Field(description="The program's name.")
    purpose: Text | None = Field(
        default=None, description="Its purpose, verbatim (absent when only sub-programs have one)."
    )
    partners: tuple[IdRef, ...] = Field(default=(), description="Ids of the partners its purpose names.")
    activities: tuple[ProgramActivity, ...] = Field(default=(), description="Proposed activities.")
    subprograms: tuple[SubProgram, ...] = Field(
        default=(), description="Sub-programs, each with purpose and activities."
    )


class Period(_Model):
    """The period a program plan covers, from its first to its last day."""

    start: Date = Field(description="First day covered.")
    end: Date = Field(description="Last day covered.")
    approximate: bool = Field(default=False, description="True when the document gives the period approximately.")


class Approval(_Model):
    """When and in which session the program plan was approved."""

    date: Date = Field(description="Date of approval.")
    session: Text = Field(description="The session that approved it.", examples=["Third plenary session"])


class ProgramPlan(_Model):
    """A secretariat's work plan of programs and proposed activities."""

    kind: Literal["program-plan"] = Field(description="The kind of plan file.")
    schema_version: Literal[1] = Field(description="The version of this file format.")
    id: Id = Field(description="The plan's id: a lowercase slug.", examples=["cicte-2022-2023"])
    language: Language = Field(default="en", description=LANGUAGE_FIELD_DESCRIPTION)
    title: Text = Field(description="The plan's title.")
    organization: Committee = Field(description="The body whose secretariat carries out the plan.")
    period: Period = Field(description="The period the plan covers.")
    approved: Approval = Field(description="When and by whom the plan was approved.")
    symbol: Text | None = Field(default=None, description="The document's code, where it has one.")
    introduction: tuple[Text, ...] = Field(description="The introduction's paragraphs, verbatim.")
    partners: tuple[Partner, ...] = Field(default=(), description="Partners named in activities.")
    programs: tuple[Program, ...] = Field(description="The priority programs, A to G.")
    outreach: tuple[Text, ...] = Field(default=(), description="The outreach section's paragraphs, verbatim.")
    suppress: tuple[Suppression, ...] = Field(
        default=(), description="Lint findings accepted on purpose, with reasons."
    )


Plan = CommitteePlan | ProgramPlan

MODEL_BY_KIND: dict[str, type[CommitteePlan] | type[ProgramPlan]] = {
    COMMITTEE_KIND: CommitteePlan,
    PROGRAM_KIND: ProgramPlan,
}


def is_id(text: str) -> bool:
    """True for an id as plans write them: lowercase letters, digits, '.' and '-', starting with a letter or digit."""
    return _ID_RE.match(text) is not None and "\n" not in text  # `$` would allow one final line break


_validators: dict[type, Any] = {}


def validator_for(model: type) -> Any:
    """The compiled validator of a plan model or agenda dataclass, built in this process on first use.

    Nothing is kept between runs: a validator read back from disk would be
    code a planted or damaged file could run, for a few milliseconds saved.
    """
    found = _validators.get(model)
    if found is None:
        from pydantic.dataclasses import rebuild_dataclass

        if issubclass(model, BaseModel):
            model.model_rebuild()
        else:
            rebuild_dataclass(model)  # type: ignore[arg-type]  # an agenda dataclass
        found = _validators[model] = model.__pydantic_validator__  # type: ignore[attr-defined]
    return found
