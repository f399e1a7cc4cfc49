"""cli/languages.py: the commands that help translate a plan, i18n extract and i18n status."""

from __future__ import annotations

from workplan_cli.cli import app


def test_i18n_commands_refuse_a_missing_plan(runner, tmp_path):
    result = runner.invoke(app, ["i18n", "extract", str(tmp_path / "nope.yaml")])
    assert (result.exit_code, result.output) == (2, f"workplan: error: {tmp_path / 'nope.yaml'}: not a plan file\n")
