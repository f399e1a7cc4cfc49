"""cli/publishing.py: the render command's usage errors."""

from __future__ import annotations

from conftest import FIXTURES, TOP_FIXTURES, write
from workplan_cli.cli import app

COMMITTEE = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")


def test_missing_template_dir_exit_2(tmp_path, runner):
    path = write(tmp_path, "p.yaml", COMMITTEE)
    result = runner.invoke(app, ["render", str(path), "--template-dir", str(tmp_path / "nope")])
    assert (result.exit_code, result.stderr) == (
        2,
        f"workplan: error: {tmp_path / 'nope'}: template folder not found\n",
    )


def test_render_several_plans_to_stdout_is_usage_error(runner):
    result = runner.invoke(app, ["render", *TOP_FIXTURES])
    assert (result.exit_code, result.stderr) == (
        2,
        "workplan: error: 2 plans to render: give --output FOLDER to write one file per plan\n",
    )
