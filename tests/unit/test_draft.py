"""draft.py: next term's plan drafted from this one (workplan init)."""

from __future__ import annotations

import datetime as dt

from editing import (
    CSH_TEXT,
    copy,
)
from workplan_cli.cli import app
from workplan_cli.loader import parse_plan
from workplan_cli.models import CommitteePlan
from workplan_cli.planfile import read_plan


def test_init_drafts_a_valid_plan_beside_the_old_one(runner, tmp_path):
    """The rest of the plan around the calendar (which tests/test_init.py checks)."""
    plan = copy(tmp_path)
    result = runner.invoke(app, ["init", "--from", str(plan), "--start", "2023-11-10"])
    assert result.exit_code == 0, result.output
    draft = tmp_path / "data" / "csh-2023-2024.yaml"
    assert result.stderr.endswith(
        f"wrote {draft}; it validates, with warnings for what is still to fill in (`workplan validate {draft}` lists them)\n"
    )
    text = draft.read_text(encoding="utf-8")
    validate = runner.invoke(app, ["validate", str(draft)])
    assert (validate.exit_code, validate.stdout.splitlines()[-1]) == (0, "Found 0 errors and 4 warnings in 1 file.")
    loaded = parse_plan(text, str(draft))
    new = loaded.plan
    assert isinstance(new, CommitteePlan)
    old = read_plan(plan).plan
    assert isinstance(old, CommitteePlan)
    assert (new.id, new.term.start, new.term.end, new.adopted) == (
        "csh-2023-2024",
        dt.date(2023, 11, 10),
        dt.date(2024, 6, 23),
        dt.date(2023, 11, 10),
    )
    assert (new.introduction.general_assembly.date, new.introduction.general_assembly.end_date) == (
        dt.date(2024, 6, 21),
        dt.date(2024, 6, 23),
    )
    assert new.activities == new.mandates == ()
    assert (new.committee, new.bodies, new.areas, new.reports, new.resolutions) == (
        old.committee,
        old.bodies,
        old.areas,
        old.reports,
        old.resolutions,
    )
    # The wording the plan gives its pages, and its language, carry over too.
    assert (new.times_local_at, new.activities_heading, new.reports_heading, new.language) == (
        "headquarters",
        "Other OAS activities in the security area",
        "Reminders for reports on hemispheric security topics",
        old.language,
    )
    assert new.title == (
        "Work plan and schedule of activities of the Committee on Hemispheric Security for the 2023–2024 term "
        "and other OAS activities to advance hemispheric security"
    )
    assert text.splitlines()[:19] == [
        "# yaml-language-server: $schema=../schemas/committee-plan.schema.json",
        "#",
        "# Draft work plan of the CSH for the 2023–2024 term, started from",
        "# csh-2022-2023 by `workplan init`. Lines marked TO DO, TO DECIDE, TO CONFIRM or",
        "# TO REPLACE need the editor; `workplan validate` checks the file as it fills in.",
        "kind: committee-plan",
        "schema_version: 1",
        "id: csh-2023-2024",
        "title: >-",
        "  Work plan and schedule of activities of the Committee on Hemispheric Security for the",
        "  2023–2024 term and other OAS activities to advance hemispheric security",
        "committee:",
        "  name: Committee on Hemispheric Security",
        "  acronym: CSH",
        "term:",
        "  start: 2023-11-10",
        "  end: 2024-06-23  # TO CONFIRM: the last day of the General Assembly",
        "adopted: 2023-11-10  # TO CONFIRM: the day the committee adopts this plan",
        "timezone: America/New_York",
    ]
    assert "# TO REPLACE: these are last term's resolutions. Replace them with those of the new\n" in text
    assert runner.invoke(app, ["fmt", "--check", str(draft)]).exit_code == 0
    # The new plan fills in with the other commands.
    add = runner.invoke(
        app, ["add", "meeting", "--date", "2024-06-13", "--time", "10:00-13:00", "--number", "16", str(draft)]
    )
    assert add.exit_code == 0, add.output
    assert "  - id: meeting-16\n    number: 16\n    kind: regular\n    date: 2024-06-13\n" in draft.read_text(
        encoding="utf-8"
    )


def test_init_dates_given_are_not_marked_to_confirm(runner, tmp_path):
    plan = copy(tmp_path)
    result = runner.invoke(
        app,
        [
            "init",
            "--from",
            str(plan),
            "--start",
            "2023-11-09",
            "--end",
            "2024-06-28",
            "--general-assembly",
            "2024-06-26",
            "-o",
            "-",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "term:\n  start: 2023-11-09\n  end: 2024-06-28\n" in result.stdout
    assert "    date: 2024-06-26\n    end_date: 2024-06-28\n" in result.stdout


def test_init_refuses_to_overwrite_without_force(runner, tmp_path):
    plan = copy(tmp_path)
    target = tmp_path / "next.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    result = runner.invoke(app, ["init", "--from", str(plan), "--start", "2023-11-10", "-o", str(target)])
    assert (result.exit_code, result.stderr) == (1, f"workplan: error: {target} exists; give --force to overwrite it\n")
    assert target.read_text(encoding="utf-8") == "keep me\n"
    forced = runner.invoke(app, ["init", "--from", str(plan), "--start", "2023-11-10", "-o", str(target), "--force"])
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server:")


def test_init_keeps_crlf_line_endings(runner, tmp_path):
    plan = copy(tmp_path)
    plan.write_bytes(CSH_TEXT.replace("\n", "\r\n").encode())
    result = runner.invoke(app, ["init", "--from", str(plan), "--start", "2023-11-10", "-o", str(tmp_path / "n.yaml")])
    assert result.exit_code == 0, result.output
    raw = (tmp_path / "n.yaml").read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") > 300
