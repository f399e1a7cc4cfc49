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
