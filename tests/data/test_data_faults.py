"""One fault per lint rule injected into the real CSH plan, each reported at the right line."""

from __future__ import annotations

import pytest

from conftest import DATA, line_of
from workplan_cli.lint import Selection
from workplan_cli.loader import parse_plan
from workplan_cli.validate import lint_loaded

REAL = (DATA / "csh-2022-2023.yaml").read_text(encoding="utf-8")


def swap(old: str, new: str, text: str = REAL) -> str:
    assert text.count(old) == 1, (old, text.count(old))
    return text.replace(old, new)


# (code, faulty text, needle on the line reported, message)
FAULTS = [
    (
        "WP101",
        swap('paragraphs: ["84"]', 'paragraphs: ["848"]'),
        '["848"]',
        "paragraph '848' of AG/RES. 2986 (LII-O/22) is not declared in `resolutions`; did you mean '84'?",
    ),
    (
        "WP101",
        swap('paragraphs: ["79.f", "81", "82"]', 'paragraphs: ["79f", "81", "82"]'),
        '"79f"',
        "paragraph '79f' of AG/RES. 2986 (LII-O/22) is not declared in `resolutions`; did you mean '79.f'?",
    ),
    (
        "WP102",
        swap('paragraphs: ["ag-2631:5"]', 'paragraphs: ["ag-2613:5"]'),
        "ag-2613:5",
        "resolution 'ag-2613' is not declared in `resolutions`; did you mean 'ag-2631'?",
    ),
    (
        "WP103",
        swap("documents: [CP/CSH-2205/23]", "documents: [CP CSH 2205]"),
        "CP CSH 2205",
        "'CP CSH 2205' does not look like an OAS document symbol (e.g. 'CP/CSH-2176/22 rev. 2')",
    ),
    (
        "WP104",
        swap("by: [jsca]", "by: [jcsa]"),
        "[jcsa]",
        "`by` names 'jcsa', but no body or country or officer or working group has that id; did you mean 'jsca'?",
    ),
    (
        "WP105",
        swap("- id: wg-tip-2023-04-25", "- id: wg-tip-2023-03-14"),
        "wg-tip-2023-03-14\n    kind: working-group\n    title: Meeting of the Working Group on Trafficking in Persons (2022–2023)\n    date: 2023-04-25",
        "id 'wg-tip-2023-03-14' is already used by meetings[11]",
    ),
    (
        "WP106",
        swap('      - label: "89"\n', '      - label: "89"\n      - label: "999"\n'),
        'label: "999"',
        "paragraph '999' of 'ag-2986' is declared but nothing cites it",
    ),
    (
        "WP110",
        swap("date: 2023-06-12", "date: 2023-06-26"),
        "2023-06-26",
        "meeting 'meeting-15' on 2023-06-26 is outside the term (2022-11-11 to 2023-06-23)",
    ),
    (
        "WP111",
        swap("    date: 2023-03-29\n", "    date: 2024-03-29\n"),
        "2024-03-29",
        "activity 'iadb-weapons-management-workshop' on 2024-03-29 is outside the term (2022-11-11 to 2023-06-23)",
    ),
    (
        "WP112",
        swap('start_time: "10:00"\n    end_time: "12:00"', 'start_time: "10:00"\n    end_time: "09:00"'),
        '"09:00"',
        "meeting 'meeting-8' ends at 09:00, not after it starts at 10:00",
    ),
    (
        "WP113",
        swap("date: 2023-06-06", "date: 2023-06-10"),
        "2023-06-10",
        "meeting 'meeting-13' is on a Saturday (2023-06-10)",
    ),
    (
        "WP114",
        swap("{month: 4, day: 15}", "{month: 4, day: 31}"),
        "day: 31",
        "April has no day 31 (report 'landmines-register')",
    ),
    (
        "WP120",
        swap("    number: 10\n", "    number: 16\n"),
        "    number: 11\n",
        "meeting number 10 is missing (the numbers go from 9 to 11)",
    ),
    (
        "WP121",
        swap("date: 2023-06-06", "date: 2023-05-31"),
        "2023-05-31",
        "meeting 'meeting-13' (2023-05-31) is listed after 'meeting-12' (2023-06-01)",
    ),
    (
        "WP122",
        swap("    within: meeting-5\n", ""),
        '    start_time: "12:00"\n    end_time: "13:00"\n  - id: forum-csbm-x',
        "meeting 'dsa-informal-2023-02-16' (12:00–13:00) overlaps 'meeting-5' (10:00–13:00) on 2023-02-16; if it is held within it, add `within: meeting-5`",
    ),
    (
        "WP123",
        swap("within: meeting-3", "within: meeting-4"),
        "within: meeting-4",
        "meeting 'dsa-informal-2023-01-19' (2023-01-19 12:00–13:00) is not inside 'meeting-4' (2023-02-02 10:00–13:00)",
    ),
    (
        "WP130",
        swap("date: 2023-04-28", "date: 2023-04-10"),
        "2023-04-10",
        "milestone 'comments-due' (comments-due, 2023-04-10) comes before 'first-version' (first-version, 2023-04-14)",
    ),
    (
        "WP131",
        swap("      date: 2023-01-19\n      meeting: meeting-3", "      date: 2023-01-20\n      meeting: meeting-3"),
        "date: 2023-01-20",
        "milestone 'procedure-presented' is dated 2023-01-20, but meeting 'meeting-3' is on 2023-01-19",
    ),
    (
        "WP150",
        swap("  - rule: activity-outside-term", "  - rule: activity-outside-trem"),
        "activity-outside-trem",
        "no rule is called 'activity-outside-trem'; `workplan rules` lists them",
    ),
]


@pytest.mark.parametrize(
    ("code", "text", "needle", "message"), FAULTS, ids=[f"{f[0]}-{i}" for i, f in enumerate(FAULTS)]
)
def test_fault_in_real_plan_reported_at_its_line(code, text, needle, message):
    loaded = parse_plan(text, "csh.yaml")
    assert loaded.diagnostics == []
    found = [(d.code, d.line, d.message) for d in lint_loaded(loaded, Selection(frozenset({code})))]
    line = line_of(text, needle)
    assert (code, line, message) in found
    assert len(found) == 1 or code in ("WP120", "WP106"), found


def test_real_plan_is_clean_under_every_rule():
    loaded = parse_plan(REAL, "csh.yaml")
    assert loaded.diagnostics == []
    assert lint_loaded(loaded) == []


@pytest.mark.parametrize(
    ("typo", "meant"), [("86e", "86.e"), ("868", "86"), ("848", "84"), ("79f", "79.f"), ("4.7b", "47.b"), ("380", "38")]
)
def test_did_you_mean_for_paragraph_typos(typo, meant):
    from workplan_cli.lint.references import suggest_label

    declared = ["38", "47", "47.b", "79.f", "84", "86", "86.b", "86.e", "87", "88"]
    assert suggest_label(typo, declared) == meant
