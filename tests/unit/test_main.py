"""main.py: the console script's entry point."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from workplan_cli import __version__, main

WORKPLAN = Path(sys.executable).with_name("workplan")  # the console script, as installed


@pytest.mark.skipif(not WORKPLAN.exists(), reason="the workplan console script is not installed next to Python")
def test_console_script_runs_the_trimmed_command_and_suggests_for_a_typo():
    ok = subprocess.run([str(WORKPLAN), "validate", "data/"], capture_output=True, text=True, cwd=ROOT)
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "2 files checked: no problems.\n", "")
    typo = subprocess.run([str(WORKPLAN), "validat", "data/"], capture_output=True, text=True, cwd=ROOT)
    assert typo.returncode == 2
    assert typo.stderr.endswith("Error: No such command 'validat'. Did you mean 'validate'?\n")


def test_version_is_answered_before_the_command_line_is_built(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["workplan", "--version"])
    main.run()
    assert capsys.readouterr() == (f"workplan {__version__}\n", "")


def test_a_command_runs_with_the_cyclic_collector_off_and_without_pydantic_plugins(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["workplan", "validate", str(DATA)])
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    try:
        with pytest.raises(SystemExit) as exit:
            main.run()
        collector = gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
    assert (exit.value.code, collector, os.environ.get("PYDANTIC_DISABLE_PLUGINS")) == (0, False, "__all__")
    assert capsys.readouterr() == ("2 files checked: no problems.\n", "")


# Commands that write to standard output, each a sample of its family: reports, queries, pages, the
# calendar, help and the version.
WRITERS = [
    ["validate", "data/"],
    ["validate", "data/", "--format", "json"],
    ["upcoming", "--days", "30", "--as-of", "2022-10-01"],
    ["render", "data/csh-2022-2023.yaml", "--format", "html"],
    ["render", "data/csh-2022-2023.yaml", "--format", "md"],
    ["render", "data/csh-2022-2023.yaml", "--format", "ics"],
    ["rules"],
    ["validate", "--help"],
    ["--version"],
]
needs_script = pytest.mark.skipif(not WORKPLAN.exists(), reason="the workplan console script is not installed")


def _script(argv, stdout, **options):
    done = subprocess.run([str(WORKPLAN), *argv], stdout=stdout, stderr=subprocess.PIPE, text=True, cwd=ROOT, **options)
    return done.returncode, done.stderr


@needs_script
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("argv", WRITERS, ids=" ".join)
def test_output_to_a_full_disk_is_one_message_and_exit_2(argv):
    with open("/dev/full", "w") as full:
        assert _script(argv, full) == (2, "workplan: error: cannot write the output: No space left on device\n")


@needs_script
@pytest.mark.parametrize("argv", WRITERS, ids=" ".join)
def test_output_to_a_closed_standard_output_is_one_message_and_exit_2(argv):
    closed = _script(argv, None, preexec_fn=lambda: os.close(1))
    assert closed == (2, "workplan: error: cannot write the output: standard output is closed\n")


@needs_script
def test_a_closed_standard_error_leaves_the_output_and_the_exit_codes_as_they_are(tmp_path):
    def run(argv):
        done = subprocess.run(
            [str(WORKPLAN), *argv], capture_output=True, text=True, cwd=ROOT, preexec_fn=lambda: os.close(2)
        )
        return done.returncode, done.stdout

    assert run(["validate", "data/"]) == (0, "2 files checked: no problems.\n")
    assert run(["validate", str(tmp_path / "missing")]) == (2, "")


@needs_script
def test_a_reader_that_has_gone_is_not_an_error():
    # `| head -c 1`: the page is far larger than the pipe, so the write fails once the reader has closed.
    done = subprocess.run(
        f"'{WORKPLAN}' render data/csh-2022-2023.yaml --format html | head -c 1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert (done.stdout, done.stderr) == ("<", "")


@needs_script
def test_the_whole_output_is_written_before_the_process_ends(tmp_path):
    page = tmp_path / "page.html"
    subprocess.run([str(WORKPLAN), "render", "data/csh-2022-2023.yaml", "-o", str(page)], check=True, cwd=ROOT)
    with (tmp_path / "out.html").open("w") as out:
        assert _script(["render", "data/csh-2022-2023.yaml", "--format", "html"], out) == (0, "")
    assert (tmp_path / "out.html").read_bytes() == page.read_bytes()


def test_exit_codes_of_system_exit_are_pythons():
    assert [main._exit_status(code) for code in (None, 0, 1, 2, 130)] == [0, 0, 1, 2, 130]
