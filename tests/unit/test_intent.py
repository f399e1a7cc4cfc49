"""intent.py: what an edit means to change, as data, and the proof that a new text is exactly that change."""

from __future__ import annotations

import datetime as dt

import pytest

from workplan_cli.errors import EditRefused
from workplan_cli.intent import DataReader, Intent, expected, first_difference, verify, where

PLAN = """\
meetings:
  - id: meeting-1
    date: 2023-03-02
    start_time: "10:00"
  - id: meeting-2
    date: 2023-03-09
    start_time: "10:00"
"""
MOVED = PLAN.replace("2023-03-09", "2023-03-16")


def test_an_intent_holds_the_values_set_the_items_inserted_and_the_orders():
    intent = Intent()
    intent.set(("meetings", 1, "date"), "2023-03-16")
    intent.insert(("activities",), 0, ["- id: act-1", "  date: 2023-01-20"])
    intent.orders.append((("meetings",), [1, 0]))
    assert (intent.sets, intent.inserts, intent.orders) == (
        [(("meetings", 1, "date"), "2023-03-16")],
        [(("activities",), 0, "- id: act-1\n  date: 2023-01-20\n")],
        [(("meetings",), [1, 0])],
    )


# --- reading texts alike ---------------------------------------------------------------------------


def test_a_plan_without_anchors_is_read_by_workplans_own_yaml_1_2_reader():
    read = DataReader("a: yes\nb: 10:30\nc: 0o17\n")
    assert read.first == {"a": "yes", "b": "10:30", "c": 15}
    assert read("d: no\n") == {"d": "no"}


def test_a_plan_with_an_alias_is_read_by_pyyaml_and_so_is_every_later_text():
    """The first text decides the reader, so that old and new are read alike (here both as YAML 1.1)."""
    read = DataReader("a: &x yes\nb: *x\n")
    assert read.first == {"a": True, "b": True}
    assert read("d: no\n") == {"d": False}


def test_a_changed_text_the_reader_cannot_read_is_refused_in_one_line():
    read = DataReader(PLAN)
    with pytest.raises(EditRefused) as refused:
        read("a: [1\n")
    assert str(refused.value) == (
        'the changed text could not be read back (while parsing a flow sequence in "<unicode string>", line 1, '
        "column 4 did not find expected ',' or ']' in \"<unicode string>\", line 2, column 1); nothing written"
    )


def test_a_changed_text_with_an_anchor_is_refused_when_the_plan_had_none():
    with pytest.raises(EditRefused) as refused:
        DataReader(PLAN)("a: &x 1\n")
    assert str(refused.value) == "the changed text could not be read back (anchor or tag); nothing written"


# --- the expected data -----------------------------------------------------------------------------


def test_the_expected_data_is_the_old_with_values_set_items_inserted_and_lists_reordered():
    read = DataReader(PLAN)
    intent = Intent()
    intent.set(("meetings", 1, "date"), "2023-02-23")
    intent.set(("meetings", 1, "start_time"), '"09:30"')
    intent.insert(("activities",), 0, ["- id: act-1", "  date: 2023-01-20"])
    intent.orders.append((("meetings",), [1, 0]))
    old = read.first
    assert expected(old, intent, read) == {
        "meetings": [
            {"id": "meeting-2", "date": dt.date(2023, 2, 23), "start_time": "09:30"},
            {"id": "meeting-1", "date": dt.date(2023, 3, 2), "start_time": "10:00"},
        ],
        "activities": [{"id": "act-1", "date": dt.date(2023, 1, 20)}],
    }
    assert old == read(PLAN)  # the old data is left as it was


def test_the_expected_data_copies_what_an_alias_shares():
    """Setting a value of one place an alias stands in changes that place only."""
    read = DataReader("a: &x {d: 1}\nb: *x\n")
    intent = Intent()
    intent.set(("b", "d"), "2")
    assert expected(read.first, intent, read) == {"a": {"d": 1}, "b": {"d": 2}}


# --- where the data differ -------------------------------------------------------------------------


def test_the_first_difference_is_the_path_of_the_first_key_or_item_that_differs():
    old = {"meetings": [{"id": "m-1", "date": "a"}, {"id": "m-2", "date": "b"}], "title": "T"}
    assert first_difference(old, old) == ()
    assert first_difference(old, {**old, "title": "U"}) == ("title",)
    assert first_difference(old, {"meetings": [old["meetings"][0], {"id": "m-2", "date": "c"}], "title": "T"}) == (
        "meetings",
        1,
        "date",
    )
    assert first_difference(old, {"meetings": old["meetings"][:1], "title": "T"}) == ("meetings",)
    assert first_difference(old, {"meetings": old["meetings"]}) == ("title",)


def test_a_path_is_written_as_in_the_plan():
    assert [where(("meetings", 2, "date")), where(("procedure", "milestones", 0)), where(())] == [
        "meetings[2].date",
        "procedure.milestones[0]",
        "the plan",
    ]


# --- verify ----------------------------------------------------------------------------------------


def test_a_text_that_is_exactly_the_intended_change_is_verified():
    intent = Intent()
    intent.set(("meetings", 1, "date"), "2023-03-16")
    assert verify(PLAN, MOVED, intent) is None


def test_a_text_that_changes_more_or_other_than_intended_is_refused_naming_where():
    intent = Intent()
    intent.set(("meetings", 1, "date"), "2023-03-16")
    with pytest.raises(EditRefused) as refused:
        verify(
            PLAN,
            MOVED.replace('start_time: "10:00"\n  - id: meeting-2', 'start_time: "11:00"\n  - id: meeting-2'),
            intent,
        )
    assert str(refused.value) == (
        "the change could not be made exactly: meetings[0].start_time would not read as intended; nothing written "
        "(run `workplan fmt` on the file, or make this change by hand)"
    )


def test_a_key_written_twice_in_the_changed_text_is_refused_not_a_traceback():
    with pytest.raises(EditRefused) as refused:
        verify("a: 1\n", "a: 1\na: 2\n", Intent())
    assert str(refused.value) == "the changed text could not be read back (a key written twice); nothing written"


def test_a_changed_text_pyyaml_cannot_parse_is_refused_naming_the_error():
    with pytest.raises(EditRefused) as refused:
        verify("a: &x 1\nb: *x\n", "a: &x 1\nb: [*x\n", Intent())
    assert str(refused.value) == "the changed text would not be valid YAML (ParserError); nothing written"
