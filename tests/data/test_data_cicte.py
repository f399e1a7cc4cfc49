"""The bundled CICTE plan holds what the seed says: counts and facts picked from it."""

from __future__ import annotations

import datetime as dt
import json

from conftest import DATA
from workplan_cli.cli import app
from workplan_cli.loader import load_plan
from workplan_cli.models import ProgramPlan

PATH = DATA / "cicte-2022-2023.yaml"


def plan() -> ProgramPlan:
    loaded = load_plan(PATH)
    assert loaded.diagnostics == []
    assert isinstance(loaded.plan, ProgramPlan)
    return loaded.plan


def test_cicte_counts():
    p = plan()
    assert [(x.letter, x.id, len(x.activities), len(x.subprograms)) for x in p.programs] == [
        ("A", "cybersecurity", 14, 0),
        ("B", "wmd-non-proliferation", 9, 0),
        ("C", "prevention-of-violent-extremism", 5, 0),
        ("D", "border-security", 0, 4),
        ("E", "crowded-spaces-security", 7, 0),
        ("F", "financing-of-terrorism", 7, 0),
        ("G", "inter-american-network-against-terrorism", 3, 0),
    ]
    border = p.programs[3]
    assert [(s.title, len(s.activities)) for s in border.subprograms] == [
        ("Maritime protection", 5),
        ("Aviation security", 7),
        ("Cargo and container security", 10),
        ("Supply chain security / Authorized Economic Operator", 7),
    ]
    assert len(p.introduction) == 5 and len(p.outreach) == 2
    assert len(p.partners) == 14


def test_cicte_facts():
    p = plan()
    assert p.approved.date == dt.date(2022, 7, 27)
    assert p.approved.session == "Third plenary session"
    assert (p.period.start, p.period.end, p.period.approximate) == (dt.date(2022, 9, 1), dt.date(2023, 12, 31), True)
    assert p.symbol == "CICTE01497E01"
    cyber = p.programs[0]
    assert cyber.activities[12].text == (
        "Cyberwomen Challenge, a two-day event focused on inspiring more women to enter the cyber security industry."
    )
    assert cyber.activities[12].gender is True
    assert cyber.activities[10].partners == ("meta", "fbi", "microsoft")
    cargo = p.programs[3].subprograms[2]
    assert cargo.activities[2].text == "Donation of personal protective equipment for five member states."
    assert p.programs[3].subprograms[0].partners == ("imo",)
    assert p.programs[5].activities[6].partners == ("dtoc", "unicri")


def test_query_activities_by_partner_json(runner):
    result = runner.invoke(app, ["query", "activities", str(PATH), "--partner", "INCIBE", "--format", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [(r["letter"], r["number"], r["partners"]) for r in rows] == [
        ("A", 5, ["ccn-cert", "incibe"]),
        ("A", 8, ["incibe", "cnpic"]),
    ]
    assert rows[1] == {
        "plan": "cicte-2022-2023",
        "program": "Cybersecurity",
        "letter": "A",
        "subprogram": None,
        "number": 8,
        "text": "International Cyber Exercise, a competition intended to strengthen the capacity to respond to cyber "
        "incidents and cooperation among the participating countries. This initiative is coordinated by the OAS, the "
        "National Cyber Security Institute of Spain (INCIBE), and the National Center for Infrastructure Protection "
        "and Cyber Security (CNPIC) of Spain.",
        "partners": ["incibe", "cnpic"],
        "gender": False,
    }


def test_query_activities_by_program_and_text(runner):
    result = runner.invoke(app, ["query", "activities", str(PATH), "--program", "D", "--text", "gender"])
    # At 120 columns: the program, sub-program and number on a line, the activity wrapped beneath.
    assert result.stdout == (
        "D. Border security (air, land, sea) › Aviation security, activity 7\n"
        "    Strengthening of gender perspective standards in aviation security policies.\n"
        "D. Border security (air, land, sea) › Cargo and container security, activity 10\n"
        "    Initiatives on raising awareness and training courses regarding gender gaps and the challenges, strategies, and\n"
        "    tools for the empowerment of women officials in those agencies.\n"
        "2 activities.\n"
    )
