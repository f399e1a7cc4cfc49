"""The suppression rule (`lint/suppressions.py`, WP150): silent on a correct plan, exact diagnostics on a plan that breaks each."""

from __future__ import annotations

from . import PROGRAM, assert_reports, rule_cases

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


@rule_cases(CASES)
def test_rule_reports_exact_diagnostic(code, base, mutate, needle, column, severity, message):
    assert_reports(code, base, mutate, needle, column, severity, message)
