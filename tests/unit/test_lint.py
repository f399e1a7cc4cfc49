"""Each lint rule: silent on a correct plan, exact diagnostics on a plan that breaks it."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES, line_of, write
from workplan_cli.cli import app
from workplan_cli.diagnostics import LOADER_CHECKS
from workplan_cli.lint import RULES, Selection
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
    (
        "WP110",
        COMMITTEE,
        lambda t: sub(t, "date: 2023-03-16", "date: 2024-03-14"),
        "2024-03-14",
        11,
        "error",
        "meeting 'meeting-2' on 2024-03-14 is outside the term (2023-01-01 to 2023-06-30)",
    ),
    (
        "WP111",
        COMMITTEE,
        lambda t: (
            t + "activities:\n  - id: seminar\n    title: Seminar\n    date: 2023-10-18\n    end_date: 2023-10-20\n"
        ),
        "2023-10-18",
        11,
        "warning",
        "activity 'seminar' on 2023-10-18 is outside the term (2023-01-01 to 2023-06-30)",
    ),
    (
        "WP112",
        COMMITTEE,
        lambda t: t[: t.rindex('start_time: "10:00"')] + 'start_time: "14:30"\n    end_time: "13:15"\n',
        '"13:15"',
        15,
        "error",
        "meeting 'meeting-2' ends at 13:15, not after it starts at 14:30",
    ),
    (
        "WP113",
        COMMITTEE,
        lambda t: sub(t, "date: 2023-03-16", "date: 2023-03-18"),
        "2023-03-18",
        11,
        "warning",
        "meeting 'meeting-2' is on a Saturday (2023-03-18)",
    ),
    (
        "WP114",
        COMMITTEE,
        lambda t: (
            t
            + "reports:\n  - id: mines\n    title: Mines\n    frequency: yearly\n    due:\n      - {month: 4, day: 31}\n"
        ),
        "day: 31",
        25,
        "error",
        "April has no day 31 (report 'mines')",
    ),
    (
        "WP120",
        COMMITTEE,
        lambda t: sub(t, "    number: 2", "    number: 3"),
        "number: 3",
        13,
        "error",
        "meeting number 2 is missing (the numbers go from 1 to 3)",
    ),
    (
        "WP120",
        COMMITTEE,
        lambda t: sub(t, "date: 2023-03-16", "date: 2023-03-01"),
        "2023-03-01",
        11,
        "error",
        "meeting 2 (2023-03-01) is dated before meeting 1 (2023-03-02)",
    ),
    (
        "WP121",
        COMMITTEE,
        lambda t: sub(t, "date: 2023-03-16", "date: 2023-03-01"),
        "2023-03-01",
        11,
        "warning",
        "meeting 'meeting-2' (2023-03-01) is listed after 'meeting-1' (2023-03-02)",
    ),
    (
        "WP122",
        COMMITTEE,
        lambda t: sub(t, "  - id: meeting-2", INFORMAL + "  - id: meeting-2"),
        'start_time: "12:00"',
        17,
        "warning",
        "meeting 'informal-1' (12:00–13:00) overlaps 'meeting-1' (10:00–13:00) on 2023-03-02; "
        "if it is held within it, add `within: meeting-1`",
    ),
    (
        "WP110",
        COMMITTEE,
        lambda t: sub(t, "date: 2023-03-16", "date: 2023-06-29\n    end_date: 2023-07-03"),
        "2023-07-03",
        15,
        "error",
        "meeting 'meeting-2' on 2023-07-03 is outside the term (2023-01-01 to 2023-06-30)",
    ),
    (
        "WP112",
        COMMITTEE,
        lambda t: sub(t, "date: 2023-03-16", "date: 2023-03-16\n    end_date: 2023-03-15"),
        "2023-03-15",
        15,
        "error",
        "meeting 'meeting-2' ends (2023-03-15) before it starts (2023-03-16)",
    ),
    (
        "WP113",
        COMMITTEE,
        lambda t: sub(t, "date: 2023-03-16", "date: 2023-03-17\n    end_date: 2023-03-18"),
        "2023-03-18",
        15,
        "warning",
        "meeting 'meeting-2' is on a Saturday (2023-03-18)",
    ),
    (
        "WP115",
        COMMITTEE,
        lambda t: sub(t, "  end: 2023-06-30\n", ""),
        "term:",
        1,
        "warning",
        "the term's end is not given (to be confirmed): meetings and milestones are checked against its start "
        "only, and the picture of the term ends with the plan's last dated item",
    ),
    (
        "WP115",
        COMMITTEE,
        lambda t: sub(t, "    date: 2023-06-28\n    end_date: 2023-06-30\n", ""),
        "  general_assembly:",
        3,
        "warning",
        "the General Assembly's date is not given (to be confirmed): `workplan init` "
        "cannot date next term's session from this plan",
    ),
    (
        "WP122",
        COMMITTEE,
        lambda t: sub(
            t,
            "  - id: meeting-2",
            INFORMAL.replace('    start_time: "12:00"\n    end_time: "13:00"\n', "") + "  - id: meeting-2",
        ),
        "date: 2023-03-02\n  - id: meeting-2",
        11,
        "warning",
        "meeting 'informal-1' (time to be confirmed, taken as the whole day) overlaps 'meeting-1' (10:00–13:00) "
        "on 2023-03-02; if it is held within it, add `within: meeting-1`",
    ),
    (
        "WP122",
        COMMITTEE,
        lambda t: sub(
            t,
            "  - id: meeting-2",
            INFORMAL.replace("date: 2023-03-02", "date: 2023-03-01\n    end_date: 2023-03-02") + "  - id: meeting-2",
        ),
        'start_time: "12:00"',
        17,
        "warning",
        "meeting 'informal-1' (12:00–13:00) overlaps 'meeting-1' (10:00–13:00) on 2023-03-02; "
        "if it is held within it, add `within: meeting-1`",
    ),
    (
        "WP124",
        COMMITTEE,
        lambda t: sub(sub(t, "    number: 2", "    number: 8"), "    number: 1\n    kind", "    number: 7\n    kind"),
        "number: 7",
        13,
        "warning",
        "numbering does not start at 1 (the first is 7): a partial plan, or meetings missing",
    ),
    (
        "WP123",
        COMMITTEE,
        lambda t: t + INFORMAL.replace("2023-03-02", "2023-03-03") + "    within: meeting-1\n",
        "within: meeting-1",
        13,
        "error",
        "meeting 'informal-1' (2023-03-03 12:00–13:00) is not inside 'meeting-1' (2023-03-02 10:00–13:00)",
    ),
    (
        "WP130",
        COMMITTEE,
        lambda t: sub(
            t,
            "  length_limits:",
            "    - id: comments\n      stage: comments-due\n      title: Comments due\n      date: 2023-03-01\n  length_limits:",
        ),
        "date: 2023-03-01",
        13,
        "error",
        "milestone 'comments' (comments-due, 2023-03-01) comes before 'first-version' (first-version, 2023-03-02)",
    ),
    (
        "WP131",
        COMMITTEE,
        lambda t: sub(t, "      meeting: meeting-1", "      meeting: meeting-2"),
        "      date: 2023-03-02",
        13,
        "error",
        "milestone 'first-version' is dated 2023-03-02, but meeting 'meeting-2' is on 2023-03-16",
    ),
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


def test_every_rule_has_docs_and_a_failing_case():
    tested = {case[0] for case in CASES}
    for rule in RULES.values():
        assert rule.summary and "Fail" in rule.doc, rule.code
        assert rule.code in tested, f"{rule.code} has no failing case"


def test_within_silences_clash():
    text = sub(COMMITTEE, "  - id: meeting-2", INFORMAL + "    within: meeting-1\n  - id: meeting-2")
    assert lint(text, "WP122") == []
    assert lint(text, "WP123") == []


def test_suppression_for_one_subject_only():
    two = (
        COMMITTEE
        + "activities:\n"
        + "".join(f"  - id: {i}\n    title: Seminar\n    date: 2023-10-1{n}\n" for n, i in enumerate(["a", "b"]))
    )
    text = (
        two + "suppress:\n  - rule: activity-outside-term\n    subject: a\n    reason: held after the term on purpose\n"
    )
    assert lint(text, "WP111") == [
        (
            line_of(text, "2023-10-11"),
            11,
            "warning",
            "activity 'b' on 2023-10-11 is outside the term (2023-01-01 to 2023-06-30)",
        )
    ]


def test_cli_select_ignore_strict(runner, tmp_path):
    path = write(tmp_path, "p.yaml", sub(COMMITTEE, "date: 2023-03-16", "date: 2023-03-18"))
    warned = runner.invoke(app, ["validate", str(path)])
    assert warned.exit_code == 0
    assert warned.stdout == (
        f"{path}:{line_of(path.read_text(), '2023-03-18')}:11: warning WP113 meeting 'meeting-2' is on a Saturday (2023-03-18)\n"
        "Found 0 errors and 1 warning in 1 file.\n"
    )
    assert runner.invoke(app, ["validate", "--strict", str(path)]).exit_code == 1
    ignored = runner.invoke(app, ["validate", "--strict", "--ignore", "weekend-meeting", str(path)])
    assert (ignored.exit_code, ignored.stdout) == (0, "1 file checked: no problems.\n")
    selected = runner.invoke(app, ["validate", "--select", "WP101,WP102", str(path)])
    assert (selected.exit_code, selected.stdout) == (0, "1 file checked: no problems.\n")
    unknown = runner.invoke(app, ["validate", "--ignore", "no-such-rule", str(path)])
    assert (unknown.exit_code, unknown.stderr) == (
        2,
        "workplan: error: unknown rule 'no-such-rule'; `workplan rules` lists them\n",
    )


def test_cli_sarif(runner, tmp_path):
    path = write(tmp_path, "p.yaml", sub(COMMITTEE, "date: 2023-03-16", "date: 2023-03-18"))
    result = runner.invoke(app, ["validate", "--format", "sarif", str(path)])
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules][:2] == ["WP001", "WP002"]
    assert len(rules) == len(LOADER_CHECKS) + len(RULES)
    [finding] = run["results"]
    assert rules[finding["ruleIndex"]]["name"] == "weekend-meeting"
    assert finding == {
        "ruleId": "WP113",
        "ruleIndex": finding["ruleIndex"],
        "level": "warning",
        "message": {"text": "meeting 'meeting-2' is on a Saturday (2023-03-18)"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": str(path)},
                    "region": {"startLine": line_of(path.read_text(), "2023-03-18"), "startColumn": 11},
                }
            }
        ],
    }


def test_cli_rules_list_and_doc(runner):
    listing = runner.invoke(app, ["rules"])
    assert listing.exit_code == 0
    assert (
        "WP101  unknown-paragraph           error    A paragraph reference names a paragraph the plan does not declare."
        in listing.stdout
    )
    doc = runner.invoke(app, ["rules", "meeting-clash"])
    assert doc.stdout.startswith(
        "WP122 meeting-clash (warning; committee-plan)\n\nTwo meetings overlap in time on the same day.\n"
    )
    assert "Fails: the same two meetings without `within`." in doc.stdout
    assert runner.invoke(app, ["rules", "WP999"]).exit_code == 2


def test_meetings_listed_out_of_order_on_one_day_name_their_times(tmp_path):
    """WP121 gives the start times when the two meetings share a day (#26)."""
    from workplan_cli.loader import parse_plan
    from workplan_cli.validate import lint_loaded

    text = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("    date: 2023-03-16\n", "    date: 2023-03-02\n", 1).replace(
        '    date: 2023-03-02\n    start_time: "10:00"\n    end_time: "13:00"\n',
        '    date: 2023-03-02\n    start_time: "15:00"\n    end_time: "16:00"\n',
        1,
    )
    found = [d.message for d in lint_loaded(parse_plan(text, "p.yaml")) if d.code == "WP121"]
    assert found == ["meeting 'meeting-2' (2023-03-02 10:00) is listed after 'meeting-1' (2023-03-02 15:00)"]
