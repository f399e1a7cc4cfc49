"""Running the rules (lint/__init__.py): which a command selects or ignores, what a suppression silences, what `workplan rules` and SARIF list."""

from __future__ import annotations

import json

from conftest import line_of, write
from workplan_cli.cli import app
from workplan_cli.diagnostics import LOADER_CHECKS
from workplan_cli.lint import RULES

from . import COMMITTEE, lint, sub


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
