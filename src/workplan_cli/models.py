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
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
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
# in control characters and non-ASCII digits.)  tests/test_schema.py checks
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
TimeZone = Annotated[str, AfterValidator(_check_tz)]
Text = Annotated[str, Field(min_length=1)]


class Footnote(_Model):
    """A footnote of the source document, kept with what it annotates."""

    number: int = Field(ge=1, description="The footnote's number in the published document.")
    text: Text = Field(description="The footnote's text.")
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
    subject: IdRef | None = Field(
        default=None, description="Only for findings about this id (default: every finding of the rule)."
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
    end: Date = Field(description="Last day of the term (the General Assembly's last day).")


class Session(_Model):
    """A session of a political body that frames the term."""

    name: Text = Field(
        description="The session's name.", examples=["Fifty-third regular session of the General Assembly"]
    )
    date: Date = Field(description="First day of the session.")
    end_date: Date | None = Field(default=None, description="Last day, for a session of several days.")


class Introduction(_Model):
    """Facts from the plan's introduction: the installation, the General Assembly ahead, the meetings announced."""

    installed: Date = Field(description="Date the Permanent Council installed the committee for the term.")
    installed_by: Text = Field(description="The body and meeting that installed the committee.")
    general_assembly: Session = Field(description="The General Assembly session the work leads up to.")
    planned_meetings: int = Field(
        ge=0, description="The number of meetings the introduction announces (it may differ from the annex)."
    )
    planned_events: int = Field(ge=0, description="The number of events the introduction announces.")
    text: tuple[Text, ...] = Field(description="The introduction's paragraphs, verbatim.")


class Officer(_Model):
    """The chair or a vice chair of the committee: a delegation's representative, elected for the term."""

    id: Id
    role: Literal["chair", "first-vice-chair", "second-vice-chair", "third-vice-chair"] = Field(
        description="The office held."
    )
    name: Text = Field(description="Name as the document gives it.", examples=["Luz Elena Baños Rivas"])
    title: Text | None = Field(default=None, description="Honorific or rank.", examples=["Ambassador", "Ms."])
    position: Text = Field(description="Position in the delegation.", examples=["Permanent Representative of Mexico"])
    country: Text = Field(description="Member state.")
    elected_by: Text = Field(description="The body that elected the officer.", examples=["Permanent Council"])
    elected_on: Date = Field(description="Date of the election.")


class Mandate(_Model):
    """A task the General Assembly or the Permanent Council assigned to the committee, with what it cites."""

    text: Text = Field(description="The mandate as the document states it.")
    resolutions: tuple[IdRef, ...] = Field(default=(), description="Ids of resolutions the mandate cites.")
    paragraphs: tuple[Ref, ...] = Field(default=(), description="Paragraph references the mandate cites.")
    documents: tuple[Text, ...] = Field(default=(), description="Document symbols the mandate cites.")
    items: tuple[Text, ...] = Field(default=(), description="Sub-items listed under the mandate.")


class MandateGroup(_Model):
    """The mandates that come from one source, such as one regular session of the General Assembly."""

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
    number: int = Field(ge=1, description="Its number in the resolution's list of areas.")
    name: Text = Field(description="Name of the area.", examples=["Transnational organized crime"])


class Speaker(_Model):
    """A named person who presents an agenda entry, with their position and the body they speak for."""

    name: Text = Field(description="The person's name as the document gives it.", examples=["Ms. Katherine Prizeman"])
    title: Text | None = Field(default=None, description="Their position.", examples=["Political Affairs Officer"])
    body: IdRef | None = Field(default=None, description="Id of the body they speak for.")


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
    by: tuple[IdRef, ...] = Field(default=(), description="Ids of the bodies, officers or working groups presenting.")
    speakers: tuple[Speaker, ...] = Field(default=(), description="Named people presenting.")
    refers_to: tuple[IdRef, ...] = Field(
        default=(), description="Ids of working groups, meetings or events the entry is about."
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

MeetingKind = Literal["regular", "informal", "working-group", "forum", "special", "joint", "points-of-contact"]


class Meeting(_Model):
    """A meeting of the committee (numbered or not)."""

    id: Id = Field(examples=["meeting-5", "wg-tip-2023-02-14"])
    number: int | None = Field(default=None, ge=1, description="The regular meeting's number, if it has one.")
    kind: MeetingKind = Field(description="What sort of meeting it is.")
    title: Text | None = Field(default=None, description="The meeting's title, where it has one.")
    heading: Text | None = Field(
        default=None, description="The heading as printed, when it is not the usual 'NTH MEETING'."
    )
    date: Date = Field(description="The day of the meeting.")
    start_time: Time = Field(description="Local start time, HH:MM.")
    end_time: Time = Field(description="Local end time, HH:MM.")
    within: IdRef | None = Field(
        default=None, description="Id of the meeting this one is held within (same day, inside its hours)."
    )
    status: Status | None = Field(default=None, description=STATUS_DESCRIPTION)
    status_note: Text | None = Field(default=None, description=STATUS_NOTE_DESCRIPTION)
    summary: Text | None = Field(default=None, description="The line the summary of meetings gives it.")
    agenda: tuple[AgendaSection, ...] = Field(default=(), description="The order of business, by section.")
    footnotes: tuple[Footnote, ...] = Field(default=(), description="Footnotes on the meeting.")


class Activity(_Model):
    """Another OAS activity in the security area (the annex's right-hand column)."""

    id: Id = Field(examples=["iadc-world-situation-conference-2023"])
    title: Text = Field(description="The activity, as in the document.")
    date: Date = Field(description="Its (first) day.")
    end_date: Date | None = Field(default=None, description="Its last day, for an activity of several days.")
    organizers: tuple[IdRef, ...] = Field(default=(), description="Ids of the bodies that hold it.")
    place: Text | None = Field(default=None, description="Where it is held, if the plan says.")
    status: Status | None = Field(default=None, description=STATUS_DESCRIPTION)
    status_note: Text | None = Field(default=None, description=STATUS_NOTE_DESCRIPTION)
    footnotes: tuple[Footnote, ...] = Field(default=(), description="Footnotes on the activity.")


Stage = Literal["procedure", "first-version", "comments-due", "revised-version", "consideration"]


class Milestone(_Model):
    """A dated step in the negotiation of the committee's draft resolution for the General Assembly."""

    id: Id
    stage: Stage = Field(description="Which step of the negotiation this is.")
    title: Text = Field(description="What happens.")
    date: Date = Field(description="When.")
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
    """The working procedure: events to prepare, follow-up, and the omnibus resolution."""

    events: tuple[IdRef, ...] = Field(description="Ids of the meetings and pending events to be prepared, in order.")
    events_footnotes: tuple[Footnote, ...] = Field(default=(), description="Footnotes on the list of events.")
    text: tuple[Text, ...] = Field(default=(), description="The procedure's prose paragraphs, verbatim.")
    steps: tuple[Text, ...] = Field(default=(), description="The negotiation steps, verbatim.")
    milestones: tuple[Milestone, ...] = Field(description="The dated milestones of the draft resolution.")
    length_limits: tuple[LengthLimit, ...] = Field(description="Limits on the length of the draft resolution.")


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


class Report(_Model):
    """A recurring report member states or the Secretariat owe."""

    id: Id
    title: Text = Field(description="The report.")
    frequency: Literal["yearly", "voluntary", "biennial"] = Field(description="How often it is due.")
    due: tuple[Due, ...] = Field(default=(), description="Yearly deadlines (month and day).")
    text: tuple[Text, ...] = Field(default=(), description="The reminder's text, verbatim.")
    resolutions: tuple[IdRef, ...] = Field(default=(), description="Ids of the resolutions that set it.")
    paragraphs: tuple[Ref, ...] = Field(default=(), description="Paragraphs that set it.")
    documents: tuple[Text, ...] = Field(default=(), description="Document symbols cited.")
    links: tuple[Text, ...] = Field(default=(), description="Web addresses given.")


class SectionFootnote(Footnote):
    """A footnote on a section heading of the plan (mandates, working groups, procedure, schedule, reports)."""

    section: Literal["mandates", "working-groups", "procedure", "schedule", "reports"] = Field(
        description="The section whose heading carries the footnote."
    )


class CommitteePlan(_Model):
    """A committee's work plan and schedule of activities for one term."""

    kind: Literal["committee-plan"] = Field(description="The kind of plan file.")
    schema_version: Literal[1] = Field(description="The version of this file format.")
    id: Id = Field(description="The plan's id: a lowercase slug.", examples=["csh-2022-2023"])
    language: Language = Field(default="en", description=LANGUAGE_FIELD_DESCRIPTION)
    title: Text = Field(description="The plan's title.")
    committee: Committee = Field(description="The committee whose plan this is.")
    term: Term = Field(description="The term the plan covers.")
    adopted: Date = Field(description="Date the committee adopted the plan.")
    timezone: TimeZone = Field(default="America/New_York", description="IANA time zone of the meeting times.")
    times_local_at: Text | None = Field(
        default=None,
        description="Where the meeting times are local, as the plan says it; the pages print 'Times are local at …'.",
        examples=["headquarters"],
    )
    introduction: Introduction = Field(description="Facts from the plan's introduction.")
    officers: tuple[Officer, ...] = Field(description="The committee's chair and vice chairs.")
    functions: Text = Field(description="The committee's functions, as quoted in the mandates section.")
    mandates: tuple[MandateGroup, ...] = Field(description="The mandates assigned to the committee, by source.")
    resolutions: tuple[Resolution, ...] = Field(
        description="Every resolution the plan cites, with its cited paragraphs."
    )
    bodies: tuple[Body, ...] = Field(default=(), description="Organs, secretariats and organizations the plan names.")
    working_groups: tuple[WorkingGroup, ...] = Field(description="Working groups and negotiation mechanisms.")
    areas: tuple[Area, ...] = Field(description="The thematic areas agenda items are grouped under.")
    procedure: Procedure = Field(description="The working procedure and the draft resolution's milestones.")
    general_considerations: tuple[Text, ...] = Field(default=(), description="The closing section, verbatim.")
    meetings: tuple[Meeting, ...] = Field(description="The committee's meetings, in date order.")
    activities: tuple[Activity, ...] = Field(default=(), description="Other OAS activities in the security area.")
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
