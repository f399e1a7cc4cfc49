"""The plan index: every fact derived from a plan, computed in one place, once.

A validated plan is a tree of frozen models.  What the commands need from it
beyond the tree (which id names what, which resolution an unprefixed
paragraph reference means, how the agenda is numbered, which items have a
date and which recur every year) is derived here and nowhere else, on first
use, and kept for as long as the plan object lives: `index_of(plan)`.

Lint, the timeline, the queries, the terminal views, the templates, the
calendar and `diff` all read this index.  It holds facts, not wording: the
titles, dates and plurals that people read are made from it by `timeline`,
`dates`, `views` and the templates.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any, Literal, NamedTuple, get_args, get_origin

from .models import (
    Activity,
    AgendaItem,
    AgendaSection,
    AgendaTopic,
    Area,
    Body,
    CommitteePlan,
    Country,
    Due,
    Footnote,
    Meeting,
    Milestone,
    Officer,
    Partner,
    PendingEvent,
    Plan,
    Report,
    Resolution,
    WorkingGroup,
    fields_of,
    is_record,
    last_day,
)
from .models.scalars import unaliased

Loc = tuple[int | str, ...]
"""A path into the plan: the same keys and list indexes as the YAML."""

# Fields that hold ids of other things in the plan, and the kinds of thing each may name.
ID_FIELDS: dict[str, tuple[type[Any], ...]] = {
    "by": (Body, Country, Officer, WorkingGroup),
    "refers_to": (WorkingGroup, Meeting, PendingEvent, Milestone, Activity, Body, Country),
    "within": (Meeting,),
    "organizers": (Body, Country),
    "area": (Area,),
    "body": (Body, Country),
    "meeting": (Meeting,),
    "events": (Meeting, PendingEvent, Activity),
    "partners": (Partner,),
    "resolutions": (Resolution,),
}

_WALKED: dict[type, tuple[str, ...]] = {}


def _walked_fields(model: type) -> tuple[str, ...]:
    """The fields of a model or agenda dataclass that the index walk reads, worked out once per class.

    Those that can hold a record (a model or agenda entry, alone or in a
    list), a reference (`ID_FIELDS`, paragraphs) or document symbols: a
    plan's other fields (titles, dates, times…) are most of its values and
    hold nothing the index keeps.
    """
    names = _WALKED.get(model)
    if names is None:
        names = _WALKED[model] = tuple(
            name
            for name, info in fields_of(model).items()
            if name in ID_FIELDS or name in ("paragraphs", "documents") or _may_hold_records(info.annotation)
        )
    return names


def _may_hold_records(annotation: Any) -> bool:
    """True unless ``annotation`` is certainly made of plain values (str, date, int, Literal…)."""
    if annotation is Ellipsis:  # tuple[X, ...]
        return False
    annotation = unaliased(annotation)
    if isinstance(annotation, type):
        return hasattr(annotation, "__pydantic_fields__") or annotation in (object, tuple, list, dict)
    origin = get_origin(annotation)
    if origin is Literal:
        return False
    arguments = get_args(annotation)
    if origin is Annotated:  # the type, not its constraints
        return _may_hold_records(arguments[0])
    return not arguments or any(_may_hold_records(argument) for argument in arguments)


# Ref and AgendaEntry stay slotted dataclasses where the other small records
# of the validate path are named tuples (diagnostics.py): a plan of 1,500
# meetings holds 58,000 of the one and 27,000 of the other, and a tuple is 8
# bytes larger than a slotted object, 0.7 MB in all.
@dataclass(slots=True)
class Ref:
    """An id or paragraph reference as written in the plan (tens of thousands in a large plan: kept small)."""

    at: Loc  # where the object holding the field is; all its references share it
    field: str
    value: str
    owner: str | None  # the id of the nearest enclosing thing that has one
    item: int | None = None  # the position in the field's list, if it is one

    @property
    def loc(self) -> Loc:
        return (*self.at, self.field) if self.item is None else (*self.at, self.field, self.item)


class Reference(NamedTuple):
    """A paragraph reference resolved against the plan: ``'38'`` or ``'ag-2970:47.b'``."""

    written: str
    resolution: str | None  # the resolution's id; for an unprefixed label, the default one (None if there is none)
    label: str
    declared: Resolution | None  # the resolution, when the plan declares it
    subject: str | None  # what the paragraph is about, when the plan says so
    default: bool  # the resolution is the plan's default one

    @property
    def qualified(self) -> str:
        """``'ag-2986:38'``: the same paragraph written the same way wherever it is cited."""
        return f"{self.resolution}:{self.label}" if self.resolution else self.written

    @property
    def symbol(self) -> str | None:
        """The resolution's symbol when a reader needs it: None for the default resolution."""
        return None if self.default or self.declared is None else self.declared.symbol


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """An agenda entry of a meeting, numbered as the document numbers it: topic ``3``, item ``3.2``."""

    number: str
    entry: AgendaTopic | AgendaItem
    topic: AgendaTopic
    section: AgendaSection

    @property
    def is_topic(self) -> bool:
        return self.entry is self.topic

    @property
    def bodies(self) -> tuple[str, ...]:
        """Ids of who presents it: `by`, then the bodies its named speakers speak for."""
        return (*self.entry.by, *(s.body for s in self.entry.speakers if s.body))


def numbered_agenda(meeting: Meeting) -> tuple[AgendaEntry, ...]:
    """A meeting's agenda entries numbered as the document numbers them (`PlanIndex.agenda` keeps them)."""
    entries: list[AgendaEntry] = []
    n = 0
    for section in meeting.agenda:
        for topic in section.topics:
            n += 1
            entries.append(AgendaEntry(str(n), topic, topic, section))
            entries += [AgendaEntry(f"{n}.{k}", item, topic, section) for k, item in enumerate(topic.items, 1)]
    return tuple(entries)


DatedKind = Literal["meeting", "activity", "milestone"]


class Dated(NamedTuple):
    """A meeting, activity or milestone with its day (and last day, and hours, where it has them)."""

    kind: DatedKind
    item: Meeting | Activity | Milestone
    date: dt.date
    last_day: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None


class PlanIndex:
    """Everything looked up in a plan, built in one walk of it (see `index_of`)."""

    def __init__(self, plan: Plan) -> None:
        self.plan_id = plan.id
        self.ids: dict[str, list[tuple[Loc, Any]]] = defaultdict(list)
        """Every id declared, with where and what (more than one place is a duplicate, lint's WP105)."""
        self.refs: list[Ref] = []
        """Every id and paragraph reference, in document order."""
        self.documents: list[tuple[Loc, str, str | None]] = []
        """Every document symbol cited, in document order: where, the symbol, and the id of what cites it."""
        self.footnotes: list[Footnote] = []
        """Every footnote of the plan, in document order."""
        self.footnote_places: list[tuple[Loc, Footnote, str | None]] = []
        """Every footnote with where it is and the id of what holds it."""
        self.paragraphs: dict[str, dict[str, Loc]] = {}
        """Per resolution id, its declared paragraph labels and where each is declared."""
        self.resolutions: dict[str, Resolution] = {}
        self.default_resolution: str | None = None
        """The first resolution marked `default: true` (lint's WP107 reports any other)."""
        self._walk(plan)
        # The parts the dated lists are made from, not the plan itself: the
        # plan's own lifetime decides the index's (`index_of`).
        self._committee = (
            (plan.meetings, plan.activities, plan.procedure.milestones, plan.pending, plan.reports)
            if isinstance(plan, CommitteePlan)
            else None
        )
        self._references: dict[str, Reference] = {}
        self._agendas: dict[int, tuple[AgendaEntry, ...]] = {}

    def _walk(self, plan: Plan) -> None:
        stack: list[tuple[Loc, Any, str | None]] = [((), plan, None)]
        while stack:
            loc, node, owner = stack.pop()
            ident = getattr(node, "id", None)
            if isinstance(ident, str) and node is not plan:
                self.ids[ident].append((loc, node))
                owner = ident
            if isinstance(node, Resolution):
                self.resolutions.setdefault(node.id, node)
                self.paragraphs[node.id] = {
                    p.label: (*loc, "paragraphs", i, "label") for i, p in enumerate(node.paragraphs)
                }
                if node.default and self.default_resolution is None:
                    self.default_resolution = node.id
            elif isinstance(node, Footnote):
                self.footnotes.append(node)
                self.footnote_places.append((loc, node, owner))
            children: list[tuple[Loc, Any, str | None]] = []
            for name in _walked_fields(type(node)):
                value = getattr(node, name)
                if value is None or value == ():
                    continue
                if isinstance(value, tuple):
                    if name == "documents":  # symbols, never records
                        self.documents.extend(((*loc, name, i), item, owner) for i, item in enumerate(value))
                    elif isinstance(value[0], str):  # a list of ids or paragraph labels
                        if name in ID_FIELDS or name == "paragraphs":
                            self.refs.extend(Ref(loc, name, item, owner, i) for i, item in enumerate(value))
                    else:
                        children.extend(
                            ((*loc, name, i), item, owner) for i, item in enumerate(value) if is_record(item)
                        )
                elif isinstance(value, str):
                    if name in ID_FIELDS:
                        self.refs.append(Ref(loc, name, value, owner))
                elif is_record(value):
                    children.append(((*loc, name), value, owner))
            # Reversed, so that the walk (and so every list above) follows document order.
            stack.extend(reversed(children))

    # --- ids ---------------------------------------------------------------------------------

    def entity(self, ident: str) -> Any:
        """The thing declared with this id (the first, if it is declared twice), or None."""
        found = self.ids.get(ident)
        return found[0][1] if found else None

    @cached_property
    def names(self) -> dict[str, str]:
        """Bodies, officers and partners by the names the plans print (SMS, IADB, Ambassador …)."""
        from .catalogs import compose  # catalogs reads the index

        names: dict[str, str] = {}
        for ident, places in self.ids.items():
            thing = places[0][1]
            if isinstance(thing, (Body, Partner)):
                names[ident] = thing.acronym or thing.name
            elif isinstance(thing, Country):
                names[ident] = thing.name
            elif isinstance(thing, Officer):
                names[ident] = (
                    compose("{title} {name}", title=thing.title, name=thing.name) if thing.title else thing.name
                )
        return names

    def name(self, ident: str) -> str:
        """Who presents for this id: a body's or partner's acronym, a country, an officer, a working group's chair.

        The id itself when it names nothing.  A working group presents through
        its chair, said in the language in use (`i18n.use`), so that one is
        worded on each call rather than kept.
        """
        found = self.names.get(ident)
        if found is not None:
            return found
        thing = self.entity(ident)
        if isinstance(thing, WorkingGroup):
            from .catalogs import compose
            from .i18n import _

            return compose(_("Chair of the {group}"), group=thing.name)
        return ident

    def area_name(self, ident: str) -> str:
        area = self.entity(ident)
        return area.name if isinstance(area, Area) else ident

    # --- paragraph references ------------------------------------------------------------------

    def split(self, ref: str) -> tuple[str | None, str]:
        """``'ag-2970:47.b'`` -> ``('ag-2970', '47.b')``; ``'38'`` -> (the default resolution, ``'38'``)."""
        if ":" in ref:
            resolution, _, label = ref.partition(":")
            return resolution, label
        return self.default_resolution, ref

    def reference(self, ref: str) -> Reference:
        """A paragraph reference resolved: its resolution, label, and the subject the plan gives it."""
        found = self._references.get(ref)
        if found is None:
            resolution, label = self.split(ref)
            declared = self.resolutions.get(resolution) if resolution else None
            subject = None
            if declared is not None:
                subject = next((p.subject for p in declared.paragraphs if p.label == label), None)
            found = self._references[ref] = Reference(
                ref,
                resolution,
                label,
                declared,
                subject,
                resolution is not None and resolution == self.default_resolution,
            )
        return found

    def qualify(self, ref: str) -> str:
        """``'38'`` -> ``'ag-2986:38'``, using the plan's default resolution."""
        return self.reference(ref).qualified

    # --- the agenda -------------------------------------------------------------------------

    def agenda(self, meeting: Meeting) -> tuple[AgendaEntry, ...]:
        """The meeting's agenda entries in order, numbered across its sections: 1, 1.1, 1.2, 2, …"""
        found = self._agendas.get(id(meeting))
        if found is None:
            # Keyed by identity: the plan holds the meeting for as long as this index lives.
            found = self._agendas[id(meeting)] = numbered_agenda(meeting)
        return found

    def sections(self, meeting: Meeting) -> tuple[tuple[AgendaSection, tuple[AgendaEntry, ...]], ...]:
        """The meeting's sections in order, each with its numbered entries (`agenda`); a section may have none."""
        entries: dict[int, list[AgendaEntry]] = {id(section): [] for section in meeting.agenda}
        for entry in self.agenda(meeting):
            entries[id(entry.section)].append(entry)
        return tuple((section, tuple(entries[id(section)])) for section in meeting.agenda)

    # --- dates ------------------------------------------------------------------------------

    @cached_property
    def dated(self) -> tuple[Dated, ...]:
        """Meetings, activities and milestones, in that order and each in plan order.

        A date given only by month or year (`models.scalars.MonthDate`, `YearDate`) stands
        for its whole period: its first day is ``date``, its last ``last_day``.
        """
        if self._committee is None:
            return ()
        meetings, activities, milestones, _, _ = self._committee
        items: list[Dated] = [Dated("meeting", m, m.date, m.last_day, m.start_time, m.end_time) for m in meetings]
        items += [Dated("activity", a, a.date, last_day(a.end_date or a.date)) for a in activities]
        items += [Dated("milestone", m, m.date, last_day(m.date)) for m in milestones]
        return tuple(items)

    @cached_property
    def yearly(self) -> tuple[tuple[Report, Due], ...]:
        """Every yearly reporting deadline: a report and one of its month-and-day dates."""
        reports = self._committee[4] if self._committee else ()
        return tuple((r, d) for r in reports for d in r.due)

    @cached_property
    def undated(self) -> tuple[PendingEvent | Report, ...]:
        """Events whose date is still to be determined, then reports with no yearly date."""
        if self._committee is None:
            return ()
        _, _, _, pending, reports = self._committee
        return (*pending, *(r for r in reports if not r.due))

    def deadlines(self, start: dt.date, end: dt.date) -> list[tuple[Report, Due, dt.date]]:
        """Each yearly deadline's days from ``start`` to ``end`` (inclusive), any year, in plan order."""
        if not self.yearly:
            return []
        from dateutil.rrule import YEARLY, rrule

        first = dt.datetime.combine(start, dt.time())
        last = dt.datetime.combine(end, dt.time())
        return [
            (report, due, moment.date())
            for report, due in self.yearly
            # rrule skips the years a day does not exist in (29 February).
            for moment in rrule(YEARLY, dtstart=first, until=last, bymonth=due.month, bymonthday=due.day)
        ]


_INDEXES: dict[int, PlanIndex] = {}


def index_of(plan: Plan) -> PlanIndex:
    """The plan's index, built on first use and kept while the plan object lives.

    Plans are frozen, so the index never goes stale; it is dropped with the plan.
    """
    key = id(plan)
    found = _INDEXES.get(key)
    if found is None:
        found = _INDEXES[key] = PlanIndex(plan)
        weakref.finalize(plan, _INDEXES.pop, key, None)
    return found


def forget_index(plan: Plan) -> None:
    """Drop the plan's index now rather than with the plan (`index_of` builds it again if asked)."""
    _INDEXES.pop(id(plan), None)
