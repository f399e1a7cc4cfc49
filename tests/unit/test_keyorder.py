"""keyorder.py: a record's keys put in the schema's order in what the event pass wrote, with their comment lines."""

from __future__ import annotations

import pytest

from workplan_cli.canonical import _Frame
from workplan_cli.keyorder import FLOW_VALUE, NOTED_BLOCK_VALUE, ONE_LINE, flow_written, reorder
from workplan_cli.models.committee import Area
from workplan_cli.scalarstyle import NotCertain

AREA = Area(id="toc", number=5, name="Crime")  # its fields: id, number, name


def _flow(model: object, is_map: bool, keys: list[str], parts: list[str]) -> _Frame:
    frame = _Frame(is_map, True, 0, model, None, None, False)
    frame.keys, frame.parts = keys, parts
    return frame


def _block(keys: list[str], starts: list[int], values: list[int], tails: list[tuple[int, int, int]]) -> _Frame:
    """A block mapping that is a list's item (its keys at column 4), as `_write` records it."""
    frame = _Frame(True, False, 4, AREA, None, None, True)
    frame.keys, frame.starts, frame.values, frame.tails = keys, starts, values, tails
    return frame


def test_a_flow_mapping_of_a_record_is_written_in_the_schemas_order_and_the_order_kept():
    orders: dict = {}
    frame = _flow(AREA, True, ["name", "id", "number"], ["name: Crime", "id: toc", "number: 5"])
    assert flow_written(frame, orders) == "{id: toc, number: 5, name: Crime}"
    assert orders == {(Area, ("name", "id", "number")): ["id", "number", "name"]}


def test_flow_collections_in_order_or_of_no_record_are_written_as_they_are():
    orders: dict = {}
    assert (
        flow_written(_flow(AREA, True, ["id", "name"], ["id: toc", "name: Crime"]), orders) == "{id: toc, name: Crime}"
    )
    assert orders == {(Area, ("id", "name")): None}
    assert flow_written(_flow(None, True, ["b", "a"], ["b: 1", "a: 2"]), orders) == "{b: 1, a: 2}"
    assert flow_written(_flow(None, False, [], ["x", "'y, z'"]), orders) == "[x, 'y, z']"


def test_keys_the_schema_does_not_know_come_last_as_written():
    orders: dict = {}
    frame = _flow(AREA, True, ["zeta", "name", "alpha", "id"], ["zeta: 1", "name: Crime", "alpha: 2", "id: toc"])
    assert flow_written(frame, orders) == "{id: toc, name: Crime, zeta: 1, alpha: 2}"


def test_a_key_written_twice_is_not_certain():
    with pytest.raises(NotCertain):
        flow_written(_flow(AREA, True, ["name", "name"], ["name: A", "name: B"]), {})


def test_block_entries_move_with_the_lines_after_their_values_and_the_last_entrys_go_to_the_new_last():
    out = [
        "  - ",
        "name:",
        " Crime  # c\n",
        "    # about the name\n",
        "    id:",
        " toc\n",
        "    number:",
        " 5\n",
        "\n# after\n",
    ]
    frame = _block(["name", "id", "number"], [1, 4, 6], [ONE_LINE] * 3, [(0, ONE_LINE, 3), (2, ONE_LINE, 8)])
    reorder(frame, {}, out)
    assert out == [
        "  - ",
        "id:",
        " toc\n",
        "    number:",
        " 5\n",
        "    name:",
        " Crime  # c\n",
        "    # about the name\n",
        "\n# after\n",
    ]


def test_block_entries_in_order_are_left_as_written():
    out = ["  - ", "id:", " toc\n", "    name:", " Crime\n"]
    reorder(_block(["id", "name"], [1, 3], [ONE_LINE] * 2, []), {}, out)
    assert out == ["  - ", "id:", " toc\n", "    name:", " Crime\n"]


@pytest.mark.parametrize(
    ("values", "tails"),
    [
        # the last entry's key has a comment and its block below: ruamel.yaml moves what follows elsewhere
        ([ONE_LINE, NOTED_BLOCK_VALUE], []),
        # lines after a flow collection that ends the first entry, whose next entry moves away
        ([FLOW_VALUE, ONE_LINE], [(0, FLOW_VALUE, 3)]),
    ],
    ids=["noted-block-last", "lines-after-flow"],
)
def test_block_entries_whose_comment_lines_ruamel_yaml_places_otherwise_are_not_certain(values, tails):
    out = ["  - ", "name:", " Crime\n", "# lines\n", "    id:", " toc\n"]
    with pytest.raises(NotCertain):
        reorder(_block(["name", "id"], [1, 4], values, tails), {}, out)
