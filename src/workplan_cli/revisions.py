"""Plans as they were at a git revision: `workplan diff --rev`."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic
from .errors import PathError, UsageError
from .plandiff import Change, diff_plans


def text_at(path: Path, rev: str) -> str | None:
    """The text of ``path`` at git revision ``rev``; None when the file did not exist then."""
    if not rev.strip():
        raise UsageError("--rev needs a revision (a commit, branch or tag such as origin/main)")
    if rev.startswith("-"):
        raise UsageError(f"--rev {rev!r}: a revision cannot start with '-'")
    folder = path.resolve().parent
    try:
        top = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True
        ).stdout.strip()
        relative = path.resolve().relative_to(Path(top).resolve()).as_posix()
        shown = subprocess.run(
            ["git", "-C", top, "show", "--end-of-options", f"{rev}:{relative}"], capture_output=True, check=True
        )
    except FileNotFoundError:
        raise PathError("git is not installed; compare two files instead of using --rev") from None
    except subprocess.CalledProcessError as exc:
        message = (
            (exc.stderr.decode("utf-8", "replace") if isinstance(exc.stderr, bytes) else exc.stderr or "")
            .strip()
            .splitlines()
        )
        last = message[-1] if message else "git failed"
        if "exists on disk, but not in" in last or "does not exist in" in last:
            return None  # a plan file added since
        raise PathError(f"{path} at {rev}: {last}") from None
    except ValueError:
        raise PathError(f"{path} is not inside the git repository") from None
    return shown.stdout.decode("utf-8", "replace")


@dataclass
class RevisionDiff:
    """What changed in one plan file since a revision: its changes, or the problems that stop the comparison."""

    path: Path
    plan_id: str | None
    changes: list[Change] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    new_file: bool = False


def diff_since(paths: Sequence[Path], rev: str) -> list[RevisionDiff]:
    """Each plan file under ``paths`` (files or folders) compared with its version at ``rev``.

    A file that did not exist at ``rev`` is reported as new, with no changes.
    Raises `PathError` for a missing path, a folder without plans, or git's
    refusal (an unknown revision, a file outside the repository).
    """
    from .loader import load_plan, parse_plan, plan_files

    files = plan_files(paths)
    out = []
    for path in files:
        after = load_plan(path)
        old_text = text_at(path, rev)
        if old_text is None:
            plan_id = after.plan.id if after.plan is not None else None
            out.append(RevisionDiff(path, plan_id, [], list(after.diagnostics), new_file=True))
            continue
        before = parse_plan(old_text, f"{path}@{rev}")
        problems = [*before.diagnostics, *after.diagnostics]
        if before.plan is None or after.plan is None:
            out.append(RevisionDiff(path, None, [], problems))
        else:
            out.append(RevisionDiff(path, after.plan.id, diff_plans(before.plan, after.plan)))
    return out


def diff_files(old: Path, new: Path) -> list[RevisionDiff]:
    """``new`` compared with ``old`` (two plan files), as one `RevisionDiff`; problems instead if either has errors.

    Raises `PathError` when either file is missing.
    """
    from .loader import load_plan

    for path in (old, new):
        try:
            os.lstat(path)
        except FileNotFoundError:
            raise PathError(f"no such file or directory: {path}") from None
        except OSError:
            pass  # a name too long, a folder that cannot be searched: said as reading it fails
    before, after = load_plan(old), load_plan(new)
    if before.plan is None or after.plan is None:
        return [RevisionDiff(new, None, [], [*before.diagnostics, *after.diagnostics])]
    return [RevisionDiff(new, after.plan.id, diff_plans(before.plan, after.plan))]


def compare_plans(old: Path | None, new: Path | None, rev: str | None) -> list[RevisionDiff]:
    """What `workplan diff` compares: two files (``old``, ``new``), or files or folders (``old``, default data/)
    with their versions at ``rev``.  Raises `UsageError` for any other combination."""
    from .inputs import plan_paths

    if rev is None and (old is None or new is None):
        raise UsageError("give two files (OLD NEW), or --rev REV (and the files or folders to compare, default data/)")
    if rev is not None and new is not None:
        raise UsageError("with --rev, give the files or folders to compare, not a second file")
    if rev is not None:
        return diff_since(plan_paths([old] if old is not None else None), rev)
    assert old is not None and new is not None
    return diff_files(old, new)


@dataclass(frozen=True)
class FileHistory:
    """How often a plan file was committed, when last, and whether it has changed since: what dates a calendar."""

    commits: int
    last_commit: dt.datetime
    changed_since: bool


def file_history(path: Path) -> FileHistory | None:
    """The git history of ``path``; None outside a repository, without git, or for a file never committed."""
    folder = path.resolve().parent
    name = path.resolve().name

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=False)

    try:
        log = git("log", "--format=%ct", "--", name)
    except OSError:
        return None
    stamps = log.stdout.split()
    if log.returncode != 0 or not stamps:
        return None
    changed = git("diff", "--quiet", "HEAD", "--", name).returncode != 0
    return FileHistory(len(stamps), dt.datetime.fromtimestamp(int(stamps[0]), dt.UTC), changed)
