"""cli/queries.py: upcoming, query and show as commands, their options and usage errors."""

from __future__ import annotations

import json

import pytest

from conftest import DATA, sweep
from workplan_cli.cli import app

CSH = str(DATA / "csh-2022-2023.yaml")


def test_query_unknown_resolution_is_usage_error(runner):
    result = runner.invoke(app, ["query", "meetings", CSH, "--paragraph", "1", "--resolution", "AG/RES. 9999"])
    assert (result.exit_code, result.stderr) == (
        2,
        "workplan: error: no plan declares a resolution matching 'AG/RES. 9999'\n",
    )


def test_commands_refuse_a_broken_plan(runner, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        (DATA / "csh-2022-2023.yaml").read_text(encoding="utf-8").replace("date: 2023-06-06", "date: 2023-06-31"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["upcoming", str(broken)])
    assert result.exit_code == 1
    assert result.stderr.startswith("workplan: error: the plans have 1 error(s); fix them first:\n")
    assert "WP013 meetings[22].date: '2023-06-31' is not a valid date" in result.stderr


@pytest.mark.parametrize("ident", ["7", "Meeting-7", " meeting-7", "MEETING-7"])
def test_show_finds_a_meeting_by_number_or_in_any_case(runner, ident):
    result = runner.invoke(app, ["show", ident, str(DATA / "csh-2022-2023.yaml"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["id"] == "meeting-7"


def test_upcoming_ids_lead_to_show(runner):
    args = ["upcoming", CSH, "--as-of", "2023-05-25", "--days", "1"]
    assert "[meeting-11]" not in runner.invoke(app, args).stdout
    text = runner.invoke(app, [*args, "--ids"]).stdout
    assert text.rstrip().endswith("Eleventh meeting [meeting-11]")
    assert "draft resolution [consideration]" in text
    md = runner.invoke(app, [*args, "--ids", "-f", "md"]).stdout
    assert "- 10:00 a.m. – 1:00 p.m. · **Eleventh meeting** `meeting-11` (meeting, csh-2022-2023; today)\n" in md
    assert runner.invoke(app, ["show", "meeting-11", CSH]).stdout.startswith("ELEVENTH MEETING\n")


@pytest.mark.parametrize(
    ("zone", "said"),
    sweep(
        [
            ("UTC", "Times are in the America/New_York time zone."),
            ("America/Toronto", None),  # other name, same clock
            ("Europe/Madrid", "Times are in the America/New_York time zone."),
            ("America/New_York", None),
        ],
        default=2,
    ),
)
def test_upcoming_says_the_zone_when_it_is_not_the_readers(runner, zone, said):
    args = ["upcoming", CSH, "--as-of", "2023-05-25", "--days", "1"]
    text = runner.invoke(app, args, env={"TZ": zone}).stdout.splitlines()
    assert text[1] == (said if said else "")
    md = runner.invoke(app, [*args, "-f", "md"], env={"TZ": zone}).stdout.splitlines()
    assert md[2] == (said if said else "### Thursday, May 25, 2023")
    fr = runner.invoke(app, [*args, "--lang", "fr"], env={"TZ": zone}).stdout.splitlines()
    assert fr[1] == ("Les heures sont celles du fuseau horaire America/New_York." if said else "")
    # A window with no times (a milestone alone) has no zone to speak of.
    assert (
        runner.invoke(
            app, ["upcoming", CSH, "--as-of", "2023-04-14", "--days", "2"], env={"TZ": "UTC"}
        ).stdout.splitlines()[1]
        == ""
    )
