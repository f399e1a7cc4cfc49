"""nodetree.py: where an edit's changes go in the text, read from PyYAML's nodes, and which changes are refused."""

from __future__ import annotations

import pytest

from workplan_cli.errors import EditRefused
from workplan_cli.nodetree import (
    Tree,
    compose,
    get,
    item_start,
    items,
    last_scalar,
    line_end_after,
    merged_keys,
    reorder,
    replace_scalar,
    requote,
    value,
)
from workplan_cli.textpatch import Lines, Replace, apply

# Items that share values in every way YAML has: an anchored item and its alias, a merge key, an anchored
# value and its alias.
SHARING = """\
base: &b
  date: 2023-01-01
  note: x
items:
  - &m
    id: a
  - *m
  - <<: *b
    id: c
  - id: d
    date: &d 2023-02-02
  - id: e
    date: *d
    time: !!str 10:00
"""


def refusal(tree: Tree, n: int, keys: tuple[str, ...] = ()) -> str | None:
    """What `Tree.editable` says of item ``n`` of SHARING's list (and its ``keys``); None if it may be changed."""
    try:
        tree.editable(items(value(tree.root, "items"))[n], f"'item {n}'", keys)
    except EditRefused as exc:
        return str(exc)
    return None


# --- composing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (
            "a: &x 1\nb: &x 2\n",
            "line 2: the plan cannot be changed in place (found duplicate anchor; first occurrence; second occurrence)",
        ),
        ("a: *nope\n", "line 1: the plan cannot be changed in place (found undefined alias)"),
    ],
    ids=["anchor-twice", "undefined-alias"],
)
def test_a_text_pyyaml_cannot_compose_is_refused_with_its_line(text, why):
    with pytest.raises(EditRefused) as refused:
        compose(text)
    assert str(refused.value) == f"{why}; nothing written (run `workplan fmt` on the file, or make this change by hand)"


def test_keys_are_found_as_written_not_through_merges():
    tree = Tree(SHARING)
    merging = items(value(tree.root, "items"))[2]
    key, found = get(merging, "id")
    assert (key.value, found.value, get(merging, "date"), merged_keys(merging)) == ("id", "c", None, {"date", "note"})
    assert (value(tree.root, "base", "date").value, value(tree.root, "nope", "date")) == ("2023-01-01", None)
    assert (len(items(value(tree.root, "items"))), items(value(tree.root, "base")), get(found, "x")) == (5, [], None)


def test_merges_of_merges_are_followed():
    root = compose("a: &a {x: 1}\nb: &b {<<: *a, y: 2}\nc: {<<: [*b], z: 3}\n")
    assert merged_keys(value(root, "c")) == {"x", "y"}


# --- what may be changed ------------------------------------------------------------------------------


def test_an_item_or_value_shared_through_an_anchor_alias_merge_key_or_tag_is_refused():
    tree = Tree(SHARING)
    shared = (
        "'item {n}' is shared through a YAML anchor (&name) or alias (*name): changing it would change every place "
        "that refers to it; write it out in full where it is used, then try again (nothing written)"
    )
    own = (
        "'item {n}''s {key} is shared through a YAML anchor (&name) or alias (*name): changing it would change "
        "every place that refers to it; write the value of {key} out in full, then try again (nothing written)"
    )
    assert [refusal(tree, 0), refusal(tree, 1)] == [shared.format(n=0), shared.format(n=1)]
    assert refusal(tree, 2, ("id",)) is None
    assert refusal(tree, 2, ("date",)) == (
        "'item 2' takes values from a merge key (<<: *name), and its date is not written in it: an edit could not "
        "tell its own date from the one it shares; write date out in full in 'item 2', then try again (nothing written)"
    )
    assert [refusal(tree, 3, ("id", "status")), refusal(tree, 3, ("date",))] == [None, own.format(n=3, key="date")]
    assert [refusal(tree, 4, ("date",)), refusal(tree, 4, ("time",))] == [
        own.format(n=4, key="date"),
        own.format(n=4, key="time"),
    ]


def test_a_part_of_the_text_composed_alone_has_the_files_marks():
    text = "\ufeffitems:\n  - id: a\n    n: 1\n  - id: b\n    n: 2\n"
    whole = Tree(text)
    part = Tree(text, whole=False)
    assert (part.root, part.uses) == (None, {})
    second = part.lines.line_start(text.index("id: b"))
    alone = part.region(3, second, len(text)).value[0]
    in_whole = items(value(whole.root, "items"))[1]

    def marks(node):
        return [(m.index, m.line, m.column) for m in (node.start_mark, node.end_mark)]

    assert marks(alone) == marks(in_whole)
    assert [marks(k) + marks(v) for k, v in alone.value] == [marks(k) + marks(v) for k, v in in_whole.value]
    assert part.lines.offset(alone.start_mark) == text.index("id: b")


# --- where the text changes -------------------------------------------------------------------------------


def test_a_one_line_scalar_is_replaced_where_it_is_written_in_its_own_quotes():
    text = "a: 'x'\nb: \"10:00\"\nc: 10:00\n"
    lines, root = Lines(text), compose(text)
    assert replace_scalar(lines, value(root, "a"), "'y'", "a") == Replace(3, 6, "'y'")
    assert [requote(value(root, key), "11:30") for key in "abc"] == ["'11:30'", '"11:30"', "11:30"]
    assert apply(text, [replace_scalar(lines, value(root, "b"), requote(value(root, "b"), "11:30"), "b")]) == (
        "a: 'x'\nb: \"11:30\"\nc: 10:00\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a: |\n  x\n",
            "line 1: a is written over several lines; write it on one line, then try again (nothing written)",
        ),
        (
            "a: x\n  y\n",
            "line 1: a is written over several lines; write it on one line, then try again (nothing written)",
        ),
        ("a:\n  b: 1\n", "line 2: a is not a single value; nothing written"),
    ],
    ids=["block", "two-lines", "mapping"],
)
def test_a_value_not_on_one_line_is_refused(text, message):
    with pytest.raises(EditRefused) as refused:
        replace_scalar(Lines(text), value(compose(text), "a"), "z", "a")
    assert str(refused.value) == message


def test_the_last_scalar_is_the_last_value_written_inside_a_node():
    root = compose("a:\n  b: [1, 2]\n  c:\n    - x\n    - y\n# after\nd: {}\n")
    assert [last_scalar(value(root, "a")).value, last_scalar(value(root, "a", "b")).value] == ["y", "2"]
    assert last_scalar(value(root, "d")) is value(root, "d")


def test_a_new_line_goes_after_a_pair_and_before_the_blank_lines_and_comments_after_a_block_scalar():
    text = "a:\n  x: 1\n  y: 2\nnote: |\n  text\n\n# comment\nnext: 1\n"
    lines, root = Lines(text), compose(text)
    assert line_end_after(lines, value(root, "a", "y")) == text.index("note:")
    assert line_end_after(lines, value(root, "a")) == text.index("note:")
    assert line_end_after(lines, value(root, "note")) == text.index("  text\n") + len("  text\n")


def test_a_new_line_goes_after_a_value_written_as_an_alias_where_the_alias_is():
    text = "a: &x 1\nb: *x  # same\nc: 2\n"
    lines, root = Lines(text), compose(text)
    key, node = get(root, "b")
    assert line_end_after(lines, node, key) == text.index("c: 2")


def test_a_new_line_after_a_value_with_an_alias_inside_it_is_refused():
    text = "a: &x 1\nb:\n  c: *x\nd: 2\n"
    lines, root = Lines(text), compose(text)
    key, node = get(root, "b")
    with pytest.raises(EditRefused) as refused:
        line_end_after(lines, node, key)
    assert str(refused.value) == (
        "line 2: b is written with an alias inside it; write its value out in full, then try again (nothing written)"
    )


def test_an_items_lines_start_with_the_comments_just_above_it():
    text = "items:\n  # about a\n  # more\n  - id: a\n  # about b\n\n  - id: b\n"
    lines = Lines(text)
    assert item_start(lines, text.index("id: a")) == text.index("  # about a")
    assert item_start(lines, text.index("id: b")) == text.index("  - id: b")


# --- items put in another order --------------------------------------------------------------------------

LIST = "items:\n  # first\n  - id: a\n    n: 1\n\n  - id: b\n    n: 2\nend: 1\n"


def _reordered(text: str, order: list[int], edits: list[Replace]) -> str:
    lines, root = Lines(text), compose(text)
    found = items(value(root, "items"))
    firsts = [lines.offset(item.start_mark) for item in found]
    return apply(text, reorder(lines, firsts, lambda: found[-1], order, edits))


def test_items_move_with_the_comments_above_them_and_blank_lines_stay_where_they_are():
    assert _reordered(LIST, [1, 0], []) == "items:\n  - id: b\n    n: 2\n\n  # first\n  - id: a\n    n: 1\nend: 1\n"


def test_an_edit_inside_a_moving_item_moves_with_it():
    one = LIST.index("n: 1") + 3
    assert _reordered(LIST, [1, 0], [Replace(one, one + 1, "5")]) == (
        "items:\n  - id: b\n    n: 2\n\n  # first\n  - id: a\n    n: 5\nend: 1\n"
    )


def test_an_edit_across_two_moving_items_is_refused():
    with pytest.raises(EditRefused) as refused:
        _reordered(LIST, [1, 0], [Replace(LIST.index("n: 1"), LIST.index("n: 2"), "")])
    assert str(refused.value) == "a change of this edit spans two items of a list; nothing written"


def test_the_last_item_of_a_file_without_a_final_line_break_moves_with_one_and_the_new_last_ends_without():
    assert _reordered("items:\r\n  - id: a\r\n  - id: b", [1, 0], []) == "items:\r\n  - id: b\r\n  - id: a"
