"""hooks.py: the pre-commit hooks run validate or fmt on the files that are plans."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, write
from repository import MISSPELT, MISSPELT_MESSAGE, PRE_COMMIT_CONFIG, WORKFLOW
from workplan_cli.hooks import looks_like_plan, main


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (WORKFLOW, False),
        (PRE_COMMIT_CONFIG, False),
        ("", False),
        ("- a list\n", False),
        ("title: kind of a plan\nnotes: {kind: x}\n", False),  # `kind` only below the top level
        ("metadata:\n  kind: committee-plan\n", False),
        ("# kind: committee-plan\n", False),
        ("# yaml-language-server: $schema=https://json.schemastore.org/github-workflow.json\non: push\n", False),
        ("kind: committee-plan\n", True),
        ("kind: comittee-plan\n", True),  # misspelt: still a plan, and it must fail
        ("kind:\n", True),
        ('"kind": program-plan\n', True),
        ("\ufeffkind: program-plan\n", True),
        ("---\nkind: program-plan\n", True),
        ("{kind: committee-plan, schema_version: 1}\n", True),
        ("kind: Deployment\napiVersion: apps/v1\n", True),  # a top-level kind is checked: restrict with files:
        ("# yaml-language-server: $schema=../schemas/committee-plan.schema.json\nid: x\n", True),
        ("#yaml-language-server:$schema=https://example.org/schemas/program-plan.schema.json#x\n", True),
        ("# yaml-language-server: $schema=..\\schemas\\program-plan.schema.json\n", True),
    ],
)
def test_looks_like_plan(text, expected):
    assert looks_like_plan(text) is expected


def test_hooks_main_skips_files_that_are_not_plans(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "ci.yml", WORKFLOW)
    write(tmp_path, ".pre-commit-config.yaml", PRE_COMMIT_CONFIG)
    # Given only files that are not plans, nothing runs (workplan itself would fall back to data/).
    assert main(["validate", "ci.yml", ".pre-commit-config.yaml"]) == 0
    assert main(["fmt", "ci.yml", ".pre-commit-config.yaml"]) == 0
    assert capsys.readouterr() == ("", "")


def test_hooks_main_checks_the_plans_among_them(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "ci.yml", WORKFLOW)
    shutil.copy(FIXTURES / "committee-minimal.yaml", tmp_path / "plan.yaml")
    write(tmp_path, "misspelt.yaml", MISSPELT)
    assert main(["validate", "ci.yml", "plan.yaml"]) == 0
    assert capsys.readouterr().out == "1 file checked: no problems.\n"
    assert main(["validate", "--strict", "ci.yml", "plan.yaml", "misspelt.yaml"]) == 1
    assert capsys.readouterr().out == f"misspelt.yaml:{MISSPELT_MESSAGE}\nFound 1 error and 0 warnings in 2 files.\n"
    assert main(["fmt", "ci.yml", "plan.yaml"]) == 0
    assert capsys.readouterr().err == "1 file already formatted.\n"


def test_hooks_main_refuses_an_unknown_command(capsys):
    assert main(["render", "plan.yaml"]) == 2
    assert capsys.readouterr().err == "usage: python -m workplan_cli.hooks {validate,fmt} [OPTION]... FILE...\n"
