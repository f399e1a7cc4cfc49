"""cli/options.py: what several commands share, their options and arguments."""

from __future__ import annotations

from conftest import DATA
from workplan_cli.cli import app


def test_unknown_language_is_a_usage_error(runner):
    result = runner.invoke(app, ["render", str(DATA / "csh-2022-2023.yaml"), "--lang", "de"])
    assert result.exit_code == 2
    assert "Invalid value for '--lang'" in result.output
    assert "Traceback" not in result.output
