"""The views of query, show and rules (queryviews.py): exact text and Markdown, presenters and paragraphs as the document names them."""

from __future__ import annotations

import json

import pytest

from conftest import DATA, HOSTILE, write
from workplan_cli.cli import app

CSH = str(DATA / "csh-2022-2023.yaml")
ALL = str(DATA)


def shown(runner, args, width):
    result = runner.invoke(app, args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_upcoming_and_query_markdown_escape_titles(runner, tmp_path):
    path = write(tmp_path, "p.yaml", HOSTILE)
    up = runner.invoke(app, ["upcoming", str(path), "--as-of", "2023-03-02", "--days", "1", "-f", "md"])
    assert "**First meeting**" in up.stdout
    found = runner.invoke(app, ["query", "meetings", str(path), "--text", "script", "-f", "md"])
    assert found.stdout.splitlines()[1] == r"  - 1. \<script\>alert(1)\</script\> & \[click\](javascript:alert(2))"


def test_show_meeting_in_full(runner):
    result = runner.invoke(app, ["show", "meeting-6", CSH])
    assert result.stdout == (
        "SIXTH MEETING\n"
        "Joint meeting of the CSH and the IADB on Women, Peace and Security\n"
        "Thursday, March 9, 2023, 10:00 a.m. – 1:00 p.m. (America/New_York)\n"
        "\n"
        "  1. Paragraph 80, order of business CP/CSH-2186/23 rev. 3\n"
        "     paragraph 80 · CP/CSH-2186/23 rev. 3\n"
    )
    shown = json.loads(runner.invoke(app, ["show", "iadb-mecodex", ALL, "-f", "json"]).stdout)
    assert shown == {
        "plan": "csh-2022-2023",
        "type": "activity",
        "id": "iadb-mecodex",
        "title": "MECODEX Development",
        "date": "2023-05-06",
        "end_date": "2023-05-13",
        "organizers": ["iadb"],
    }
    missing = runner.invoke(app, ["show", "meeting-99", CSH])
    assert (missing.exit_code, missing.stderr) == (
        2,
        "workplan: error: no item with id 'meeting-99' in csh-2022-2023; did you mean 'meeting-9', 'meeting-8' or 'meeting-7'?\n",
    )


MEETINGS_38_60 = """\
Thu, Dec 1, 2022  10:00 a.m. – 1:00 p.m.  meeting-1
    First meeting
    3.1   Establishment of the Working Group to Coordinate
          Preparations for the Fourth Meeting of National
          Authorities on Transnational Organized Crime
          (RANDOT IV) (paragraph 38)
          paragraph 38

Thu, Feb 2, 2023  10:00 a.m. – 1:00 p.m.  meeting-4
    Fourth meeting
    5.1   Presentation by the Chair of the working group to
          coordinate preparations for RANDOT IV, regarding
          progress on the work entrusted to the working
          group, paragraph 38
          paragraph 38 · by Chair of the Working Group to
          Coordinate Preparations for the Fourth meeting of
          National Authorities on Transnational Organized
          Crime (RANDOT IV)

Thu, Feb 16, 2023  10:00 a.m. – 1:00 p.m.  meeting-5
    Fifth meeting
    1.3   Presentation by the Chair of the working group to
          coordinate preparations for RANDOT IV, regarding
          progress on the work entrusted to the working
          group, paragraph 38
          paragraph 38 · by Chair of the Working Group to
          Coordinate Preparations for the Fourth meeting of
          National Authorities on Transnational Organized
          Crime (RANDOT IV)

Thu, May 25, 2023  10:00 a.m. – 1:00 p.m.  meeting-11
    Eleventh meeting
    3.1   Presentation of the results of the Meeting of
          Points of Contact on Transnational Organized Crime
          by the Chair of the Working Group to prepare for
          RANDOT IV, paragraph 38
          paragraph 38 · by Chair of the Working Group to
          Coordinate Preparations for the Fourth meeting of
          National Authorities on Transnational Organized
          Crime (RANDOT IV)

4 meetings.
"""


MEETINGS_38_80 = """\
Thu, Dec 1, 2022  10:00 a.m. – 1:00 p.m.  meeting-1
    First meeting
    3.1   Establishment of the Working Group to Coordinate Preparations for the
          Fourth Meeting of National Authorities on Transnational Organized
          Crime (RANDOT IV) (paragraph 38)
          paragraph 38

Thu, Feb 2, 2023  10:00 a.m. – 1:00 p.m.  meeting-4
    Fourth meeting
    5.1   Presentation by the Chair of the working group to coordinate
          preparations for RANDOT IV, regarding progress on the work entrusted
          to the working group, paragraph 38
          paragraph 38 · by Chair of the Working Group to Coordinate
          Preparations for the Fourth meeting of National Authorities on
          Transnational Organized Crime (RANDOT IV)

Thu, Feb 16, 2023  10:00 a.m. – 1:00 p.m.  meeting-5
    Fifth meeting
    1.3   Presentation by the Chair of the working group to coordinate
          preparations for RANDOT IV, regarding progress on the work entrusted
          to the working group, paragraph 38
          paragraph 38 · by Chair of the Working Group to Coordinate
          Preparations for the Fourth meeting of National Authorities on
          Transnational Organized Crime (RANDOT IV)

Thu, May 25, 2023  10:00 a.m. – 1:00 p.m.  meeting-11
    Eleventh meeting
    3.1   Presentation of the results of the Meeting of Points of Contact on
          Transnational Organized Crime by the Chair of the Working Group to
          prepare for RANDOT IV, paragraph 38
          paragraph 38 · by Chair of the Working Group to Coordinate
          Preparations for the Fourth meeting of National Authorities on
          Transnational Organized Crime (RANDOT IV)

4 meetings.
"""


MEETINGS_38_120 = """\
Thu, Dec 1, 2022  10:00 a.m. – 1:00 p.m.  meeting-1
    First meeting
    3.1   Establishment of the Working Group to Coordinate Preparations for the Fourth Meeting of National Authorities
          on Transnational Organized Crime (RANDOT IV) (paragraph 38)
          paragraph 38

Thu, Feb 2, 2023  10:00 a.m. – 1:00 p.m.  meeting-4
    Fourth meeting
    5.1   Presentation by the Chair of the working group to coordinate preparations for RANDOT IV, regarding progress on
          the work entrusted to the working group, paragraph 38
          paragraph 38 · by Chair of the Working Group to Coordinate Preparations for the Fourth meeting of National
          Authorities on Transnational Organized Crime (RANDOT IV)

Thu, Feb 16, 2023  10:00 a.m. – 1:00 p.m.  meeting-5
    Fifth meeting
    1.3   Presentation by the Chair of the working group to coordinate preparations for RANDOT IV, regarding progress on
          the work entrusted to the working group, paragraph 38
          paragraph 38 · by Chair of the Working Group to Coordinate Preparations for the Fourth meeting of National
          Authorities on Transnational Organized Crime (RANDOT IV)

Thu, May 25, 2023  10:00 a.m. – 1:00 p.m.  meeting-11
    Eleventh meeting
    3.1   Presentation of the results of the Meeting of Points of Contact on Transnational Organized Crime by the Chair
          of the Working Group to prepare for RANDOT IV, paragraph 38
          paragraph 38 · by Chair of the Working Group to Coordinate Preparations for the Fourth meeting of National
          Authorities on Transnational Organized Crime (RANDOT IV)

4 meetings.
"""


@pytest.mark.parametrize(("width", "expected"), [(60, MEETINGS_38_60), (80, MEETINGS_38_80), (120, MEETINGS_38_120)])
def test_query_meetings_reads_well_at_width(runner, width, expected):
    assert shown(runner, ["query", "meetings", "--paragraph", "38", CSH], width) == expected


def test_show_names_presenters_and_paragraphs_as_the_document_does(runner):
    out = shown(runner, ["show", "meeting-5", CSH], 250)
    assert "           paragraphs 39, 40 · by SMS\n" in out
    assert "           paragraphs 44.b, 45 of AG/RES. 2970 (LI-O/21) · by SMS\n" in out
    assert (
        "           paragraph 38 · by Chair of the Working Group to Coordinate Preparations for the Fourth meeting of "
        "National Authorities on Transnational Organized Crime (RANDOT IV)\n"
    ) in out
    assert "by sms" not in out and "wg-randot-iv" not in out
    # Default resolution unnamed, another named: AG/RES. 2986 is the plan's default.
    assert "AG/RES. 2986" not in out
    assert shown(runner, ["show", "iadb-mecodex", CSH], 80) == (
        "Activity iadb-mecodex (csh-2022-2023)\n"
        "title: MECODEX Development\n"
        "date: Saturday, May 6, 2023\n"
        "end_date: Saturday, May 13, 2023\n"
        "organizers:\n"
        "  - IADB\n"
    )


def test_query_meetings_names_presenters_and_paragraphs(runner):
    out = shown(
        runner, ["query", "meetings", "--presenter", "IADB", "--from", "2023-03-01", "--to", "2023-03-31", CSH], 160
    )
    assert out == (
        "Thu, Mar 16, 2023  10:00 a.m. – 1:00 p.m.  meeting-7\n"
        "    Seventh meeting\n"
        "    2.2   Presentation by CICTE, CITEL and the IADB of the report on activities concerning emergency responses "
        "against cyber incidents (paragraph 37)\n"
        "          paragraph 37 · by CICTE; CITEL; IADB\n"
        "    5.1   Presentation on progress in the implementation of the mandates contained in paragraphs 87 and 88 "
        "concerning cyberdefense\n"
        "          paragraphs 87, 88 · by IADB\n"
        "\n"
        "Thu, Mar 30, 2023  10:00 a.m. – 12:00 p.m.  meeting-8\n"
        "    Eighth meeting\n"
        "    1.3   Presentation by the IADB on the implementation of the mandates contained in paragraphs 12 and 87\n"
        "          paragraphs 12, 87 · by IADB\n"
        "\n"
        "2 meetings.\n"
    )
    one = shown(runner, ["query", "meetings", "--paragraph", "37", "--resolution", "ag-2970", CSH], 160)
    assert "paragraph 37 of AG/RES. 2970 (LI-O/21)" in one
