"""Drafting next term's plan from this one (`workplan init`).

The calendar is carried by `carry.carry_calendar`; this module writes the whole file around it, with a
comment on every line the editor must look at, and says what the editor should know before opening it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from dataclasses import dataclass, field

from .carry import Calendar, LeftOut, carry_calendar, field_lines, record_lines, retitle
from .diagnostics import Diagnostic, Severity
from .errors import UsageError
from .loader import parse_plan
from .models import CommitteePlan, Plan
from .nodetree import compose
from .planfile import PlanText
from .textpatch import Lines

# The problems a draft is expected to have, by code: it still holds last term's resolutions, with paragraphs
# nothing cites yet.  `workplan init` counts them in one line each instead of listing them.
EXPECTED_IN_DRAFT = {
    "WP106": "expected in a draft until its mandates, agendas and reports cite the new session's resolutions",
}
_WEEKEND = ("Saturday", "Sunday")


def _sections(source: PlanText) -> dict[str, str]:
    """The text of each top-level key of the source, from its line to the next key's line.

    Comment lines just before the next key belong to that key, so they are left out.
    """
    root = compose(source.text)
    lines = Lines(source.text)
    starts = [(k.value, lines.line_start(lines.offset(k.start_mark))) for k, _ in root.value]
    out: dict[str, str] = {}
    for n, (key, start) in enumerate(starts):
        end = starts[n + 1][1] if n + 1 < len(starts) else len(source.text)
        chunk = source.text[start:end].splitlines()
        while chunk and (not chunk[-1].strip() or chunk[-1].lstrip().startswith("#")):
            chunk.pop()
        out[key] = lines.ending_before(0).join(chunk)
    return out


def _shift_years(day: dt.date, years: int) -> dt.date:
    year = day.year + years
    if not 1 <= year <= 9999:
        raise UsageError(f"a year on from {day} would be after 9999-12-31; give --general-assembly")
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=year, day=28)


def _modeline(line: str, source: str, target: str | None) -> str:
    """The source's ``# yaml-language-server: $schema=PATH`` line with PATH, when it is a relative path, made
    relative to the folder the draft is written to (``target``; the current folder for standard output)."""
    match = re.fullmatch(r"(#\s*yaml-language-server:\s*\$schema=)(\S+)(.*)", line)
    if match is None or os.path.isabs(match[2]) or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", match[2]):
        return line  # no schema path, an absolute one, or an address (https:…)
    schema = os.path.join(os.path.dirname(os.path.abspath(source)), match[2])
    folder = os.path.dirname(os.path.abspath(target)) if target not in (None, "-") else os.getcwd()
    try:
        relative = os.path.relpath(schema, folder)
    except ValueError:  # another drive
        return line
    return f"{match[1]}{relative.replace(os.sep, '/')}{match[3]}"


def _weekend(day: dt.date) -> str | None:
    return _WEEKEND[day.weekday() - 5] if day.weekday() >= 5 else None


def _moved(weeks: int) -> str:
    if weeks == 0:
        return "kept on the same days"
    return f"moved {'on' if weeks > 0 else 'back'} {abs(weeks)} week{'' if abs(weeks) == 1 else 's'}"


def _left_out_lines(left: list[LeftOut], start: dt.date, end: dt.date) -> list[str]:
    """Comment lines naming what was left out, each with the day it would have had."""
    if not left:
        return []
    out = [f"# Left out: last term's {left[0].kind}s that would fall outside this term ({start} to {end}):"]
    for item in left:
        where = "before the term starts" if item.before else "after the term ends"
        out.append(f"#   {item.ident} (last term {item.old}): {item.new or 'past the calendar'}, {where}")
    return out


def _left_out_notes(left: list[LeftOut], weeks: int, start: dt.date, end: dt.date) -> list[str]:
    """One message for each kind of item and each side of the term, listing the items left out."""
    notes = []
    for kind in ("meeting", "milestone"):
        for before in (True, False):
            items = [i for i in left if i.kind == kind and i.before is before]
            if not items:
                continue
            where = f"before the term starts ({start})" if before else f"after the term ends ({end})"
            named = ", ".join(f"{i.ident} ({i.new or 'past the calendar'})" for i in items)
            these = f"1 of last term's {kind}s" if len(items) == 1 else f"{len(items)} of last term's {kind}s"
            notes.append(
                f"{these} would fall {where} once {_moved(weeks)}, and {'is' if len(items) == 1 else 'are'} "
                f"left out of the draft: {named}"
            )
    return notes


def _items(key: str, records: list[object], col: int = 2, comments: dict[str, str] | None = None) -> list[str]:
    """A list of records under ``key`` (in block style), or ``key: []``."""
    if not records:
        return [f"{' ' * (col - 2)}{key}: []"]
    return [f"{' ' * (col - 2)}{key}:", *(line for r in records for line in record_lines(r, col + 2, comments, True))]


def _dated(calendar: Calendar, kind: str) -> list[str]:
    """Carried meetings or milestones, each date line marked TO CONFIRM with last term's day."""
    records = calendar.meetings if kind == "meetings" else calendar.milestones
    col = 4 if kind == "meetings" else 6
    out = [f"{' ' * (col - 4)}{kind}:" if records else f"{' ' * (col - 4)}{kind}: []"]
    for record in records:
        comment = f"TO CONFIRM (last term: {calendar.old_days[record.id]})"
        out += record_lines(record, col, {"date": comment}, dash=True)
    return out


def _calendar_sections(calendar: Calendar, old: CommitteePlan, start: dt.date, end: dt.date) -> dict[str, list[str]]:
    """The lines of the sections the calendar fills, by key."""
    moved = _moved(calendar.weeks)
    left_meetings = [i for i in calendar.left_out if i.kind == "meeting"]
    left_milestones = [i for i in calendar.left_out if i.kind == "milestone"]
    sections: dict[str, list[str]] = {}
    sections["officers"] = [
        "# TO DECIDE: the chair and vice chairs, once elected (see last term's plan for the layout).",
        *(
            ["# Last term's officers that the carried agendas name as presenters are kept: write the new ones."]
            if calendar.officers
            else []
        ),
        *_items("officers", list(calendar.officers), comments={"name": "TO DECIDE: last term's"}),
    ]
    sections["working_groups"] = [
        "# TO CONFIRM: last term's working groups; keep those the new session's resolutions continue,",
        "# with the paragraphs that create them.",
        *_items("working_groups", list(calendar.working_groups), comments={"id": "TO CONFIRM"}),
    ]
    events = (
        [
            "  # TO CONFIRM: the events to prepare this term, as last term (meetings and pending events below).",
            *field_lines("events", tuple(calendar.events), 2),
        ]
        if calendar.events
        else [
            "  # TO DO: the events to prepare this term (ids of meetings and pending events, in order).",
            "  events: []",
        ]
    )
    milestones = (
        [
            f"  # TO CONFIRM: the draft resolution's milestones, {moved} like the meetings.",
            *("  " + line for line in _left_out_lines(left_milestones, start, end)),
            *_dated(calendar, "milestones"),
        ]
        if calendar.milestones or left_milestones
        else [
            "  # TO DECIDE: the draft resolution's milestones (procedure, first version, comments due,",
            "  # revised version, consideration), each with id, stage, title and date.",
            "  milestones: []",
        ]
    )
    sections["procedure"] = [
        "procedure:",
        *events,
        "  # TO DO: the working procedure's text and negotiation steps.",
        *milestones,
    ]
    if old.meetings:
        sections["meetings"] = [
            f"# TO CONFIRM: last term's meetings, {moved} so that each keeps its weekday; their numbers,",
            "# hours, titles and agendas are as they were, none cancelled or postponed. The agendas cite",
            "# last term's resolutions: update them with the resolutions above. Add a meeting with",
            "# `workplan add meeting --date YYYY-MM-DD --time HH:MM-HH:MM --number N`.",
            *_left_out_lines(left_meetings, start, end),
            *_dated(calendar, "meetings"),
        ]
    else:
        sections["meetings"] = [
            "# TO DECIDE: the meetings of the term; add each with",
            "# `workplan add meeting --date YYYY-MM-DD --time HH:MM-HH:MM --number N`.",
            "meetings: []",
        ]
    sections["pending"] = (
        [
            "# TO CONFIRM: events still to be dated, carried from last term, where they were never held.",
            *_items("pending", list(calendar.pending), comments={"id": "TO CONFIRM"}),
        ]
        if calendar.pending
        else ["# TO DO: activities whose dates are still to be confirmed (id, title, paragraphs).", "pending: []"]
    )
    return sections


def _introduction(
    old: CommitteePlan, start: dt.date, ga_start: dt.date | None, ga_end: dt.date | None, ga_comments: list[str]
) -> list[str]:
    """The draft's introduction: the parts last term's plan has, dated for the new term or left to fill in.

    Who installed the committee and the session's name are the plan's own words, in its language:
    the draft asks for them (a TO DO comment) rather than writing words the plan does not say.
    """
    intro = old.introduction
    lines = [f"  installed: {start.isoformat()}  # TO CONFIRM"] if intro.installed else []
    if intro.installed_by:
        lines.append("  # TO DO: installed_by, the body and meeting that installed the committee.")
    if ga_start is not None:
        lines += [
            "  general_assembly:",
            "    # TO DO: the session's name (name: …), as the plan names it.",
            f"    date: {ga_start.isoformat()}{ga_comments[0]}",
            *([f"    end_date: {ga_end.isoformat()}{ga_comments[1]}"] if ga_end else []),
        ]
    if intro.planned_meetings is not None or intro.planned_events is not None or intro.text:
        lines.append("  # TO DO: the numbers of meetings and events the introduction announces, and its text.")
        lines += [f"  {key}: 0" for key in ("planned_meetings", "planned_events") if getattr(intro, key) is not None]
        lines += ["  text: []"] if intro.text else []
    return ["", "introduction:", *lines] if lines else []


def draft_next_term(
    source: PlanText,
    start: dt.date,
    end: dt.date | None = None,
    general_assembly: dt.date | None = None,
    target: str | None = None,
) -> tuple[str, list[str]]:
    """The text of next term's plan, drafted from ``source``, and what the editor should know of it.

    Carried over as written: the committee, its functions, bodies, countries, thematic areas, yearly
    reports and notes, and the resolutions (with a comment saying they must be replaced by the new
    session's).  Carried marked TO CONFIRM: the calendar (`carry.carry_calendar`: meetings and
    milestones moved on by whole weeks, pending events, the events to prepare) and the working groups;
    the officers the agendas name as presenters, marked TO DECIDE.  Left empty, with a comment saying
    what to fill in: the other officers, mandates and other activities.  The term and the General
    Assembly are as given, else a year on from the source's, marked to confirm; a General Assembly day
    on a weekend is marked and said.  The schema path of the editor's modeline is made relative to
    ``target``, where the draft is written.
    """
    old = source.plan
    if not isinstance(old, CommitteePlan):
        raise UsageError(f"{source.name} is a program plan; `workplan init` drafts committee plans")
    years = start.year - old.term.start.year
    ga_old = old.introduction.general_assembly
    # A committee whose plan names no General Assembly session (and none given) gets none in the draft.
    has_ga = general_assembly is not None or ga_old.date is not None or ga_old.name is not None
    ga_start: dt.date | None = None
    ga_end: dt.date | None = None
    if has_ga:
        if general_assembly is None and ga_old.date is None:
            raise UsageError(f"{source.name} gives no date for the General Assembly; give --general-assembly DATE")
        ga_start = general_assembly or _shift_years(ga_old.date, years)  # type: ignore[arg-type]
        try:
            ga_end = ga_start + (ga_old.end_date - ga_old.date) if ga_old.end_date and ga_old.date else None
        except OverflowError:
            raise UsageError(f"the General Assembly starting {ga_start} would end after 9999-12-31") from None
    if end is not None:
        term_end = end
    elif ga_start is not None:
        term_end = ga_end or ga_start
    elif old.term.end is not None:
        term_end = _shift_years(old.term.end, years)
    else:
        raise UsageError(f"{source.name} gives neither the term's end nor a General Assembly; give --end DATE")
    if term_end < start:
        how = "give a later --end" if end else "give --end"
        raise UsageError(f"the term would end ({term_end}) before it starts ({start}); {how}")
    if ga_start is not None and ga_start < start:
        raise UsageError(f"the General Assembly ({ga_start}) would come before the term starts ({start})")
    old_end_year = old.term.end.year if old.term.end else old.term.start.year + 1
    old_years, new_years = (old.term.start.year, old_end_year), (start.year, term_end.year)
    match = re.search(rf"{old_years[0]}-{old_years[1]}", old.id)
    one_year = re.search(rf"(?<![0-9]){old.term.start.year}(?![0-9])", old.id)
    if match:  # csh-2022-2023 becomes csh-2023-2024
        new_id = old.id.replace(match.group(0), f"{new_years[0]}-{new_years[1]}")
    elif one_year:  # cifta-2023 becomes cifta-2024
        new_id = old.id[: one_year.start()] + str(start.year) + old.id[one_year.end() :]
    else:
        new_id = f"{old.id}-{new_years[0]}-{new_years[1]}"
    calendar = carry_calendar(old, start, term_end, (old_years, new_years))
    carried = _calendar_sections(calendar, old, start, term_end)
    notes: list[str] = []
    ga_comments = []
    for what, day in (("first", ga_start), ("last", ga_end)) if has_ga else ():
        weekend = _weekend(day) if day else None
        if weekend:
            notes.append(f"the General Assembly's {what} day, {day}, is a {weekend}; confirm it (marked in the draft)")
        ga_comments.append(f"  # TO CONFIRM: a {weekend}" if weekend else "" if general_assembly else "  # TO CONFIRM")
    notes += _left_out_notes(calendar.left_out, calendar.weeks, start, term_end)
    sections = _sections(source)
    confirm_end = (
        ""
        if end
        else "  # TO CONFIRM: the last day of the General Assembly"
        if has_ga
        else "  # TO CONFIRM: a year on from last term's end"
    )
    first = source.text.splitlines()[0] if source.text else ""
    out: list[str] = []
    if first.startswith("# yaml-language-server:"):
        out += [_modeline(first, source.name, target), "#"]
    out += [
        f"# Draft work plan of the {old.committee.acronym} for the {new_years[0]}–{new_years[1]} term, started from",
        f"# {old.id} by `workplan init`. Lines marked TO DO, TO DECIDE, TO CONFIRM or",
        "# TO REPLACE need the editor; `workplan validate` checks the file as it fills in.",
        "kind: committee-plan",
        "schema_version: 1",
        f"id: {new_id}",
        *field_lines("title", retitle(old.title, old_years, new_years), 0),
        sections["committee"],
        "term:",
        f"  start: {start.isoformat()}",
        f"  end: {term_end.isoformat()}{confirm_end}",
        f"adopted: {start.isoformat()}  # TO CONFIRM: the day the committee adopts this plan",
        sections.get("timezone", f"timezone: {old.timezone}"),
        # The plan's language and the wording it gives its pages carry over as written.
        *(sections[key] for key in ("language", "times_local_at") if key in sections),
        *_introduction(old, start, ga_start, ga_end, ga_comments),
        "",
        *carried["officers"],
        "",
        *([sections["functions"], ""] if "functions" in sections else []),
        "# TO DO: the mandates the Permanent Council assigns for this term, by source.",
        "mandates: []",
        "",
        "# TO REPLACE: these are last term's resolutions. Replace them with those of the new",
        "# General Assembly session, and update the paragraphs that the working groups, meetings",
        "# and reports below cite.",
        sections.get("resolutions", "resolutions: []"),
    ]
    for key in ("bodies", "countries"):
        if key in sections:
            out += ["", sections[key]]
    if old.working_groups:
        out += ["", *carried["working_groups"]]
        if "working_groups_heading" in sections:
            out.append(sections["working_groups_heading"])
    if "areas" in sections:
        out += ["", sections["areas"]]
    out += ["", *carried["procedure"]]
    out += _items("length_limits", list(old.procedure.length_limits), col=4)
    out += [
        "",
        *carried["meetings"],
        "",
        "# TO DO: other OAS activities in the security area (`workplan add activity`).",
        "activities: []",
        *([sections["activities_heading"]] if "activities_heading" in sections else []),
        "",
        *carried["pending"],
    ]
    for key in ("reports", "reports_heading", "notes"):
        if key in sections:
            out += ["", sections[key]]
    newline = Lines(source.text).ending_before(0)  # the file's first line ending, for every line
    return newline.join(out) + newline, notes


@dataclass
class Draft:
    """Next term's plan: its text, the diagnostics `validate` gives it (warnings are expected), and what the
    editor should know of it (a General Assembly on a weekend, what was left out)."""

    text: str
    plan: Plan | None
    diagnostics: list[Diagnostic]
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    def expected(self) -> list[str]:
        """One line for each kind of problem expected in a draft (`EXPECTED_IN_DRAFT`) that it has:
        ``N × CODE name (severity): why``."""
        counts = Counter((d.code, d.name, d.severity.value) for d in self.diagnostics if d.code in EXPECTED_IN_DRAFT)
        return [
            f"{n} × {code} {name} ({severity}): {EXPECTED_IN_DRAFT[code]}"
            for (code, name, severity), n in sorted(counts.items())
        ]

    def unexpected(self) -> list[Diagnostic]:
        """Its other problems, which are worth reading one by one."""
        return [d for d in self.diagnostics if d.code not in EXPECTED_IN_DRAFT]


def init_plan(
    source: PlanText,
    output: str,
    start: dt.date,
    end: dt.date | None = None,
    general_assembly: dt.date | None = None,
) -> Draft:
    """Draft next term's plan (`draft_next_term`) and validate it as the file ``output``."""
    from .validate import lint_loaded

    text, notes = draft_next_term(source, start, end, general_assembly, output)
    loaded = parse_plan(text, output)
    return Draft(text, loaded.plan, sorted([*loaded.diagnostics, *lint_loaded(loaded)]), notes)
