"""The date rules (`lint/dates.py`, WP110-WP115): silent on a correct plan, exact diagnostics on a plan that breaks each."""

from __future__ import annotations

from . import COMMITTEE, PROGRAM, assert_reports, lint, rule_cases, sub

ACTIVITY = "      - text: Test workshops with Acme.\n"

# (code, base, mutation, needle of the reported line, column, severity, message)
CASES = [
    (
        "WP110",
        COMMITTEE,
        lambda t: sub(t, "date: 2023-03-16", "date: 2024-03-14"),
        "2024-03-14",
        11,
        "error",
        "meeting 'meeting-2' on 2024-03-14 is outside the term (2023-01-01 to 2023-06-30)",
    ),
    (
        "WP111",
        COMMITTEE,
        lambda t: (
            t + "activities:\n  - id: seminar\n    title: Seminar\n    date: 2023-10-18\n    end_date: 2023-10-20\n"
        ),
        "2023-10-18",
        11,
        "warning",
        "activity 'seminar' on 2023-10-18 is outside the term (2023-01-01 to 2023-06-30)",
    ),
    (
        "WP112",
        COMMITTEE,
        lambda t: t[: t.rindex('start_time: "10:00"')] + 'start_time: "14:30"\n    end_time: "13:15"\n',
        '"13:15"',
        15,
        "error",
        "meeting 'meeting-2' ends at 13:15, not after it starts at 14:30",
    ),
    (
        "WP113",
        COMMITTEE,
        lambda t: sub(t, "date: 2023-03-16", "date: 2023-03-18"),
        "2023-03-18",
        11,
        "warning",
        "meeting 'meeting-2' is on a Saturday (2023-03-18)",
    ),
    (
        "WP114",
        COMMITTEE,
        lambda t: (
            t
            + "reports:\n  - id: mines\n    title: Mines\n    frequency: yearly\n    due:\n      - {month: 4, day: 31}\n"
        ),
        "day: 31",
        25,
        "error",
        "April has no day 31 (report 'mines')",
    ),
    (
        "WP110",
        COMMITTEE,
        lambda t: sub(t, "date: 2023-03-16", "date: 2023-06-29\n    end_date: 2023-07-03"),
        "2023-07-03",
        15,
        "error",
        "meeting 'meeting-2' on 2023-07-03 is outside the term (2023-01-01 to 2023-06-30)",
    ),
    (
        "WP112",
        COMMITTEE,
        lambda t: sub(t, "date: 2023-03-16", "date: 2023-03-16\n    end_date: 2023-03-15"),
        "2023-03-15",
        15,
        "error",
        "meeting 'meeting-2' ends (2023-03-15) before it starts (2023-03-16)",
    ),
    (
        "WP113",
        COMMITTEE,
        lambda t: sub(t, "date: 2023-03-16", "date: 2023-03-17\n    end_date: 2023-03-18"),
        "2023-03-18",
        15,
        "warning",
        "meeting 'meeting-2' is on a Saturday (2023-03-18)",
    ),
    (
        "WP115",
        COMMITTEE,
        lambda t: sub(t, "  end: 2023-06-30\n", ""),
        "term:",
        1,
        "warning",
        "the term's end is not given (to be confirmed): meetings and milestones are checked against its start "
        "only, and the picture of the term ends with the plan's last dated item",
    ),
    (
        "WP115",
        COMMITTEE,
        lambda t: sub(t, "    date: 2023-06-28\n    end_date: 2023-06-30\n", ""),
        "  general_assembly:",
        3,
        "warning",
        "the General Assembly's date is not given (to be confirmed): `workplan init` "
        "cannot date next term's session from this plan",
    ),
]


# A program activity's dates: the rule committee activities have, with the period for the term.
CASES += [
    (
        "WP112",
        PROGRAM,
        lambda t: sub(t, ACTIVITY, ACTIVITY + "        date: 2023-05-08\n        end_date: 2023-04\n"),
        "end_date: 2023-04",
        19,
        "error",
        "activity 1 of 'testing' ends (2023-04) before it starts (2023-05-08)",
    ),
    (
        "WP111",
        PROGRAM,
        lambda t: sub(t, ACTIVITY, ACTIVITY + "        date: 2024\n"),
        "date: 2024",
        15,
        "warning",
        "activity 1 of 'testing' on 2024 is outside the period (2023-01-01 to 2023-12-31)",
    ),
    (
        "WP111",
        PROGRAM,
        lambda t: sub(t, ACTIVITY, ACTIVITY + "        date: 2022-11\n        end_date: 2022-12-31\n"),
        "date: 2022-11",
        15,
        "warning",
        "activity 1 of 'testing' on 2022-11 is outside the period (2023-01-01 to 2023-12-31)",
    ),
]


def test_program_activities_that_meet_the_period_or_end_with_their_months_last_day_pass():
    """An end in the month it starts (`2023-05-08` to `2023-05`), and any day of the period reached, pass."""
    for dates in (
        "        date: 2023-05-08\n        end_date: 2023-05\n",
        "        date: 2022-12-30\n        end_date: 2023-01-02\n",
        "        date: 2023\n",
        "        date: 2023-12\n        end_date: 2024-01\n",
        "        place: Port of Spain\n",
    ):
        text = sub(PROGRAM, ACTIVITY, ACTIVITY + dates)
        assert (lint(text, "WP111"), lint(text, "WP112")) == ([], [])


@rule_cases(CASES)
def test_rule_reports_exact_diagnostic(code, base, mutate, needle, column, severity, message):
    assert_reports(code, base, mutate, needle, column, severity, message)
