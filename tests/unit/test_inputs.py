"""inputs.py: what a command reads, the plans under its paths (data/ by default)."""

from __future__ import annotations

from conftest import write
from workplan_cli.cli import app


def test_validate_missing_path_exit_2(runner, tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"workplan: error: no such file or directory: {tmp_path / 'nope.yaml'}\n"


def test_validate_empty_folder_exit_2(runner, tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"workplan: error: no plan files (*.yaml, *.yml) found in {tmp_path}\n"


def test_validate_default_path_is_data_folder(runner, tmp_path, committee_text, monkeypatch):
    (tmp_path / "data").mkdir()
    write(tmp_path / "data", "plan.yaml", committee_text)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate"])
    assert (result.exit_code, result.stdout) == (0, "1 file checked: no problems.\n")
