"""Semantic diff of two versions of a plan, in words a committee officer understands.

"Meeting 7 moved from 16 Mar 2023 to 23 Mar 2023", "agenda item added to meeting 9
under Transnational organized crime: …", "paragraph reference 87 → 88 in …".
Formatting, comments and key order never show up: the plans are compared as models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .dates import hours, short_day
from .index import index_of
from .models import AgendaItem, CommitteePlan, Meeting, Plan, ProgramPlan
from .wording import meeting_title


@dataclass(frozen=True)
class Change:
    kind: str  # added, removed, moved, changed
    subject: str  # the id (or description) of what changed
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "subject": self.subject, "message": self.message}


def _day(day: dt.date | None) -> str:
    return short_day(day) if day else "no date"


def _hours(m: Meeting) -> str:
    return hours(m.start_time, m.end_time)


def _name(m: Meeting) -> str:
    return f"meeting {m.number}" if m.number is not None else f"meeting {m.id!r}"


def _by_id(items: Sequence[Any]) -> dict[str, Any]:
    return {item.id: item for item in items}


def _entries(plan: CommitteePlan, meeting: Meeting) -> list[tuple[str, AgendaItem]]:
    """(where, entry) for each agenda entry: where = 'under AREA' or '', plus the topic for items."""
    index = index_of(plan)
    out: list[tuple[str, AgendaItem]] = []
    for entry in index.agenda(meeting):
        section = entry.section
        where = index.area_name(section.area) if section.area else (section.heading or "")
        if not entry.is_topic:
            where = f"{where} › {entry.topic.title}" if where else entry.topic.title
        out.append((where, entry.entry))
    return out


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _list_change(label: str, old: Sequence[str], new: Sequence[str]) -> str | None:
    if list(old) == list(new):
        return None
    gone = [x for x in old if x not in new]
    came = [x for x in new if x not in old]
    if len(gone) == 1 and len(came) == 1:
        return f"{label} {gone[0]} → {came[0]}"
    parts = []
    if came:
        parts.append(f"{label} added: {', '.join(came)}")
    if gone:
        parts.append(f"{label} removed: {', '.join(gone)}")
    return "; ".join(parts) or f"{label} reordered"


def _meeting_changes(old_plan: CommitteePlan, new_plan: CommitteePlan) -> Iterator[Change]:
    old, new = _by_id(old_plan.meetings), _by_id(new_plan.meetings)
    for ident, m in new.items():
        if ident not in old:
            pending = {e.id for e in old_plan.pending}
            verb = "scheduled (was pending)" if ident in pending else "added"
            yield Change("added", ident, f"Meeting {verb}: {meeting_title(m)} on {_day(m.date)}, {_hours(m)}")
    for ident, m in old.items():
        if ident not in new:
            yield Change("removed", ident, f"Meeting removed: {meeting_title(m)} of {_day(m.date)}")
    for ident in [i for i in new if i in old]:
        a, b = old[ident], new[ident]
        name = _name(b).capitalize()
        if a.date != b.date:
            yield Change("moved", ident, f"{name} moved from {_day(a.date)} to {_day(b.date)}")
        if (a.start_time, a.end_time) != (b.start_time, b.end_time):
            yield Change("moved", ident, f"{name} time changed from {_hours(a)} to {_hours(b)}")
        if (a.status, a.status_note) != (b.status, b.status_note):
            yield Change("changed", ident, f"{name} {_status_phrase(b)}")
        for field in ("number", "kind", "title", "heading", "within", "summary"):
            if getattr(a, field) != getattr(b, field):
                yield Change(
                    "changed", ident, f"{name}: {field} changed from {getattr(a, field)!r} to {getattr(b, field)!r}"
                )
        yield from _agenda_changes(old_plan, new_plan, a, b)


def _status_phrase(item: Any) -> str:
    """'is now cancelled (note)': a status as a reviewer reads it (absent is scheduled)."""
    return f"is now {item.status or 'scheduled'}" + (f" ({item.status_note})" if item.status_note else "")


def _agenda_changes(old_plan: CommitteePlan, new_plan: CommitteePlan, a: Meeting, b: Meeting) -> Iterator[Change]:
    name = _name(b)
    before = _entries(old_plan, a)
    after = _entries(new_plan, b)
    old_titles = {(w, e.title): e for w, e in before}
    new_titles = {(w, e.title): e for w, e in after}
    for where, title in new_titles:
        if (where, title) not in old_titles:
            under = f" under {where}" if where else ""
            yield Change("added", b.id, f"Agenda item added to {name}{under}: {_short(title)}")
    for where, title in old_titles:
        if (where, title) not in new_titles:
            under = f" under {where}" if where else ""
            yield Change("removed", b.id, f"Agenda item removed from {name}{under}: {_short(title)}")
    for key in [k for k in new_titles if k in old_titles]:
        x, y = old_titles[key], new_titles[key]
        for label, field in (("paragraph reference", "paragraphs"), ("document", "documents"), ("presenter", "by")):
            change = _list_change(label, getattr(x, field), getattr(y, field))
            if change:
                yield Change("changed", b.id, f"{change[0].upper()}{change[1:]} in {name}, item “{_short(key[1], 60)}”")


def _simple(
    kind_name: str, old: Sequence[Any], new: Sequence[Any], describe: Any, fields: Sequence[str]
) -> Iterator[Change]:
    a, b = _by_id(old), _by_id(new)
    for ident in [i for i in b if i not in a]:
        yield Change("added", ident, f"{kind_name.capitalize()} added: {describe(b[ident])}")
    for ident in [i for i in a if i not in b]:
        yield Change("removed", ident, f"{kind_name.capitalize()} removed: {describe(a[ident])}")
    for ident in [i for i in b if i in a]:
        x, y = a[ident], b[ident]
        for field in fields:
            before, after = getattr(x, field), getattr(y, field)
            if before == after:
                continue
            if isinstance(before, dt.date) or isinstance(after, dt.date):
                verb = "moved" if field in ("date",) else "changed"
                yield Change(
                    "moved",
                    ident,
                    f"{kind_name.capitalize()} “{_short(describe(y), 60)}” {verb}: {field} {_day(before)} → {_day(after)}",
                )
            elif isinstance(before, tuple) and all(isinstance(v, str) for v in [*before, *after]):
                change = _list_change(field.replace("_", " "), before, after)
                yield Change("changed", ident, f"{kind_name.capitalize()} “{_short(describe(y), 60)}”: {change}")
            else:
                yield Change("changed", ident, f"{kind_name.capitalize()} “{_short(describe(y), 60)}”: {field} changed")


def _committee_changes(a: CommitteePlan, b: CommitteePlan) -> Iterator[Change]:
    for field in ("title", "adopted", "timezone"):
        if getattr(a, field) != getattr(b, field):
            yield Change("changed", field, f"Plan {field} changed from {getattr(a, field)} to {getattr(b, field)}")
    if a.term != b.term:
        yield Change(
            "changed",
            "term",
            f"Term changed from {_day(a.term.start)} – {_day(a.term.end)} to {_day(b.term.start)} – {_day(b.term.end)}",
        )
    yield from _meeting_changes(a, b)
    yield from _simple(
        "activity",
        a.activities,
        b.activities,
        lambda x: f"{x.title} ({_day(x.date)})",
        ("date", "end_date", "title", "organizers", "place"),
    )
    old_activities = _by_id(a.activities)
    for x in b.activities:
        y = old_activities.get(x.id)
        if y is not None and (x.status, x.status_note) != (y.status, y.status_note):
            yield Change("changed", x.id, f"Activity “{_short(x.title, 60)}” {_status_phrase(x)}")
    yield from _simple(
        "milestone", a.procedure.milestones, b.procedure.milestones, lambda x: x.title, ("date", "title", "meeting")
    )
    yield from _simple("pending event", a.pending, b.pending, lambda x: x.title, ("title", "paragraphs"))
    yield from _simple(
        "report", a.reports, b.reports, lambda x: x.title, ("title", "frequency", "due", "resolutions", "paragraphs")
    )
    yield from _simple("working group", a.working_groups, b.working_groups, lambda x: x.name, ("name", "paragraphs"))
    yield from _simple(
        "officer", a.officers, b.officers, lambda x: f"{x.name} ({x.role})", ("name", "role", "position", "elected_on")
    )
    yield from _simple("body", a.bodies, b.bodies, lambda x: x.name, ("name", "acronym"))
    yield from _simple("thematic area", a.areas, b.areas, lambda x: x.name, ("name", "number"))
    old_pars = {(r.id, p.label): p for r in a.resolutions for p in r.paragraphs}
    new_pars = {(r.id, p.label): p for r in b.resolutions for p in r.paragraphs}
    for res, label in [k for k in new_pars if k not in old_pars]:
        yield Change("added", f"{res}:{label}", f"Paragraph {label} of {res} declared")
    for res, label in [k for k in old_pars if k not in new_pars]:
        yield Change("removed", f"{res}:{label}", f"Paragraph {label} of {res} no longer declared")
    yield from _simple("resolution", a.resolutions, b.resolutions, lambda x: x.symbol, ("symbol", "title", "default"))
    covered = {
        "title",
        "adopted",
        "timezone",
        "term",
        "meetings",
        "activities",
        "procedure",
        "pending",
        "reports",
        "working_groups",
        "officers",
        "bodies",
        "areas",
        "resolutions",
    }
    yield from _other_fields(a, b, covered)
    if a.procedure.model_dump(exclude={"milestones"}) != b.procedure.model_dump(exclude={"milestones"}):
        yield Change("changed", "procedure", "Procedure text, events or length limits changed")


def _other_fields(a: BaseModel, b: BaseModel, covered: set[str]) -> Iterator[Change]:
    for field in type(a).model_fields:
        if field not in covered and getattr(a, field) != getattr(b, field):
            yield Change("changed", field, f"{field.replace('_', ' ').capitalize()} changed")


def _program_changes(a: ProgramPlan, b: ProgramPlan) -> Iterator[Change]:
    old, new = _by_id(a.programs), _by_id(b.programs)
    for ident in [i for i in new if i not in old]:
        yield Change("added", ident, f"Program added: {new[ident].letter}. {new[ident].title}")
    for ident in [i for i in old if i not in new]:
        yield Change("removed", ident, f"Program removed: {old[ident].letter}. {old[ident].title}")
    for ident in [p.id for p in b.programs if p.id in old]:
        x, y = old[ident], new[ident]
        label = f"program {y.letter}"
        if x.title != y.title:
            yield Change("changed", ident, f"Title of {label} changed to “{_short(y.title)}”")
        if x.purpose != y.purpose:
            yield Change("changed", ident, f"Purpose of {label} changed")
        groups_old = {None: x.activities, **{s.id: s.activities for s in x.subprograms}}
        groups_new = {None: y.activities, **{s.id: s.activities for s in y.subprograms}}
        for sub in [k for k in groups_new if k not in groups_old]:
            yield Change("added", sub or ident, f"Sub-program added to {label}: {sub}")
        for sub in [k for k in groups_old if k not in groups_new]:
            yield Change("removed", sub or ident, f"Sub-program removed from {label}: {sub}")
        for sub in [k for k in groups_new if k in groups_old]:
            where = label + (f" › {sub}" if sub else "")
            before = {act.text: act for act in groups_old[sub]}
            after = {act.text: act for act in groups_new[sub]}
            for text in [t for t in after if t not in before]:
                yield Change("added", sub or ident, f"Activity added to {where}: {_short(text)}")
            for text in [t for t in before if t not in after]:
                yield Change("removed", sub or ident, f"Activity removed from {where}: {_short(text)}")
            for text in [t for t in after if t in before]:
                change = _list_change("partners", before[text].partners, after[text].partners)
                if change:
                    yield Change("changed", sub or ident, f"Activity in {where} “{_short(text, 60)}”: {change}")
    yield from _simple("partner", a.partners, b.partners, lambda x: x.name, ("name", "acronym"))
    yield from _other_fields(a, b, {"programs", "partners"})


def diff_plans(old: Plan, new: Plan) -> list[Change]:
    """What changed from ``old`` to ``new``, meetings first, each change once."""
    if type(old) is not type(new):
        return [Change("changed", "kind", f"The plan's kind changed from {old.kind} to {new.kind}")]
    changes = list(_committee_changes(old, new)) if isinstance(old, CommitteePlan) else list(_program_changes(old, new))  # type: ignore[arg-type]
    return list(dict.fromkeys(changes))
