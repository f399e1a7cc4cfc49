"""The models package's own functions (models/__init__.py): which model a plan's data means, and its validator."""

from __future__ import annotations

import pytest
import yaml

from conftest import FIXTURES
from workplan_cli.loader import parse_plan
from workplan_cli.models import CommitteePlan, ProgramPlan, plan_model, validator_for


@pytest.mark.parametrize(
    ("data", "model"),
    [
        ({"kind": "committee-plan", "schema_version": 1}, CommitteePlan),
        ({"kind": "program-plan", "schema_version": 1}, ProgramPlan),
        ({"kind": "committee-plan", "schema_version": 2}, None),
        ({"kind": "committee-plan", "schema_version": True}, None),
        ({"kind": "committee-plan"}, None),
        ({"kind": "meeting-plan", "schema_version": 1}, None),
        ({"kind": ["committee-plan"], "schema_version": 1}, None),
        ([{"kind": "committee-plan", "schema_version": 1}], None),
        ("committee-plan", None),
    ],
)
def test_the_model_a_plans_data_means(data, model):
    assert plan_model(data) is model


@pytest.mark.parametrize(("name", "model"), [("committee-minimal", CommitteePlan), ("program-minimal", ProgramPlan)])
def test_a_models_validator_is_built_once_and_reads_the_plan_as_the_loader_does(name, model):
    text = (FIXTURES / f"{name}.yaml").read_text(encoding="utf-8")
    validator = validator_for(model)
    assert validator is validator_for(model) is model.__pydantic_validator__
    assert validator.validate_python(yaml.safe_load(text)) == parse_plan(text, "p.yaml").plan
