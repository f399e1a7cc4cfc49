"""The plans in examples/: written in the format, not copied from the bundled plans, each held by exact output.

- minimal.yaml: one meeting, nothing optional;
- cajp-2005-2006.yaml: another committee's shape (areas without numbers, lettered
  and numbered mandates, no omnibus procedure, a two-day meeting, a meeting
  without hours, a month-dated activity, a delegation presenting);
- csh-2016-2017-partial.yaml: a plan known in part (no term end, no General
  Assembly date, numbering from the third meeting, a footnote without text).
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT, check_jsonschema, cross
from pages import chrome, empty_parts_html, empty_parts_md, english_words
from workplan_cli.cli import app
from workplan_cli.loader import load_plan
from workplan_cli.render import render

EXAMPLES = ROOT / "examples"
PATHS = {p.stem: p for p in sorted(EXAMPLES.glob("*.yaml"))}
PLANS = {name: load_plan(path).plan for name, path in PATHS.items()}
LANGS = ["en", "es", "fr", "pt"]

# Words of the CSH plan that no other plan's pages may carry unless the plan says them itself.
CSH_WORDS = ["security area", "headquarters", "omnibus", "Hemispheric", "CSH", "IADB", "CICTE", "MISPA"]


def test_the_examples_are_there():
    assert sorted(PATHS) == ["cajp-2005-2006", "csh-2016-2017-partial", "minimal"]


def test_examples_validate_with_exactly_these_warnings(runner):
    result = runner.invoke(app, ["validate", str(EXAMPLES)])
    partial, minimal = PATHS["csh-2016-2017-partial"], PATHS["minimal"]
    assert (result.exit_code, result.stdout) == (
        0,
        f"{partial}:18:1: warning WP115 the term's end is not given (to be confirmed): meetings and milestones "
        "are checked against its start only, and the picture of the term ends with the plan's last dated item\n"
        f"{partial}:22:3: warning WP115 the General Assembly's date is not given (to be confirmed): `workplan init` "
        "cannot date next term's session from this plan\n"
        f"{partial}:40:13: warning WP124 numbering does not start at 1 (the first is 3): a partial plan, or "
        "meetings missing\n"
        f"{partial}:59:25: warning WP109 footnote 2 has no text; it is printed as to be confirmed\n"
        f"{minimal}:14:1: warning WP115 the term's end is not given (to be confirmed): meetings and milestones are "
        "checked against its start only, and the picture of the term ends with the plan's last dated item\n"
        "Found 0 errors and 5 warnings in 3 files.\n",
    )
    assert runner.invoke(app, ["validate", "--strict", str(PATHS["cajp-2005-2006"])]).exit_code == 0
    assert runner.invoke(app, ["fmt", "--check", str(EXAMPLES)]).exit_code == 0


@pytest.mark.parametrize(("name", "lang"), cross(sorted(PATHS), LANGS))
def test_examples_render_without_empty_sections_or_another_plan_words(name, lang):
    plan, path = PLANS[name], PATHS[name]
    html = render(plan, "html", lang=lang, plan_path=path)
    md = render(plan, "md", lang=lang, plan_path=path)
    ics = render(plan, "ics", lang=lang, plan_path=path)
    assert empty_parts_html(html) == []
    assert empty_parts_md(md) == []
    own = json.dumps(plan.model_dump(mode="json"), ensure_ascii=False)
    for word in CSH_WORDS:
        if word not in own:
            assert word not in html and word not in md and word not in ics, word
    assert ics.count("BEGIN:VEVENT") == len(plan.meetings) + len(plan.activities)
    if lang != "en":
        words = english_words(lang)
        for fmt, page in (("html", html), ("md", md)):
            left = sorted({w for w in re.findall(r"[A-Za-z]+", chrome(page, plan, fmt)) if w.lower() in words})
            assert left == [], (fmt, left)


def test_minimal_markdown_in_full():
    assert render(PLANS["minimal"], "md") == (
        "# Work plan of the Committee on Inter-American Summits Management and Civil Society Participation\n"
        "\n"
        "Committee on Inter-American Summits Management and Civil Society Participation in OAS Activities (CISC) · "
        "term from Thursday, November 7, 2024; its end is to be confirmed\n"
        "\n"
        "## Contents\n"
        "\n"
        "- [Schedule](#schedule-of-activities) · [Summary of meetings](#summary-of-meetings)\n"
        "\n"
        "## Schedule of activities\n"
        "\n"
        "### 2024\n"
        "\n"
        "#### FIRST MEETING\n"
        "\n"
        "Thursday, November 21, 2024 (time to be confirmed)\n"
        "\n"
        "\n"
        "## Summary of meetings\n"
        "\n"
        "| Day | Meeting |\n"
        "| --- | --- |\n"
        "| **2024** | |\n"
        "| **NOVEMBER** | |\n"
        "| 21 | First meeting |\n"
        "\n"
    )


def test_minimal_calendar_file():
    ics = render(PLANS["minimal"], "ics").replace("\r\n ", "")
    event = ics[ics.index("BEGIN:VEVENT") : ics.index("END:VEVENT")].split("\r\n")
    assert event == [
        "BEGIN:VEVENT",
        "SUMMARY:CISC: First meeting",
        "DTSTART;VALUE=DATE:20241121",
        "DTEND;VALUE=DATE:20241122",
        "DTSTAMP:20241107T000000Z",
        "UID:meeting-1@cisc-2024-2025.workplan",
        "SEQUENCE:0",
        "CATEGORIES:meeting",
        "LAST-MODIFIED:20241107T000000Z",
        "",
    ]


def test_cajp_page_in_its_own_shape():
    html = render(PLANS["cajp-2005-2006"], "html")
    assert re.findall(r'<li><a href="#([\w-]+)">', html) == [
        "introduction",
        "officers",
        "mandates",
        "schedule",
        "meeting-1",
        "special-democratic-charter",
        "meeting-2",
        "summary",
        "term",
    ]
    assert '<tr><th scope="row">Vice chair</th><td>Mr. Louis Exemple</td>' in html
    assert (
        '<h3>B. International law</h3>\n\n<ul>\n<li><span class="number">1.</span> Promotion of the International'
        in html
    )
    assert "<h4>Democracy and human rights</h4>" in html
    assert (
        '<p class="when"><time datetime="2005-11-17T10:00">Thursday, November 17, 2005</time> to '
        '<time datetime="2005-11-18">Friday, November 18, 2005</time> (10:00 a.m. – '
        '<time datetime="2005-11-18T17:00">5:00 p.m.</time>)</p>'
    ) in html
    assert (
        '<p class="when"><time datetime="2006-02-09">Thursday, February 9, 2006</time> '
        '(<span class="tbd">time to be confirmed</span>)</p>'
    ) in html
    assert (
        '<p class="papers">Document: <span class="doc">CP/CAJP-2289/05</span>. '
        '<a href="https://www.oas.org/en/council/CAJP/">https://www.oas.org/en/council/CAJP/</a></p>'
    ) in html
    assert "Presented by: Chile." in html
    assert (
        '<td class="other" id="course-international-law"><time datetime="2006-08">August 2006</time>: '
        "Course on International Law, DIL, Rio de Janeiro</td>"
    ) in html
    assert '<th scope="col">Other OAS activities</th>' in html
    assert "Times are local (America/New_York).</p>" in html
    summary = html[html.index('<section id="summary"') : html.index('<section id="term"')]
    assert re.findall(r"<tr><td><time[^>]*>([^<]+)</time></td><td>([^<]+)</td></tr>", summary) == [
        ("6", "First meeting"),
        ("17–18", "Special meeting on the Inter-American Democratic Charter"),
        ("9", "Second meeting"),
    ]


@pytest.mark.parametrize(
    ("lang", "special", "month"),
    [
        (
            "es",
            "del 17 al 18 de noviembre de 2005 (10:00 – 17:00)",
            "agosto de 2006",
        ),
        ("fr", "du 17 au 18 novembre 2005 (10:00 – 17:00)", "août 2006"),
        (
            "pt",
            "de 17 a 18 de novembro de 2005 (10:00 – 17:00)",
            "agosto de 2006",
        ),
    ],
)
def test_cajp_markdown_in_other_languages(lang, special, month):
    md = render(PLANS["cajp-2005-2006"], "md", lang=lang, plan_path=PATHS["cajp-2005-2006"])
    assert f"\n{special}\n" in md
    space = "\u202f" if lang == "fr" else ""  # French: a no-break space before the colon
    assert f" {month}{space}: " in md


def test_cajp_calendar_file():
    ics = render(PLANS["cajp-2005-2006"], "ics").replace("\r\n ", "")
    events = {uid: block for block in ics.split("BEGIN:VEVENT")[1:] for uid in re.findall(r"UID:([\w.-]+)@", block)}
    assert "DTSTART;TZID=America/New_York:20051117T100000\r\n" in events["special-democratic-charter"]
    assert "DTEND;TZID=America/New_York:20051117T170000\r\n" in events["special-democratic-charter"]
    assert "RRULE:FREQ=DAILY;COUNT=2\r\n" in events["special-democratic-charter"]
    assert "DTSTART;VALUE=DATE:20060209\r\nDTEND;VALUE=DATE:20060210\r\n" in events["meeting-2"]
    assert "DTSTART;VALUE=DATE:20060801\r\nDTEND;VALUE=DATE:20060901\r\n" in events["course-international-law"]
    assert "DESCRIPTION:Day to be confirmed: August 2006\r\n" in events["course-international-law"]
    assert "Document: CP/CAJP-2289/05\\nLink: https://www.oas.org/en/council/CAJP/" in events["meeting-1"]


def test_partial_plan_page():
    html = render(PLANS["csh-2016-2017-partial"], "html")
    assert '<header>\n<p class="document">Document CP/CSH-1757/16 rev. 1.</p>\n' in html
    assert "; its end is to be confirmed</p>\n</header>" in html
    assert "Times are local" not in html
    assert (
        '<span class="footnote" id="fn-2" role="note"><sup>2</sup> <span class="tbd">Text to be confirmed.</span>'
        in html
    )
    assert (
        'Paragraph:\n<span class="para">3 of AG/RES. 1 (XLVI-E/14)</span>. Document: <span class="doc">CP/CSH/INF. 459/16</span>.'
        in html
    )
    assert re.findall(r'<h3 id="([\w-]+)-h">([^<]+)</h3>', html) == [
        ("meeting-3", "THIRD MEETING"),
        ("meeting-4", "FOURTH MEETING"),
        ("term-months", "Month by month"),
    ]
    assert (
        "<p>The term's end is to be confirmed: the picture and the calendar end with its last dated item, "
        "February 2, 2017.</p>"
    ) in html


def test_examples_in_upcoming(runner):
    result = runner.invoke(app, ["upcoming", str(EXAMPLES), "--as-of", "2005-10-01", "--days", "60"])
    assert result.stdout == (
        "Upcoming: Sat, Oct 1, 2005 to Tue, Nov 29, 2005\n"
        "\n"
        "Thu, Oct 6, 2005  10:00 a.m. – 1:00 p.m.  in 5 days  meeting\n"
        "    First meeting\n"
        "\n"
        "Thu, Nov 17, 2005  10:00 a.m. – 5:00 p.m., until November 18  in 47 days  meeting\n"
        "    Special meeting on the Inter-American Democratic Charter\n"
    )
    later = runner.invoke(app, ["upcoming", str(EXAMPLES), "--as-of", "2006-08-10", "--days", "10", "-f", "json"])
    assert json.loads(later.stdout) == [
        {
            "id": "course-international-law",
            "plan": "cajp-2005-2006",
            "kind": "activity",
            "title": "Course on International Law",
            "number": None,
            "date": "2006-08",
            "end_date": None,
            "start_time": None,
            "end_time": None,
            "timezone": "America/New_York",
            "references": {"paragraphs": [], "documents": [], "bodies": ["dil"]},
        }
    ]
    several = runner.invoke(app, ["upcoming", str(EXAMPLES), "--as-of", "2017-01-15", "--days", "21"])
    assert several.stdout.splitlines()[-1] == (
        "Thu, Feb 2, 2017   time to be confirmed    in 18 days  meeting  Fourth meeting"
    )
    spanish = runner.invoke(
        app, ["upcoming", str(PATHS["minimal"]), "--as-of", "2024-11-21", "--days", "1", "--lang", "es"]
    )
    assert spanish.stdout.splitlines()[-1] == "jue, 21 nov 2024  hora por confirmar  hoy     reunión  Primera reunión"


def test_examples_in_show(runner):
    special = runner.invoke(app, ["show", "special-democratic-charter", str(EXAMPLES)])
    assert special.stdout == (
        "Special meeting on the Inter-American Democratic Charter\n"
        "Thursday, November 17, 2005 to Friday, November 18, 2005, 10:00 a.m. – 5:00 p.m. (America/New_York)\n"
        "\n"
        "DEMOCRACY AND HUMAN RIGHTS\n"
        "  1. Dialogue on the implementation of the Charter\n"
        "     paragraph 1\n"
    )
    first = runner.invoke(app, ["show", "meeting-1", str(PATHS["cajp-2005-2006"])])
    assert first.stdout == (
        "FIRST MEETING\n"
        "Thursday, October 6, 2005, 10:00 a.m. – 1:00 p.m. (America/New_York)\n"
        "Document: CP/CAJP-2289/05\n"
        "Link: https://www.oas.org/en/council/CAJP/\n"
        "\n"
        "DEMOCRACY AND HUMAN RIGHTS\n"
        "  1. Presentation by the delegation of Chile on access to public information\n"
        "     paragraph 2 · by Chile\n"
    )
    fourth = runner.invoke(app, ["show", "meeting-4", str(PATHS["csh-2016-2017-partial"]), "--lang", "fr"])
    assert fourth.stdout == (
        "QUATRIÈME RÉUNION\n"
        "jeudi 2 février 2017, heure à confirmer\n"
        "\n"
        "  1. Consideration of paragraphs 5 and 12\n"
        "     paragraphes 5, 12\n"
        "     [2] Texte à confirmer.\n"
    )
    minimal = runner.invoke(app, ["show", "meeting-1", str(PATHS["minimal"])])
    assert minimal.stdout == "FIRST MEETING\nThursday, November 21, 2024, time to be confirmed\n"


def test_examples_in_query(runner):
    chile = runner.invoke(app, ["query", "meetings", str(EXAMPLES), "--presenter", "chile"])
    assert chile.stdout == (
        "Thu, Oct 6, 2005  10:00 a.m. – 1:00 p.m.  meeting-1\n"
        "    First meeting\n"
        "    1     Presentation by the delegation of Chile on access to public information\n"
        "          paragraph 2 · by Chile\n"
        "\n"
        "1 meeting.\n"
    )
    special = runner.invoke(
        app,
        ["query", "meetings", str(EXAMPLES), "--paragraph", "3", "--resolution", "AG/RES. 1 (XLVI-E/14)", "-f", "json"],
    )
    assert [(m["plan"], m["id"], m["items"][0]["paragraphs"]) for m in json.loads(special.stdout)] == [
        ("csh-2016-2017", "meeting-3", ["ag-1-xlvi-e:3"])
    ]
    charter = runner.invoke(app, ["query", "meetings", str(EXAMPLES), "--text", "charter"])
    assert charter.stdout.splitlines()[0] == (
        "Thu, Nov 17, 2005 to Fri, Nov 18, 2005  10:00 a.m. – 5:00 p.m.  special-democratic-charter"
    )
    areas = runner.invoke(app, ["query", "meetings", str(EXAMPLES), "--area", "International law", "-f", "json"])
    assert [m["id"] for m in json.loads(areas.stdout)] == ["meeting-2"]
    coverage = json.loads(runner.invoke(app, ["query", "coverage", str(PATHS["cajp-2005-2006"]), "-f", "json"]).stdout)
    assert [(r["paragraph"], [m["id"] for m in r["meetings"]]) for r in coverage["covered"]] == [
        ("1", ["special-democratic-charter"]),
        ("2", ["meeting-1"]),
        ("3", ["meeting-2"]),
    ]


@pytest.mark.parametrize("name", sorted(PATHS))
def test_the_exported_schema_accepts_the_examples(name):
    """What an editor checks against (schemas/committee-plan.schema.json) accepts what the CLI does."""

    result = check_jsonschema("committee-plan.schema.json", PATHS[name])
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")
