"""A picture of a committee's term, and the same term as a month-by-month calendar.

Plain data for the ``_term.html.j2`` partial: this module measures, the
template draws.  Positions are in the user units of the picture's SVG
``viewBox``; a day is a whole, even number of units wide, so every position
is an integer and the middle of a day is one too.

The dated items come from `timeline.plan_entries` (meetings, other OAS
activities, milestones) and `timeline.deadlines_between` (the yearly
reporting deadlines that fall inside the picture).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .dates import names
from .index import index_of
from .models import CommitteePlan
from .timeline import Entry, deadlines_between, plan_entries
from .wording import meeting_anchor

MarkKind = Literal["meeting", "activity", "milestone", "deadline"]
LANE_KINDS: tuple[MarkKind, ...] = ("meeting", "activity", "milestone", "deadline")

PLOT_WIDTH = 960  # the time axis aims at this many units; a day gets the largest even width that fits
MARGIN = 12  # left and right of the time axis
MONTH_ROW = 22  # month labels above the lanes
LANE_HEAD = 16  # a lane's label above its rows
ROW = 22  # one row of marks
LANE_GAP = 6
FOOT = 20  # room under the lanes for the as-of label
MAX_MONTHS = 36  # a longer term is pictured from its first dated item, this many months
HALF_WIDTH = {"meeting": 9, "milestone": 7, "deadline": 7}  # of point marks, to keep them apart


def month_name(month: int, short: bool = False) -> str:
    """``1`` -> ``January`` (``Jan`` when short), standing alone, in the language in use (`dates.names`)."""
    return names("months", short)[month]


def weekday_name(weekday: int, short: bool = False) -> str:
    """``0`` -> ``Monday`` (``Mon`` when short), Monday first as in ISO 8601, in the language in use (`dates.names`)."""
    return names("days", short)[weekday]


@dataclass(frozen=True, slots=True)
class MonthTick:
    """One month along the time axis: where its band starts and how wide it is."""

    year: int
    month: int
    x: int
    width: int
    show_year: bool  # the first month pictured and every January carry the year


@dataclass(frozen=True, slots=True)
class Mark:
    """One item drawn in a lane.

    ``x`` is the middle of the day for a point mark (meeting, milestone,
    deadline) and the left edge of the first day for an activity's bar, which
    is ``width`` units long (``0`` for point marks); ``y`` is the middle of the
    mark's row.
    """

    kind: MarkKind
    id: str
    title: str
    date: dt.date
    last_day: dt.date
    x: int
    width: int
    y: int
    row: int
    label: str  # a numbered meeting's number, else ""
    href: str | None  # "#anchor" of the item on the page
    precision: str = "day"  # "month" or "year" for an item the plan dates only so


@dataclass(frozen=True)
class Lane:
    """A horizontal band of marks of one kind; overlapping marks go to further rows."""

    kind: MarkKind
    y: int  # top of the lane, where its label sits
    height: int
    rows: int
    marks: tuple[Mark, ...]

    @property
    def label_y(self) -> int:
        return self.y + 12


@dataclass(frozen=True)
class Counts:
    numbered_meetings: int
    other_meetings: int
    activities: int
    milestones: int
    deadlines: int
    pending: int


@dataclass(frozen=True)
class Picture:
    """The whole picture: its size, the month bands, the lanes, the as-of line and what lies beside it."""

    start: dt.date  # first day pictured
    end: dt.date  # last day pictured
    term_start: dt.date
    term_end: dt.date | None  # None while the term's end is to be confirmed
    day: int  # units per day
    width: int
    height: int
    top: int  # top of the lanes (under the month labels)
    bottom: int  # bottom of the lanes
    months: tuple[MonthTick, ...]
    lanes: tuple[Lane, ...]
    as_of: dt.date | None
    as_of_x: int | None  # the middle of the as-of day, when it is pictured
    pending: tuple[Entry, ...]  # events whose date is still to be determined
    outside: tuple[Entry, ...]  # dated items that fall outside the picture
    counts: Counts

    @property
    def clipped(self) -> bool:
        """Whether the picture shows less than the whole term (of a term whose end is known)."""
        return self.term_end is not None and (self.start, self.end) != (self.term_start, self.term_end)

    @staticmethod
    def href(entry: Entry) -> str | None:
        """The link to an item's place on the page, for the items listed beside the picture."""
        return _href(entry)


@dataclass(frozen=True, slots=True)
class DayItem:
    """One item listed in a day of the calendar."""

    kind: MarkKind
    id: str
    title: str
    label: str
    href: str | None
    continued: bool  # a later day of an activity or meeting of several days
    precision: str = "day"  # "month" or "year": listed once, on the first day of its period


@dataclass(frozen=True, slots=True)
class CalendarDay:
    date: dt.date
    in_term: bool
    items: tuple[DayItem, ...]


@dataclass(frozen=True)
class CalendarMonth:
    """A month as weeks (Monday first); ``None`` for the days of a week outside the month."""

    year: int
    month: int
    weeks: tuple[tuple[CalendarDay | None, ...], ...]


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _month_of(index: int) -> tuple[int, int]:
    return index // 12, index % 12 + 1


def _last_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _window(plan: CommitteePlan, dated: list[Entry]) -> tuple[dt.date, dt.date]:
    """The days pictured: the term, or at most `MAX_MONTHS` months of it from its first dated item.

    While the term's end is to be confirmed, the term is pictured to its last dated item.
    """
    start, end = plan.term.start, plan.term.end
    if end is None:
        end = max((e.last_day for e in dated if e.last_day is not None and e.last_day >= start), default=start)
    if _month_index(end) - _month_index(start) < MAX_MONTHS:
        return start, end
    inside = [e.date for e in dated if e.date is not None and start <= e.date <= end]
    if inside:
        first = min(inside)
        start = max(start, first.replace(day=1))
    year, month = _month_of(_month_index(start) + MAX_MONTHS - 1)
    return start, min(end, _last_of_month(year, month))


def _href(entry: Entry) -> str | None:
    if entry.kind == "meeting":
        return "#" + meeting_anchor(entry)
    if entry.kind == "activity":
        return "#" + entry.id
    if entry.kind == "deadline":
        return "#" + entry.id.partition("/")[0]  # the report's reminder
    return None  # a milestone has no section of its own


def _stack(extents: Iterable[tuple[int, int]]) -> list[int]:
    """A row for each (left, right) extent, in order, so that no two in a row touch."""
    ends: list[int] = []
    rows = []
    for left, right in extents:
        row = next((i for i, end in enumerate(ends) if end < left), len(ends))
        if row == len(ends):
            ends.append(right)
        else:
            ends[row] = right
        rows.append(row)
    return rows


def _lane(kind: MarkKind, entries: list[Entry], y: int, start: dt.date, end: dt.date, day: int) -> Lane:
    """The lane of one kind of item (all dated), its top at ``y``; each is clipped to the days pictured."""
    spans = [(max(e.date, start), min(e.last_day or e.date, end)) for e in entries if e.date is not None]

    def x(when: dt.date) -> int:
        return MARGIN + (when - start).days * day

    extents = []
    for first, last in spans:
        if kind == "activity":
            extents.append((x(first), x(last) + day))
        else:
            # A meeting of several days reaches to the middle of its last day.
            middle = x(first) + day // 2
            extents.append((middle - HALF_WIDTH[kind], x(last) + day // 2 + HALF_WIDTH[kind]))
    # Numbered meetings take the first rows, the other meetings the rows under them.
    groups = [[e.number is not None for e in entries], [e.number is None for e in entries]]
    rows: dict[int, int] = {}
    for members in groups if kind == "meeting" else [[True] * len(entries)]:
        group = sorted((i for i, member in enumerate(members) if member), key=lambda i: extents[i])
        below = max(rows.values(), default=-1) + 1
        rows.update(zip(group, (below + row for row in _stack(extents[i] for i in group)), strict=True))
    marks = []
    for i, e in enumerate(entries):
        (first, last), (left, right) = spans[i], extents[i]
        marks.append(
            Mark(
                kind=kind,
                id=e.id,
                title=e.title,
                date=first,
                last_day=last,
                x=left if kind == "activity" else x(first) + day // 2,
                width=right - left if kind == "activity" else (last - first).days * day,
                y=y + LANE_HEAD + rows[i] * ROW + ROW // 2,
                row=rows[i],
                label=str(e.number) if kind == "meeting" and e.number is not None else "",
                href=_href(e),
                precision=e.precision,
            )
        )
    count = max(rows.values(), default=0) + 1
    return Lane(kind, y, LANE_HEAD + count * ROW, count, tuple(marks))


def term_picture(plan: CommitteePlan, as_of: dt.date | None = None) -> Picture | None:
    """The picture of a committee's term, or ``None`` for a term that ends before it starts or has nothing dated."""
    if plan.term.end is not None and plan.term.end < plan.term.start:
        return None
    dated, undated = plan_entries(plan, citations=False)
    if not dated and not index_of(plan).yearly:
        return None  # nothing to draw
    start, end = _window(plan, dated)
    days = (end - start).days + 1
    day = max(2, PLOT_WIDTH // days // 2 * 2)

    def x(when: dt.date) -> int:
        return MARGIN + (when - start).days * day

    entries = [*dated, *deadlines_between(plan, start, end)]
    entries.sort(key=Entry.sort_key)
    shown: list[Entry] = []
    outside: list[Entry] = []
    for e in entries:
        pictured = e.date is not None and e.date <= end and (e.last_day or e.date) >= start
        (shown if pictured else outside).append(e)

    lanes = []
    y = MONTH_ROW
    for kind in LANE_KINDS:
        members = [e for e in shown if e.kind == kind]
        if not members:  # a lane for a kind of item the plan has none of would be empty
            continue
        lane = _lane(kind, members, y, start, end, day)
        lanes.append(lane)
        y += lane.height + LANE_GAP
    bottom = y - LANE_GAP

    months: list[MonthTick] = []
    for index in range(_month_index(start), _month_index(end) + 1):
        year, month = _month_of(index)
        first = max(start, dt.date(year, month, 1))
        last = min(end, _last_of_month(year, month))
        months.append(MonthTick(year, month, x(first), x(last) + day - x(first), month == 1 or not months))

    meetings = [m for m in shown if m.kind == "meeting"]
    counts = Counts(
        numbered_meetings=sum(1 for m in meetings if m.number is not None),
        other_meetings=sum(1 for m in meetings if m.number is None),
        activities=sum(1 for e in shown if e.kind == "activity"),
        milestones=sum(1 for e in shown if e.kind == "milestone"),
        deadlines=sum(1 for e in shown if e.kind == "deadline"),
        pending=sum(1 for e in undated if e.kind == "pending"),
    )
    return Picture(
        start=start,
        end=end,
        term_start=plan.term.start,
        term_end=plan.term.end,
        day=day,
        width=2 * MARGIN + days * day,
        height=bottom + FOOT,
        top=MONTH_ROW,
        bottom=bottom,
        months=tuple(months),
        lanes=tuple(lanes),
        as_of=as_of,
        as_of_x=x(as_of) + day // 2 if as_of is not None and start <= as_of <= end else None,
        pending=tuple(e for e in undated if e.kind == "pending"),
        outside=tuple(outside),
        counts=counts,
    )


def calendar_months(picture: Picture) -> tuple[CalendarMonth, ...]:
    """Every month of the picture as weeks of days, each day with the items it holds."""
    by_day: dict[dt.date, list[DayItem]] = {}
    for lane in picture.lanes:
        for mark in lane.marks:
            # A date given only by month or year is listed once, on its period's first day (pictured).
            days = 1 if mark.precision != "day" else (mark.last_day - mark.date).days + 1
            for offset in range(days):
                when = mark.date + dt.timedelta(days=offset)
                item = DayItem(mark.kind, mark.id, mark.title, mark.label, mark.href, offset > 0, mark.precision)
                by_day.setdefault(when, []).append(item)
    order = {kind: i for i, kind in enumerate(LANE_KINDS)}
    months: list[CalendarMonth] = []
    for index in range(_month_index(picture.start), _month_index(picture.end) + 1):
        year, month = _month_of(index)
        length = calendar.monthrange(year, month)[1]
        cells: list[CalendarDay | None] = [None] * dt.date(year, month, 1).weekday()
        for number in range(1, length + 1):
            when = dt.date(year, month, number)
            # Marks were laid out lane by lane, each lane in date order: sorting by lane keeps that order.
            items = sorted(by_day.get(when, ()), key=lambda item: order[item.kind])
            in_term = picture.term_start <= when and (picture.term_end is None or when <= picture.term_end)
            cells.append(CalendarDay(when, in_term, tuple(items)))
        cells += [None] * (-len(cells) % 7)
        weeks = tuple(tuple(cells[i : i + 7]) for i in range(0, len(cells), 7))
        months.append(CalendarMonth(year, month, weeks))
    return tuple(months)
