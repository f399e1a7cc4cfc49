"""The committee plan's model (models/committee.py): the classes of plan issue #25 lists a committee plan holds, each held by exact output.

Each test takes the minimal committee plan (tests/fixtures/committee-minimal.yaml:
term 2023-01-01 to 2023-06-30, meetings on Thursday 2 and 16 March 2023) and
changes it into one sample of a class; several also draw many samples of the
class with Hypothesis.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import line_of, write
from pages import empty_parts_html, empty_parts_md
from workplan_cli.cli import app
from workplan_cli.lint.references import RESOLUTION_SYMBOL, is_symbol
from workplan_cli.picture import calendar_months, term_picture
from workplan_cli.render import render
from workplan_cli.timeline import build_timeline

from . import BASE, MEETING_2, SETTINGS, ics_events, ics_lines, load, problems, sub

# --- 1. a meeting whose day is known and hours are not ------------------------------------------

NO_HOURS = sub(BASE, MEETING_2, "    date: 2023-03-16\n")


def test_hours_may_be_left_out_together():
    assert problems(NO_HOURS) == []
    one = sub(BASE, MEETING_2, '    date: 2023-03-16\n    start_time: "10:00"\n')
    assert problems(one) == [
        (
            "WP014",
            line_of(one, "  - id: meeting-2"),
            5,
            "meetings[1]: start_time is given without end_time: give both, or neither while the hours are to be confirmed",
        )
    ]


def test_hours_to_be_confirmed_are_said_everywhere():
    plan = load(NO_HOURS)
    html = render(plan, "html")
    assert (
        '<p class="when"><time datetime="2023-03-16">Thursday, March 16, 2023</time> '
        '(<span class="tbd">time to be confirmed</span>)</p>'
    ) in html
    assert '<li><a href="#meeting-2">16 Mar: Second meeting</a></li>' in html
    assert "\nThursday, March 16, 2023 (time to be confirmed)\n" in render(plan, "md")
    assert "\njueves, 16 de marzo de 2023 (hora por confirmar)\n" in render(plan, "md", lang="es")
    assert "\njeudi 16 mars 2023 (heure à confirmer)\n" in render(plan, "md", lang="fr")
    assert "\nquinta-feira, 16 de março de 2023 (horário a confirmar)\n" in render(plan, "md", lang="pt")


def test_hours_to_be_confirmed_in_upcoming_show_and_query(runner, tmp_path):
    path = write(tmp_path, "p.yaml", NO_HOURS)
    upcoming = runner.invoke(app, ["upcoming", str(path), "--as-of", "2023-03-16", "--days", "1"])
    assert upcoming.stdout.splitlines()[-1] == "Thu, Mar 16, 2023  time to be confirmed  today  meeting  Second meeting"
    shown = runner.invoke(app, ["show", "meeting-2", str(path)])
    assert shown.stdout == "SECOND MEETING\nThursday, March 16, 2023, time to be confirmed\n"
    rows = json.loads(runner.invoke(app, ["upcoming", str(path), "--as-of", "2023-03-16", "-f", "json"]).stdout)
    assert [(r["id"], r["start_time"], r["end_time"]) for r in rows] == [("meeting-2", None, None)]
    query = runner.invoke(app, ["query", "meetings", str(path), "--from", "2023-03-10"])
    assert query.stdout == "Thu, Mar 16, 2023  time to be confirmed  meeting-2\n    Second meeting\n\n1 meeting.\n"


def test_hours_to_be_confirmed_make_an_all_day_event():
    assert ics_lines(NO_HOURS, "meeting-2")[1:4] == [
        "SUMMARY:CT: Second meeting",
        "DTSTART;VALUE=DATE:20230316",
        "DTEND;VALUE=DATE:20230317",
    ]


@SETTINGS
@given(
    st.sampled_from(["08:00", "10:00", "12:30", "15:00", "18:00"]),
    st.sampled_from(["08:30", "11:00", "13:00", "17:30", "20:00"]),
    st.booleans(),
)
def test_a_meeting_without_hours_takes_its_whole_day_in_clash_checks(start, end, within):
    """Whatever the hours of another meeting that day, one without hours overlaps it (unless held within it)."""
    if end <= start:
        start, end = end, start
    other = (
        f"  - id: other\n    kind: informal\n    date: 2023-03-16\n"
        f'    start_time: "{start}"\n    end_time: "{end}"\n' + ("    within: meeting-2\n" if within else "")
    )
    text = NO_HOURS + other
    found = problems(text, "WP122")
    if within:
        assert found == []
    else:
        assert found == [
            (
                "WP122",
                line_of(text, "  - id: other") + 3,
                17,
                f"meeting 'other' ({start}–{end}) overlaps 'meeting-2' (time to be confirmed, taken as the whole day) "
                "on 2023-03-16; if it is held within it, add `within: meeting-2`",
            )
        ]


# --- 2. a meeting over several days ----------------------------------------------------------------

TWO_DAYS = sub(BASE, MEETING_2, MEETING_2.replace("2023-03-16\n", "2023-03-16\n    end_date: 2023-03-17\n"))


def test_a_meeting_of_two_days_covers_both_in_the_pages_and_the_calendar_file():
    plan = load(TWO_DAYS)
    assert problems(TWO_DAYS) == []
    html = render(plan, "html")
    assert (
        '<p class="when"><time datetime="2023-03-16T10:00">Thursday, March 16, 2023</time> to '
        '<time datetime="2023-03-17">Friday, March 17, 2023</time> (10:00 a.m. – '
        '<time datetime="2023-03-17T13:00">1:00 p.m.</time>)</p>'
    ) in html
    assert '<tr><td><time datetime="2023-03-16">16–17</time></td><td>Second meeting</td></tr>' in html
    md = render(plan, "md")
    assert "\nThursday, March 16, 2023 to Friday, March 17, 2023 (10:00 a.m. – 1:00 p.m.)\n" in md
    lines = ics_lines(TWO_DAYS, "meeting-2")
    assert lines[1:4] == [
        "SUMMARY:CT: Second meeting",
        "DTSTART;TZID=America/New_York:20230316T100000",
        "DTEND;TZID=America/New_York:20230316T130000",
    ]
    assert "RRULE:FREQ=DAILY;COUNT=2" in lines


def test_a_meeting_of_two_days_in_the_picture_of_the_term():
    picture = term_picture(load(TWO_DAYS))
    [mark] = [m for lane in picture.lanes for m in lane.marks if m.id == "meeting-2"]
    assert (mark.date, mark.last_day, mark.x, mark.width) == (dt.date(2023, 3, 16), dt.date(2023, 3, 17), 310, 4)
    days = {
        day.date: [(i.id, i.continued) for i in day.items]
        for month in calendar_months(picture)
        for week in month.weeks
        for day in week
        if day and day.items
    }
    assert days[dt.date(2023, 3, 16)] == [("meeting-2", False)]
    assert days[dt.date(2023, 3, 17)] == [("meeting-2", True)]
    html = render(load(TWO_DAYS), "html")
    assert (
        '<line class="mark-days" x1="310" y1="49" x2="314" y2="49" stroke="currentColor" stroke-width="4" '
        'stroke-linecap="round"/>'
    ) in html


def test_a_meeting_of_two_days_in_upcoming(runner, tmp_path):
    path = write(tmp_path, "p.yaml", TWO_DAYS)
    second_day = runner.invoke(app, ["upcoming", str(path), "--as-of", "2023-03-17", "--days", "1"])
    assert second_day.stdout.splitlines()[-1] == (
        "Fri, Mar 17, 2023  10:00 a.m. – 1:00 p.m., until March 17  ongoing since March 16  meeting  Second meeting"
    )
    rows = json.loads(runner.invoke(app, ["upcoming", str(path), "--as-of", "2023-03-17", "-f", "json"]).stdout)
    assert [(r["id"], r["date"], r["end_date"]) for r in rows] == [("meeting-2", "2023-03-16", "2023-03-17")]


@SETTINGS
@given(st.integers(min_value=0, max_value=4), st.integers(min_value=-2, max_value=7))
def test_every_day_of_a_meeting_is_in_windows_and_the_calendar_file(extra_days, offset):
    """A meeting from 13 March for 1 to 5 days: a one-day window on any of its days lists it, others do not."""
    last = dt.date(2023, 3, 13) + dt.timedelta(days=extra_days)
    text = sub(BASE, "date: 2023-03-16\n", f"date: 2023-03-13\n    end_date: {last}\n")
    plan = load(text)
    day = dt.date(2023, 3, 13) + dt.timedelta(days=offset)
    listed = [e.id for e in build_timeline([plan], day, day, ["meeting"]).dated]
    assert ("meeting-2" in listed) == (dt.date(2023, 3, 13) <= day <= last)
    event = ics_events(text)["meeting-2"]
    assert event.get("rrule") == ({"FREQ": ["DAILY"], "COUNT": [extra_days + 1]} if extra_days else None)


# --- 3. the plan's own document data ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "line"),
    [
        (
            "symbol: CP/CSH-1757/16 rev. 1\ndate: 2017-03-09\n",
            'Document CP/CSH-1757/16 rev. 1. Dated <time datetime="2017-03-09">Thursday, March 9, 2017</time>.',
        ),
        ("symbol: CP/CSH-1757/16\nrevision: 1\n", "Document CP/CSH-1757/16 rev. 1."),
        ("symbol: CP/CSH-1757/16 rev. 1\nrevision: rev. 1\n", "Document CP/CSH-1757/16 rev. 1."),
        ("date: 2017-03-09\n", 'Dated <time datetime="2017-03-09">Thursday, March 9, 2017</time>.'),
    ],
)
def test_symbol_revision_and_cover_date_in_the_header(keys, line):
    plan = load(sub(BASE, "committee:\n", keys + "committee:\n"))
    html = render(plan, "html")
    assert f'<header>\n<p class="document">{line}</p>\n<h1>Test plan</h1>' in html
    md = render(plan, "md")
    assert md.startswith(re.sub(r"<[^>]+>", "", line) + "\n\n# Test plan\n")


def test_no_document_line_without_symbol_or_date():
    assert '<p class="document">' not in render(load(BASE), "html")
    assert render(load(BASE), "md").startswith("# Test plan\n")


# --- 4. sections the document does not have -------------------------------------------------------

# Each optional part of the minimal plan, as the text to take out of it.
OPTIONAL = {
    "introduction": BASE[BASE.index("\nintroduction:") + 1 : BASE.index("\nofficers:") + 1],
    "officers": BASE[BASE.index("\nofficers:") + 1 : BASE.index("\nfunctions:") + 1],
    "functions": "functions: To test.\n",
    "mandates": BASE[BASE.index("\nmandates:") + 1 : BASE.index("\nresolutions:") + 1],
    "working_groups": BASE[BASE.index("\nworking_groups:") + 1 : BASE.index("\nareas:") + 1],
    "procedure": BASE[BASE.index("\nprocedure:") + 1 : BASE.index("\nmeetings:") + 1],
    "adopted": "adopted: 2023-01-05\n",
}


def without(*names: str) -> str:
    text = BASE
    for name in names:
        text = sub(text, OPTIONAL[name], "")
    if "working_groups" in names:  # what cited only the working group goes with it
        text = sub(text, "                by: [wg-test]\n", "")
    if "mandates" in names:
        text = sub(text, '      - label: "1"\n        subject: Testing\n', "")
    return text


@SETTINGS
@given(st.sets(st.sampled_from(sorted(OPTIONAL))), st.sampled_from(["en", "es", "fr", "pt"]))
def test_sections_a_plan_does_not_have_are_not_printed(names, lang):
    plan = load(without(*names))
    html = render(plan, "html", lang=lang)
    md = render(plan, "md", lang=lang)
    assert empty_parts_html(html) == []
    assert empty_parts_md(md) == []
    for name, anchor in [("officers", "#officers"), ("working_groups", "#working-groups"), ("procedure", "#procedure")]:
        assert (f'<a href="{anchor}">' in html) == (name not in names)
    if {"functions", "mandates"} <= names:
        assert 'id="mandates"' not in html and "mandates" not in md.split("\n## ")[1]


def test_a_plan_with_only_the_required_parts(runner, tmp_path):
    path = write(
        tmp_path,
        "p.yaml",
        "kind: committee-plan\nschema_version: 1\nid: t\ntitle: T\ncommittee: {name: Committee on Testing, acronym: CT}\n"
        "term: {start: 2023-01-01, end: 2023-06-30}\nmeetings:\n  - {id: m1, kind: regular, date: 2023-03-02}\n",
    )
    result = runner.invoke(app, ["validate", str(path)])
    # It names no General Assembly session, so none is asked for (WP115 asks only for a named session's date).
    assert (result.exit_code, result.stdout) == (0, "1 file checked: no problems.\n")
    html = runner.invoke(app, ["render", str(path)]).stdout
    assert re.findall(r'<li><a href="#([\w-]+)">', html) == ["schedule", "m1", "summary", "term"]
    assert empty_parts_html(html) == []
    assert "Draft resolution" not in html and "Reports due" not in html and "Still to be dated" not in html


# --- 5. dates the document never gives ------------------------------------------------------------

OPEN_TERM = sub(BASE, "  end: 2023-06-30\n", "")


def test_a_term_without_end_says_so():
    plan = load(OPEN_TERM)
    html = render(plan, "html")
    assert (
        '<p>Committee on Testing (CT) · Term from <time datetime="2023-01-01">Sunday, January 1, 2023</time>; '
        "its end is to be confirmed</p>"
    ) in html
    assert "<title>CT work plan from 2023</title>" in html
    assert (
        "<p>The term's end is to be confirmed: the picture and the calendar end with its last dated item, "
        "March 16, 2023.</p>"
    ) in html
    assert "· term from Sunday, January 1, 2023; its end is to be confirmed ·" in render(plan, "md")
    assert "· mandato desde el domingo, 1 de enero de 2023; fecha de término por confirmar ·" in render(
        plan, "md", lang="es"
    )
    picture = term_picture(plan)
    assert (picture.start, picture.end, picture.term_end, picture.clipped) == (
        dt.date(2023, 1, 1),
        dt.date(2023, 3, 16),
        None,
        False,
    )


def test_a_term_without_end_in_an_empty_window(runner, tmp_path):
    path = write(tmp_path, "p.yaml", OPEN_TERM)
    result = runner.invoke(app, ["upcoming", str(path), "--as-of", "2024-01-01"], env={"COLUMNS": "200"})
    assert result.stdout.splitlines()[1] == (
        "  test-2023: term from Sun, Jan 1, 2023, its end to be confirmed; 2 meetings, 0 other activities."
    )


def test_no_general_assembly_date_warns_and_init_asks_for_it(runner, tmp_path):
    text = sub(BASE, "    date: 2023-06-28\n    end_date: 2023-06-30\n", "")
    assert problems(text, "WP115") == [
        (
            "WP115",
            line_of(text, "  general_assembly:"),
            3,
            "the General Assembly's date is not given (to be confirmed): `workplan init` cannot date next term's "
            "session from this plan",
        )
    ]
    path = write(tmp_path, "p.yaml", text)
    refused = runner.invoke(app, ["init", "--from", str(path), "--start", "2024-01-01", "-o", "-"])
    assert (refused.exit_code, refused.stderr) == (
        2,
        f"workplan: error: {path} gives no date for the General Assembly; give --general-assembly DATE\n",
    )
    drafted = runner.invoke(
        app, ["init", "--from", str(path), "--start", "2024-01-01", "--general-assembly", "2024-06-26", "-o", "-"]
    )
    assert drafted.exit_code == 0, drafted.stderr
    assert "    date: 2024-06-26\n" in drafted.stdout


# --- 6. numbering as printed ---------------------------------------------------------------------

LETTERED = sub(
    sub(BASE, "  - source: From the test session\n", "  - letter: A\n    source: From the test session\n"),
    "      - text: Follow-up on paragraph 1\n",
    "      - number: 1\n        text: Follow-up on paragraph 1\n",
)


def test_mandates_keep_their_printed_letters_and_numbers():
    plan = load(LETTERED)
    html = render(plan, "html")
    # The paragraph the mandate cites is printed after it, as an agenda entry's are.
    assert (
        '<h3>A. From the test session</h3>\n\n<ul>\n<li><span class="number">1.</span> Follow-up on paragraph 1'
        '<span class="refs">Paragraph:\n<span class="para" title="Testing">1</span>. </span></li>'
    ) in html
    md = render(plan, "md")
    assert "\n### A. From the test session\n\n- 1\\. Follow-up on paragraph 1 _(paragraph 1)_\n" in md


def test_areas_need_no_number(runner, tmp_path):
    text = sub(BASE, "    number: 1\n    name: Testing\n", "    name: Testing\n")
    assert problems(text) == []
    path = write(tmp_path, "p.yaml", text)
    found = runner.invoke(app, ["query", "meetings", str(path), "--area", "testing", "-f", "json"])
    assert [m["id"] for m in json.loads(found.stdout)] == ["meeting-1"]


# --- 10. presenters who are member states ------------------------------------------------------------

COUNTRY = sub(
    sub(BASE, "working_groups:", "countries:\n  - {id: chile, name: Chile}\nworking_groups:"),
    "                by: [wg-test]\n",
    "                by: [wg-test, chile]\n                speakers: [{name: Ms. Ana Pérez, body: chile}]\n",
)


def test_a_country_presents(runner, tmp_path):
    assert problems(COUNTRY) == []
    html = render(load(COUNTRY), "html")
    # The speaker is named with the body they speak for, as the plan gives it.
    assert "Presented by: Chair of the Working Group on Testing; Chile; Ms. Ana Pérez, Chile." in html
    path = write(tmp_path, "p.yaml", COUNTRY)
    found = runner.invoke(app, ["query", "meetings", str(path), "--presenter", "Chile", "-f", "json"])
    assert [(m["id"], m["items"][0]["by"]) for m in json.loads(found.stdout)] == [
        ("meeting-1", ["wg-test", "chile", "Ms. Ana Pérez"])
    ]
    wrong = (
        COUNTRY
        + '  - {id: m3, kind: informal, date: 2023-03-02, start_time: "11:00", end_time: "12:00", within: chile}\n'
    )
    assert [(p[0], p[3]) for p in problems(wrong, "WP104")] == [
        ("WP104", "`within` names 'chile', which is a country, not a meeting")
    ]


# --- 11. symbols of every session ------------------------------------------------------------------

ROMAN = ["I", "IV", "IX", "XIV", "XXXII", "XLI", "XLVI", "LII", "LXIX"]


@SETTINGS
@given(
    st.integers(min_value=1, max_value=3999),
    st.sampled_from(ROMAN),
    st.sampled_from(["O", "E"]),
    st.integers(min_value=0, max_value=99),
    st.sampled_from(["", " rev. 1", " corr. 2"]),
)
def test_resolution_symbols_of_every_session_are_symbols(number, session, kind, year, revision):
    symbol = f"AG/RES. {number} ({session}-{kind}/{year:02d}){revision}"
    assert RESOLUTION_SYMBOL.match(symbol) and is_symbol(symbol)


@pytest.mark.parametrize(
    "symbol",
    [
        "AG/RES. 1 (XLVI-E/14)",
        "AG/RES. 2986 (LII-O/22)",
        "CP/RES. 1061 (2063/16)",
        "AG/DEC. 79 (XLIV-O/14)",
        "CP/CSH-414/001",
        "CP/CSH/INF. 459/16",
        "CP/CSH/INF.573/23",
        "CP/CSH-1757/16 rev. 1",
        "RC.24/RES. 1/01",
        "GT/VE 3/15 rev. 1",
    ],
)
def test_document_symbols_as_printed_pass(symbol):
    text = sub(
        BASE,
        "                by: [wg-test]\n",
        f"                by: [wg-test]\n                documents: [{symbol}]\n",
    )
    assert problems(text, "WP103") == []


def test_a_document_symbol_finding_is_suppressed_by_its_subject():
    odd = sub(
        BASE,
        "                by: [wg-test]\n",
        "                by: [wg-test]\n                documents: [Note of 3 May]\n",
    )
    assert [p[0] for p in problems(odd, "WP103")] == ["WP103"]
    by_symbol = odd + 'suppress:\n  - {rule: document-symbol, subject: "Note of 3 May", reason: cited as printed}\n'
    by_owner = odd + "suppress:\n  - {rule: document-symbol, subject: meeting-1, reason: cited as printed}\n"
    assert problems(by_symbol, "WP103", "WP150") == []
    assert problems(by_owner, "WP103", "WP150") == []
    stray = odd + 'suppress:\n  - {rule: document-symbol, subject: "Note of 4 May", reason: typo}\n'
    assert problems(stray, "WP150") == [
        ("WP150", line_of(stray, 'subject: "Note of 4 May"'), 38, "no id 'Note of 4 May' in this plan")
    ]


SPECIAL = sub(
    BASE,
    "working_groups:",
    "  - {id: ag-1-xlvi-e, symbol: AG/RES. 1 (XLVI-E/14), paragraphs: [{label: '3'}]}\n"
    "  - {id: ag-1-xlvii-e, symbol: AG/RES. 1 (XLVII-E/14), paragraphs: [{label: '3'}]}\n"
    "working_groups:",
).replace(
    'paragraphs: ["2.a"]\n                by',
    'paragraphs: ["2.a", "ag-1-xlvi-e:3", "ag-1-xlvii-e:3"]\n                by',
)


@pytest.mark.parametrize(
    ("word", "found"),
    [
        ("AG/RES. 1 (XLVI-E/14)", ["meeting-1"]),
        ("ag-1-xlvii-e", ["meeting-1"]),
        ("1 (XLVI-E/14)", ["meeting-1"]),
        ("AG/RES. 1 (I-O/23)", []),
    ],
)
def test_query_by_the_symbol_of_a_special_session(runner, tmp_path, word, found):
    path = write(tmp_path, "p.yaml", SPECIAL)
    result = runner.invoke(
        app, ["query", "meetings", str(path), "--paragraph", "3", "--resolution", word, "-f", "json"]
    )
    assert result.exit_code == 0, result.stderr
    assert [m["id"] for m in json.loads(result.stdout)] == found


def test_query_by_a_number_several_sessions_share_asks_which(runner, tmp_path):
    path = write(tmp_path, "p.yaml", SPECIAL)
    result = runner.invoke(app, ["query", "references", "3", str(path), "--resolution", "AG/RES. 1"])
    assert (result.exit_code, result.stderr) == (
        2,
        "workplan: error: 'AG/RES. 1' fits several resolutions of test-2023 (AG/RES. 1 (I-O/23); "
        "AG/RES. 1 (XLVI-E/14); AG/RES. 1 (XLVII-E/14)); give the full symbol or the id\n",
    )


# --- 12. the summary of meetings is derived ------------------------------------------------------------


def test_every_meeting_has_a_line_in_the_summary_and_a_typed_one_wins():
    text = sub(
        BASE,
        "    number: 2\n    kind: regular\n",
        "    number: 2\n    kind: regular\n    summary: Regular meeting of the CT\n",
    )
    text += '  - {id: informal-1, kind: informal, title: Informal meeting on testing, date: 2023-03-23, start_time: "10:00", end_time: "11:00"}\n'
    html = render(load(text), "html")
    summary = html[html.index('<section id="summary"') : html.index('<section id="term"')]
    assert re.findall(r"<tr><td><time[^>]*>([^<]+)</time></td><td>([^<]+)</td></tr>", summary) == [
        ("2", "First meeting"),
        ("16", "Regular meeting of the CT"),
        ("23", "Informal meeting on testing"),
    ]
    assert "| 2 | Primera reunión |" in render(load(text), "md", lang="es")


# --- 13. words of one plan live in the plan -------------------------------------------------------------


def test_the_schedule_heading_and_time_zone_sentence_come_from_the_plan():
    plain = render(load(BASE), "html")
    assert '<th scope="col">Other OAS activities</th>' not in plain  # nothing for a second column
    with_activity = BASE + "activities:\n  - {id: a, title: A, date: 2023-03-09}\n"
    assert '<th scope="col">Other OAS activities</th></tr></thead>' in render(load(with_activity), "html")
    own = with_activity + "activities_heading: Other OAS activities in the juridical area\n"
    assert '<th scope="col">Other OAS activities in the juridical area</th></tr></thead>' in render(load(own), "html")
    assert "Times are local" not in plain and "times are local" not in render(load(BASE), "md")
    stated = sub(BASE, "adopted: 2023-01-05\n", "adopted: 2023-01-05\ntimezone: America/Bogota\n")
    assert "Adopted by the Committee on" in render(load(stated), "html")
    assert "Times are local (America/Bogota).</p>" in render(load(stated), "html")
    assert "· times are local (America/Bogota)\n" in render(load(stated), "md")
    for page in (plain, render(load(with_activity), "md")):
        assert "security" not in page and "headquarters" not in page


# --- 14. a meeting's own papers ----------------------------------------------------------------------

PAPERS = sub(
    BASE,
    "    number: 2\n",
    "    number: 2\n    documents: [CP/CT-12/23, CP/CT-13/23]\n    links: [https://example.org/audio/meeting-2]\n",
)


def test_a_meeting_documents_and_links_are_shown_with_it(runner, tmp_path):
    plan = load(PAPERS)
    assert problems(PAPERS) == []
    html = render(plan, "html")
    assert (
        '<p class="papers">Documents: <span class="doc">CP/CT-12/23</span>, <span class="doc">CP/CT-13/23</span>. '
        '<a href="https://example.org/audio/meeting-2">https://example.org/audio/meeting-2</a></p>'
    ) in html
    md = render(plan, "md")
    assert "\nDocuments: `CP/CT-12/23`, `CP/CT-13/23`\n\n<https://example.org/audio/meeting-2>\n" in md
    assert "\nDocumentos: `CP/CT-12/23`, `CP/CT-13/23`\n" in render(plan, "md", lang="es")
    path = write(tmp_path, "p.yaml", PAPERS)
    shown = runner.invoke(app, ["show", "meeting-2", str(path)])
    assert shown.stdout.splitlines()[2:4] == [
        "Documents: CP/CT-12/23, CP/CT-13/23",
        "Link: https://example.org/audio/meeting-2",
    ]
    description = str(ics_events(PAPERS)["meeting-2"]["description"])
    assert description == "Documents: CP/CT-12/23, CP/CT-13/23\nLink: https://example.org/audio/meeting-2"


# --- 15. partial plans ---------------------------------------------------------------------------


def test_numbering_that_starts_later_is_a_warning_only():
    text = sub(sub(BASE, "    number: 2\n", "    number: 8\n"), "    number: 1\n    kind", "    number: 7\n    kind")
    assert problems(text, "WP120") == []
    assert [(p[0], p[3]) for p in problems(text)] == [
        ("WP124", "numbering does not start at 1 (the first is 7): a partial plan, or meetings missing")
    ]


def test_officers_known_in_part():
    """A plan transcribed from a summary may know an officer's office and name only."""
    text = sub(
        BASE,
        "    position: Permanent Representative of Testland\n    country: Testland\n"
        "    elected_by: Permanent Council\n    elected_on: 2023-01-01\n",
        "",
    )
    text = sub(
        text, "officers:\n", "officers:\n  - {id: vice, role: vice-chair, name: Ben Example, elected_on: 2023-02-01}\n"
    )
    assert problems(text) == []
    html = render(load(text), "html")
    assert (
        '<thead><tr><th scope="col">Office</th><th scope="col">Name</th><th scope="col">Elected</th></tr></thead>\n'
        '<tbody>\n<tr><th scope="row">Vice chair</th><td>Ben Example</td>'
        '<td><time datetime="2023-02-01">Wednesday, February 1, 2023</time></td></tr>\n'
        '<tr><th scope="row">Chair</th><td>Ada Lovelace</td><td></td></tr>'
    ) in html
    md = render(load(text), "md")
    assert (
        "| Office | Name | Elected |\n| --- | --- | --- |\n| Vice chair | Ben Example | Wednesday, February 1, 2023 |\n"
        in md
    )


def test_a_country_holds_an_activity():
    text = sub(BASE, "working_groups:", "countries:\n  - {id: mexico, name: Mexico}\nworking_groups:")
    text += "activities:\n  - {id: course, title: Course, date: 2023-03-09, organizers: [mexico]}\n"
    assert problems(text) == []
    assert '<time datetime="2023-03-09">March 9</time>: Course, Mexico</td>' in render(load(text), "html")


def test_a_plan_with_no_meeting_yet_prints_no_empty_part():
    text = "kind: committee-plan\nschema_version: 1\nid: t\ntitle: T\ncommittee: {name: Committee on Testing, acronym: CT}\n"
    text += "term: {start: 2023-01-01, end: 2023-06-30}\nmeetings: []\n"
    html = render(load(text), "html")
    assert html[html.index("<body>") :] == (
        "<body>\n<header>\n<h1>T</h1>\n<p>Committee on Testing (CT) · Term "
        '<time datetime="2023-01-01">Sunday, January 1, 2023</time> to '
        '<time datetime="2023-06-30">Friday, June 30, 2023</time></p>\n</header>\n<main>\n</main>\n</body>\n</html>\n'
    )
    assert render(load(text), "md") == (
        "# T\n\nCommittee on Testing (CT) · term Sunday, January 1, 2023 to Friday, June 30, 2023\n\n"
    )
