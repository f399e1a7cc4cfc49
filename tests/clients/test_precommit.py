"""The pre-commit hooks: they check plans and leave other YAML files alone.

The unit tests call `workplan_cli.hooks` in process; the last ones run the real
`pre-commit try-repo` on this checkout, in a throwaway git repository that
holds plans, a GitHub workflow and a .pre-commit-config.yaml, as a plans
repository would.  Those need git, and take a while (pre-commit installs the
hooks into a fresh environment): they are in the clients tier (`pytest --all`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import clients
from conftest import DATA, FIXTURES, ROOT, write
from repository import MISSPELT, MISSPELT_MESSAGE, PRE_COMMIT_CONFIG, WORKFLOW

# --- the real pre-commit ------------------------------------------------------------


def _pre_commit() -> Path:
    tool = Path(sys.executable).parent / "pre-commit"
    if not tool.is_file():
        pytest.fail(f"pre-commit not found at {tool}: install the test extra (pip install -e '.[test]')", pytrace=False)
    return tool


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def try_repo(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """`pre-commit try-repo` on this checkout, over a plans repository: one install per session.

    try-repo installs the hooks into a fresh temporary store on every call,
    so a single run covers every file: two valid plans, a GitHub workflow, a
    .pre-commit-config.yaml and, in broken/, a plan whose kind is misspelt.
    """
    clients.git()
    project = tmp_path_factory.mktemp("plans-repo")
    (project / "plans").mkdir()
    shutil.copy(DATA / "csh-2022-2023.yaml", project / "plans" / "csh-2022-2023.yaml")
    shutil.copy(FIXTURES / "program-minimal.yaml", project / "plans" / "program.yml")
    (project / ".github" / "workflows").mkdir(parents=True)
    write(project / ".github" / "workflows", "ci.yml", WORKFLOW)
    write(project, ".pre-commit-config.yaml", PRE_COMMIT_CONFIG)
    (project / "broken").mkdir()
    write(project / "broken", "plan.yaml", MISSPELT)
    _git("init", "-q", cwd=project)
    _git("add", "-A", cwd=project)
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    return subprocess.run(
        [str(_pre_commit()), "try-repo", str(ROOT), "--all-files", "--color", "never"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _hook_report(output: str, name: str) -> str:
    """The lines pre-commit prints for one hook, from its status line to the next hook's (or the end)."""
    start = output.index(f"{name}...")
    following = output.find("\nworkplan ", start)
    return output[start : None if following < 0 else following + 1]


@pytest.mark.clients
def test_precommit_validate_hook_checks_plans_only(try_repo):
    assert try_repo.returncode == 1, try_repo.stdout + try_repo.stderr
    assert _hook_report(try_repo.stdout, "workplan validate") == (
        "workplan validate........................................................Failed\n"
        "- hook id: workplan-validate\n"
        "- exit code: 1\n"
        "\n"
        f"broken/plan.yaml:{MISSPELT_MESSAGE}\n"
        # Three files: the two plans and the misspelt one; not the workflow nor the config.
        "Found 1 error and 0 warnings in 3 files.\n"
        "\n"
    )


@pytest.mark.clients
def test_precommit_fmt_hook_checks_plans_only(try_repo):
    assert _hook_report(try_repo.stdout, "workplan fmt") == (
        "workplan fmt.............................................................Failed\n"
        "- hook id: workplan-fmt\n"
        "- exit code: 1\n"
        "\n"
        f"broken/plan.yaml:{MISSPELT_MESSAGE}\n"
        "\n"
    )
