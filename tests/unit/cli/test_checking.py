"""`workplan validate`: output formats by exact comparison, exit codes, many files in one run."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import DATA, FIXTURES, line_of, sweep, write
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
    # Typer names the shell it finds among the process's parents: run it from bash, as a user would
    # (`; exit` keeps bash from replacing itself with the command).
    command = f"'{workplan}' --show-completion; exit $?"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith("_workplan_completion() {")
    assert "complete -o default -F _workplan_completion workplan" in result.stdout


def _folder_with_faults(tmp_path, committee_text):
    """Nine plans: valid ones, and faults of every stage (syntax, duplicate key, schema, lint, encoding)."""
    csh = (DATA / "csh-2022-2023.yaml").read_text(encoding="utf-8")
    plans = {
        "a-valid.yaml": committee_text,
        "b-syntax.yaml": committee_text.replace("kind: committee-plan", "kind: [committee-plan", 1),
        "c-duplicate.yaml": committee_text.replace("kind: committee-plan\n", "kind: committee-plan\nkind: x\n", 1),
        "d-schema.yaml": committee_text.replace("date: 2023-03-16", "date: 2023-02-30"),
        "e-csh.yaml": csh,
        "f-lint.yaml": csh.replace('paragraphs: ["38"]', 'paragraphs: ["9999"]', 1),
        "g-valid.yaml": committee_text,
        "i-csh.yaml": csh,
    }
    for name, text in plans.items():
        assert name.endswith("valid.yaml") or name.endswith("csh.yaml") or text != plans["a-valid.yaml"], name
        write(tmp_path, name, text)
    write(tmp_path, "h-latin1.yaml", committee_text.replace("kind:", "# caf\xe9\nkind:", 1).encode("latin-1"))
    return tmp_path


@pytest.mark.parametrize("output_format", sweep(["text", "json", "github", "sarif"]))
def test_validate_parallel_output_is_serial_output_byte_for_byte(runner, tmp_path, committee_text, output_format):
    folder = _folder_with_faults(tmp_path, committee_text)
    serial = runner.invoke(app, ["validate", str(folder), "--jobs", "1", "--format", output_format])
    parallel = runner.invoke(app, ["validate", str(folder), "--jobs", "3", "--format", output_format])
    assert serial.exit_code == 1
    assert (parallel.exit_code, parallel.stdout, parallel.stderr) == (serial.exit_code, serial.stdout, serial.stderr)
    if output_format == "text":
        codes = re.findall(r"^(\S+?):\d+:\d+: \w+ (WP\d+)", serial.stdout, flags=re.MULTILINE)
        assert {(Path(path).name, code) for path, code in codes} >= {
            ("b-syntax.yaml", "WP002"),
            ("c-duplicate.yaml", "WP003"),
            ("d-schema.yaml", "WP013"),
            ("f-lint.yaml", "WP101"),
            ("h-latin1.yaml", "WP001"),
        }
        assert serial.stdout.endswith("in 9 files.\n")


def test_validate_parallel_and_serial_agree_on_io_errors(runner, tmp_path, committee_text):
    import os

    folder = _folder_with_faults(tmp_path, committee_text)
    os.mkfifo(folder / "pipe.yaml")  # skipped by the folder search; named, it cannot be read
    serial = runner.invoke(app, ["validate", str(folder), str(folder / "pipe.yaml"), "-j", "1"])
    parallel = runner.invoke(app, ["validate", str(folder), str(folder / "pipe.yaml"), "-j", "2"])
    assert serial.exit_code == 2
    assert serial.stderr == f"workplan: error: {folder / 'pipe.yaml'}: not a regular file\n"
    assert (parallel.exit_code, parallel.stdout, parallel.stderr) == (serial.exit_code, serial.stdout, serial.stderr)


def test_validate_worker_count_serial_for_small_folders_and_jobs_1(tmp_path, committee_text):
    from workplan_cli.validate import PARALLEL_MIN_BYTES, usable_cpus, worker_count

    small = [write(tmp_path, f"p{i}.yaml", committee_text) for i in range(4)]
    assert worker_count(0, small) == 1  # a few kilobytes: not worth a process
    assert worker_count(1, small) == 1
    assert worker_count(3, small) == 3
    assert worker_count(9, small) == 4  # never more workers than files
    big = [write(tmp_path, f"big{i}.yaml", "#" * PARALLEL_MIN_BYTES) for i in range(2)]
    assert worker_count(0, big) == min(2, usable_cpus())
    assert worker_count(0, big[:1]) == 1
