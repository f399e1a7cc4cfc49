"""Output of `upcoming`, `query` and `show`: JSON records (an API), Markdown and text.

The JSON shapes are documented in the README and tested by exact comparison:
add keys if needed, never rename or remove one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from itertools import groupby
from typing import Any

from .models import CommitteePlan, Plan, ProgramPlan
from .queries import ActivityMatch, Citation, MeetingMatch, ParagraphCoverage
from .text import md_escape
from .timeline import Entry, coverage_span


def dumps(payload: Any) -> str:
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _iso(value: dt.date | dt.time | None) -> str | None:
    if value is None:
        return None
    return value.strftime("%H:%M") if isinstance(value, dt.time) else value.isoformat()


def day_text(day: dt.date) -> str:
    """``Thu 2 Mar 2023``."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def long_day(day: dt.date) -> str:
    """``Thursday 2 March 2023``."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def time_text(entry: Entry) -> str:
    if entry.start_time and entry.end_time:
        return f"{entry.start_time:%H:%M}–{entry.end_time:%H:%M}"
    if entry.end_date and entry.date and entry.end_date != entry.date:
        return f"until {entry.end_date.day} {entry.end_date:%b}"
    return "all day"


def relative(entry: Entry, as_of: dt.date) -> str:
    """'today', 'tomorrow', 'in 3 days', or 'ongoing' for a range that began earlier."""
    assert entry.date is not None
    days = (entry.date - as_of).days
    if days < 0:
        return f"ongoing since {entry.date.day} {entry.date:%b}"
    return {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")


# --- upcoming ------------------------------------------------------------------------------------


def entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "plan": entry.plan,
        "kind": entry.kind,
        "title": entry.title,
        "number": entry.number,
        "date": _iso(entry.date),
        "end_date": _iso(entry.end_date),
        "start_time": _iso(entry.start_time),
        "end_time": _iso(entry.end_time),
        "timezone": entry.timezone,
        "references": {
            "paragraphs": list(entry.paragraphs),
            "documents": list(entry.documents),
            "bodies": list(entry.bodies),
        },
    }


def upcoming_markdown(
    entries: Sequence[Entry], undated: Sequence[Entry], start: dt.date, end: dt.date, as_of: dt.date
) -> str:
    lines = [f"## Upcoming: {long_day(start)} to {long_day(end)}", ""]
    dated = [e for e in entries if e.date is not None]
    for day, group in groupby(dated, key=lambda e: max(e.date, start) if e.date else start):
        lines += [f"### {long_day(day)}", ""]
        for e in group:
            lines.append(f"- {time_text(e)} · **{md_escape(e.title)}** ({e.kind}, {e.plan}; {relative(e, as_of)})")
        lines.append("")
    if undated:
        lines += ["### Date to be determined", ""]
        lines += [f"- **{md_escape(e.title)}** ({e.kind}, {e.plan})" for e in undated]
        lines.append("")
    return "\n".join(lines)


def empty_window_message(plans: Sequence[Plan], start: dt.date, end: dt.date) -> str:
    """Why nothing is listed, what the plans cover, and how to look elsewhere."""
    lines = [f"Nothing scheduled from {day_text(start)} to {day_text(end)}."]
    for plan in plans:
        if isinstance(plan, CommitteePlan):
            lines.append(
                f"  {plan.id}: term {plan.term.start} to {plan.term.end}; {len(plan.meetings)} meetings, {len(plan.activities)} other activities."
            )
        elif isinstance(plan, ProgramPlan):
            lines.append(
                f"  {plan.id}: period {plan.period.start} to {plan.period.end}; programs only, no dated events."
            )
    span = coverage_span(plans)
    if span is not None:
        recurring = any(r.due for p in plans if isinstance(p, CommitteePlan) for r in p.reports)
        note = "; yearly reporting deadlines recur every year" if recurring else ""
        lines.append(f"The plans' dated items run from {span[0]} to {span[1]}{note}.")
        lines.append(f"To look at another period: workplan upcoming --as-of {span[0]} --days 30")
    else:
        lines.append("The plans have no dated items (meetings, activities, milestones or yearly deadlines).")
    return "\n".join(lines) + "\n"


def upcoming_table(
    entries: Sequence[Entry], undated: Sequence[Entry], start: dt.date, end: dt.date, as_of: dt.date
) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(
        title=f"Upcoming: {day_text(start)} to {day_text(end)}", box=box.SIMPLE_HEAD, title_justify="left", expand=False
    )
    table.add_column("Date", no_wrap=True)
    table.add_column("Time", no_wrap=True)
    table.add_column("What")
    table.add_column("Kind", no_wrap=True)
    table.add_column("Plan", no_wrap=True)
    table.add_column("When", no_wrap=True)
    days = [(max(e.date, start) if e.date else start, e) for e in entries]
    for _, group in groupby(days, key=lambda pair: pair[0]):
        rows = list(group)
        for n, (day, e) in enumerate(rows):
            table.add_row(
                day_text(day) if n == 0 else "",
                time_text(e),
                e.title,
                e.kind,
                e.plan,
                relative(e, as_of),
                end_section=n == len(rows) - 1,
            )
    for n, e in enumerate(undated):
        table.add_row("TBD" if n == 0 else "", "", e.title, e.kind, e.plan, "")
    return table


# --- queries -------------------------------------------------------------------------------------


def meeting_match_json(match: MeetingMatch) -> dict[str, Any]:
    from .timeline import meeting_title

    m = match.meeting
    return {
        "plan": match.plan,
        "id": m.id,
        "number": m.number,
        "kind": m.kind,
        "title": meeting_title(m),
        "date": _iso(m.date),
        "start_time": _iso(m.start_time),
        "end_time": _iso(m.end_time),
        "items": [
            {
                "number": i.number,
                "area": i.area,
                "topic": i.topic,
                "title": i.title,
                "paragraphs": list(i.paragraphs),
                "documents": list(i.documents),
                "by": list(i.by),
            }
            for i in match.items
        ],
    }


def meetings_markdown(matches: Sequence[MeetingMatch]) -> str:
    from .timeline import meeting_title

    lines = []
    for match in matches:
        m = match.meeting
        lines.append(
            f"- **{day_text(m.date)}, {m.start_time:%H:%M}–{m.end_time:%H:%M}: {md_escape(meeting_title(m))}** ({match.plan}, `{m.id}`)"
        )
        lines += [f"  - {i.number}. {md_escape(i.title)}" for i in match.items]
    return "\n".join(lines) + "\n" if lines else "No meeting matches.\n"


def meetings_text(matches: Sequence[MeetingMatch]) -> str:
    from .timeline import meeting_title

    lines = []
    for match in matches:
        m = match.meeting
        lines.append(
            f"{day_text(m.date)}  {m.start_time:%H:%M}–{m.end_time:%H:%M}  {meeting_title(m)}  [{m.id}, {match.plan}]"
        )
        for i in match.items:
            where = f"{i.area} › " if i.area else ""
            lines.append(f"    {i.number:<5} {where}{i.title}")
    lines.append(f"{len(matches)} meeting{'s' if len(matches) != 1 else ''}.")
    return "\n".join(lines) + "\n"


def citation_json(c: Citation) -> dict[str, Any]:
    return {"plan": c.plan, "kind": c.kind, "id": c.id, "date": _iso(c.date), "number": c.number, "title": c.title}


def citations_text(citations: Sequence[Citation]) -> str:
    lines = []
    for c in citations:
        where = f"{c.kind} {c.id}" if c.id else c.kind
        when = f" ({day_text(c.date)}, item {c.number})" if c.date else ""
        lines.append(f"{where}{when}: {c.title}")
    lines.append(f"{len(citations)} citation{'s' if len(citations) != 1 else ''}.")
    return "\n".join(lines) + "\n"


def coverage_json(rows: Sequence[ParagraphCoverage]) -> dict[str, Any]:
    def row(r: ParagraphCoverage) -> dict[str, Any]:
        return {
            "plan": r.plan,
            "resolution": r.resolution,
            "symbol": r.symbol,
            "paragraph": r.label,
            "subject": r.subject,
            "meetings": [{"id": c.id, "date": _iso(c.date), "number": c.number} for c in r.meetings],
        }

    return {
        "covered": [row(r) for r in rows if r.covered],
        "uncovered": [row(r) for r in rows if not r.covered],
    }


def coverage_text(rows: Sequence[ParagraphCoverage]) -> str:
    covered = [r for r in rows if r.covered]
    lines = ["Paragraphs discussed at meetings:"] if covered else []
    for r in covered:
        if r.covered:
            slots = ", ".join(f"{c.id} ({c.date})" for c in dict((c.id, c) for c in r.meetings).values())
            lines.append(f"  {r.resolution}:{r.label}  {slots}")
    missing = [r for r in rows if not r.covered]
    lines.append(f"Paragraphs with no meeting yet ({len(missing)}):")
    for r in missing:
        subject = f"  {r.subject}" if r.subject else ""
        lines.append(f"  {r.resolution}:{r.label}{subject}")
    return "\n".join(lines) + "\n"


def activity_json(a: ActivityMatch) -> dict[str, Any]:
    return {
        "plan": a.plan,
        "program": a.program,
        "letter": a.letter,
        "subprogram": a.subprogram,
        "number": a.number,
        "text": a.text,
        "partners": list(a.partners),
        "gender": a.gender,
    }


def activities_text(matches: Sequence[ActivityMatch]) -> str:
    lines = []
    for a in matches:
        where = f"{a.letter}. {a.program}" + (f" › {a.subprogram}" if a.subprogram else "")
        partners = f"  [{', '.join(a.partners)}]" if a.partners else ""
        lines.append(f"{where} #{a.number}: {a.text}{partners}")
    lines.append(f"{len(matches)} activit{'ies' if len(matches) != 1 else 'y'}.")
    return "\n".join(lines) + "\n"


# --- show ----------------------------------------------------------------------------------------


def entity_json(plan: Plan, entity: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {"plan": plan.id, "type": type(entity).__name__.lower()}
    payload.update(entity.model_dump(mode="json", exclude_defaults=True))
    return payload


def _ref_text(plan: CommitteePlan, ref: str) -> str:
    """'38' stays '38'; 'ag-2970:47.b' becomes '47.b of AG/RES. 2970 (LI-O/21)'."""
    if ":" not in ref:
        return ref
    resolution, _, label = ref.partition(":")
    symbol = next((r.symbol for r in plan.resolutions if r.id == resolution), resolution)
    return f"{label} of {symbol}"


def meeting_text(plan: CommitteePlan, meeting: Any) -> str:
    from .queries import agenda_entries
    from .timeline import meeting_heading

    lines = [meeting_heading(meeting)]
    if meeting.title and meeting.heading != meeting.title:
        lines.append(meeting.title)
    lines.append(f"{long_day(meeting.date)}, {meeting.start_time:%H:%M}–{meeting.end_time:%H:%M} ({plan.timezone})")
    if meeting.within:
        lines.append(f"Held within {meeting.within}.")
    if meeting.summary:
        lines.append(f"Summary: {meeting.summary}")
    areas = {a.id: a.name for a in plan.areas}
    entries = list(agenda_entries(plan, meeting))
    n = 0
    for section in meeting.agenda:
        lines.append("")
        if section.heading:
            lines.append(section.heading)
        if section.area:
            lines.append(areas.get(section.area, section.area).upper())
        for topic in section.topics:
            for entry_model in (topic, *topic.items):
                match, _, _ = entries[n]
                n += 1
                indent = "  " if entry_model is topic else "      "
                lines.append(f"{indent}{match.number}. {entry_model.title}")
                details = []
                if entry_model.paragraphs:
                    details.append("paragraphs " + ", ".join(_ref_text(plan, r) for r in entry_model.paragraphs))
                if entry_model.documents:
                    details.append("documents " + ", ".join(entry_model.documents))
                presenters = [
                    *entry_model.by,
                    *(s.name + (f", {s.title}" if s.title else "") for s in entry_model.speakers),
                ]
                if presenters:
                    details.append("by " + "; ".join(presenters))
                if details:
                    lines.append(f"{indent}   [{' | '.join(details)}]")
                lines += [f"{indent}   [{f.number}] {f.text}" for f in entry_model.footnotes]
    lines += [f"[{f.number}] {f.text}" for f in meeting.footnotes]
    return "\n".join(lines) + "\n"


def entity_text(plan: Plan, entity: Any) -> str:
    from .models import Meeting

    if isinstance(plan, CommitteePlan) and isinstance(entity, Meeting):
        return meeting_text(plan, entity)
    data = entity.model_dump(mode="json", exclude_defaults=True)
    lines = [f"{type(entity).__name__} {data.pop('id', '')} ({plan.id})"]
    for key, value in data.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"  - {json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v}" for v in value]
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n"
