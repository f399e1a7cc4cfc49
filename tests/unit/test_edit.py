"""move, add, cancel, postpone and init: exact texts, git diffs, refusals and what `workplan diff` says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editing import (
    CSH_TEXT,
    REFUSED,
    WARNINGS_HINT,
    changed_lines,
    copy,
    git,
    git_repo,
)
from workplan_cli.cli import app
from workplan_cli.edit import scalar_text, slug
from workplan_cli.planfile import read_plan

# --- move ---------------------------------------------------------------------------------


def test_move_meeting_changes_one_line_in_git(runner, tmp_path):
    repo = git_repo(tmp_path)
    plan = repo / "data" / "csh-2022-2023.yaml"
    result = runner.invoke(app, ["move", "meeting-7", "2023-03-23", str(plan)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Meeting 7 moved from Thu, Mar 16, 2023 to Thu, Mar 23, 2023\n"
    assert result.stderr == f"wrote {plan}\n"
    assert git(repo, "diff", "--numstat") == "1\t1\tdata/csh-2022-2023.yaml\n"
    assert plan.read_text(encoding="utf-8") == CSH_TEXT.replace(
        "    number: 7\n    kind: regular\n    date: 2023-03-16\n",
        "    number: 7\n    kind: regular\n    date: 2023-03-23\n",
    )
    diff = runner.invoke(app, ["diff", str(plan), "--rev", "main"])
    assert diff.stdout == "Meeting 7 moved from Thu, Mar 16, 2023 to Thu, Mar 23, 2023\n"


def test_move_meeting_with_time_keeps_quotes(runner, tmp_path):
    repo = git_repo(tmp_path)
    plan = repo / "data" / "csh-2022-2023.yaml"
    result = runner.invoke(app, ["move", "meeting-7", "2023-03-23", "--time", "14:30-17:30", str(plan)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Meeting 7 moved from Thu, Mar 16, 2023 to Thu, Mar 23, 2023\n"
        "Meeting 7 time changed from 10:00 a.m. – 1:00 p.m. to 2:30 p.m. – 5:30 p.m.\n"
    )
    assert git(repo, "diff", "--numstat") == "3\t3\tdata/csh-2022-2023.yaml\n"
    assert changed_lines(CSH_TEXT, plan.read_text(encoding="utf-8")) == [
        ("    date: 2023-03-16", "    date: 2023-03-23"),
        ('    start_time: "10:00"', '    start_time: "14:30"'),
        ('    end_time: "13:00"', '    end_time: "17:30"'),
    ]


def test_move_activity_keeps_its_length(runner, tmp_path):
    plan = copy(tmp_path)
    result = runner.invoke(app, ["move", "wps-workshop", "2023-03-15", str(plan)])
    assert result.exit_code == 0, result.output
    assert changed_lines(CSH_TEXT, plan.read_text(encoding="utf-8")) == [
        ("    date: 2023-03-08", "    date: 2023-03-15"),
        ("    end_date: 2023-03-10", "    end_date: 2023-03-17"),
    ]
    assert result.stdout == (
        "Activity “Workshop on Women, Peace, and Security (Wed, Mar 15, 2023)” moved: date Wed, Mar 8, 2023 → Wed, Mar 15, 2023\n"
        "Activity “Workshop on Women, Peace, and Security (Wed, Mar 15, 2023)” changed: end_date Fri, Mar 10, 2023 → Fri, Mar 17, 2023\n"
    )


def test_move_meeting_takes_along_meetings_within_it_and_its_milestones(runner, tmp_path):
    plan = copy(tmp_path)
    result = runner.invoke(app, ["move", "meeting-3", "2023-01-26", str(plan)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Meeting 3 moved from Thu, Jan 19, 2023 to Thu, Jan 26, 2023\n"
        "Meeting 'dsa-informal-2023-01-19' moved from Thu, Jan 19, 2023 to Thu, Jan 26, 2023\n"
        "Milestone “Presentation of the proposed procedure for the negotiation …” moved: date Thu, Jan 19, 2023 → Thu, Jan 26, 2023\n"
    )
    assert changed_lines(CSH_TEXT, plan.read_text(encoding="utf-8")) == [
        ("      date: 2023-01-19", "      date: 2023-01-26"),  # the milestone
        ("    date: 2023-01-19", "    date: 2023-01-26"),  # meeting 3
        ("    date: 2023-01-19", "    date: 2023-01-26"),  # the informal meeting within it
    ]


@pytest.mark.parametrize(
    ("args", "lines", "warnings"),
    [
        (  # numbering out of date order
            ["meeting-7", "2023-04-20"],
            [
                # meeting-7's lines moved to their place in date order: no WP121 (listed out of order)
                "{p}:848:11: error WP120 meeting 8 (2023-03-30) is dated before meeting 7 (2023-04-20)",
            ],
            False,
        ),
        (  # a clash with another meeting
            ["meeting-7", "2023-03-14", "--time", "14:30-17:30"],
            [
                "{p}:846:17: warning WP122 meeting 'meeting-7' (14:30–17:30) overlaps 'wg-tip-2023-03-14' (14:30–17:30) "
                "on 2023-03-14; if it is held within it, add `within: wg-tip-2023-03-14`"
            ],
            True,
        ),
        (  # outside the term
            ["meeting-15", "2023-06-30"],
            [
                "{p}:1428:11: error WP110 meeting 'meeting-15' on 2023-06-30 is outside the term (2022-11-11 to 2023-06-23)"
            ],
            False,
        ),
        (  # a milestone held at a meeting must stay on its day
            ["consideration", "2023-05-26"],
            [
                "{p}:447:13: error WP131 milestone 'consideration' is dated 2023-05-26, but meeting 'meeting-11' is on 2023-05-25"
            ],
            False,
        ),
    ],
)
def test_move_refused_with_the_diagnostics_it_would_cause(runner, tmp_path, args, lines, warnings):
    plan = copy(tmp_path)
    before = plan.read_bytes()
    result = runner.invoke(app, ["move", *args, str(plan)])
    assert result.exit_code == 1
    assert result.stdout == "".join(line.format(p=plan) + "\n" for line in lines)
    assert result.stderr == REFUSED.format(n=len(lines)) + (WARNINGS_HINT if warnings else "") + "\n"
    assert plan.read_bytes() == before


def test_move_allow_warnings_writes_despite_a_clash(runner, tmp_path):
    plan = copy(tmp_path)
    result = runner.invoke(
        app, ["move", "meeting-7", "2023-03-14", "--time", "14:30-17:30", "--allow-warnings", str(plan)]
    )
    assert result.exit_code == 0, result.output
    assert 'date: 2023-03-14\n    start_time: "14:30"' in plan.read_text(encoding="utf-8")


# --- cancel and postpone ------------------------------------------------------------------


def test_cancel_inserts_two_lines_after_the_hours(runner, tmp_path):
    repo = git_repo(tmp_path)
    plan = repo / "data" / "csh-2022-2023.yaml"
    result = runner.invoke(app, ["cancel", "meeting-7", "--note", "No quorum: moved to meeting 8", str(plan)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Meeting 7 is now cancelled (No quorum: moved to meeting 8)\n"
    assert git(repo, "diff", "--numstat") == "2\t0\tdata/csh-2022-2023.yaml\n"
    assert plan.read_text(encoding="utf-8") == CSH_TEXT.replace(
        '    date: 2023-03-16\n    start_time: "10:00"\n    end_time: "13:00"\n',
        '    date: 2023-03-16\n    start_time: "10:00"\n    end_time: "13:00"\n'
        "    status: cancelled\n    status_note: 'No quorum: moved to meeting 8'\n",
    )
    assert runner.invoke(app, ["diff", str(plan), "--rev", "main"]).stdout == (
        "Meeting 7 is now cancelled (No quorum: moved to meeting 8)\n"
    )
    assert runner.invoke(app, ["fmt", "--check", str(plan)]).exit_code == 0


def test_postpone_goes_after_within_and_then_replaces_in_place(runner, tmp_path):
    plan = copy(tmp_path)
    result = runner.invoke(app, ["postpone", "dsa-informal-2022-12-15", str(plan)])
    assert result.exit_code == 0, result.output
    after_postpone = plan.read_text(encoding="utf-8")
    assert after_postpone == CSH_TEXT.replace(
        "    within: meeting-2\n", "    within: meeting-2\n    status: postponed\n"
    )
    result = runner.invoke(app, ["cancel", "dsa-informal-2022-12-15", "--note", "Merged with meeting 3", str(plan)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Meeting 'dsa-informal-2022-12-15' is now cancelled (Merged with meeting 3)\n"
    assert changed_lines(
        after_postpone, plan.read_text(encoding="utf-8").replace("    status_note: Merged with meeting 3\n", "")
    ) == [("    status: postponed", "    status: cancelled")]
    assert plan.read_text(encoding="utf-8") == CSH_TEXT.replace(
        "    within: meeting-2\n",
        "    within: meeting-2\n    status: cancelled\n    status_note: Merged with meeting 3\n",
    )


def test_cancel_activity_and_refusals(runner, tmp_path):
    plan = copy(tmp_path)
    result = runner.invoke(app, ["cancel", "cicte-23-regular-session", str(plan)])
    assert result.exit_code == 0, result.output
    assert "    place: Mexico City\n    status: cancelled\n  - id: iadb-demining-workshop" in plan.read_text(
        encoding="utf-8"
    )
    assert result.stdout == (
        "Activity “Twenty-third regular session of the Inter-American Committe…” is now cancelled\n"
    )
    milestone = runner.invoke(app, ["cancel", "comments-due", str(plan)])
    assert (milestone.exit_code, milestone.stderr) == (
        2,
        "workplan: error: 'comments-due' is a milestone, which has no status; cancel or postpone a meeting or an activity\n",
    )


def test_cancelled_meeting_frees_its_slot(runner, tmp_path):
    plan = copy(tmp_path)
    add = ["add", "meeting", "--date", "2023-03-16", "--time", "10:00-13:00", "--kind", "special", str(plan)]
    refused = runner.invoke(app, add)
    assert refused.exit_code == 1
    assert refused.stdout == (
        f"{plan}:944:17: warning WP122 meeting 'special-2023-03-16' (10:00–13:00) overlaps 'meeting-7' (10:00–13:00) "
        "on 2023-03-16; if it is held within it, add `within: meeting-7`\n"
    )
    assert runner.invoke(app, ["cancel", "meeting-7", str(plan)]).exit_code == 0
    accepted = runner.invoke(app, add)
    assert accepted.exit_code == 0, accepted.output
    assert accepted.stdout == "Meeting added: Special meeting on Thu, Mar 16, 2023, 10:00 a.m. – 1:00 p.m.\n"


def test_status_in_every_output(runner, tmp_path):
    plan = copy(tmp_path)
    assert runner.invoke(app, ["cancel", "meeting-7", "--note", "No quorum", str(plan)]).exit_code == 0
    assert runner.invoke(app, ["postpone", "wps-workshop", str(plan)]).exit_code == 0
    upcoming = runner.invoke(
        app, ["upcoming", str(plan), "--as-of", "2023-03-08", "--days", "9", "--kind", "meeting", "--kind", "activity"]
    )
    assert "Postponed: Workshop on Women, Peace, and Security" in upcoming.stdout
    assert "Cancelled: Seventh meeting" in upcoming.stdout
    rows = json.loads(
        runner.invoke(app, ["upcoming", str(plan), "--as-of", "2023-03-16", "--days", "1", "-f", "json"]).stdout
    )
    assert [(r["id"], r.get("status"), r.get("status_note")) for r in rows] == [("meeting-7", "cancelled", "No quorum")]
    md = runner.invoke(app, ["upcoming", str(plan), "--as-of", "2023-03-16", "--days", "1", "-f", "md"]).stdout
    assert "**Cancelled: Seventh meeting (No quorum)**" in md
    show = runner.invoke(app, ["show", "meeting-7", str(plan)]).stdout
    assert show.splitlines()[:3] == [
        "SEVENTH MEETING",
        "Thursday, March 16, 2023, 10:00 a.m. – 1:00 p.m. (America/New_York)",
        "Cancelled: No quorum",
    ]
    shown = json.loads(runner.invoke(app, ["show", "meeting-7", str(plan), "-f", "json"]).stdout)
    assert (shown["status"], shown["status_note"]) == ("cancelled", "No quorum")
    found = json.loads(runner.invoke(app, ["query", "meetings", str(plan), "--paragraph", "36", "-f", "json"]).stdout)
    assert [(m["id"], m.get("status")) for m in found] == [("meeting-7", "cancelled")]
    html = runner.invoke(app, ["render", str(plan), "-f", "html"]).stdout
    assert (
        '<h3 id="meeting-7-h"><del>SEVENTH MEETING</del></h3>\n<p class="status status-cancelled"><strong>Cancelled</strong>: No quorum</p>'
        in html
    )
    assert '<strong class="status status-postponed">Postponed</strong>' in html
    markdown = runner.invoke(app, ["render", str(plan), "-f", "md"]).stdout
    assert "#### ~~SEVENTH MEETING~~\n\n**Cancelled**: No quorum\n\n" in markdown
    ics = runner.invoke(app, ["render", str(plan), "-f", "ics"]).stdout_bytes.decode()
    events = ics.split("BEGIN:VEVENT")
    seventh = next(e for e in events if "UID:meeting-7@" in e)
    workshop = next(e for e in events if "UID:wps-workshop@" in e)
    assert "STATUS:CANCELLED\r\n" in seventh
    assert "STATUS:TENTATIVE\r\n" in workshop
    assert sum("STATUS:" in e for e in events) == 2


# --- add ----------------------------------------------------------------------------------


def test_add_meeting_at_the_end_with_house_indentation(runner, tmp_path):
    repo = git_repo(tmp_path)
    plan = repo / "data" / "csh-2022-2023.yaml"
    result = runner.invoke(
        app,
        [
            "add",
            "meeting",
            "--date",
            "2023-06-15",
            "--time",
            "10:00-13:00",
            "--number",
            "16",
            "--title",
            "Closing: review",
            str(plan),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (
        result.stdout
        == "Meeting added: Sixteenth meeting: Closing: review on Thu, Jun 15, 2023, 10:00 a.m. – 1:00 p.m.\n"
    )
    assert git(repo, "diff", "--numstat") == "8\t0\tdata/csh-2022-2023.yaml\n"
    assert plan.read_text(encoding="utf-8") == CSH_TEXT.replace(
        "does not present it\n\nactivities:",
        "does not present it\n"
        "  - id: meeting-16\n"
        "    number: 16\n"
        "    kind: regular\n"
        "    title: 'Closing: review'\n"
        "    date: 2023-06-15\n"
        '    start_time: "10:00"\n'
        '    end_time: "13:00"\n'
        "    agenda: []\n"
        "\nactivities:",
    )
    assert runner.invoke(app, ["validate", str(plan)]).exit_code == 0
    assert runner.invoke(app, ["fmt", "--check", str(plan)]).exit_code == 0
    assert runner.invoke(app, ["diff", str(plan), "--rev", "main"]).stdout == result.stdout


def test_add_meeting_without_hours_writes_no_time_lines(runner, tmp_path):
    repo = git_repo(tmp_path)
    plan = repo / "data" / "csh-2022-2023.yaml"
    result = runner.invoke(app, ["add", "meeting", "--date", "2023-06-15", "--kind", "special", str(plan)])
    assert (result.exit_code, result.stdout) == (
        0,
        "Meeting added: Special meeting on Thu, Jun 15, 2023, time to be confirmed\n",
    )
    assert plan.read_text(encoding="utf-8") == CSH_TEXT.replace(
        "does not present it\n\nactivities:",
        "does not present it\n"
        "  - id: special-2023-06-15\n"
        "    kind: special\n"
        "    date: 2023-06-15\n"
        "    agenda: []\n"
        "\nactivities:",
    )
    assert runner.invoke(app, ["validate", str(plan)]).exit_code == 0


def test_move_gives_hours_to_a_meeting_added_without_them(runner, tmp_path):
    repo = git_repo(tmp_path)
    plan = repo / "data" / "csh-2022-2023.yaml"
    assert runner.invoke(app, ["add", "meeting", "--date", "2023-06-15", "--kind", "special", str(plan)]).exit_code == 0
    moved = runner.invoke(app, ["move", "special-2023-06-15", "2023-06-15", "--time", "14:30-17:30", str(plan)])
    assert (moved.exit_code, moved.stdout) == (
        0,
        "Meeting 'special-2023-06-15' time changed from time to be confirmed to 2:30 p.m. – 5:30 p.m.\n",
    )
    assert (
        "  - id: special-2023-06-15\n"
        "    kind: special\n"
        "    date: 2023-06-15\n"
        '    start_time: "14:30"\n'
        '    end_time: "17:30"\n'
        "    agenda: []\n"
    ) in plan.read_text(encoding="utf-8")


def test_add_meeting_goes_above_the_comments_of_the_next_one(runner, tmp_path):
    plan = copy(tmp_path)
    result = runner.invoke(
        app, ["add", "meeting", "--date", "2023-03-21", "--time", "14:30-17:30", "--kind", "informal", str(plan)]
    )
    assert result.exit_code == 0, result.output
    assert plan.read_text(encoding="utf-8") == CSH_TEXT.replace(
        "  # The summary of meetings calls this meeting",
        "  - id: informal-2023-03-21\n"
        "    kind: informal\n"
        "    date: 2023-03-21\n"
        '    start_time: "14:30"\n'
        '    end_time: "17:30"\n'
        "    agenda: []\n"
        "  # The summary of meetings calls this meeting",
        1,
    )
    again = runner.invoke(
        app, ["add", "meeting", "--date", "2023-03-21", "--time", "10:00-12:00", "--kind", "informal", str(plan)]
    )
    assert again.stdout == "Meeting added: Informal meeting on Tue, Mar 21, 2023, 10:00 a.m. – 12:00 p.m.\n"
    assert "  - id: informal-2023-03-21-2\n" in plan.read_text(encoding="utf-8")


def refused(runner, plan: Path, *args: str) -> tuple[str, str]:
    """What a refused edit of ``plan`` printed (exit 1), out and err; the file is byte for byte as it was."""
    before = plan.read_bytes()
    result = runner.invoke(app, [*args, str(plan)])
    assert (result.exit_code, plan.read_bytes()) == (1, before), result.output
    return result.stdout, result.stderr


def test_add_meeting_with_a_taken_number_is_refused(runner, tmp_path):
    plan = copy(tmp_path)
    out, _ = refused(runner, plan, "add", "meeting", "--date", "2023-06-15", "--time", "10:00-13:00", "--number", "15")
    assert out == f"{plan}:1440:13: error WP120 meeting number 15 is used twice ('meeting-15' and 'meeting-15-2')\n"


def test_add_activity_in_date_order(runner, tmp_path):
    plan = copy(tmp_path)
    result = runner.invoke(
        app,
        [
            "add", "activity", "--date", "2023-05-17", "--end-date", "2023-05-18",
            "--title", "Seminar on Cyber Defence", "--organizer", "iadc", "--place", "Washington, D.C.", str(plan),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "Activity added: Seminar on Cyber Defence (Wed, May 17, 2023)\n"
    assert plan.read_text(encoding="utf-8") == CSH_TEXT.replace(
        "  - id: iadc-crisis-management-exercise\n",
        "  - id: seminar-on-cyber-defence\n"
        "    title: Seminar on Cyber Defence\n"
        "    date: 2023-05-17\n"
        "    end_date: 2023-05-18\n"
        "    organizers: [iadc]\n"
        "    place: Washington, D.C.\n"
        "  - id: iadc-crisis-management-exercise\n",
    )


def test_add_activity_with_an_unknown_organizer_is_refused(runner, tmp_path):
    plan = copy(tmp_path)
    out, err = refused(
        runner, plan, "add", "activity", "--date", "2023-05-02", "--title", "Seminar", "--organizer", "iadx"
    )
    assert out == (
        f"{plan}:1473:18: error WP104 `organizers` names 'iadx', but no body or country has that id; did you mean 'iadc'?\n"
    )
    assert err == REFUSED.format(n=1) + "\n"


# --- helpers and docs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("No quorum", "No quorum"),
        ("No quorum: moved", "'No quorum: moved'"),
        ("the chair's note: x", '"the chair\'s note: x"'),
        ("yes", "yes"),
        ("#1 priority", "'#1 priority'"),
        ("- dash", "'- dash'"),
        ("tab\there", '"tab\\there"'),
        ("line\u2028break", '"line\\Lbreak"'),
        ("Baños", "Baños"),
        ("123", "'123'"),
    ],
)
def test_scalar_text_reads_back_as_written(value, written):
    assert scalar_text(value) == written


def test_slug():
    assert slug("Workshop on Women, Peace, and Security") == "workshop-on-women-peace-and-security"
    assert slug("Reunión técnica") == "reunion-tecnica"
    assert slug("!!!") == "item"


def test_move_activity_with_an_empty_end_date(runner, tmp_path):
    plan = copy(tmp_path)
    text = CSH_TEXT.replace("    date: 2023-03-29\n", "    date: 2023-03-29\n    end_date:\n")
    plan.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["move", "iadb-weapons-management-workshop", "2023-03-31", str(plan)])
    assert result.exit_code == 0, result.output
    assert changed_lines(text, plan.read_text(encoding="utf-8")) == [("    date: 2023-03-29", "    date: 2023-03-31")]


def test_a_one_week_move_keeps_the_list_in_date_order(runner, tmp_path):
    """#26: the meeting's lines (with the comments above them) move to their place; validate --strict stays clean."""
    plan = copy(tmp_path)
    result = runner.invoke(app, ["move", "meeting-10", "2023-05-11", str(plan)])
    assert (result.exit_code, result.stdout) == (0, "Meeting 10 moved from Thu, May 4, 2023 to Thu, May 11, 2023\n")
    assert runner.invoke(app, ["validate", "--strict", str(plan)]).exit_code == 0
    after = plan.read_text(encoding="utf-8")
    block = CSH_TEXT[CSH_TEXT.index("  - id: meeting-10\n") : CSH_TEXT.index('  # Printed "Thursday, May 5"')]
    rest = CSH_TEXT.replace(block, "", 1)
    moved = block.replace("    date: 2023-05-04\n", "    date: 2023-05-11\n", 1)
    at = rest.index("  - id: meeting-11\n")
    while rest[: at - 1].rsplit("\n", 1)[-1].lstrip().startswith("#"):  # above the next meeting's comments
        at = rest.rindex("\n", 0, at - 1) + 1
    assert after == rest[:at] + moved + rest[at:]
    ids = [m.id for m in read_plan(plan).plan.meetings]
    assert ids.index("toc-points-of-contact") + 1 == ids.index("meeting-10")


def test_cancelling_a_meeting_says_what_falls_with_it(runner, tmp_path):
    """#26: a meeting others are held within, or a milestone is held at, warns about them."""
    plan = copy(tmp_path)
    result = runner.invoke(app, ["cancel", "meeting-5", str(plan)])
    assert (result.exit_code, result.stdout) == (0, "Meeting 5 is now cancelled\n")
    assert result.stderr == (
        "workplan: warning: 'dsa-informal-2023-02-16' is held within 'meeting-5': it is cancelled with it unless it "
        "is moved (workplan move dsa-informal-2023-02-16 DATE) or cancelled too (workplan cancel dsa-informal-2023-02-16)\n"
        f"wrote {plan}\n"
    )
    result = runner.invoke(app, ["postpone", "meeting-11", str(plan)])
    assert result.stderr == (
        "workplan: warning: milestone 'consideration' is held at 'meeting-11': give it another meeting "
        "(its `meeting:` and `date:` keys)\n"
        f"wrote {plan}\n"
    )
