"""errors.py: the exceptions that stop a command, typed, with their diagnostics and exit codes."""

from __future__ import annotations

import pytest

import workplan_cli
from conftest import DATA, FIXTURES, write


def test_errors_are_typed_and_carry_the_diagnostics(tmp_path):
    broken = write(
        tmp_path,
        "p.yaml",
        (FIXTURES / "committee-minimal.yaml")
        .read_text(encoding="utf-8")
        .replace("title: Test plan", "title: [Test plan]", 1),
    )
    with pytest.raises(workplan_cli.PlanError) as caught:
        workplan_cli.load_plans([broken])
    assert [(d.code, d.line, d.column) for d in caught.value.diagnostics] == [("WP012", 4, 8)]
    assert str(caught.value) == (
        f"the plans have 1 error(s); fix them first:\n{broken}:4:8: error WP012 title: expected text, got a list"
    )
    with pytest.raises(workplan_cli.PathError, match="no such file or directory"):
        workplan_cli.validate_paths([tmp_path / "missing.yaml"])
    result = workplan_cli.load_plan(broken)
    assert (result.plan, [d.code for d in result.diagnostics]) == (None, ["WP012"])
    assert issubclass(workplan_cli.TemplateError, workplan_cli.WorkplanError)


def test_the_library_raises_its_own_errors_for_what_the_command_line_reports():
    with pytest.raises(workplan_cli.UsageError, match="unknown rule 'no-such-rule'; `workplan rules` lists them"):
        workplan_cli.resolve_codes(["unused-declaration,no-such-rule"])
    with pytest.raises(workplan_cli.UsageError, match="unknown rule 'WP999'"):
        workplan_cli.find_checks("WP999")
    with pytest.raises(workplan_cli.UsageError, match="no item with id 'meeting-99'"):
        workplan_cli.find_item(workplan_cli.load_plans([DATA]), "meeting-99")
    with pytest.raises(workplan_cli.UsageError, match="give two files"):
        workplan_cli.compare_plans(None, None, None)
    with pytest.raises(workplan_cli.UsageError, match="HH:MM-HH:MM"):
        workplan_cli.parse_hours("10-13")
    with pytest.raises(workplan_cli.UsageError, match="'2023-13' is not a month: write YYYY-MM, like 2023-03"):
        workplan_cli.parse_period("2023-13")
    with pytest.raises(workplan_cli.UsageError, match="'2023-02-30' is not a day of the calendar"):
        workplan_cli.parse_period("2023-02-30")
    with pytest.raises(workplan_cli.UsageError, match="or a month or year whose day is to be confirmed"):
        workplan_cli.parse_period("March 2023")
