"""upcoming and query on the bundled plans: exact answers, windows chosen to cross boundaries."""

from __future__ import annotations

import json

from conftest import DATA
from workplan_cli.cli import app

CSH = str(DATA / "csh-2022-2023.yaml")
ALL = str(DATA)


def upcoming_ids(runner, *args):
    result = runner.invoke(app, ["upcoming", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return [(e["id"], e["date"], e["kind"]) for e in json.loads(result.stdout)]


def test_upcoming_window_edges(runner):
    # 14 March is the last day of a 14-day window from 1 March, and out of one from 15 March.
    assert upcoming_ids(runner, CSH, "--as-of", "2023-03-15", "--days", "1") == []
    assert upcoming_ids(runner, CSH, "--as-of", "2023-03-14", "--days", "1") == [
        ("wg-tip-2023-03-14", "2023-03-14", "meeting")
    ]
    # MECODEX runs 6-13 May: its last day is in, the next day is not.
    assert upcoming_ids(runner, CSH, "--as-of", "2023-05-13", "--days", "1") == [
        ("iadb-mecodex", "2023-05-06", "activity")
    ]
    assert upcoming_ids(runner, CSH, "--as-of", "2023-05-14", "--days", "3") == []


def test_upcoming_activity_straddling_the_window(runner):
    assert upcoming_ids(runner, CSH, "--as-of", "2023-05-25", "--days", "6") == [
        ("iadc-crisis-management-exercise", "2023-05-24", "activity"),
        ("consideration", "2023-05-25", "milestone"),
        ("meeting-11", "2023-05-25", "meeting"),
        ("special-caribbean-2023", "2023-05-30", "meeting"),
        ("special-sica-2023", "2023-05-30", "meeting"),
    ]


def test_upcoming_recurring_deadlines_in_later_years(runner):
    assert upcoming_ids(runner, CSH, "--as-of", "2031-04-10", "--days", "7") == [
        ("landmines-register/2031-04-15", "2031-04-15", "deadline"),
    ]
    assert upcoming_ids(runner, CSH, "--as-of", "2024-06-01", "--days", "60", "--kind", "deadline") == [
        ("conventional-weapons-report/2024-06-15", "2024-06-15", "deadline"),
        ("conventional-weapons-contacts/2024-07-01", "2024-07-01", "deadline"),
        ("csbm-experts-roster/2024-07-01", "2024-07-01", "deadline"),
        ("csbm-list/2024-07-15", "2024-07-15", "deadline"),
        ("un-arms-register/2024-07-15", "2024-07-15", "deadline"),
        ("csbm-experts-roster/2024-07-30", "2024-07-30", "deadline"),
    ]


def test_upcoming_kind_filter_and_tbd(runner):
    assert upcoming_ids(
        runner, CSH, "--as-of", "2023-04-01", "--days", "30", "--kind", "activity", "--kind", "milestone"
    ) == [
        ("cifta-cc-23", "2023-04-05", "activity"),
        ("iadc-complex-emergencies-seminar", "2023-04-11", "activity"),
        ("first-version", "2023-04-14", "milestone"),
        ("iadc-hemispheric-situation-conference", "2023-04-18", "activity"),
        ("comments-due", "2023-04-28", "milestone"),
    ]
    tbd = upcoming_ids(runner, CSH, "--as-of", "2030-01-01", "--days", "2", "--include-tbd", "--kind", "pending")
    assert [i for i, _, _ in tbd] == [
        "mispa-viii",
        "stwg-crime-3",
        "penitentiary-5",
        "randot-iv",
        "rtp-vii",
        "citaac-cc-1",
        "border-authorities",
        "wg-cyber-csbm-5",
        "cicad-73",
        "cicte-cicad-joint",
        "gelavex-54",
    ]
    assert {d for _, d, _ in tbd} == {None}


def test_upcoming_empty_window_explains(runner):
    result = runner.invoke(app, ["upcoming", ALL, "--as-of", "2026-11-23"])
    assert result.exit_code == 0
    assert result.stdout == (
        "Nothing scheduled from Mon, Nov 23, 2026 to Sun, Dec 6, 2026.\n"
        "  cicte-2022-2023: period Thu, Sep 1, 2022 to Sun, Dec 31, 2023; programs only, no dated events.\n"
        "  csh-2022-2023: term Fri, Nov 11, 2022 to Fri, Jun 23, 2023; 25 meetings, 11 other activities.\n"
        "The plans' dated items run from Thu, Dec 1, 2022 to Fri, Oct 20, 2023; yearly reporting deadlines recur every year.\n"
        "To look at another period: workplan upcoming --as-of 2022-12-01 --days 30\n"
    )
    assert runner.invoke(app, ["upcoming", ALL, "--as-of", "2026-11-23", "-f", "json"]).stdout == "[]\n"


def test_upcoming_table_and_markdown(runner):
    table = runner.invoke(app, ["upcoming", CSH, "--as-of", "2023-03-01", "--days", "14"])
    assert table.stdout.splitlines()[0] == "Upcoming: Wed, Mar 1, 2023 to Tue, Mar 14, 2023"
    assert "Thu, Mar 9, 2023" in table.stdout and "in 8 days" in table.stdout
    md = runner.invoke(app, ["upcoming", CSH, "--as-of", "2023-05-24", "--days", "2", "-f", "md"])
    assert md.stdout == (
        "## Upcoming: Wednesday, May 24, 2023 to Thursday, May 25, 2023\n\n"
        "### Wednesday, May 24, 2023\n\n"
        "- until May 30 · **Crisis Management Exercise** (activity, csh-2022-2023; today)\n\n"
        "### Thursday, May 25, 2023\n\n"
        "- at the eleventh meeting · **Consideration of the revised version of the draft resolution** (milestone, csh-2022-2023; tomorrow)\n"
        "- 10:00 a.m. – 1:00 p.m. · **Eleventh meeting** (meeting, csh-2022-2023; tomorrow)\n"
    )


def meetings(runner, *args):
    result = runner.invoke(app, ["query", "meetings", CSH, *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_query_paragraph_38(runner):
    found = meetings(runner, "--paragraph", "38")
    assert [(m["id"], [i["number"] for i in m["items"]]) for m in found] == [
        ("meeting-1", ["3.1"]),
        ("meeting-4", ["5.1"]),
        ("meeting-5", ["1.3"]),
        ("meeting-11", ["3.1"]),
    ]
    assert found[1] == {
        "plan": "csh-2022-2023",
        "id": "meeting-4",
        "number": 4,
        "kind": "regular",
        "title": "Fourth meeting",
        "date": "2023-02-02",
        "start_time": "10:00",
        "end_time": "13:00",
        "items": [
            {
                "number": "5.1",
                "area": "Transnational organized crime",
                "topic": "Combating transnational organized crime",
                "title": "Presentation by the Chair of the working group to coordinate preparations for RANDOT IV, "
                "regarding progress on the work entrusted to the working group, paragraph 38",
                "paragraphs": ["ag-2986:38"],
                "documents": [],
                "by": ["wg-randot-iv"],
            }
        ],
    }


def test_query_same_label_in_two_resolutions(runner):
    default = meetings(runner, "--paragraph", "37")
    other = meetings(runner, "--paragraph", "37", "--resolution", "AG/RES. 2970")
    assert [(m["id"], [i["paragraphs"] for i in m["items"]]) for m in default] == [("meeting-7", [["ag-2986:37"]])]
    assert [(m["id"], [i["paragraphs"] for i in m["items"]]) for m in other] == [("meeting-2", [["ag-2970:37"]])]
    assert meetings(runner, "--paragraph", "37", "--resolution", "ag-2970") == other


def test_query_presenter_area_text_and_dates(runner):
    assert [m["id"] for m in meetings(runner, "--presenter", "IADB")] == [
        "meeting-2",
        "meeting-3",
        "meeting-4",
        "meeting-7",
        "meeting-8",
        "meeting-9",
        "meeting-10",
        # Not meeting 11: its annual report is on the IADB (`refers_to`); member states present it.
        "meeting-12",
    ]
    assert [m["id"] for m in meetings(runner, "--body", "iadb", "--from", "2023-03-01", "--to", "2023-03-31")] == [
        "meeting-7",
        "meeting-8",
    ]
    tip = meetings(runner, "--area", "toc", "--text", "TRAFFICKING IN PERSONS")
    # Meeting 11's trafficking topic stands under the institutions heading, as printed.
    assert [(m["id"], [i["number"] for i in m["items"]]) for m in tip] == [
        ("meeting-1", ["4", "4.1", "4.3"]),
        ("meeting-5", ["2", "2.2"]),
    ]
    assert [m["id"] for m in meetings(runner, "--presenter", "Prizeman")] == ["meeting-7"]


def test_cancelled_and_postponed_items_show_their_note(runner, tmp_path):
    import shutil

    plan = tmp_path / "csh.yaml"
    shutil.copy(CSH, plan)
    assert runner.invoke(app, ["cancel", "meeting-7", "--note", "No quorum", str(plan)]).exit_code == 0
    assert (
        runner.invoke(app, ["postpone", "iadb-weapons-management-workshop", str(plan), "--note", "Speakers"]).exit_code
        == 0
    )
    up = runner.invoke(app, ["upcoming", str(plan), "--as-of", "2023-03-16", "--days", "14"]).stdout
    assert "Cancelled: Seventh meeting (No quorum)" in up
    assert "Postponed: Workshop on Weapons Management (Speakers)" in up
    md = runner.invoke(app, ["upcoming", str(plan), "--as-of", "2023-03-16", "--days", "1", "-f", "md"]).stdout
    assert "· **Cancelled: Seventh meeting (No quorum)** (meeting," in md
    shown = runner.invoke(app, ["show", "iadb-weapons-management-workshop", str(plan)]).stdout.splitlines()
    assert shown[:2] == ["Activity iadb-weapons-management-workshop (csh-2022-2023)", "Postponed: Speakers"]
    assert runner.invoke(app, ["show", "meeting-7", str(plan)]).stdout.splitlines()[2] == "Cancelled: No quorum"


DATED_PROGRAM = str(DATA.parent / "tests" / "fixtures" / "unseen" / "cicte-2023-dated.yaml")


def test_upcoming_lists_dated_program_activities_among_committee_items(runner):
    """A year-dated program activity is in every window of its year; one of several days in those that meet it."""
    assert upcoming_ids(runner, DATED_PROGRAM, CSH, "--as-of", "2023-05-08", "--days", "3") == [
        ("cyber", "2023", "activity"),
        ("iadb-mecodex", "2023-05-06", "activity"),
        ("maritime", "2023-05-08", "activity"),
    ]
    result = runner.invoke(
        app, ["upcoming", DATED_PROGRAM, "--as-of", "2023-05-10", "--days", "1", "--format", "json", "--lang", "en"]
    )
    assert json.loads(result.stdout)[1] == {
        "id": "maritime",
        "plan": "cicte-2023",
        "kind": "activity",
        "title": "A. Seguridad marítima, activity 2: Ejercicio de simulación de incidentes portuarios.",
        "number": None,
        "date": "2023-05-08",
        "end_date": "2023-05-10",
        "start_time": None,
        "end_time": None,
        "timezone": "America/New_York",
        "references": {"paragraphs": [], "documents": [], "bodies": []},
    }


def test_query_activities_prints_and_gives_a_program_activitys_dates(runner):
    result = runner.invoke(app, ["query", "activities", DATED_PROGRAM, "--text", "CICTE.", "--lang", "en"])
    assert (result.exit_code, result.stdout) == (
        0,
        "B. Ciberseguridad, activity 1  Thu, Jul 27, 2023  Washington, D.C.\n"
        "    Sesión ordinaria del CICTE.\n"
        "1 activity.\n",
    )
    listed = runner.invoke(app, ["query", "activities", DATED_PROGRAM, "--program", "A", "--format", "json"])
    assert [
        {k: v for k, v in a.items() if k not in ("plan", "program", "letter", "subprogram")}
        for a in json.loads(listed.stdout)
    ] == [
        {
            "number": 1,
            "text": "Taller subregional sobre seguridad marítima.",
            "partners": ["imo"],
            "gender": False,
            "date": "2023-03",
            "end_date": None,
            "place": "Puerto España",
        },
        {
            "number": 2,
            "text": "Ejercicio de simulación de incidentes portuarios.",
            "partners": [],
            "gender": False,
            "date": "2023-05-08",
            "end_date": "2023-05-10",
            "place": "Kingston",
        },
        {"number": 3, "text": "Curso en línea sobre gestión de riesgos portuarios.", "partners": [], "gender": False},
    ]
