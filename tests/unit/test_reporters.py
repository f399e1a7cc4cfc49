"""reporters.py: validate's output formats (text, JSON, GitHub annotations, SARIF), exact."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURES, line_of, write
from workplan_cli.cli import app
from workplan_cli.reporters import sarif_uri


def broken_pair(tmp_path, committee_text):
    """Two files with problems: a misspelt key in one, a bad date in the other."""
    a = write(tmp_path, "a.yaml", committee_text.replace("  acronym: CT", "  acronim: CT"))
    b = write(tmp_path, "b.yaml", committee_text.replace("date: 2023-03-16", "date: 2023-02-30"))
    return a, b


def test_validate_json_format_exact(runner, tmp_path, committee_text):
    a, _ = broken_pair(tmp_path, committee_text)
    ok = FIXTURES / "program-minimal.yaml"
    result = runner.invoke(app, ["validate", "--format", "json", str(a), str(ok)])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "version": 1,
        "status": "problems",
        "files": [str(a), str(ok)],
        "counts": {"error": 2, "warning": 0},
        "diagnostics": [
            {
                "path": str(a),
                "line": 5,
                "column": 1,
                "code": "WP010",
                "name": "missing-key",
                "severity": "error",
                "message": "missing required key 'acronym' in committee",
            },
            {
                "path": str(a),
                "line": 7,
                "column": 3,
                "code": "WP011",
                "name": "unknown-key",
                "severity": "error",
                "message": "unknown key 'acronim' in committee; did you mean 'acronym'?",
            },
        ],
        "io_errors": [],
    }


def test_validate_json_ok(runner):
    result = runner.invoke(app, ["validate", "-f", "json", str(FIXTURES / "program-minimal.yaml")])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "version": 1,
        "status": "ok",
        "files": [str(FIXTURES / "program-minimal.yaml")],
        "counts": {"error": 0, "warning": 0},
        "diagnostics": [],
        "io_errors": [],
    }


def test_validate_github_format_escapes(runner, tmp_path, committee_text):
    path = write(tmp_path, "p,1.yaml", committee_text.replace("  acronym: CT", "  acronim: CT"))
    result = runner.invoke(app, ["validate", "--format", "github", str(path)])
    assert result.exit_code == 1
    escaped = str(path).replace(",", "%2C")
    assert result.stdout == (
        f"::error file={escaped},line=5,col=1,title=WP010 missing-key::missing required key 'acronym' in committee\n"
        f"::error file={escaped},line=7,col=3,title=WP011 unknown-key::unknown key 'acronim' in committee; "
        "did you mean 'acronym'?\n"
    )


def test_validate_auto_format_follows_github_actions(runner, tmp_path, committee_text):
    path = write(tmp_path, "p.yaml", committee_text.replace("  acronym: CT", "  acronim: CT"))
    on_github = runner.invoke(app, ["validate", "--format", "auto", str(path)], env={"GITHUB_ACTIONS": "true"})
    local = runner.invoke(app, ["validate", "--format", "auto", str(path)])
    assert on_github.stdout.startswith(f"::error file={path},line=5,col=1,")
    assert local.stdout.startswith(f"{path}:5:1: error WP010 ")


def test_validate_text_format_reports_every_file_sorted(runner, tmp_path, committee_text):
    a, b = broken_pair(tmp_path, committee_text)
    result = runner.invoke(app, ["validate", str(b), str(a)])
    assert result.exit_code == 1
    la = line_of(a.read_text(), "acronim")
    lb = line_of(b.read_text(), "2023-02-30")
    assert result.stdout == (
        f"{a}:5:1: error WP010 missing required key 'acronym' in committee\n"
        f"{a}:{la}:3: error WP011 unknown key 'acronim' in committee; did you mean 'acronym'?\n"
        f"{b}:{lb}:11: error WP013 meetings[1].date: '2023-02-30' is not a valid date; write it as YYYY-MM-DD, like 2023-03-16\n"
        "Found 3 errors and 0 warnings in 2 files.\n"
    )


def test_sarif_names_a_file_by_a_uri_reference(runner, tmp_path, committee_text):
    """A name with a space, '#', '%' or a letter outside ASCII is percent-encoded: a bare '#' would start a
    fragment, and GitHub's code scanning would point at another file."""
    path = write(tmp_path, "plan #1 100% año.yaml", committee_text.replace("  acronym: CT", "  acronim: CT"))
    result = runner.invoke(app, ["validate", "--format", "sarif", str(path)])
    [uri] = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(result.stdout)["runs"][0]["results"]
    }
    assert uri == str(tmp_path) + "/plan%20%231%20100%25%20a%C3%B1o.yaml"


@given(st.text(min_size=1, max_size=30))
def test_a_sarif_uri_is_the_path_percent_encoded(path):
    uri = sarif_uri(path)
    assert unquote(uri) == path
    assert re.fullmatch(r"[A-Za-z0-9\-._~/%]*", uri)
