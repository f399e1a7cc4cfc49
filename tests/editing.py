"""Plans to edit and what an edit changed: helpers of the editing commands' tests.

Also every plan at hand, and the items of a plan found item by item by their marks (`planitems`) held to
those found in the whole tree (`same_items`), shared by the tests of planitems and editcheck.
"""

from __future__ import annotations

import dataclasses
import difflib
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

import clients
from conftest import DATA, FIXTURES
from workplan_cli.errors import PlanError, WorkplanError
from workplan_cli.loader import parse_plan
from workplan_cli.planfile import EDITABLE_LISTS, PlanText, read_plan
from workplan_cli.planitems import PlanItems, item_starts
from workplan_cli.validate import lint_loaded

CSH = DATA / "csh-2022-2023.yaml"
CICTE = DATA / "cicte-2022-2023.yaml"
CSH_TEXT = CSH.read_text(encoding="utf-8")
MINIMAL = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")
CORPUS = Path(__file__).resolve().parent / "robustness" / "hostile"
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


# --- every plan at hand, and its items found by their marks ------------------------------------


def every_plan() -> list[Path]:
    """The bundled plans, the fixtures and the hostile corpus: every plan file at hand."""
    found = [*sorted(DATA.glob("*.yaml")), *sorted(FIXTURES.glob("*.yaml")), *sorted(CORPUS.glob("*.yaml"))]
    return [path for path in found if path.is_file()]


def readable(path: Path) -> PlanText | None:
    """The plan file as an edit reads it, None if it does not validate (no edit reads it)."""
    try:
        return read_plan(path)
    except (PlanError, WorkplanError):
        return None


def whole(source: PlanText) -> PlanText:
    """The same plan as an edit reads it without the fast path's marks: composed and read again whole."""
    return dataclasses.replace(source, marks=None)


def node_tree(node: Any) -> Any:
    """A node as plain data: kind, tag, style, value and every mark (index, line, column).

    A block list or mapping ends where the token after it starts: in the
    whole text, that is the next item's ``-`` (past any comments); read alone,
    the end of the item's lines.  No edit uses that mark (`nodetree.last_scalar`
    says why), so it is left out; every other mark is compared.
    """
    ends = (node.start_mark, node.end_mark)
    if isinstance(node, yaml.CollectionNode) and not node.flow_style:
        ends = (node.start_mark,)
    marks = tuple((m.index, m.line, m.column) for m in ends)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.style, node.value, marks)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, node.flow_style, [node_tree(n) for n in node.value], marks)
    return ("map", node.tag, node.flow_style, [(node_tree(k), node_tree(v)) for k, v in node.value], marks)


def finder_view(found: PlanItems, idents: list[str]) -> Any:
    """Everything an edit asks of the items of a plan."""
    lists = {
        path: (
            found.count(path),
            found.firsts(path),
            [node_tree(found.node(path, n)) for n in range(found.count(path))],
        )
        for _, path in EDITABLE_LISTS
    }
    walked = [(kind, path, found.ident(path)) for kind, path in found.walk()]
    located = {i: (f[0], f[1], node_tree(f[2])) if (f := found.find(i)) else None for i in [*idents, "no-such-id"]}
    tied = {i: [(p, node_tree(n)) for p, n in found.tied(i)] for i in idents}
    return lists, walked, located, tied


def same_items(source: PlanText) -> bool:
    """Assert that the items found by their marks are those found in the whole tree; True if marks were used."""
    fast, slow = PlanItems(source), PlanItems(whole(source))
    idents = [i for _, path in slow.walk() if (i := slow.ident(path)) is not None]
    assert finder_view(fast, idents) == finder_view(slow, idents)
    return item_starts(source) is not None
