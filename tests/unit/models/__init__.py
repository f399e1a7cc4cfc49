"""Tests of the models package, one file a module (which model a kind means, its __init__: test___init__.py).

The plan and helpers the models' tests share: the minimal committee plan, its second meeting's day and hours,
one change to a text, the plan a text loads as, its diagnostics, its calendar's events.
"""

from __future__ import annotations

import icalendar
from hypothesis import HealthCheck, settings

from conftest import FIXTURES, examples
from workplan_cli.lint import Selection
from workplan_cli.loader import parse_plan
from workplan_cli.render import render
from workplan_cli.validate import lint_loaded

BASE = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")
MEETING_2 = '    date: 2023-03-16\n    start_time: "10:00"\n    end_time: "13:00"\n'
SETTINGS = settings(
    max_examples=examples(40), deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def sub(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def load(text: str):
    loaded = parse_plan(text, "p.yaml")
    assert loaded.plan is not None, loaded.diagnostics
    return loaded.plan


def problems(text: str, *codes: str) -> list[tuple[str, int, int, str]]:
    """(code, line, column, message) of the loader's and the selected rules' diagnostics."""
    loaded = parse_plan(text, "p.yaml")
    found = list(loaded.diagnostics)
    if loaded.plan is not None:
        found += lint_loaded(loaded, Selection(frozenset(codes)) if codes else None)
    return sorted((d.code, d.line, d.column, d.message) for d in found)


def ics_events(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(render(load(text), "ics"))
    return {str(e["uid"]).partition("@")[0]: e for e in calendar.walk("VEVENT")}


def ics_lines(text: str, uid: str) -> list[str]:
    """The property lines of one event, unfolded, as the calendar file writes them."""
    ics = render(load(text), "ics").replace("\r\n ", "")
    at = ics.index(f"UID:{uid}@")
    return ics[ics.rindex("BEGIN:VEVENT", 0, at) : ics.index("END:VEVENT", at)].split("\r\n")
