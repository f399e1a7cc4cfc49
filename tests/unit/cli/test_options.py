"""cli/options.py: what several commands share, their options and arguments."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import DATA
from workplan_cli import plan_paths
from workplan_cli.cli import app
from workplan_cli.errors import UsageError


def test_unknown_language_is_a_usage_error(runner):
    result = runner.invoke(app, ["render", str(DATA / "csh-2022-2023.yaml"), "--lang", "de"])
    assert result.exit_code == 2
    assert "Invalid value for '--lang'" in result.output
    assert "Traceback" not in result.output


# --- --plan: a plan file or folder, or a plan's id ---------------------------------------------

CSH = DATA / "csh-2022-2023.yaml"
CICTE = DATA / "cicte-2022-2023.yaml"
WINDOW = ["upcoming", "--as-of", "2023-03-01", "--days", "10", "--format", "json"]
CSH_WINDOW = ["forum-csbm-x", "wps-workshop", "meeting-6"]


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    """A folder holding data/ with the two bundled plans and a copy of the CSH plan with another id."""
    (tmp_path / "data").mkdir()
    shutil.copy(CSH, tmp_path / "data")
    shutil.copy(CICTE, tmp_path / "data")
    text = CSH.read_text(encoding="utf-8").replace("id: csh-2022-2023\n", "id: csh-copy\n", 1)
    (tmp_path / "data" / "copy.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def window(result) -> list[tuple[str, str]]:
    assert result.exit_code == 0, result.output
    return [(entry["plan"], entry["id"]) for entry in json.loads(result.stdout)]


def test_the_query_commands_take_a_plan_id_or_a_path(runner, here):
    assert window(runner.invoke(app, WINDOW)) == [
        (plan, ident) for ident in CSH_WINDOW for plan in ("csh-2022-2023", "csh-copy")
    ]
    by_id = window(runner.invoke(app, [*WINDOW, "--plan", "csh-copy"]))
    assert by_id == [("csh-copy", ident) for ident in CSH_WINDOW]
    assert window(runner.invoke(app, [*WINDOW, "-p", "data/copy.yaml"])) == by_id
    # Ids and paths together: the plans named, and no others.
    both = window(runner.invoke(app, [*WINDOW, "--plan", "csh-copy", "--plan", "data/csh-2022-2023.yaml"]))
    assert both == [(plan, ident) for ident in CSH_WINDOW for plan in ("csh-2022-2023", "csh-copy")]
    # An id is looked for under the PATH arguments.
    (here / "other").mkdir()
    shutil.move(here / "data" / "copy.yaml", here / "other" / "copy.yaml")
    assert window(runner.invoke(app, [*WINDOW, "other", "--plan", "csh-copy"])) == by_id
    show = runner.invoke(app, ["show", "meeting-6", "--plan", "cicte-2022-2023"])
    assert (show.exit_code, show.stderr) == (
        2,
        "workplan: error: no item with id 'meeting-6' in cicte-2022-2023\n",
    )


def test_render_takes_a_plan_id(runner, here):
    result = runner.invoke(app, ["render", "--format", "md", "--plan", "cicte-2022-2023", "-o", "cicte.md"])
    assert (result.exit_code, result.stderr) == (0, "wrote cicte.md\n")
    assert (here / "cicte.md").read_text(encoding="utf-8").startswith("# ")


def test_the_editing_commands_take_a_path_or_a_plan_id(runner, here):
    by_path = runner.invoke(app, ["move", "wps-workshop", "2023-03-15", "--plan", "data/copy.yaml"])
    assert (by_path.exit_code, by_path.stderr) == (0, "wrote data/copy.yaml\n")
    by_id = runner.invoke(app, ["cancel", "wps-workshop", "-p", "csh-2022-2023"])
    assert (by_id.exit_code, by_id.stderr) == (0, "wrote data/csh-2022-2023.yaml\n")
    assert "    date: 2023-03-15\n" in (here / "data" / "copy.yaml").read_text(encoding="utf-8")
    assert "    status: cancelled\n" in (here / "data" / "csh-2022-2023.yaml").read_text(encoding="utf-8")
    added = runner.invoke(
        app, ["add", "activity", "--date", "2023-05-17", "--title", "Workshop", "--plan", "csh-copy", "-n"]
    )
    assert (added.exit_code, added.stderr) == (0, "dry run: data/copy.yaml not written\n")


@pytest.mark.parametrize(
    "command",
    [
        ["upcoming"],
        ["query", "meetings", "--paragraph", "38"],
        ["show", "meeting-5"],
        ["render", "--format", "md"],
        ["move", "meeting-7", "2023-03-23"],
        ["add", "meeting", "--date", "2023-06-15", "--time", "10:00-13:00"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_a_plan_that_is_neither_a_path_nor_an_id_is_refused(runner, here, command):
    result = runner.invoke(app, [*command, "--plan", "csh-2022-2024"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "workplan: error: --plan 'csh-2022-2024': no file or folder has that name, and no plan in data has that id; "
        "did you mean 'csh-2022-2023' or 'cicte-2022-2023'?\n",
    )
    missing = runner.invoke(app, [*command, "--plan", "plans/x.yaml"])
    assert (missing.exit_code, missing.stderr) == (
        2,
        "workplan: error: --plan 'plans/x.yaml': no file or folder has that name, and no plan in data has that id\n",
    )


BOTH = (
    "workplan: error: --plan 'csh-2022-2023' is both a file or folder here and the id of the plan in "
    "data/csh-2022-2023.yaml; give ./csh-2022-2023 for the file or folder, or data/csh-2022-2023.yaml for "
    "that plan\n"
)


def test_a_plan_that_is_both_a_path_and_an_id_is_refused_until_written_as_a_path(runner, here):
    (here / "csh-2022-2023").mkdir()
    (here / "csh-2022-2023" / "plan.yaml").write_text(
        CSH.read_text(encoding="utf-8").replace("id: csh-2022-2023\n", "id: csh-folder\n", 1), encoding="utf-8"
    )
    for command in (WINDOW, ["cancel", "meeting-7"]):
        result = runner.invoke(app, [*command, "--plan", "csh-2022-2023"])
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", BOTH)
    assert window(runner.invoke(app, [*WINDOW, "--plan", "./csh-2022-2023"])) == [
        ("csh-folder", ident) for ident in CSH_WINDOW
    ]
    cancel = runner.invoke(app, ["cancel", "meeting-7", "--plan", "./csh-2022-2023"])
    assert (cancel.exit_code, cancel.stderr) == (0, "wrote csh-2022-2023/plan.yaml\n")
    # A folder named like no plan under data/ is a folder.
    (here / "csh-2022-2023").rename(here / "plans")
    assert window(runner.invoke(app, [*WINDOW, "--plan", "plans"])) == [("csh-folder", ident) for ident in CSH_WINDOW]


def test_plan_paths_says_what_each_value_is(here):
    assert plan_paths(None) == [Path("data")]
    assert plan_paths([Path("a"), Path("b")]) == [Path("a"), Path("b")]
    assert plan_paths(None, ["data/copy.yaml"]) == [Path("data/copy.yaml")]
    assert plan_paths([Path("data")], ["data/copy.yaml"]) == [Path("data"), Path("data/copy.yaml")]
    assert plan_paths(None, ["csh-copy", "cicte-2022-2023"]) == [
        Path("data/copy.yaml"),
        Path("data/cicte-2022-2023.yaml"),
    ]
    assert plan_paths(None, ["csh-copy", "data/cicte-2022-2023.yaml"]) == [
        Path("data/copy.yaml"),
        Path("data/cicte-2022-2023.yaml"),
    ]
    with pytest.raises(UsageError, match=r"^--plan 'x': no file or folder has that name, and no plan in a, b has"):
        plan_paths([Path("a"), Path("b")], ["x"])
