"""Keep the docs honest: every command and every check is documented."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT
from workplan_cli.cli import app
from workplan_cli.lint import all_checks

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
COMMANDS = [
    ["validate"],
    ["rules"],
    ["upcoming"],
    ["show"],
    ["schema"],
    ["render"],
    ["fmt"],
    ["diff"],
    ["query", "meetings"],
    ["query", "references"],
    ["query", "coverage"],
    ["query", "activities"],
    ["i18n", "extract"],
    ["i18n", "status"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_example_and_is_in_readme(runner, command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example: workplan " + " ".join(command) in result.stdout
    assert f"workplan {' '.join(command)}" in README


def test_every_check_is_in_the_readme_table():
    for check in all_checks():
        assert f"| {check.code} | {check.name} | {check.severity.value} |" in README, check.code


def test_rules_page_is_generated_from_the_registry():
    spec = importlib.util.spec_from_file_location("generate_rules", DOCS / "generate_rules.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    committed = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert committed == generator.render(), (
        "docs/rules.md differs from the rule registry; regenerate it with "
        "`.venv/bin/python docs/generate_rules.py` and commit the result"
    )


def test_readme_opens_with_the_two_commands():
    commands = [line for line in README.splitlines() if line.startswith("python3 -m venv")]
    assert commands[0].endswith("workplan validate data/ && .venv/bin/workplan upcoming --as-of 2023-03-01 --days 14")
    assert commands[1] == "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
