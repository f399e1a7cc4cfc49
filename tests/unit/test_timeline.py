"""The timeline: windows, ranges that straddle them, yearly deadlines in any year."""

from __future__ import annotations

import datetime as dt

from conftest import FIXTURES
from workplan_cli.loader import parse_plan
from workplan_cli.timeline import build_timeline

EXTRA = """activities:
  - id: workshop
    title: Workshop on testing
    date: 2023-03-01
    end_date: 2023-03-03
    organizers: []
reports:
  - id: mines
    title: Register of mines
    frequency: yearly
    due:
      - {month: 4, day: 15}
  - id: leap
    title: Leap-day report
    frequency: yearly
    due:
      - {month: 2, day: 29}
  - id: roster
    title: Roster
    frequency: yearly
    due:
      - {month: 7, day: 1, what: states send names}
      - {month: 7, day: 30, what: roster distributed}
  - id: voluntary
    title: Voluntary report
    frequency: voluntary
pending:
  - id: summit
    title: Summit, date to be determined
"""


def plan():
    text = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8") + EXTRA
    loaded = parse_plan(text, "p.yaml")
    assert loaded.diagnostics == []
    return loaded.plan


def ids(start, end, **kw):
    timeline = build_timeline([plan()], dt.date.fromisoformat(start), dt.date.fromisoformat(end), **kw)
    return [(e.id, e.date.isoformat()) for e in timeline.dated]


def test_window_is_inclusive_on_both_ends():
    assert ids("2023-03-02", "2023-03-02") == [
        ("workshop", "2023-03-01"),
        ("first-version", "2023-03-02"),
        ("meeting-1", "2023-03-02"),
    ]
    assert ids("2023-03-03", "2023-03-16") == [("workshop", "2023-03-01"), ("meeting-2", "2023-03-16")]


def test_range_ending_the_day_before_is_out():
    assert ids("2023-03-04", "2023-03-15") == []


def test_yearly_deadlines_in_later_years_and_leap_days():
    assert ids("2024-02-01", "2024-04-30") == [("leap/2024-02-29", "2024-02-29"), ("mines/2024-04-15", "2024-04-15")]
    assert ids("2031-02-01", "2031-04-30") == [("mines/2031-04-15", "2031-04-15")]
    assert ids("2030-07-01", "2030-07-31") == [("roster/2030-07-01", "2030-07-01"), ("roster/2030-07-30", "2030-07-30")]


def test_kind_filter_and_undated_kept_apart():
    timeline = build_timeline([plan()], dt.date(2023, 3, 1), dt.date(2023, 3, 31), kinds=["meeting", "pending"])
    assert [e.id for e in timeline.dated] == ["meeting-1", "meeting-2"]
    assert [e.id for e in timeline.undated] == ["summit"]
    every = build_timeline([plan()], dt.date(2023, 3, 1), dt.date(2023, 3, 31))
    assert [(e.id, e.kind) for e in every.undated] == [("summit", "pending"), ("voluntary", "deadline")]


def test_deadline_titles_say_what_is_due():
    timeline = build_timeline([plan()], dt.date(2030, 7, 30), dt.date(2030, 7, 30))
    assert [e.title for e in timeline.dated] == ["Roster: roster distributed"]


def dated_program():
    loaded = parse_plan((FIXTURES / "unseen" / "cicte-2023-dated.yaml").read_text(encoding="utf-8"), "c.yaml")
    assert loaded.diagnostics == []
    return loaded.plan


def test_a_program_plans_dated_activities_are_in_the_windows_that_meet_them_with_their_program():
    """Dated by day, by days, by month, months or year, as committee activities are; the undated one never."""
    from workplan_cli import i18n

    program = dated_program()
    with i18n.use("en"):
        window = build_timeline([program], dt.date(2023, 10, 17), dt.date(2023, 10, 31))
    assert [(e.id, e.kind, e.date.isoformat(), e.last_day, e.precision, e.title) for e in window.dated] == [
        (
            "cyber",
            "activity",
            "2023",
            dt.date(2023, 12, 31),
            "year",
            "B. Ciberseguridad, activity 2: Campaña hemisférica de concienciación.",
        ),
        (
            "cyber",
            "activity",
            "2023-09",
            dt.date(2023, 11, 30),
            "month",
            "B. Ciberseguridad, activity 3: Serie de seminarios web sobre respuesta a incidentes.",
        ),
        (
            "aviation",
            "activity",
            "2023-10-16",
            dt.date(2023, 10, 17),
            "day",
            "C. Seguridad fronteriza › Seguridad "
            "de la aviación, activity 1: Curso nacional de seguridad de la aviación.",
        ),
    ]
    assert window.undated == []
    assert [
        (e.id, e.date.isoformat()) for e in build_timeline([program], dt.date(2023, 3, 31), dt.date(2023, 5, 8)).dated
    ] == [
        ("cyber", "2023"),
        ("maritime", "2023-03"),
        ("maritime", "2023-05-08"),
    ]
    assert build_timeline([program], dt.date(2024, 1, 1), dt.date(2024, 12, 31)).dated == []


def test_a_program_activitys_entry_carries_its_partners_and_the_default_zone():
    [entry] = build_timeline([dated_program()], dt.date(2023, 3, 1), dt.date(2023, 3, 1), kinds=["activity"]).dated[1:]
    assert (entry.plan, entry.id, entry.end_date, entry.bodies, entry.timezone, entry.status) == (
        "cicte-2023",
        "maritime",
        None,
        ("imo",),
        "America/New_York",
        None,
    )
