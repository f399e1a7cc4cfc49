"""The program plan rules (`lint/programs.py`, WP140-WP141): silent on a correct plan, exact diagnostics on a plan that breaks each."""

from __future__ import annotations

from . import PROGRAM, assert_reports, rule_cases, sub

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


@rule_cases(CASES)
def test_rule_reports_exact_diagnostic(code, base, mutate, needle, column, severity, message):
    assert_reports(code, base, mutate, needle, column, severity, message)
