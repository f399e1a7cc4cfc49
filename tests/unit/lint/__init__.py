"""Tests of the lint package, one file a module (running the rules, its __init__: test___init__.py).

The plans and helpers the rules' tests share: the minimal plans, a rule's findings on a text, one change to a text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from conftest import FIXTURES, line_of
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


def rule_cases(cases: list[tuple[Any, ...]]) -> Any:
    """Parametrize a rule's cases: (code, base, mutate, needle, column, severity, message), id'd by code."""
    return pytest.mark.parametrize(
        ("code", "base", "mutate", "needle", "column", "severity", "message"),
        cases,
        ids=[f"{c[0]}-{i}" for i, c in enumerate(cases)],
    )


def assert_reports(
    code: str, base: str, mutate: Callable[[str], str], needle: str, column: int, severity: str, message: str
) -> None:
    """The rule finds nothing in ``base`` and exactly this diagnostic, at ``needle``'s line, once mutated."""
    text = mutate(base)
    assert lint(base, code) == []
    assert lint(text, code) == [(line_of(text, needle), column, severity, message)]
