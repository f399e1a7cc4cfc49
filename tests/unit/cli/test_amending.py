"""cli/amending.py: the editing commands' options, output formats and usage errors."""

from __future__ import annotations

import json

import pytest

from editing import (
    CICTE,
    copy,
)
from workplan_cli.cli import app


def test_move_dry_run_writes_nothing(runner, tmp_path):
    plan = copy(tmp_path)
    before = plan.read_bytes()
    result = runner.invoke(app, ["move", "meeting-7", "2023-03-23", "--dry-run", str(plan)])
    assert (result.exit_code, result.stdout) == (0, "Meeting 7 moved from Thu, Mar 16, 2023 to Thu, Mar 23, 2023\n")
    assert result.stderr == f"dry run: {plan} not written\n"
    assert plan.read_bytes() == before


def test_move_json(runner, tmp_path):
    plan = copy(tmp_path)
    result = runner.invoke(app, ["move", "comments-due", "2023-05-02", str(plan), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "path": str(plan),
        "plan": "csh-2022-2023",
        "written": True,
        "changes": [
            {
                "kind": "moved",
                "subject": "comments-due",
                "message": "Milestone “Proposed deadline for receipt of comments on the first vers…” moved: "
                "date Fri, Apr 28, 2023 → Tue, May 2, 2023",
            }
        ],
        "problems": [],
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "2023-03-23"], "no meeting, activity or milestone with id 'nope' in csh-2022-2023"),
        (
            ["comments-due", "2023-05-02", "--time", "10:00-11:00"],
            "--time is for meetings; 'comments-due' is a milestone, which has no hours",
        ),
        (
            ["meeting-7", "2023-03-23", "--time", "10-11"],
            "--time '10-11': write the hours as HH:MM-HH:MM in 24-hour form, like 10:00-13:00",
        ),
        (["mispa-viii", "2023-03-23"], "no meeting, activity or milestone with id 'mispa-viii' in csh-2022-2023"),
    ],
)
def test_move_usage_errors_exit_2(runner, tmp_path, args, message):
    plan = copy(tmp_path)
    result = runner.invoke(app, ["move", *args, str(plan)])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"workplan: error: {message}\n")


def test_add_to_a_program_plan_is_a_usage_error(runner, tmp_path):
    plan = copy(tmp_path, CICTE)
    result = runner.invoke(app, ["add", "meeting", "--date", "2023-06-15", "--time", "10:00-13:00", str(plan)])
    assert (result.exit_code, result.stderr) == (2, f"workplan: error: {plan} is a program plan: it has no meetings\n")


def test_init_usage_errors(runner, tmp_path):
    plan = copy(tmp_path)
    result = runner.invoke(app, ["init", "--from", str(plan), "--start", "2023-11-10", "--end", "2023-01-01"])
    assert (result.exit_code, result.stderr) == (
        2,
        "workplan: error: the term would end (2023-01-01) before it starts (2023-11-10); give a later --end\n",
    )
    program = copy(tmp_path, CICTE)
    result = runner.invoke(app, ["init", "--from", str(program), "--start", "2023-11-10"])
    assert (result.exit_code, result.stderr) == (
        2,
        f"workplan: error: {program} is a program plan; `workplan init` drafts committee plans\n",
    )
