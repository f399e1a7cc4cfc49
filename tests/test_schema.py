"""The committed JSON Schemas are exactly what the models generate."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from workplan_cli.cli import app
from workplan_cli.schema import schema_text


@pytest.mark.parametrize("kind", ["committee-plan", "program-plan"])
def test_committed_schema_matches_models(kind):
    committed = (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(kind), (
        f"schemas/{kind}.schema.json is stale: run `workplan schema --kind {kind} -o schemas/{kind}.schema.json`"
    )


def test_schema_is_draft07_strict_and_described():
    schema = json.loads(schema_text("committee-plan"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(schema)
    meeting = schema["definitions"]["Meeting"]
    assert meeting["additionalProperties"] is False
    assert meeting["properties"]["start_time"]["pattern"] == r"^\d{1,2}:\d{2}$"
    undescribed = [
        f"{name}.{field}"
        for name, definition in [("CommitteePlan", schema), *schema["definitions"].items()]
        for field, spec in definition.get("properties", {}).items()
        if "description" not in spec
    ]
    assert undescribed == []


def test_schema_command_writes_file(runner, tmp_path):
    target = tmp_path / "program.json"
    result = runner.invoke(app, ["schema", "--kind", "program-plan", "--output", str(target)])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") == schema_text("program-plan")


def test_schema_command_unwritable_folder(runner, tmp_path):
    result = runner.invoke(app, ["schema", "--output", str(tmp_path / "missing" / "x.json")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"workplan: error: {tmp_path / 'missing' / 'x.json'}: cannot write: ")


def _check_jsonschema(schema: str, *files) -> subprocess.CompletedProcess[str]:
    tool = Path(sys.executable).parent / "check-jsonschema"
    return subprocess.run(
        [str(tool), "--schemafile", str(ROOT / "schemas" / schema), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("path", sorted((ROOT / "data").glob("*.yaml")), ids=lambda p: p.name)
def test_independent_validator_accepts_bundled_plans(path):
    kind = "committee-plan" if "kind: committee-plan" in path.read_text(encoding="utf-8") else "program-plan"
    result = _check_jsonschema(f"{kind}.schema.json", path)
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")


def test_independent_validator_rejects_broken_copy(tmp_path):
    text = (ROOT / "data" / "cicte-2022-2023.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        text.replace("  acronym: CICTE", "  acronym: CICTE\n  acronim: CICTE", 1).replace("letter: B", "letter: b"),
        encoding="utf-8",
    )
    result = _check_jsonschema("program-plan.schema.json", broken)
    assert result.returncode == 1
    assert "$.organization: Additional properties are not allowed ('acronim' was unexpected)" in result.stdout
    assert "$.programs[1].letter: 'b' does not match '^[A-Z]$'" in result.stdout
