"""Questions staff and delegations ask of a plan, as plain functions returning records.

Where is paragraph 38 discussed?  What does the IADB present?  Which declared
paragraphs have no meeting yet?  Which CICTE activities involve INCIBE?
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .errors import UsageError
from .index import index_of
from .models import AgendaItem, AgendaTopic, CommitteePlan, Meeting, Partner, Plan, Program, ProgramPlan, Resolution


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _session(symbol: str) -> str | None:
    """The session in a resolution's symbol, normalised: ``AG/RES. 1 (XLVI-E/14)`` -> ``xlvi-e/14``."""
    found = re.search(r"\(([^()]+)\)", symbol)
    return _norm(found.group(1)) if found else None


def resolve_resolution(plan: CommitteePlan, word: str) -> Resolution | None:
    """A resolution by id (`ag-2970`), full or leading symbol (`AG/RES. 2970`), number (`2970`), or number and session.

    Resolutions of special and extraordinary sessions restart their numbering
    (`AG/RES. 1 (XLVI-E/14)`), so a number or a leading symbol may fit several:
    then `UsageError` lists them.  The full symbol (`AG/RES. 1 (XLVI-E/14)`),
    or the number with its session (`1 (XLVI-E/14)`), always picks one.
    """
    wanted = _norm(word)
    exact = [r for r in plan.resolutions if wanted in (r.id, _norm(r.symbol))]
    if exact:
        return exact[0]
    found = []
    for resolution in plan.resolutions:
        symbol = _norm(resolution.symbol)
        if symbol.startswith(wanted) and not symbol[len(wanted) : len(wanted) + 1].isdigit():
            found.append(resolution)
            continue
        number, _, session = wanted.partition("(")
        if (
            number.isdigit()
            and re.search(rf"(?:^|[^\d/]){number}(?!\d)", symbol.partition("(")[0])
            and (not session or _session(resolution.symbol) == session.rstrip(")"))
        ):
            found.append(resolution)
    if len(found) > 1:
        symbols = "; ".join(r.symbol for r in found)
        raise UsageError(f"{word!r} fits several resolutions of {plan.id} ({symbols}); give the full symbol or the id")
    return found[0] if found else None


def paragraph_targets(plans: Sequence[Plan], label: str, resolution: str | None) -> dict[str, str]:
    """Per committee plan id, the qualified reference (`ag-2986:38`) a paragraph query means.

    Raises `UsageError` when no plan knows the resolution asked for.
    """
    targets: dict[str, str] = {}
    for plan in plans:
        if not isinstance(plan, CommitteePlan):
            continue
        if resolution is None:
            targets[plan.id] = index_of(plan).qualify(label)
        else:
            found = resolve_resolution(plan, resolution)
            if found is not None:
                targets[plan.id] = f"{found.id}:{label}"
    if resolution is not None and not targets:
        raise UsageError(f"no plan declares a resolution matching {resolution!r}")
    return targets


# --- meetings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaMatch:
    """An agenda entry of a meeting, numbered as topic (`3`) or topic.item (`3.2`)."""

    number: str
    area: str | None
    topic: str | None
    title: str
    paragraphs: tuple[str, ...]
    documents: tuple[str, ...]
    by: tuple[str, ...]


@dataclass(frozen=True)
class MeetingMatch:
    plan: str
    meeting: Meeting
    items: tuple[AgendaMatch, ...]


def agenda_entries(
    plan: CommitteePlan, meeting: Meeting
) -> Iterator[tuple[AgendaMatch, AgendaTopic | AgendaItem, str | None]]:
    """Every agenda entry with its number, plus the entry model and its area id."""
    index = index_of(plan)
    for entry in index.agenda(meeting):
        area = entry.section.area
        match = AgendaMatch(
            entry.number,
            index.area_name(area) if area else None,
            None if entry.is_topic else entry.topic.title,
            entry.entry.title,
            tuple(index.qualify(r) for r in entry.entry.paragraphs),
            tuple(entry.entry.documents),
            (*entry.entry.by, *(s.name for s in entry.entry.speakers)),
        )
        yield match, entry.entry, area


def _presents(plan: CommitteePlan, entry: AgendaTopic | AgendaItem, word: str) -> bool:
    wanted = word.strip().lower()
    ids = {*entry.by, *(s.body for s in entry.speakers if s.body)}
    for body in plan.bodies:
        if body.id in ids and wanted in {body.id, body.name.lower(), (body.acronym or "").lower()}:
            return True
    for country in plan.countries:
        if country.id in ids and wanted in (country.id, country.name.lower()):
            return True
    for group in plan.working_groups:
        if group.id in ids and wanted == group.id:
            return True
    if any(o.id in ids and wanted in (o.id, o.name.lower()) for o in plan.officers):
        return True
    return any(wanted in s.name.lower() for s in entry.speakers)


def _area_ids(plan: CommitteePlan, word: str) -> set[str]:
    wanted = word.strip().lower()
    return {a.id for a in plan.areas if wanted in (a.id, a.name.lower(), str(a.number))}


def find_meetings(
    plans: Sequence[Plan],
    *,
    paragraph: str | None = None,
    resolution: str | None = None,
    area: str | None = None,
    presenter: str | None = None,
    text: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[MeetingMatch]:
    """Meetings (in date order) whose agenda has entries matching every filter given.

    With no agenda filter, every meeting between ``start`` and ``end``, without items.
    """
    targets = paragraph_targets(plans, paragraph, resolution) if paragraph else {}
    entry_filters = paragraph is not None or area is not None or presenter is not None or text is not None
    needle = text.lower() if text else None
    out: list[MeetingMatch] = []
    for plan in plans:
        if not isinstance(plan, CommitteePlan):
            continue
        if paragraph is not None and plan.id not in targets:
            continue
        areas = _area_ids(plan, area) if area else set()
        for meeting in plan.meetings:
            if (start and meeting.date < start) or (end and meeting.date > end):
                continue
            if not entry_filters:
                out.append(MeetingMatch(plan.id, meeting, ()))
                continue
            items = tuple(
                match
                for match, entry, area_id in agenda_entries(plan, meeting)
                if (paragraph is None or targets[plan.id] in match.paragraphs)
                and (area is None or area_id in areas)
                and (presenter is None or _presents(plan, entry, presenter))
                and (needle is None or needle in entry.title.lower())
            )
            own_title = " ".join(filter(None, (meeting.title, meeting.heading, meeting.summary))).lower()
            title_hit = (
                needle is not None and needle in own_title and paragraph is None and area is None and presenter is None
            )
            if items or title_hit:
                out.append(MeetingMatch(plan.id, meeting, items))
    out.sort(key=lambda m: (m.meeting.date, m.meeting.start_time or dt.time(0), m.plan))
    return out


# --- citations and coverage ----------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """One place a paragraph is cited."""

    plan: str
    kind: str  # meeting, working-group, mandate, pending, report
    id: str | None
    date: dt.date | None
    number: str | None
    title: str


def _citations(plan: CommitteePlan) -> Iterator[tuple[str, Citation]]:
    """(qualified paragraph, citation) for every paragraph reference in a plan."""
    qualify = index_of(plan).qualify
    for group in plan.mandates:
        for mandate in group.mandates:
            for ref in mandate.paragraphs:
                yield qualify(ref), Citation(plan.id, "mandate", None, None, None, mandate.text)
    for wg in plan.working_groups:
        for ref in wg.paragraphs:
            yield qualify(ref), Citation(plan.id, "working-group", wg.id, None, None, wg.name)
    for meeting in plan.meetings:
        for match, _, _ in agenda_entries(plan, meeting):
            for ref in match.paragraphs:
                yield ref, Citation(plan.id, "meeting", meeting.id, meeting.date, match.number, match.title)
    for event in plan.pending:
        for ref in event.paragraphs:
            yield qualify(ref), Citation(plan.id, "pending", event.id, None, None, event.title)
    for report in plan.reports:
        for ref in report.paragraphs:
            yield qualify(ref), Citation(plan.id, "report", report.id, None, None, report.title)


def find_citations(plans: Sequence[Plan], paragraph: str, resolution: str | None = None) -> list[Citation]:
    """Every place the paragraph is cited, in document order (meetings by date)."""
    targets = paragraph_targets(plans, paragraph, resolution)
    return [
        citation
        for plan in plans
        if isinstance(plan, CommitteePlan) and plan.id in targets
        for ref, citation in _citations(plan)
        if ref == targets[plan.id]
    ]


@dataclass(frozen=True)
class ParagraphCoverage:
    plan: str
    resolution: str
    symbol: str
    label: str
    subject: str | None
    meetings: tuple[Citation, ...]

    @property
    def covered(self) -> bool:
        return bool(self.meetings)


def coverage(plans: Sequence[Plan], uncovered: bool = False) -> list[ParagraphCoverage]:
    """Every declared paragraph with the meeting entries that cite it (none = no slot yet); only those with
    no meeting yet when ``uncovered``."""
    out = []
    for plan in plans:
        if not isinstance(plan, CommitteePlan):
            continue
        cited: dict[str, list[Citation]] = {}
        for ref, citation in _citations(plan):
            cited.setdefault(ref, []).append(citation)
        for resolution in plan.resolutions:
            for paragraph in resolution.paragraphs:
                found = cited.get(f"{resolution.id}:{paragraph.label}", [])
                out.append(
                    ParagraphCoverage(
                        plan.id,
                        resolution.id,
                        resolution.symbol,
                        paragraph.label,
                        paragraph.subject,
                        tuple(c for c in found if c.kind == "meeting"),
                    )
                )
    return [row for row in out if not row.covered] if uncovered else out


# --- program activities ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityMatch:
    plan: str
    program: str
    letter: str
    subprogram: str | None
    number: int
    text: str
    partners: tuple[str, ...]
    gender: bool
    date: dt.date | None = None
    end_date: dt.date | None = None
    place: str | None = None


def _is_program(prog: Program, word: str) -> bool:
    """A program by letter (`D`), id, or part of its title (a single letter is only a letter)."""
    wanted = word.strip().lower()
    if len(wanted) == 1:
        return prog.letter.lower() == wanted
    return wanted == prog.id or wanted in prog.title.lower()


def find_activities(
    plans: Sequence[Plan], *, program: str | None = None, partner: str | None = None, text: str | None = None
) -> list[ActivityMatch]:
    """Proposed activities of program plans matching every filter given."""
    out = []
    for plan in plans:
        if not isinstance(plan, ProgramPlan):
            continue
        index = index_of(plan)
        wanted_partner = partner.strip().lower() if partner else None
        for prog in plan.programs:
            if program is not None and not _is_program(prog, program):
                continue
            groups = [(None, prog.activities), *((sub.title, sub.activities) for sub in prog.subprograms)]
            for sub_title, activities in groups:
                for number, activity in enumerate(activities, 1):
                    if wanted_partner is not None and not any(
                        wanted_partner in (pid, found.name.lower(), (found.acronym or "").lower())
                        for pid in activity.partners
                        if isinstance(found := index.entity(pid), Partner)
                    ):
                        continue
                    if text is not None and text.lower() not in activity.text.lower():
                        continue
                    out.append(
                        ActivityMatch(
                            plan.id,
                            prog.title,
                            prog.letter,
                            sub_title,
                            number,
                            activity.text,
                            tuple(activity.partners),
                            activity.gender,
                            activity.date,
                            activity.end_date,
                            activity.place,
                        )
                    )
    return out


def find_by_id(plans: Sequence[Plan], ident: str) -> tuple[Plan, object] | None:
    """The plan and the entity (meeting, activity, milestone, …) with this id.

    An id is matched as written, then in lowercase (``Meeting-7``); a number
    alone names the meeting of that number (``7``).
    """
    for wanted in dict.fromkeys([ident, ident.strip().lower()]):
        for plan in plans:
            found = index_of(plan).entity(wanted)
            if found is not None:
                return plan, found
    if ident.strip().isdigit():
        number = int(ident)
        for plan in plans:
            for meeting in getattr(plan, "meetings", ()):
                if meeting.number == number:
                    return plan, meeting
    return None


def find_item(plans: Sequence[Plan], ident: str) -> tuple[Plan, object]:
    """`find_by_id`, or `UsageError` naming the plans searched and the ids closest to ``ident``."""
    from .text import did_you_mean

    found = find_by_id(plans, ident)
    if found is None:
        hint = did_you_mean(ident, (i for p in plans for i in index_of(p).ids))
        raise UsageError(f"no item with id {ident!r} in {', '.join(p.id for p in plans)}{hint}")
    return found
