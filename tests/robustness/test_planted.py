"""Nothing read from disk runs: workplan keeps no pickled, marshalled or compiled code between runs (#23).

A cache that unpickles or executes what it reads lets whoever can plant or
swap a file in it run code as the user (or as root under sudo), and one
flipped byte crash every run.  workplan therefore keeps nothing of the kind:
these tests plant such files everywhere a cache was once looked for and
prove that no command reads, runs or writes them, and that no module of the
package can load code from disk.
"""

from __future__ import annotations

import ast
import marshal
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, ROOT, sweep

WORKPLAN = str(Path(sys.executable).parent / "workplan")
SOURCE = ROOT / "src" / "workplan_cli"

# Modules and names through which bytes from disk become running code.
LOADERS = {"pickle", "_pickle", "cPickle", "marshal", "shelve", "dill", "cloudpickle", "joblib"}
NAMES = {"BytecodeCache", "FileSystemBytecodeCache", "MemcachedBytecodeCache", "bytecode_cache", "load_bytecode"}
CALLS = {"exec", "eval", "compile", "__import__"}


class _Planted:
    """Unpickling this creates ``marker``: the proof that a planted pickle ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def _uses_of_loaders(path: Path) -> list[str]:
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if a.name.split(".")[0] in LOADERS]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in LOADERS:
            found.append(f"from {node.module} import …")
        elif isinstance(node, ast.Attribute) and node.attr in NAMES:
            found.append(node.attr)
        elif isinstance(node, ast.Name) and node.id in NAMES:
            found.append(node.id)
        elif isinstance(node, ast.keyword) and node.arg in NAMES:
            found.append(f"{node.arg}=")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CALLS:
            found.append(f"{node.func.id}()")
    return [f"{path.name}:{use}" for use in found]


def test_no_module_can_load_code_from_disk() -> None:
    modules = sorted(SOURCE.rglob("*.py"))
    assert len(modules) > 30
    assert [use for module in modules for use in _uses_of_loaders(module)] == []


def test_the_scan_finds_each_way_of_loading_code(tmp_path: Path) -> None:
    """The scan above is not vacuous: each way it looks for is found in a module that uses it."""
    samples = {
        "import pickle": "import pickle\n",
        "from marshal import …": "from marshal import loads\n",
        "bytecode_cache=": "env = Environment(bytecode_cache=None)\n",
        "FileSystemBytecodeCache": "import jinja2\nc = jinja2.FileSystemBytecodeCache('x')\n",
        "exec()": "exec(source)\n",
    }
    for expected, text in samples.items():
        module = tmp_path / "module.py"
        module.write_text(text, encoding="utf-8")
        assert [use.split(":", 1)[1] for use in _uses_of_loaders(module)][-1] == expected


def _plant(folder: Path, marker: Path) -> dict[str, bytes]:
    """Pickles and marshalled code under every name a cache of workplan's or Jinja's used; their bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    payload = pickle.dumps(_Planted(marker))
    code = marshal.dumps(compile(f"open({str(marker)!r}, 'w')", "planted", "exec"))
    planted = {
        "CommitteePlan.validator": payload,
        "ProgramPlan.validator": payload,
        "AgendaItem.validator": payload,
        "committee.html.j2.template": b"j2" + code,
        "__jinja2_committee.html.j2.cache": b"j2" + code,
    }
    for name, data in planted.items():
        (folder / name).write_bytes(data)
    return planted


RUNS = [
    ["validate", "data/"],
    ["render", "data/csh-2022-2023.yaml", "--format", "html"],
    ["validate", "--jobs", "2", "data/", "data/"],
    ["render", "data/cicte-2022-2023.yaml", "--format", "md", "--lang", "es"],
    ["upcoming", "--as-of", "2023-03-01", "--days", "14"],
]


# The default run: validate (the models' validators) and render (the templates); the rest in the slow tier.
@pytest.mark.parametrize("args", sweep(RUNS, default=2, ids=lambda args: " ".join(args[:3])))
def test_planted_cache_files_are_never_read_run_or_written(tmp_path: Path, args: list[str]) -> None:
    marker = tmp_path / "ran"
    home = tmp_path / "home"
    folders = [tmp_path / "named", tmp_path / "xdg" / "workplan", home / ".cache" / "workplan", ROOT / ".wpcache"]
    planted = {folder: _plant(folder, marker) for folder in folders[:3]}
    env = {
        **os.environ,
        "WORKPLAN_CACHE_DIR": str(folders[0]),
        "XDG_CACHE_HOME": str(tmp_path / "xdg"),
        "HOME": str(home),
    }
    done = subprocess.run([WORKPLAN, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    for folder, files in planted.items():
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == files
    assert not folders[3].exists()
    # The same answer as with no environment of the kind at all.
    clean = {k: v for k, v in os.environ.items() if k not in ("WORKPLAN_CACHE_DIR", "XDG_CACHE_HOME")}
    again = subprocess.run([WORKPLAN, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=300)
    assert (again.returncode, again.stdout) == (done.returncode, done.stdout)


def test_a_library_call_writes_nothing_beside_the_plan(tmp_path: Path) -> None:
    from workplan_cli import load_plans

    plan = tmp_path / "csh.yaml"
    plan.write_bytes((DATA / "csh-2022-2023.yaml").read_bytes())
    assert load_plans([plan])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csh.yaml"]
