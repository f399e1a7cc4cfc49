"""The suppression rule (`lint/suppressions.py`, WP150): silent on a correct plan, exact diagnostics on a plan that breaks each."""

from __future__ import annotations

import pytest

from conftest import line_of

from . import PROGRAM, lint

# (code, base, mutation, needle of the reported line, column, severity, message)
CASES = [
    (
        "WP150",
        PROGRAM,
        lambda t: t + "suppress:\n  - rule: WP999\n    reason: testing\n",
        "rule: WP999",
        11,
        "error",
        "no rule is called 'WP999'; `workplan rules` lists them",
    ),
]


@pytest.mark.parametrize(
    ("code", "base", "mutate", "needle", "column", "severity", "message"),
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_rule_reports_exact_diagnostic(code, base, mutate, needle, column, severity, message):
    text = mutate(base)
    assert lint(base, code) == []
    assert lint(text, code) == [(line_of(text, needle), column, severity, message)]
