"""Text output in a terminal: exact screens at 60, 80 and 120 columns, a real pseudo-terminal, hostile titles.

Pinned on the bundled plans.  Widths come from COLUMNS, as in a shell; when
output is piped and COLUMNS is unset, Rich assumes 80.
"""

from __future__ import annotations

import fcntl
import os
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from conftest import DATA, FIXTURES, ROOT, write
from workplan_cli.cli import app

WORKPLAN = Path(sys.executable).with_name("workplan")  # the console script, as installed

CSH = str(DATA / "csh-2022-2023.yaml")
MINIMAL = str(FIXTURES / "committee-minimal.yaml")
UPCOMING = ["upcoming", "--as-of", "2023-03-01", "--days", "14"]


# CSI sequences (colour, cursor) and OSC sequences (window title, links) that a terminal acts on.
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\\\)")


def strip_colour(text):
    return ANSI.sub("", text)


def shown(runner, args, width):
    result = runner.invoke(app, args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


# --- upcoming: stacked below a comfortable width, a table above it ------------------------------

UPCOMING_60 = """\
Upcoming: Wed, Mar 1, 2023 to Tue, Mar 14, 2023

Thu, Mar 2, 2023  10:00 a.m. – 1:00 p.m.  tomorrow  meeting
    Tenth meeting of the Forum on Confidence- and
    Security-Building Measures.

Wed, Mar 8, 2023  until March 10  in 7 days  activity
    Workshop on Women, Peace, and Security

Thu, Mar 9, 2023  10:00 a.m. – 1:00 p.m.  in 8 days  meeting
    Sixth meeting: Joint meeting of the CSH and the IADB on
    Women, Peace and Security

Tue, Mar 14, 2023  2:30 p.m. – 5:30 p.m.  in 13 days
                   meeting
    Meeting of the Working Group on Trafficking in Persons
    (2022–2023)
"""

UPCOMING_80 = """\
Upcoming: Wed, Mar 1, 2023 to Tue, Mar 14, 2023

Thu, Mar 2, 2023  10:00 a.m. – 1:00 p.m.  tomorrow  meeting
    Tenth meeting of the Forum on Confidence- and Security-Building Measures.

Wed, Mar 8, 2023  until March 10  in 7 days  activity
    Workshop on Women, Peace, and Security

Thu, Mar 9, 2023  10:00 a.m. – 1:00 p.m.  in 8 days  meeting
    Sixth meeting: Joint meeting of the CSH and the IADB on Women, Peace and
    Security

Tue, Mar 14, 2023  2:30 p.m. – 5:30 p.m.  in 13 days  meeting
    Meeting of the Working Group on Trafficking in Persons (2022–2023)
"""

UPCOMING_120 = """\
Upcoming: Wed, Mar 1, 2023 to Tue, Mar 14, 2023

Date               Time                    When        Kind      What

Thu, Mar 2, 2023   10:00 a.m. – 1:00 p.m.  tomorrow    meeting   Tenth meeting of the Forum on Confidence- and
                                                                 Security-Building Measures.

Wed, Mar 8, 2023   until March 10          in 7 days   activity  Workshop on Women, Peace, and Security

Thu, Mar 9, 2023   10:00 a.m. – 1:00 p.m.  in 8 days   meeting   Sixth meeting: Joint meeting of the CSH and the IADB on
                                                                 Women, Peace and Security

Tue, Mar 14, 2023  2:30 p.m. – 5:30 p.m.   in 13 days  meeting   Meeting of the Working Group on Trafficking in Persons
                                                                 (2022–2023)
"""


@pytest.mark.parametrize(("width", "expected"), [(60, UPCOMING_60), (80, UPCOMING_80), (120, UPCOMING_120)])
def test_upcoming_reads_well_at_width(runner, width, expected):
    assert shown(runner, [*UPCOMING, CSH], width) == expected


def test_upcoming_piped_without_columns_is_80_wide_and_plain(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "LINES", "FORCE_COLOR", "NO_COLOR"}}
    env["TZ"] = "America/New_York"  # the reader in the plan's zone: no line about it
    done = subprocess.run([WORKPLAN, *UPCOMING, CSH], capture_output=True, text=True, env=env, check=True)
    assert done.stdout == UPCOMING_80


def test_upcoming_piped_with_force_color_is_coloured(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "NO_COLOR"}}
    done = subprocess.run(
        [WORKPLAN, *UPCOMING, CSH],
        capture_output=True,
        text=True,
        env={**env, "FORCE_COLOR": "1", "TZ": "America/New_York"},
        check=True,
    )
    assert "\x1b[1mUpcoming: Wed, Mar 1, 2023 to Tue, Mar 14, 2023\x1b[0m" in done.stdout
    assert strip_colour(done.stdout) == UPCOMING_80


# The fixture plan has a meeting and a milestone on 2 March: rows come from two plans, so the Plan column appears.
TWO_PLANS_80 = """\
Upcoming: Wed, Mar 1, 2023 to Fri, Mar 3, 2023

Thu, Mar 2, 2023  at the first meeting  tomorrow  milestone  test-2023
    First version of the draft resolution
Thu, Mar 2, 2023  10:00 a.m. – 1:00 p.m.  tomorrow  meeting  csh-2022-2023
    Tenth meeting of the Forum on Confidence- and Security-Building Measures.
Thu, Mar 2, 2023  10:00 a.m. – 1:00 p.m.  tomorrow  meeting  test-2023
    First meeting
"""

TWO_PLANS_120 = """\
Upcoming: Wed, Mar 1, 2023 to Fri, Mar 3, 2023

Date              Time                    When      Kind       Plan           What

Thu, Mar 2, 2023  at the first meeting    tomorrow  milestone  test-2023      First version of the draft resolution
                  10:00 a.m. – 1:00 p.m.  tomorrow  meeting    csh-2022-2023  Tenth meeting of the Forum on Confidence-
                                                                              and Security-Building Measures.
                  10:00 a.m. – 1:00 p.m.  tomorrow  meeting    test-2023      First meeting
"""


def test_upcoming_names_the_plan_only_when_rows_come_from_two(runner):
    assert shown(runner, ["upcoming", "--as-of", "2023-03-01", "--days", "3", CSH, MINIMAL], 80) == TWO_PLANS_80
    assert shown(runner, ["upcoming", "--as-of", "2023-03-01", "--days", "3", CSH, MINIMAL], 120) == TWO_PLANS_120
    # Both plans given, but every row from one: no Plan column.
    assert "csh-2022-2023" not in shown(runner, ["upcoming", "--as-of", "2023-03-08", "--days", "3", CSH, MINIMAL], 120)


# --- query meetings ------------------------------------------------------------------------------


# --- a real terminal ------------------------------------------------------------------------------


def run_in_terminal(argv, columns, rows=24):
    """Run ``argv`` with a pseudo-terminal of ``columns`` × ``rows`` as its terminal; what it wrote, as bytes decoded."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR"}}
    env["TERM"] = "xterm-256color"
    env["TZ"] = "America/New_York"  # the reader in the plans' zone: no line about it
    try:
        proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, close_fds=True)
    finally:
        os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child has exited and the terminal is closed
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(not WORKPLAN.exists(), reason="the workplan console script is not installed next to Python")
def test_upcoming_in_a_real_80_column_terminal():
    raw = run_in_terminal([str(WORKPLAN), *UPCOMING, "data/csh-2022-2023.yaml"], 80)
    assert "\x1b[" in raw  # a terminal gets colour
    screen = strip_colour(raw).replace("\r\n", "\n")
    assert screen == UPCOMING_80
    assert "…" not in screen
    assert max(len(line) for line in screen.splitlines()) <= 80


# --- every text output fits its width and never cuts a title --------------------------------------


# --- presenters and paragraphs as the document names them -----------------------------------------


# --- hostile titles -----------------------------------------------------------------------------------

HOSTILE_TITLE = r"\e]0;pwned\a\e[2J[red]x[/red] [link=https://evil.example]y[/link]\nsecond line"


@pytest.fixture
def hostile_plan(tmp_path, committee_text):
    text = committee_text.replace(
        "          - title: Testing in the Americas", f'          - title: "{HOSTILE_TITLE}"'
    ).replace(
        "    number: 1\n    kind: regular\n", f'    number: 1\n    kind: regular\n    title: "{HOSTILE_TITLE}"\n', 1
    )
    assert text.count(HOSTILE_TITLE) == 2
    return str(write(tmp_path, "hostile.yaml", text))


ESCAPED = r"\x1b]0;pwned\x07\x1b[2J[red]x[/red] [link=https://evil.example]y[/link]\nsecond line"


@pytest.mark.parametrize(
    "args",
    [
        ["upcoming", "--as-of", "2023-03-02", "--days", "1"],
        ["show", "meeting-1"],
        ["query", "meetings", "--text", "pwned"],
    ],
    ids=" ".join,
)
def test_hostile_title_shows_escaped(runner, hostile_plan, args):
    for env in ({"COLUMNS": "200"}, {"COLUMNS": "200", "NO_COLOR": None, "FORCE_COLOR": "1"}):
        result = runner.invoke(app, [*args, hostile_plan], env=env)
        assert result.exit_code == 0, result.stderr
        assert "\x1b]" not in result.stdout and "\x07" not in result.stdout and "\x1b[2J" not in result.stdout
        plain = strip_colour(result.stdout)
        # The markup is shown as written (Rich did not read it) and the newline is an escape, on one line.
        assert ESCAPED in plain
        assert "second line" not in plain.replace(ESCAPED, "")


def test_docs_show_what_the_readmes_first_command_prints_at_80_columns(runner):
    page = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    sample = page.split("In a terminal 80 columns wide, the README's first command shows:\n\n```text\n", 1)[1]
    sample = sample.split("```\n", 1)[0]
    # The first command reads data/: both bundled plans, rows from the CSH alone.
    assert shown(runner, [*UPCOMING, str(DATA)], 80) == sample == UPCOMING_80


# --- the console script builds only the command it runs -------------------------------------------
