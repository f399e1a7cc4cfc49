"""Rules on dates: the term, the order of a start and an end, weekends, deadlines, dates to confirm."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from ..diagnostics import Severity
from ..index import PlanIndex
from ..models import (
    CommitteePlan,
    Plan,
    ProgramPlan,
    last_day,
    program_activities,
)
from ..models.scalars import hh_mm
from ..vocabulary import COMMITTEE_KIND
from .registry import Finding, rule

# --- dates -------------------------------------------------------------------------------


def _in_term(plan: CommitteePlan, day: dt.date) -> bool:
    return plan.term.start <= day and (plan.term.end is None or day <= plan.term.end)


def _term_text(plan: CommitteePlan) -> str:
    return f"{plan.term.start} to {plan.term.end}" if plan.term.end else f"from {plan.term.start}"


@rule("WP110", "outside-term", Severity.ERROR, COMMITTEE_KIND)
def outside_term(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """A meeting or milestone falls outside the plan's term.

    Every day of a meeting of several days is checked.  While the term's end is
    to be confirmed, only its start is.

    Passes: a meeting on 2023-03-16 in a term from 2022-11-11 to 2023-06-23.

    Fails: the same meeting typed as 2024-03-16.
    """
    for i, meeting in enumerate(plan.meetings):
        for key, day in (("date", meeting.date), ("end_date", meeting.end_date)):
            if day is not None and not _in_term(plan, day):
                yield Finding(
                    ("meetings", i, key),
                    f"meeting {meeting.id!r} on {day} is outside the term ({_term_text(plan)})",
                    meeting.id,
                )
                break
    for i, milestone in enumerate(plan.procedure.milestones):
        if not (_in_term(plan, milestone.date) or _in_term(plan, last_day(milestone.date))):
            yield Finding(
                ("procedure", "milestones", i, "date"),
                f"milestone {milestone.id!r} on {milestone.date} is outside the term ({_term_text(plan)})",
                milestone.id,
            )


@rule("WP111", "activity-outside-term", Severity.WARNING)
def activity_outside_term(plan: Plan, index: PlanIndex) -> Iterator[Finding]:
    """Another OAS activity falls wholly outside the plan's term, or a dated program activity outside its period.

    Other OAS activities may legitimately fall outside the committee's term,
    and a program plan's period may be approximate, so this is a warning:
    check the year, then suppress it with a reason.  An activity dated by
    month or year is outside only if the whole month or year is.

    Passes: an activity from 2023-01-11 to 2023-01-13 in a 2022–2023 term;
    a program activity dated `2023-03` in a period from 2022-09-01 to 2023-12-31.

    Fails: an activity on 2023-10-18 when the term ends on 2023-06-23; a
    program activity dated 2024 when the period ends on 2023-12-31.
    """
    if isinstance(plan, ProgramPlan):
        period = plan.period
        for placed in program_activities(plan):
            a = placed.activity
            if a.date is not None and (last_day(a.end_date or a.date) < period.start or a.date > period.end):
                yield Finding(
                    (*placed.loc, "date"),
                    f"activity {placed.number} of {placed.group_id!r} on {a.date} is outside the period "
                    f"({period.start} to {period.end})",
                    placed.group_id,
                )
        return
    for i, activity in enumerate(plan.activities):
        end = last_day(activity.end_date or activity.date)
        if end < plan.term.start or (plan.term.end is not None and activity.date > plan.term.end):
            yield Finding(
                ("activities", i, "date"),
                f"activity {activity.id!r} on {activity.date} is outside the term ({_term_text(plan)})",
                activity.id,
            )


@rule("WP112", "end-before-start", Severity.ERROR)
def end_before_start(plan: Plan, index: PlanIndex) -> Iterator[Finding]:
    """A date range or time range ends before it starts.

    Checked for the term or period, sessions, activities (other OAS activities and
    dated program activities), and meetings' days and hours.  An end given by
    month or year ends with its last day: `2023-05-08` to `2023-05` passes.

    Passes: `start_time: "10:00"`, `end_time: "13:00"`.

    Fails: `start_time: "14:30"`, `end_time: "13:00"`; or `date: 2023-05-24`, `end_date: 2023-05-20`.
    """
    if isinstance(plan, ProgramPlan):
        if plan.period.end < plan.period.start:
            yield Finding(
                ("period", "end"), f"the period ends ({plan.period.end}) before it starts ({plan.period.start})"
            )
        for placed in program_activities(plan):
            a = placed.activity
            if a.date is not None and a.end_date is not None and last_day(a.end_date) < a.date:
                yield Finding(
                    (*placed.loc, "end_date"),
                    f"activity {placed.number} of {placed.group_id!r} ends ({a.end_date}) before it starts ({a.date})",
                    placed.group_id,
                )
        return
    if plan.term.end is not None and plan.term.end < plan.term.start:
        yield Finding(("term", "end"), f"the term ends ({plan.term.end}) before it starts ({plan.term.start})")
    ga = plan.introduction.general_assembly
    if ga.end_date is not None and ga.date is not None and ga.end_date < ga.date:
        yield Finding(
            ("introduction", "general_assembly", "end_date"),
            f"the session ends ({ga.end_date}) before it starts ({ga.date})",
        )
    for i, activity in enumerate(plan.activities):
        if activity.end_date is not None and last_day(activity.end_date) < activity.date:
            yield Finding(
                ("activities", i, "end_date"),
                f"activity {activity.id!r} ends ({activity.end_date}) before it starts ({activity.date})",
                activity.id,
            )
    for i, meeting in enumerate(plan.meetings):
        if meeting.end_date is not None and meeting.end_date < meeting.date:
            yield Finding(
                ("meetings", i, "end_date"),
                f"meeting {meeting.id!r} ends ({meeting.end_date}) before it starts ({meeting.date})",
                meeting.id,
            )
        if meeting.start_time and meeting.end_time and meeting.end_time <= meeting.start_time:
            yield Finding(
                ("meetings", i, "end_time"),
                f"meeting {meeting.id!r} ends at {hh_mm(meeting.end_time)}, not after it starts at {hh_mm(meeting.start_time)}",
                meeting.id,
            )


@rule("WP113", "weekend-meeting", Severity.WARNING, COMMITTEE_KIND)
def weekend_meeting(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """A meeting starts or ends on a Saturday or Sunday.

    Committees meet on working days; a weekend date is usually a typo in the day or month.

    Passes: `date: 2023-03-16` (a Thursday). Fails: `date: 2023-03-18` (a Saturday).
    """
    for i, meeting in enumerate(plan.meetings):
        for key, day in (("date", meeting.date), ("end_date", meeting.end_date)):
            if day is not None and day.weekday() >= 5:
                yield Finding(("meetings", i, key), f"meeting {meeting.id!r} is on a {day:%A} ({day})", meeting.id)
                break


@rule("WP114", "impossible-deadline", Severity.ERROR, COMMITTEE_KIND)
def impossible_deadline(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """A yearly deadline is on a day its month does not have.

    29 February is allowed (it falls in leap years).

    Passes: `{month: 4, day: 30}`. Fails: `{month: 4, day: 31}`, `{month: 2, day: 30}`.
    """
    for i, report in enumerate(plan.reports):
        for j, due in enumerate(report.due):
            if due.day > calendar.monthrange(2024, due.month)[1]:
                yield Finding(
                    ("reports", i, "due", j, "day"),
                    f"{calendar.month_name[due.month]} has no day {due.day} (report {report.id!r})",
                    report.id,
                )


@rule("WP115", "date-to-confirm", Severity.WARNING, COMMITTEE_KIND)
def date_to_confirm(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """The term's end, or the date of the General Assembly session the plan names, is not given.

    A plan may be written before these are known; the pages then say the
    term's end is "to be confirmed".  What cannot be done meanwhile: without the term's end, meetings
    and milestones are checked against its start only and the picture of the
    term ends with the plan's last dated item; without the General Assembly's
    date, `workplan init` cannot date next term's session from this one.

    Passes: `term: {start: 2022-11-11, end: 2023-06-23}` and
    `introduction: {general_assembly: {name: ..., date: 2023-06-21}}`.

    Fails: `term: {start: 2022-11-11}`, or `general_assembly: {name: ...}` without `date` (accepted, with this
    warning). A plan with no `general_assembly` at all (a committee whose work leads to no session) passes.
    """
    if plan.term.end is None:
        yield Finding(
            ("term",),
            "the term's end is not given (to be confirmed): meetings and milestones are checked against its "
            "start only, and the picture of the term ends with the plan's last dated item",
            key=True,
        )
    session = plan.introduction.general_assembly
    # A plan that names no session at all (a committee whose term does not lead to one) is not asked for its date.
    if session.date is None and (session.name is not None or session.end_date is not None):
        yield Finding(
            ("introduction", "general_assembly"),
            "the General Assembly's date is not given (to be confirmed): `workplan init` "
            "cannot date next term's session from this plan",
            key=True,
        )
