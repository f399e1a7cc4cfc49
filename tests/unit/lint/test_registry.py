"""The rule registry (lint/registry.py): every rule registered is documented and has a failing case."""

from __future__ import annotations

from workplan_cli.lint import RULES

from . import test_dates, test_meetings, test_programs, test_references, test_suppressions, test_vocabularies

# The failing cases of the rules' test files, one file a module of rules.
CASES = [
    *test_references.CASES,
    *test_vocabularies.CASES,
    *test_dates.CASES,
    *test_meetings.CASES,
    *test_programs.CASES,
    *test_suppressions.CASES,
]


def test_every_rule_has_docs_and_a_failing_case():
    tested = {case[0] for case in CASES}
    for rule in RULES.values():
        assert rule.summary and "Fail" in rule.doc, rule.code
        assert rule.code in tested, f"{rule.code} has no failing case"
