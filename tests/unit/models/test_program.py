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


def _dated(lines: str) -> str:
    return PROGRAM.replace("        partners: [acme]\n", "        partners: [acme]\n" + lines)


def test_an_activity_takes_a_day_month_or_year_and_a_place_as_a_committee_activity_does():
    from workplan_cli.models import precision

    for written, day, kind in (
        ("2023-07-27", dt.date(2023, 7, 27), "day"),
        ("2023-03", dt.date(2023, 3, 1), "month"),
        ("2023", dt.date(2023, 1, 1), "year"),
    ):
        loaded = parse_plan(_dated(f"        date: {written}\n        place: Port of Spain\n"), "p.yaml")
        assert loaded.diagnostics == []
        assert isinstance(loaded.plan, ProgramPlan)
        activity = loaded.plan.programs[0].activities[0]
        assert (activity.date, precision(activity.date), activity.date.isoformat(), activity.place) == (
            day,
            kind,
            written,
            "Port of Spain",
        )
    loaded = parse_plan(_dated("        date: 2023-05-08\n        end_date: 2023-06\n"), "p.yaml")
    assert loaded.diagnostics == []
    assert isinstance(loaded.plan, ProgramPlan)
    activity = loaded.plan.programs[0].activities[0]
    assert (activity.date, activity.end_date.isoformat(), activity.place) == (dt.date(2023, 5, 8), "2023-06", None)


def test_an_activity_without_a_date_has_none():
    assert ProgramActivity(text="A course.") == ProgramActivity(text="A course.", date=None, end_date=None, place=None)


def test_an_end_date_without_a_date_is_refused_where_it_is_written():
    text = _dated("        end_date: 2023-05-10\n")
    assert [(d.code, d.line, d.column, d.message) for d in parse_plan(text, "p.yaml").diagnostics] == [
        (
            "WP013",
            line_of(text, "      - text: Test workshops with Acme."),
            9,
            "programs[0].activities[0]: end_date is given without date: give its first day as `date` too",
        )
    ]


def test_an_activity_date_is_refused_as_a_committee_activitys_is():
    text = _dated("        date: 2023-13\n")
    assert [(d.code, d.line, d.column, d.message) for d in parse_plan(text, "p.yaml").diagnostics] == [
        (
            "WP013",
            line_of(text, "date: 2023-13"),
            15,
            "programs[0].activities[0].date: '2023-13' is not a valid date; write it as YYYY-MM-DD, or YYYY-MM or "
            "YYYY when only the month or year is known, like 2002-08",
        )
    ]


def test_program_activities_are_listed_with_their_program_and_number():
    from workplan_cli.models import program_activities

    plan = parse_plan((FIXTURES / "unseen" / "cicte-2023-dated.yaml").read_text(encoding="utf-8"), "c.yaml").plan
    assert isinstance(plan, ProgramPlan)
    assert [(p.loc, p.group_id, p.number, p.activity.date) for p in program_activities(plan)] == [
        (("programs", 0, "activities", 0), "maritime", 1, dt.date(2023, 3, 1)),
        (("programs", 0, "activities", 1), "maritime", 2, dt.date(2023, 5, 8)),
        (("programs", 0, "activities", 2), "maritime", 3, None),
        (("programs", 1, "activities", 0), "cyber", 1, dt.date(2023, 7, 27)),
        (("programs", 1, "activities", 1), "cyber", 2, dt.date(2023, 1, 1)),
        (("programs", 1, "activities", 2), "cyber", 3, dt.date(2023, 9, 1)),
        (("programs", 2, "subprograms", 0, "activities", 0), "aviation", 1, dt.date(2023, 10, 16)),
    ]
