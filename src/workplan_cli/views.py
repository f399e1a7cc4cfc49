"""The text and Markdown views of `upcoming`, `query`, `show` and `rules`: what each says, in what order.

How the text is laid out in a terminal is `layout`'s; the JSON records are `records`'.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Any

from .dates import clock, day_span, hours, long_day, month_day, short_day
from .i18n import NP_, _, current, ngettext, pgettext
from .index import AgendaEntry, index_of
from .layout import GLUE, INDENT, Screen, columns_fit, table_row, wrap
from .models import CommitteePlan, Plan, ProgramPlan
from .queries import ActivityMatch, Citation, MeetingMatch, ParagraphCoverage
from .text import md_escape, visible
from .timeline import Entry, coverage_span, status_name
from .typography import join_names, punctuate, punctuate_markdown

if TYPE_CHECKING:
    from rich.text import Text

    from .lint import CheckInfo


def time_text(entry: Entry) -> str:
    """``10:00 a.m. – 1:00 p.m.``, ``until March 10`` (a range of days), ``all day``, ``time to be confirmed``.

    A meeting of several days gives its hours and last day; a date given only
    by month or year has ``day to be confirmed``.
    """
    several = entry.end_date is not None and entry.date is not None and entry.end_date != entry.date
    if entry.precision != "day":
        return _("day to be confirmed")
    if entry.kind == "meeting":
        shown = hours(entry.start_time, entry.end_time)
        if several:
            assert entry.end_date is not None
            return _("{hours}, until {day}").format(hours=shown, day=month_day(entry.end_date))
        return shown
    if several:
        assert entry.end_date is not None
        return _("until {day}").format(day=month_day(entry.end_date))
    if entry.at:
        return entry.at
    return _("all day")


def relative(entry: Entry, as_of: dt.date) -> str:
    """'today', 'tomorrow', 'in 3 days', 'ongoing since May 24' for a range that began earlier, 'during August 2002'."""
    assert entry.date is not None
    if entry.precision != "day":
        return _("during {period}").format(period=long_day(entry.date))
    days = (entry.date - as_of).days
    if days < 0:
        return _("ongoing since {day}").format(day=month_day(entry.date))
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    return ngettext("in {n} day", "in {n} days", days).format(n=days)


# The kinds of timeline entries as the outputs name them (JSON keeps the kind itself).
KIND_NAMES = {
    "meeting": NP_("kind", "meeting"),
    "activity": NP_("kind", "activity"),
    "milestone": NP_("kind", "milestone"),
    "deadline": NP_("kind", "deadline"),
    "pending": NP_("kind", "pending"),
}


def kind_name(kind: str) -> str:
    """``meeting``; ``reunión``."""
    return pgettext("kind", KIND_NAMES[kind]) if kind in KIND_NAMES else kind


class Names:
    """Bodies, officers, working groups and partners by the names the plans print (SMS, IADB, Chair of …)."""

    def __init__(self, plans: Iterable[Plan]) -> None:
        self.indexes = {p.id: index_of(p) for p in plans}

    def who(self, plan: str, ident: str) -> str:
        index = self.indexes.get(plan)
        return index.name(ident) if index else ident

    partner = who

    def paragraphs(self, plan: str, refs: Sequence[str]) -> str:
        """``paragraph 38``; ``paragraphs 39, 40``; ``paragraphs 44.b, 45 of AG/RES. 2970 (LI-O/21)``.

        The resolution is named only when it is not the plan's default one.
        """
        index = self.indexes.get(plan)
        groups: list[tuple[str | None, list[str]]] = []
        for ref in refs:
            found = index.reference(ref) if index else None
            label, symbol = (found.label or ref, found.symbol) if found else (ref, None)
            if groups and groups[-1][0] == symbol:
                groups[-1][1].append(label)
            else:
                groups.append((symbol, [label]))
        return "; ".join(
            ngettext("paragraph {labels}", "paragraphs {labels}", len(labels)).format(labels=", ".join(labels))
            if not symbol
            else ngettext(
                "paragraph {labels} of {resolution}", "paragraphs {labels} of {resolution}", len(labels)
            ).format(labels=", ".join(labels), resolution=symbol)
            for symbol, labels in groups
        )

    def details(self, plan: str, paragraphs: Sequence[str], documents: Sequence[str], by: Sequence[str]) -> str:
        """``paragraphs 39, 40 · CP/CSH-2176/22 · by SMS``: what an agenda entry cites, for one line."""
        parts = []
        if paragraphs:
            parts.append(self.paragraphs(plan, paragraphs))
        if documents:
            parts.append(", ".join(documents))
        if by:
            names = [self.who(plan, b) for b in by]
            joined = "; ".join(names) if current() == "en" else join_names(names, current())
            parts.append(_("by {presenters}").format(presenters=joined))
        return " · ".join(parts)


def status_title(item: Any, title: str) -> str:
    """A title with its status in front when it is not simply scheduled: 'Cancelled: Seventh meeting (No quorum)'."""
    status = status_name(getattr(item, "status", None))
    if not status:
        return title
    note = getattr(item, "status_note", None)
    if note:
        return _("{status}: {title} ({note})").format(status=status, title=title, note=note)
    return _("{status}: {title}").format(status=status, title=title)


def zone_lines(entries: Sequence[Entry]) -> list[str]:
    """'Times are in the America/New_York time zone.' for each zone of the entries' times that the reader's is not."""
    from .dates import differs_from_local

    by_zone: dict[str, list[Entry]] = {}
    for e in entries:
        if e.start_time is not None and e.date is not None:
            by_zone.setdefault(e.timezone, []).append(e)
    lines = []
    for zone, timed in by_zone.items():
        if differs_from_local(zone, [(e.date, e.start_time) for e in timed if e.date and e.start_time]):
            if len(by_zone) == 1:
                lines.append(_("Times are in the {zone} time zone.").format(zone=zone))
            else:
                plans = ", ".join(dict.fromkeys(e.plan for e in timed))
                lines.append(_("Times are in the {zone} time zone ({plans}).").format(zone=zone, plans=plans))
    return lines


def _with_id(title: str, entry: Entry, ids: bool) -> str:
    """A title with the entry's id after it, for `show` (``upcoming --ids``)."""
    return f"{title} [{entry.id}]" if ids else title


def upcoming_markdown(
    entries: Sequence[Entry],
    undated: Sequence[Entry],
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    ids: bool = False,
) -> str:
    lines = ["## " + _("Upcoming: {first} to {last}").format(first=long_day(start), last=long_day(end)), ""]
    zones = zone_lines(entries)
    if zones:
        lines += [*zones, ""]
    dated = [e for e in entries if e.date is not None]

    def shown_id(e: Entry) -> str:
        return f" `{e.id}`" if ids else ""

    for day, group in groupby(dated, key=lambda e: _row_day(e, start)):
        lines += [f"### {long_day(day)}", ""]
        for e in group:
            lines.append(
                f"- {time_text(e)} · **{md_escape(status_title(e, e.title))}**{shown_id(e)} ({kind_name(e.kind)}, {e.plan}; {relative(e, as_of)})"
            )
        lines.append("")
    if undated:
        lines += ["### " + _("Date to be determined"), ""]
        lines += [f"- **{md_escape(e.title)}**{shown_id(e)} ({kind_name(e.kind)}, {e.plan})" for e in undated]
        lines.append("")
    return punctuate_markdown("\n".join(lines), current())


def _row_day(entry: Entry, start: dt.date) -> dt.date:
    """The day a window lists an entry under: its own, or the window's first for one that began before it.

    A date given only by month or year is listed as that month or year.
    """
    assert entry.date is not None
    return entry.date if entry.precision != "day" else max(entry.date, start)


def _glued_day(day: dt.date) -> str:
    """`short_day` that `wrap` keeps on one line."""
    return short_day(day).replace(" ", GLUE)


def empty_window_message(plans: Sequence[Plan], start: dt.date, end: dt.date, width: int | None = None) -> str:
    """Why nothing is listed, what the plans cover, and how to look elsewhere (wrapped to ``width`` if given)."""
    lines = [(_("Nothing scheduled from {first} to {last}.").format(first=_glued_day(start), last=_glued_day(end)), 0)]
    for plan in plans:
        if isinstance(plan, CommitteePlan):
            sentence = (
                _("{plan}: term {first} to {last}; {meetings}, {activities}.")
                if plan.term.end
                else _("{plan}: term from {first}, its end to be confirmed; {meetings}, {activities}.")
            )
            lines.append(
                (
                    sentence.format(
                        plan=plan.id,
                        first=_glued_day(plan.term.start),
                        last=_glued_day(plan.term.end) if plan.term.end else "",
                        meetings=ngettext("{n} meeting", "{n} meetings", len(plan.meetings)).format(
                            n=len(plan.meetings)
                        ),
                        activities=ngettext("{n} other activity", "{n} other activities", len(plan.activities)).format(
                            n=len(plan.activities)
                        ),
                    ),
                    2,
                )
            )
        elif isinstance(plan, ProgramPlan):
            lines.append(
                (
                    _("{plan}: period {first} to {last}; programs only, no dated events.").format(
                        plan=plan.id, first=_glued_day(plan.period.start), last=_glued_day(plan.period.end)
                    ),
                    2,
                )
            )
    span = coverage_span(plans)
    if span is not None:
        recurring = any(r.due for p in plans if isinstance(p, CommitteePlan) for r in p.reports)
        first, last = _glued_day(span[0]), _glued_day(span[1])
        span_text = (
            _("The plans' dated items run from {first} to {last}; yearly reporting deadlines recur every year.")
            if recurring
            else _("The plans' dated items run from {first} to {last}.")
        )
        lines.append((span_text.format(first=first, last=last), 0))
        command = f"workplan upcoming --as-of {span[0]} --days 30".replace(" ", GLUE)
        lines.append((_("To look at another period: {command}").format(command=command), 0))
    else:
        lines.append((_("The plans have no dated items (meetings, activities, milestones or yearly deadlines)."), 0))
    out = []
    for said, indent in lines:
        text = punctuate(said, current())
        # A wrapped line continues two cells further in, under its first word.
        pieces = (
            wrap(visible(text), width - indent - 2, first=width - indent)
            if width
            else [visible(text).replace(GLUE, " ")]
        )
        out += [" " * (indent + (2 if n else 0)) + piece for n, piece in enumerate(pieces)]
    return "\n".join(out) + "\n"


def upcoming_text(
    entries: Sequence[Entry],
    undated: Sequence[Entry],
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    width: int,
    ids: bool = False,
) -> Text:
    """A table (Date, Time, When, Kind, Plan, What) where titles get room (`columns_fit`), else stacked entries.

    The Plan column (or field) is there only when the entries come from more than one plan.
    """
    screen = Screen(width)
    if start == end:
        window = _("Upcoming: {day}").format(day=short_day(start))
    else:
        window = _("Upcoming: {first} to {last}").format(first=short_day(start), last=short_day(end))
    screen.para(window, style="bold")
    for line in zone_lines(entries):
        screen.para(line)
    several = len({e.plan for e in [*entries, *undated]}) > 1
    rows: list[tuple[dt.date | None, list[str], Entry]] = []
    for e in entries:
        day = _row_day(e, start)
        rows.append((day, [short_day(day), time_text(e), relative(e, as_of), kind_name(e.kind)], e))
    rows += [(None, [_("TBD"), "", "", kind_name(e.kind)], e) for e in undated]
    if several:
        for _day, cells, e in rows:
            cells.append(e.plan)
    headers = [_("Date"), _("Time"), _("When"), _("Kind"), *([_("Plan")] if several else [])]
    what = _("What")
    titles = [_with_id(status_title(e, e.title), e, ids) for _day, _cells, e in rows]
    widths = columns_fit([cells for _day, cells, _entry in rows], headers, titles, screen.width)
    if widths is not None:
        screen.blank()
        table_row(screen, widths, [(h, "bold") for h in headers], what)
        screen.text.stylize("bold", len(screen.text) - len(what))
    for _day, group in groupby(rows, key=lambda row: row[0]):
        screen.blank()
        for k, (_day, cells, e) in enumerate(group):
            if widths is not None:
                shown = [cells[0] if k == 0 else "", *cells[1:]]
                table_row(
                    screen,
                    widths,
                    [(c, "bold" if i == 0 else "") for i, c in enumerate(shown)],
                    _with_id(status_title(e, e.title), e, ids),
                )
            else:
                screen.fields(
                    [(cells[0], "bold"), *((c, "dim" if i > 1 else "") for i, c in enumerate(cells) if c and i)]
                )
                screen.para(_with_id(status_title(e, e.title), e, ids), INDENT)
    return screen.text


def meetings_markdown(matches: Sequence[MeetingMatch]) -> str:
    from .timeline import meeting_title

    lines = []
    for match in matches:
        m = match.meeting
        lines.append(
            f"- **{day_span(m.date, m.end_date, short=True)}, {hours(m.start_time, m.end_time)}: {md_escape(meeting_title(m))}** ({match.plan}, `{m.id}`)"
        )
        lines += [f"  - {i.number}. {md_escape(i.title)}" for i in match.items]
    return punctuate_markdown("\n".join(lines), current()) + "\n" if lines else "No meeting matches.\n"


def meetings_text(matches: Sequence[MeetingMatch], plans: Sequence[Plan], width: int) -> Text:
    """Each meeting: day, time and id, its title beneath, then the matching agenda entries with what they cite."""
    from .timeline import meeting_title

    names = Names(plans)
    several = len({m.plan for m in matches}) > 1
    screen = Screen(width)
    for n, match in enumerate(matches):
        m = match.meeting
        if n:
            screen.blank()
        where = [(match.plan, "dim")] if several else []
        screen.fields(
            [
                (day_span(m.date, m.end_date, short=True), "bold"),
                (hours(m.start_time, m.end_time), ""),
                (m.id, "dim"),
                *where,
            ]
        )
        screen.para(meeting_title(m), INDENT, "bold")
        for item in match.items:
            lead = " " * INDENT + f"{item.number}  "
            indent = max(len(lead), INDENT + 6)
            screen.para(item.title, indent, lead=lead)
            details = names.details(match.plan, item.paragraphs, item.documents, item.by)
            if details:
                screen.para(details, indent, "dim")
    if matches:
        screen.blank()
    screen.line((ngettext("{n} meeting", "{n} meetings", len(matches)).format(n=len(matches)) + ".", ""))
    return screen.text


_CITATION_KINDS = {
    "mandate": NP_("citation", "Mandate"),
    "working-group": NP_("citation", "Working group"),
    "meeting": NP_("citation", "Meeting"),
    "pending": NP_("citation", "Event to be dated"),
    "report": NP_("citation", "Report"),
}


def citations_text(citations: Sequence[Citation], width: int) -> Text:
    """Each citation: where it is (a meeting's day and agenda number), then its text beneath."""
    screen = Screen(width)
    several = len({c.plan for c in citations}) > 1
    for c in citations:
        where = [(c.plan, "dim")] if several else []
        if c.date is not None:
            head = [(short_day(c.date), "bold"), (c.id or "", "dim"), (_("item {number}").format(number=c.number), "")]
        else:
            kind = _CITATION_KINDS.get(c.kind)
            head = [(pgettext("citation", kind) if kind else c.kind, "bold"), *([(c.id, "dim")] if c.id else [])]
        screen.fields([*head, *where])
        screen.para(c.title, INDENT)
    screen.line((ngettext("{n} citation", "{n} citations", len(citations)).format(n=len(citations)) + ".", ""))
    return screen.text


def coverage_text(rows: Sequence[ParagraphCoverage], width: int) -> Text:
    """Paragraphs by resolution: those discussed, with their meetings, then those with no meeting yet."""
    screen = Screen(width)
    several = len({r.plan for r in rows}) > 1
    covered = [r for r in rows if r.covered]
    missing = [r for r in rows if not r.covered]
    for n, (title, group) in enumerate(
        [
            (_("Paragraphs discussed at meetings ({n})").format(n=len(covered)), covered),
            (_("Paragraphs with no meeting yet ({n})").format(n=len(missing)), missing),
        ]
    ):
        if not group and n == 0:
            continue
        if n and covered:
            screen.blank()
        screen.para(title, style="bold")
        label_width = max((len(visible(r.label)) for r in group), default=0)
        for (plan, symbol), in_resolution in groupby(group, key=lambda r: (r.plan, r.symbol)):
            screen.para(f"{symbol} ({plan})" if several else symbol, 2)
            for r in in_resolution:
                lead = f"    {r.label:<{label_width}}  "
                if r.covered:
                    meetings = dict((c.id, c) for c in r.meetings).values()
                    text = ", ".join(
                        f"{c.id} ({short_day(c.date)})".replace(" ", GLUE) if c.date else str(c.id) for c in meetings
                    )
                else:
                    text = r.subject or ""
                screen.para(text, len(lead), lead=lead)
    return screen.text


def activities_text(matches: Sequence[ActivityMatch], plans: Sequence[Plan], width: int) -> Text:
    """Each activity: program (and sub-program), number and partners, then its text beneath."""
    names = Names(plans)
    several = len({a.plan for a in matches}) > 1
    screen = Screen(width)
    for a in matches:
        where = f"{a.letter}. {a.program}" + (f" › {a.subprogram}" if a.subprogram else "")
        fields = [(_("{program}, activity {number}").format(program=where, number=a.number), "bold")]
        if a.partners:
            partners = ", ".join(names.partner(a.plan, p) for p in a.partners)
            fields.append((_("with {partners}").format(partners=partners), "dim"))
        if several:
            fields.append((a.plan, "dim"))
        screen.fields(fields)
        screen.para(a.text, INDENT)
    screen.line((ngettext("{n} activity", "{n} activities", len(matches)).format(n=len(matches)) + ".", ""))
    return screen.text


def meeting_text(plan: CommitteePlan, meeting: Any, width: int) -> Text:
    """A meeting as the document sets it out: heading, day and time, agenda by area, numbered, with what each entry cites."""
    from .timeline import meeting_heading, meeting_title

    names = Names([plan])
    screen = Screen(width)
    heading = meeting_heading(meeting)
    screen.para(heading, style="bold")
    if meeting.title and meeting.title != heading:
        screen.para(meeting.title, style="bold")
    days = [long_day(meeting.date).replace(" ", GLUE)]
    if meeting.end_date and meeting.end_date != meeting.date:
        days = [_("{first} to {last}").format(first=days[0], last=long_day(meeting.end_date).replace(" ", GLUE))]
    when = f"{days[0]}, {hours(meeting.start_time, meeting.end_time).replace(' ', GLUE)}"
    # The zone says what the hours mean: none to say while they are to be confirmed.
    screen.para(f"{when} ({plan.timezone})" if meeting.start_time is not None else when)
    if meeting.within:
        host = next((m for m in plan.meetings if m.id == meeting.within), None)
        screen.para(
            _("Held within the {meeting} ({id}).").format(meeting=meeting_title(host), id=meeting.within)
            if host
            else _("Held within {id}.").format(id=meeting.within)
        )
    status = status_name(meeting.status)
    if status:
        screen.para(
            _("{status}: {note}").format(status=status, note=meeting.status_note) if meeting.status_note else status,
            style="bold",
        )
    if meeting.summary and meeting.summary not in (heading, meeting.title):
        screen.para(_("Summary: {summary}").format(summary=meeting.summary))
    if meeting.documents:
        screen.para(
            ngettext("Document: {documents}", "Documents: {documents}", len(meeting.documents)).format(
                documents=", ".join(meeting.documents)
            )
        )
    for url in meeting.links:
        screen.para(_("Link: {url}").format(url=url))
    index = index_of(plan)
    for section, entries in index.sections(meeting):
        screen.blank()
        if section.heading:
            screen.para(section.heading, style="bold")
        if section.area:
            screen.para(index.area_name(section.area).upper(), style="bold")
        for entry in entries:
            _agenda_entry(screen, names, plan.id, entry)
    for f in meeting.footnotes:
        note = f"[{f.number}] "
        screen.para(f.text if f.text is not None else _("Text to be confirmed."), len(note), lead=note)
    return screen.text


def _agenda_entry(screen: Screen, names: Names, plan: str, entry: AgendaEntry) -> None:
    """One numbered agenda entry of `meeting_text`, with what it cites and its footnotes."""
    model = entry.entry
    lead = ("  " if entry.is_topic else "      ") + f"{entry.number}. "
    screen.para(model.title, len(lead), lead=lead)
    presenters = [*model.by, *(s.name + (f", {s.title}" if s.title else "") for s in model.speakers)]
    details = names.details(plan, model.paragraphs, model.documents, presenters)
    if details:
        screen.para(details, len(lead), "dim")
    for f in model.footnotes:
        note = " " * len(lead) + f"[{f.number}] "
        screen.para(f.text if f.text is not None else _("Text to be confirmed."), len(note), lead=note)


def entity_text(plan: Plan, entity: Any, width: int) -> Text:
    """A meeting in full (`meeting_text`); any other item as its fields, one per line, values wrapped."""
    from .models import Meeting

    if isinstance(plan, CommitteePlan) and isinstance(entity, Meeting):
        return meeting_text(plan, entity, width)
    names = Names([plan])
    screen = Screen(width)
    data = entity.model_dump(mode="json", exclude_defaults=True)
    kind = type(entity).__name__
    name = pgettext("item", ITEM_NAMES[kind]) if kind in ITEM_NAMES else kind
    screen.para(f"{name} {data.pop('id', '')} ({plan.id})", style="bold")
    status = status_name(getattr(entity, "status", None))
    if status:  # said first, in words, as for a meeting (the file's keys follow)
        note = getattr(entity, "status_note", None)
        screen.para(_("{status}: {note}").format(status=status, note=note) if note else status, style="bold")
    for key, value in data.items():
        if isinstance(value, list):
            screen.para(f"{key}:")
            for v in value:
                if isinstance(v, dict):
                    shown = json.dumps(v, ensure_ascii=False)
                elif key == "partners":
                    shown = names.partner(plan.id, str(v))
                else:
                    shown = names.who(plan.id, str(v)) if key in _NAMED_KEYS else str(v)
                screen.para(shown, 4, lead="  - ")
        else:
            raw = getattr(entity, key, None)
            if isinstance(raw, dt.date):
                value = long_day(raw)
            elif isinstance(raw, dt.time):
                value = clock(raw)
            screen.para(str(value), INDENT, lead=f"{key}: ")
    return screen.text


# What `show` calls an item, by its model (the keys below it are the file's own keys).
ITEM_NAMES = {
    "Activity": NP_("item", "Activity"),
    "Milestone": NP_("item", "Milestone"),
    "PendingEvent": NP_("item", "PendingEvent"),
    "Report": NP_("item", "Report"),
    "WorkingGroup": NP_("item", "WorkingGroup"),
    "Officer": NP_("item", "Officer"),
    "Body": NP_("item", "Body"),
    "Area": NP_("item", "Area"),
    "Resolution": NP_("item", "Resolution"),
    "Program": NP_("item", "Program"),
    "SubProgram": NP_("item", "SubProgram"),
    "Partner": NP_("item", "Partner"),
}


# Fields of other items that hold ids of bodies, officers or working groups.
_NAMED_KEYS = frozenset({"by", "organizers", "bodies", "presenters"})


def rules_text(checks: Sequence[CheckInfo], width: int) -> Text:
    """Every check: code, name and severity, then its summary (beside them when it gets room, `columns_fit`)."""
    screen = Screen(width)
    cells = [[c.code, c.name, c.severity.value] for c in checks]
    # Summaries are plain sentences, not titles to scan: 30 cells read well.
    widths = columns_fit(cells, ["", "", ""], [c.summary for c in checks], screen.width, minimum=30)
    for check, row in zip(checks, cells, strict=True):
        if widths is not None:
            table_row(screen, widths, [(row[0], "bold"), (row[1], ""), (row[2], "dim")], check.summary)
        else:
            screen.fields([(row[0], "bold"), (row[1], ""), (row[2], "dim")])
            screen.para(check.summary, INDENT)
    return screen.text
