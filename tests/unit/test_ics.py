"""Calendars (ics.py): RFC 5545 events, their UIDs, times, statuses and sequence, escaping and line folding."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from typing import Any

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, FIXTURES, HOSTILE, committed_plan, examples
from pages import valid_plan
from workplan_cli.cli import app
from workplan_cli.loader import load_plan
from workplan_cli.render import render

CSH = load_plan(DATA / "csh-2022-2023.yaml").plan

COMMITTEE = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")


def test_ics_text_is_escaped_not_interpreted():
    ics = render(valid_plan(HOSTILE), "ics")
    cal = icalendar.Calendar.from_ical(ics)
    [meeting] = [e for e in cal.walk("VEVENT") if str(e["uid"]).startswith("meeting-1@")]
    assert "- <script>alert(1)</script> & [click](javascript:alert(2))" in str(meeting["description"])
    assert "URL" not in meeting


def test_ics_events_times_uids_and_reproducible():
    text = COMMITTEE + (
        "activities:\n  - id: workshop\n    title: Workshop\n    date: 2023-03-08\n    end_date: 2023-03-10\n"
        "reports:\n  - id: mines\n    title: Register of mines\n    frequency: yearly\n    due:\n      - {month: 4, day: 15}\n"
    )
    first, second = render(valid_plan(text), "ics"), render(valid_plan(text), "ics")
    assert first == second
    cal = icalendar.Calendar.from_ical(first)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert sorted(events) == [
        "first-version@test-2023.workplan",
        "meeting-1@test-2023.workplan",
        "meeting-2@test-2023.workplan",
        "mines-0415@test-2023.workplan",
        "workshop@test-2023.workplan",
    ]
    m1 = events["meeting-1@test-2023.workplan"]
    assert m1["dtstart"].params["TZID"] == "America/New_York"
    assert m1["dtstart"].dt.isoformat() == "2023-03-02T10:00:00-05:00"
    assert m1["dtend"].dt.isoformat() == "2023-03-02T13:00:00-05:00"
    assert str(m1["summary"]) == "CT: First meeting"
    workshop = events["workshop@test-2023.workplan"]
    assert (workshop["dtstart"].dt, workshop["dtend"].dt) == (dt.date(2023, 3, 8), dt.date(2023, 3, 11))
    mines = events["mines-0415@test-2023.workplan"]
    assert mines["dtstart"].dt == dt.date(2023, 4, 15)
    assert mines["rrule"] == {"FREQ": ["YEARLY"], "BYMONTH": [4], "BYMONTHDAY": [15]}
    assert all(e["dtstamp"].dt == dt.datetime(2023, 1, 5, tzinfo=dt.UTC) for e in events.values())
    [tz] = cal.walk("VTIMEZONE")
    assert str(tz["tzid"]) == "America/New_York"
    assert "TZID=America/New_York:20230302T100000" in first


def test_ics_cancelled_and_postponed_events_say_so_with_their_note():
    text = (
        COMMITTEE.replace(
            "    date: 2023-03-16\n", "    date: 2023-03-16\n    status: cancelled\n    status_note: No quorum\n", 1
        )
        + "activities:\n  - id: workshop\n    title: Workshop\n    date: 2023-03-08\n    status: postponed\n"
    )
    cal = icalendar.Calendar.from_ical(render(valid_plan(text), "ics"))
    events = {str(e["uid"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    m2, workshop, m1 = events["meeting-2"], events["workshop"], events["meeting-1"]
    assert str(m2["summary"]) == "Cancelled: CT: Second meeting"
    assert str(m2["description"]).split("\n")[0] == "Cancelled: No quorum"
    assert (str(m2["status"]), m2["sequence"]) == ("CANCELLED", 1)
    assert (str(workshop["summary"]), str(workshop["description"])) == ("Postponed: Workshop", "Postponed")
    assert (str(m1["summary"]), m1["sequence"]) == ("CT: First meeting", 0)
    assert m1["last-modified"].dt == m1["dtstamp"].dt == dt.datetime(2023, 1, 5, tzinfo=dt.UTC)
    spanish = icalendar.Calendar.from_ical(render(valid_plan(text), "ics", lang="es"))
    [m2_es] = [e for e in spanish.walk("VEVENT") if str(e["uid"]).startswith("meeting-2@")]
    assert str(m2_es["summary"]).startswith("Cancelada: CT: ")


def test_ics_reimported_after_a_move_updates_the_event(runner, tmp_path):

    path = committed_plan(tmp_path / "plans", COMMITTEE, when="2023-01-10T12:00:00Z")
    git = ["git", "-C", str(path.parent), "-c", "user.name=t", "-c", "user.email=t@example.org"]

    def meeting_2() -> tuple[Any, str]:
        result = runner.invoke(app, ["render", str(path), "-f", "ics"])
        assert result.exit_code == 0, result.output
        cal = icalendar.Calendar.from_ical(result.stdout)
        [event] = [e for e in cal.walk("VEVENT") if str(e["uid"]) == "meeting-2@test-2023.workplan"]
        return event, result.stdout

    before, first = meeting_2()
    assert meeting_2()[1] == first  # the same revision gives the same file
    assert (before["sequence"], before["dtstamp"].dt) == (2, dt.datetime(2023, 1, 10, 12, tzinfo=dt.UTC))
    assert before["last-modified"].dt == before["dtstamp"].dt
    moved = runner.invoke(app, ["move", "meeting-2", "2023-03-23", str(path)])
    assert moved.exit_code == 0, moved.output
    uncommitted, _ = meeting_2()
    assert (uncommitted["sequence"], uncommitted["dtstart"].dt.date()) == (4, dt.date(2023, 3, 23))
    env = {"GIT_COMMITTER_DATE": "2023-02-01T09:00:00Z", "GIT_AUTHOR_DATE": "2023-02-01T09:00:00Z"}
    subprocess.run([*git, "commit", "-qam", "move"], check=True, env={**os.environ, **env})
    after, _ = meeting_2()
    assert (after["sequence"], after["dtstamp"].dt) == (4, dt.datetime(2023, 2, 1, 9, tzinfo=dt.UTC))
    cancelled = runner.invoke(app, ["cancel", "meeting-2", str(path), "--note", "No quorum"])
    assert cancelled.exit_code == 0, cancelled.output
    subprocess.run([*git, "commit", "-qam", "cancel"], check=True, env={**os.environ, **env})
    last, _ = meeting_2()
    assert (last["sequence"], str(last["summary"])) == (7, "Cancelled: CT: Second meeting")


def test_ics_of_a_plan_with_nothing_dated_says_so_on_stderr(runner):
    result = runner.invoke(app, ["render", str(DATA / "cicte-2022-2023.yaml"), "-f", "ics"])
    assert result.exit_code == 0
    assert result.stdout.startswith("BEGIN:VCALENDAR") and "VEVENT" not in result.stdout
    assert result.stderr == (
        "workplan: note: cicte-2022-2023: nothing is dated in this plan yet; its calendar has no events\n"
    )
    html = runner.invoke(app, ["render", str(DATA / "cicte-2022-2023.yaml"), "-f", "html"])
    assert html.exit_code == 0 and html.stderr == ""


@settings(max_examples=examples(300))
@given(st.text(alphabet=st.sampled_from(["a", "\\", "^", ";", "é", "€", " ", "𝄞"]), max_size=400))
def test_calendar_folding_is_icalendars(line):
    """The fast fold of calendar lines gives icalendar's bytes, whatever the line."""
    from icalendar.parser import content_line

    from workplan_cli import ics

    ics._fast_folding()
    original = ics._ICALENDAR_FOLD
    assert original
    assert ics._fold(line) == original(line)
    assert content_line._foldline is ics._fold


def test_ics_one_event_per_dated_item_with_local_times():
    plan = CSH
    ics = render(plan, "ics")
    assert ics == render(plan, "ics")
    cal = icalendar.Calendar.from_ical(ics)
    events = cal.walk("VEVENT")
    assert len(events) == len(plan.meetings) + len(plan.activities) + len(plan.procedure.milestones) + 7
    by_uid = {str(e["uid"]): e for e in events}
    m15 = by_uid["meeting-15@csh-2022-2023.workplan"]
    assert (m15["dtstart"].dt.isoformat(), m15["dtend"].dt.isoformat()) == (
        "2023-06-12T14:30:00-04:00",
        "2023-06-12T17:30:00-04:00",
    )
    assert m15["dtstart"].params["TZID"] == "America/New_York"
    exercise = by_uid["iadc-crisis-management-exercise@csh-2022-2023.workplan"]
    assert (exercise["dtstart"].dt, exercise["dtend"].dt) == (dt.date(2023, 5, 24), dt.date(2023, 5, 31))
    roster = by_uid["csbm-experts-roster-0730@csh-2022-2023.workplan"]
    assert roster["dtstart"].dt == dt.date(2023, 7, 30)
    assert roster["rrule"] == {"FREQ": ["YEARLY"], "BYMONTH": [7], "BYMONTHDAY": [30]}
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]


DATED_PROGRAM = FIXTURES / "unseen" / "cicte-2023-dated.yaml"


def test_ics_of_a_program_plan_has_its_dated_activities_as_all_day_events(runner):
    result = runner.invoke(app, ["render", str(DATED_PROGRAM), "-f", "ics", "--lang", "en"])
    assert (result.exit_code, result.stderr) == (0, "")
    events = icalendar.Calendar.from_ical(result.stdout).walk("VEVENT")
    assert [
        (
            str(e["uid"]),
            str(e["summary"]),
            e["dtstart"].dt,
            e["dtend"].dt,
            str(e.get("location", "")),
            str(e["description"]),
            str(e["transp"]),
        )
        for e in events
    ] == [
        (
            "maritime-1@cicte-2023.workplan",
            "CICTE: A. Seguridad marítima, activity 1",
            dt.date(2023, 3, 1),
            dt.date(2023, 4, 1),
            "Puerto España",
            "Taller subregional sobre seguridad marítima.\nDay to be confirmed: March 2023",
            "TRANSPARENT",
        ),
        (
            "maritime-2@cicte-2023.workplan",
            "CICTE: A. Seguridad marítima, activity 2",
            dt.date(2023, 5, 8),
            dt.date(2023, 5, 11),
            "Kingston",
            "Ejercicio de simulación de incidentes portuarios.",
            "TRANSPARENT",
        ),
        (
            "cyber-1@cicte-2023.workplan",
            "CICTE: B. Ciberseguridad, activity 1",
            dt.date(2023, 7, 27),
            dt.date(2023, 7, 28),
            "Washington, D.C.",
            "Sesión ordinaria del CICTE.",
            "TRANSPARENT",
        ),
        (
            "cyber-2@cicte-2023.workplan",
            "CICTE: B. Ciberseguridad, activity 2",
            dt.date(2023, 1, 1),
            dt.date(2024, 1, 1),
            "",
            "Campaña hemisférica de concienciación.\nDay to be confirmed: 2023",
            "TRANSPARENT",
        ),
        (
            "cyber-3@cicte-2023.workplan",
            "CICTE: B. Ciberseguridad, activity 3",
            dt.date(2023, 9, 1),
            dt.date(2023, 12, 1),
            "",
            "Serie de seminarios web sobre respuesta a incidentes.\nDay to be confirmed: September 2023",
            "TRANSPARENT",
        ),
        (
            "aviation-1@cicte-2023.workplan",
            "CICTE: C. Seguridad fronteriza › Seguridad de la aviación, activity 1",
            dt.date(2023, 10, 16),
            dt.date(2023, 10, 18),
            "Lima",
            "Curso nacional de seguridad de la aviación.",
            "TRANSPARENT",
        ),
    ]
    assert {str(e["categories"].cats[0]) for e in events} == {"activity"}


def test_a_calendar_of_a_committee_and_a_program_plan_has_both_plans_events_and_one_zone():
    from workplan_cli.ics import render_calendar_pieces

    program = load_plan(DATED_PROGRAM).plan
    both = "".join(render_calendar_pieces([(CSH, None), (program, None)], "All plans"))
    alone = "".join(render_calendar_pieces([(CSH, None)], "All plans"))
    calendar = icalendar.Calendar.from_ical(both)
    uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
    assert uids[: len(uids) - 6] == [str(e["uid"]) for e in icalendar.Calendar.from_ical(alone).walk("VEVENT")]
    assert [u.split("@")[1] for u in uids[-6:]] == ["cicte-2023.workplan"] * 6
    assert (str(calendar["x-wr-timezone"]), [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")]) == (
        "America/New_York",
        ["America/New_York"],
    )
