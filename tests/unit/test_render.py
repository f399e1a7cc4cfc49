"""render: templates, overrides, broken templates, inert output, calendars."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

import clients
from conftest import DATA, FIXTURES, examples, write
from workplan_cli.cli import app
from workplan_cli.loader import parse_plan
from workplan_cli.render import render

COMMITTEE = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")

HOSTILE = COMMITTEE.replace(
    "          - title: Testing in the Americas",
    '          - title: "<script>alert(1)</script> & [click](javascript:alert(2))"',
).replace(
    "  - id: testing\n    number: 1\n    name: Testing",
    '  - id: testing\n    number: 1\n    name: "<img src=x onerror=alert(3)>"',
) + (
    "reports:\n"
    "  - id: evil\n    title: Evil link\n    frequency: voluntary\n"
    "    links: ['javascript:alert(4)', 'data:text/html,<b>x</b>', 'https://www.oas.org/?a=1&b=\"2\"', 'https://www.oas.org/?a=1&b=2', "
    "'https://www.oas.org/a b', 'https:///x', 'mailto:csh@oas.org', 'mailto:nobody']\n"
)


def plan(text: str = COMMITTEE):
    loaded = parse_plan(text, "p.yaml")
    assert loaded.diagnostics == []
    return loaded.plan


def test_html_escapes_text_and_links_only_safe_urls():
    html = render(plan(HOSTILE), "html")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; [click](javascript:alert(2))" in html
    assert "&lt;img src=x onerror=alert(3)&gt;" in html
    assert 'href="javascript:' not in html and 'href="data:' not in html
    assert "<p>javascript:alert(4)</p>" in html
    # A quote, a space, no host or no address: shown as text, never as a link.
    assert "<p>https://www.oas.org/?a=1&amp;b=&#34;2&#34;</p>" in html
    assert "<p>https://www.oas.org/a b</p><p>https:///x</p>" in html
    assert "<p>mailto:nobody</p>" in html
    assert '<a href="https://www.oas.org/?a=1&amp;b=2">' in html
    assert '<a href="mailto:csh@oas.org">' in html


def test_markdown_escapes_markup_and_links_only_safe_urls():
    md = render(plan(HOSTILE), "md")
    assert r"\<script\>alert(1)\</script\> & \[click\](javascript:alert(2))" in md
    assert "<https://www.oas.org/?a=1&b=2>" in md and "<mailto:csh@oas.org>" in md
    assert (
        '\nhttps://www.oas.org/?a=1&b="2"\n<https://www.oas.org/?a=1&b=2>\nhttps://www.oas.org/a b\nhttps:///x\n'
        "<mailto:csh@oas.org>\nmailto:nobody\n"
    ) in md
    assert md.count("<http") == 1
    assert "<javascript:" not in md and "<data:" not in md
    assert r"javascript:alert(4)" in md


def test_ics_text_is_escaped_not_interpreted():
    ics = render(plan(HOSTILE), "ics")
    cal = icalendar.Calendar.from_ical(ics)
    [meeting] = [e for e in cal.walk("VEVENT") if str(e["uid"]).startswith("meeting-1@")]
    assert "- <script>alert(1)</script> & [click](javascript:alert(2))" in str(meeting["description"])
    assert "URL" not in meeting


def test_ics_events_times_uids_and_reproducible():
    text = COMMITTEE + (
        "activities:\n  - id: workshop\n    title: Workshop\n    date: 2023-03-08\n    end_date: 2023-03-10\n"
        "reports:\n  - id: mines\n    title: Register of mines\n    frequency: yearly\n    due:\n      - {month: 4, day: 15}\n"
    )
    first, second = render(plan(text), "ics"), render(plan(text), "ics")
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
    cal = icalendar.Calendar.from_ical(render(plan(text), "ics"))
    events = {str(e["uid"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    m2, workshop, m1 = events["meeting-2"], events["workshop"], events["meeting-1"]
    assert str(m2["summary"]) == "Cancelled: CT: Second meeting"
    assert str(m2["description"]).split("\n")[0] == "Cancelled: No quorum"
    assert (str(m2["status"]), m2["sequence"]) == ("CANCELLED", 1)
    assert (str(workshop["summary"]), str(workshop["description"])) == ("Postponed: Workshop", "Postponed")
    assert (str(m1["summary"]), m1["sequence"]) == ("CT: First meeting", 0)
    assert m1["last-modified"].dt == m1["dtstamp"].dt == dt.datetime(2023, 1, 5, tzinfo=dt.UTC)
    spanish = icalendar.Calendar.from_ical(render(plan(text), "ics", lang="es"))
    [m2_es] = [e for e in spanish.walk("VEVENT") if str(e["uid"]).startswith("meeting-2@")]
    assert str(m2_es["summary"]).startswith("Cancelada: CT: ")


def test_ics_reimported_after_a_move_updates_the_event(runner, tmp_path):
    import subprocess

    clients.git()
    repo = tmp_path / "plans"
    repo.mkdir()
    path = write(repo, "plan.yaml", COMMITTEE)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "plan.yaml"], check=True)
    env = {"GIT_COMMITTER_DATE": "2023-01-10T12:00:00Z", "GIT_AUTHOR_DATE": "2023-01-10T12:00:00Z"}
    subprocess.run([*git, "commit", "-qm", "plan"], check=True, env={**os.environ, **env})

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


def test_upcoming_and_query_markdown_escape_titles(runner, tmp_path):
    path = write(tmp_path, "p.yaml", HOSTILE)
    up = runner.invoke(app, ["upcoming", str(path), "--as-of", "2023-03-02", "--days", "1", "-f", "md"])
    assert "**First meeting**" in up.stdout
    found = runner.invoke(app, ["query", "meetings", str(path), "--text", "script", "-f", "md"])
    assert found.stdout.splitlines()[1] == r"  - 1. \<script\>alert(1)\</script\> & \[click\](javascript:alert(2))"


@settings(max_examples=examples(300))
@given(st.text(alphabet=st.sampled_from(["a", "\\", "^", ";", "é", "€", " ", "𝄞"]), max_size=400))
def test_calendar_folding_is_icalendars(line):
    """The fast fold of calendar lines gives icalendar's bytes, whatever the line."""
    from icalendar.parser import content_line

    from workplan_cli import render as render_module

    render_module._fast_folding()
    original = render_module._ICALENDAR_FOLD
    assert original
    assert render_module._fold(line) == original(line)
    assert content_line._foldline is render_module._fold
