"""The reference rules (`lint/references.py`, WP101-WP107): silent on a correct plan, exact diagnostics on a plan that breaks each."""

from __future__ import annotations

from . import COMMITTEE, INFORMAL, assert_reports, rule_cases, sub

# (code, base, mutation, needle of the reported line, column, severity, message)
CASES = [
    (
        "WP101",
        COMMITTEE,
        lambda t: sub(t, 'paragraphs: ["2.a"]\n                by', 'paragraphs: ["2a"]\n                by'),
        '["2a"]',
        30,
        "error",
        "paragraph '2a' of AG/RES. 1 (I-O/23) is not declared in `resolutions`; did you mean '2.a'?",
    ),
    (
        "WP101",
        COMMITTEE,
        lambda t: sub(t, 'paragraphs: ["1"]', 'paragraphs: ["11"]'),
        '["11"]',
        22,
        "error",
        "paragraph '11' of AG/RES. 1 (I-O/23) is not declared in `resolutions`; did you mean '1'?",
    ),
    (
        "WP102",
        COMMITTEE,
        lambda t: sub(t, 'paragraphs: ["1"]', 'paragraphs: ["ag-9:1"]'),
        '["ag-9:1"]',
        22,
        "error",
        "resolution 'ag-9' is not declared in `resolutions`; did you mean 'ag-1'?",
    ),
    (
        "WP107",
        COMMITTEE,
        lambda t: sub(
            t,
            '      - label: "2.a"\n',
            '      - label: "2.a"\n  - id: ag-2\n    symbol: AG/RES. 2 (I-O/23)\n    default: true\n    paragraphs: [{label: "1"}]\n',
        ),
        "    default: true\n    paragraphs: [{",
        14,
        "error",
        "'ag-2' is also marked `default: true`, after 'ag-1'; unprefixed paragraph references need exactly one default resolution",
    ),
    (
        "WP103",
        COMMITTEE,
        lambda t: sub(
            t,
            "                by: [wg-test]",
            '                by: [wg-test]\n                documents: ["CP/CSH-2176/22 rev 2"]',
        ),
        "rev 2",
        29,
        "warning",
        "'CP/CSH-2176/22 rev 2' does not look like an OAS document symbol (e.g. 'CP/CSH-2176/22 rev. 2')",
    ),
    (
        "WP104",
        COMMITTEE,
        lambda t: sub(t, "by: [wg-test]", "by: [wg-tset]"),
        "wg-tset",
        22,
        "error",
        "`by` names 'wg-tset', but no body or country or officer or working group has that id; did you mean 'wg-test'?",
    ),
    (
        "WP104",
        COMMITTEE,
        lambda t: t + INFORMAL + "    within: wg-test\n",
        "within: wg-test",
        13,
        "error",
        "`within` names 'wg-test', which is a working group, not a meeting",
    ),
    (
        "WP105",
        COMMITTEE,
        lambda t: sub(t, "  - id: meeting-2", "  - id: meeting-1"),
        "meeting-1\n    number: 2",
        9,
        "error",
        "id 'meeting-1' is already used by meetings[0]",
    ),
    (
        "WP106",
        COMMITTEE,
        lambda t: sub(t, '      - label: "2.a"', '      - label: "2.a"\n      - label: "3"'),
        'label: "3"',
        16,
        "warning",
        "paragraph '3' of 'ag-1' is declared but nothing cites it",
    ),
]


@rule_cases(CASES)
def test_rule_reports_exact_diagnostic(code, base, mutate, needle, column, severity, message):
    assert_reports(code, base, mutate, needle, column, severity, message)
