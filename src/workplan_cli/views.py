"""The text and Markdown views of `upcoming`, and the words every view shares: times, presenters, statuses.

The views of `query`, `show` and `rules` are `queryviews`'; how the text is laid out in a terminal is
`layout`'s; the JSON records are `records`'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Any

from .dates import hours, long_day, month_day, short_day
from .i18n import NP_, _, current, ngettext, pgettext
from .index import index_of
from .layout import GLUE, INDENT, Screen, columns_fit, table_row, wrap
from .models import CommitteePlan, Plan, ProgramPlan, program_activities
from .text import md_escape, visible
from .timeline import Entry, coverage_span
from .typography import join_names, punctuate, punctuate_markdown
from .wording import status_name

if TYPE_CHECKING:
    from rich.text import Text


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
            first, last = _glued_day(plan.period.start), _glued_day(plan.period.end)
            dated = sum(1 for _ in program_activities(plan, dated=True))
            if dated:
                said = _("{plan}: period {first} to {last}; {activities}.").format(
                    plan=plan.id,
                    first=first,
                    last=last,
                    activities=ngettext("{n} dated activity", "{n} dated activities", dated).format(n=dated),
                )
            else:
                said = _("{plan}: period {first} to {last}; programs only, no dated events.").format(
                    plan=plan.id, first=first, last=last
                )
            lines.append((said, 2))
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
