"""carry.py and init: next term's calendar drafted from this one (meetings moved by whole weeks, what is left out)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, FIXTURES, ROOT, examples
from workplan_cli.cli import app
from workplan_cli.draft import init_plan
from workplan_cli.loader import parse_plan
from workplan_cli.models import CommitteePlan
from workplan_cli.planfile import read_plan

CSH = DATA / "csh-2022-2023.yaml"
CSH_TEXT = CSH.read_text(encoding="utf-8")
WP106 = (
    "{n} × WP106 unused-declaration (warning): expected in a draft until its mandates, agendas and reports cite "
    "the new session's resolutions"
)
WROTE = "wrote {path}; it validates, with warnings for what is still to fill in (`workplan validate {path}` lists them)"
SUNDAY_GA = (
    "workplan: warning: the General Assembly's last day, 2024-06-23, is a Sunday; confirm it (marked in the draft)"
)


def copy(tmp_path: Path, source: Path = CSH, text: str | None = None) -> Path:
    """The plan in tmp_path/data/, beside a copy of the schemas its modeline points to."""
    (tmp_path / "data").mkdir(exist_ok=True)
    if not (tmp_path / "schemas").exists():
        shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    target = tmp_path / "data" / source.name
    target.write_text(source.read_text(encoding="utf-8") if text is None else text, encoding="utf-8")
    return target


def draft_plan(path: Path) -> CommitteePlan:
    loaded = parse_plan(path.read_text(encoding="utf-8"), str(path))
    assert isinstance(loaded.plan, CommitteePlan), loaded.diagnostics
    return loaded.plan


def test_init_carries_last_terms_meetings_by_whole_weeks(runner, tmp_path):
    plan = copy(tmp_path)
    result = runner.invoke(app, ["init", "--from", str(plan), "--start", "2023-11-10"])
    assert result.exit_code == 0, result.output
    draft = tmp_path / "data" / "csh-2023-2024.yaml"
    assert result.stdout == ""
    assert result.stderr == f"{SUNDAY_GA}\n{WP106.format(n=4)}\n{WROTE.format(path=draft)}\n"
    new = draft_plan(draft)
    # 2022-11-11 to 2023-11-10 is 364 days: 52 weeks, so each meeting is on its weekday, a year on.
    assert [(m.id, m.date.isoformat(), m.within) for m in new.meetings] == [
        ("meeting-1", "2023-11-30", None),
        ("meeting-2", "2023-12-14", None),
        ("dsa-informal-2023-12-14", "2023-12-14", "meeting-2"),
        ("meeting-3", "2024-01-18", None),
        ("dsa-informal-2024-01-18", "2024-01-18", "meeting-3"),
        ("meeting-4", "2024-02-01", None),
        ("wg-tip-2024-02-13", "2024-02-13", None),
        ("meeting-5", "2024-02-15", None),
        ("dsa-informal-2024-02-15", "2024-02-15", "meeting-5"),
        ("forum-csbm-x", "2024-02-29", None),
        ("meeting-6", "2024-03-07", None),
        ("wg-tip-2024-03-12", "2024-03-12", None),
        ("meeting-7", "2024-03-14", None),
        ("meeting-8", "2024-03-28", None),
        ("meeting-9", "2024-04-11", None),
        ("wg-tip-2024-04-23", "2024-04-23", None),
        ("meeting-10", "2024-05-02", None),
        ("toc-points-of-contact", "2024-05-03", None),
        ("meeting-11", "2024-05-23", None),
        ("special-caribbean-2024", "2024-05-28", None),
        ("special-sica-2024", "2024-05-28", None),
        ("meeting-12", "2024-05-30", None),
        ("meeting-13", "2024-06-04", None),
        ("meeting-14", "2024-06-06", None),
        ("meeting-15", "2024-06-10", None),
    ]
    old = read_plan(plan).plan
    assert isinstance(old, CommitteePlan)
    for before, after in zip(old.meetings, new.meetings, strict=True):
        assert (after.number, after.kind, after.start_time, after.end_time, after.date.weekday()) == (
            before.number,
            before.kind,
            before.start_time,
            before.end_time,
            before.date.weekday(),
        )
        assert [s.area for s in after.agenda] == [s.area for s in before.agenda]
    text = draft.read_text(encoding="utf-8")
    assert text.count("  # TO CONFIRM (last term: ") == len(new.meetings) + len(new.procedure.milestones) == 30
    block = text[text.index("  - id: dsa-informal-2023-12-14\n") : text.index("  - id: meeting-3\n")]
    assert block == (
        "  - id: dsa-informal-2023-12-14\n"
        "    kind: informal\n"
        "    title: Informal meeting on the advisability of launching a DSA review process\n"
        "    date: 2023-12-14  # TO CONFIRM (last term: 2022-12-15)\n"
        '    start_time: "12:00"\n'
        '    end_time: "13:00"\n'
        "    within: meeting-2\n"
    )
    # The term's years in titles are the new term's; agendas cite last term's resolutions, carried.
    first = text[text.index("  - id: meeting-1\n") :]
    assert first.startswith(
        "  - id: meeting-1\n"
        "    number: 1\n"
        "    kind: regular\n"
        "    date: 2023-11-30  # TO CONFIRM (last term: 2022-12-01)\n"
        '    start_time: "10:00"\n'
        '    end_time: "13:00"\n'
        "    summary: Regular meeting of the CSH\n"
        "    agenda:\n"
        "      - topics:\n"
        "          - title: Election of the Vice Chairs of the CSH\n"
        "          - title: >-\n"
        "              Consideration of the draft work plan and schedule of activities of the CSH\n"
        "              for the 2023–2024 term\n"
        "      - area: toc\n"
    )
    assert new.resolutions == old.resolutions
    # References follow renamed ids; those to what is not carried (other OAS activities) are dropped.
    preparations = [
        (meeting.id, entry.title[:36], entry.refers_to)
        for meeting in new.meetings
        for section in meeting.agenda
        for topic in section.topics
        for entry in (topic, *topic.items)
        if entry.title.startswith("Preparations for the")
    ]
    assert preparations == [
        ("meeting-1", "Preparations for the Seventh meeting", ("rtp-vii",)),
        ("meeting-1", "Preparations for the Eighth Meeting ", ("wg-mispa-viii", "mispa-viii")),
        ("meeting-7", "Preparations for the twenty-third re", ()),  # was cicte-23-regular-session, an activity
        ("meeting-7", "Preparations for the twenty-third re", ()),  # was cifta-cc-23, an activity
        ("meeting-7", "Preparations for the Meeting of Poin", ("toc-points-of-contact",)),
        ("meeting-8", "Preparations for the Meeting of Poin", ("toc-points-of-contact",)),
        ("meeting-9", "Preparations for the annual meeting ", ("special-sica-2024",)),
        ("meeting-9", "Preparations for the annual meeting ", ("special-caribbean-2024",)),
        ("meeting-10", "Preparations for the Meeting of Poin", ("toc-points-of-contact",)),
        ("meeting-11", "Preparations for the annual meeting", ("special-sica-2024",)),
        ("meeting-11", "Preparations for the annual meeting", ("special-caribbean-2024",)),
    ]
    assert "cicte-23-regular-session" in CSH_TEXT and "cicte-23-regular-session" not in text
    assert "# TO REPLACE: these are last term's resolutions. Replace them with those of the new\n" in text
    # Milestones move with the meetings they are held at; the events to prepare follow renamed ids.
    assert [(m.id, m.date.isoformat(), m.meeting) for m in new.procedure.milestones] == [
        ("procedure-presented", "2024-01-18", "meeting-3"),
        ("first-version", "2024-04-12", None),
        ("comments-due", "2024-04-26", None),
        ("revised-version", "2024-05-03", None),
        ("consideration", "2024-05-23", "meeting-11"),
    ]
    assert new.procedure.events == (
        "forum-csbm-x",
        "special-sica-2024",
        "special-caribbean-2024",
        "mispa-viii",
        "randot-iv",
    )
    assert new.pending == old.pending
    assert new.activities == new.procedure.text == new.mandates == ()
    # The chair presents an item of meeting 3: kept, to be replaced by the new one.
    assert (
        "officers:\n  - id: chair\n    role: chair\n    name: Luz Elena Baños Rivas  # TO DECIDE: last term's\n" in text
    )
    assert runner.invoke(app, ["validate", str(draft)]).stdout.endswith("Found 0 errors and 4 warnings in 1 file.\n")
    assert runner.invoke(app, ["fmt", "--check", str(draft)]).exit_code == 0


def test_init_marks_working_groups_and_pending_events_to_confirm(runner, tmp_path):
    plan = copy(tmp_path)
    result = runner.invoke(app, ["init", "--from", str(plan), "--start", "2023-11-10", "-o", "-"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    groups = text[text.index("# TO CONFIRM: last term's working groups") : text.index("areas:")]
    assert groups.splitlines()[:8] == [
        "# TO CONFIRM: last term's working groups; keep those the new session's resolutions continue,",
        "# with the paragraphs that create them.",
        "working_groups:",
        "  - id: wg-tip  # TO CONFIRM",
        "    name: Working Group on Trafficking in Persons (2023–2024)",
        '    paragraphs: ["ag-2970:47.b"]',
        "  - id: dsa-mechanism  # TO CONFIRM",
        "    name: >-",
    ]
    assert groups.count("  # TO CONFIRM\n") == 5
    pending = text[text.index("# TO CONFIRM: events still to be dated") :]
    assert pending.splitlines()[:7] == [
        "# TO CONFIRM: events still to be dated, carried from last term, where they were never held.",
        "pending:",
        "  - id: mispa-viii  # TO CONFIRM",
        "    title: >-",
        "      Eighth meeting of Ministers Responsible for Public Security in the Americas (MISPA",
        "      VIII) (paragraph 17)",
        '    paragraphs: ["17"]',
    ]
    assert pending.count("  # TO CONFIRM\n") == 11


def test_cancelled_and_postponed_meetings_are_carried_as_scheduled(runner, tmp_path):
    """Meetings never held last term are due again; a postponed activity becomes a pending event."""
    plan = copy(tmp_path)
    for command in (
        ["cancel", "meeting-13", "--note", "No quorum"],
        ["postpone", "special-sica-2023"],
        ["postpone", "wps-workshop"],
    ):
        assert runner.invoke(app, [*command, str(plan)]).exit_code == 0
    assert "    status: cancelled\n    status_note: No quorum\n" in plan.read_text(encoding="utf-8")
    result = runner.invoke(app, ["init", "--from", str(plan), "--start", "2023-11-10", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert "status" not in result.stdout
    new = parse_plan(result.stdout, "next.yaml").plan
    assert isinstance(new, CommitteePlan)
    assert {
        (m.id, m.date.isoformat(), m.status) for m in new.meetings if m.id in ("meeting-13", "special-sica-2024")
    } == {
        ("meeting-13", "2024-06-04", None),
        ("special-sica-2024", "2024-05-28", None),
    }
    assert "  - id: wps-workshop  # TO CONFIRM\n    title: Workshop on Women, Peace, and Security\n\nreports:\n" in (
        result.stdout
    )
    assert [p.id for p in new.pending][-1] == "wps-workshop"


def test_meetings_after_the_new_term_are_left_out_and_reported(runner, tmp_path):
    plan = copy(tmp_path)
    result = runner.invoke(
        app, ["init", "--from", str(plan), "--start", "2023-11-10", "--general-assembly", "2024-06-05", "-o", "-"]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "workplan: warning: 1 of last term's meetings would fall after the term ends (2024-06-07) once moved on "
        "52 weeks, and is left out of the draft: meeting-15 (2024-06-10)\n" + WP106.format(n=4) + "\n"
    )
    assert (
        "# `workplan add meeting --date YYYY-MM-DD --time HH:MM-HH:MM --number N`.\n"
        "# Left out: last term's meetings that would fall outside this term (2023-11-10 to 2024-06-07):\n"
        "#   meeting-15 (last term 2023-06-12): 2024-06-10, after the term ends\n"
        "meetings:\n"
    ) in result.stdout
    new = parse_plan(result.stdout, "next.yaml").plan
    assert isinstance(new, CommitteePlan)
    assert (len(new.meetings), new.meetings[-1].id, new.meetings[-1].date) == (24, "meeting-14", dt.date(2024, 6, 6))


PLAN_FROM_ITS_FIRST_MEETING = (
    (FIXTURES / "committee-minimal.yaml")
    .read_text(encoding="utf-8")
    .replace("  start: 2023-01-01\n", "  start: 2023-03-02\n")
    .replace("  installed: 2023-01-01\n", "  installed: 2023-03-02\n")
)


def test_meetings_before_the_new_term_are_left_out_and_numbering_says_so(runner, tmp_path):
    """From Thursday 2023-03-02 to Sunday 2024-03-03 is 367 days, nearest 52 weeks: the first meeting would be
    on 2024-02-29, before the term starts; its milestone with it.  The other diagnostics print as `validate`
    prints them."""
    plan = copy(tmp_path, FIXTURES / "committee-minimal.yaml", PLAN_FROM_ITS_FIRST_MEETING)
    target = tmp_path / "next.yaml"
    result = runner.invoke(
        app,
        ["init", "--from", str(plan), "--start", "2024-03-03", "--general-assembly", "2024-06-26", "-o", str(target)],
    )
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    line = text.splitlines().index("    number: 2") + 1
    assert result.stderr == (
        "workplan: warning: 1 of last term's meetings would fall before the term starts (2024-03-03) once moved on "
        "52 weeks, and is left out of the draft: meeting-1 (2024-02-29)\n"
        "workplan: warning: 1 of last term's milestones would fall before the term starts (2024-03-03) once moved on "
        "52 weeks, and is left out of the draft: first-version (2024-02-29)\n"
        f"{target}:{line}:13: warning WP124 numbering does not start at 1 (the first is 2): a partial plan, or "
        "meetings missing\n"
        f"{WP106.format(n=3)}\n"
        f"{WROTE.format(path=target)}\n"
    )
    assert (
        "  # TO CONFIRM: the draft resolution's milestones, moved on 52 weeks like the meetings.\n"
        "  # Left out: last term's milestones that would fall outside this term (2024-03-03 to 2024-06-28):\n"
        "  #   first-version (last term 2023-03-02): 2024-02-29, before the term starts\n"
        "  milestones: []\n"
    ) in text
    new = draft_plan(target)
    assert [(m.id, m.date.isoformat()) for m in new.meetings] == [("meeting-2", "2024-03-14")]


def test_a_general_assembly_on_a_saturday_is_questioned(runner, tmp_path):
    plan = copy(tmp_path)
    result = runner.invoke(
        app, ["init", "--from", str(plan), "--start", "2023-11-10", "--general-assembly", "2024-06-22", "-o", "-"]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "workplan: warning: the General Assembly's first day, 2024-06-22, is a Saturday; confirm it "
        f"(marked in the draft)\n{WP106.format(n=4)}\n"
    )
    assert (
        "    date: 2024-06-22  # TO CONFIRM: a Saturday\n"
        "    end_date: 2024-06-24\n"  # a Monday, and given: nothing to confirm
    ) in result.stdout
    assert "term:\n  start: 2023-11-10\n  end: 2024-06-24  # TO CONFIRM: the last day of the General Assembly\n" in (
        result.stdout
    )


def test_the_modeline_points_to_the_schema_from_where_the_draft_is_written(runner, tmp_path, monkeypatch):
    plan = copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app, ["init", "--from", "data/csh-2022-2023.yaml", "--start", "2023-11-10", "-o", "sub/dir/x.yaml"]
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / "sub" / "dir" / "x.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/committee-plan.schema.json"
    assert (tmp_path / "sub" / "dir" / "../../schemas/committee-plan.schema.json").is_file()
    # Beside the source (the default), the path is the source's; on standard output, from the current folder.
    beside = runner.invoke(app, ["init", "--from", str(plan), "--start", "2023-11-10"])
    assert beside.exit_code == 0, beside.output
    written = (tmp_path / "data" / "csh-2023-2024.yaml").read_text(encoding="utf-8")
    assert written.splitlines()[0] == "# yaml-language-server: $schema=../schemas/committee-plan.schema.json"
    out = runner.invoke(app, ["init", "--from", str(plan), "--start", "2023-11-10", "-o", "-"])
    assert out.stdout.splitlines()[0] == "# yaml-language-server: $schema=schemas/committee-plan.schema.json"


@pytest.mark.parametrize(
    ("source", "options", "validated"),
    [
        (
            CSH,
            ["--start", "2023-11-10"],
            "{path}:170:16: warning WP106 paragraph '1' of 'ag-2735' is declared but nothing cites it\n"
            "{path}:172:9: warning WP106 resolution 'ag-2809' is declared but nothing refers to it\n"
            "{path}:184:9: warning WP106 resolution 'cp-1061' is declared but nothing refers to it\n"
            "{path}:208:10: warning WP106 body 'cifta' is declared but nothing refers to it\n"
            "Found 0 errors and 4 warnings in 1 file.\n",
        ),
        (ROOT / "examples" / "cajp-2005-2006.yaml", ["--start", "2006-09-07"], "1 file checked: no problems.\n"),
        (
            ROOT / "examples" / "csh-2016-2017-partial.yaml",
            ["--start", "2017-10-26", "--general-assembly", "2018-06-19"],
            "{path}:63:13: warning WP124 numbering does not start at 1 (the first is 3): a partial plan, or meetings "
            "missing\nFound 0 errors and 1 warning in 1 file.\n",
        ),
        (
            ROOT / "examples" / "minimal.yaml",
            ["--start", "2025-11-06", "--general-assembly", "2026-06-24"],
            "1 file checked: no problems.\n",
        ),
        (
            FIXTURES / "committee-minimal.yaml",
            ["--start", "2024-01-01"],
            "{path}:45:16: warning WP106 paragraph '1' of 'ag-1' is declared but nothing cites it\n"
            "Found 0 errors and 1 warning in 1 file.\n",
        ),
    ],
    ids=lambda value: value.name if isinstance(value, Path) else None,
)
def test_every_committees_draft_validates_without_errors(runner, tmp_path, source, options, validated):
    plan = copy(tmp_path, source)
    target = tmp_path / "next.yaml"
    result = runner.invoke(app, ["init", "--from", str(plan), *options, "-o", str(target)])
    assert result.exit_code == 0, result.output
    check = runner.invoke(app, ["validate", str(target)])
    assert (check.exit_code, check.stdout) == (0, validated.format(path=target))
    assert runner.invoke(app, ["fmt", "--check", str(target)]).exit_code == 0
    old, new = read_plan(plan).plan, draft_plan(target)
    assert isinstance(old, CommitteePlan)
    assert [m.date.weekday() for m in new.meetings] == [m.date.weekday() for m in old.meetings]


def test_the_minimal_fixtures_draft_line_for_line(runner, tmp_path):
    plan = copy(tmp_path, FIXTURES / "committee-minimal.yaml")
    result = runner.invoke(app, ["init", "--from", str(plan), "--start", "2024-01-01", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "workplan: warning: the General Assembly's last day, 2024-06-30, is a Sunday; confirm it (marked in the draft)\n"
        f"{WP106.format(n=1)}\n"
    )
    text = result.stdout
    assert text[text.index("working_groups:") :] == (
        "working_groups:\n"
        "  - id: wg-test  # TO CONFIRM\n"
        "    name: Working Group on Testing\n"
        '    paragraphs: ["2.a"]\n'
        "\n"
        "areas:\n"
        "  - id: testing\n"
        "    number: 1\n"
        "    name: Testing\n"
        "\n"
        "procedure:\n"
        "  # TO DO: the events to prepare this term (ids of meetings and pending events, in order).\n"
        "  events: []\n"
        "  # TO DO: the working procedure's text and negotiation steps.\n"
        "  # TO CONFIRM: the draft resolution's milestones, moved on 52 weeks like the meetings.\n"
        "  milestones:\n"
        "    - id: first-version\n"
        "      stage: first-version\n"
        "      title: First version of the draft resolution\n"
        "      date: 2024-02-29  # TO CONFIRM (last term: 2023-03-02)\n"
        "      meeting: meeting-1\n"
        "  length_limits:\n"
        "    - maximum: 3\n"
        "      of: preambular paragraphs\n"
        "\n"
        "# TO CONFIRM: last term's meetings, moved on 52 weeks so that each keeps its weekday; their numbers,\n"
        "# hours, titles and agendas are as they were, none cancelled or postponed. The agendas cite\n"
        "# last term's resolutions: update them with the resolutions above. Add a meeting with\n"
        "# `workplan add meeting --date YYYY-MM-DD --time HH:MM-HH:MM --number N`.\n"
        "meetings:\n"
        "  - id: meeting-1\n"
        "    number: 1\n"
        "    kind: regular\n"
        "    date: 2024-02-29  # TO CONFIRM (last term: 2023-03-02)\n"
        '    start_time: "10:00"\n'
        '    end_time: "13:00"\n'
        "    agenda:\n"
        "      - area: testing\n"
        "        topics:\n"
        "          - title: Testing in the Americas\n"
        "            items:\n"
        "              - title: Presentation by the working group (paragraph 2.a)\n"
        '                paragraphs: ["2.a"]\n'
        "                by: [wg-test]\n"
        "  - id: meeting-2\n"
        "    number: 2\n"
        "    kind: regular\n"
        "    date: 2024-03-14  # TO CONFIRM (last term: 2023-03-16)\n"
        '    start_time: "10:00"\n'
        '    end_time: "13:00"\n'
        "\n"
        "# TO DO: other OAS activities in the security area (`workplan add activity`).\n"
        "activities: []\n"
        "\n"
        "# TO DO: activities whose dates are still to be confirmed (id, title, paragraphs).\n"
        "pending: []\n"
    )


# --- a property over start dates ----------------------------------------------------------------

SOURCES = {
    "csh": read_plan(CSH),
    "cajp": read_plan(ROOT / "examples" / "cajp-2005-2006.yaml"),
    "minimal": read_plan(FIXTURES / "committee-minimal.yaml"),
}
LEFT_OUT = re.compile(r"([a-z0-9][a-z0-9.-]*) \((?:\d{4}-\d\d-\d\d|past the calendar)\)")


@settings(max_examples=examples(60))
@given(
    name=st.sampled_from(sorted(SOURCES)),
    after=st.integers(min_value=1, max_value=3 * 365),
    length=st.one_of(st.none(), st.integers(min_value=0, max_value=400)),
)
def test_every_drafted_meeting_keeps_its_weekday_inside_the_term_or_is_reported(name, after, length):
    source = SOURCES[name]
    old = source.plan
    assert isinstance(old, CommitteePlan)
    start = old.term.start + dt.timedelta(days=after)
    end = start + dt.timedelta(days=length) if length is not None else None
    # The minimal plan's General Assembly is in its term's first year: a year on could come before the start.
    assembly = start + dt.timedelta(days=180) if name == "minimal" else None
    draft = init_plan(source, "next.yaml", start, end, assembly)
    assert draft.errors == []
    new = draft.plan
    assert isinstance(new, CommitteePlan)
    reported = {
        ident
        for note in draft.notes
        if "meetings would fall" in note
        for ident in LEFT_OUT.findall(note.split(": ")[-1])
    }
    carried = [m for m in old.meetings if m.id not in reported]
    assert len(carried) == len(new.meetings)
    assert len(reported) == len(old.meetings) - len(carried)
    term_end = new.term.end
    assert term_end is not None
    shifts = set()
    for before, after_ in zip(carried, new.meetings, strict=True):
        assert after_.date.weekday() == before.date.weekday()
        assert start <= after_.date and after_.last_day <= term_end
        shifts.add((after_.date - before.date).days)
    assert len(shifts) <= 1  # every meeting moved by the same weeks


NASTY = ["?x", "a, b", "x: y", "[x]", "#x", "a #b", "-x", "yes", "null", "123", "2023-01-01", "x:", "a\tb", "é ü"]


@pytest.mark.parametrize("value", [*NASTY, "a\u202eb", "word " * 39 + "end", "http://x.org/a?b=c,d"])
def test_carried_text_reads_back_as_written_in_canonical_form(tmp_path, value):
    """Agenda text and document symbols that YAML could read otherwise (in brackets, folded, quoted)."""
    from workplan_cli.fmt import format_text

    text = (
        (FIXTURES / "committee-minimal.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "              - title: Presentation by the working group (paragraph 2.a)\n",
            f"              - title: {json.dumps(value)}\n                documents: [{json.dumps(value)}]\n",
        )
    )
    plan = copy(tmp_path, FIXTURES / "committee-minimal.yaml", text)
    draft = init_plan(read_plan(plan), str(tmp_path / "next.yaml"), dt.date(2024, 1, 1))
    assert draft.errors == []
    assert isinstance(draft.plan, CommitteePlan)
    item = draft.plan.meetings[0].agenda[0].topics[0].items[0]
    assert (item.title, item.documents) == (value, (value,))
    assert format_text(draft.text, "next.yaml") == (draft.text, [])
