"""loader/positions.py: the line and column of a path of keys and indexes, alike in both parsers' trees."""

from __future__ import annotations

import pytest

from conftest import DATA


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  acronym: CT", "  acronim: CT"),
        ("date: 2023-03-16", "date: 2023-02-30"),
        ('start_time: "10:00"\n    end_time: "13:00"\n    agenda:', 'start_time: "9:75"\n    agenda:'),
        ("functions: To test.", "functions:\n  - To test.\n  - Twice."),
        ('paragraphs: ["2.a"]\n', "paragraphs: [2.5, {a: 1}]\n"),
        ("    kind: regular\n    date: 2023-03-16", "    kind: plenary\n    date: 2023-03-16\n    extra: {x: 1}"),
        ("term:\n  start: 2023-01-01\n  end: 2023-06-30", "term: [2023-01-01, 2023-06-30]"),
        ("officers:\n", "officers:\n  - name: Nobody\n"),
    ],
)
def test_fast_and_round_trip_paths_report_the_same_positions(committee_text, old, new):
    from workplan_cli.loader import _fast_path, _round_trip_plan

    assert old in committee_text
    text = committee_text.replace(old, new, 1)
    fast = _fast_path(text, "p.yaml")
    slow = _round_trip_plan(text, "p.yaml")
    assert fast is not None and fast.diagnostics, "the fast path should have reported these"
    assert sorted(fast.diagnostics) == sorted(slow.diagnostics)


def _every_path(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _every_path(value, (*prefix, key))
        yield (*prefix, "no-such-key")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _every_path(value, (*prefix, index))
        yield (*prefix, len(data))
        yield (*prefix, -1)


@pytest.mark.parametrize(
    "text",
    [
        (DATA / "csh-2022-2023.yaml").read_text(encoding="utf-8"),
        (DATA / "cicte-2022-2023.yaml").read_text(encoding="utf-8"),
        'a:\n  b:\n  c: ""\n  d: ~\n  "3": [x, {y: }]\n  e:\n    - - 1\n      - null\n',
    ],
    ids=["csh", "cicte", "empty-values"],
)
def test_marks_locate_every_path_as_the_node_tree_does(text):
    from workplan_cli.loader import fast_load
    from workplan_cli.loader.positions import _compose, locate, marks_for

    paths = list(_every_path(fast_load(text)))
    paths += [(*path, "3") for path in paths[:50]] + [("a", 3), ("a", "3", 1, "y")]
    nodes, marks = _compose(text), marks_for(text, paths)
    assert marks is not None
    for path in paths:
        for key in (False, True):
            assert locate(marks, path, key=key) == locate(nodes, path, key=key), (path, key)
