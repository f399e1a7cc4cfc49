"""loader/schema_errors.py: the schema's errors at the line and column of what they are about; the kind and version check."""

from __future__ import annotations

import pytest

from conftest import line_of, triples
from workplan_cli.loader import parse_plan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "schema_version: 1\n",
            (
                "WP006",
                1,
                1,
                "missing required key 'kind'; say which kind of plan this is (committee-plan, program-plan)",
            ),
        ),
        (
            "schema_version: 1\nkind: comittee-plan\n",
            ("WP006", 2, 7, "unknown kind 'comittee-plan'; expected one of: committee-plan, program-plan"),
        ),
        (
            "kind: program-plan\nschema_version: 7\n",
            ("WP007", 2, 17, "unsupported schema_version 7; this version of workplan reads schema_version: 1"),
        ),
        (
            "kind: program-plan\n",
            ("WP007", 1, 1, "missing required key 'schema_version'; this version of workplan reads schema_version: 1"),
        ),
    ],
    ids=["missing kind", "unknown kind points at the value", "unsupported version", "missing version"],
)
def test_the_kind_and_schema_version_are_checked_first(text, expected):
    assert triples(parse_plan(text, "k.yaml")) == [expected]


def test_schema_removed_key_points_at_parent(committee_text):
    text = committee_text.replace("    kind: regular\n    date: 2023-03-02\n", "    kind: regular\n", 1)
    assert triples(parse_plan(text, "p.yaml")) == [
        ("WP010", line_of(text, "- id: meeting-1"), 5, "missing required key 'date' in meetings[0]")
    ]


def test_schema_misspelt_key_with_suggestion(committee_text):
    text = committee_text.replace('    start_time: "10:00"', '    strat_time: "10:00"', 1)
    # (Both times or neither is checked once the keys are right: the misspelling is the one problem.)
    assert triples(parse_plan(text, "p.yaml")) == [
        (
            "WP011",
            line_of(text, "strat_time"),
            5,
            "unknown key 'strat_time' in meetings[0]; did you mean 'start_time'?",
        ),
    ]


def test_schema_impossible_date_points_at_value(committee_text):
    text = committee_text.replace("date: 2023-03-16", "date: 2023-02-30")
    assert triples(parse_plan(text, "p.yaml")) == [
        (
            "WP013",
            line_of(text, "2023-02-30"),
            11,
            "meetings[1].date: '2023-02-30' is not a valid date; write it as YYYY-MM-DD, like 2023-03-16",
        )
    ]


def test_schema_bad_time(committee_text):
    text = committee_text[: committee_text.rindex('"13:00"')] + '"25:00"\n'
    assert triples(parse_plan(text, "p.yaml")) == [
        (
            "WP014",
            line_of(text, "25:00"),
            15,
            "meetings[1].end_time: '25:00' is not a valid time; write it as HH:MM in 24-hour form, like '14:30'",
        )
    ]


def test_schema_errors_in_nested_lists_and_maps(committee_text):
    text = committee_text.replace('paragraphs: ["2.a"]\n                by', "paragraphs: [2.5]\n                by")
    text = text.replace(
        "            items:\n", "            items:\n              - {title: Extra, speakers: [{name: X, role: Y}]}\n"
    )
    assert triples(parse_plan(text, "p.yaml")) == [
        (
            "WP011",
            line_of(text, "role: Y"),
            53,
            "unknown key 'role' in meetings[0].agenda[0].topics[0].items[0].speakers[0]",
        ),
        (
            "WP015",
            line_of(text, "[2.5]"),
            30,
            "meetings[0].agenda[0].topics[0].items[1].paragraphs[0]: write the paragraph label 2.5 in quotes "
            "(e.g. '86.10') so it is not read as a number",
        ),
    ]


def test_schema_wrong_types(committee_text):
    text = committee_text.replace("  planned_meetings: 2", "  planned_meetings: two").replace(
        "functions: To test.", "functions:\n  - To test."
    )
    assert triples(parse_plan(text, "p.yaml")) == [
        (
            "WP012",
            line_of(text, "planned_meetings"),
            21,
            "introduction.planned_meetings: expected a whole number, got text 'two'",
        ),
        ("WP012", line_of(text, "- To test."), 3, "functions: expected text, got a list"),
    ]


def test_schema_integer_paragraph_label_is_accepted(committee_text):
    result = parse_plan(committee_text.replace('paragraphs: ["1"]', "paragraphs: [1]"), "p.yaml")
    assert result.diagnostics == []
    assert result.plan.mandates[0].mandates[0].paragraphs == ("1",)


def test_schema_unknown_literal_value(committee_text):
    # A meeting's kind is an open vocabulary (lint's WP108); its status is not.
    text = committee_text.replace("    date: 2023-03-16", "    date: 2023-03-16\n    status: postponned")
    [diag] = parse_plan(text, "p.yaml").diagnostics
    assert (diag.code, diag.line, diag.column) == ("WP015", line_of(text, "postponned"), 13)
    assert diag.message.startswith("meetings[1].status: input should be 'scheduled', 'postponed'")


def test_schema_bad_timezone(committee_text):
    text = committee_text.replace("adopted: 2023-01-05", "adopted: 2023-01-05\ntimezone: America/Nueva_York")
    assert triples(parse_plan(text, "p.yaml")) == [
        (
            "WP015",
            line_of(text, "timezone"),
            11,
            "timezone: 'America/Nueva_York' is not an IANA time zone name (e.g. 'America/New_York')",
        )
    ]
