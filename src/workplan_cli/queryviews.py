"""The text and Markdown views of `query`, `show` and `rules`: what each says, in what order.

How the text is laid out in a terminal is `layout`'s; the JSON records are `records`'; the
words they share with `upcoming` (times, presenters, statuses) are `views`'.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Any

from .dates import clock, day_span, hours, long_day, short_day
from .i18n import NP_, _, current, ngettext, pgettext
from .index import AgendaEntry, index_of
from .layout import GLUE, INDENT, Screen, columns_fit, table_row
from .models import CommitteePlan, Plan
from .queries import ActivityMatch, Citation, MeetingMatch, ParagraphCoverage
from .text import md_escape, visible
from .typography import punctuate_markdown
from .views import Names
from .wording import status_name

if TYPE_CHECKING:
    from rich.text import Text

    from .lint import CheckInfo


def meetings_markdown(matches: Sequence[MeetingMatch]) -> str:
    from .wording import meeting_title

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
    from .wording import meeting_title

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
        if a.date is not None:
            fields.append((day_span(a.date, a.end_date, short=True), ""))
        if a.place is not None:
            fields.append((a.place, ""))
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
    from .wording import meeting_heading, meeting_title

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
    presenters = [
        *model.by,
        *(
            ", ".join([s.name, *([s.title] if s.title else []), *([names.who(plan, s.body)] if s.body else [])])
            for s in model.speakers
        ),
    ]
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
                screen.para(shown, 4, lead="  - ", code=isinstance(v, dict))
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
