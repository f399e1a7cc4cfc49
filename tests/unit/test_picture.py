"""The picture of the term and its month-by-month calendar: exact geometry and weeks for a small plan."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest

from conftest import DATA, FIXTURES, write
from workplan_cli import dates, i18n
from workplan_cli.cli import app
from workplan_cli.loader import parse_plan
from workplan_cli.models import Term
from workplan_cli.picture import (
    CalendarDay,
    Counts,
    DayItem,
    MonthTick,
    calendar_months,
    month_name,
    term_picture,
    weekday_name,
)
from workplan_cli.render import render

# The minimal committee plan (term 2023-01-01 to 2023-06-30: 181 days, 4 units a day),
# plus an informal meeting, three activities (one outside the term), a yearly report
# and an event still to be dated.
TEXT = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8") + (
    "  - id: informal-2023-03-16\n    kind: informal\n    title: Informal meeting on testing\n"
    '    date: 2023-03-16\n    start_time: "14:00"\n    end_time: "15:00"\n'
    "activities:\n"
    "  - id: workshop\n    title: Workshop on testing\n    date: 2023-03-08\n    end_date: 2023-03-10\n"
    "  - id: seminar\n    title: Seminar on testing\n    date: 2023-03-09\n"
    "  - id: late-seminar\n    title: Seminar after the term\n    date: 2023-07-10\n"
    "pending:\n  - id: summit\n    title: Summit on testing\n"
    "reports:\n  - id: mines\n    title: Register of mines\n    frequency: yearly\n    due:\n"
    "      - {month: 4, day: 15}\n      - {month: 7, day: 1}\n"
)


def plan(text: str = TEXT):
    loaded = parse_plan(text, "p.yaml")
    assert loaded.plan is not None, loaded.diagnostics
    return loaded.plan


def marks(picture):
    return {
        lane.kind: [(m.id, m.x, m.width, m.y, m.row, m.label, m.href) for m in lane.marks] for lane in picture.lanes
    }


def test_term_picture_positions_every_mark():
    picture = term_picture(plan(), dt.date(2023, 3, 16))
    assert (picture.start, picture.end, picture.clipped) == (dt.date(2023, 1, 1), dt.date(2023, 6, 30), False)
    assert (picture.day, picture.width, picture.height, picture.top, picture.bottom) == (4, 748, 256, 22, 236)
    assert marks(picture) == {
        # The middle of 2 March (day 60 of the term) is 12 + 60 × 4 + 2.
        "meeting": [
            ("meeting-1", 254, 0, 49, 0, "1", "#meeting-1"),
            ("meeting-2", 310, 0, 49, 0, "2", "#meeting-2"),
            ("informal-2023-03-16", 310, 0, 71, 1, "", "#informal-2023-03-16"),
        ],
        # Bars start at the left edge of their first day and last as many days as the activity.
        "activity": [
            ("workshop", 276, 12, 115, 0, "", "#workshop"),
            ("seminar", 280, 4, 137, 1, "", "#seminar"),
        ],
        "milestone": [("first-version", 254, 0, 181, 0, "", None)],
        "deadline": [("mines/2023-04-15", 430, 0, 225, 0, "", "#mines")],
    }
    assert [(lane.kind, lane.y, lane.height, lane.rows, lane.label_y) for lane in picture.lanes] == [
        ("meeting", 22, 60, 2, 34),
        ("activity", 88, 60, 2, 100),
        ("milestone", 154, 38, 1, 166),
        ("deadline", 198, 38, 1, 210),
    ]
    assert picture.months == (
        MonthTick(2023, 1, 12, 124, True),
        MonthTick(2023, 2, 136, 112, False),
        MonthTick(2023, 3, 248, 124, False),
        MonthTick(2023, 4, 372, 120, False),
        MonthTick(2023, 5, 492, 124, False),
        MonthTick(2023, 6, 616, 120, False),
    )
    assert picture.as_of_x == 310
    assert [e.id for e in picture.pending] == ["summit"]
    assert [(e.id, e.date) for e in picture.outside] == [("late-seminar", dt.date(2023, 7, 10))]
    assert picture.counts == Counts(
        numbered_meetings=2, other_meetings=1, activities=2, milestones=1, deadlines=1, pending=1
    )


def test_term_picture_as_of_outside_the_term_draws_no_line():
    assert term_picture(plan(), dt.date(2023, 7, 1)).as_of_x is None
    assert term_picture(plan(), None).as_of_x is None
    assert term_picture(plan(), dt.date(2023, 1, 1)).as_of_x == 14
    assert term_picture(plan(), dt.date(2023, 6, 30)).as_of_x == 734


def test_calendar_months_weeks_monday_first_with_items():
    months = calendar_months(term_picture(plan()))
    assert [(m.year, m.month, len(m.weeks)) for m in months] == [
        (2023, 1, 6),  # 1 January 2023 was a Sunday
        (2023, 2, 5),
        (2023, 3, 5),
        (2023, 4, 5),
        (2023, 5, 5),
        (2023, 6, 5),
    ]
    march = months[2]
    assert [d.date.day if d else None for d in march.weeks[0]] == [None, None, 1, 2, 3, 4, 5]
    assert [d.date.day if d else None for d in march.weeks[-1]] == [27, 28, 29, 30, 31, None, None]
    assert march.weeks[0][3] == CalendarDay(
        dt.date(2023, 3, 2),
        True,
        (
            DayItem("meeting", "meeting-1", "First meeting", "1", "#meeting-1", False),
            DayItem("milestone", "first-version", "First version of the draft resolution", "", None, False),
        ),
    )
    assert march.weeks[1][3].items == (
        DayItem("activity", "workshop", "Workshop on testing", "", "#workshop", True),
        DayItem("activity", "seminar", "Seminar on testing", "", "#seminar", False),
    )
    assert [item.id for item in months[3].weeks[2][5].items] == ["mines/2023-04-15"]
    days = [d for m in months for w in m.weeks for d in w if d]
    assert len(days) == 181 and all(d.in_term for d in days)


def test_term_picture_of_a_long_term_shows_36_months_from_the_first_item():
    text = TEXT.replace("  end: 2023-06-30", "  end: 9999-12-31").replace(
        "  - id: late-seminar\n    title: Seminar after the term\n    date: 2023-07-10\n",
        "  - id: late-seminar\n    title: Seminar to the end of time\n    date: 2023-07-10\n    end_date: 9999-12-31\n",
    )
    picture = term_picture(plan(text))
    assert (picture.start, picture.end, picture.clipped) == (dt.date(2023, 3, 1), dt.date(2026, 2, 28), True)
    assert (picture.term_start, picture.term_end) == (dt.date(2023, 1, 1), dt.date(9999, 12, 31))
    assert len(picture.months) == len(calendar_months(picture)) == 36
    [bar] = [m for m in picture.lanes[1].marks if m.id == "late-seminar"]
    assert (bar.date, bar.last_day, bar.x + bar.width) == (
        dt.date(2023, 7, 10),
        dt.date(2026, 2, 28),
        picture.width - 12,
    )
    # Deadlines are expanded for the years pictured only.
    assert [m.id for m in picture.lanes[3].marks] == [
        "mines/2023-04-15",
        "mines/2023-07-01",
        "mines/2024-04-15",
        "mines/2024-07-01",
        "mines/2025-04-15",
        "mines/2025-07-01",
    ]
    html = render(plan(text), "html")
    assert (
        "<p>The picture and the calendar show March 1, 2023 to February 28, 2026 of a term from "
        "January 1, 2023 to December 31, 9999.</p>"
    ) in html


def test_term_picture_none_for_a_term_that_ends_before_it_starts():
    backwards = plan().model_copy(update={"term": Term(start=dt.date(2023, 6, 30), end=dt.date(2023, 1, 1))})
    assert term_picture(backwards) is None
    html = render(backwards, "html")
    assert 'id="term"' not in html and "<svg" not in html


def test_month_and_weekday_names_in_english():
    assert [month_name(1), month_name(9, short=True)] == ["January", "Sep"]
    assert [weekday_name(0), weekday_name(6, short=True)] == ["Monday", "Sun"]


@pytest.mark.parametrize("lang", ["en", "es", "fr", "pt"])
@pytest.mark.parametrize("short", [False, True])
def test_month_and_weekday_names_are_cldrs_standing_alone(lang, short):
    """English names come from Python, not Babel (an English page need not load it): the same as CLDR's."""
    from babel.dates import get_day_names, get_month_names

    width = "abbreviated" if short else "wide"
    with i18n.use(lang):
        assert [month_name(m, short) for m in range(1, 13)] == [
            str(get_month_names(width, "stand-alone", locale=lang)[m]) for m in range(1, 13)
        ]
        assert [weekday_name(d, short) for d in range(7)] == [
            str(get_day_names(width, "stand-alone", locale=lang)[d]) for d in range(7)
        ]
        assert [dates.month_name(dt.date(2023, m, 1)) for m in range(1, 13)] == [month_name(m) for m in range(1, 13)]


def test_an_english_page_does_not_load_babel():
    """Babel's locale data costs a tenth of an English page's rendering; the page has no use for it."""
    code = (
        "import sys, pathlib; from workplan_cli.loader import load_plan; from workplan_cli.render import render;"
        "html = render(load_plan(pathlib.Path(sys.argv[1])).plan, 'html', as_of=None);"
        "print(len(html) > 10000, sorted(m for m in sys.modules if m.split('.')[0] == 'babel'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(DATA / "csh-2022-2023.yaml")], capture_output=True, text=True, check=True
    )
    assert done.stdout == "True []\n"


def test_render_as_of_draws_the_line_and_says_so(tmp_path, runner):
    path = write(tmp_path, "p.yaml", TEXT)
    result = runner.invoke(app, ["render", str(path), "--as-of", "2023-03-16"])
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    assert '<g class="as-of">\n<line x1="310" y1="0" x2="310" y2="236"/>' in html
    assert ">As of March 16, 2023</text>" in html
    desc = re.search(r'<desc id="term-desc">(.*?)</desc>', html, re.S).group(1)
    assert " ".join(desc.split()) == (
        "2 numbered meetings, 1 other meeting of the committee, 2 other OAS activities, "
        "1 milestone of the draft resolution and 1 reporting deadline, from January 1, 2023 to June 30, 2023. "
        "1 event is still to be dated. A vertical line marks March 16, 2023. "
        "The calendar below lists every item day by day."
    )
    outside = runner.invoke(app, ["render", str(path), "--as-of", "2023-07-01"])
    assert 'class="as-of"' not in outside.stdout
    assert "<p>July 1, 2023, the day given, falls outside the picture.</p>" in outside.stdout
    without = runner.invoke(app, ["render", str(path)])
    assert without.exit_code == 0 and 'class="as-of"' not in without.stdout and "the day given" not in without.stdout
    assert without.stdout == render(plan(), "html")


def test_render_as_of_not_a_date_is_a_usage_error(tmp_path, runner):
    path = write(tmp_path, "p.yaml", TEXT)
    result = runner.invoke(app, ["render", str(path), "--as-of", "2023-02-30"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Invalid value for '--as-of'" in result.stderr and "Traceback" not in result.stderr


def test_term_section_marks_and_calendar_in_the_page():
    html = render(plan(), "html", as_of=dt.date(2023, 3, 16))
    section = html[html.index('<section id="term"') : html.index('<section id="pending"')]
    assert (
        '<svg class="term-svg" viewBox="0 0 748 256" aria-labelledby="term-title" aria-describedby="term-desc">'
        in section
    )
    assert re.findall(r'<a href="(#[^"]+)"><title>', section) == [
        "#meeting-1",
        "#meeting-2",
        "#informal-2023-03-16",
        "#workshop",
        "#seminar",
        "#mines",
    ]
    assert '<g class="mark mark-meeting"><circle cx="254" cy="49" r="8"/><text x="254" y="52">1</text></g>' in section
    assert '<g class="mark mark-activity"><rect x="276" y="109" width="12" height="12"/></g>' in section
    assert '<polygon points="254,174 261,181 254,188 247,181"/>' in section  # the milestone's diamond
    assert '<polygon points="430,232 437,219 423,219"/>' in section  # the deadline's triangle
    assert re.findall(r"<caption>([^<]+)</caption>", section) == [
        "January 2023",
        "February 2023",
        "March 2023",
        "April 2023",
        "May 2023",
        "June 2023",
    ]
    assert section.count('<th scope="col" abbr="Mon"><span class="long">Monday</span>') == 6
    assert (
        '<td class="busy"><time datetime="2023-03-02"><span class="weekday">Thu </span>2</time><ul><li class="meeting">'
        '<span class="glyph" aria-hidden="true">●</span>'
        ' <a href="#meeting-1">Meeting 1</a></li><li class="milestone"><span class="glyph" aria-hidden="true">◆</span>'
        " Draft resolution: First version of the draft resolution</li></ul></td>"
    ) in section
    assert '<a href="#workshop">Workshop on testing</a> (continued)</li>' in section
    assert '<a href="#mines">Report due: Register of mines</a>' in section
    assert '<li><a href="#summit">Summit on testing</a></li>' in section
    assert (
        '<a href="#late-seminar">Seminar after the term</a>, <time datetime="2023-07-10">July 10, 2023</time>'
        in section
    )


def test_term_section_escapes_plan_text():
    hostile = TEXT.replace("title: Workshop on testing", 'title: "<script>alert(1)</script>\\e[31m"')
    html = render(plan(hostile), "html")
    section = html[html.index('<section id="term"') : html.index('<section id="pending"')]
    assert "<script>" not in section and "\x1b" not in section
    assert section.count("&lt;script&gt;alert(1)&lt;/script&gt;\\x1b[31m") == 4  # a tooltip and three days


def test_program_page_has_no_term_picture():
    program = parse_plan((FIXTURES / "program-minimal.yaml").read_text(encoding="utf-8"), "p.yaml").plan
    html = render(program, "html", as_of=dt.date(2023, 3, 1))
    assert "<svg" not in html and "term-svg" not in html
