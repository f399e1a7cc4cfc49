"""planitems.py: the items an edit needs, found from the fast path's marks as in the whole tree (#26).

The helpers (`same_items`, the plans at hand) are in tests/editing.py, shared with
tests/unit/test_editcheck.py, which holds the edits read by region; these are the finder's own tests.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from conftest import DATA
from editing import MINIMAL, every_plan, readable, same_items
from workplan_cli.planfile import read_plan
from workplan_cli.planitems import item_starts


@pytest.mark.parametrize("path", every_plan(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_item_of_every_plan_is_found_alike(path):
    source = readable(path)
    if source is None:
        pytest.skip("the plan does not validate: no edit reads it")
    same_items(source)


def test_the_bundled_plans_are_read_item_by_item():
    assert same_items(read_plan(DATA / "csh-2022-2023.yaml"))


def test_a_plan_with_an_anchor_is_composed_whole():
    text = MINIMAL.replace('    start_time: "10:00"\n', '    start_time: &s "10:00"\n', 1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(text, encoding="utf-8")
        source = read_plan(path)
    assert source.marks is None and item_starts(source) is None
