"""`workplan validate`: output formats by exact comparison, exit codes, many files in one run."""

from __future__ import annotations

import json

from conftest import FIXTURES, line_of, write
from workplan_cli import __version__
from workplan_cli.cli import app


def broken_pair(tmp_path, committee_text):
    """Two files with problems: a misspelt key in one, a bad date in the other."""
    a = write(tmp_path, "a.yaml", committee_text.replace("  acronym: CT", "  acronim: CT"))
    b = write(tmp_path, "b.yaml", committee_text.replace("date: 2023-03-16", "date: 2023-02-30"))
    return a, b


def test_validate_valid_fixtures_exit_0(runner):
    result = runner.invoke(app, ["validate", str(FIXTURES)])
    assert result.exit_code == 0
    assert result.stdout == "2 files checked: no problems.\n"


def test_validate_text_format_reports_every_file_sorted(runner, tmp_path, committee_text):
    a, b = broken_pair(tmp_path, committee_text)
    result = runner.invoke(app, ["validate", str(b), str(a)])
    assert result.exit_code == 1
    la = line_of(a.read_text(), "acronim")
    lb = line_of(b.read_text(), "2023-02-30")
    assert result.stdout == (
        f"{a}:5:1: error WP010 missing required key 'acronym' in committee\n"
        f"{a}:{la}:3: error WP011 unknown key 'acronim' in committee; did you mean 'acronym'?\n"
        f"{b}:{lb}:11: error WP013 meetings[1].date: '2023-02-30' is not a valid date; write it as YYYY-MM-DD, like 2023-03-16\n"
        "Found 3 errors and 0 warnings in 2 files.\n"
    )


def test_validate_json_format_exact(runner, tmp_path, committee_text):
    a, _ = broken_pair(tmp_path, committee_text)
    ok = FIXTURES / "program-minimal.yaml"
    result = runner.invoke(app, ["validate", "--format", "json", str(a), str(ok)])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "version": 1,
        "status": "problems",
        "files": [str(a), str(ok)],
        "counts": {"error": 2, "warning": 0},
        "diagnostics": [
            {
                "path": str(a),
                "line": 5,
                "column": 1,
                "code": "WP010",
                "name": "missing-key",
                "severity": "error",
                "message": "missing required key 'acronym' in committee",
            },
            {
                "path": str(a),
                "line": 7,
                "column": 3,
                "code": "WP011",
                "name": "unknown-key",
                "severity": "error",
                "message": "unknown key 'acronim' in committee; did you mean 'acronym'?",
            },
        ],
        "io_errors": [],
    }


def test_validate_json_ok(runner):
    result = runner.invoke(app, ["validate", "-f", "json", str(FIXTURES / "program-minimal.yaml")])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "version": 1,
        "status": "ok",
        "files": [str(FIXTURES / "program-minimal.yaml")],
        "counts": {"error": 0, "warning": 0},
        "diagnostics": [],
        "io_errors": [],
    }


def test_validate_github_format_escapes(runner, tmp_path, committee_text):
    path = write(tmp_path, "p,1.yaml", committee_text.replace("  acronym: CT", "  acronim: CT"))
    result = runner.invoke(app, ["validate", "--format", "github", str(path)])
    assert result.exit_code == 1
    escaped = str(path).replace(",", "%2C")
    assert result.stdout == (
        f"::error file={escaped},line=5,col=1,title=WP010 missing-key::missing required key 'acronym' in committee\n"
        f"::error file={escaped},line=7,col=3,title=WP011 unknown-key::unknown key 'acronim' in committee; "
        "did you mean 'acronym'?\n"
    )


def test_validate_auto_format_follows_github_actions(runner, tmp_path, committee_text):
    path = write(tmp_path, "p.yaml", committee_text.replace("  acronym: CT", "  acronim: CT"))
    on_github = runner.invoke(app, ["validate", "--format", "auto", str(path)], env={"GITHUB_ACTIONS": "true"})
    local = runner.invoke(app, ["validate", "--format", "auto", str(path)])
    assert on_github.stdout.startswith(f"::error file={path},line=5,col=1,")
    assert local.stdout.startswith(f"{path}:5:1: error WP010 ")


def test_validate_missing_path_exit_2(runner, tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"workplan: error: no such file or directory: {tmp_path / 'nope.yaml'}\n"


def test_validate_empty_folder_exit_2(runner, tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"workplan: error: no plan files (*.yaml, *.yml) found in {tmp_path}\n"


def test_validate_fifo_is_io_error_but_others_still_checked(runner, tmp_path, committee_text):
    import os

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    bad = write(tmp_path, "bad.yaml", committee_text.replace("date: 2023-03-16", "date: 2023-02-30"))
    result = runner.invoke(app, ["validate", str(fifo), str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:" in result.stdout and "WP013" in result.stdout
    assert result.stderr == f"workplan: error: {fifo}: not a regular file\n"


def test_validate_default_path_is_data_folder(runner, tmp_path, committee_text, monkeypatch):
    (tmp_path / "data").mkdir()
    write(tmp_path / "data", "plan.yaml", committee_text)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate"])
    assert (result.exit_code, result.stdout) == (0, "1 file checked: no problems.\n")


def test_version(runner):
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"workplan {__version__}\n")


def test_help_short_option_and_exit_codes(runner):
    result = runner.invoke(app, ["validate", "-h"])
    assert result.exit_code == 0
    assert "Exit codes: 0 the plans are valid; 1 problems were found; 2 usage or I/O error" in result.stdout
    assert "Example: workplan validate data/ --format json" in result.stdout


def test_shell_completion_script():
    import subprocess
    import sys
    from pathlib import Path

    workplan = Path(sys.executable).parent / "workplan"
    result = subprocess.run([str(workplan), "--show-completion", "bash"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith("_workplan_completion() {")
    assert "complete -o default -F _workplan_completion workplan" in result.stdout
