"""The plan format's fixed words (vocabulary.py): their values in order, and the same words in the command line's
choices and the models' types."""

from __future__ import annotations

from typing import get_args

import pytest

from workplan_cli import vocabulary
from workplan_cli.cli import app
from workplan_cli.models import Activity, CommitteePlan, Meeting, ProgramPlan
from workplan_cli.schema import json_schema


def test_the_words_in_their_order():
    assert vocabulary.PLAN_KINDS == ("committee-plan", "program-plan")
    assert (vocabulary.COMMITTEE_KIND, vocabulary.PROGRAM_KIND, vocabulary.SCHEMA_VERSION) == (
        "committee-plan",
        "program-plan",
        1,
    )
    assert vocabulary.LANGUAGES == ("en", "es", "fr", "pt")
    assert vocabulary.STATUSES == ("scheduled", "postponed", "cancelled", "held")
    assert vocabulary.ENTRY_KINDS == ("meeting", "activity", "milestone", "deadline", "pending")


@pytest.mark.parametrize(
    ("args", "option", "words"),
    [
        (["upcoming", "--lang", "xx", "data"], "'--lang'", vocabulary.LANGUAGES),
        (["upcoming", "--kind", "xx", "data"], "'--kind' / '-k'", vocabulary.ENTRY_KINDS),
        (["schema", "--kind", "xx"], "'--kind'", vocabulary.PLAN_KINDS),
    ],
)
def test_the_command_lines_choices_are_the_words_in_order(runner, args, option, words):
    result = runner.invoke(app, args)
    listed = ", ".join(f"'{word}'" for word in words)
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2,
        f"Error: Invalid value for {option}: Value error, 'xx' is not one of {listed}.",
    )


def test_the_models_types_are_the_words():
    assert get_args(CommitteePlan.model_fields["kind"].annotation) == (vocabulary.COMMITTEE_KIND,)
    assert get_args(ProgramPlan.model_fields["kind"].annotation) == (vocabulary.PROGRAM_KIND,)
    for model in (CommitteePlan, ProgramPlan):
        assert get_args(model.model_fields["schema_version"].annotation) == (vocabulary.SCHEMA_VERSION,)
        assert get_args(model.model_fields["language"].annotation) == vocabulary.LANGUAGES
    for model in (Meeting, Activity):
        [status, none] = get_args(model.model_fields["status"].annotation)
        assert (get_args(status), none) == (vocabulary.STATUSES, type(None))
    # An open vocabulary: any word, the known ones documented in the schema in order.
    kind = json_schema(vocabulary.COMMITTEE_KIND)["definitions"]["Meeting"]["properties"]["kind"]
    assert (kind["type"], kind["examples"]) == ("string", list(vocabulary.MEETING_KINDS))
