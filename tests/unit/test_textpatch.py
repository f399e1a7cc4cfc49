"""textpatch.py: a text's lines around libyaml's marks, and replacements of its characters; an edit changes exactly
the lines it means (its line endings and byte-order mark kept)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from editing import (
    CICTE,
    CSH,
    CSH_TEXT,
    changed_lines_in_any_order,
    copy,
    problems_of,
)
from workplan_cli.cli import app
from workplan_cli.edit import move_item
from workplan_cli.errors import EditRefused
from workplan_cli.models import CommitteePlan
from workplan_cli.planfile import read_plan
from workplan_cli.textpatch import Lines, Replace, apply, in_order, insert_lines, line_start, patched

# --- lines and replacements ------------------------------------------------------------------------

MIXED = "\ufeffa: 1\r\nb: 2\rc: 3\n"  # a byte-order mark, then lines ending in CRLF, CR and LF


def test_a_libyaml_mark_is_a_position_in_the_text_past_the_byte_order_mark():
    lines = Lines(MIXED)
    marks = [e.start_mark for e in yaml.parse(MIXED, Loader=yaml.CSafeLoader) if isinstance(e, yaml.ScalarEvent)]
    assert [lines.offset(mark) for mark in marks] == [MIXED.index(c) for c in "a1b2c3"]


def test_lines_start_after_lf_crlf_or_cr_and_a_new_line_ends_as_the_line_above_it():
    lines = Lines(MIXED)
    assert [lines.line_start(MIXED.index(c)) for c in "a1b2c3"] == [0, 0, 7, 7, 12, 12]
    assert [line_start(MIXED, MIXED.index(c)) for c in "1b"] == [0, 7]
    assert [lines.next_line(MIXED.index(c)) for c in "abc"] == [7, 12, len(MIXED)]
    assert [lines.ending_before(at) for at in (7, 12, len(MIXED), 0)] == ["\r\n", "\r", "\n", "\r\n"]
    assert [Lines("a: 1").ending_before(0), Lines("a: 1").next_line(0)] == ["\n", 4]


def test_replacements_are_made_in_text_order_in_pieces_of_at_most_a_block():
    edits = [Replace(6, 6, "!"), Replace(2, 4, "XY")]
    assert in_order(edits) == [Replace(2, 4, "XY"), Replace(6, 6, "!")]
    assert list(patched("abcdefgh", edits, block=3)) == ["ab", "XY", "ef", "!", "gh", ""]
    assert apply("abcdefgh", edits) == "abXYef!gh"
    assert apply("abcdefgh", [Replace(4, 4, "<"), Replace(4, 6, "EF")]) == "abcd<EFgh"


@pytest.mark.parametrize(
    "edits",
    [[Replace(2, 5, "x"), Replace(4, 6, "y")], [Replace(2, 5, "x"), Replace(2, 2, "y")]],
    ids=["overlapping", "inserted-at-a-replacement"],
)
def test_two_changes_of_the_same_characters_are_refused(edits):
    with pytest.raises(EditRefused) as refused:
        in_order(edits)
    assert str(refused.value) == "two changes of this edit fall on the same characters; nothing written"


def test_new_lines_end_as_the_line_above_them_and_after_a_last_line_without_a_break():
    crlf = Lines("a: 1\r\nb: 2\r\n")
    assert insert_lines(crlf, 6, ["x: 1", "y: 2"]) == Replace(6, 6, "x: 1\r\ny: 2\r\n")
    unended = Lines("a: 1\rb: 2")
    assert insert_lines(unended, 9, ["c: 3"]) == Replace(9, 9, "\rc: 3\r")
    assert apply(unended.text, [insert_lines(unended, 5, ["x: 0"])]) == "a: 1\rx: 0\rb: 2"


# --- through an edit -------------------------------------------------------------------------------


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
