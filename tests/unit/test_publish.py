"""publish.py: rendered plans written where --output points, one file per plan, nothing half-written."""

from __future__ import annotations

import os

import pytest

from conftest import DATA, FIXTURES, TOP_FIXTURES, write
from workplan_cli.cli import app
from workplan_cli.loader import parse_plan
from workplan_cli.render import render

COMMITTEE = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")
LATE_FAILURE = "{% for i in range(20000) %}line {{ i }}\n{% endfor %}{{ plan.committee.nickname }}\n"


def test_render_to_folder_one_file_per_plan_and_atomic(tmp_path, runner):
    site = tmp_path / "site"
    result = runner.invoke(app, ["render", *TOP_FIXTURES, "-f", "md", "-o", str(site)])
    assert result.exit_code == 0
    assert sorted(p.name for p in site.iterdir()) == ["prog-2023.md", "test-2023.md"]
    assert (site / "test-2023.md").read_text(encoding="utf-8") == render(parse_plan(COMMITTEE, "p.yaml").plan, "md")


def test_render_failure_keeps_existing_output(tmp_path, runner):
    target = write(tmp_path, "plan.md", "precious earlier version\n")
    (tmp_path / "tpl").mkdir()
    write(tmp_path / "tpl", "committee.md.j2", "{{ nope }}")
    path = write(tmp_path, "p.yaml", COMMITTEE)
    result = runner.invoke(
        app, ["render", str(path), "-f", "md", "-o", str(target), "--template-dir", str(tmp_path / "tpl")]
    )
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "precious earlier version\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.yaml", "plan.md", "tpl"]


def test_render_unwritable_output_exit_2(tmp_path, runner):
    path = write(tmp_path, "p.yaml", COMMITTEE)
    result = runner.invoke(app, ["render", str(path), "-f", "md", "-o", str(tmp_path / "no" / "such" / "x.md")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"workplan: error: {tmp_path / 'no' / 'such' / 'x.md'}: cannot write: ")


@pytest.mark.parametrize("kind", ["file", "symlink", "hardlink"])
def test_render_template_failing_midway_keeps_existing_output(tmp_path, runner, kind):

    real = write(tmp_path, "real.md", "precious earlier version\n")
    target = real
    if kind == "symlink":
        target = tmp_path / "link.md"
        target.symlink_to(real)
    elif kind == "hardlink":
        target = tmp_path / "other-name.md"
        os.link(real, target)
    (tmp_path / "tpl").mkdir()
    broken = write(tmp_path / "tpl", "committee.md.j2", LATE_FAILURE)
    path = write(tmp_path, "p.yaml", COMMITTEE)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = runner.invoke(
        app, ["render", str(path), "-f", "md", "-o", str(target), "--template-dir", str(tmp_path / "tpl")]
    )
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"workplan: error: {broken}:2: undefined in template: "
        "'workplan_cli.models.common.Committee object' has no attribute 'nickname'\n"
    )
    assert real.read_text(encoding="utf-8") == "precious earlier version\n"
    assert target.read_text(encoding="utf-8") == "precious earlier version\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_render_template_failing_midway_writes_nothing_to_stdout(tmp_path, runner):
    (tmp_path / "tpl").mkdir()
    write(tmp_path / "tpl", "committee.md.j2", LATE_FAILURE)
    path = write(tmp_path, "p.yaml", COMMITTEE)
    result = runner.invoke(app, ["render", str(path), "-f", "md", "--template-dir", str(tmp_path / "tpl")])
    assert (result.exit_code, result.stdout) == (1, "")


def test_render_to_folder_writes_nothing_when_the_last_plan_fails(tmp_path, runner):
    site = tmp_path / "site"
    site.mkdir()
    earlier = write(site, "test-2023.md", "earlier committee page\n")
    (tmp_path / "tpl").mkdir()
    write(tmp_path / "tpl", "program.md.j2", LATE_FAILURE.replace("plan.committee", "plan.secretariat"))
    result = runner.invoke(
        app, ["render", *TOP_FIXTURES, "-f", "md", "-o", str(site), "--template-dir", str(tmp_path / "tpl")]
    )
    assert result.exit_code == 1 and "program.md.j2:2: undefined in template" in result.stderr
    assert earlier.read_text(encoding="utf-8") == "earlier committee page\n"
    assert sorted(p.name for p in site.iterdir()) == ["test-2023.md"]


@pytest.mark.parametrize("fmt", ["html", "md", "ics"])
def test_render_streamed_to_file_and_stdout_equals_render(tmp_path, runner, fmt):

    source = DATA / "csh-2022-2023.yaml"
    # The file's git history dates the calendar's events (SEQUENCE, DTSTAMP): render reads it through plan_path.
    expected = render(parse_plan(source.read_text(encoding="utf-8"), "csh").plan, fmt, plan_path=source)
    out = tmp_path / f"csh.{fmt}"
    to_file = runner.invoke(app, ["render", str(source), "-f", fmt, "-o", str(out)])
    assert to_file.exit_code == 0
    assert out.read_bytes() == expected.encode("utf-8")
    to_stdout = runner.invoke(app, ["render", str(source), "-f", fmt])
    assert (to_stdout.exit_code, to_stdout.stdout_bytes) == (0, expected.encode("utf-8"))


# A template that has written a good deal when it fails: streaming must not leak any of it.
LATE_FAILURE = "{% for i in range(20000) %}line {{ i }}\n{% endfor %}{{ plan.committee.nickname }}\n"
