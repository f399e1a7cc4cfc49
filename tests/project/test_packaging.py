"""The bundled templates are found however workplan is installed: wheel, `pip install .`, editable."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT
from workplan_cli import templating


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    [built] = out.glob("workplan_cli-*.whl")
    return built


def test_wheel_carries_the_templates(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    templates = sorted(n for n in names if n.startswith("workplan_cli/templates/"))
    assert templates == [
        "workplan_cli/templates/_layout.html.j2",
        "workplan_cli/templates/_macros.html.j2",
        "workplan_cli/templates/_macros.md.j2",
        "workplan_cli/templates/_site.html.j2",
        "workplan_cli/templates/_style.css.j2",
        "workplan_cli/templates/_term.html.j2",
        "workplan_cli/templates/committee.html.j2",
        "workplan_cli/templates/committee.md.j2",
        "workplan_cli/templates/program.html.j2",
        "workplan_cli/templates/program.md.j2",
        "workplan_cli/templates/site-index.html.j2",
    ]
    # The catalogs travel as .po text (read with Babel at run time): nothing compiled to keep in step.
    catalogs = sorted(n for n in names if n.startswith("workplan_cli/locale/"))
    assert catalogs == [
        *(f"workplan_cli/locale/{lang}/LC_MESSAGES/workplan.po" for lang in ("en", "es", "fr")),
        "workplan_cli/locale/glossary.csv",
        "workplan_cli/locale/pt/LC_MESSAGES/workplan.po",
        "workplan_cli/locale/terminology.csv",  # the reviewed terms of each language (tests/unit/test_i18n.py)
    ]


def test_installed_wheel_renders_from_its_own_templates(wheel, tmp_path):
    # What `pip install .` gives: pip builds this same wheel and installs it.
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        check=True,
        timeout=600,
    )
    code = (
        "import workplan_cli.render as r, workplan_cli.templating as t, pathlib, sys;"
        "from workplan_cli.loader import load_plan;"
        "print(t.bundled_template_dir());"
        "plan = load_plan(pathlib.Path(sys.argv[1])).plan;"
        "print(r.render(plan, 'md').splitlines()[0]);"
        "print([line for line in r.render(plan, 'md', lang='es').splitlines() if line.startswith('## ')][0])"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "data" / "cicte-2022-2023.yaml")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    folder, title, spanish = result.stdout.splitlines()
    assert spanish == "## Índice"
    assert folder == str(target / "workplan_cli" / "templates")
    assert title == "# Work plan of the Inter-American Committee against Terrorism Secretariat, 2022–2023"


def test_editable_checkout_reads_the_top_level_templates():
    # This test suite runs on an editable install (or straight from src/): no copy in the package.
    assert templating.bundled_template_dir() == ROOT / "templates"
