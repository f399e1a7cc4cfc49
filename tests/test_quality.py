"""House style holds: ruff (lint and format) and mypy --strict on the package and the benchmarks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

BIN = Path(sys.executable).parent


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / argv[0]), *argv[1:]], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_lint_and_format_clean():
    lint = run("ruff", "check", "src", "tests", "benchmarks")
    assert (lint.returncode, lint.stdout) == (0, "All checks passed!\n")
    fmt = run("ruff", "format", "--check", "src", "tests", "benchmarks")
    assert fmt.returncode == 0, fmt.stdout


def test_mypy_strict_clean():
    result = run("mypy")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("Success: no issues found")
