"""Rules on meetings (numbering, order, clashes, meetings held within others) and on the draft resolution's milestones."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Severity
from ..index import PlanIndex
from ..models import (
    CommitteePlan,
    Meeting,
    Milestone,
    last_day,
)
from ..models.scalars import hh_mm
from ..vocabulary import COMMITTEE_KIND
from .registry import Finding, rule

# --- meetings -------------------------------------------------------------------------------


@rule("WP120", "meeting-numbering", Severity.ERROR, COMMITTEE_KIND)
def meeting_numbering(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """Numbered meetings are numbered without gaps or repeats, in date order.

    Numbering that starts at a later meeting than the first is WP124's (a warning).

    Passes: meetings numbered 1 (1 Dec), 2 (15 Dec), 3 (19 Jan); or 7, 8, 9.

    Fails: 1, 2, 4 (3 is missing); two meetings numbered 5; meeting 7 dated before meeting 6.
    """
    numbered = [(i, m) for i, m in enumerate(plan.meetings) if m.number is not None]
    first_with: dict[int, tuple[int, Meeting]] = {}
    for i, meeting in numbered:
        assert meeting.number is not None
        if meeting.number in first_with:
            other = first_with[meeting.number][1]
            yield Finding(
                ("meetings", i, "number"),
                f"meeting number {meeting.number} is used twice ({other.id!r} and {meeting.id!r})",
                meeting.id,
            )
        else:
            first_with[meeting.number] = (i, meeting)
    numbers = sorted(first_with)
    # One finding per gap, however wide (a typo such as 10000000 must not
    # make the rule count to it).
    for before, following in itertools.pairwise(numbers):
        if following - before < 2:
            continue
        i, meeting = first_with[following]
        if following - before == 2:
            message = f"meeting number {before + 1} is missing (the numbers go from {before} to {following})"
        else:
            message = f"meeting numbers {before + 1} to {following - 1} are missing (the numbers go from {before} to {following})"
        yield Finding(("meetings", i, "number"), message, meeting.id)
    for before, after in itertools.pairwise(numbers):
        (_, a), (i, b) = first_with[before], first_with[after]
        if b.date < a.date:
            yield Finding(
                ("meetings", i, "date"),
                f"meeting {b.number} ({b.date}) is dated before meeting {a.number} ({a.date})",
                b.id,
            )


def _start(meeting: Meeting) -> tuple[dt.date, dt.time]:
    return meeting.date, meeting.start_time or dt.time(0)


@rule("WP121", "meetings-out-of-order", Severity.WARNING, COMMITTEE_KIND)
def meetings_out_of_order(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """The `meetings` list is not in date and time order.

    Keeping the list in order keeps the file readable and the diffs of pull requests small.
    A meeting whose hours are to be confirmed counts from the start of its day.

    Fails: a meeting of 2023-03-02 listed after one of 2023-03-09.
    """
    for i, (before, after) in enumerate(zip(plan.meetings, plan.meetings[1:], strict=False), start=1):
        if _start(after) < _start(before):
            same_day = after.date == before.date
            yield Finding(
                ("meetings", i, "date"),
                f"meeting {after.id!r} ({_when(after, same_day)}) is listed after {before.id!r} "
                f"({_when(before, same_day)})",
                after.id,
            )


def _when(meeting: Any, with_time: bool) -> str:
    """A meeting's day, and its start time where the day alone does not tell two meetings apart."""
    start = getattr(meeting, "start_time", None)
    return f"{meeting.date} {hh_mm(start)}" if with_time and start is not None else str(meeting.date)


def _hours(meeting: Meeting) -> str:
    if meeting.start_time is None or meeting.end_time is None:
        return "time to be confirmed, taken as the whole day"
    return f"{hh_mm(meeting.start_time)}–{hh_mm(meeting.end_time)}"


def _overlap(a: Meeting, b: Meeting) -> bool:
    """Whether two meetings on a common day overlap in time: a meeting without hours takes the whole day."""
    if a.start_time is None or a.end_time is None or b.start_time is None or b.end_time is None:
        return True
    return a.start_time < b.end_time and b.start_time < a.end_time


# A meeting is filed under each of its days, up to this many (an end_date typed
# years too late must not make the rule count every day of them).
_MOST_DAYS = 400


@rule("WP122", "meeting-clash", Severity.WARNING, COMMITTEE_KIND)
def meeting_clash(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """Two meetings overlap in time on the same day.

    A meeting held inside another (an informal meeting during the last hour of a
    regular one) says so with `within: <meeting id>`, and then the overlap is expected.

    A meeting whose hours are to be confirmed takes its whole day; a meeting of
    several days takes each of them (at its hours).  A cancelled meeting
    (`status: cancelled`) frees its slot and clashes with nothing.

    Passes: a 12:00–13:00 meeting with `within: meeting-2` beside meeting-2 at 10:00–13:00.

    Fails: the same two meetings without `within`. Also: a meeting without hours on the day of another.
    """
    by_day: dict[dt.date, list[tuple[int, Meeting]]] = defaultdict(list)
    for i, meeting in enumerate(plan.meetings):
        if meeting.status == "cancelled":  # a cancelled meeting frees its slot
            continue
        days = min((meeting.last_day - meeting.date).days, _MOST_DAYS - 1) + 1
        for offset in range(max(days, 1)):
            by_day[meeting.date + dt.timedelta(days=offset)].append((i, meeting))
    seen: set[tuple[int, int]] = set()
    for day in sorted(by_day):
        day_meetings = by_day[day]
        for n, (k, a) in enumerate(day_meetings):
            for j, b in day_meetings[n + 1 :]:
                if (k, j) in seen or a.within == b.id or b.within == a.id:
                    continue
                if _overlap(a, b):
                    seen.add((k, j))
                    yield Finding(
                        ("meetings", j, "start_time" if b.start_time is not None else "date"),
                        f"meeting {b.id!r} ({_hours(b)}) overlaps {a.id!r} ({_hours(a)}) on {day}; if it is held within it, add `within: {a.id}`",
                        b.id,
                    )


@rule("WP123", "within-mismatch", Severity.ERROR, COMMITTEE_KIND)
def within_mismatch(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """A meeting marked `within` another is not on its days and inside its hours.

    A host whose hours are to be confirmed holds anything on its days.

    Passes: 12:00–13:00 on 2022-12-15 within a 10:00–13:00 meeting of 2022-12-15.

    Fails: the same meeting moved to 2022-12-16 but still `within` the first.
    """
    for i, meeting in enumerate(plan.meetings):
        host = index.entity(meeting.within) if meeting.within else None
        if not isinstance(host, Meeting):
            continue
        days = host.date <= meeting.date and meeting.last_day <= host.last_day
        hours = (
            host.start_time is None
            or host.end_time is None
            or meeting.start_time is None
            or meeting.end_time is None
            or (host.start_time <= meeting.start_time and meeting.end_time <= host.end_time)
        )
        if not (days and hours):
            yield Finding(
                ("meetings", i, "within"),
                f"meeting {meeting.id!r} ({meeting.date} {_hours(meeting)}) is not inside {host.id!r} ({host.date} {_hours(host)})",
                meeting.id,
            )


@rule("WP124", "numbering-starts-late", Severity.WARNING, COMMITTEE_KIND)
def numbering_starts_late(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """The numbered meetings start at a later number than 1.

    A plan being transcribed, or a term taken over mid-way, may start at a later
    meeting; this says so, in case the first meetings were forgotten.

    Passes: meetings numbered 1, 2, 3.

    Fails: meetings numbered 7, 8, 9 (accepted, with this warning).
    """
    numbered = [(i, m) for i, m in enumerate(plan.meetings) if m.number is not None]
    if not numbered:
        return
    i, first = min(numbered, key=lambda pair: (pair[1].number, pair[0]))
    if first.number is not None and first.number > 1:
        yield Finding(
            ("meetings", i, "number"),
            f"numbering does not start at 1 (the first is {first.number}): a partial plan, or meetings missing",
            first.id,
        )


# --- the draft resolution's milestones --------------------------------------------------------

STAGE_ORDER = ("procedure", "first-version", "comments-due", "revised-version", "consideration")


@rule("WP130", "milestone-order", Severity.ERROR, COMMITTEE_KIND)
def milestone_order(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """The draft-resolution milestones are not in their natural order.

    Procedure, then first version, then the comment deadline, then the revised
    version, then consideration: each on or after the one before.  Other stages
    (`drafts-due`, or a stage of the plan's own) have no fixed place and are not checked.

    Passes: procedure 19 Jan, first version 14 Apr, comments 28 Apr, revision 5 May, consideration 25 May.

    A milestone dated by its month or year is out of order only if its whole period is: comments
    due in April 2023 may follow a first version of 14 April.

    Fails: comments due 10 Apr, before the first version of 14 Apr.
    """
    ordered = sorted(
        ((i, m) for i, m in enumerate(plan.procedure.milestones) if m.stage in STAGE_ORDER),
        key=lambda p: STAGE_ORDER.index(p[1].stage),
    )
    latest: Milestone | None = None
    for i, milestone in ordered:
        # A milestone dated by its month or year comes before another only if its whole period does.
        if latest is not None and last_day(milestone.date) < latest.date and milestone.stage != latest.stage:
            yield Finding(
                ("procedure", "milestones", i, "date"),
                f"milestone {milestone.id!r} ({milestone.stage}, {milestone.date}) comes before {latest.id!r} ({latest.stage}, {latest.date})",
                milestone.id,
            )
        if latest is None or milestone.date >= latest.date:
            latest = milestone


@rule("WP131", "milestone-meeting", Severity.ERROR, COMMITTEE_KIND)
def milestone_meeting(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """A milestone held at a meeting is not dated on one of that meeting's days.

    Passes: `{date: 2023-01-19, meeting: meeting-3}` with meeting-3 on 2023-01-19.

    Fails: the meeting moves to 2023-01-26 and the milestone still says 2023-01-19.
    """
    for i, milestone in enumerate(plan.procedure.milestones):
        meeting = index.entity(milestone.meeting) if milestone.meeting else None
        if isinstance(meeting, Meeting) and not (
            meeting.date <= milestone.date and last_day(milestone.date) <= meeting.last_day
        ):
            yield Finding(
                ("procedure", "milestones", i, "date"),
                f"milestone {milestone.id!r} is dated {milestone.date}, but meeting {meeting.id!r} is on {meeting.date}",
                milestone.id,
            )
