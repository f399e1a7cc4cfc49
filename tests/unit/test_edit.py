"""move, add, cancel, postpone and init: exact texts, git diffs, refusals and what `workplan diff` says."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import clients
from conftest import DATA
from workplan_cli.cli import app
from workplan_cli.edit import move_item, scalar_text, slug
from workplan_cli.loader import parse_plan
from workplan_cli.models import CommitteePlan
from workplan_cli.planfile import read_plan
from workplan_cli.validate import lint_loaded

CSH = DATA / "csh-2022-2023.yaml"
CICTE = DATA / "cicte-2022-2023.yaml"
CSH_TEXT = CSH.read_text(encoding="utf-8")
REFUSED = "workplan: error: not written: the change would cause {n} problem(s) (lines as in the changed file)"
WARNINGS_HINT = "; --allow-warnings writes it despite warnings"


def copy(tmp_path: Path, source: Path = CSH) -> Path:
    (tmp_path / "data").mkdir(exist_ok=True)
    return Path(shutil.copy(source, tmp_path / "data" / source.name))


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def git_repo(tmp_path: Path) -> Path:
    clients.git()
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "staff@example.org")
    git(repo, "config", "user.name", "Staff")
    copy(repo)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "plan")
    return repo


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    """(old line, new line) for each replaced line; fails on inserted or deleted lines."""
    pairs = []
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        assert tag == "replace" and i2 - i1 == j2 - j1, (tag, before.splitlines()[i1:i2], after.splitlines()[j1:j2])
        pairs += zip(before.splitlines()[i1:i2], after.splitlines()[j1:j2], strict=True)
    return pairs


def changed_lines_in_any_order(before: str, after: str) -> list[tuple[str, str]]:
    """(old line, new line) pairs of the lines that changed, wherever the lines around them moved to.

    An edit may move an item's lines whole to keep a list in date order: only
    the multiset of lines is compared, the lines that went and those that came
    paired in the order they stand.
    """
    went, came = Counter(before.splitlines()), Counter(after.splitlines())
    old, new = sorted((went - came).elements()), sorted((came - went).elements())
    assert len(old) == len(new), (old, new)
    return list(zip(old, new, strict=True))


def problems_of(text: str, name: str = "p.yaml") -> list[str]:
    loaded = parse_plan(text, name)
    return [f"{d.code} {d.message}" for d in [*loaded.diagnostics, *lint_loaded(loaded)] if d.severity.value == "error"]


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


def test_move_refuses_a_plan_that_does_not_validate(runner, tmp_path):
    plan = copy(tmp_path)
    plan.write_text(CSH_TEXT.replace("    date: 2023-02-02\n", "    date: 2023-02-30\n"), encoding="utf-8")
    before = plan.read_bytes()
    result = runner.invoke(app, ["move", "meeting-7", "2023-03-23", str(plan)])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{plan}:669:11: error WP013 meetings[5].date: '2023-02-30' is not a valid date; write it as YYYY-MM-DD, like 2023-03-16\n"
    )
    assert result.stderr == f"workplan: error: {plan} does not validate; fix it first (nothing written)\n"
    assert plan.read_bytes() == before


def test_move_finds_the_plan_in_data_and_asks_when_several_hold_the_id(runner, tmp_path, monkeypatch):
    copy(tmp_path)
    copy(tmp_path, CICTE)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["move", "meeting-7", "2023-03-23"])
    assert (result.exit_code, result.stderr) == (0, "wrote data/csh-2022-2023.yaml\n")
    other = tmp_path / "data" / "csh-copy.yaml"
    other.write_text(CSH_TEXT.replace("id: csh-2022-2023\n", "id: csh-copy\n", 1), encoding="utf-8")
    result = runner.invoke(app, ["move", "meeting-7", "2023-03-30"])
    assert result.exit_code == 2
    assert result.stderr == (
        "workplan: error: several plans found: csh-2022-2023 (data/csh-2022-2023.yaml), csh-copy (data/csh-copy.yaml); "
        "choose one with --plan ID\n"
    )
    result = runner.invoke(app, ["move", "wps-workshop", "2023-03-15", "--plan", "csh-copy"])
    assert (result.exit_code, result.stderr) == (0, "wrote data/csh-copy.yaml\n")
    assert "date: 2023-03-15" in other.read_text(encoding="utf-8")
    assert "date: 2023-03-15" not in (tmp_path / "data" / "csh-2022-2023.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("plan_id", "ident", "chosen"),
    [(None, "meeting-7", "csh-2022-2023"), ("csh-copy", None, "csh-copy"), (None, None, None)],
)
def test_choosing_among_plans_reads_each_file_once(tmp_path, monkeypatch, plan_id, ident, chosen):
    from workplan_cli import planfile as edit
    from workplan_cli.errors import UsageError

    copy(tmp_path)
    copy(tmp_path, CICTE)
    (tmp_path / "data" / "csh-copy.yaml").write_text(
        CSH_TEXT.replace("id: csh-2022-2023\n", "id: csh-copy\n", 1).replace("id: meeting-7\n", "id: meeting-77\n"),
        encoding="utf-8",
    )
    reads: list[str] = []
    real = edit.read_text

    def counted(path):
        reads.append(path.name)
        return real(path)

    monkeypatch.setattr(edit, "read_text", counted)
    if chosen is None:  # two committee plans, nothing to choose by
        with pytest.raises(UsageError, match=r"several plans found: csh-2022-2023 .*, csh-copy "):
            edit.choose_plan([tmp_path / "data"], plan_id, ident)
    else:
        assert edit.choose_plan([tmp_path / "data"], plan_id, ident).plan.id == chosen
    assert sorted(reads) == ["cicte-2022-2023.yaml", "csh-2022-2023.yaml", "csh-copy.yaml"]


def test_move_keeps_crlf_and_byte_order_mark(runner, tmp_path):
    plan = copy(tmp_path)
    plan.write_bytes(b"\xef\xbb\xbf" + CSH_TEXT.replace("\n", "\r\n").encode())
    result = runner.invoke(app, ["move", "meeting-7", "2023-03-23", str(plan)])
    assert result.exit_code == 0, result.output
    expected = CSH_TEXT.replace(
        "    kind: regular\n    date: 2023-03-16\n", "    kind: regular\n    date: 2023-03-23\n"
    )
    assert plan.read_bytes() == b"\xef\xbb\xbf" + expected.replace("\n", "\r\n").encode()


def _items(path: Path) -> list[tuple[str, tuple[object, ...]]]:
    """Each dated item's id, and its shape: what decides which lines a move changes, or why it is refused."""
    plan = read_plan(path).plan
    if not isinstance(plan, CommitteePlan):
        return []
    hosts = {m.within for m in plan.meetings} | {m.meeting for m in plan.procedure.milestones}
    return [
        (x.id, (kind, *(bool(getattr(x, name, None)) for name in ("within", "meeting", "end_date")), x.id in hosts))
        for kind, items in (
            ("meeting", plan.meetings),
            ("activity", plan.activities),
            ("milestone", plan.procedure.milestones),
        )
        for x in items
    ]


def _sweep(paths: tuple[Path, ...]) -> list[Any]:
    """Every item, the first of each shape in the default run and the others in the slow tier."""
    shapes: set[tuple[object, ...]] = set()
    params = []
    for path in paths:
        for ident, shape in _items(path):
            params.append(pytest.param(path, ident, id=ident, marks=[pytest.mark.slow] if shape in shapes else []))
            shapes.add(shape)
    return params


# Only the committee plan has dated items: the CICTE program plan has no meetings, activities or milestones.
ALL_ITEMS = _sweep((CSH, CICTE))


def test_every_bundled_item_is_in_the_generative_test():
    assert len(ALL_ITEMS) == 41  # 25 meetings, 11 activities, 5 milestones
    assert isinstance(read_plan(CICTE).plan, CommitteePlan) is False


@pytest.mark.parametrize(("path", "ident"), ALL_ITEMS)
def test_move_any_item_changes_only_its_date_lines_and_stays_valid(path, ident):
    source = read_plan(path)
    plan = source.plan
    assert isinstance(plan, CommitteePlan)
    item = next(x for x in [*plan.meetings, *plan.activities, *plan.procedure.milestones] if x.id == ident)
    # The dates tied to the item's day: meetings held within it and milestones held at it.
    tied = [m for m in plan.meetings if m.within == ident] + [
        m for m in plan.procedure.milestones if m.meeting == ident
    ]
    # A meeting held within another, or a milestone held at a meeting, keeps its host's day: moving it alone
    # is always refused (move the host instead, which takes it along).
    host_rule = "WP123" if getattr(item, "within", None) else "WP131" if getattr(item, "meeting", None) else None
    accepted = 0
    for offset in (7, -7) if host_rule else (7, -7, 1, -1, 14, -14, 2, -2, 3, -3):
        day = item.date + dt.timedelta(days=offset)
        edit = move_item(source, ident, day)
        if host_rule is not None:
            assert edit.refused and host_rule in {d.code for d in edit.problems}
            assert edit.changes and edit.new_text != source.text
            continue
        if edit.refused:
            assert edit.problems  # a refusal always says why
            continue
        accepted += 1
        pairs = changed_lines_in_any_order(source.text, edit.new_text)
        end = getattr(item, "end_date", None)
        expected = 1 + (end is not None) + len(tied)
        assert len(pairs) == expected
        for old, new in pairs:
            assert old.split(":")[0].strip() in ("date", "end_date")
            moved = [(item.date, day), *([(end, end + (day - item.date))] if end else [])]
            assert any(old.replace(a.isoformat(), b.isoformat()) == new for a, b in moved), (old, new)
        assert problems_of(edit.new_text) == []
        assert (
            edit.plan is not None
            and next(
                x
                for x in [*edit.plan.meetings, *edit.plan.activities, *edit.plan.procedure.milestones]
                if x.id == ident
            ).date
            == day
        )
        if accepted == 2:
            break
    assert accepted >= (host_rule is None), f"no day within two weeks of {item.date} accepted for {ident}"


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


def test_add_meeting_with_a_taken_number_is_refused(runner, tmp_path):
    plan = copy(tmp_path)
    before = plan.read_bytes()
    result = runner.invoke(
        app, ["add", "meeting", "--date", "2023-06-15", "--time", "10:00-13:00", "--number", "15", str(plan)]
    )
    assert result.exit_code == 1
    assert result.stdout == (
        f"{plan}:1440:13: error WP120 meeting number 15 is used twice ('meeting-15' and 'meeting-15-2')\n"
    )
    assert plan.read_bytes() == before


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
    before = plan.read_bytes()
    result = runner.invoke(
        app, ["add", "activity", "--date", "2023-05-02", "--title", "Seminar", "--organizer", "iadx", str(plan)]
    )
    assert result.exit_code == 1
    assert result.stdout == (
        f"{plan}:1473:18: error WP104 `organizers` names 'iadx', but no body or country has that id; did you mean 'iadc'?\n"
    )
    assert result.stderr == REFUSED.format(n=1) + "\n"
    assert plan.read_bytes() == before


def test_add_to_a_program_plan_is_a_usage_error(runner, tmp_path):
    plan = copy(tmp_path, CICTE)
    result = runner.invoke(app, ["add", "meeting", "--date", "2023-06-15", "--time", "10:00-13:00", str(plan)])
    assert (result.exit_code, result.stderr) == (2, f"workplan: error: {plan} is a program plan: it has no meetings\n")


# --- init ---------------------------------------------------------------------------------


def test_init_drafts_a_valid_plan_without_last_terms_meetings(runner, tmp_path):
    plan = copy(tmp_path)
    result = runner.invoke(app, ["init", "--from", str(plan), "--start", "2023-11-10"])
    assert result.exit_code == 0, result.output
    draft = tmp_path / "data" / "csh-2023-2024.yaml"
    assert result.stderr == (
        f"wrote {draft}; it validates, with warnings for what is still to fill in (`workplan validate {draft}` lists them)\n"
    )
    text = draft.read_text(encoding="utf-8")
    validate = runner.invoke(app, ["validate", str(draft)])
    assert validate.exit_code == 0
    assert " error " not in validate.stdout
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
    assert new.meetings == new.activities == new.pending == new.officers == new.procedure.milestones == ()
    assert all(f"id: {m.id}\n" not in text for m in old.meetings)
    assert (new.committee, new.bodies, new.working_groups, new.areas, new.reports, new.resolutions) == (
        old.committee,
        old.bodies,
        old.working_groups,
        old.areas,
        old.reports,
        old.resolutions,
    )
    # The wording the plan gives its pages, and its language, carry over too.
    assert (new.times_local_at, new.reports_heading, new.language) == (
        "headquarters",
        "Reminders for reports on hemispheric security topics",
        old.language,
    )
    assert new.title == (
        "Work plan and schedule of activities of the Committee on Hemispheric Security for the 2023–2024 term "
        "and other OAS activities to advance hemispheric security"
    )
    assert text.splitlines()[:16] == [
        "# yaml-language-server: $schema=../schemas/committee-plan.schema.json",
        "#",
        "# Draft work plan of the CSH for the 2023–2024 term, started from",
        "# csh-2022-2023 by `workplan init`. Lines marked TO DO, TO DECIDE, TO CONFIRM or",
        "# TO REPLACE need the editor; `workplan validate` checks the file as it fills in.",
        "kind: committee-plan",
        "schema_version: 1",
        "id: csh-2023-2024",
        new.title.join(["title: ", ""]),
        "committee:",
        "  name: Committee on Hemispheric Security",
        "  acronym: CSH",
        "term:",
        "  start: 2023-11-10",
        "  end: 2024-06-23  # TO CONFIRM: the last day of the General Assembly",
        "adopted: 2023-11-10  # TO CONFIRM: the day the committee adopts this plan",
    ]
    assert "# TO REPLACE: these are last term's resolutions. Replace them with those of the new\n" in text
    assert runner.invoke(app, ["fmt", "--check", str(draft)]).exit_code == 0
    # The new plan fills in with the other commands.
    add = runner.invoke(
        app, ["add", "meeting", "--date", "2023-12-07", "--time", "10:00-13:00", "--number", "1", str(draft)]
    )
    assert add.exit_code == 0, add.output
    assert (
        "\nmeetings:\n  - id: meeting-1\n    number: 1\n    kind: regular\n    date: 2023-12-07\n"
        in draft.read_text(encoding="utf-8")
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


def test_init_keeps_crlf_line_endings(runner, tmp_path):
    plan = copy(tmp_path)
    plan.write_bytes(CSH_TEXT.replace("\n", "\r\n").encode())
    result = runner.invoke(app, ["init", "--from", str(plan), "--start", "2023-11-10", "-o", str(tmp_path / "n.yaml")])
    assert result.exit_code == 0, result.output
    raw = (tmp_path / "n.yaml").read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") > 300


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
