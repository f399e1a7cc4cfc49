"""Hostile or huge input: clear results, never a traceback.

How long they take is measured by benchmarks/run.py (growth to the
15,000-meeting plan, a plan with an error against a clean one, an alias bomb),
not asserted here.  The two 50 MB plans, a few seconds each, are in the slow
tier (`pytest --all`).
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, write
from workplan_cli.cli import app
from workplan_cli.loader import parse_plan

COMMITTEE = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")
NOTE = "  - A note on the schedule that a secretariat might keep in a large plan file, repeated.\n"


def fifty_megabytes(text: str) -> str:
    return text + "notes:\n" + NOTE * (50_000_000 // len(NOTE))


@pytest.mark.slow
def test_fifty_megabyte_plan_validates():
    text = fifty_megabytes(COMMITTEE)
    assert len(text.encode()) > 50_000_000
    result = parse_plan(text, "big.yaml")
    assert result.diagnostics == [] and len(result.plan.notes) == 50_000_000 // len(NOTE)


@pytest.mark.slow
def test_fifty_megabyte_plan_with_an_error_gets_its_position():
    text = fifty_megabytes(COMMITTEE.replace("date: 2023-03-16", "date: 2023-02-30"))
    result = parse_plan(text, "big.yaml")
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [
        ("WP013", COMMITTEE.count("\n", 0, COMMITTEE.index("date: 2023-03-16")) + 1, 11)
    ]


def test_many_long_lists_are_not_mistaken_for_an_alias_bomb():
    text = COMMITTEE + "notes:\n" + "  - x\n" * 300_000
    assert parse_plan(text, "long.yaml").diagnostics == []


def test_include_of_a_missing_template_exit_2(runner, tmp_path):
    (tmp_path / "tpl").mkdir()
    write(tmp_path / "tpl", "committee.md.j2", '{% include "nope.j2" %}\n')
    path = write(tmp_path, "p.yaml", COMMITTEE)
    result = runner.invoke(app, ["render", str(path), "-f", "md", "--template-dir", str(tmp_path / "tpl")])
    assert result.exit_code == 2
    assert result.stderr.startswith("workplan: error: template 'nope.j2' not found in ")


def test_windows_line_endings_and_bom_are_fine():
    text = "\ufeff" + COMMITTEE.replace("\n", "\r\n")
    assert parse_plan(text.lstrip("\ufeff"), "crlf.yaml").diagnostics == []
