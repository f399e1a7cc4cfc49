"""validate.py: checking plan files, one after another or in worker processes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import DATA, sweep, write
from workplan_cli.cli import app


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
