"""Plans to edit and what an edit changed: helpers of the editing commands' tests."""

from __future__ import annotations

import difflib
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import clients
from conftest import DATA
from workplan_cli.loader import parse_plan
from workplan_cli.validate import lint_loaded

CSH = DATA / "csh-2022-2023.yaml"
CICTE = DATA / "cicte-2022-2023.yaml"
CSH_TEXT = CSH.read_text(encoding="utf-8")
REFUSED = "workplan: error: not written: the change would cause {n} problem(s) (lines as in the changed file)"
WARNINGS_HINT = "; --allow-warnings writes it despite warnings"


def copy(tmp_path: Path, source: Path = CSH) -> Path:
    (tmp_path / "data").mkdir(exist_ok=True)
    return Path(shutil.copy(source, tmp_path / "data" / source.name))


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def git_repo(tmp_path: Path) -> Path:
    clients.git()
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "staff@example.org")
    git(repo, "config", "user.name", "Staff")
    copy(repo)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "plan")
    return repo


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    """(old line, new line) for each replaced line; fails on inserted or deleted lines."""
    pairs = []
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        assert tag == "replace" and i2 - i1 == j2 - j1, (tag, before.splitlines()[i1:i2], after.splitlines()[j1:j2])
        pairs += zip(before.splitlines()[i1:i2], after.splitlines()[j1:j2], strict=True)
    return pairs


def changed_lines_in_any_order(before: str, after: str) -> list[tuple[str, str]]:
    """(old line, new line) pairs of the lines that changed, wherever the lines around them moved to.

    An edit may move an item's lines whole to keep a list in date order: only
    the multiset of lines is compared, the lines that went and those that came
    paired in the order they stand.
    """
    went, came = Counter(before.splitlines()), Counter(after.splitlines())
    old, new = sorted((went - came).elements()), sorted((came - went).elements())
    assert len(old) == len(new), (old, new)
    return list(zip(old, new, strict=True))


def problems_of(text: str, name: str = "p.yaml") -> list[str]:
    loaded = parse_plan(text, name)
    return [f"{d.code} {d.message}" for d in [*loaded.diagnostics, *lint_loaded(loaded)] if d.severity.value == "error"]
