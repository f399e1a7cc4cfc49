"""The program plan rules (`lint/programs.py`, WP140-WP141): silent on a correct plan, exact diagnostics on a plan that breaks each."""

from __future__ import annotations

import pytest

from conftest import line_of

from . import PROGRAM, lint, sub

# (code, base, mutation, needle of the reported line, column, severity, message)
CASES = [
    (
        "WP140",
        PROGRAM,
        lambda t: t[: t.index("    activities:")],
        "  - id: testing",
        9,
        "error",
        "program A ('testing') has no proposed activities",
    ),
    (
        "WP141",
        PROGRAM,
        lambda t: sub(t, "letter: A", "letter: B"),
        "letter: B",
        13,
        "error",
        "program 'testing' is lettered B; expected A",
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
