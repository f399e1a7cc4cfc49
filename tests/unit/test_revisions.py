"""revisions.py: plans as they were at a git revision (diff --rev)."""

from __future__ import annotations

import json
import shutil
import subprocess

import clients
from conftest import DATA, FIXTURES, committed_plan
from workplan_cli.cli import app

COMMITTEE = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")


def test_diff_against_git_revision(runner, tmp_path):
    path = committed_plan(tmp_path / "plans", COMMITTEE)
    path.write_text(
        COMMITTEE.replace(
            'start_time: "10:00"\n    end_time: "13:00"\n', 'start_time: "14:30"\n    end_time: "17:30"\n', 1
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["diff", str(path), "--rev", "HEAD"])
    assert (result.exit_code, result.stdout) == (
        0,
        "Meeting 1 time changed from 10:00 a.m. – 1:00 p.m. to 2:30 p.m. – 5:30 p.m.\n",
    )
    missing = runner.invoke(app, ["diff", str(path), "--rev", "no-such-rev"])
    assert missing.exit_code == 2 and missing.stderr.startswith(f"workplan: error: {path} at no-such-rev: ")


def test_diff_rev_compares_every_plan_of_a_folder(runner, tmp_path, monkeypatch):
    """#26: `diff --rev HEAD` with no path compares each plan under data/; a plan added since is said to be new."""
    clients.git()

    (tmp_path / "data").mkdir()
    shutil.copy(DATA / "csh-2022-2023.yaml", tmp_path / "data")
    shutil.copy(DATA / "cicte-2022-2023.yaml", tmp_path / "data")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(tmp_path)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "plans"], check=True)
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["move", "meeting-7", "2023-03-23"]).exit_code == 0
    (tmp_path / "data" / "extra.yaml").write_text(
        (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for args in (["diff", "--rev", "HEAD"], ["diff", "data/", "--rev", "HEAD"]):
        result = runner.invoke(app, args)
        assert (result.exit_code, result.stdout) == (
            0,
            "cicte-2022-2023 (data/cicte-2022-2023.yaml):\n"
            "  No semantic change.\n"
            "csh-2022-2023 (data/csh-2022-2023.yaml):\n"
            "  Meeting 7 moved from Thu, Mar 16, 2023 to Thu, Mar 23, 2023\n"
            "test-2023 (data/extra.yaml):\n"
            "  New plan file.\n",
        )
    result = runner.invoke(app, ["diff", "data/csh-2022-2023.yaml", "--rev", "HEAD", "--format", "json"])
    assert json.loads(result.stdout) == [
        {
            "kind": "moved",
            "subject": "meeting-7",
            "message": "Meeting 7 moved from Thu, Mar 16, 2023 to Thu, Mar 23, 2023",
        }
    ]
