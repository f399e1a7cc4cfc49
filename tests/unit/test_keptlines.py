"""keptlines.py: comments, blank lines and folded texts copied as ruamel.yaml's round trip keeps them, or not certain."""

from __future__ import annotations

import pytest

from workplan_cli.keptlines import _column, block_after_key, folded, trailer
from workplan_cli.loader import events
from workplan_cli.scalarstyle import NotCertain


def test_a_comment_at_the_end_of_a_value_keeps_its_column_and_the_lines_after_it_follow():
    text = "a: 1   # note\n\n# c\nb: 2\n"
    out = ["a:", " 1\n"]
    assert trailer(text, text.index("1") + 1, text.index("b:"), out, True) == 2
    assert out == ["a:", " 1   # note\n", "\n# c\n"]


def test_a_comment_moves_right_to_stay_one_space_after_a_longer_line():
    text = "a: 1 # note\nb: 2\n"
    out = ["a:", " '1 x'\n"]
    assert trailer(text, text.index(" #"), text.index("b:"), out, True) == -1
    assert out == ["a:", " '1 x' # note\n"]


def test_nothing_but_the_line_break_before_the_next_item_leaves_the_output_as_it_is():
    text = "  - x  # c\n  - y\n"
    out = ["  - x\n"]
    assert trailer(text, text.index("  #"), text.index("- y"), out, True) == -1
    assert out == ["  - x  # c\n"]
    text = "a: 1\nb: 2\n"
    out = ["a:", " 1\n"]
    assert trailer(text, text.index("\n"), text.index("b:"), out, True) == -1
    assert out == ["a:", " 1\n"]


def test_spaces_alone_after_a_value_are_dropped_as_the_round_trip_drops_them():
    text = "a: 1  \nb: 2\n"
    out = ["a:", " 1\n"]
    assert trailer(text, text.index("1") + 1, text.index("b:"), out, True) == -1
    assert out == ["a:", " 1\n"]


def test_the_lines_at_the_head_of_the_file_are_copied():
    text = "# head\n\nkind: x\n"
    out: list[str] = []
    assert trailer(text, 0, text.index("kind"), out, False) == 0
    assert out == ["# head\n\n"]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("a: 1\n  \nb: 2\n", 4, 8),  # a line of spaces: the round trip drops it
        ("a: [1] b\n", 6, 7),  # the next token on the value's line
        ("a: 1 x # note\nb: 2\n", 4, 14),  # text before the comment
    ],
    ids=["spaces-line", "same-line", "text-before-comment"],
)
def test_what_the_round_trip_does_not_keep_is_not_certain(text, start, end):
    out = ["a:", " 1\n"]
    with pytest.raises(NotCertain):
        trailer(text, start, end, out, True)


def test_a_key_whose_value_is_a_block_keeps_its_comment_and_the_lines_before_the_block():
    text = "a:   # on the key\n  # between\n\n  b: 1\n"
    out = ["a:"]
    assert block_after_key(text, 1, text.index("b:"), out) is True
    assert out == ["a:", "   # on the key\n  # between\n\n"]
    text = "a:\n  b: 1\n"
    out = ["a:"]
    assert block_after_key(text, 1, text.index("b:"), out) is False
    assert out == ["a:", "\n"]


def test_a_line_of_spaces_between_a_key_and_its_block_is_not_certain():
    text = "a:\n   \n  b: 1\n"
    with pytest.raises(NotCertain):
        block_after_key(text, 1, text.index("b:"), ["a:"])


def test_the_column_is_counted_from_the_last_line_break_of_the_output():
    assert _column(["a:", " 1", "\n  - x", " y"]) == 7
    assert _column(["ab", "cd"]) == 4
    assert _column([]) == 0


def _folded_event(text: str):
    parser = events.parser(text)
    try:
        while True:
            event = parser.get_event()
            if type(event) is events.ScalarEvent and event.style == ">":
                return event
    finally:
        parser.dispose()


def test_a_folded_text_is_written_line_for_line_at_fmts_indentation():
    text = "a: >-\n    one\n    two\n\nb: 1\n"
    out: list[str] = []
    assert folded(text, _folded_event(text), 0, False, out) == text.index("\n\n") + 1
    assert out == [" >-\n", "  one\n", "  two\n"]
    text = "l:\n- >-\n  one\n  two\n"
    out = []
    assert folded(text, _folded_event(text), 2, True, out) == len(text)
    assert out == ["  - >-\n", "    one\n", "    two\n"]


def test_a_comment_after_a_folded_text_is_kept_where_its_lines_do_not_move():
    text = "a: >-\n  one\n  two\n\n# after\nb: 1\n"
    out: list[str] = []
    assert folded(text, _folded_event(text), 0, False, out) == text.index("\n\n") + 1
    assert out == [" >-\n", "  one\n", "  two\n"]


@pytest.mark.parametrize(
    "text",
    [
        "a: >-\n    one\n    two\n\n# after\nb: 1\n",  # the comment would move with the text's lines
        "a: >-\n    one\n      two\n",  # a line indented deeper: kept as a line break
        "a: >\n  one\n",  # kept final line break
        "a: >-\n  one\n\n  two\n",  # a blank line inside
    ],
    ids=["comment-after-moved-lines", "deeper-line", "kept-break", "blank-inside"],
)
def test_a_folded_text_the_round_trip_writes_otherwise_is_not_certain(text):
    with pytest.raises(NotCertain):
        folded(text, _folded_event(text), 0, False, [])
