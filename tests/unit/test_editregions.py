"""editregions.py: the lines of a plan's lists an edit changes, cut into items and read again alone, old and new."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from editing import MINIMAL
from workplan_cli.editregions import Region, Same, _dash_lines, find_regions, read_region
from workplan_cli.intent import Intent
from workplan_cli.planfile import PlanText, read_plan
from workplan_cli.textpatch import Replace

HEAD = MINIMAL[: MINIMAL.index("meetings:\n")]


def meeting(n: int, day: str, title: str = "") -> str:
    return (
        f"  - id: meeting-{n}\n    number: {n}\n    kind: regular\n{title}    date: {day}\n"
        f'    start_time: "10:00"\n    end_time: "12:00"\n    agenda: []\n'
    )


MEETINGS = [(1, "2023-03-02"), (2, "2023-03-09"), (3, "2023-03-16"), (4, "2023-03-23")]
FOUR = HEAD + "meetings:\n" + "".join(meeting(n, day) for n, day in MEETINGS)


def source_of(tmp_path: Path, text: str) -> PlanText:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return read_plan(path)


def moved(text: str, old: str, new: str, n: int) -> tuple[Replace, Intent]:
    """The replacement of meeting ``n``'s date ``old`` by ``new``, and what it means."""
    at = text.index(old)
    intent = Intent()
    intent.set(("meetings", n, "date"), new)
    return Replace(at, at + len(old), new), intent


def test_a_region_is_the_changed_items_and_one_item_on_each_side(tmp_path):
    source = source_of(tmp_path, FOUR)
    edit, intent = moved(FOUR, "2023-03-09", "2023-03-10", 1)
    starts = [FOUR.index(f"  - id: meeting-{n}\n") for n in (1, 2, 3, 4)]
    assert find_regions(source, [edit], intent) == [
        Region(("meetings",), 0, 3, 4, 2, starts[0], starts[3], tuple(starts[:3]), (edit,))
    ]


def test_a_region_at_the_end_of_a_list_ends_where_the_list_does(tmp_path):
    text = FOUR + "activities:\n  - id: act-1\n    title: Workshop\n    date: 2023-02-01\n"
    source = source_of(tmp_path, text)
    edit, intent = moved(text, "2023-03-23", "2023-03-30", 3)
    starts = [text.index(f"  - id: meeting-{n}\n") for n in (3, 4)]
    assert find_regions(source, [edit], intent) == [
        Region(("meetings",), 2, 4, 4, 2, starts[0], text.index("activities:"), tuple(starts), (edit,))
    ]


def test_an_edit_outside_the_lists_items_or_of_a_plan_with_an_anchor_has_no_region(tmp_path):
    source = source_of(tmp_path, FOUR)
    at = FOUR.index("Test plan")
    assert find_regions(source, [Replace(at, at + 4, "A")], Intent()) is None
    assert find_regions(source, [], Intent()) is None
    anchored = FOUR.replace('start_time: "10:00"', 'start_time: &ten "10:00"', 1)
    edit, intent = moved(anchored, "2023-03-09", "2023-03-10", 1)
    assert find_regions(source_of(tmp_path, anchored), [edit], intent) is None


def test_an_intent_outside_the_regions_has_none(tmp_path):
    source = source_of(tmp_path, FOUR)
    edit, _ = moved(FOUR, "2023-03-09", "2023-03-10", 1)
    _, elsewhere = moved(FOUR, "2023-03-23", "2023-03-30", 3)
    assert find_regions(source, [edit], elsewhere) is None


def test_a_regions_unchanged_items_stand_as_same_and_the_changed_one_is_read_old_and_new(tmp_path):
    source = source_of(tmp_path, FOUR)
    edit, intent = moved(FOUR, "2023-03-09", "2023-03-10", 1)
    [region] = find_regions(source, [edit], intent)
    item = {"id": "meeting-2", "number": 2, "kind": "regular", "start_time": "10:00", "end_time": "12:00", "agenda": []}
    assert read_region(source, region, intent) == (
        [Same(1, 0), {**item, "date": dt.date(2023, 3, 9)}, Same(3, 2)],
        [Same(1, 0), {**item, "date": dt.date(2023, 3, 10)}, Same(3, 2)],
    )


def test_items_that_swap_places_stand_as_the_old_items_they_are(tmp_path):
    source = source_of(tmp_path, FOUR)
    two, three = (FOUR.index(f"  - id: meeting-{n}\n") for n in (2, 3))
    four = FOUR.index("  - id: meeting-4\n")
    intent = Intent()
    intent.orders.append((("meetings",), [0, 2, 1, 3]))
    swap = Replace(two, four, FOUR[three:four] + FOUR[two:three])
    [region] = find_regions(source, [swap], intent)
    assert read_region(source, region, intent) == (
        [Same(1, 0), Same(2, 1), Same(3, 2), Same(4, 3)],
        [Same(1, 0), Same(3, 2), Same(2, 1), Same(4, 3)],
    )
    assert [x.item for x in read_region(source, region, intent)[1]] == [0, 2, 1, 3]


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        (  # a title line inside a value that looks like an item's `- `
            HEAD
            + "meetings:\n"
            + meeting(1, "2023-03-02", '    title: "Part one\n  - and part two"\n')
            + meeting(2, "2023-03-09"),
            "2023-03-09",
            "2023-03-10",
        ),
        (FOUR, "2023-03-09", "2023-03-10\nkind: regular"),  # a new line at the top level
        (FOUR, "2023-03-09", '"2023-03-10'),  # a quote left open
    ],
    ids=["lookalike-dash", "line-outside", "left-open"],
)
def test_a_region_that_breaks_a_rule_is_not_read_alone(tmp_path, text, old, new):
    source = source_of(tmp_path, text)
    edit, intent = moved(text, old, new, 1)
    [region] = find_regions(source, [edit], intent)
    assert read_region(source, region, intent) is None


def test_the_lines_of_items_are_found_alike_whatever_the_line_endings():
    """A ``-`` at the column followed by a space or the line's end starts an item; ``-c`` and ``# -`` do not."""
    lines = ["items:", "  - a", "  -", "    - b", "  -c", "  # -", "  - d"]
    for ending in ("\n", "\r\n", "\r"):
        text = ending.join(lines)
        starts = [len(ending.join(lines[:n])) + len(ending) for n in (1, 2, 6)]
        assert _dash_lines(text, 2, 0, len(text)) == starts
