from __future__ import annotations

import itertools
import os
import subprocess
import sys
import weakref
from collections.abc import Callable, Container, Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main
import typer.testing
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The two small plans at the top of tests/fixtures/ (its folders hold other sets, such as unseen/).
TOP_FIXTURES = [str(FIXTURES / "committee-minimal.yaml"), str(FIXTURES / "program-minimal.yaml")]

# The minimal committee plan with markup, script and unsafe links in its texts: shared by the tests of
# the pages, the calendars and the query views, which must print them inert.
HOSTILE = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8").replace(
    "          - title: Testing in the Americas",
    '          - title: "<script>alert(1)</script> & [click](javascript:alert(2))"',
).replace(
    "  - id: testing\n    number: 1\n    name: Testing",
    '  - id: testing\n    number: 1\n    name: "<img src=x onerror=alert(3)>"',
) + (
    "reports:\n"
    "  - id: evil\n    title: Evil link\n    frequency: voluntary\n"
    "    links: ['javascript:alert(4)', 'data:text/html,<b>x</b>', 'https://www.oas.org/?a=1&b=\"2\"', 'https://www.oas.org/?a=1&b=2', "
    "'https://www.oas.org/a b', 'https:///x', 'mailto:csh@oas.org', 'mailto:nobody']\n"
)


# Typer's CliRunner turns the app into a Click command at every `invoke`: 25 ms for the whole
# app, about a fifth of the default run.  An app does not change once built, so the runner
# builds each app's command once a run and runs that.
_COMMANDS: weakref.WeakKeyDictionary[typer.Typer, Any] = weakref.WeakKeyDictionary()


def _command_of(app: typer.Typer) -> Any:
    command = _COMMANDS.get(app)
    if command is None:
        command = _COMMANDS[app] = typer.main.get_command(app)
    return command


if typer.testing._get_command is not typer.main.get_command:  # type: ignore[attr-defined]
    raise ImportError("typer.testing builds an app's command some other way now: see tests/conftest.py")
typer.testing._get_command = _command_of  # type: ignore[attr-defined]


def cli_runner() -> CliRunner:
    """The command line run in this process, as the ``runner`` fixture gives it (for module-scoped fixtures)."""
    # A fixed, wide terminal so that help and tables do not wrap differently per machine.
    # The reader in the plans' time zone, so that `upcoming` has no zone to point out unless a test sets TZ.
    return CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1", "GITHUB_ACTIONS": None, "TZ": "America/New_York"})


@pytest.fixture
def runner() -> CliRunner:
    return cli_runner()


@pytest.fixture
def committee_text() -> str:
    return (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def committed_plan(repo: Path, text: str, *, when: str | None = None) -> Path:
    """``repo``/plan.yaml holding ``text``, committed to a new git repository (at ``when``, ISO 8601, if given)."""
    import clients

    clients.git()
    repo.mkdir()
    path = write(repo, "plan.yaml", text)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    dates = {"GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when} if when else {}
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "plan.yaml"], check=True)
    subprocess.run([*git, "commit", "-qm", "plan"], check=True, env={**os.environ, **dates})
    return path


def line_of(text: str, needle: str) -> int:
    """1-based number of the line where ``needle`` (which may span lines) first starts."""
    if needle not in text:
        raise AssertionError(f"{needle!r} not in text")
    start = text.index(needle)
    return text.count("\n", 0, start) + 1


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/golden/ from the current output instead of comparing with it",
    )
    parser.addoption(
        "--all",
        action="store_true",
        dest="workplan_all",
        help="run the slow and clients tiers too, with the full hypothesis profile (also: WORKPLAN_FULL=1)",
    )


# --- tiers ----------------------------------------------------------------------------------
#
# The default run (`python -m pytest`, the README's command) takes about a minute and
# exercises every module.  Two markers (registered in pyproject.toml) set tests aside:
#
#   slow     the hostile corpus through every command in child processes (minutes), the
#            50 MB plans, console scripts racing each other, and the rest of a sweep
#            whose first cases run by default (`sweep`, `cross` below)
#   clients  tests that drive a program from outside Python: Chromium, the Nu HTML checker
#            (Java), yaml-language-server (Node), `pre-commit try-repo`
#
# Without --all (or WORKPLAN_FULL=1) those are skipped, the reason saying how to run them;
# with it everything runs, and -m picks among them as usual (`--all -m clients`).
# .ci/run runs the default run, then `--all` with WORKPLAN_REQUIRE_CLIENTS=1 (tests/clients.py).

TIERS = ("slow", "clients")


def full_run(config: pytest.Config) -> bool:
    return bool(config.getoption("workplan_all")) or os.environ.get("WORKPLAN_FULL") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if full_run(config):
        return
    for item in items:
        tiers = [tier for tier in TIERS if item.get_closest_marker(tier)]
        if tiers:
            reason = f"{' and '.join(tiers)} tier: run with --all or WORKPLAN_FULL=1 (.ci/run does)"
            item.add_marker(pytest.mark.skip(reason=reason))


def sweep(
    cases: Iterable[Any], *, default: int | Container[Any] = 1, ids: Callable[[Any], str] | None = None
) -> list[Any]:
    """The cases of a parametrization, the first ``default`` of them in the default run and the rest in the slow tier.

    ``default`` may instead be the cases that run by default (one of each kind, say).  A
    tuple is the arguments of a case with several; ``ids`` names a case as pytest's ``ids`` would.
    """
    params = []
    for number, case in enumerate(cases):
        kept = number < default if isinstance(default, int) else case in default
        values = case if isinstance(case, tuple) else (case,)
        name = ids(case) if ids else None
        params.append(pytest.param(*values, id=name, marks=() if kept else (pytest.mark.slow,)))
    return params


def cross(*axes: Sequence[Any], ids: Callable[[Any], str] | None = None) -> list[Any]:
    """Every combination of the axes' values, as a sweep whose default run is a diagonal.

    The diagonal takes every value of every axis at least once (the first values together, then
    the second...): the other combinations are in the slow tier.
    """
    longest = max(len(axis) for axis in axes)
    diagonal = [tuple(axis[i % len(axis)] for axis in axes) for i in range(longest)]
    return sweep(itertools.product(*axes), default=diagonal, ids=ids)


# --- hypothesis -----------------------------------------------------------------------------
#
# Two profiles, both derandomized (the same examples on every run), without deadlines and
# without the too_slow health check (how long an example takes is for benchmarks/, not for a
# test on a shared machine):
#
#   short  the default run: a tenth of each property test's examples (at least 3)
#   full   --all / WORKPLAN_FULL=1: every example
#
# WORKPLAN_HYPOTHESIS=short or full picks one whatever the tier.  Tests give their full count
# through `examples(n)`; tests/robustness/test_fuzz.py also has its own longer random-seed run
# (WORKPLAN_FUZZ=long, docs/architecture.md "Speed and robustness").

_COMMON = {"derandomize": True, "database": None, "deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("short", max_examples=10, **_COMMON)
settings.register_profile("full", max_examples=100, **_COMMON)
PROFILE_SHARE = {"short": 0.1, "full": 1.0}
profile = "short"


def pytest_configure(config: pytest.Config) -> None:
    global profile
    profile = os.environ.get("WORKPLAN_HYPOTHESIS") or ("full" if full_run(config) else "short")
    if profile not in PROFILE_SHARE:
        raise pytest.UsageError(f"WORKPLAN_HYPOTHESIS={profile}: expected one of {', '.join(PROFILE_SHARE)}")
    settings.load_profile(profile)


def examples(full: int) -> int:
    """How many examples (or random cases) a property test tries: ``full`` in the full profile, a tenth in the short."""
    return max(3, round(full * PROFILE_SHARE[profile]))


def check_jsonschema(schema: str, *files) -> subprocess.CompletedProcess[str]:
    """The independent JSON Schema validator (check-jsonschema) on ``files`` against schemas/``schema``."""
    tool = Path(sys.executable).parent / "check-jsonschema"
    return subprocess.run(
        [str(tool), "--schemafile", str(ROOT / "schemas" / schema), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


NOBODY = 65534


def as_nobody(work: Callable[[], str]) -> str:
    """What ``work()`` returns when run by the user nobody, in a forked child of this (root) process.

    Root reads any file and searches any folder, so permission tests drop to
    another user, as staff would be.  Import what ``work`` needs first: the
    child may not be able to read the interpreter's own files.
    """
    read, written = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            os.write(written, work().encode())
        finally:
            os._exit(0)
    os.close(written)
    with os.fdopen(read, "rb") as stream:
        answer = stream.read().decode()
    os.waitpid(pid, 0)
    return answer


def triples(result: Any) -> list[tuple[str, int, int, str]]:
    """(code, line, column, message) of each diagnostic of a load."""
    return [(diag.code, diag.line, diag.column, diag.message) for diag in result.diagnostics]
