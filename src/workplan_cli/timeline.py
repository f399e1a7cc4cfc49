"""One ordered timeline of everything with a date, built from one or more plans.

`upcoming`, the queries and the renderers read this instead of walking the
plans again.  Yearly reporting deadlines are expanded with dateutil's rrule
for whatever years a window covers; items whose date is still to be
determined are kept apart, never dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .i18n import _
from .index import index_of
from .models import (
    Activity,
    CommitteePlan,
    Meeting,
    PendingEvent,
    PlacedActivity,
    Plan,
    ProgramPlan,
    last_day,
    precision,
    program_activities,
)
from .vocabulary import DEFAULT_TIMEZONE, ENTRY_KINDS, EntryKind
from .wording import held_at, meeting_title


@dataclass(frozen=True, slots=True)
class Entry:
    """One dated (or still undated) thing in a plan."""

    plan: str
    id: str
    kind: EntryKind
    title: str
    date: dt.date | None
    end_date: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    timezone: str = DEFAULT_TIMEZONE
    number: int | None = None
    paragraphs: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    status: str | None = None  # a meeting's or activity's status, when the plan gives one
    status_note: str | None = None
    at: str | None = None  # a milestone held at a meeting: 'at the eleventh meeting', in the language in use

    @property
    def last_day(self) -> dt.date | None:
        """The last day the entry covers: its end, or its day; the last of its month or year for a date given so."""
        day = self.end_date or self.date
        return last_day(day) if day is not None else None

    @property
    def precision(self) -> str:
        """``day``, or ``month``/``year`` for an entry the plan dates only by month or year."""
        return precision(self.date) if self.date is not None else "day"

    def sort_key(self) -> tuple[dt.date, dt.time, int, str, str]:
        assert self.date is not None
        return (self.date, self.start_time or dt.time(0, 0), ENTRY_KINDS.index(self.kind), self.plan, self.id)


@dataclass
class Timeline:
    """Dated entries in order, and the undated ones apart."""

    dated: list[Entry] = field(default_factory=list)
    undated: list[Entry] = field(default_factory=list)


def qualify(plan: CommitteePlan, ref: str) -> str:
    """``'38'`` -> ``'ag-2986:38'`` using the plan's default resolution."""
    return index_of(plan).qualify(ref)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def plan_entries(plan: Plan, *, citations: bool = True) -> tuple[list[Entry], list[Entry]]:
    """The fixed-date entries of a plan, and its undated ones.

    Yearly reports are not here: `deadlines_between` expands them for a window.
    ``citations=False`` leaves out what meetings' agendas cite (paragraphs,
    documents, presenters): the picture of the term needs only the dates.
    """
    if isinstance(plan, ProgramPlan):
        return _program_entries(plan), []
    index = index_of(plan)
    tz = plan.timezone
    dated: list[Entry] = []
    for item in index.dated:
        thing = item.item
        if isinstance(thing, Meeting):
            agenda = index.agenda(thing) if citations else ()
            dated.append(
                Entry(
                    plan.id,
                    thing.id,
                    "meeting",
                    meeting_title(thing),
                    item.date,
                    thing.end_date,
                    item.start_time,
                    item.end_time,
                    tz,
                    thing.number,
                    _unique(index.qualify(ref) for a in agenda for ref in a.entry.paragraphs),
                    _unique(d for a in agenda for d in a.entry.documents),
                    _unique(b for a in agenda for b in a.bodies),
                    status=thing.status,
                    status_note=thing.status_note,
                )
            )
        elif isinstance(thing, Activity):
            dated.append(
                Entry(
                    plan.id,
                    thing.id,
                    "activity",
                    thing.title,
                    item.date,
                    thing.end_date,
                    timezone=tz,
                    bodies=tuple(thing.organizers),
                    status=thing.status,
                    status_note=thing.status_note,
                )
            )
        else:
            host = index.entity(thing.meeting) if thing.meeting else None
            dated.append(
                Entry(
                    plan.id,
                    thing.id,
                    "milestone",
                    thing.title,
                    item.date,
                    timezone=tz,
                    at=held_at(host) if isinstance(host, Meeting) else None,
                )
            )
    undated = [
        Entry(
            plan.id,
            thing.id,
            "pending",
            thing.title,
            None,
            timezone=tz,
            paragraphs=tuple(index.qualify(r) for r in thing.paragraphs),
        )
        if isinstance(thing, PendingEvent)
        else Entry(
            plan.id,
            thing.id,
            "deadline",
            f"{thing.title} ({thing.frequency})",
            None,
            timezone=tz,
            paragraphs=tuple(index.qualify(r) for r in thing.paragraphs),
            documents=tuple(thing.documents),
        )
        for thing in index.undated
    ]
    return dated, undated


def program_place(placed: PlacedActivity) -> str:
    """``A. Cybersecurity``, or ``C. Border security › Aviation security`` for an activity of a sub-program."""
    where = f"{placed.program.letter}. {placed.program.title}"
    return f"{where} › {placed.subprogram.title}" if placed.subprogram is not None else where


def _program_entries(plan: ProgramPlan) -> list[Entry]:
    """A program plan's dated activities, titled with their program and number (its undated ones are not events).

    An entry's id is its program's or sub-program's, which `show` finds.
    """
    return [
        Entry(
            plan.id,
            placed.group_id,
            "activity",
            _("{program}, activity {number}: {text}").format(
                program=program_place(placed), number=placed.number, text=placed.activity.text
            ),
            placed.activity.date,
            placed.activity.end_date,
            bodies=tuple(placed.activity.partners),
        )
        for placed in program_activities(plan, dated=True)
    ]


def deadlines_between(plan: Plan, start: dt.date, end: dt.date) -> list[Entry]:
    """Every yearly reporting deadline from ``start`` to ``end`` (inclusive), any year."""
    if isinstance(plan, ProgramPlan):
        return []
    index = index_of(plan)
    return [
        Entry(
            plan.id,
            f"{report.id}/{day.isoformat()}",
            "deadline",
            f"{report.title}: {due.what}" if due.what else report.title,
            day,
            timezone=plan.timezone,
            paragraphs=tuple(index.qualify(r) for r in report.paragraphs),
            documents=tuple(report.documents),
        )
        for report, due, day in index.deadlines(start, end)
    ]


def build_timeline(
    plans: Sequence[Plan],
    start: dt.date | None = None,
    end: dt.date | None = None,
    kinds: Iterable[EntryKind] | None = None,
) -> Timeline:
    """The entries of ``plans`` that touch ``start``..``end`` (inclusive), in order.

    An entry spanning several days is in the window if any of its days is.
    Without a window, yearly deadlines are expanded for the years the plans'
    own dates span.
    """
    wanted = set(kinds or ENTRY_KINDS)
    dated: list[Entry] = []
    undated: list[Entry] = []
    fixed: list[tuple[Plan, list[Entry]]] = []
    for plan in plans:
        entries, pending = plan_entries(plan)
        fixed.append((plan, entries))
        undated += pending
    if start is None or end is None:
        days = [e.date for _, entries in fixed for e in entries if e.date] + [
            e.last_day for _, entries in fixed for e in entries if e.last_day
        ]
        lo = start or (min(days) if days else dt.date.today())
        hi = end or (max(days) if days else lo)
        start, end = lo, hi
    for plan, entries in fixed:
        dated += [e for e in entries if e.date and e.last_day and e.date <= end and e.last_day >= start]
        dated += deadlines_between(plan, start, end)
    dated.sort(key=Entry.sort_key)
    return Timeline(
        [e for e in dated if e.kind in wanted],
        [e for e in undated if e.kind in wanted],
    )


def coverage_span(plans: Sequence[Plan]) -> tuple[dt.date, dt.date] | None:
    """First and last day of the plans' dated items (meetings, activities, milestones)."""
    days: list[dt.date] = []
    for plan in plans:
        entries, _ = plan_entries(plan)
        days += [d for e in entries for d in (e.date, e.last_day) if d]
    return (min(days), max(days)) if days else None


def today(plans: Sequence[Plan]) -> dt.date:
    """Today in the first plan's time zone (the OAS's, America/New_York, when none has one)."""
    import zoneinfo

    zone = next((p.timezone for p in plans if hasattr(p, "timezone")), DEFAULT_TIMEZONE)
    return dt.datetime.now(zoneinfo.ZoneInfo(zone)).date()


@dataclass
class Window:
    """The days ``start``..``end`` (inclusive) and the timeline of the plans in them."""

    start: dt.date
    end: dt.date
    timeline: Timeline


def upcoming_window(
    plans: Sequence[Plan], as_of: dt.date | None, days: int, kinds: Iterable[EntryKind] | None = None
) -> Window:
    """The ``days`` days from ``as_of`` (default: `today` where the plans are) and what happens in them.

    A window that would run past the last day of the calendar (31 December 9999) stops there.
    """
    start = as_of or today(plans)
    end = start + min(dt.timedelta(days=days - 1), dt.date.max - start)
    return Window(start, end, build_timeline(plans, start, end, kinds))
