"""The committed JSON Schemas are exactly what the models generate."""

from __future__ import annotations

import functools
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from conftest import ROOT, check_jsonschema, examples
from workplan_cli.cli import app
from workplan_cli.models import ID_MESSAGE, Area, Meeting, Paragraph, ProgramActivity
from workplan_cli.models.scalars import DATE_PATTERN, SCALAR_TYPES
from workplan_cli.schema import schema_text


@pytest.mark.parametrize("kind", ["committee-plan", "program-plan"])
def test_committed_schema_matches_models(kind):
    committed = (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(kind), (
        f"schemas/{kind}.schema.json is stale: run `workplan schema --kind {kind} -o schemas/{kind}.schema.json`"
    )


@pytest.mark.parametrize("kind", ["committee-plan", "program-plan"])
def test_schema_is_draft07_strict_and_described(kind):
    schema = json.loads(schema_text(kind))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(schema)
    root = "CommitteePlan" if kind == "committee-plan" else "ProgramPlan"
    definitions = [(root, schema), *schema["definitions"].items()]
    assert [name for name, definition in definitions if definition.get("additionalProperties") is not False] == []
    assert [name for name, definition in definitions if not definition.get("description")] == []
    undescribed = [
        f"{name}.{field}"
        for name, definition in definitions
        for field, spec in definition.get("properties", {}).items()
        if "description" not in spec
    ]
    assert undescribed == []


@pytest.mark.parametrize("kind", ["committee-plan", "program-plan"])
def test_scalar_types_are_written_out_where_fields_use_them(kind):
    # The models name their scalar types (so pydantic builds each once); editors see each field's own.
    text = schema_text(kind)
    names = {alias.__name__ for alias in SCALAR_TYPES}
    assert names == {"Id", "IdRef", "Date", "Time", "Ref", "ApproximateDate", "TimeZone", "Text"}
    assert names & set(json.loads(text)["definitions"]) == set()
    assert [name for name in names if f'"#/definitions/{name}"' in text] == []


def test_a_scalar_field_has_its_own_title_and_description_next_to_its_types_rules():
    properties = json.loads(schema_text("committee-plan"))["definitions"]["Meeting"]["properties"]
    assert properties["date"] == {
        "description": "The day of the meeting (its first day, for a meeting of several days).",
        "errorMessage": "expected a date like 2023-03-16",
        "examples": ["2023-03-16"],
        "pattern": DATE_PATTERN,
        "patternErrorMessage": "not a valid date; write it as YYYY-MM-DD, like 2023-03-16",
        "title": "Date",
        "type": "string",
    }
    assert properties["title"] == {
        "description": properties["title"]["description"],
        "minLength": 1,
        "title": "Title",
        "type": ["string", "null"],
    }


@pytest.mark.parametrize("kind", ["committee-plan", "program-plan"])
def test_schema_optional_fields_are_flat_for_editors(kind):
    schema = json.loads(schema_text(kind))
    text = json.dumps(schema)
    # No branches to join on hover ("Title || Title"), no `null` for completion to insert.
    assert '"anyOf"' not in text
    assert '"default": null' not in text
    meeting_or_program = schema["definitions"]["Meeting" if kind == "committee-plan" else "Program"]
    if kind == "committee-plan":
        assert meeting_or_program["properties"]["title"] == {
            "description": "The meeting's title, where it has one.",
            "minLength": 1,
            "title": "Title",
            "type": ["string", "null"],
        }
        within = meeting_or_program["properties"]["within"]
        assert (within["title"], within["description"], within["type"]) == (
            "Within",
            "Id of the meeting this one is held within (same day, inside its hours).",
            ["string", "null"],
        )
    else:
        assert meeting_or_program["properties"]["purpose"] == {
            "description": "Its purpose, verbatim (absent when only sub-programs have one).",
            "minLength": 1,
            "title": "Purpose",
            "type": ["string", "null"],
        }


@functools.cache
def _schema(kind: str) -> dict:
    """The exported schema, built once: the property test below asks for it on every example."""
    return json.loads(schema_text(kind))


def _schema_of(kind: str, definition: str, field: str) -> dict:
    return _schema(kind)["definitions"][definition]["properties"][field]


def _editor_accepts(spec: dict, value: object) -> bool:
    """What an editor's JSON Schema check says: type, then the pattern (text) or the bounds (a number)."""
    types = spec["type"] if isinstance(spec["type"], list) else [spec["type"]]
    kinds = {"string": str, "integer": int, "null": type(None)}
    if isinstance(value, bool) or not any(isinstance(value, kinds[t]) for t in types):
        return False
    if isinstance(value, int):
        return spec.get("minimum", value) <= value <= spec.get("maximum", value)
    return not isinstance(value, str) or re.search(spec["pattern"], value) is not None


def _cli_accepts(model: type, data: dict) -> bool:
    try:
        model.model_validate(data)
    except ValidationError:
        return False
    return True


def _disagreements(spec: dict, model: type, make, values) -> list:
    return [v for v in values if _editor_accepts(spec, v) != _cli_accepts(model, make(v))]


def test_schema_time_pattern_is_as_strict_as_the_cli():
    spec = _schema_of("committee-plan", "Meeting", "start_time")
    assert spec["pattern"] == r"^\s*(?:[01]?[0-9]|2[0-3]):[0-5][0-9]\s*$"
    values = [f"{h}:{m:02d}" for h in range(100) for m in range(100)]
    values += [f"{h:02d}:{m:02d}" for h in range(30) for m in range(70)]
    values += ["9:5", "009:30", "10:000", "10.30", "1030", "", " 9:30 ", "\t10:00", "10:00\n", "10 :00", "24:00"]
    values += ["\u0661\u0660:00", "10:\u0663\u0660", "\uff11\uff10:00"]  # other scripts' digits
    # Not None: an empty start_time beside an end_time is refused by the CLI (both times or neither),
    # while the editor's `dependencies` sees the key there and is content.
    values += [930, 9.5, True]
    base = {"id": "m", "kind": "regular", "date": "2023-03-02", "end_time": "13:00"}
    assert _disagreements(spec, Meeting, lambda v: {**base, "start_time": v}, values) == []
    assert _editor_accepts(spec, "9:30") and _editor_accepts(spec, "23:59")
    assert not _editor_accepts(spec, "25:99") and not _editor_accepts(spec, "24:00")


def test_schema_date_pattern_is_as_strict_as_the_cli():
    spec = _schema_of("committee-plan", "Meeting", "date")
    values = [
        f"{year}-{month:02d}-{day:02d}"
        for year in ("0000", "0001", "1900", "2000", "2023", "2024", "2100", "9999")
        for month in range(14)
        for day in range(33)
    ]
    values += ["2023-3-16", "23-03-16", " 2023-03-16 ", "2023-03-16T10:00", "2023/03/16", "", 20230316, None]
    # ISO 8601's other forms, which Python's `date.fromisoformat` reads, and other scripts' digits.
    values += ["20230316", "2023-W11-4", "2023W114", "2023-075", "2023075", "+2023-03-16", "2023-03-16\n"]
    values += ["\uff12\uff10\uff12\uff13-03-16", "2023-0\u0663-16", "2023-03-16Z"]
    base = {"id": "m", "kind": "regular", "start_time": "10:00", "end_time": "13:00"}
    assert _disagreements(spec, Meeting, lambda v: {**base, "date": v}, values) == []
    assert not _editor_accepts(spec, "20230316") and not _cli_accepts(Meeting, {**base, "date": "20230316"})


@settings(max_examples=examples(300))
@given(st.text(alphabet="0123456789-:WTZ+ \t\n\u0663\uff12", max_size=12))
def test_editor_and_cli_agree_on_any_date_or_time_text(text):
    """Strings built from the characters dates and times are made of: the editor and the CLI agree on each."""
    for field, base in (
        ("date", {"id": "m", "kind": "regular", "start_time": "10:00", "end_time": "13:00"}),
        ("start_time", {"id": "m", "kind": "regular", "date": "2023-03-02", "end_time": "13:00"}),
    ):
        spec = _schema_of("committee-plan", "Meeting", field)
        assert _editor_accepts(spec, text) == _cli_accepts(Meeting, {**base, field: text}), (field, text)


# A program activity's `date` and `end_date` are a committee activity's: a day, or a month or year alone.
PROGRAM_DATE_FIELDS = (("date", {"text": "A workshop."}), ("end_date", {"text": "A workshop.", "date": "2023-01-01"}))


@settings(max_examples=examples(300))
@given(st.text(alphabet="0123456789-:WTZ+ \t\n\u0663\uff12", max_size=12))
def test_editor_and_cli_agree_on_any_program_activity_date_text(text):
    """The same for a program activity's dates, which take YYYY-MM and YYYY too, as a committee activity's do."""
    for field, base in PROGRAM_DATE_FIELDS:
        spec = _schema_of("program-plan", "ProgramActivity", field)
        # The committee activity's own `date` is required, so not null; the rules on its text are the same.
        assert spec == _schema_of("committee-plan", "Activity", field) | {
            "description": spec["description"],
            "type": ["string", "integer", "null"],
        }
        assert _editor_accepts(spec, text) == _cli_accepts(ProgramActivity, {**base, field: text}), (field, text)


@settings(max_examples=examples(300))
@given(st.integers(min_value=-10, max_value=10010) | st.sampled_from([0, 1, 2023, 9999, 10000]))
def test_editor_and_cli_agree_on_a_program_activity_dated_by_a_bare_year(year):
    """``date: 2023`` is a year, as YAML reads it (a number): both accept 1 to 9999 and nothing else."""
    for field, base in PROGRAM_DATE_FIELDS:
        spec = _schema_of("program-plan", "ProgramActivity", field)
        assert (
            _editor_accepts(spec, year) == _cli_accepts(ProgramActivity, {**base, field: year}) == (1 <= year <= 9999)
        )


def test_schema_asks_for_a_program_activitys_date_with_its_end_date():
    definition = _schema("program-plan")["definitions"]["ProgramActivity"]
    assert definition["dependencies"] == {"end_date": ["date"]}
    assert list(definition["properties"]) == ["text", "date", "end_date", "place", "partners", "gender"]
    assert definition["required"] == ["text"]
    assert not _cli_accepts(ProgramActivity, {"text": "A workshop.", "end_date": "2023-05-10"})
    assert _cli_accepts(ProgramActivity, {"text": "A workshop.", "date": "2023-05", "end_date": "2023-06"})


def test_schema_id_pattern_is_as_strict_as_the_cli():
    declared = _schema_of("committee-plan", "Area", "id")
    referred = _schema_of("committee-plan", "Meeting", "within")
    assert declared["pattern"] == referred["pattern"] == r"^\s*[a-z0-9][a-z0-9.-]*\s*$"
    assert declared["patternErrorMessage"] == referred["patternErrorMessage"] == ID_MESSAGE
    values = ["toc", "meeting-5", "ag-2970", "v1.2", "9", "0-a", " toc ", "-toc", ".toc", "Toc", "to c", "to_c"]
    values += ["", "tóc", "toc\n", 5, None]
    area = {"number": 1, "name": "Testing"}
    assert _disagreements(declared, Area, lambda v: {**area, "id": v}, values) == []
    meeting = {"id": "m", "kind": "informal", "date": "2023-03-02", "start_time": "10:00", "end_time": "13:00"}
    assert _disagreements(referred, Meeting, lambda v: {**meeting, "within": v}, values) == []
    # Every id and every reference to one carries the pattern.
    schema = json.loads(schema_text("committee-plan"))
    slugs = [
        f"{name}.{field}"
        for name, definition in [("CommitteePlan", schema), *schema["definitions"].items()]
        for field, spec in definition["properties"].items()
        if spec.get("pattern") == declared["pattern"] or spec.get("items", {}).get("pattern") == declared["pattern"]
    ]
    assert slugs == [
        "CommitteePlan.id",
        "Activity.id",
        "Activity.organizers",
        "AgendaItem.resolutions",
        "AgendaItem.by",
        "AgendaItem.refers_to",
        "AgendaSection.area",
        "AgendaTopic.resolutions",
        "AgendaTopic.by",
        "AgendaTopic.refers_to",
        "Area.id",
        "Body.id",
        "Country.id",
        "Footnote.resolutions",
        "Mandate.resolutions",
        "Meeting.id",
        "Meeting.within",
        "Milestone.id",
        "Milestone.meeting",
        "Officer.id",
        "PendingEvent.id",
        "Procedure.events",
        "Report.id",
        "Report.resolutions",
        "Resolution.id",
        "SectionFootnote.resolutions",
        "Speaker.body",
        "WorkingGroup.id",
    ]


def test_schema_paragraph_labels_take_text_or_whole_numbers_as_the_cli_does():
    spec = _schema_of("committee-plan", "Paragraph", "label")
    assert spec["type"] == ["string", "integer"]
    # Not 86.0: the CLI refuses it (YAML reads a float), but JSON Schema, and so the editor, counts it an integer.
    values = ["38", "47.b", "ag-2970:47.b", " 38 ", "", "  ", 38, 0, -3, 86.1, True, None]
    assert _disagreements(spec, Paragraph, lambda v: {"label": v}, values) == []
    assert spec["patternErrorMessage"] == "expected a paragraph label such as '38' or '47.b'"


def test_schema_command_writes_file(runner, tmp_path):
    target = tmp_path / "program.json"
    result = runner.invoke(app, ["schema", "--kind", "program-plan", "--output", str(target)])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") == schema_text("program-plan")


def test_schema_command_unwritable_folder(runner, tmp_path):
    result = runner.invoke(app, ["schema", "--output", str(tmp_path / "missing" / "x.json")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"workplan: error: {tmp_path / 'missing' / 'x.json'}: cannot write: ")


@pytest.mark.parametrize("path", sorted((ROOT / "data").glob("*.yaml")), ids=lambda p: p.name)
def test_independent_validator_accepts_bundled_plans(path):
    kind = "committee-plan" if "kind: committee-plan" in path.read_text(encoding="utf-8") else "program-plan"
    result = check_jsonschema(f"{kind}.schema.json", path)
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")


def test_independent_validator_rejects_broken_copy(tmp_path):
    text = (ROOT / "data" / "cicte-2022-2023.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        text.replace("  acronym: CICTE", "  acronym: CICTE\n  acronim: CICTE", 1).replace("letter: B", "letter: b"),
        encoding="utf-8",
    )
    result = check_jsonschema("program-plan.schema.json", broken)
    assert result.returncode == 1
    assert "$.organization: Additional properties are not allowed ('acronim' was unexpected)" in result.stdout
    assert "$.programs[1].letter: 'b' does not match '^[A-Z]$'" in result.stdout
