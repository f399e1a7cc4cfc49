"""Next term's calendar as `workplan init` carries it from this term's plan, and the YAML lines it is written in.

Every meeting and milestone moves on by the whole number of weeks nearest to the time from the old
term's start to the new one's, so that each keeps its weekday; one that then falls outside the new
term is left out and reported.  An id that holds the item's date or year (``wg-tip-2023-02-14``,
``special-sica-2023``) takes the new one, and every reference to it follows.  Cancelled and postponed
meetings are carried as scheduled; pending events are carried, and so are activities that were
postponed (never held: they become pending events).  `carry_calendar` works it out; `record_lines`
writes a plan record (a model or an agenda entry) as `workplan fmt` would.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .edit import scalar_text
from .models import (
    AgendaItem,
    AgendaTopic,
    CommitteePlan,
    Meeting,
    Milestone,
    Officer,
    PendingEvent,
    WorkingGroup,
    fields_of,
    is_record,
    last_day,
    precision,
)
from .models.scalars import MonthDate, YearDate

# Long text is folded (``>-``) at this width, as the bundled plans are written.
WIDTH = 88
_DAYS_IN_YEAR = 365.2425


def weeks_between(old_start: dt.date, new_start: dt.date) -> int:
    """The whole number of weeks nearest to the days from ``old_start`` to ``new_start`` (never a tie: a week
    has an odd number of days)."""
    return round((new_start - old_start).days / 7)


def shifted(day: dt.date, weeks: int) -> dt.date:
    """``day`` moved on by ``weeks`` weeks; a month (``2023-05``) or year (``2023``) by as many whole months or
    years as come nearest to those weeks.  `OverflowError` past the calendar's ends."""
    kind = precision(day)
    if kind == "day":
        return dt.date(day.year, day.month, day.day) + dt.timedelta(weeks=weeks)
    if kind == "month":
        months = day.year * 12 + day.month - 1 + round(weeks * 7 * 12 / _DAYS_IN_YEAR)
        year, month = divmod(months, 12)
        if not 1 <= year <= 9999:
            raise OverflowError(year)
        return MonthDate(year, month + 1, 1)
    year = day.year + round(weeks * 7 / _DAYS_IN_YEAR)
    if not 1 <= year <= 9999:
        raise OverflowError(year)
    return YearDate(year, 1, 1)


def retitle(text: str, old: tuple[int, int], new: tuple[int, int]) -> str:
    """``text`` with the old term's years (2022–2023, 2022-2023) written as the new one's."""
    return re.sub(rf"\b{old[0]}([-–]){old[1]}\b", lambda m: f"{new[0]}{m.group(1)}{new[1]}", text)


def _renamed(ident: str, old_day: dt.date, new_day: dt.date, years: tuple[tuple[int, int], tuple[int, int]]) -> str:
    """``ident`` with the day or year it holds made the new one's: its date or month (``wg-tip-2023-02-14``),
    else the old term's years (``wg-2022-2023``), else its own year standing alone (``special-sica-2023``)."""
    if precision(old_day) != "year" and old_day.isoformat() in ident:
        return ident.replace(old_day.isoformat(), new_day.isoformat())
    old, new = years
    if f"{old[0]}-{old[1]}" in ident:
        return ident.replace(f"{old[0]}-{old[1]}", f"{new[0]}-{new[1]}")
    return re.sub(rf"(?<![0-9a-z]){old_day.year:04d}(?![0-9a-z])", f"{new_day.year:04d}", ident)


@dataclass
class LeftOut:
    """A meeting or milestone of last term that would fall outside the new term once moved on."""

    kind: str  # "meeting" or "milestone"
    ident: str
    old: dt.date
    new: dt.date | None  # None: past the calendar's ends
    before: bool  # before the term's start (else after its end)


@dataclass
class Calendar:
    """What the draft carries of last term's calendar, ready to write."""

    weeks: int
    meetings: list[Meeting] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    pending: list[PendingEvent] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    working_groups: list[WorkingGroup] = field(default_factory=list)
    officers: list[Officer] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    # Each carried meeting's and milestone's day last term, by its new id.
    old_days: dict[str, dt.date] = field(default_factory=dict)


def carry_calendar(
    old: CommitteePlan, start: dt.date, end: dt.date, years: tuple[tuple[int, int], tuple[int, int]]
) -> Calendar:
    """Last term's calendar moved on to the term from ``start`` to ``end`` (``years``: the old term's and the new
    one's first and last years, for titles and ids)."""
    weeks = weeks_between(old.term.start, start)
    calendar = Calendar(weeks)

    def moved(kind: str, ident: str, day: dt.date, last: dt.date) -> tuple[dt.date, dt.date] | None:
        """The item's first and last days moved on, or None (and the item reported) when they fall outside the
        term: a meeting must be wholly inside it, a milestone dated by month or year only in part (as WP110 has
        it)."""
        try:
            new_day, new_last = shifted(day, weeks), shifted(last, weeks)
        except OverflowError:
            calendar.left_out.append(LeftOut(kind, ident, day, None, weeks < 0))
            return None
        if kind == "meeting":
            inside = start <= new_day and new_last <= end
        else:
            inside = start <= new_day <= end or start <= last_day(new_day) <= end
        if not inside:
            calendar.left_out.append(LeftOut(kind, ident, day, new_day, new_day < start))
            return None
        return new_day, new_last

    meetings: list[tuple[Meeting, dt.date, dt.date | None]] = []
    for meeting in old.meetings:
        days = moved("meeting", meeting.id, meeting.date, meeting.last_day)
        if days is not None:
            meetings.append((meeting, days[0], days[1] if meeting.end_date else None))
    milestones: list[tuple[Milestone, dt.date]] = []
    for milestone in old.procedure.milestones:
        days = moved("milestone", milestone.id, milestone.date, milestone.date)
        if days is not None:
            milestones.append((milestone, days[0]))
    pending = [*old.pending, *(PendingEvent(id=a.id, title=a.title) for a in old.activities if a.status == "postponed")]

    names = _new_ids(
        [(m.id, m.date, day) for m, day, _ in meetings] + [(m.id, m.date, day) for m, day in milestones],
        {*_declared(old), *(p.id for p in pending)},
        years,
    )
    carried = {*names.values(), *(p.id for p in pending)}
    kept = {*carried, *(b.id for b in old.bodies), *(c.id for c in old.countries)}
    kept |= {w.id for w in old.working_groups}
    refs = _References(names, kept, lambda text: retitle(text, *years))
    for meeting, day, end_day in meetings:
        calendar.meetings.append(refs.meeting(meeting, day, end_day))
        calendar.old_days[names[meeting.id]] = meeting.date
    for milestone, day in milestones:
        summary_date = _shifted_or_none(milestone.summary_date, weeks)
        calendar.milestones.append(
            milestone.model_copy(
                update={
                    "id": names[milestone.id],
                    "date": day,
                    "summary_date": summary_date,
                    "meeting": refs.one(milestone.meeting, carried),
                    "title": refs.text(milestone.title),
                    "summary": refs.text(milestone.summary),
                }
            )
        )
        calendar.old_days[names[milestone.id]] = milestone.date
    calendar.pending = [p.model_copy(update={"title": refs.text(p.title)}) for p in pending]
    calendar.events = [names.get(e, e) for e in old.procedure.events if names.get(e, e) in carried]
    calendar.working_groups = [w.model_copy(update={"name": refs.text(w.name)}) for w in old.working_groups]
    presenting = {ident for m in calendar.meetings for entry in _entries(m) for ident in entry.by}
    calendar.officers = [Officer(id=o.id, role=o.role, name=o.name) for o in old.officers if o.id in presenting]
    return calendar


def _shifted_or_none(day: dt.date | None, weeks: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return shifted(day, weeks)
    except OverflowError:
        return None


def _declared(plan: CommitteePlan) -> set[str]:
    """The ids the draft declares besides meetings, milestones and pending events."""
    groups: Iterable[Iterable[Any]] = (
        plan.resolutions,
        plan.bodies,
        plan.countries,
        plan.working_groups,
        plan.areas,
        plan.officers,
        plan.reports,
    )
    return {item.id for group in groups for item in group}


def _new_ids(
    items: list[tuple[str, dt.date, dt.date]], taken: set[str], years: tuple[tuple[int, int], tuple[int, int]]
) -> dict[str, str]:
    """Each carried item's id in the draft: renamed for its new day where that makes an id no other thing has."""
    names = {ident: _renamed(ident, old_day, new_day, years) for ident, old_day, new_day in items}
    while True:
        counts: dict[str, int] = {}
        for new in [*names.values(), *taken]:
            counts[new] = counts.get(new, 0) + 1
        clashing = [old for old, new in names.items() if new != old and counts[new] > 1]
        if not clashing:
            return names
        for old in clashing:
            names[old] = old


def _entries(meeting: Meeting) -> Iterable[AgendaItem]:
    for section in meeting.agenda:
        for topic in section.topics:
            yield topic
            yield from topic.items


class _References:
    """Carries records with their ids renamed, references to what is not carried left out, titles retitled."""

    def __init__(self, names: dict[str, str], kept: set[str], text: Any) -> None:
        self.names, self.kept, self._text = names, kept, text

    def text(self, value: str | None) -> str | None:
        return None if value is None else self._text(value)

    def one(self, ident: str | None, among: set[str]) -> str | None:
        new = self.names.get(ident, ident) if ident is not None else None
        return new if new in among else None

    def many(self, idents: tuple[str, ...]) -> tuple[str, ...]:
        renamed = (self.names.get(i, i) for i in idents)
        return tuple(i for i in renamed if i in self.kept)

    def entry(self, entry: Any) -> Any:
        update: dict[str, Any] = {
            "title": self._text(entry.title),
            "refers_to": self.many(entry.refers_to),
            "footnotes": (),
        }
        if isinstance(entry, AgendaTopic):
            update["items"] = tuple(self.entry(item) for item in entry.items)
        return dataclasses.replace(entry, **update)

    def meeting(self, meeting: Meeting, day: dt.date, end_day: dt.date | None) -> Meeting:
        agenda = tuple(
            dataclasses.replace(
                section,
                heading=self.text(section.heading),
                topics=tuple(self.entry(topic) for topic in section.topics),
            )
            for section in meeting.agenda
        )
        return meeting.model_copy(
            update={
                "id": self.names[meeting.id],
                "title": self.text(meeting.title),
                "heading": self.text(meeting.heading),
                "summary": self.text(meeting.summary),
                "date": day,
                "end_date": end_day,
                "within": self.one(meeting.within, set(self.names.values())),
                "status": None,
                "status_note": None,
                "documents": (),
                "links": (),
                "footnotes": (),
                "agenda": agenda,
            }
        )


# --- writing records as `workplan fmt` does -------------------------------------------------------


def _scalar(value: Any, key: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.time):
        return f'"{value:%H:%M}"'
    if isinstance(value, dt.date):
        return value.isoformat()
    if key in ("paragraphs", "label"):  # paragraph labels are always written in double quotes
        return json.dumps(value, ensure_ascii=False)
    return scalar_text(value)


def _flow_safe(text: str) -> bool:
    """Whether a scalar written for block context reads the same inside brackets (``[a, b]``)."""
    if text[:1] in "\"'":
        return True
    if text[:1] in "?:-" or text.endswith(":") or ": " in text or " #" in text:
        return False  # an explicit key, a pair or a comment inside brackets
    return not any(c in text for c in ",[]{}")


def _folded(text: str, width: int) -> list[str] | None:
    """The lines of ``text`` folded at spaces to ``width``, or None when a folded scalar would not read it back
    exactly (or need not be folded)."""
    if len(text) <= width or "  " in text or text != text.strip() or scalar_text(text) != text:
        return None
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return lines if " ".join(lines) == text and len(lines) > 1 else None


def record_lines(record: Any, col: int, comments: dict[str, str] | None = None, dash: bool = False) -> list[str]:
    """``record``'s fields with a value, in the schema's order, as YAML lines whose keys start at column ``col``
    (with ``dash``, the first line begins the list item ``- ``); ``comments`` go at the end of their field's
    line."""
    lines: list[str] = []
    for key in fields_of(type(record)):
        value = getattr(record, key)
        if value is None or value == () or value is False:
            continue
        lines += field_lines(key, value, col, (comments or {}).get(key))
    if not lines:
        lines = [" " * col + "{}"]
    if dash:
        lines[0] = " " * (col - 2) + "- " + lines[0][col:]
    return lines


def field_lines(key: str, value: Any, col: int, comment: str | None = None) -> list[str]:
    """``key: value`` as YAML lines with the key at column ``col``, and ``comment`` at the end of the first."""
    pad, tail = " " * col, f"  # {comment}" if comment else ""
    if is_record(value):
        return [f"{pad}{key}:{tail}", *record_lines(value, col + 2)]
    if isinstance(value, tuple):
        if is_record(value[0]):
            return [f"{pad}{key}:{tail}", *(line for item in value for line in record_lines(item, col + 4, dash=True))]
        items = [_scalar(item, key) for item in value]
        if all(map(_flow_safe, items)):
            return [f"{pad}{key}: [{', '.join(items)}]{tail}"]
        return [f"{pad}{key}:{tail}", *(f"{pad}  - {item}" for item in items)]
    folded = None if comment or not isinstance(value, str) else _folded(value, WIDTH - col - 2)
    if folded is not None and col + len(key) + 2 + len(value) > WIDTH:
        return [f"{pad}{key}: >-", *(f"{pad}  {line}" for line in folded)]
    return [f"{pad}{key}: {_scalar(value, key)}{tail}"]
