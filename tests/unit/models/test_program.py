"""The program plan's model (models/program.py): what the minimal program plan reads as, and what it refuses."""

from __future__ import annotations

import datetime as dt

from conftest import FIXTURES, line_of
from workplan_cli.loader import parse_plan
from workplan_cli.models.program import Approval, Partner, Period, Program, ProgramActivity, ProgramPlan

PROGRAM = (FIXTURES / "program-minimal.yaml").read_text(encoding="utf-8")


def test_the_minimal_program_plan_reads_as_its_models():
    loaded = parse_plan(PROGRAM, "p.yaml")
    assert loaded.diagnostics == []
    plan = loaded.plan
    assert isinstance(plan, ProgramPlan)
    assert (plan.kind, plan.schema_version, plan.id, plan.language, plan.title) == (
        "program-plan",
        1,
        "prog-2023",
        "en",
        "Test program plan",
    )
    assert plan.period == Period(start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))
    assert plan.approved == Approval(date=dt.date(2022, 12, 1), session="First plenary session")
    assert plan.partners == (Partner(id="acme", name="Acme Testing Institute"),)
    assert plan.programs == (
        Program(
            id="testing",
            letter="A",
            title="Testing",
            purpose="To test.",
            activities=(ProgramActivity(text="Test workshops with Acme.", partners=("acme",)),),
        ),
    )
    assert (plan.symbol, plan.introduction, plan.outreach, plan.suppress) == (None, ("The secretariat tests.",), (), ())


def test_a_program_plan_without_its_approval_is_refused():
    text = PROGRAM.replace("approved:\n  date: 2022-12-01\n  session: First plenary session\n", "")
    assert [(d.code, d.line, d.column, d.message) for d in parse_plan(text, "p.yaml").diagnostics] == [
        ("WP010", 1, 1, "missing required key 'approved' at the top level")
    ]


def test_the_gender_perspective_of_an_activity_is_true_or_false():
    text = PROGRAM.replace("        partners: [acme]", "        partners: [acme]\n        gender: maybe")
    assert [(d.code, d.line, d.column, d.message) for d in parse_plan(text, "p.yaml").diagnostics] == [
        (
            "WP012",
            line_of(text, "gender: maybe"),
            17,
            "programs[0].activities[0].gender: expected true or false, got text 'maybe'",
        )
    ]
