"""Semantic lint: what a schema cannot catch, as a registry of rules.

Each rule is a generator over a validated plan that yields `Finding`s: a path
into the plan (the same keys and indexes as the YAML, so the loader can turn it
into a line and column) and a message.  A rule's docstring is its
documentation: the first line is its summary, and the text after it, with a
passing and a failing example, is what `workplan rules CODE` prints.

Codes are stable; never renumber a rule.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import itertools
import re
import textwrap
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from ..diagnostics import Severity
from ..errors import UsageError
from ..index import ID_FIELDS, Loc, PlanIndex, index_of
from ..models import (
    FREQUENCIES,
    OFFICER_ROLES,
    STAGES,
    Activity,
    Area,
    Body,
    CommitteePlan,
    Country,
    Meeting,
    Milestone,
    Officer,
    Partner,
    PendingEvent,
    Plan,
    ProgramPlan,
    Resolution,
    WorkingGroup,
    last_day,
)
from ..vocabulary import MEETING_KINDS


class Finding(NamedTuple):
    loc: Loc
    message: str
    subject: str | None = None
    """The id the finding is about (used to scope suppressions)."""
    key: bool = False
    """Point at the key at ``loc`` rather than at its value."""
    owner: str | None = None
    """The id of the thing that holds what the finding is about, when that is not the subject: it scopes suppressions too."""


class Rule(NamedTuple):
    code: str
    name: str
    severity: Severity
    kinds: frozenset[str]
    check: Callable[[Any, PlanIndex], Iterator[Finding]]
    summary: str
    doc: str


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity, *kinds: str) -> Callable[[Callable[..., Iterator[Finding]]], Rule]:
    """Register a rule; its docstring's first line is the summary, the rest its documentation."""

    def register(function: Callable[..., Iterator[Finding]]) -> Rule:
        summary, _, rest = (function.__doc__ or "").strip().partition("\n")
        registered = Rule(
            code=code,
            name=name,
            severity=severity,
            kinds=frozenset(kinds or ("committee-plan", "program-plan")),
            check=function,
            summary=summary.strip(),
            doc=textwrap.dedent(rest).strip(),
        )
        if code in RULES or any(r.name == name for r in RULES.values()):
            raise ValueError(f"duplicate rule {code} {name}")
        RULES[code] = registered
        return registered

    return register


def find_rule(word: str) -> Rule | None:
    """A rule by code (any case) or by name."""
    found = RULES.get(word.upper())
    return found or next((r for r in RULES.values() if r.name == word.lower()), None)


# --- the index --------------------------------------------------------------------------
#
# Rules read the plan's index (`index.PlanIndex`): ids, references, declared
# paragraphs and documents, found in one walk of the plan that every command shares.

_NOUN: dict[type[Any], str] = {
    Body: "body",
    Country: "country",
    Officer: "officer",
    WorkingGroup: "working group",
    Meeting: "meeting",
    PendingEvent: "pending event",
    Milestone: "milestone",
    Activity: "activity",
    Area: "thematic area",
    Partner: "partner",
    Resolution: "resolution",
}


# --- references ------------------------------------------------------------------------


def _one_edit_apart(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def suggest_label(label: str, declared: list[str]) -> str | None:
    """The declared label a typo most likely meant: `86e` -> `86.e`, `848` -> `84`."""
    bare = label.replace(".", "")
    same = [d for d in declared if d.replace(".", "") == bare]
    if same:
        return same[0]
    near = [d for d in declared if _one_edit_apart(label, d)]
    if near:

        def shared_prefix(d: str) -> int:
            return next((i for i, (x, y) in enumerate(zip(label, d, strict=False)) if x != y), min(len(label), len(d)))

        return max(near, key=shared_prefix)
    close = difflib.get_close_matches(label, declared, n=1, cutoff=0.6)
    return close[0] if close else None


@rule("WP101", "unknown-paragraph", Severity.ERROR, "committee-plan")
def unknown_paragraph(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """A paragraph reference names a paragraph the plan does not declare.

    A reference without a prefix (`"38"`) is a paragraph of the resolution marked
    `default: true`; `"ag-2970:47.b"` is paragraph 47.b of resolution `ag-2970`.
    Sub-paragraphs (`86.e`) are paragraphs of their own and must be declared too.

    Passes:

        resolutions:
          - {id: ag-2986, symbol: AG/RES. 2986 (LII-O/22), default: true,
             paragraphs: [{label: "86.e"}]}
        ...
                paragraphs: ["86.e"]

    Fails (`86e` is not declared; did you mean `86.e`?):

                paragraphs: ["86e"]
    """
    for ref in index.refs:
        if ref.field != "paragraphs":
            continue
        resolution, label = index.split(ref.value)
        if resolution is None:
            yield Finding(
                ref.loc,
                f"paragraph {ref.value!r} has no resolution: mark one resolution `default: true` or write 'RESOLUTION-ID:{label}'",
                ref.owner,
            )
            continue
        declared = index.paragraphs.get(resolution)
        if declared is None or label in declared:
            continue  # an undeclared resolution is WP102's finding
        close = suggest_label(label, list(declared))
        hint = f"; did you mean {close!r}?" if close else ""
        symbol = next(r.symbol for r in plan.resolutions if r.id == resolution)
        yield Finding(ref.loc, f"paragraph {label!r} of {symbol} is not declared in `resolutions`{hint}", ref.owner)


@rule("WP102", "unknown-resolution", Severity.ERROR, "committee-plan")
def unknown_resolution(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """A reference names a resolution the plan does not declare.

    Passes: `paragraphs: ["ag-2970:47.b"]` with a resolution `id: ag-2970` declared.

    Fails: `paragraphs: ["ag-2907:47.b"]` (no resolution `ag-2907`), or
    `resolutions: [ag-9999]` on an agenda item.
    """
    declared = {r.id for r in plan.resolutions}
    for ref in index.refs:
        if ref.field == "paragraphs" and ":" in ref.value:
            resolution = ref.value.partition(":")[0]
        elif ref.field == "resolutions":
            resolution = ref.value
        else:
            continue
        if resolution not in declared:
            close = difflib.get_close_matches(resolution, sorted(declared), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            yield Finding(ref.loc, f"resolution {resolution!r} is not declared in `resolutions`{hint}", ref.owner)


@rule("WP107", "several-defaults", Severity.ERROR, "committee-plan")
def several_default_resolutions(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """More than one resolution says `default: true`, so an unprefixed paragraph reference is ambiguous.

    Passes: `default: true` on AG/RES. 2986 only; `"38"` means its paragraph 38.

    Fails: `default: true` on both AG/RES. 2986 and AG/RES. 2970: does `"38"` mean
    paragraph 38 of one or of the other?
    """
    defaults = [(i, r) for i, r in enumerate(plan.resolutions) if r.default]
    for i, resolution in defaults[1:]:
        yield Finding(
            ("resolutions", i, "default"),
            f"{resolution.id!r} is also marked `default: true`, after {defaults[0][1].id!r}; "
            "unprefixed paragraph references need exactly one default resolution",
            resolution.id,
        )


# An OAS document symbol: an upper-case body code (`CP`, `RC.24`), segments
# separated by '/', a year of two digits (or the three of some early-2000s
# series: `CP/CSH-414/001`), then optional "rev. N", "corr. N", "add. N".
_REVISIONS = r"(?: (?:rev|corr|add)\. \d+)*"
DOCUMENT_SYMBOL = re.compile(r"^[A-Z][A-Za-z0-9.-]*(?:/[A-Za-z0-9][A-Za-z0-9. -]*)*/\d{2,3}" + _REVISIONS + "$")
# A resolution or declaration with its session in brackets: a regular (`O`),
# special or extraordinary (`E`) session of the General Assembly, numbered in
# Roman figures (`AG/RES. 2986 (LII-O/22)`, `AG/RES. 1 (XLVI-E/14)`), or a
# Permanent Council meeting (`CP/RES. 1061 (2063/16)`).
RESOLUTION_SYMBOL = re.compile(
    r"^[A-Z][A-Za-z0-9.-]*/(?:RES|DEC)\. ?\d+(?:/\d{2})? \((?:[IVXLCDM]+-[A-Z]/\d{2}|\d+/\d{2})\)" + _REVISIONS + "$"
)


def is_symbol(text: str) -> bool:
    """Whether ``text`` looks like an OAS document or resolution symbol."""
    return bool(DOCUMENT_SYMBOL.match(text) or RESOLUTION_SYMBOL.match(text))


@rule("WP103", "document-symbol", Severity.WARNING)
def document_symbol(plan: Plan, index: PlanIndex) -> Iterator[Finding]:
    """A document symbol does not look like an OAS document symbol.

    Symbols are identifiers, cited exactly: upper-case body codes separated by
    slashes, the year in two digits (three in some series of the early 2000s),
    and any revision (`rev. 2`), corrigendum (`corr. 1`) or addendum; or a
    resolution's symbol with its session: regular (`O`), special or
    extraordinary (`E`), or a Permanent Council meeting.

    A symbol cited as printed that does not follow these shapes can be accepted
    on purpose: `suppress: [{rule: document-symbol, subject: "THE SYMBOL", reason: ...}]`
    (or the id of the meeting or item that cites it as `subject`).

    Passes: `CP/CSH-2176/22 rev. 2`, `CSH/FORO-X/doc. 2/23 rev. 1`, `CP/CSH/INF. 459/16`,
    `CP/CSH-414/001`, `AG/RES. 1 (XLVI-E/14)`, `CP/RES. 1061 (2063/16)`.

    Fails: `CP/CSH-2176/22 rev 2` (no dot after rev), `document 2176`, `CP/CSH-2176`.
    """
    for loc, symbol, owner in index.documents:
        if not is_symbol(symbol):
            yield Finding(
                loc,
                f"{symbol!r} does not look like an OAS document symbol (e.g. 'CP/CSH-2176/22 rev. 2')",
                symbol,
                owner=owner,
            )


@rule("WP104", "unknown-reference", Severity.ERROR)
def unknown_reference(plan: Plan, index: PlanIndex) -> Iterator[Finding]:
    """An id in `by`, `refers_to`, `within`, `organizers`, `area`, `body`, `meeting`, `events` or `partners` is not declared, or names the wrong kind of thing.

    Agenda entries name working groups, bodies, meetings and events by id so the
    link cannot drift when a title is reworded.

    Passes: `by: [sms]` with a body `id: sms` declared under `bodies`.

    Fails: `by: [smss]` (no such id), or `within: wg-tip` (a working group, not a meeting).
    """
    for ref in index.refs:
        allowed = ID_FIELDS.get(ref.field)
        if allowed is None or ref.field == "resolutions":
            continue
        target = index.entity(ref.value)
        wanted = " or ".join(_NOUN[t] for t in allowed)
        if target is None:
            close = difflib.get_close_matches(
                ref.value, [i for i, v in index.ids.items() if isinstance(v[0][1], allowed)], n=1, cutoff=0.6
            )
            hint = f"; did you mean {close[0]!r}?" if close else ""
            yield Finding(ref.loc, f"`{ref.field}` names {ref.value!r}, but no {wanted} has that id{hint}", ref.owner)
        elif not isinstance(target, allowed):
            yield Finding(
                ref.loc,
                f"`{ref.field}` names {ref.value!r}, which is a {_NOUN.get(type(target), type(target).__name__)}, not a {wanted}",
                ref.owner,
            )


@rule("WP105", "duplicate-id", Severity.ERROR)
def duplicate_id(plan: Plan, index: PlanIndex) -> Iterator[Finding]:
    """Two things in one plan have the same id.

    Ids are one namespace per plan: a meeting and a working group cannot share one.

    Passes: `meeting-1`, `meeting-2`. Fails: two meetings both `id: meeting-5`.
    """
    for ident, places in index.ids.items():
        for loc, _ in places[1:]:
            first = "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in places[0][0]).lstrip(".")
            yield Finding((*loc, "id"), f"id {ident!r} is already used by {first}", ident)


@rule("WP106", "unused-declaration", Severity.WARNING)
def unused_declaration(plan: Plan, index: PlanIndex) -> Iterator[Finding]:
    """A declared paragraph, resolution, working group, thematic area, body or partner is never referred to.

    Usually a leftover after an agenda was edited, or a reference that was
    mistyped elsewhere.

    Passes: a working group `wg-tip` named in some agenda entry's `by` or `refers_to`.

    Fails: a paragraph `{label: "99"}` declared under a resolution that no entry cites.
    """
    used_ids = {ref.value for ref in index.refs if ref.field != "paragraphs"}
    used_paragraphs: set[tuple[str | None, str]] = set()
    for ref in index.refs:
        if ref.field == "paragraphs":
            resolution, label = index.split(ref.value)
            used_paragraphs.add((resolution, label))
            used_ids.add(resolution or "")
    for ident, places in index.ids.items():
        loc, entity = places[0]
        if isinstance(entity, (Resolution, WorkingGroup, Area, Body, Country, Partner)) and ident not in used_ids:
            yield Finding((*loc, "id"), f"{_NOUN[type(entity)]} {ident!r} is declared but nothing refers to it", ident)
    for resolution, labels in index.paragraphs.items():
        for label, loc in labels.items():
            if (resolution, label) not in used_paragraphs:
                yield Finding(
                    loc, f"paragraph {label!r} of {resolution!r} is declared but nothing cites it", resolution
                )


# --- vocabularies and footnotes ---------------------------------------------------------------


def _known(word: str, known: tuple[str, ...], noun: str) -> str | None:
    """Why ``word`` is worth a look, or None when it is one of the ``known`` values."""
    if word in known:
        return None
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.75)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{noun} {word!r} is not one of the known values ({', '.join(known)}), so it is printed as written{hint}"


@rule("WP108", "unlisted-value", Severity.WARNING, "committee-plan")
def unlisted_value(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """A meeting kind, officer role, milestone stage or report frequency is not one of the known values.

    These are open vocabularies: OAS practice has more kinds of meeting, offices
    and deadlines than any one plan, so another value is accepted and printed in
    its own words (`rapporteur` as "Rapporteur"), but it is not translated and
    may be a typo.  Known values: meeting `kind` regular, informal,
    working-group, forum, special, joint, points-of-contact; officer `role`
    chair, vice-chair, first-vice-chair, second-vice-chair, third-vice-chair;
    milestone `stage` procedure, first-version, comments-due, revised-version,
    consideration, drafts-due; report `frequency` yearly, voluntary, biennial.

    Passes: `role: vice-chair` (a vice chair without a number).

    Fails: `kind: regualr` (did you mean 'regular'?); `role: rapporteur` (accepted, with this warning).
    """
    checks: list[tuple[tuple[Any, ...], str, tuple[str, ...], str, str]] = []
    checks += [
        (("meetings", i, "kind"), m.kind, MEETING_KINDS, "meeting kind", m.id) for i, m in enumerate(plan.meetings)
    ]
    checks += [
        (("officers", i, "role"), o.role, OFFICER_ROLES, "officer role", o.id) for i, o in enumerate(plan.officers)
    ]
    checks += [
        (("procedure", "milestones", i, "stage"), m.stage, STAGES, "milestone stage", m.id)
        for i, m in enumerate(plan.procedure.milestones)
    ]
    checks += [
        (("reports", i, "frequency"), r.frequency, FREQUENCIES, "report frequency", r.id)
        for i, r in enumerate(plan.reports)
    ]
    for loc, word, known, noun, subject in checks:
        message = _known(word, known, noun)
        if message:
            yield Finding(loc, message, subject)


@rule("WP109", "footnote-without-text", Severity.WARNING)
def footnote_without_text(plan: Plan, index: PlanIndex) -> Iterator[Finding]:
    """A footnote has no text yet.

    A plan transcribed from an incomplete copy keeps the footnote's place and
    number; the pages print it as a footnote whose text is to be confirmed.

    Passes: `footnotes: [{number: 3, text: "Presented in chronological order."}]`.

    Fails: `footnotes: [{number: 3}]` (accepted, with this warning).
    """
    for loc, footnote, owner in index.footnote_places:
        if footnote.text is None:
            yield Finding(
                (*loc, "number"), f"footnote {footnote.number} has no text; it is printed as to be confirmed", owner
            )


# --- dates -------------------------------------------------------------------------------


def _in_term(plan: CommitteePlan, day: dt.date) -> bool:
    return plan.term.start <= day and (plan.term.end is None or day <= plan.term.end)


def _term_text(plan: CommitteePlan) -> str:
    return f"{plan.term.start} to {plan.term.end}" if plan.term.end else f"from {plan.term.start}"


@rule("WP110", "outside-term", Severity.ERROR, "committee-plan")
def outside_term(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """A meeting or milestone falls outside the plan's term.

    Every day of a meeting of several days is checked.  While the term's end is
    to be confirmed, only its start is.

    Passes: a meeting on 2023-03-16 in a term from 2022-11-11 to 2023-06-23.

    Fails: the same meeting typed as 2024-03-16.
    """
    for i, meeting in enumerate(plan.meetings):
        for key, day in (("date", meeting.date), ("end_date", meeting.end_date)):
            if day is not None and not _in_term(plan, day):
                yield Finding(
                    ("meetings", i, key),
                    f"meeting {meeting.id!r} on {day} is outside the term ({_term_text(plan)})",
                    meeting.id,
                )
                break
    for i, milestone in enumerate(plan.procedure.milestones):
        if not (_in_term(plan, milestone.date) or _in_term(plan, last_day(milestone.date))):
            yield Finding(
                ("procedure", "milestones", i, "date"),
                f"milestone {milestone.id!r} on {milestone.date} is outside the term ({_term_text(plan)})",
                milestone.id,
            )


@rule("WP111", "activity-outside-term", Severity.WARNING, "committee-plan")
def activity_outside_term(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """Another OAS activity falls wholly outside the plan's term.

    Other OAS activities may legitimately fall outside the committee's term,
    so this is a warning: check the year, then suppress it with a reason.

    Passes: an activity from 2023-01-11 to 2023-01-13 in a 2022–2023 term.

    Fails: an activity on 2023-10-18 when the term ends on 2023-06-23.
    """
    for i, activity in enumerate(plan.activities):
        end = last_day(activity.end_date or activity.date)
        if end < plan.term.start or (plan.term.end is not None and activity.date > plan.term.end):
            yield Finding(
                ("activities", i, "date"),
                f"activity {activity.id!r} on {activity.date} is outside the term ({_term_text(plan)})",
                activity.id,
            )


@rule("WP112", "end-before-start", Severity.ERROR)
def end_before_start(plan: Plan, index: PlanIndex) -> Iterator[Finding]:
    """A date range or time range ends before it starts.

    Checked for the term or period, sessions, activities, and meetings' days and hours.

    Passes: `start_time: "10:00"`, `end_time: "13:00"`.

    Fails: `start_time: "14:30"`, `end_time: "13:00"`; or `date: 2023-05-24`, `end_date: 2023-05-20`.
    """
    if isinstance(plan, ProgramPlan):
        if plan.period.end < plan.period.start:
            yield Finding(
                ("period", "end"), f"the period ends ({plan.period.end}) before it starts ({plan.period.start})"
            )
        return
    if plan.term.end is not None and plan.term.end < plan.term.start:
        yield Finding(("term", "end"), f"the term ends ({plan.term.end}) before it starts ({plan.term.start})")
    ga = plan.introduction.general_assembly
    if ga.end_date is not None and ga.date is not None and ga.end_date < ga.date:
        yield Finding(
            ("introduction", "general_assembly", "end_date"),
            f"the session ends ({ga.end_date}) before it starts ({ga.date})",
        )
    for i, activity in enumerate(plan.activities):
        if activity.end_date is not None and last_day(activity.end_date) < activity.date:
            yield Finding(
                ("activities", i, "end_date"),
                f"activity {activity.id!r} ends ({activity.end_date}) before it starts ({activity.date})",
                activity.id,
            )
    for i, meeting in enumerate(plan.meetings):
        if meeting.end_date is not None and meeting.end_date < meeting.date:
            yield Finding(
                ("meetings", i, "end_date"),
                f"meeting {meeting.id!r} ends ({meeting.end_date}) before it starts ({meeting.date})",
                meeting.id,
            )
        if meeting.start_time and meeting.end_time and meeting.end_time <= meeting.start_time:
            yield Finding(
                ("meetings", i, "end_time"),
                f"meeting {meeting.id!r} ends at {meeting.end_time:%H:%M}, not after it starts at {meeting.start_time:%H:%M}",
                meeting.id,
            )


@rule("WP113", "weekend-meeting", Severity.WARNING, "committee-plan")
def weekend_meeting(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """A meeting starts or ends on a Saturday or Sunday.

    Committees meet on working days; a weekend date is usually a typo in the day or month.

    Passes: `date: 2023-03-16` (a Thursday). Fails: `date: 2023-03-18` (a Saturday).
    """
    for i, meeting in enumerate(plan.meetings):
        for key, day in (("date", meeting.date), ("end_date", meeting.end_date)):
            if day is not None and day.weekday() >= 5:
                yield Finding(("meetings", i, key), f"meeting {meeting.id!r} is on a {day:%A} ({day})", meeting.id)
                break


@rule("WP114", "impossible-deadline", Severity.ERROR, "committee-plan")
def impossible_deadline(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """A yearly deadline is on a day its month does not have.

    29 February is allowed (it falls in leap years).

    Passes: `{month: 4, day: 30}`. Fails: `{month: 4, day: 31}`, `{month: 2, day: 30}`.
    """
    for i, report in enumerate(plan.reports):
        for j, due in enumerate(report.due):
            if due.day > calendar.monthrange(2024, due.month)[1]:
                yield Finding(
                    ("reports", i, "due", j, "day"),
                    f"{calendar.month_name[due.month]} has no day {due.day} (report {report.id!r})",
                    report.id,
                )


@rule("WP115", "date-to-confirm", Severity.WARNING, "committee-plan")
def date_to_confirm(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """The term's end or the General Assembly's date is not given.

    A plan may be written before these are known; the pages then say the
    term's end is "to be confirmed".  What cannot be done meanwhile: without the term's end, meetings
    and milestones are checked against its start only and the picture of the
    term ends with the plan's last dated item; without the General Assembly's
    date, `workplan init` cannot date next term's session from this one.

    Passes: `term: {start: 2022-11-11, end: 2023-06-23}` and
    `introduction: {general_assembly: {name: ..., date: 2023-06-21}}`.

    Fails: `term: {start: 2022-11-11}` (accepted, with this warning).
    """
    if plan.term.end is None:
        yield Finding(
            ("term",),
            "the term's end is not given (to be confirmed): meetings and milestones are checked against its "
            "start only, and the picture of the term ends with the plan's last dated item",
            key=True,
        )
    if plan.introduction.general_assembly.date is None:
        yield Finding(
            ("introduction", "general_assembly"),
            "the General Assembly's date is not given (to be confirmed): `workplan init` "
            "cannot date next term's session from this plan",
            key=True,
        )


# --- meetings -------------------------------------------------------------------------------


@rule("WP120", "meeting-numbering", Severity.ERROR, "committee-plan")
def meeting_numbering(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """Numbered meetings are numbered without gaps or repeats, in date order.

    Numbering that starts at a later meeting than the first is WP124's (a warning).

    Passes: meetings numbered 1 (1 Dec), 2 (15 Dec), 3 (19 Jan); or 7, 8, 9.

    Fails: 1, 2, 4 (3 is missing); two meetings numbered 5; meeting 7 dated before meeting 6.
    """
    numbered = [(i, m) for i, m in enumerate(plan.meetings) if m.number is not None]
    first_with: dict[int, tuple[int, Meeting]] = {}
    for i, meeting in numbered:
        assert meeting.number is not None
        if meeting.number in first_with:
            other = first_with[meeting.number][1]
            yield Finding(
                ("meetings", i, "number"),
                f"meeting number {meeting.number} is used twice ({other.id!r} and {meeting.id!r})",
                meeting.id,
            )
        else:
            first_with[meeting.number] = (i, meeting)
    numbers = sorted(first_with)
    # One finding per gap, however wide (a typo such as 10000000 must not
    # make the rule count to it).
    for before, following in itertools.pairwise(numbers):
        if following - before < 2:
            continue
        i, meeting = first_with[following]
        if following - before == 2:
            message = f"meeting number {before + 1} is missing (the numbers go from {before} to {following})"
        else:
            message = f"meeting numbers {before + 1} to {following - 1} are missing (the numbers go from {before} to {following})"
        yield Finding(("meetings", i, "number"), message, meeting.id)
    for before, after in itertools.pairwise(numbers):
        (_, a), (i, b) = first_with[before], first_with[after]
        if b.date < a.date:
            yield Finding(
                ("meetings", i, "date"),
                f"meeting {b.number} ({b.date}) is dated before meeting {a.number} ({a.date})",
                b.id,
            )


def _start(meeting: Meeting) -> tuple[dt.date, dt.time]:
    return meeting.date, meeting.start_time or dt.time(0)


@rule("WP121", "meetings-out-of-order", Severity.WARNING, "committee-plan")
def meetings_out_of_order(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """The `meetings` list is not in date and time order.

    Keeping the list in order keeps the file readable and the diffs of pull requests small.
    A meeting whose hours are to be confirmed counts from the start of its day.

    Fails: a meeting of 2023-03-02 listed after one of 2023-03-09.
    """
    for i, (before, after) in enumerate(zip(plan.meetings, plan.meetings[1:], strict=False), start=1):
        if _start(after) < _start(before):
            same_day = after.date == before.date
            yield Finding(
                ("meetings", i, "date"),
                f"meeting {after.id!r} ({_when(after, same_day)}) is listed after {before.id!r} "
                f"({_when(before, same_day)})",
                after.id,
            )


def _when(meeting: Any, with_time: bool) -> str:
    """A meeting's day, and its start time where the day alone does not tell two meetings apart."""
    start = getattr(meeting, "start_time", None)
    return f"{meeting.date} {start:%H:%M}" if with_time and start is not None else str(meeting.date)


def _hours(meeting: Meeting) -> str:
    if meeting.start_time is None or meeting.end_time is None:
        return "time to be confirmed, taken as the whole day"
    return f"{meeting.start_time:%H:%M}–{meeting.end_time:%H:%M}"


def _overlap(a: Meeting, b: Meeting) -> bool:
    """Whether two meetings on a common day overlap in time: a meeting without hours takes the whole day."""
    if a.start_time is None or a.end_time is None or b.start_time is None or b.end_time is None:
        return True
    return a.start_time < b.end_time and b.start_time < a.end_time


# A meeting is filed under each of its days, up to this many (an end_date typed
# years too late must not make the rule count every day of them).
_MOST_DAYS = 400


@rule("WP122", "meeting-clash", Severity.WARNING, "committee-plan")
def meeting_clash(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """Two meetings overlap in time on the same day.

    A meeting held inside another (an informal meeting during the last hour of a
    regular one) says so with `within: <meeting id>`, and then the overlap is expected.

    A meeting whose hours are to be confirmed takes its whole day; a meeting of
    several days takes each of them (at its hours).  A cancelled meeting
    (`status: cancelled`) frees its slot and clashes with nothing.

    Passes: a 12:00–13:00 meeting with `within: meeting-2` beside meeting-2 at 10:00–13:00.

    Fails: the same two meetings without `within`. Also: a meeting without hours on the day of another.
    """
    by_day: dict[dt.date, list[tuple[int, Meeting]]] = defaultdict(list)
    for i, meeting in enumerate(plan.meetings):
        if meeting.status == "cancelled":  # a cancelled meeting frees its slot
            continue
        days = min((meeting.last_day - meeting.date).days, _MOST_DAYS - 1) + 1
        for offset in range(max(days, 1)):
            by_day[meeting.date + dt.timedelta(days=offset)].append((i, meeting))
    seen: set[tuple[int, int]] = set()
    for day in sorted(by_day):
        day_meetings = by_day[day]
        for n, (k, a) in enumerate(day_meetings):
            for j, b in day_meetings[n + 1 :]:
                if (k, j) in seen or a.within == b.id or b.within == a.id:
                    continue
                if _overlap(a, b):
                    seen.add((k, j))
                    yield Finding(
                        ("meetings", j, "start_time" if b.start_time is not None else "date"),
                        f"meeting {b.id!r} ({_hours(b)}) overlaps {a.id!r} ({_hours(a)}) on {day}; if it is held within it, add `within: {a.id}`",
                        b.id,
                    )


@rule("WP123", "within-mismatch", Severity.ERROR, "committee-plan")
def within_mismatch(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """A meeting marked `within` another is not on its days and inside its hours.

    A host whose hours are to be confirmed holds anything on its days.

    Passes: 12:00–13:00 on 2022-12-15 within a 10:00–13:00 meeting of 2022-12-15.

    Fails: the same meeting moved to 2022-12-16 but still `within` the first.
    """
    for i, meeting in enumerate(plan.meetings):
        host = index.entity(meeting.within) if meeting.within else None
        if not isinstance(host, Meeting):
            continue
        days = host.date <= meeting.date and meeting.last_day <= host.last_day
        hours = (
            host.start_time is None
            or host.end_time is None
            or meeting.start_time is None
            or meeting.end_time is None
            or (host.start_time <= meeting.start_time and meeting.end_time <= host.end_time)
        )
        if not (days and hours):
            yield Finding(
                ("meetings", i, "within"),
                f"meeting {meeting.id!r} ({meeting.date} {_hours(meeting)}) is not inside {host.id!r} ({host.date} {_hours(host)})",
                meeting.id,
            )


@rule("WP124", "numbering-starts-late", Severity.WARNING, "committee-plan")
def numbering_starts_late(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """The numbered meetings start at a later number than 1.

    A plan being transcribed, or a term taken over mid-way, may start at a later
    meeting; this says so, in case the first meetings were forgotten.

    Passes: meetings numbered 1, 2, 3.

    Fails: meetings numbered 7, 8, 9 (accepted, with this warning).
    """
    numbered = [(i, m) for i, m in enumerate(plan.meetings) if m.number is not None]
    if not numbered:
        return
    i, first = min(numbered, key=lambda pair: (pair[1].number, pair[0]))
    if first.number is not None and first.number > 1:
        yield Finding(
            ("meetings", i, "number"),
            f"numbering does not start at 1 (the first is {first.number}): a partial plan, or meetings missing",
            first.id,
        )


# --- the draft resolution's milestones --------------------------------------------------------

STAGE_ORDER = ("procedure", "first-version", "comments-due", "revised-version", "consideration")


@rule("WP130", "milestone-order", Severity.ERROR, "committee-plan")
def milestone_order(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """The draft-resolution milestones are not in their natural order.

    Procedure, then first version, then the comment deadline, then the revised
    version, then consideration: each on or after the one before.  Other stages
    (`drafts-due`, or a stage of the plan's own) have no fixed place and are not checked.

    Passes: procedure 19 Jan, first version 14 Apr, comments 28 Apr, revision 5 May, consideration 25 May.

    Fails: comments due 10 Apr, before the first version of 14 Apr.
    """
    ordered = sorted(
        ((i, m) for i, m in enumerate(plan.procedure.milestones) if m.stage in STAGE_ORDER),
        key=lambda p: STAGE_ORDER.index(p[1].stage),
    )
    latest: Milestone | None = None
    for i, milestone in ordered:
        if latest is not None and milestone.date < latest.date and milestone.stage != latest.stage:
            yield Finding(
                ("procedure", "milestones", i, "date"),
                f"milestone {milestone.id!r} ({milestone.stage}, {milestone.date}) comes before {latest.id!r} ({latest.stage}, {latest.date})",
                milestone.id,
            )
        if latest is None or milestone.date >= latest.date:
            latest = milestone


@rule("WP131", "milestone-meeting", Severity.ERROR, "committee-plan")
def milestone_meeting(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """A milestone held at a meeting is not dated on one of that meeting's days.

    Passes: `{date: 2023-01-19, meeting: meeting-3}` with meeting-3 on 2023-01-19.

    Fails: the meeting moves to 2023-01-26 and the milestone still says 2023-01-19.
    """
    for i, milestone in enumerate(plan.procedure.milestones):
        meeting = index.entity(milestone.meeting) if milestone.meeting else None
        if isinstance(meeting, Meeting) and not (
            meeting.date <= milestone.date and last_day(milestone.date) <= meeting.last_day
        ):
            yield Finding(
                ("procedure", "milestones", i, "date"),
                f"milestone {milestone.id!r} is dated {milestone.date}, but meeting {meeting.id!r} is on {meeting.date}",
                milestone.id,
            )


# --- program plans ------------------------------------------------------------------------------


@rule("WP140", "program-incomplete", Severity.ERROR, "program-plan")
def program_incomplete(plan: ProgramPlan, index: PlanIndex) -> Iterator[Finding]:
    """A program lacks a purpose or proposed activities.

    A program states its purpose itself or in every one of its sub-programs, and
    has at least one activity (its own or its sub-programs').

    Fails: a program with `purpose:` but no `activities` and no `subprograms`.
    """
    for i, program in enumerate(plan.programs):
        if program.purpose is None and (not program.subprograms):
            yield Finding(
                ("programs", i, "id"), f"program {program.letter} ({program.id!r}) has no purpose", program.id
            )
        if not program.activities and not any(s.activities for s in program.subprograms):
            yield Finding(
                ("programs", i, "id"),
                f"program {program.letter} ({program.id!r}) has no proposed activities",
                program.id,
            )
        for j, sub in enumerate(program.subprograms):
            if not sub.activities:
                yield Finding(
                    ("programs", i, "subprograms", j, "id"),
                    f"sub-program {sub.id!r} has no proposed activities",
                    sub.id,
                )


@rule("WP141", "program-letters", Severity.ERROR, "program-plan")
def program_letters(plan: ProgramPlan, index: PlanIndex) -> Iterator[Finding]:
    """Program letters run A, B, C… in order, without gaps or repeats.

    Fails: programs lettered A, B, D.
    """
    for i, program in enumerate(plan.programs):
        expected = chr(ord("A") + i)
        if program.letter != expected:
            yield Finding(
                ("programs", i, "letter"),
                f"program {program.id!r} is lettered {program.letter}; expected {expected}",
                program.id,
            )


@rule("WP150", "bad-suppression", Severity.ERROR)
def bad_suppression(plan: Plan, index: PlanIndex) -> Iterator[Finding]:
    """A `suppress` entry names a rule or an id that does not exist.

    Passes: `suppress: [{rule: activity-outside-term, subject: iadc-seminar, reason: "..."}]`.

    The `subject` is an id of the plan, or, for `document-symbol`, a symbol the plan cites.

    Fails: `rule: WP999`, or a `subject` that is no id in the plan (nor a cited symbol).
    """
    symbols = {symbol for _, symbol, _ in index.documents}
    for i, entry in enumerate(plan.suppress):
        if find_rule(entry.rule) is None:
            yield Finding(("suppress", i, "rule"), f"no rule is called {entry.rule!r}; `workplan rules` lists them")
        if entry.subject is not None and entry.subject not in index.ids and entry.subject not in symbols:
            yield Finding(("suppress", i, "subject"), f"no id {entry.subject!r} in this plan")


# --- running the rules ------------------------------------------------------------------------


class Selection(NamedTuple):
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()

    def wants(self, r: Rule) -> bool:
        return self.wants_code(r.code, r.name)

    def wants_code(self, code: str, name: str) -> bool:
        # Schema and loader problems (WP0xx) cannot be ignored: a plan that does
        # not load has nothing else to check.
        if code < "WP100":
            return True
        names = {code, name}
        if self.select and not names & self.select:
            return False
        return not names & self.ignore


def resolve_codes(words: list[str]) -> frozenset[str]:
    """Rule codes for codes or names given on the command line; raises `UsageError` on an unknown one."""
    codes = set()
    for word in words:
        for part in filter(None, (p.strip() for p in word.split(","))):
            found = find_rule(part)
            if found is None:
                raise UsageError(f"unknown rule {part!r}; `workplan rules` lists them")
            codes.add(found.code)
    return frozenset(codes)


def run_rules(plan: Plan, selection: Selection | None = None) -> Iterator[tuple[Rule, Finding]]:
    """Run every selected rule that applies to the plan's kind, minus suppressed findings."""
    selection = selection or Selection()
    index = index_of(plan)
    suppressed = {(s.rule, s.subject) for s in plan.suppress}
    for r in RULES.values():
        if plan.kind not in r.kinds or not selection.wants(r):
            continue
        for finding in r.check(plan, index):
            scopes = (None, finding.subject, finding.owner)
            if any((name, scope) in suppressed for name in (r.code, r.name) for scope in scopes):
                continue
            yield r, finding


class CheckInfo(NamedTuple):
    """What `workplan rules` and SARIF say of a loader check or a lint rule."""

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    kinds: frozenset[str]

    def as_dict(self) -> dict[str, Any]:
        """The check as `workplan rules --format json` lists it."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "kinds": sorted(self.kinds),
            "summary": self.summary,
            "doc": self.doc,
        }


def all_checks() -> list[CheckInfo]:
    """Every code workplan can report: the loader's and schema's, then the lint rules."""
    from ..diagnostics import LOADER_CHECKS

    both = frozenset(("committee-plan", "program-plan"))
    infos = [CheckInfo(c.code, c.name, c.severity, c.summary, "", both) for c in LOADER_CHECKS]
    infos += [CheckInfo(r.code, r.name, r.severity, r.summary, r.doc, r.kinds) for r in RULES.values()]
    return infos


def find_checks(code: str | None = None) -> list[CheckInfo]:
    """Every check (``code`` None), or the one with this code or name; raises `UsageError` for an unknown one."""
    checks = all_checks()
    if code is None:
        return checks
    wanted = code.strip()
    chosen = [c for c in checks if wanted.upper() == c.code or wanted.lower() == c.name]
    if not chosen:
        raise UsageError(f"unknown rule {code!r}; `workplan rules` lists them")
    return chosen
