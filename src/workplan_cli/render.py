"""Publishing a plan: HTML and Markdown through Jinja templates, calendars through icalendar.

What a page shows is built here (`CommitteeView`, `ProgramView`: the plan with
its lookups and derived tables); the templates decide how it reads, and
`templating` runs them.  Templates live in the project's top-level
``templates/`` folder; wheels carry them inside the package
(``workplan_cli/templates``) and a source checkout (including an editable
install) reads them from the folder itself.  A secretariat can override any
template with ``--template-dir``; the bundled ones serve the rest.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any, NamedTuple

from . import dates, i18n
from .catalogs import compose, translate
from .i18n import _
from .index import index_of
from .models import (
    Activity,
    CommitteePlan,
    Meeting,
    Milestone,
    PendingEvent,
    Plan,
    ProgramPlan,
    last_day,
    precision,
)
from .templating import long_day, own_html, render_template_pieces, short_day
from .text import isolated, md_escape, printable, visible
from .timeline import meeting_heading, meeting_title, numbered_meeting, own_words, status_name
from .typography import punctuate_html, punctuate_lines

FORMATS = {"html": "html", "md": "md", "ics": "ics"}


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


class ShownRef(NamedTuple):
    """A paragraph reference as a page shows it (attributes, which Jinja reads faster than a dict's keys)."""

    label: str
    resolution: str | None
    """The resolution's symbol, None for the plan's default resolution."""
    subject: str | None


class EntryRefs(NamedTuple):
    """What the `refs` macros show of an entry, looked up in one call (a template unpacks it into five names)."""

    paragraphs: tuple[ShownRef, ...]
    documents: tuple[str, ...]
    presenters: tuple[str, ...]
    """The names of the bodies, officers and working groups of ``by`` (`CommitteeView.who`)."""
    speakers: tuple[Any, ...]
    footnotes: tuple[Any, ...]


class CommitteeView:
    """What the committee templates read: the plan plus lookups and derived tables."""

    def __init__(self, plan: CommitteePlan) -> None:
        self.plan = plan
        self.index = index_of(plan)
        self.meetings = {m.id: m for m in plan.meetings}
        self.full_names: dict[str, str] = {b.id: b.name for b in plan.bodies}
        # Each reference as shown, made on its first use: a plan cites a few
        # hundred paragraphs tens of thousands of times.
        self._shown: dict[str, ShownRef] = {}

    def ref(self, ref: str) -> ShownRef:
        """A paragraph reference for display: its label, resolution (unless default) and subject."""
        shown = self._shown.get(ref)
        if shown is None:
            found = self.index.reference(ref)  # resolved once per plan, in the index
            shown = self._shown[ref] = ShownRef(found.label, found.symbol, found.subject)
        return shown

    def refs(self, entry: Any) -> EntryRefs:
        """An agenda entry's (or working group's) references, documents, presenters and footnotes, for `refs`."""
        return EntryRefs(
            tuple(map(self.ref, getattr(entry, "paragraphs", ()))),
            tuple(getattr(entry, "documents", ())),
            tuple(map(self.who, getattr(entry, "by", ()))),
            tuple(getattr(entry, "speakers", ())),
            tuple(getattr(entry, "footnotes", ())),
        )

    def md_refs(self, entry: Any, notes: bool = True) -> str:
        """What the Markdown `refs` macro prints, made in one call (it runs once per agenda entry).

        `` _(paragraphs 38, 47.b of AG/RES. 2970 (LI-O/21); `CP/CSH-2176/22`; by SMS)_[^3]``:
        each value escaped for Markdown and made printable as the template's own printing would.
        """
        paragraphs, documents, presenters, speakers, footnotes = self.refs(entry)
        out = ""
        if paragraphs or documents or presenters or speakers:
            groups = []
            if paragraphs:
                of = i18n.gettext("%(paragraph)s of %(resolution)s")
                shown = ", ".join(
                    printable(md_escape(of % {"paragraph": label, "resolution": resolution} if resolution else label))
                    for label, resolution, _subject in paragraphs
                )
                word = i18n.ngettext("paragraph", "paragraphs", len(paragraphs))
                groups.append(f"{word} {shown}")
            if documents:
                groups.append(", ".join(f"`{printable(d.replace('`', ''))}`" for d in documents))
            if presenters or speakers:
                by = [printable(md_escape(n)) for n in presenters]
                lang = i18n.current()
                if by and lang != "en":  # joined as the language joins a list: "SSM y SEDI"
                    from .typography import join_names

                    by = [join_names(by, lang)]
                names = [*by, *(printable(md_escape(s.name)) for s in speakers)]
                groups.append(_("by") + " " + "; ".join(names))
            out = " _(" + "; ".join(groups) + ")_"
        if notes:
            out += "".join(f"[^{f.number}]" for f in footnotes)
        return out

    @staticmethod
    def has_refs(entry: Any) -> bool:
        """Whether an entry has anything for the template's `refs` macro to show (saves a macro call)."""
        return bool(
            getattr(entry, "paragraphs", None)
            or getattr(entry, "documents", None)
            or getattr(entry, "by", None)
            or getattr(entry, "speakers", None)
            or getattr(entry, "footnotes", None)
        )

    def who(self, ident: str) -> str:
        return self.index.name(ident)

    @staticmethod
    def status(item: Any) -> str:
        """A meeting's or activity's status to show ('Cancelled'), in the page's language; '' when scheduled."""
        return status_name(getattr(item, "status", None))

    def area_name(self, ident: str) -> str:
        return self.index.area_name(ident)

    def heading(self, meeting: Meeting) -> str:
        return meeting_heading(meeting)

    def title(self, meeting: Meeting) -> str:
        return meeting_title(meeting)

    def title_html(self, meeting: Meeting) -> Any:
        """`title` for a page: the plan's own part of it marked with its language when it is shown untranslated.

        ("Sexta reunión: <span lang="en">Joint meeting …</span>", so that a screen reader switches voice.)
        """
        from markupsafe import Markup, escape

        if meeting.number is not None and meeting.title:
            head = meeting.heading.capitalize() if meeting.heading else numbered_meeting(meeting.number)
            return Markup(escape(_("{meeting}: {title}"))).format(meeting=isolated(head), title=own_html(meeting.title))
        return own_html(meeting_title(meeting))

    def event_title(self, ident: str) -> str:
        thing = self.index.entity(ident)
        if isinstance(thing, Meeting):
            return compose(
                "{title}, {days} ({hours})",
                title=thing.title or meeting_title(thing),
                days=dates.day_span(thing.date, thing.end_date),
                hours=self.hours(thing),
            )
        if isinstance(thing, PendingEvent):
            return compose(_("{event}, date to be determined"), event=thing.title)
        return ident

    def anchor(self, meeting: Meeting) -> str:
        return f"meeting-{meeting.number}" if meeting.number is not None else meeting.id

    def schedule(self) -> list[ScheduleRow]:
        """Meetings (left column) and other activities and milestones (right), by date."""
        # Only the comment deadline stands in the right-hand column of the document;
        # the other milestones happen at meetings or are distributions.
        rows = [
            ScheduleRow(d.date, "committee" if d.kind == "meeting" else "other", d.kind, d.item)
            for d in self.index.dated
            if not isinstance(d.item, Milestone) or d.item.stage == "comments-due"
        ]
        order = {"meeting": 0, "activity": 1, "milestone": 2}
        return sorted(rows, key=lambda r: (r.date, getattr(r.item, "start_time", None) or dt.time(0), order[r.kind]))

    def has_other_column(self) -> bool:
        """Whether the schedule has anything for its second column (other activities, the comment deadline)."""
        return any(row.column == "other" for row in self.schedule())

    def schedule_by_year(self) -> list[tuple[int, list[ScheduleRow]]]:
        return [(year, list(rows)) for year, rows in groupby(self.schedule(), key=lambda r: r.date.year)]

    def summary(self) -> list[tuple[int, list[tuple[str, list[SummaryRow]]]]]:
        """The summary of meetings, derived from the meetings and milestones: year → month → rows.

        Every meeting has a line: its `summary` where the plan types one, else
        its title (`meeting_title`).  A milestone has one where the plan gives it a `summary`.
        """
        rows: list[tuple[dt.date, dt.time, str, dt.date]] = []
        for m in self.plan.meetings:
            rows.append((m.date, m.start_time or dt.time(0), m.summary or meeting_title(m), m.last_day))
        for ms in self.plan.procedure.milestones:
            if ms.summary:
                day = ms.summary_date or ms.date
                rows.append((day, dt.time(0), ms.summary, day))
        rows.sort()
        same_day = Counter(day for day, _start, _text, _last in rows)
        out: list[tuple[int, list[tuple[str, list[SummaryRow]]]]] = []
        for year, in_year in groupby(rows, key=lambda r: r[0].year):
            months = []
            for month, in_month in groupby(in_year, key=lambda r: r[0].month):
                entries = []
                for day, start, text, last in in_month:
                    label = self._days_label(day, last)
                    if same_day[day] > 1 and start != dt.time(0):
                        label += " " + (_("(a.m.)") if start.hour < 12 else _("(p.m.)"))
                    entries.append(SummaryRow(day, label, text))
                months.append((dates.month_name(dt.date(year, month, 1)).upper(), entries))
            out.append((year, months))
        return out

    @staticmethod
    def _days_label(first: dt.date, last: dt.date) -> str:
        """The day column of the summary of meetings: ``17``, or ``17–18`` for a meeting of two days."""
        if last <= first or precision(first) != "day":
            return str(first.day) if precision(first) == "day" else short_day(first)
        if (last.year, last.month) == (first.year, first.month):
            return f"{first.day}–{last.day}"
        return f"{first.day} – {short_day(last)}"

    def activity_when(self, activity: Activity) -> str:
        if activity.end_date and activity.end_date != activity.date:
            exact = precision(activity.date) == precision(activity.end_date) == "day"
            if exact and activity.end_date.month == activity.date.month and i18n.current() == "en":
                return f"{short_day(activity.date)} to {activity.end_date.day}"
            if exact and i18n.current() != "en":  # "du 8 au 10 mars": the year is the table's heading
                return dates.day_range(activity.date, activity.end_date, year=False)
            return _("{first} to {last}").format(first=short_day(activity.date), last=short_day(activity.end_date))
        return short_day(activity.date)

    def section_marks(self, section: str) -> str:
        return "".join(f"[^{f.number}]" for f in self.notes(section))

    def notes(self, section: str) -> list[Any]:
        """The plan's footnotes on a line of the header or a section's heading (`SectionFootnote.section`)."""
        return [f for f in self.plan.footnotes if f.section == section]

    def hours(self, meeting: Meeting) -> str:
        """``10:00 a.m. – 1:00 p.m.``, or ``time to be confirmed``."""
        return dates.hours(meeting.start_time, meeting.end_time)

    def days(self, meeting: Meeting) -> str:
        """``Thursday, March 9, 2023``, or its first and last day for a meeting of several days."""
        return dates.day_span(meeting.date, meeting.end_date)

    @staticmethod
    def words(value: str, known: dict[str, str]) -> str:
        """A value of an open vocabulary: its name in the page's language if known, else the plan's own words."""
        return known.get(value) or own_words(value)

    def term_end(self) -> str | None:
        """The term's last day, or None while it is to be confirmed."""
        return self.plan.term.end.isoformat() if self.plan.term.end else None

    @property
    def stated_timezone(self) -> str | None:
        """The time zone the plan states (None when it gives none: the pages then say nothing of one)."""
        return self.plan.timezone if "timezone" in self.plan.model_fields_set else None

    def symbol(self) -> str | None:
        """The plan's document symbol as the cover prints it, with its revision: ``CP/CSH-1757/16 rev. 1``."""
        symbol, revision = self.plan.symbol, self.plan.revision
        if revision is not None and revision.isdigit():
            revision = f"rev. {revision}"
        if revision and symbol and not symbol.endswith(revision):
            return f"{symbol} {revision}"
        return symbol or revision

    @staticmethod
    def has_procedure(plan: CommitteePlan) -> bool:
        procedure = plan.procedure
        return bool(
            procedure.events or procedure.text or procedure.steps or procedure.milestones or procedure.length_limits
        )

    def mandate_number(self, mandate: Any) -> str:
        """``1. `` before a mandate the document numbers, as printed; nothing otherwise."""
        number = mandate.number
        if number is None:
            return ""
        return number if number.endswith((".", ")")) else f"{number}."

    def all_footnotes(self) -> list[Any]:
        """Every footnote of the plan, by number."""
        return sorted(self.index.footnotes, key=lambda f: f.number)

    def due_text(self, report: Any) -> str:
        """``April 15 each year``; ``July 1 and July 30 each year``."""
        days = [self._yearly_day(d.month, d.day) for d in report.due]
        return _("{days} each year").format(days=_(" and ").join(days))

    @staticmethod
    def _yearly_day(month: int, day: int) -> str:
        """``April 15``, ``15 de abril``: a day that comes every year (2000 is a leap year: 29 February is in it)."""
        if i18n.current() != "en":
            try:
                return short_day(dt.date(2000, month, day))
            except ValueError:  # a day no year has (WP114 reports it): shown as the plan gives it
                pass
        return f"{dates.month_name(dt.date(2000, month, 1))} {day}"


class ProgramView:
    def __init__(self, plan: ProgramPlan) -> None:
        self.plan = plan
        self.partners = {p.id: p for p in plan.partners}

    def partner(self, ident: str) -> str:
        p = self.partners.get(ident)
        return (p.acronym or p.name) if p else ident


def render(
    plan: Plan,
    fmt: str,
    template_dir: Path | None = None,
    lang: str | None = None,
    plan_path: Path | None = None,
    as_of: dt.date | None = None,
) -> str:
    """The plan published in one format, ``html``, ``md`` or ``ics``, in ``lang`` (default: the plan's language).

    In another language than the plan's, its text comes from the catalog beside ``plan_path``
    (`catalogs.translate`) where that has a translation.  ``as_of`` marks a day on the
    committee page's picture of the term.
    """
    return "".join(render_pieces(plan, fmt, template_dir, lang, plan_path, as_of))


def render_pieces(
    plan: Plan,
    fmt: str,
    template_dir: Path | None = None,
    lang: str | None = None,
    plan_path: Path | None = None,
    as_of: dt.date | None = None,
    site: Any = None,
) -> Iterator[str]:
    """`render`, piece by piece: a page or calendar is written as it is made, never held whole.

    ``site`` (a `site.SitePage`) puts the page in a site: a line of links to the site's
    index and the page in its other languages.  A missing template or catalog fails
    here, before any piece.
    """
    lang = lang or plan.language
    notice = translation_notice(plan, plan_path, lang)
    plan = translate(plan, plan_path, lang)
    with i18n.use(lang):
        if fmt == "ics":
            return _in_language(render_ics_pieces(plan, calendar_history(plan_path)), lang)
        kind = "committee" if isinstance(plan, CommitteePlan) else "program"
        view: CommitteeView | ProgramView = (
            CommitteeView(plan) if isinstance(plan, CommitteePlan) else ProgramView(plan)
        )
        context: dict[str, Any] = {"plan": plan, "view": view, "translation": notice}
        if site is not None and fmt == "html":
            context["site"] = site
        if isinstance(plan, CommitteePlan) and fmt == "html":
            from . import picture

            term = picture.term_picture(plan, as_of)
            context.update(
                term=term,
                term_months=picture.calendar_months(term) if term else (),
                month_name=picture.month_name,
                weekday_name=picture.weekday_name,
            )
        pieces = render_template_pieces(f"{kind}.{fmt}.j2", template_dir, **context)
        # French sets a no-break space before : ; ? ! and inside « » (`typography`).
        punctuated = punctuate_html(pieces, lang) if fmt == "html" else punctuate_lines(pieces, lang)
        return _in_language(punctuated, lang)


def translation_notice(plan: Plan, plan_path: Path | None, lang: str) -> dict[str, bool] | None:
    """What a page in another language than its plan's says of its translation; None in the plan's own.

    ``catalog``: the plan's catalog for ``lang`` is used (the page says it is
    the secretariat's working translation, not the official OAS text);
    ``complete``: every message of the plan is translated and none is stale
    (else the page says that part of the text is shown as written).
    """
    if lang == plan.language:
        return None
    from .catalogs import status

    if plan_path is None:
        return {"catalog": False, "complete": False}
    found = status(plan, plan_path, lang)
    return {"catalog": found.catalog is not None, "complete": not found.untranslated and not found.stale}


def _in_language(pieces: Iterator[str], lang: str) -> Iterator[str]:
    """``pieces`` made in ``lang``: what a template calls back (dates, names) reads the language as it runs."""
    with i18n.use(lang):
        yield from pieces


# --- iCalendar ----------------------------------------------------------------------------------


# RFC 5545 §3.8.1.11: an event is TENTATIVE, CONFIRMED or CANCELLED; a postponed one is not confirmed.
ICS_STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE", "held": "CONFIRMED"}


def _uid(plan: Plan, ident: str) -> str:
    return f"{ident}@{plan.id}.workplan"


def _ics_summary(item: Any, title: str) -> str:
    """``Cancelled: CSH: Fifth meeting``: a cancelled or postponed item says so first (a calendar shows only this line)."""
    if getattr(item, "status", None) in ("cancelled", "postponed"):
        return _("{status}: {title}").format(status=status_name(item.status), title=title)
    return title


def _status_line(item: Any) -> list[str]:
    """The first line of a cancelled or postponed item's description: its status and note."""
    if getattr(item, "status", None) not in ("cancelled", "postponed"):
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
    return f"{plan.id}: nothing is dated in this plan yet; its calendar has no events"


def notices(plans: list[Plan], fmt: str) -> list[str]:
    """What `render` tells on standard error before it writes: calendars that will have no events."""
    if fmt != "ics":
        return []
    return [notice for plan in plans if (notice := calendar_notice(plan)) is not None]


def render_ics(plan: Plan, history: CalendarHistory | None = None) -> str:
    """An iCalendar file of every dated item; reproducible (DTSTAMP comes from the plan, or its git history)."""
    return "".join(render_ics_pieces(plan, history))


def render_ics_pieces(plan: Plan, history: CalendarHistory | None = None) -> Iterator[str]:
    """`render_ics` piece by piece: the calendar's head, each event as it is made, the end line."""
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
    if not committees:
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
    events = (event for plan, history in committees for event in _plan_events(plan, history))
    if not head.endswith(end):  # never seen; the whole calendar at once is right whatever icalendar does
        for event in events:
            cal.add_component(event)
        yield cal.to_ical().decode("utf-8")
        return
    yield head[: -len(end)]
    for event in events:
        yield event.to_ical().decode("utf-8")
    yield end


def _plan_events(plan: CommitteePlan, history: CalendarHistory | None) -> Iterator[Any]:
    if history is None:
        stamp = dt.datetime.combine(plan.adopted or plan.date or plan.term.start, dt.time(), tzinfo=dt.UTC)
        revision = 0
    else:
        stamp, revision = history.stamp, history.revision
    for uid, fill in _ics_events(plan):
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
