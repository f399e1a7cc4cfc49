"""The JSON records of upcoming, query and show (records.py): exact shapes, an API."""

from __future__ import annotations

import json

from conftest import DATA
from workplan_cli.cli import app

ALL = str(DATA)

CSH = str(DATA / "csh-2022-2023.yaml")


def test_upcoming_first_two_weeks_of_march_exact_json(runner):
    result = runner.invoke(app, ["upcoming", ALL, "--as-of", "2023-03-01", "--days", "14", "--format", "json"])
    entries = json.loads(result.stdout)
    assert [(e["id"], e["date"]) for e in entries] == [
        ("forum-csbm-x", "2023-03-02"),
        ("wps-workshop", "2023-03-08"),
        ("meeting-6", "2023-03-09"),
        ("wg-tip-2023-03-14", "2023-03-14"),
    ]
    assert entries[2] == {
        "id": "meeting-6",
        "plan": "csh-2022-2023",
        "kind": "meeting",
        "title": "Sixth meeting: Joint meeting of the CSH and the IADB on Women, Peace and Security",
        "number": 6,
        "date": "2023-03-09",
        "end_date": None,
        "start_time": "10:00",
        "end_time": "13:00",
        "timezone": "America/New_York",
        "references": {"paragraphs": ["ag-2986:80"], "documents": ["CP/CSH-2186/23 rev. 3"], "bodies": []},
    }
    assert entries[1] == {
        "id": "wps-workshop",
        "plan": "csh-2022-2023",
        "kind": "activity",
        "title": "Workshop on Women, Peace, and Security",
        "number": None,
        "date": "2023-03-08",
        "end_date": "2023-03-10",
        "start_time": None,
        "end_time": None,
        "timezone": "America/New_York",
        "references": {"paragraphs": [], "documents": [], "bodies": ["iadb", "iadc"]},
    }


def test_query_references_every_place(runner):
    result = runner.invoke(app, ["query", "references", "47.b", CSH, "--resolution", "2970", "--format", "json"])
    assert json.loads(result.stdout) == [
        {
            "plan": "csh-2022-2023",
            "kind": "working-group",
            "id": "wg-tip",
            "date": None,
            "number": None,
            "title": "Working Group on Trafficking in Persons (2022–2023)",
        },
        {
            "plan": "csh-2022-2023",
            "kind": "meeting",
            "id": "meeting-1",
            "date": "2022-12-01",
            "number": "4.2",
            "title": "Progress in the work entrusted to the working group (paragraph 47.b of resolution AG/RES. 2970 (LI-O/21)",
        },
        {
            "plan": "csh-2022-2023",
            "kind": "meeting",
            "id": "meeting-11",
            "date": "2023-05-25",
            "number": "4.2",
            "title": "Consideration of the Draft Third Work Plan for a Comprehensive Response to Trafficking in Persons in the "
            "Western Hemisphere, document (CSH/GT/TP/doc.2/22 rev. 5, paragraph 47.b of resolution AG/RES. 2970 (LI-O/21)",
        },
    ]


def test_query_coverage_uncovered(runner):
    result = runner.invoke(app, ["query", "coverage", CSH, "--uncovered", "--format", "json"])
    report = json.loads(result.stdout)
    assert report["covered"] == []
    assert [(r["resolution"], r["paragraph"]) for r in report["uncovered"]] == [
        ("ag-2986", "18"),
        ("ag-2986", "29"),
        ("ag-2986", "72"),
        ("ag-2986", "100"),
        ("ag-2970", "91"),
        ("ag-2970", "111"),
        ("ag-2735", "1"),
    ]
    full = json.loads(runner.invoke(app, ["query", "coverage", CSH, "-f", "json"]).stdout)
    p38 = next(r for r in full["covered"] if r["paragraph"] == "38" and r["resolution"] == "ag-2986")
    assert [m["id"] for m in p38["meetings"]] == ["meeting-1", "meeting-4", "meeting-5", "meeting-11"]
