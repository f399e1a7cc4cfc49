"""The open-vocabulary and footnote rules (`lint/vocabularies.py`, WP108-WP109): silent on a correct plan, exact diagnostics on a plan that breaks each."""

from __future__ import annotations

from . import COMMITTEE, assert_reports, rule_cases, sub

# (code, base, mutation, needle of the reported line, column, severity, message)
CASES = [
    (
        "WP108",
        COMMITTEE,
        lambda t: sub(t, "    kind: regular\n    date: 2023-03-16", "    kind: regualr\n    date: 2023-03-16"),
        "regualr",
        11,
        "warning",
        "meeting kind 'regualr' is not one of the known values (regular, informal, working-group, forum, special, "
        "joint, points-of-contact), so it is printed as written; did you mean 'regular'?",
    ),
    (
        "WP108",
        COMMITTEE,
        lambda t: sub(t, "role: chair", "role: rapporteur"),
        "rapporteur",
        11,
        "warning",
        "officer role 'rapporteur' is not one of the known values (chair, vice-chair, first-vice-chair, "
        "second-vice-chair, third-vice-chair), so it is printed as written",
    ),
    (
        "WP108",
        COMMITTEE,
        lambda t: sub(t, "stage: first-version", "stage: other-drafts-due"),
        "other-drafts-due",
        14,
        "warning",
        "milestone stage 'other-drafts-due' is not one of the known values (procedure, first-version, comments-due, "
        "revised-version, consideration, drafts-due), so it is printed as written; did you mean 'drafts-due'?",
    ),
    (
        "WP108",
        COMMITTEE,
        lambda t: t + "reports:\n  - id: mines\n    title: Mines\n    frequency: quarterly\n",
        "quarterly",
        16,
        "warning",
        "report frequency 'quarterly' is not one of the known values (yearly, voluntary, biennial), "
        "so it is printed as written",
    ),
    (
        "WP109",
        COMMITTEE,
        lambda t: sub(t, "functions: To test.", "functions: To test.\nfootnotes:\n  - number: 3\n    section: term"),
        "number: 3",
        13,
        "warning",
        "footnote 3 has no text; it is printed as to be confirmed",
    ),
]


@rule_cases(CASES)
def test_rule_reports_exact_diagnostic(code, base, mutate, needle, column, severity, message):
    assert_reports(code, base, mutate, needle, column, severity, message)
