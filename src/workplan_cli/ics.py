"""Calendars: a plan's dated items as RFC 5545 events, through icalendar, written as they are made.

Events are reproducible: their DTSTAMP and SEQUENCE come from the plan's git
history (`calendar_history`), or from the plan's own dates outside git.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from . import i18n
from .i18n import _
from .index import index_of
from .models import (
    Activity,
    CommitteePlan,
    Meeting,
    Plan,
    ProgramPlan,
    last_day,
    precision,
    program_activities,
)
from .render import CommitteeView
from .templating import long_day
from .text import visible
from .timeline import program_place
from .vocabulary import NOT_TAKING_PLACE
from .wording import meeting_title, status_name

# RFC 5545 §3.8.1.11: an event is TENTATIVE, CONFIRMED or CANCELLED; a postponed one is not confirmed.
ICS_STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE", "held": "CONFIRMED"}


def _uid(plan: Plan, ident: str) -> str:
    return f"{ident}@{plan.id}.workplan"


def _ics_summary(item: Any, title: str) -> str:
    """``Cancelled: CSH: Fifth meeting``: a cancelled or postponed item says so first (a calendar shows only this line)."""
    if getattr(item, "status", None) in NOT_TAKING_PLACE:
        return _("{status}: {title}").format(status=status_name(item.status), title=title)
    return title


def _status_line(item: Any) -> list[str]:
    """The first line of a cancelled or postponed item's description: its status and note."""
    if getattr(item, "status", None) not in NOT_TAKING_PLACE:
        return []
    status = status_name(item.status)
    return [_("{status}: {note}").format(status=status, note=item.status_note) if item.status_note else status]


def _ics_events(plan: CommitteePlan) -> Iterator[tuple[str, Callable[[Any], None]]]:
    """(uid, filler) pairs; fillers set an event's properties."""
    import zoneinfo

    zone = zoneinfo.ZoneInfo(plan.timezone)
    view = CommitteeView(plan)
    for meeting in plan.meetings:
        lines = _status_line(meeting)
        for section, entries in view.index.sections(meeting):
            if section.heading:
                lines.append(section.heading)
            if section.area:
                lines.append(view.area_name(section.area))
            lines += [f"- {e.entry.title}" if e.is_topic else f"  - {e.entry.title}" for e in entries]
        if meeting.documents:
            lines.append(
                i18n.ngettext("Document: {documents}", "Documents: {documents}", len(meeting.documents)).format(
                    documents=", ".join(meeting.documents)
                )
            )
        lines += [_("Link: {url}").format(url=url) for url in meeting.links]

        def fill(event: Any, m: Meeting = meeting, description: str = "\n".join(lines)) -> None:
            event.add("summary", _ics_text(_ics_summary(m, f"{plan.committee.acronym}: {meeting_title(m)}")))
            if m.start_time is None or m.end_time is None:
                # Hours to be confirmed: a day (or days) without a time, as all-day events are.
                _all_day(event, m.date, m.last_day)
            else:
                event.add("dtstart", dt.datetime.combine(m.date, m.start_time, tzinfo=zone))
                event.add("dtend", dt.datetime.combine(m.date, m.end_time, tzinfo=zone))
                if m.last_day > m.date:  # the same hours on each of its days
                    event.add("rrule", {"freq": "daily", "count": (m.last_day - m.date).days + 1})
            if description:
                event.add("description", _ics_text(description))
            if m.status in ICS_STATUS:
                event.add("status", ICS_STATUS[m.status])
            event.add("categories", ["meeting"])

        yield _uid(plan, meeting.id), fill
    for activity in plan.activities:

        def fill_activity(event: Any, a: Activity = activity) -> None:
            organizers = ", ".join(view.who(o) for o in a.organizers)
            event.add("summary", _ics_text(_ics_summary(a, f"{a.title}{', ' + organizers if organizers else ''}")))
            _all_day(event, a.date, last_day(a.end_date or a.date))
            lines = _status_line(a)
            if precision(a.date) != "day":
                lines.append(_("Day to be confirmed: {period}").format(period=long_day(a.date)))
            if lines:
                event.add("description", _ics_text("\n".join(lines)))
            if a.place:
                event.add("location", _ics_text(a.place))
            if a.status in ICS_STATUS:
                event.add("status", ICS_STATUS[a.status])
            event.add("categories", ["activity"])
            event.add("transp", "TRANSPARENT")

        yield _uid(plan, activity.id), fill_activity
    for milestone in plan.procedure.milestones:

        def fill_milestone(event: Any, ms: Any = milestone) -> None:
            event.add(
                "summary",
                _ics_text(
                    _("{committee} draft resolution: {milestone}").format(
                        committee=plan.committee.acronym, milestone=ms.title
                    )
                ),
            )
            _all_day(event, ms.date, last_day(ms.date))
            if precision(ms.date) != "day":
                event.add("description", _ics_text(_("Day to be confirmed: {period}").format(period=long_day(ms.date))))
            event.add("categories", ["milestone"])
            event.add("transp", "TRANSPARENT")

        yield _uid(plan, milestone.id), fill_milestone
    for report, due in view.index.yearly:
        first = _first_occurrence(plan.term.start, due.month, due.day)
        if first is None:  # the calendar ends before the day comes round
            continue

        def fill_report(event: Any, r: Any = report, d: Any = due, start: dt.date = first) -> None:
            event.add(
                "summary",
                _ics_text(_("Report due: {report}").format(report=r.title) + (f" ({d.what})" if d.what else "")),
            )
            _all_day(event, start, start)
            event.add("rrule", {"freq": "yearly", "bymonth": d.month, "bymonthday": d.day})
            event.add("categories", ["deadline"])
            event.add("transp", "TRANSPARENT")

        yield _uid(plan, f"{report.id}-{due.month:02d}{due.day:02d}"), fill_report


def _program_events(plan: ProgramPlan) -> Iterator[tuple[str, Callable[[Any], None]]]:
    """(uid, filler) pairs of a program plan's dated activities: all-day events, as a committee's other activities.

    An activity's uid is its program's (or sub-program's) id and its number there.
    """
    for placed in program_activities(plan, dated=True):

        def fill(
            event: Any, a: Any = placed.activity, where: str = program_place(placed), n: int = placed.number
        ) -> None:
            name = _("{program}, activity {number}").format(program=where, number=n)
            event.add("summary", _ics_text(f"{plan.organization.acronym}: {name}"))
            _all_day(event, a.date, last_day(a.end_date or a.date))
            lines = [a.text]
            if precision(a.date) != "day":
                lines.append(_("Day to be confirmed: {period}").format(period=long_day(a.date)))
            event.add("description", _ics_text("\n".join(lines)))
            if a.place:
                event.add("location", _ics_text(a.place))
            event.add("categories", ["activity"])
            event.add("transp", "TRANSPARENT")

        yield _uid(plan, f"{placed.group_id}-{placed.number}"), fill


def _first_occurrence(start: dt.date, month: int, day: int) -> dt.date | None:
    from dateutil.rrule import YEARLY, rrule

    found = rrule(YEARLY, dtstart=dt.datetime.combine(start, dt.time()), bymonth=month, bymonthday=day, count=1)
    return next((moment.date() for moment in found), None)


def _all_day(event: Any, first: dt.date, last: dt.date) -> None:
    """An all-day event from ``first`` to ``last`` inclusive (iCalendar's end is the day after)."""
    event.add("dtstart", first)
    if last < dt.date.max:
        event.add("dtend", last + dt.timedelta(days=1))
    elif last > first:  # no day after 31 December 9999 to end on: say how long instead
        event.add("duration", dt.timedelta(days=(last - first).days + 1))


def _ics_text(text: str) -> Any:
    """Plan text as an iCalendar TEXT value: line breaks escaped, other control characters shown as escapes."""
    import icalendar

    return icalendar.vText("\n".join(visible(line) for line in text.replace("\r\n", "\n").split("\n")))


class CalendarHistory(NamedTuple):
    """What dates a calendar's events: the plan's revision count and the day of its last revision."""

    revision: int
    stamp: dt.datetime


def calendar_history(plan_path: Path | None) -> CalendarHistory | None:
    """The plan file's git history as a calendar uses it; None outside git (the plan's own dates serve).

    The revision count is the number of commits of the file, one more while it has
    changes not yet committed; the stamp is the time of its last commit.  Both are the
    same every time the same revision is rendered.
    """
    if plan_path is None:
        return None
    from .revisions import file_history

    history = file_history(plan_path)
    if history is None:
        return None
    return CalendarHistory(history.commits + history.changed_since, history.last_commit)


def calendar_notice(plan: Plan) -> str | None:
    """What to tell on standard error about a plan's calendar: that it has no events, when it has none."""
    if isinstance(plan, CommitteePlan) and index_of(plan).dated:
        return None
    if isinstance(plan, ProgramPlan) and any(program_activities(plan, dated=True)):
        return None
    return f"{plan.id}: nothing is dated in this plan yet; its calendar has no events"


def notices(plans: list[Plan], fmt: str) -> list[str]:
    """What `render` tells on standard error before it writes: calendars that will have no events."""
    if fmt != "ics":
        return []
    return [notice for plan in plans if (notice := calendar_notice(plan)) is not None]


def render_ics_pieces(plan: Plan, history: CalendarHistory | None = None) -> Iterator[str]:
    """An iCalendar file of every dated item, piece by piece: the head, each event as it is made, the end line.

    Reproducible: DTSTAMP comes from the plan, or its git history.
    """
    return render_calendar_pieces([(plan, history)], plan.title)


def _fold(line: str, limit: int = 75, fold_sep: str = "\r\n ") -> str:
    """icalendar's folding of a content line (RFC 5545 §3.1), the same bytes, without a step per character.

    A line of ASCII (nearly all of a calendar) is cut every ``limit - 1`` characters, a
    backslash or caret that would end a piece starting the next one instead (icalendar
    keeps an escape whole); any other line goes through icalendar's own function.
    """
    if not line.isascii():
        return str(_ICALENDAR_FOLD(line, limit, fold_sep))
    width = limit - 1
    if len(line) <= width:
        return line
    pieces = []
    start = 0
    while len(line) - start > width:
        end = start + width
        if line[end - 1] in "\\^":
            end -= 1
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return fold_sep.join(pieces)


_ICALENDAR_FOLD: Any = None


def _fast_folding() -> None:
    """Fold content lines with `_fold` (a third of the time of a calendar went to icalendar's fold).

    Only where icalendar folds through ``content_line._foldline`` and `_fold` gives the same
    text as it does on lines that exercise every rule; else icalendar's own stays.
    """
    global _ICALENDAR_FOLD
    if _ICALENDAR_FOLD is not None:
        return
    from icalendar.parser import content_line

    original = getattr(content_line, "_foldline", None)
    if original is None:
        _ICALENDAR_FOLD = False
        return
    _ICALENDAR_FOLD = original
    probes = [
        "x" * 200,
        "a" * 73 + "\\n" + "b" * 150,
        "c" * 147 + "^^" + "d" * 80,
        "é" * 90 + "x" * 80,
        "y" * 74,
        "z" * 75,
    ]
    if all(_fold(probe) == original(probe) for probe in probes):
        content_line._foldline = _fold  # type: ignore[attr-defined]


def render_calendar_pieces(plans: list[tuple[Plan, CalendarHistory | None]], name: str) -> Iterator[str]:
    """One calendar of the events of several plans (a site's calendar of all plans), called ``name``.

    Each plan's events are dated by its own history (`calendar_history`); each time zone
    the plans use has its VTIMEZONE once.
    """
    import zoneinfo

    import icalendar

    _fast_folding()

    cal = icalendar.Calendar()
    cal.add("prodid", "-//workplan//workplan-cli//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _ics_text(name))
    committees = [(plan, history) for plan, history in plans if isinstance(plan, CommitteePlan)]
    programs = [(plan, history) for plan, history in plans if isinstance(plan, ProgramPlan)]
    if not committees and not any(calendar_notice(plan) is None for plan, _history in programs):
        yield cal.to_ical().decode("utf-8")
        return
    # The zone's rules a year either side of the term (to its last dated item
    # while its end is to be confirmed), kept well inside the calendar (years 1
    # to 9999), which icalendar steps past at its edges.
    spans: dict[str, tuple[dt.date, dt.date]] = {}
    for plan, _history in committees:
        term_end = plan.term.end or max((d.last_day for d in index_of(plan).dated), default=plan.term.start)
        first = max(plan.term.start, dt.date(11, 1, 1)) - dt.timedelta(days=366)
        last = min(max(term_end, plan.term.start), dt.date(9988, 12, 31)) + dt.timedelta(days=366)
        known = spans.get(plan.timezone)
        spans[plan.timezone] = (min(first, known[0]), max(last, known[1])) if known else (first, last)
    if len(spans) == 1:
        cal.add("x-wr-timezone", next(iter(spans)))
    for zone, (first, last) in spans.items():
        cal.add_component(icalendar.Timezone.from_tzinfo(zoneinfo.ZoneInfo(zone), zone, first, last))
    # The calendar without its events ends with its END line: the events go before it.
    head = cal.to_ical().decode("utf-8")
    end = "END:VCALENDAR\r\n"
    # Each plan's events in the order the plans come (a program plan's are all-day: no time zone of its own).
    events = (event for plan, history in plans for event in _plan_events(plan, history))
    if not head.endswith(end):  # never seen; the whole calendar at once is right whatever icalendar does
        for event in events:
            cal.add_component(event)
        yield cal.to_ical().decode("utf-8")
        return
    yield head[: -len(end)]
    for event in events:
        yield event.to_ical().decode("utf-8")
    yield end


def _plan_events(plan: Plan, history: CalendarHistory | None) -> Iterator[Any]:
    if history is not None:
        stamp, revision = history.stamp, history.revision
    else:
        day = plan.approved.date if isinstance(plan, ProgramPlan) else plan.adopted or plan.date or plan.term.start
        stamp, revision = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC), 0
    fillers = _program_events(plan) if isinstance(plan, ProgramPlan) else _ics_events(plan)
    for uid, fill in fillers:
        yield _ics_event(uid, stamp, revision, fill)


def _ics_event(uid: str, stamp: dt.datetime, revision: int, fill: Callable[[Any], None]) -> Any:
    import icalendar

    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    fill(event)
    # SEQUENCE: twice the plan's revision count, plus one while the event is cancelled or
    # postponed (TENTATIVE).  It never goes down from one revision of the plan to the next
    # (a revision adds 2, a change of status takes away at most 1), so a calendar program
    # that imports the file again after a `move` or `cancel` updates the event it has.
    event.add("sequence", 2 * revision + (str(event.get("status", "")) in ("CANCELLED", "TENTATIVE")))
    return event
