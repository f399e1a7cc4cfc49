"""The meeting and milestone rules (`lint/meetings.py`, WP120-WP131): silent on a correct plan, exact diagnostics on a plan that breaks each."""

from __future__ import annotations

from conftest import FIXTURES
from workplan_cli.loader import parse_plan
from workplan_cli.validate import lint_loaded

from . import COMMITTEE, INFORMAL, assert_reports, lint, rule_cases, sub

# (code, base, mutation, needle of the reported line, column, severity, message)
CASES = [
    (
        "WP120",
        COMMITTEE,
        lambda t: sub(t, "    number: 2", "    number: 3"),
        "number: 3",
        13,
        "error",
        "meeting number 2 is missing (the numbers go from 1 to 3)",
    ),
    (
        "WP120",
        COMMITTEE,
        lambda t: sub(t, "date: 2023-03-16", "date: 2023-03-01"),
        "2023-03-01",
        11,
        "error",
        "meeting 2 (2023-03-01) is dated before meeting 1 (2023-03-02)",
    ),
    (
        "WP121",
        COMMITTEE,
        lambda t: sub(t, "date: 2023-03-16", "date: 2023-03-01"),
        "2023-03-01",
        11,
        "warning",
        "meeting 'meeting-2' (2023-03-01) is listed after 'meeting-1' (2023-03-02)",
    ),
    (
        "WP122",
        COMMITTEE,
        lambda t: sub(t, "  - id: meeting-2", INFORMAL + "  - id: meeting-2"),
        'start_time: "12:00"',
        17,
        "warning",
        "meeting 'informal-1' (12:00–13:00) overlaps 'meeting-1' (10:00–13:00) on 2023-03-02; "
        "if it is held within it, add `within: meeting-1`",
    ),
    (
        "WP122",
        COMMITTEE,
        lambda t: sub(
            t,
            "  - id: meeting-2",
            INFORMAL.replace('    start_time: "12:00"\n    end_time: "13:00"\n', "") + "  - id: meeting-2",
        ),
        "date: 2023-03-02\n  - id: meeting-2",
        11,
        "warning",
        "meeting 'informal-1' (time to be confirmed, taken as the whole day) overlaps 'meeting-1' (10:00–13:00) "
        "on 2023-03-02; if it is held within it, add `within: meeting-1`",
    ),
    (
        "WP122",
        COMMITTEE,
        lambda t: sub(
            t,
            "  - id: meeting-2",
            INFORMAL.replace("date: 2023-03-02", "date: 2023-03-01\n    end_date: 2023-03-02") + "  - id: meeting-2",
        ),
        'start_time: "12:00"',
        17,
        "warning",
        "meeting 'informal-1' (12:00–13:00) overlaps 'meeting-1' (10:00–13:00) on 2023-03-02; "
        "if it is held within it, add `within: meeting-1`",
    ),
    (
        "WP124",
        COMMITTEE,
        lambda t: sub(sub(t, "    number: 2", "    number: 8"), "    number: 1\n    kind", "    number: 7\n    kind"),
        "number: 7",
        13,
        "warning",
        "numbering does not start at 1 (the first is 7): a partial plan, or meetings missing",
    ),
    (
        "WP123",
        COMMITTEE,
        lambda t: t + INFORMAL.replace("2023-03-02", "2023-03-03") + "    within: meeting-1\n",
        "within: meeting-1",
        13,
        "error",
        "meeting 'informal-1' (2023-03-03 12:00–13:00) is not inside 'meeting-1' (2023-03-02 10:00–13:00)",
    ),
    (
        "WP130",
        COMMITTEE,
        lambda t: sub(
            t,
            "  length_limits:",
            "    - id: comments\n      stage: comments-due\n      title: Comments due\n      date: 2023-03-01\n  length_limits:",
        ),
        "date: 2023-03-01",
        13,
        "error",
        "milestone 'comments' (comments-due, 2023-03-01) comes before 'first-version' (first-version, 2023-03-02)",
    ),
    (
        "WP131",
        COMMITTEE,
        lambda t: sub(t, "      meeting: meeting-1", "      meeting: meeting-2"),
        "      date: 2023-03-02",
        13,
        "error",
        "milestone 'first-version' is dated 2023-03-02, but meeting 'meeting-2' is on 2023-03-16",
    ),
]


@rule_cases(CASES)
def test_rule_reports_exact_diagnostic(code, base, mutate, needle, column, severity, message):
    assert_reports(code, base, mutate, needle, column, severity, message)


def test_within_silences_clash():
    text = sub(COMMITTEE, "  - id: meeting-2", INFORMAL + "    within: meeting-1\n  - id: meeting-2")
    assert lint(text, "WP122") == []
    assert lint(text, "WP123") == []


def test_meetings_listed_out_of_order_on_one_day_name_their_times(tmp_path):
    """WP121 gives the start times when the two meetings share a day (#26)."""
    text = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("    date: 2023-03-16\n", "    date: 2023-03-02\n", 1).replace(
        '    date: 2023-03-02\n    start_time: "10:00"\n    end_time: "13:00"\n',
        '    date: 2023-03-02\n    start_time: "15:00"\n    end_time: "16:00"\n',
        1,
    )
    found = [d.message for d in lint_loaded(parse_plan(text, "p.yaml")) if d.code == "WP121"]
    assert found == ["meeting 'meeting-2' (2023-03-02 10:00) is listed after 'meeting-1' (2023-03-02 15:00)"]
