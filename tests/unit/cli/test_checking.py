"""`workplan validate`: output formats by exact comparison, exit codes, many files in one run."""

from __future__ import annotations

from conftest import TOP_FIXTURES, write
from workplan_cli.cli import app


def test_validate_valid_fixtures_exit_0(runner):
    result = runner.invoke(app, ["validate", *TOP_FIXTURES])
    assert result.exit_code == 0
    assert result.stdout == "2 files checked: no problems.\n"


def test_validate_fifo_is_io_error_but_others_still_checked(runner, tmp_path, committee_text):
    import os

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    bad = write(tmp_path, "bad.yaml", committee_text.replace("date: 2023-03-16", "date: 2023-02-30"))
    result = runner.invoke(app, ["validate", str(fifo), str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:" in result.stdout and "WP013" in result.stdout
    assert result.stderr == f"workplan: error: {fifo}: not a regular file\n"
