"""loader/reading.py: finding plan files under folders and reading them as UTF-8 text."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from conftest import as_nobody, triples, write
from workplan_cli.cli import app
from workplan_cli.errors import PathError
from workplan_cli.loader import discover, load_plan, no_plan_files, plan_files


def test_load_plan_not_utf8_points_at_bad_byte(tmp_path):
    path = write(tmp_path, "latin1.yaml", "kind: committee-plan\ntitle: Comit\xe9\n".encode("latin-1"))
    assert triples(load_plan(path)) == [
        ("WP001", 2, 13, "the file is not UTF-8 text (byte 0xe9 cannot start a character); save it as UTF-8")
    ]


def test_load_plan_accepts_utf8_bom(tmp_path, committee_text):
    path = write(tmp_path, "bom.yaml", b"\xef\xbb\xbf" + committee_text.encode())
    result = load_plan(path)
    assert result.diagnostics == []
    assert result.plan is not None and result.plan.id == "test-2023"


def test_discover_folder_and_missing(tmp_path):
    (tmp_path / "a.yaml").write_text("x: 1\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yml").write_text("x: 1\n")
    (tmp_path / "notes.txt").write_text("x")
    assert discover([tmp_path]) == [tmp_path / "a.yaml", tmp_path / "sub" / "b.yml"]
    with pytest.raises(PathError, match=r"no such file or directory: .*nope\.yaml"):
        discover([tmp_path / "nope.yaml"])


def test_load_plan_directory_and_fifo_refused(tmp_path):
    import os

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(PathError, match="not a regular file"):
        load_plan(fifo)
    with pytest.raises(PathError, match="is a directory"):
        load_plan(tmp_path)


def test_load_plan_unreadable_file(tmp_path):
    # In a folder anyone may search (pytest's own are private to their owner).
    folder = Path(tempfile.mkdtemp(prefix="workplan-"))
    folder.chmod(0o755)
    path = write(folder, "secret.yaml", "kind: committee-plan\n")
    path.chmod(0)
    expected = f"{path}: cannot read: Permission denied"
    if os.geteuid() != 0:
        with pytest.raises(PathError) as caught:
            load_plan(path)
        assert str(caught.value) == expected
        return

    # Root reads any file: a forked child drops to nobody, as a user would be.
    def work() -> str:
        try:
            load_plan(path)
        except PathError as exc:
            return str(exc)
        return "read it"

    message = as_nobody(work)
    shutil.rmtree(folder)
    assert message == expected


# --- paths that hold no plan file -----------------------------------------------------------------


def test_paths_without_a_plan_file_are_named_with_the_names_searched_for(tmp_path):
    write(tmp_path, "notes.txt", "kind: committee-plan\n")
    write(tmp_path, "plan.yaml.bak", "kind: committee-plan\n")
    assert no_plan_files([tmp_path, Path("data")]) == f"no plan files (*.yaml, *.yml) found in {tmp_path}, data"
    with pytest.raises(PathError) as raised:
        plan_files([tmp_path])
    assert (str(raised.value), raised.value.exit_code) == (f"no plan files (*.yaml, *.yml) found in {tmp_path}", 2)


@pytest.mark.parametrize(
    "command",
    [["validate"], ["fmt", "--check"], ["render", "--format", "md"], ["move", "meeting-1", "2023-03-03"]],
    ids=lambda command: command[0],
)
def test_every_command_says_alike_that_a_folder_holds_no_plan_file(runner, tmp_path, command):
    write(tmp_path, "notes.txt", "kind: committee-plan\n")
    result = runner.invoke(app, [*command, str(tmp_path)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"workplan: error: no plan files (*.yaml, *.yml) found in {tmp_path}\n",
    )
