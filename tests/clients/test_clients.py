"""A missing outside client skips its tests with the command that installs it, or fails them where required."""

from __future__ import annotations

import pytest

NEEDS_A_CLIENT = """
from clients import require_client


def test_needs_a_client():
    require_client("no-such-client", None, "apt-get install no-such-client")


def test_has_its_client():
    require_client("python3", "/usr/bin/python3", "apt-get install python3")
"""


def _run(pytester: pytest.Pytester) -> pytest.RunResult:
    pytester.makepyfile(test_needs=NEEDS_A_CLIENT)
    return pytester.runpytest_inprocess("-rsf", "-p", "no:cacheprovider")


def test_a_missing_client_skips_with_the_command_that_installs_it(pytester, monkeypatch):
    monkeypatch.delenv("WORKPLAN_REQUIRE_CLIENTS", raising=False)
    result = _run(pytester)
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(
        ["SKIPPED [[]1[]] test_needs.py:5: no-such-client not found; install it with: apt-get install no-such-client"]
    )


def test_a_missing_client_fails_where_clients_are_required(pytester, monkeypatch):
    monkeypatch.setenv("WORKPLAN_REQUIRE_CLIENTS", "1")
    result = _run(pytester)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "_*_ test_needs_a_client _*_",
            "no-such-client not found, and WORKPLAN_REQUIRE_CLIENTS=1 requires it; "
            "install it with: apt-get install no-such-client",
            "*short test summary info*",
            "FAILED test_needs.py::test_needs_a_client - Failed: no-such-client not found*",
        ],
        consecutive=True,
    )


def test_a_program_is_the_first_of_its_commands_on_the_path(monkeypatch, tmp_path):
    from clients import _program

    monkeypatch.delenv("WORKPLAN_REQUIRE_CLIENTS", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    second = tmp_path / "tool-b"
    second.write_text("#!/bin/sh\n", encoding="utf-8")
    second.chmod(0o755)
    assert _program("Tool", ("tool-a", "tool-b"), "apt-get install tool") == str(second)
    with pytest.raises(pytest.skip.Exception, match=r"^Tool not found; install it with: apt-get install tool$"):
        _program("Tool", ("tool-a",), "apt-get install tool")
