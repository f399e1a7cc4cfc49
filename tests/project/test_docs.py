"""Keep the docs honest: the README and the pages under docs/ say what workplan does.

- every command has help with an example, a row in the README's table, and a
  section of docs/commands.md that names every one of its options;
- docs/rules.md is what docs/generate_rules.py makes of the rule registry;
- the README's exit codes are the CLI's; the README opens with the two commands CI runs;
- every page links back to the README, the README links to every page, and
  every relative link (and its #anchor) leads somewhere;
- every example command (a line of a ```sh block that starts with `workplan`)
  runs as written, on a copy of the bundled data;
- the pre-commit snippet names hooks this repository has, at a `rev:` it can have.

The README's Python example is run by tests/unit/test_api.py, the sample output of
`upcoming` in docs/commands.md by tests/unit/test_views.py.
"""

from __future__ import annotations

import importlib.util
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml

from conftest import ROOT
from workplan_cli.cli import app
from workplan_cli.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from workplan_cli.lint import all_checks

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
COMMANDS_DOC = (DOCS / "commands.md").read_text(encoding="utf-8")
# Every page the README sends a reader to, by its path from the repository's root.
PAGES = [
    "docs/format.md",
    "docs/commands.md",
    "docs/rules.md",
    "docs/languages.md",
    "docs/editing.md",
    "docs/architecture.md",
    "benchmarks/RESULTS.md",
]
ALL_TEXTS = ["README.md", *PAGES]


def _commands() -> list[tuple[list[str], list[str]]]:
    """Every command of the CLI, as its words and its options' long names."""
    found: list[tuple[list[str], list[str]]] = []

    def walk(command: object, path: list[str]) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands is not None:
            for name, sub in subcommands.items():
                walk(sub, [*path, name])
            return
        options = [
            name
            for param in getattr(command, "params", [])
            if param.param_type_name == "option"
            for name in [*param.opts, *param.secondary_opts]
            if name.startswith("--")
        ]
        found.append((path, options))

    walk(typer.main.get_command(app), [])
    return found


COMMANDS = _commands()


def test_the_cli_has_the_commands_the_docs_were_written_for():
    # A walk that found nothing would make the tests below pass vacuously.
    names = {" ".join(words) for words, _ in COMMANDS}
    assert {"validate", "query meetings", "add activity", "i18n status", "init"} <= names
    assert len(names) == 20


@pytest.mark.parametrize(("command", "options"), COMMANDS, ids=[" ".join(c) for c, _ in COMMANDS])
def test_every_command_has_help_with_example_and_is_documented(runner, command, options):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example: workplan " + " ".join(command) in result.stdout
    name = "workplan " + " ".join(command)
    assert f"`{name}" in README, f"{name} has no row in the README's table of commands"
    assert f"\n{name}" in COMMANDS_DOC, f"docs/commands.md has no example of {name}"
    if not options:
        assert f"`{name}` takes" in COMMANDS_DOC
        return
    heading = f"Options of `{name}`"
    assert heading in COMMANDS_DOC, f"docs/commands.md lacks the line '{heading} …'"
    block = COMMANDS_DOC.split(heading, 1)[1].split("\n\n", 2)[1]
    for option in options:
        assert f"`{option}`" in block, f"{option} of {name} is not in its options in docs/commands.md"


def test_rules_page_is_generated_from_the_registry():
    spec = importlib.util.spec_from_file_location("generate_rules", DOCS / "generate_rules.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    committed = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert committed == generator.render(), (
        "docs/rules.md differs from the rule registry; regenerate it with "
        "`.venv/bin/python docs/generate_rules.py` and commit the result"
    )


def test_every_check_is_in_the_rules_page():
    page = (DOCS / "rules.md").read_text(encoding="utf-8")
    for check in all_checks():
        assert f"| {check.name} | {check.severity.value} |" in page, check.code
        assert f"\n## {check.code} {check.name}\n" in page, check.code


def test_readme_exit_codes_are_the_clis():
    section = README.split("### Exit codes\n", 1)[1].split("\n## ", 1)[0]
    codes = {int(m) for m in re.findall(r"^\| (\d) \|", section, re.M)}
    assert codes == {EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE}
    assert "A traceback is a bug" in section


def test_readme_opens_with_the_two_commands():
    commands = [line for line in README.splitlines() if line.startswith("python3 -m venv")]
    assert commands[0].endswith("workplan validate data/ && .venv/bin/workplan upcoming --as-of 2023-03-01 --days 14")
    assert commands[1] == "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_is_short_and_links_every_page():
    assert len(README.encode("utf-8")) <= 12_500, "the README is meant to be read in a few minutes (issue #24)"
    for page in PAGES:
        assert f"]({page})" in README, f"the README does not link to {page}"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_says_what_it_covers_and_links_back(page):
    lines = (ROOT / page).read_text(encoding="utf-8").split("\n")
    assert lines[0].startswith("# ") and lines[1] == "" and lines[3] == "", page
    assert "Back to the [README](../README.md)." in lines[2], page


def _slug(heading: str) -> str:
    # GitHub's anchors: lower case, punctuation dropped, spaces as hyphens.
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("page", ALL_TEXTS)
def test_every_relative_link_leads_somewhere(page):
    path = ROOT / page
    text = path.read_text(encoding="utf-8")
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    for target in re.findall(r"\]\(([^)\s]+)\)", prose):
        if re.match(r"[a-z]+:", target):
            continue
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        assert linked.is_file(), f"{page}: link to {target}, which is no file"
        if anchor:
            headings = re.findall(
                r"^#+ (.+)$", re.sub(r"```.*?```", "", linked.read_text(encoding="utf-8"), flags=re.S), re.M
            )
            assert anchor in {_slug(h) for h in headings}, f"{page}: link to {target}, which is no heading"


def _examples() -> list[Any]:
    params: list[Any] = []
    for page in ALL_TEXTS:
        text = (ROOT / page).read_text(encoding="utf-8")
        for block in re.finditer(r"^```sh\n(.*?)^```", text, re.S | re.M):
            first = text.count("\n", 0, block.start(1)) + 1
            for offset, line in enumerate(block.group(1).splitlines()):
                if line.startswith("workplan "):
                    # The README's examples run in the default run; those of docs/ in the slow tier (--all).
                    slow = () if str(page) == "README.md" else (pytest.mark.slow,)
                    params.append(pytest.param(line, id=f"{page}:{first + offset}", marks=slow))
    return params


EXAMPLES = _examples()


def test_the_docs_have_examples():
    assert len(EXAMPLES) > 50


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plans repository as the examples expect one: data/, plans/, examples/, my-templates/, git on main."""
    root = tmp_path_factory.mktemp("docs-examples")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "data", root / "plans")
    shutil.copytree(ROOT / "examples", root / "examples")
    (root / "my-templates").mkdir()
    (root / "schemas").mkdir()
    if shutil.which("git"):
        git = ["git", "-c", "user.name=docs", "-c", "user.email=docs@example.org", "-c", "init.defaultBranch=main"]
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "plans"]):
            subprocess.run([*git, *args], cwd=root, check=True, capture_output=True)
    return root


@pytest.mark.parametrize("line", EXAMPLES)
def test_every_example_runs_as_written(runner, sandbox, tmp_path, monkeypatch, line):
    args = shlex.split(line, comments=True)
    assert args[0] == "workplan"
    if "--rev" in args and not (sandbox / ".git").is_dir():
        pytest.skip("needs git (apt-get install git)")
    work = tmp_path / "plans-repository"
    shutil.copytree(sandbox, work, symlinks=True)
    monkeypatch.chdir(work)
    result = runner.invoke(app, args[1:])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, f"{line}\n{result.output}"


def test_pre_commit_snippet_names_this_repositorys_hooks_at_a_commit():
    editing = (DOCS / "editing.md").read_text(encoding="utf-8")
    section = editing.split("## pre-commit\n", 1)[1]
    snippet = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    config = yaml.safe_load(snippet)
    (repo,) = config["repos"]
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {hook["id"] for hook in repo["hooks"]} <= {hook["id"] for hook in hooks}
    # No release is tagged: `rev:` is a commit hash, shown as a placeholder the text explains.
    assert repo["rev"] == "COMMIT"
    assert "replace `COMMIT`\nwith the full 40-character hash" in section


def test_the_speed_figures_are_those_of_the_last_recorded_benchmark_run():
    """README.md and benchmarks/RESULTS.md show what `benchmarks/run.py --record` measured last, not typed figures."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("figures", ROOT / "benchmarks" / "figures.py")
    assert spec and spec.loader
    figures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(figures)
    run = figures.load()
    assert figures.block_in(README, "readme") == figures.readme_block(run)
    results = (ROOT / "benchmarks" / "RESULTS.md").read_text(encoding="utf-8")
    assert figures.block_in(results, "results") == figures.results_block(run)
    assert run["measurements"]["validate 1500"]["seconds"] > 0
    assert len(run["rows"]) >= 30
