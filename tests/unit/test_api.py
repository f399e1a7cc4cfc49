"""The Python API: what `workplan_cli` exports, the README's example, typed errors, no lasting side effects."""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import workplan_cli
from conftest import DATA, ROOT


def test_every_exported_name_resolves_and_nothing_else_is_public():
    assert sorted(workplan_cli.__all__) == sorted(["__version__", *workplan_cli._EXPORTS])
    for name in workplan_cli.__all__:
        assert getattr(workplan_cli, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        workplan_cli.nothing  # noqa: B018


def test_the_readme_example_runs_and_prints_the_week(capsys, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Using workplan from Python") :]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert capsys.readouterr().out == (
        "[('2023-03-02', 'meeting', 'Tenth meeting of the Forum on Confidence- and Security-Building Measures.')]\n"
    )
    assert str(namespace["page"]).startswith("<!DOCTYPE html>")
    assert "Committee on Hemispheric Security" in str(namespace["page"])


def test_calls_leave_the_process_as_they_found_it(tmp_path):
    gc.disable()
    mask = os.umask(0o027)
    stdout = sys.stdout
    try:
        plans = workplan_cli.load_plans([DATA])
        workplan_cli.render_plan(plans[0], "md")
        from workplan_cli.fsutil import write_atomic

        write_atomic(tmp_path / "out.md", "x")
        assert (gc.isenabled(), os.umask(0o027), sys.stdout) == (False, 0o027, stdout)
    finally:
        os.umask(mask)
        gc.enable()


def test_importing_the_package_loads_none_of_the_heavy_libraries():
    code = "import sys, workplan_cli; print(sorted(m for m in ('pydantic', 'ruamel.yaml', 'jinja2', 'typer', 'rich') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"


def test_paths_may_be_given_as_text_or_path_objects(monkeypatch):
    """A notebook passes strings; a build script passes `Path`s: both name the same plans."""
    monkeypatch.chdir(ROOT)
    assert (
        workplan_cli.load_plan("data/csh-2022-2023.yaml").plan
        == workplan_cli.load_plan(DATA / "csh-2022-2023.yaml").plan
    )
    by_text = workplan_cli.validate_paths(["data"])
    by_path = workplan_cli.validate_paths([Path("data")])
    assert (
        [(r.path, r.diagnostics) for r in by_text.files]
        == [(r.path, r.diagnostics) for r in by_path.files]
        == [
            ("data/cicte-2022-2023.yaml", []),
            ("data/csh-2022-2023.yaml", []),
        ]
    )
    assert [p.id for p in workplan_cli.load_plans(["data/"])] == ["cicte-2022-2023", "csh-2022-2023"]


# --- the command line is a user of this API ---------------------------------------------------------------

# Modules the command line may import directly: errors, text helpers and the output layouts.
# How things are shown, not what they mean.
PRESENTATION = {"errors", "text", "views", "queryviews", "records", "reporters", "i18n", "helpwords"}
VOCABULARY = {"vocabulary"}  # the plan format's fixed words, which the command line's choices are made of


def _cli_imports():
    import ast

    for path in sorted((ROOT / "src" / "workplan_cli" / "cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level >= 1:
                yield path.name, node


def test_the_command_line_calls_the_library_through_its_public_names():
    for name, node in _cli_imports():
        imported = [alias.name for alias in node.names]
        assert not [n for n in imported if n.startswith("_") and n != "__version__"], (name, imported)
        if node.level == 2 and node.module is None:  # from .. import NAME
            assert set(imported) <= {*workplan_cli.__all__, *PRESENTATION}, (name, imported)
        elif node.level == 2:
            assert node.module in PRESENTATION | VOCABULARY, (name, node.module)
