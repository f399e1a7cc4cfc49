"""Laying text out in a terminal (layout.py): every line fits the width, titles wrap whole."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, FIXTURES, cross
from workplan_cli.cli import app
from workplan_cli.layout import Screen

CSH = str(DATA / "csh-2022-2023.yaml")


MINIMAL = str(FIXTURES / "committee-minimal.yaml")


UPCOMING = ["upcoming", "--as-of", "2023-03-01", "--days", "14"]


def shown(runner, args, width):
    result = runner.invoke(app, args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


COMMANDS = [
    [*UPCOMING, CSH],
    ["upcoming", "--as-of", "2023-05-24", "--days", "9", "--include-tbd", str(DATA)],
    ["query", "meetings", "--paragraph", "38", CSH],
    ["query", "meetings", "--presenter", "IADB", CSH, MINIMAL],
    ["query", "references", "47.b", "--resolution", "2970", CSH],
    ["query", "coverage", CSH],
    ["query", "activities", str(DATA)],
    ["show", "meeting-5", CSH],
    ["show", "iadb-mecodex", CSH],
    ["show", "cybersecurity", str(DATA)],
    ["rules"],
    ["upcoming", "--as-of", "2026-11-23", str(DATA)],
    # A paragraph with no meeting and no subject: its label alone on the line.
    ["query", "coverage", str(FIXTURES / "unseen" / "csh-2019-2020.yaml")],
]


@pytest.mark.parametrize(
    ("args", "width"), cross(COMMANDS, [60, 80, 100, 160], ids=lambda case: f"{' '.join(case[0])}-{case[1]}")
)
def test_text_output_fits_the_width(runner, args, width):
    result = runner.invoke(app, args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) > 1
    too_wide = [line for line in lines if len(line) > width]
    assert too_wide == []
    if args != ["rules"]:  # a rule's summary says "1, 2, 3…" itself
        assert "…" not in result.stdout
    assert [line for line in lines if line != line.rstrip()] == []


def test_titles_are_whole_at_every_width(runner):
    # Every word of every title appears, in order, whatever the width: nothing is cut into stubs.
    title = "Sixth meeting: Joint meeting of the CSH and the IADB on Women, Peace and Security"
    for width in (60, 80, 100, 160):
        words = " ".join(shown(runner, [*UPCOMING, CSH], width).split())
        assert title in words


_WORDS = st.lists(
    st.sampled_from(["a", "bc", "défi", "reunión", " ", "  ", "\u00a0", "12:30", "x" * 30]), max_size=12
).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    text=_WORDS,
    lead=_WORDS,
    indent=st.integers(0, 12),
    width=st.integers(20, 60),
    fields=st.lists(_WORDS, max_size=5),
)
def test_no_line_ends_in_blanks(text, lead, indent, width, fields):
    """Whatever a paragraph or a row of fields holds, empty ones too, no line of the screen ends in a blank."""
    screen = Screen(width)
    screen.para(text, indent, lead=lead)
    screen.fields([(field, "") for field in fields])
    lines = screen.text.plain.split("\n")
    assert [line for line in lines if line != line.rstrip(" ")] == []
