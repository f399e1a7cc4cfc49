"""Tests of the lint package, one file a module (running the rules, its __init__: test___init__.py).

The plans and helpers the rules' tests share: the minimal plans, a rule's findings on a text, one change to a text.
"""

from __future__ import annotations

from conftest import FIXTURES
from workplan_cli.lint import Selection
from workplan_cli.loader import parse_plan
from workplan_cli.validate import lint_loaded

COMMITTEE = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")
PROGRAM = (FIXTURES / "program-minimal.yaml").read_text(encoding="utf-8")

INFORMAL = """  - id: informal-1
    kind: informal
    date: 2023-03-02
    start_time: "12:00"
    end_time: "13:00"
"""


def lint(text: str, code: str) -> list[tuple[int, int, str, str]]:
    loaded = parse_plan(text, "plan.yaml")
    assert loaded.diagnostics == [], loaded.diagnostics
    return sorted(
        (d.line, d.column, d.severity.value, d.message) for d in lint_loaded(loaded, Selection(frozenset({code})))
    )


def sub(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)
