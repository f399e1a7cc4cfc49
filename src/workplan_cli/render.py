"""Publishing a plan: HTML and Markdown through Jinja templates (calendars: `ics`).

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
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any, NamedTuple

from . import dates, i18n
from .catalogs import SourceText, compose, translate
from .i18n import _
from .index import index_of
from .models import (
    Activity,
    CommitteePlan,
    Meeting,
    Milestone,
    Partner,
    PendingEvent,
    Plan,
    ProgramActivity,
    ProgramPlan,
    precision,
)
from .templating import own_html, render_template_pieces, short_day
from .text import isolated, md_escape, printable
from .typography import punctuate_html, punctuate_lines
from .wording import meeting_anchor, meeting_heading, meeting_title, numbered_title, own_words, status_name


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
    """What the `refs` macros show of an entry, looked up in one call (a template unpacks it into six names)."""

    paragraphs: tuple[ShownRef, ...]
    documents: tuple[str, ...]
    presenters: tuple[str, ...]
    """The names of the bodies, officers and working groups of ``by`` (`CommitteeView.who`)."""
    speakers: tuple[Any, ...]
    footnotes: tuple[Any, ...]
    resolutions: tuple[str, ...]
    """The symbols of the resolutions the entry cites as a whole."""


class CommitteeView:
    """What the committee templates read: the plan plus lookups and derived tables."""

    def __init__(self, plan: CommitteePlan) -> None:
        self.plan = plan
        self.index = index_of(plan)
        self.meetings = {m.id: m for m in plan.meetings}
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
            tuple(self.symbol_of(r) for r in getattr(entry, "resolutions", ())),
        )

    def symbol_of(self, resolution: str) -> str:
        """A resolution's symbol as the plan cites it, marked with the plan's language on a page in another
        (`SourceText`): some symbols are words ('United Nations Security Council resolution 1540 (2004)')."""
        symbol = self.index.entity(resolution).symbol
        if i18n.current() == self.plan.language:
            return str(symbol)
        marked = SourceText(symbol)
        marked.lang = self.plan.language
        return marked

    def md_refs(self, entry: Any, notes: bool = True) -> str:
        """What the Markdown `refs` macro prints, made in one call (it runs once per agenda entry).

        `` _(paragraphs 38, 47.b of AG/RES. 2970 (LI-O/21); `CP/CSH-2176/22`; by SMS)_[^3]``:
        each value escaped for Markdown and made printable as the template's own printing would.
        """
        paragraphs, documents, presenters, speakers, footnotes, resolutions = self.refs(entry)
        out = ""
        if paragraphs or resolutions or documents or presenters or speakers:
            groups = []
            if paragraphs:
                of = i18n.gettext("%(paragraph)s of %(resolution)s")
                shown = ", ".join(
                    printable(md_escape(of % {"paragraph": label, "resolution": resolution} if resolution else label))
                    for label, resolution, _subject in paragraphs
                )
                word = i18n.ngettext("paragraph", "paragraphs", len(paragraphs))
                groups.append(f"{word} {shown}")
            if resolutions:  # a symbol names itself, some in words ('… Security Council resolution 1540 (2004)')
                groups.append(", ".join(printable(md_escape(s)) for s in resolutions))
            if documents:
                groups.append(", ".join(f"`{printable(d.replace('`', ''))}`" for d in documents))
            if presenters or speakers:
                by = [printable(md_escape(n)) for n in presenters]
                lang = i18n.current()
                if by and lang != "en":  # joined as the language joins a list: "SSM y SEDI"
                    from .typography import join_names

                    by = [join_names(by, lang)]
                names = [*by, *(printable(md_escape(self.speaker(s))) for s in speakers)]
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
            or getattr(entry, "resolutions", None)
            or getattr(entry, "documents", None)
            or getattr(entry, "by", None)
            or getattr(entry, "speakers", None)
            or getattr(entry, "footnotes", None)
        )

    def who(self, ident: str) -> str:
        return self.index.name(ident)

    def speaker(self, speaker: Any) -> str:
        """A named speaker as the plan gives them: 'Ms. Katherine Prizeman, Political Affairs Officer, UNODA'."""
        return ", ".join(
            [
                speaker.name,
                *([speaker.title] if speaker.title else []),
                *([self.who(speaker.body)] if speaker.body else []),
            ]
        )

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
            head = numbered_title(meeting, meeting.number)
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

    @staticmethod
    def anchor(meeting: Meeting) -> str:
        return meeting_anchor(meeting)

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
        self.index = index_of(plan)

    def partner(self, ident: str) -> str:
        found = self.index.entity(ident)
        return (found.acronym or found.name) if isinstance(found, Partner) else ident

    @staticmethod
    def activity_when(activity: ProgramActivity) -> str:
        """``Thu, Jul 27, 2023``, ``del 8 al 10 de mayo de 2023``, ``March 2023``: a dated activity's day or days.

        As a committee page writes an activity's date (`CommitteeView.activity_when`), with
        its year: a program page has no year headings.
        """
        assert activity.date is not None
        return dates.day_span(activity.date, activity.end_date, short=True)


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
            from .ics import calendar_history, render_ics_pieces

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
