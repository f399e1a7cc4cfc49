"""Drafting next term's plan from this one (`workplan init`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .diagnostics import Diagnostic, Severity
from .edit import scalar_text
from .errors import UsageError
from .loader import parse_plan
from .models import CommitteePlan, Plan
from .planfile import PlanText
from .textpatch import Lines, compose


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


def _retitle(text: str, old: tuple[int, int], new: tuple[int, int]) -> str:
    """``text`` with the old term's years (2022–2023, 2022-2023) written as the new one's."""
    return re.sub(rf"\b{old[0]}([-–]){old[1]}\b", lambda m: f"{new[0]}{m.group(1)}{new[1]}", text)


def draft_next_term(
    source: PlanText,
    start: dt.date,
    end: dt.date | None = None,
    general_assembly: dt.date | None = None,
) -> str:
    """The text of next term's plan, drafted from ``source``.

    Carried over as written: the committee, its functions, bodies, working
    groups, thematic areas, yearly reports and notes, and the resolutions
    (with a comment saying they must be replaced by the new session's).  Left
    empty, with a comment saying what to fill in: officers, mandates,
    meetings, other activities, pending events, milestones.  The term and the
    General Assembly are as given, else a year on from the source's, marked
    to confirm.
    """
    old = source.plan
    if not isinstance(old, CommitteePlan):
        raise UsageError(f"{source.name} is a program plan; `workplan init` drafts committee plans")
    years = start.year - old.term.start.year
    ga_old = old.introduction.general_assembly
    if general_assembly is None and ga_old.date is None:
        raise UsageError(f"{source.name} gives no date for the General Assembly; give --general-assembly DATE")
    ga_start = general_assembly or _shift_years(ga_old.date, years)  # type: ignore[arg-type]
    try:
        ga_end = ga_start + (ga_old.end_date - ga_old.date) if ga_old.end_date and ga_old.date else None
    except OverflowError:
        raise UsageError(f"the General Assembly starting {ga_start} would end after 9999-12-31") from None
    term_end = end or ga_end or ga_start
    if term_end < start:
        how = "give a later --end" if end else "give --end"
        raise UsageError(f"the term would end ({term_end}) before it starts ({start}); {how}")
    if ga_start < start:
        raise UsageError(f"the General Assembly ({ga_start}) would come before the term starts ({start})")
    old_end_year = old.term.end.year if old.term.end else old.term.start.year + 1
    old_years, new_years = (old.term.start.year, old_end_year), (start.year, term_end.year)
    match = re.search(rf"{old_years[0]}-{old_years[1]}", old.id)
    new_id = (
        old.id.replace(match.group(0), f"{new_years[0]}-{new_years[1]}")
        if match
        else f"{old.id}-{new_years[0]}-{new_years[1]}"
    )
    sections = _sections(source)
    confirm_end = "" if end else "  # TO CONFIRM: the last day of the General Assembly"
    confirm_ga = "" if general_assembly else "  # TO CONFIRM"
    first = source.text.splitlines()[0] if source.text else ""
    out: list[str] = []
    if first.startswith("# yaml-language-server:"):
        out += [first, "#"]
    out += [
        f"# Draft work plan of the {old.committee.acronym} for the {new_years[0]}–{new_years[1]} term, started from",
        f"# {old.id} by `workplan init`. Lines marked TO DO, TO DECIDE, TO CONFIRM or",
        "# TO REPLACE need the editor; `workplan validate` checks the file as it fills in.",
        "kind: committee-plan",
        "schema_version: 1",
        f"id: {new_id}",
        f"title: {scalar_text(_retitle(old.title, old_years, new_years))}",
        sections["committee"],
        "term:",
        f"  start: {start.isoformat()}",
        f"  end: {term_end.isoformat()}{confirm_end}",
        f"adopted: {start.isoformat()}  # TO CONFIRM: the day the committee adopts this plan",
        sections.get("timezone", f"timezone: {old.timezone}"),
        # The plan's language and the wording it gives its pages carry over as written.
        *(sections[key] for key in ("language", "times_local_at") if key in sections),
        "",
        "introduction:",
        f"  installed: {start.isoformat()}  # TO CONFIRM",
        f"  installed_by: {scalar_text(f'Permanent Council, at its regular meeting of {start:%B} {start.day}, {start.year}')}"
        "  # TO CONFIRM",
        "  general_assembly:",
        "    # TO DO: the session's name, e.g. Fifty-fourth regular session of the General Assembly.",
        "    name: Regular session of the General Assembly",
        f"    date: {ga_start.isoformat()}{confirm_ga}",
        *([f"    end_date: {ga_end.isoformat()}{confirm_ga}"] if ga_end else []),
        "  # TO DO: the numbers of meetings and events the introduction announces, and its text.",
        "  planned_meetings: 0",
        "  planned_events: 0",
        "  text: []",
        "",
        "# TO DECIDE: the chair and vice chairs, once elected (see last term's plan for the layout).",
        "officers: []",
        "",
        *([sections["functions"], ""] if "functions" in sections else []),
        "# TO DO: the mandates the Permanent Council assigns for this term, by source.",
        "mandates: []",
        "",
        "# TO REPLACE: these are last term's resolutions. Replace them with those of the new",
        "# General Assembly session, and update the paragraphs that the working groups and",
        "# reports below cite.",
        sections.get("resolutions", "resolutions: []"),
    ]
    for key in ("bodies", "working_groups", "areas"):
        if key in sections:
            out += ["", sections[key]]
    out += [
        "",
        "procedure:",
        "  # TO DO: the events to prepare this term (ids of meetings and pending events, in order),",
        "  # and the working procedure's text and negotiation steps.",
        "  events: []",
        "  # TO DECIDE: the draft resolution's milestones (procedure, first version, comments due,",
        "  # revised version, consideration), each with id, stage, title and date.",
        "  milestones: []",
    ]
    if old.procedure.length_limits:
        out.append("  length_limits:")
        for limit in old.procedure.length_limits:
            out += [f"    - maximum: {limit.maximum}", f"      of: {scalar_text(limit.of)}"]
    else:
        out.append("  length_limits: []")
    out += [
        "",
        "# TO DECIDE: the meetings of the term; add each with",
        "# `workplan add meeting --date YYYY-MM-DD --time HH:MM-HH:MM --number N`.",
        "meetings: []",
        "",
        "# TO DO: other OAS activities in the security area (`workplan add activity`).",
        "activities: []",
        "",
        "# TO DO: activities whose dates are still to be confirmed (id, title, paragraphs).",
        "pending: []",
    ]
    for key in ("reports", "reports_heading", "notes"):
        if key in sections:
            out += ["", sections[key]]
    newline = Lines(source.text).ending_before(0)  # the file's first line ending, for every line
    return newline.join(out) + newline


@dataclass
class Draft:
    """Next term's plan: its text and the diagnostics `validate` gives it (warnings are expected)."""

    text: str
    plan: Plan | None
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


def init_plan(
    source: PlanText,
    output: str,
    start: dt.date,
    end: dt.date | None = None,
    general_assembly: dt.date | None = None,
) -> Draft:
    """Draft next term's plan (`draft_next_term`) and validate it as the file ``output``."""
    from .validate import lint_loaded

    text = draft_next_term(source, start, end, general_assembly)
    loaded = parse_plan(text, output)
    return Draft(text, loaded.plan, sorted([*loaded.diagnostics, *lint_loaded(loaded)]))
