"""Publishing a plan: HTML and Markdown through Jinja templates, calendars through icalendar.

Templates live in the project's top-level ``templates/`` folder; wheels carry
them inside the package (``workplan_cli/templates``) and a source checkout
(including an editable install) reads them from the folder itself.  A
secretariat can override any template with ``--template-dir``; the bundled
ones serve the rest.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

from . import dates
from .errors import PathError, WorkplanError
from .models import Activity, CommitteePlan, Meeting, Plan, ProgramPlan
from .text import md_escape, printable, safe_url, visible
from .timeline import meeting_heading, meeting_title, ordinal

FORMATS = {"html": "html", "md": "md", "ics": "ics"}


class TemplateError(WorkplanError):
    """A template is broken: a syntax error or an undefined variable."""

    exit_code = 1


def bundled_template_dir() -> Path:
    """The bundled templates: inside the installed package, else the checkout's folder."""
    packaged = Path(__file__).resolve().parent / "templates"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "templates"
    if checkout.is_dir():
        return checkout
    raise PathError(f"the bundled templates are missing (looked in {packaged} and {checkout}); reinstall workplan")


# --- helpers the templates use ---------------------------------------------------------------


def long_day(day: dt.date) -> str:
    """``Thursday, December 1, 2022``: the house format (`dates.long_day`)."""
    return dates.long_day(day)


def short_day(day: dt.date) -> str:
    """``December 1``: the pages give the year in their headings (`dates.month_day`)."""
    return dates.month_day(day)


def clock(t: dt.time) -> str:
    """``10:00 a.m.``, ``2:30 p.m.``: the house format (`dates.clock`)."""
    return dates.clock(t)


@dataclass(frozen=True)
class ScheduleRow:
    """One row of the published two-column schedule."""

    date: dt.date
    column: str  # "committee" or "other"
    kind: str  # meeting, activity, milestone
    item: Any


@dataclass(frozen=True)
class SummaryRow:
    day: dt.date
    label: str
    text: str


class CommitteeView:
    """What the committee templates read: the plan plus lookups and derived tables."""

    def __init__(self, plan: CommitteePlan) -> None:
        self.plan = plan
        self.resolutions = {r.id: r for r in plan.resolutions}
        self.default = next((r.id for r in plan.resolutions if r.default), None)
        self.areas = {a.id: a for a in plan.areas}
        self.names: dict[str, str] = {b.id: b.acronym or b.name for b in plan.bodies}
        self.names.update({o.id: f"{o.title + ' ' if o.title else ''}{o.name}" for o in plan.officers})
        self.names.update({w.id: f"Chair of the {w.name}" for w in plan.working_groups})
        self.full_names: dict[str, str] = {b.id: b.name for b in plan.bodies}
        self.meetings = {m.id: m for m in plan.meetings}
        self.events = {e.id: e for e in plan.pending}
        self.subjects = {(r.id, p.label): p.subject for r in plan.resolutions for p in r.paragraphs if p.subject}

    def ref(self, ref: str) -> dict[str, str | None]:
        """A paragraph reference for display: its label, resolution (unless default) and subject."""
        resolution, _, label = ref.rpartition(":")
        resolution = resolution or self.default or ""
        declared = self.resolutions.get(resolution)
        subject = self.subjects.get((resolution, label))
        return {
            "label": label,
            "resolution": None if resolution == self.default or declared is None else declared.symbol,
            "subject": subject,
        }

    @staticmethod
    def has_refs(entry: Any) -> bool:
        """Whether an entry has anything for the template's `refs` macro to show (saves a macro call)."""
        return any(getattr(entry, name, ()) for name in ("paragraphs", "documents", "by", "speakers", "footnotes"))

    def who(self, ident: str) -> str:
        return self.names.get(ident, ident)

    def area_name(self, ident: str) -> str:
        area = self.areas.get(ident)
        return area.name if area else ident

    def heading(self, meeting: Meeting) -> str:
        return meeting_heading(meeting)

    def title(self, meeting: Meeting) -> str:
        return meeting_title(meeting)

    def event_title(self, ident: str) -> str:
        if ident in self.meetings:
            m = self.meetings[ident]
            return f"{m.title or meeting_title(m)}, {long_day(m.date)} ({clock(m.start_time)} – {clock(m.end_time)})"
        if ident in self.events:
            return f"{self.events[ident].title}, date to be determined"
        return ident

    def anchor(self, meeting: Meeting) -> str:
        return f"meeting-{meeting.number}" if meeting.number is not None else meeting.id

    def schedule(self) -> list[ScheduleRow]:
        """Meetings (left column) and other activities and milestones (right), by date."""
        rows = [ScheduleRow(m.date, "committee", "meeting", m) for m in self.plan.meetings]
        rows += [ScheduleRow(a.date, "other", "activity", a) for a in self.plan.activities]
        # Only the comment deadline stands in the right-hand column of the document;
        # the other milestones happen at meetings or are distributions.
        rows += [
            ScheduleRow(m.date, "other", "milestone", m)
            for m in self.plan.procedure.milestones
            if m.stage == "comments-due"
        ]
        order = {"meeting": 0, "activity": 1, "milestone": 2}
        return sorted(rows, key=lambda r: (r.date, getattr(r.item, "start_time", dt.time(0)), order[r.kind]))

    def schedule_by_year(self) -> list[tuple[int, list[ScheduleRow]]]:
        return [(year, list(rows)) for year, rows in groupby(self.schedule(), key=lambda r: r.date.year)]

    def summary(self) -> list[tuple[int, list[tuple[str, list[SummaryRow]]]]]:
        """The summary of meetings, derived from the meetings and milestones: year → month → rows."""
        rows: list[tuple[dt.date, dt.time, str]] = []
        for m in self.plan.meetings:
            if m.summary:
                rows.append((m.date, m.start_time, m.summary))
        for ms in self.plan.procedure.milestones:
            if ms.summary:
                rows.append((ms.summary_date or ms.date, dt.time(0), ms.summary))
        rows.sort()
        same_day = Counter(day for day, _, _ in rows)
        out: list[tuple[int, list[tuple[str, list[SummaryRow]]]]] = []
        for year, in_year in groupby(rows, key=lambda r: r[0].year):
            months = []
            for month, in_month in groupby(in_year, key=lambda r: r[0].month):
                entries = []
                for day, start, text in in_month:
                    label = str(day.day)
                    if same_day[day] > 1 and start != dt.time(0):
                        label += " (a.m.)" if start.hour < 12 else " (p.m.)"
                    entries.append(SummaryRow(day, label, text))
                months.append((dt.date(year, month, 1).strftime("%B").upper(), entries))
            out.append((year, months))
        return out

    def activity_when(self, activity: Activity) -> str:
        if activity.end_date and activity.end_date != activity.date:
            if activity.end_date.month == activity.date.month:
                return f"{short_day(activity.date)} to {activity.end_date.day}"
            return f"{short_day(activity.date)} to {short_day(activity.end_date)}"
        return short_day(activity.date)

    def md_refs(self, entry: Any) -> str:
        """`` _(paragraphs 38, 47.b of AG/RES. 2970 (LI-O/21); `CP/CSH-2176/22`; by SMS)_`` for Markdown."""
        parts = []
        paragraphs = getattr(entry, "paragraphs", [])
        if paragraphs:
            shown = []
            for ref in paragraphs:
                r = self.ref(ref)
                shown.append(md_escape(f"{r['label']}" + (f" of {r['resolution']}" if r["resolution"] else "")))
            parts.append(f"paragraph{'s' if len(shown) > 1 else ''} {', '.join(shown)}")
        documents = getattr(entry, "documents", [])
        if documents:
            parts.append(", ".join(f"`{d.replace('`', '')}`" for d in documents))
        who = [md_escape(self.who(b)) for b in getattr(entry, "by", [])]
        who += [md_escape(s.name) for s in getattr(entry, "speakers", [])]
        if who:
            parts.append("by " + "; ".join(who))
        return f" _({'; '.join(parts)})_" if parts else ""

    def section_marks(self, section: str) -> str:
        return "".join(f"[^{f.number}]" for f in self.plan.footnotes if f.section == section)

    def all_footnotes(self) -> list[Any]:
        """Every footnote of the plan, by number."""
        notes: list[Any] = [*self.plan.footnotes, *self.plan.procedure.events_footnotes]
        notes += [f for g in self.plan.mandates for f in g.footnotes]
        notes += [f for a in self.plan.activities for f in a.footnotes]
        for m in self.plan.meetings:
            notes += m.footnotes
            for s in m.agenda:
                for t in s.topics:
                    for e in (t, *t.items):
                        notes += e.footnotes
        return sorted(notes, key=lambda f: f.number)

    def due_text(self, report: Any) -> str:
        """``April 15 each year``; ``July 1 and July 30 each year``."""
        days = [f"{dt.date(2000, d.month, 1):%B} {d.day}" for d in report.due]
        return f"{' and '.join(days)} each year"


class ProgramView:
    def __init__(self, plan: ProgramPlan) -> None:
        self.plan = plan
        self.partners = {p.id: p for p in plan.partners}

    def partner(self, ident: str) -> str:
        p = self.partners.get(ident)
        return (p.acronym or p.name) if p else ident

    def md_partners(self, ids: list[str]) -> str:
        return f" _(partners: {', '.join(md_escape(self.partner(i)) for i in ids)})_" if ids else ""


# --- Jinja -----------------------------------------------------------------------------------


def _environment(template_dir: Path | None) -> Any:
    import jinja2

    folders = [str(template_dir)] if template_dir else []
    folders.append(str(bundled_template_dir()))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Every value a template prints: control characters from a plan
        # (an escape sequence, NUL, a lone CR) are shown as escapes, never
        # written into a page or a file.
        finalize=_printable,
    )
    env.filters.update(
        long_day=long_day,
        short_day=short_day,
        clock=clock,
        ordinal=ordinal,
        md=md_escape,
        safe_url=safe_url,
    )
    return env


def _printable(value: Any) -> Any:
    # Markup is what a macro or block built: each value in it was made
    # printable as it was printed, so it is not scanned again.
    return printable(value) if type(value) is str else value


def _template_position(exc: BaseException) -> tuple[str, int | None]:
    """The template file and line an exception was raised from, read off its traceback."""
    name, line = getattr(exc, "filename", None) or getattr(exc, "name", None), getattr(exc, "lineno", None)
    if name:
        return str(name), line
    tb = exc.__traceback__
    found: tuple[str, int | None] = ("template", None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_template(name: str, template_dir: Path | None, **context: Any) -> str:
    """Render one template; template problems become `TemplateError` naming file and line."""
    return "".join(render_template_pieces(name, template_dir, **context))


def render_template_pieces(name: str, template_dir: Path | None, **context: Any) -> Iterator[str]:
    """Render one template piece by piece (Jinja's ``generate``), for writing as it renders.

    A missing or unreadable template fails here, before any piece; whatever
    the template raises later fails the iteration, as `TemplateError` (or
    `PathError`) naming file and line.
    """
    if template_dir is not None and not template_dir.is_dir():
        raise PathError(f"{template_dir}: template folder not found")
    env = _environment(template_dir)
    try:
        template = env.get_template(name)
    except Exception as exc:
        raise _template_problem(exc, env, name) from None
    return _guarded(template.generate(**context), env, name)


def _guarded(pieces: Iterator[str], env: Any, name: str) -> Iterator[str]:
    try:
        for piece in pieces:
            yield str(piece)
    except Exception as exc:
        raise _template_problem(exc, env, name) from None


def _template_problem(exc: Exception, env: Any, name: str) -> WorkplanError:
    """What a template's exception means to the user: `PathError` for a missing template, else `TemplateError`."""
    import jinja2

    if isinstance(exc, jinja2.TemplateNotFound):
        return PathError(f"template {exc.name!r} not found in {', '.join(env.loader.searchpath)}")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = exc.filename or exc.name or name
        return TemplateError(f"{where}:{exc.lineno}: template syntax error: {exc.message}")
    if isinstance(exc, jinja2.UndefinedError):
        where, line = _template_position(exc)
        return TemplateError(f"{where}:{line or '?'}: undefined in template: {exc.message}")
    if isinstance(exc, RecursionError):
        where, line = _template_position(exc)
        return TemplateError(f"{where}:{line or '?'}: the template includes, extends or calls itself without end")
    # A template is a program of its own: whatever it raises is its error.
    where, line = _template_position(exc)
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return TemplateError(f"{where}:{line or '?'}: template error: {message}")


def render(plan: Plan, fmt: str, template_dir: Path | None = None) -> str:
    """The plan published in one format: ``html``, ``md`` or ``ics``."""
    return "".join(render_pieces(plan, fmt, template_dir))


def render_pieces(plan: Plan, fmt: str, template_dir: Path | None = None) -> Iterator[str]:
    """`render`, piece by piece: a page or calendar is written as it is made, never held whole."""
    if fmt == "ics":
        return render_ics_pieces(plan)
    kind = "committee" if isinstance(plan, CommitteePlan) else "program"
    view: CommitteeView | ProgramView = CommitteeView(plan) if isinstance(plan, CommitteePlan) else ProgramView(plan)
    return render_template_pieces(f"{kind}.{fmt}.j2", template_dir, plan=plan, view=view)


# --- iCalendar ----------------------------------------------------------------------------------


def _uid(plan: Plan, ident: str) -> str:
    return f"{ident}@{plan.id}.workplan"


def _ics_events(plan: CommitteePlan) -> Iterator[tuple[str, Callable[[Any], None]]]:
    """(uid, filler) pairs; fillers set an event's properties."""
    import zoneinfo

    zone = zoneinfo.ZoneInfo(plan.timezone)
    view = CommitteeView(plan)
    for meeting in plan.meetings:
        lines = []
        for section in meeting.agenda:
            if section.heading:
                lines.append(section.heading)
            if section.area:
                lines.append(view.area_name(section.area))
            for topic in section.topics:
                lines.append(f"- {topic.title}")
                lines += [f"  - {item.title}" for item in topic.items]

        def fill(event: Any, m: Meeting = meeting, description: str = "\n".join(lines)) -> None:
            event.add("summary", _ics_text(f"{plan.committee.acronym}: {meeting_title(m)}"))
            event.add("dtstart", dt.datetime.combine(m.date, m.start_time, tzinfo=zone))
            event.add("dtend", dt.datetime.combine(m.date, m.end_time, tzinfo=zone))
            if description:
                event.add("description", _ics_text(description))
            event.add("categories", ["meeting"])

        yield _uid(plan, meeting.id), fill
    for activity in plan.activities:

        def fill_activity(event: Any, a: Activity = activity) -> None:
            organizers = ", ".join(view.who(o) for o in a.organizers)
            event.add("summary", _ics_text(f"{a.title}{', ' + organizers if organizers else ''}"))
            _all_day(event, a.date, a.end_date or a.date)
            if a.place:
                event.add("location", _ics_text(a.place))
            event.add("categories", ["activity"])
            event.add("transp", "TRANSPARENT")

        yield _uid(plan, activity.id), fill_activity
    for milestone in plan.procedure.milestones:

        def fill_milestone(event: Any, ms: Any = milestone) -> None:
            event.add("summary", _ics_text(f"{plan.committee.acronym} draft resolution: {ms.title}"))
            _all_day(event, ms.date, ms.date)
            event.add("categories", ["milestone"])
            event.add("transp", "TRANSPARENT")

        yield _uid(plan, milestone.id), fill_milestone
    for report in plan.reports:
        for due in report.due:
            first = _first_occurrence(plan.term.start, due.month, due.day)
            if first is None:  # the calendar ends before the day comes round
                continue

            def fill_report(event: Any, r: Any = report, d: Any = due, start: dt.date = first) -> None:
                event.add("summary", _ics_text(f"Report due: {r.title}" + (f" ({d.what})" if d.what else "")))
                _all_day(event, start, start)
                event.add("rrule", {"freq": "yearly", "bymonth": d.month, "bymonthday": d.day})
                event.add("categories", ["deadline"])
                event.add("transp", "TRANSPARENT")

            yield _uid(plan, f"{report.id}-{due.month:02d}{due.day:02d}"), fill_report


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


def render_ics(plan: Plan) -> str:
    """An iCalendar file of every dated item; reproducible (DTSTAMP comes from the plan)."""
    return "".join(render_ics_pieces(plan))


def render_ics_pieces(plan: Plan) -> Iterator[str]:
    """`render_ics` piece by piece: the calendar's head, each event as it is made, the end line."""
    import zoneinfo

    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//workplan//workplan-cli//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _ics_text(plan.title))
    if not isinstance(plan, CommitteePlan):
        yield cal.to_ical().decode("utf-8")
        return
    stamp = dt.datetime.combine(plan.adopted, dt.time(), tzinfo=dt.UTC)
    # The zone's rules a year either side of the term, kept well inside the
    # calendar (years 1 to 9999), which icalendar steps past at its edges.
    first = max(plan.term.start, dt.date(11, 1, 1)) - dt.timedelta(days=366)
    last = min(plan.term.end, dt.date(9988, 12, 31)) + dt.timedelta(days=366)
    cal.add("x-wr-timezone", plan.timezone)
    cal.add_component(icalendar.Timezone.from_tzinfo(zoneinfo.ZoneInfo(plan.timezone), plan.timezone, first, last))
    # The calendar without its events ends with its END line: the events go before it.
    head = cal.to_ical().decode("utf-8")
    end = "END:VCALENDAR\r\n"
    events = (_ics_event(uid, stamp, fill) for uid, fill in _ics_events(plan))
    if not head.endswith(end):  # never seen; the whole calendar at once is right whatever icalendar does
        for event in events:
            cal.add_component(event)
        yield cal.to_ical().decode("utf-8")
        return
    yield head[: -len(end)]
    for event in events:
        yield event.to_ical().decode("utf-8")
    yield end


def _ics_event(uid: str, stamp: dt.datetime, fill: Callable[[Any], None]) -> Any:
    import icalendar

    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    fill(event)
    return event
