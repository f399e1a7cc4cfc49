"""Edits that read only the items they change give what reading the whole plan gives (#26).

`planitems.PlanItems` composes only the items an edit needs when the fast
path has marked where each item starts, and `editcheck.check_edit` reads
again only the lines an edit changes (the region).  Without those marks
(`PlanText.marks` set to None) the same edit composes and reads the whole
text.  These tests hold the two ways to the same
nodes, the same new text, the same words and problems, the same refusals:
on the bundled plans, the fixtures, the hostile corpus and generated plans in
shapes chosen for the places a region could go wrong (block scalars that
keep their trailing lines, text that looks like a comment, comments and blank
lines around items, lists without indentation, CR and CRLF, no line break at
the end, multi-line quoted titles, items held within or at a meeting).
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, FIXTURES, examples
from editing import MINIMAL, every_plan, readable, same_items, whole
from workplan_cli.edit import add_activity, add_meeting, move_item, set_status
from workplan_cli.errors import WorkplanError
from workplan_cli.planfile import PlanText, read_plan

HEAD = MINIMAL[: MINIMAL.index("meetings:\n")]


def outcome(make: Any, source: PlanText) -> tuple[Any, Any]:
    """What an edit gives, as plain data (its text, words, problems, plan and notes, or the refusal),
    and whether it made its new text whole before being asked for it."""
    try:
        edit = make(source)
    except WorkplanError as exc:
        return ("refused", type(exc).__name__, str(exc)), None
    made_whole = "new_text" in vars(edit)
    return ("edit", edit.new_text, edit.changes, edit.problems, edit.plan, edit.notes), made_whole


def same_edit(make: Any, source: PlanText) -> tuple[Any, Any]:
    """Assert that an edit gives the same with the marks as without; the outcome with them."""
    fast, made_whole = outcome(make, source)
    assert fast == outcome(make, whole(source))[0]
    return fast, made_whole


# --- every plan at hand ------------------------------------------------------------------------

EDITS = [
    ("move", lambda s: move_item(s, "meeting-1", dt.date(2023, 3, 30))),
    ("move with hours", lambda s: move_item(s, "meeting-2", dt.date(2023, 2, 2), (dt.time(15), dt.time(16)))),
    ("cancel", lambda s: set_status(s, "meeting-1", "cancelled", "No quorum")),
    ("postpone", lambda s: set_status(s, "meeting-2", "postponed")),
    ("add meeting", lambda s: add_meeting(s, day=dt.date(2023, 2, 9), start=dt.time(10), end=dt.time(12))),
    ("add activity", lambda s: add_activity(s, day=dt.date(2023, 1, 20), title="Workshop")),
]


@pytest.mark.parametrize("name,make", EDITS, ids=[name for name, _ in EDITS])
def test_each_edit_of_the_fixture_is_the_same_either_way(name, make):
    source = read_plan(FIXTURES / "committee-minimal.yaml")
    assert source.marks is not None
    (kind, _, _, problems, *_), made_whole = same_edit(make, source)
    # The new text is made whole only to place the problems found in it (moving meeting 1 after meeting 2),
    # or to prove a change outside the lists' items (the fixture has no `activities:` yet: the key is added).
    assert (kind, made_whole) == ("edit", bool(problems) or name == "add activity")


def _edits_of(source: PlanText) -> list[Any]:
    """Edits of a plan's own items: move and cancel its first and last meetings, add a meeting and an activity."""
    from workplan_cli.models import CommitteePlan

    plan = source.plan
    if not isinstance(plan, CommitteePlan) or not plan.meetings:
        return []
    day = plan.term.start + dt.timedelta(days=10)
    first, last = plan.meetings[0].id, plan.meetings[-1].id
    return [
        lambda s: move_item(s, last, day),
        lambda s: move_item(s, first, plan.term.end, (dt.time(9), dt.time(10))),
        lambda s: set_status(s, first, "cancelled", "No quorum"),
        lambda s: set_status(s, last, "postponed"),
        lambda s: add_meeting(s, day=day, start=dt.time(18), end=dt.time(19)),
        lambda s: add_activity(s, day=day, title="Workshop"),
    ]


@pytest.mark.parametrize("path", every_plan(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_plan_is_edited_alike(path):
    source = readable(path)
    if source is None or not _edits_of(source):
        pytest.skip("the plan does not validate or has no meetings: no edit of it to compare")
    for make in _edits_of(source):
        same_edit(make, source)


def test_an_edit_of_the_bundled_plan_reads_only_its_region(tmp_path):
    """The new text is not even made whole: only the changed items are read again, and nothing is placed."""
    source = read_plan(DATA / "csh-2022-2023.yaml")
    edit = set_status(source, "meeting-7", "cancelled", "No quorum")
    assert (edit.refused, "new_text" in vars(edit)) == (False, False)
    assert [c.message for c in edit.changes] == ["Meeting 7 is now cancelled (No quorum)"]


# --- generated plans, in the shapes a region could go wrong in ---------------------------------

NOTES = ["No quorum", "Two\nlines", "  spaced  ", "a: b # c", "- dash", "ünïcödé", "# hash"]


def _note(rng: random.Random, key_indent: str) -> list[str]:
    """A status note in a random style; some keep trailing blank lines or hold text that looks like a comment."""
    style = rng.choice(["plain", "quoted", "literal", "kept", "folded", "comment-like"])
    inner = key_indent + "  "
    if style == "plain":
        return ["status_note: To be confirmed"]
    if style == "quoted":
        return ['status_note: "A note that goes on', f'{inner}over two lines"']
    if style == "literal":
        return ["status_note: |", f"{inner}Waiting", f"{inner}for the chair"]
    if style == "kept":
        return ["status_note: |+", f"{inner}Kept", "", ""]
    if style == "folded":
        return ["status_note: >-", f"{inner}Folded", f"{inner}text"]
    return ["status_note: |", f"{inner}Text", f"{inner}# not a comment: part of the note"]


def _between(rng: random.Random, dash: str) -> list[str]:
    """What may stand between two items: nothing, blank lines, comments at any column."""
    return rng.choice([[], [""], ["# a comment"], [f"{dash}# a comment", ""], ["", f"{dash}  # deeper"], ["", ""]])


def _shape(rng: random.Random) -> tuple[str, list[str], list[str]]:
    """A valid plan in a random shape, its meeting ids and its activity ids."""
    indentless = rng.random() < 0.25
    dash = "" if indentless else "  "
    keys = dash + "  "
    out = ["meetings:"]
    if rng.random() < 0.3:
        out.append(f"{dash}# the meetings, in date order")
    meetings: list[str] = []
    days = [0, *sorted(rng.sample(range(1, 100), rng.randint(1, 5)))]
    for n, offset in enumerate(days, 1):
        day = dt.date(2023, 3, 2) + dt.timedelta(days=offset)  # meeting-1 holds the milestone of its day
        ident = f"meeting-{n}"
        quote = rng.choice(['"', "'", ""])
        fields = [f"number: {n}", "kind: regular"]
        if rng.random() < 0.2:
            fields += ['title: "A title written', f'{keys}  over two lines"']
        fields += [f"date: {day}", f"start_time: {quote}10:00{quote}", f"end_time: {quote}12:00{quote}"]
        if rng.random() < 0.3:
            fields.append(rng.choice(["status: postponed", "status: scheduled  # as planned"]))
            if rng.random() < 0.7:
                fields += _note(rng, keys)
        fields.append(rng.choice(["agenda: []", "agenda: []  # none yet"]))
        if rng.random() < 0.3 and "status_note" not in " ".join(fields):
            fields += _note(rng, keys)  # a note last: what follows the item ends it
        out += _between(rng, dash)
        out += [f"{dash}- id: {ident}", *(f"{keys}{f}" if f else "" for f in fields)]
        meetings.append(ident)
        if rng.random() < 0.15:  # a meeting held within the one before
            n_within = f"{ident}-wg"
            out += [
                f"{dash}- id: {n_within}",
                f"{keys}kind: working-group",
                f"{keys}date: {day}",
                f'{keys}start_time: "10:30"',
                f'{keys}end_time: "11:30"',
                f"{keys}within: {ident}",
                f"{keys}agenda: []",
            ]
            meetings.append(n_within)
    activities: list[str] = []
    if rng.random() < 0.7:
        out += ["activities:"]
        for n, offset in enumerate(sorted(rng.sample(range(0, 150), rng.randint(1, 3)))):
            out += _between(rng, dash)
            day = dt.date(2023, 1, 10) + dt.timedelta(days=offset)
            out += [f"{dash}- id: act-{n}", f"{keys}title: Activity {n}", f"{keys}date: {day}"]
            if rng.random() < 0.3:
                out += [f"{keys}end_date: {day + dt.timedelta(days=2)}"]
            activities.append(f"act-{n}")
        out += _between(rng, dash)
    text = HEAD + "\n".join(out) + "\n"
    if rng.random() < 0.2:
        text = text.rstrip("\n")
    return text.replace("\n", rng.choice(["\n", "\n", "\r\n", "\r"])), meetings, activities


def _edit(rng: random.Random, meetings: list[str], activities: list[str]) -> Any:
    """A random edit, as a function of the source."""
    what = rng.random()
    day = dt.date(2023, 1, 9) + dt.timedelta(days=rng.randint(0, 150))
    if what < 0.35:
        ident = rng.choice([*meetings, *activities, "first-version"])
        hours = rng.choice([None, (dt.time(14), dt.time(15, 30))]) if ident.startswith("meeting") else None
        return lambda s: move_item(s, ident, day, hours)
    if what < 0.7:
        ident = rng.choice([*meetings, *activities])
        status = rng.choice(["cancelled", "postponed"])
        note = rng.choice([None, *NOTES])
        return lambda s: set_status(s, ident, status, note)
    if what < 0.85:
        number = rng.choice([None, 99])
        return lambda s: add_meeting(s, day=day, start=dt.time(16), end=dt.time(17), number=number)
    title = rng.choice(["Workshop", "2024", "Seminar: part 2"])
    return lambda s: add_activity(s, day=day, title=title)


_outcomes: dict[str, int] = {}


@settings(max_examples=examples(300))
@given(seed=st.integers(0, 2**32 - 1))
def test_any_edit_of_a_generated_plan_is_the_same_read_by_region_or_whole(seed):
    rng = random.Random(seed)
    text, meetings, activities = _shape(rng)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_bytes(text.encode())
        source = readable(path)
        # As the commands read it: linted only if the edited plan has a problem to weigh against it.
        unlinted = read_plan(path, lint=False) if source is not None else None
    if source is None or unlinted is None:
        _outcomes["invalid"] = _outcomes.get("invalid", 0) + 1
        return
    assert same_items(source)
    make = _edit(rng, meetings, activities)
    fast, made_whole = same_edit(make, source)
    assert (unlinted.findings, outcome(make, unlinted)[0]) == (None, fast)
    if fast[0] == "edit" and not fast[3]:  # no problem to place: the new text is made whole only to be proved
        way = "whole" if made_whole else "region"
        _outcomes[way] = _outcomes.get(way, 0) + 1
    _outcomes[fast[0]] = _outcomes.get(fast[0], 0) + 1


def test_the_generated_edits_mostly_land_and_mostly_read_regions():
    """Runs after the property above: its cases were valid plans, and most edits took the region's way."""
    if not _outcomes:
        pytest.skip("run with the property above")
    assert _outcomes.get("invalid", 0) <= sum(_outcomes.values()) // 10, _outcomes
    assert _outcomes.get("edit", 0) >= _outcomes.get("refused", 0), _outcomes
    assert _outcomes.get("region", 0) >= 2 * _outcomes.get("whole", 0), _outcomes


# --- the last item of a file that ends without a line break ------------------------------------

UNENDED = (
    HEAD
    + """meetings:
  - id: meeting-1
    number: 1
    kind: regular
    date: 2023-03-02
    start_time: "10:00"
    end_time: "12:00"
    agenda: []
  - id: meeting-2
    number: 2
    kind: regular
    date: 2023-03-09
    start_time: "10:00"
    end_time: "12:00"
    agenda: []"""
)


def test_the_last_item_moves_up_with_a_line_break_and_the_file_still_ends_without_one(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(UNENDED, encoding="utf-8")
    source = read_plan(path)
    make = lambda s: move_item(s, "meeting-2", dt.date(2023, 3, 1))  # noqa: E731
    (kind, new_text, *_), _ = same_edit(make, source)
    meetings = UNENDED[UNENDED.index("  - id: meeting-1") :]
    first, second = meetings[: meetings.index("  - id: meeting-2")], meetings[meetings.index("  - id: meeting-2") :]
    assert (kind, new_text) == (
        "edit",
        UNENDED.replace(meetings, second.replace("2023-03-09", "2023-03-01") + "\n" + first.removesuffix("\n")),
    )


def test_a_note_that_would_gain_a_line_break_by_moving_is_refused(tmp_path):
    """At the end of the file a literal note ends without a line break; moved up, it would end with one."""
    text = UNENDED + "\n    status: postponed\n    status_note: |\n      Waiting"
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    source = read_plan(path)
    make = lambda s: move_item(s, "meeting-2", dt.date(2023, 3, 1))  # noqa: E731
    assert same_edit(make, source) == (
        (
            "refused",
            "EditRefused",
            "the change could not be made exactly: meetings[0].status_note would not read as intended; nothing "
            "written (run `workplan fmt` on the file, or make this change by hand)",
        ),
        None,
    )


# --- a line inside a value that looks like an item's `- ` -------------------------------------

LOOKALIKE = (
    HEAD
    + """meetings:
  - id: meeting-1
    number: 1
    kind: regular
    title: "Part one
  - and part two"
    date: 2023-03-02
    start_time: "10:00"
    end_time: "12:00"
    agenda: []
  - id: meeting-2
    number: 2
    kind: regular
    date: 2023-03-09
    start_time: "10:00"
    end_time: "12:00"
    agenda: []
"""
)


@pytest.mark.parametrize(
    "make",
    [
        lambda s: set_status(s, "meeting-1", "cancelled"),
        lambda s: move_item(s, "meeting-2", dt.date(2023, 3, 16)),
        lambda s: add_meeting(s, day=dt.date(2023, 3, 6), start=dt.time(10), end=dt.time(12)),
    ],
    ids=["cancel", "move", "add"],
)
def test_a_title_line_that_looks_like_an_item_is_read_whole_and_the_edit_lands_alike(tmp_path, make):
    path = tmp_path / "plan.yaml"
    path.write_text(LOOKALIKE, encoding="utf-8")
    source = read_plan(path)
    (kind, new_text, _, problems, plan, _), made_whole = same_edit(make, source)
    assert (kind, problems, made_whole) == ("edit", [], True)  # the region could not be cut: read whole
    assert plan.meetings[[m.id for m in plan.meetings].index("meeting-1")].title == "Part one - and part two"
    assert new_text.count('title: "Part one\n  - and part two"\n') == 1


# --- a plan is linted before an edit only if the edited plan has a problem to weigh -------------

CLASH = (
    HEAD
    + """meetings:
  - id: meeting-1
    number: 1
    kind: regular
    date: 2023-03-02
    start_time: "10:00"
    end_time: "12:00"
    agenda: []
  - id: meeting-2
    number: 2
    kind: regular
    date: 2023-03-01
    start_time: "10:00"
    end_time: "12:00"
    agenda: []
  - id: meeting-3
    number: 3
    kind: regular
    date: 2023-03-23
    start_time: "10:00"
    end_time: "12:00"
    agenda: []
"""
)


def test_an_edit_that_leaves_the_plans_error_is_refused_as_the_plan_that_does_not_validate(runner, tmp_path):
    from workplan_cli.cli import app

    plan = tmp_path / "plan.yaml"
    plan.write_text(CLASH, encoding="utf-8")
    result = runner.invoke(app, ["cancel", "meeting-3", "--allow-warnings", str(plan)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        f"{plan}:75:11: error WP120 meeting 2 (2023-03-01) is dated before meeting 1 (2023-03-02)\n",
        f"workplan: error: {plan} does not validate; fix it first (nothing written)\n",
    )
    assert plan.read_text(encoding="utf-8") == CLASH


def test_an_edit_that_removes_the_plans_only_error_is_written(runner, tmp_path):
    """Without --allow-warnings the plan's warnings are weighed against its own, and its error refuses."""
    from workplan_cli.cli import app

    plan = tmp_path / "plan.yaml"
    plan.write_text(CLASH, encoding="utf-8")
    result = runner.invoke(app, ["move", "meeting-2", "2023-03-16", str(plan)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"workplan: error: {plan} does not validate; fix it first (nothing written)\n",
    )
    result = runner.invoke(app, ["move", "meeting-2", "2023-03-16", "--allow-warnings", str(plan)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "Meeting 2 moved from Wed, Mar 1, 2023 to Thu, Mar 16, 2023\n",
        f"wrote {plan}\n",
    )
    assert plan.read_text(encoding="utf-8") == CLASH.replace("    date: 2023-03-01\n", "    date: 2023-03-16\n")


def test_a_second_byte_order_mark_does_not_shift_the_edit(tmp_path):
    """libyaml reads past a byte-order mark at the start of the text without counting it in its marks."""
    path = tmp_path / "plan.yaml"
    path.write_text("\ufeff" + MINIMAL, encoding="utf-8-sig")  # two marks: one is the file's, one the text's
    source = read_plan(path)
    make = lambda s: move_item(s, "meeting-1", dt.date(2023, 3, 2), (dt.time(10, 30), dt.time(12, 30)))  # noqa: E731
    (kind, new_text, *_), _ = same_edit(make, source)
    hours = '    start_time: "10:00"\n    end_time: "13:00"\n'
    assert (kind, new_text) == (
        "edit",
        "\ufeff" + MINIMAL.replace(hours, '    start_time: "10:30"\n    end_time: "12:30"\n', 1),
    )


def test_a_refused_edit_of_a_plan_with_an_error_says_the_plan_does_not_validate(runner, tmp_path):
    """As when every plan was linted before its edit: the plan's error comes first, not the edit's."""
    from workplan_cli.cli import app

    plan = tmp_path / "plan.yaml"
    plan.write_text(CLASH, encoding="utf-8")
    result = runner.invoke(app, ["cancel", "no-such-meeting", str(plan)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        f"{plan}:75:11: error WP120 meeting 2 (2023-03-01) is dated before meeting 1 (2023-03-02)\n",
        f"workplan: error: {plan} does not validate; fix it first (nothing written)\n",
    )
