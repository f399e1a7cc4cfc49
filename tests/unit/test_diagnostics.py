"""diagnostics.py: problems as values, each with its place, and how many of one check are shown."""

from __future__ import annotations

from conftest import FIXTURES
from workplan_cli.loader import parse_plan

COMMITTEE = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")


def test_twenty_thousand_unknown_keys_show_fifty_and_say_how_many_more():
    text = COMMITTEE + "".join(f"extra{i}: v\n" for i in range(20_000))
    found = [(d.code, d.line, d.column, d.message) for d in parse_plan(text, "p.yaml").diagnostics]
    first = COMMITTEE.count("\n") + 1
    assert len(found) == 51
    assert found[0] == ("WP011", first, 1, "unknown key 'extra0' in the top level")
    assert found[49][1] == first + 49
    assert found[50] == (
        "WP011",
        first + 50,
        1,
        "… and 19,950 more unknown-key problems in this file, not shown (the first 50 are)",
    )
