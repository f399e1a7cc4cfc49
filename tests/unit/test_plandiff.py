"""workplan diff: exact change lists for pairs of plans; formatting is not a change."""

from __future__ import annotations

import json

from conftest import FIXTURES, write
from workplan_cli.cli import app
from workplan_cli.loader import parse_plan
from workplan_cli.plandiff import diff_plans

COMMITTEE = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")
PROGRAM = (FIXTURES / "program-minimal.yaml").read_text(encoding="utf-8")
FMT = FIXTURES.parent / "fmt-fixtures"


def plan(text):
    loaded = parse_plan(text, "p.yaml")
    assert loaded.diagnostics == []
    return loaded.plan


def edited_committee() -> str:
    text = COMMITTEE.replace("date: 2023-03-16", "date: 2023-03-23")
    text = text.replace('paragraphs: ["2.a"]\n                by', 'paragraphs: ["1"]\n                by')
    text = text.replace(
        "                by: [wg-test]\n",
        "                by: [wg-test]\n              - title: Dialogue among delegations\n",
    )
    text = text.replace(
        "      date: 2023-03-02\n      meeting: meeting-1",
        "      date: 2023-03-02\n      meeting: meeting-1\n      title: First draft",
    )
    return text.replace("      title: First version of the draft resolution\n", "")


def test_diff_committee_changes_exact():
    changes = diff_plans(plan(COMMITTEE), plan(edited_committee()))
    assert [c.message for c in changes] == [
        "Agenda item added to meeting 1 under Testing › Testing in the Americas: Dialogue among delegations",
        "Paragraph reference 2.a → 1 in meeting 1, item “Presentation by the working group (paragraph 2.a)”",
        "Meeting 2 moved from Thu, Mar 16, 2023 to Thu, Mar 23, 2023",
        "Milestone “First draft”: title changed",
    ]


def test_diff_pending_event_scheduled_and_meeting_removed():
    old = COMMITTEE + "pending:\n  - id: summit\n    title: Summit\n"
    new = COMMITTEE.replace(
        "  - id: meeting-2\n",
        '  - id: summit\n    kind: special\n    title: Summit\n    date: 2023-04-04\n    start_time: "10:00"\n    end_time: "13:00"\n  - id: meeting-2\n',
    )
    new = new[: new.index("  - id: meeting-2\n")]
    changes = diff_plans(plan(old), plan(new))
    assert [(c.kind, c.subject, c.message) for c in changes] == [
        ("added", "summit", "Meeting scheduled (was pending): Summit on Tue, Apr 4, 2023, 10:00 a.m. – 1:00 p.m."),
        ("removed", "meeting-2", "Meeting removed: Second meeting of Thu, Mar 16, 2023"),
        ("removed", "summit", "Pending event removed: Summit"),
    ]


def test_diff_program_activity_removed_and_added():
    new = PROGRAM.replace(
        "      - text: Test workshops with Acme.\n        partners: [acme]\n",
        "      - text: Test workshops with Acme.\n        partners: []\n      - text: Peer reviews.\n",
    )
    assert [c.message for c in diff_plans(plan(PROGRAM), plan(new))] == [
        "Activity added to program A: Peer reviews.",
        "Activity in program A “Test workshops with Acme.”: partners removed: acme",
    ]


def test_diff_reformatted_copy_is_no_change(runner):
    result = runner.invoke(app, ["diff", str(FMT / "messy.yaml"), str(FMT / "messy.expected.yaml")])
    assert (result.exit_code, result.stdout) == (0, "No semantic change.\n")


def test_diff_cli_formats(runner, tmp_path):
    old = write(tmp_path, "old.yaml", COMMITTEE)
    new = write(tmp_path, "new.yaml", COMMITTEE.replace("date: 2023-03-16", "date: 2023-03-23"))
    md = runner.invoke(app, ["diff", str(old), str(new), "--format", "md"])
    assert md.stdout == "### Changes to `test-2023`\n\n- Meeting 2 moved from Thu, Mar 16, 2023 to Thu, Mar 23, 2023\n"
    js = runner.invoke(app, ["diff", str(old), str(new), "-f", "json"])
    assert json.loads(js.stdout) == [
        {
            "kind": "moved",
            "subject": "meeting-2",
            "message": "Meeting 2 moved from Thu, Mar 16, 2023 to Thu, Mar 23, 2023",
        }
    ]


def test_diff_usage_and_broken_versions(runner, tmp_path):
    old = write(tmp_path, "old.yaml", COMMITTEE)
    assert runner.invoke(app, ["diff", str(old)]).exit_code == 2
    broken = write(tmp_path, "broken.yaml", COMMITTEE.replace("date: 2023-03-16", "date: 2023-02-30"))
    result = runner.invoke(app, ["diff", str(old), str(broken)])
    assert result.exit_code == 1 and "WP013" in result.stderr
