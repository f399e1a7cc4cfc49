"""The scalars of the plan models (models/scalars.py): dates by month or year, held by exact output.

Each test takes the minimal committee plan (tests/fixtures/committee-minimal.yaml:
term 2023-01-01 to 2023-06-30, meetings on Thursday 2 and 16 March 2023) and
changes it into one sample of a class; several also draw many samples of the
class with Hypothesis.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Annotated, get_args, get_origin

from hypothesis import given
from hypothesis import strategies as st

from conftest import line_of, write
from workplan_cli.cli import app
from workplan_cli.models.scalars import Date, unaliased
from workplan_cli.render import render
from workplan_cli.timeline import build_timeline

from . import BASE, SETTINGS, ics_lines, load, problems, sub

# --- 9. approximate dates ----------------------------------------------------------------------------

APPROXIMATE = BASE + (
    "activities:\n"
    "  - {id: course, title: Course on International Law, date: 2023-08}\n"
    "  - {id: seminar, title: Seminar on testing, date: 2023-03-09}\n"
    "  - {id: forum, title: Forum of the year, date: 2023}\n"
    "suppress:\n  - {rule: activity-outside-term, subject: course, reason: after the term}\n"
)


def test_dates_by_month_or_year_are_read_and_written_as_given(tmp_path, runner):
    assert problems(APPROXIMATE) == []
    bad = sub(APPROXIMATE, "date: 2023-08}", "date: 2023-13}")
    assert problems(bad) == [
        (
            "WP013",
            line_of(bad, "2023-13"),
            60,
            "activities[0].date: '2023-13' is not a valid date; write it as YYYY-MM-DD, or YYYY-MM or YYYY when only "
            "the month or year is known, like 2002-08",
        )
    ]
    path = write(tmp_path, "p.yaml", APPROXIMATE)
    assert runner.invoke(app, ["fmt", "--check", str(path)]).exit_code == 0
    shown = json.loads(runner.invoke(app, ["show", "course", str(path), "-f", "json"]).stdout)
    assert shown["date"] == "2023-08"


def test_dates_by_month_or_year_are_sorted_and_shown_in_every_language():
    plan = load(APPROXIMATE)
    html = render(plan, "html")
    others = re.findall(r'<td class="other" id="(\w+)"><time datetime="([\d-]+)">([^<]+)</time>', html)
    assert others == [
        ("forum", "2023", "2023"),
        ("seminar", "2023-03-09", "March 9"),
        ("course", "2023-08", "August 2023"),
    ]
    assert "> _Otra actividad de la OEA:_ agosto de 2023: Course on International Law" in render(plan, "md", lang="es")
    assert "août 2023\u202f: Course on International Law" in render(plan, "md", lang="fr")
    assert "agosto de 2023: Course on International Law" in render(plan, "md", lang="pt")


def test_dates_by_month_in_windows_calendars_and_the_picture(runner, tmp_path):
    path = write(tmp_path, "p.yaml", APPROXIMATE)
    result = runner.invoke(app, ["upcoming", str(path), "--as-of", "2023-08-20", "--days", "5", "--kind", "activity"])
    assert result.stdout.splitlines()[-3:] == [
        "2023      day to be confirmed  during 2023         activity  Forum of the year",
        "",
        "Aug 2023  day to be confirmed  during August 2023  activity  Course on International Law",
    ]
    assert ics_lines(APPROXIMATE, "course")[1:4] == [
        "SUMMARY:Course on International Law",
        "DTSTART;VALUE=DATE:20230801",
        "DTEND;VALUE=DATE:20230901",
    ]
    assert "DESCRIPTION:Day to be confirmed: August 2023" in ics_lines(APPROXIMATE, "course")
    html = render(load(APPROXIMATE), "html")
    assert "<title>Forum of the year, 2023</title>" in html
    assert "Forum of the year</a> (some day in 2023)</li>" in html


@SETTINGS
@given(st.integers(min_value=1, max_value=12), st.integers(min_value=0, max_value=400))
def test_a_month_is_in_every_window_that_meets_it(month, offset):
    text = BASE + f"activities:\n  - {{id: a, title: A, date: 2023-{month:02d}}}\n"
    day = dt.date(2022, 12, 1) + dt.timedelta(days=offset)
    listed = [e.id for e in build_timeline([load(text)], day, day, ["activity"]).dated]
    assert ("a" in listed) == ((day.year, day.month) == (2023, month))


def test_a_month_at_the_end_of_the_calendar_renders():
    text = BASE + "activities:\n  - {id: a, title: A, date: 9999-12}\n"
    plan = load(text)
    assert "DTSTART;VALUE=DATE:99991201" in render(plan, "ics")
    assert ">December 9999</time>: A</td>" in render(plan, "html")


def test_unaliased_gives_the_type_a_scalar_types_name_stands_for_and_leaves_others():
    assert get_origin(unaliased(Date)) is Annotated
    assert get_args(unaliased(Date))[0] is dt.date
    assert unaliased(int) is int
    assert unaliased(tuple[Date, ...]) == tuple[Date, ...]
