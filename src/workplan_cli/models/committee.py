"""The committee plan: a committee's work plan and schedule of activities for one term."""

# No `from __future__ import annotations` here: pydantic evaluates the annotations.

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, model_validator
from pydantic.dataclasses import dataclass
from pydantic_core import PydanticCustomError

from ..vocabulary import DEFAULT_TIMEZONE, MEETING_KINDS, CommitteeKind, Language, SchemaVersion, Status
from .common import _RECORD, LANGUAGE_FIELD_DESCRIPTION, Committee, Footnote, Suppression, _Model, open_vocabulary
from .scalars import ApproximateDate, Date, Id, IdRef, Ref, Text, Time, TimeZone, _label_schema, _to_label


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


STATUS_DESCRIPTION = (
    "Whether it still takes place: scheduled (the default when absent), postponed (to a date not yet known), "
    "cancelled, or held."
)
STATUS_NOTE_DESCRIPTION = "Why or how the status changed, e.g. 'Postponed at the request of the Chair'."


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

    kind: CommitteeKind = Field(description="The kind of plan file.")
    schema_version: SchemaVersion = Field(description="The version of this file format.")
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
        default=DEFAULT_TIMEZONE,
        description="IANA time zone of the meeting times. When the plan gives none, times are taken as local at "
        f"OAS headquarters ({DEFAULT_TIMEZONE}) and the pages say nothing of a zone.",
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
    working_groups_heading: Text | None = Field(
        default=None,
        description="The heading of the working groups as the plan prints it "
        "(default: 'Working groups and negotiation mechanisms').",
        examples=["Working groups"],
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
