"""The plan file an edit works on: choosing it among paths, reading it whole and checked, writing it back safely.

`read_plan` reads a plan once, with a stamp of what was read (size, time,
hash) and the problems it already has; `choose_plan` picks the one to edit
among files and folders; `write_edit` replaces the file only under a lock and
only if it is still the one read, keeping its owner, group and mode.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic, Severity
from .errors import EditRefused, PathError, PlanError, UsageError
from .loader import ListMarks, LoadResult, discover, no_plan_files, parse_plan, read_text
from .models import CommitteePlan, Plan, plan_model
from .text import did_you_mean

if TYPE_CHECKING:
    from .editcheck import Edit
    from .lint.registry import Finding, Rule

BOM = "\ufeff"

# The lists an edit can change: (kind of item, path of the list in the plan).
EDITABLE_LISTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("meeting", ("meetings",)),
    ("activity", ("activities",)),
    ("milestone", ("procedure", "milestones")),
)


def problem_key(d: Diagnostic) -> tuple[str, str]:
    return (d.code, d.message)


def lint_found(plan: Plan) -> list[tuple[Rule, Finding]]:
    """The lint findings of a plan, not yet placed at their lines (which takes one more pass over the text)."""
    from .collector import collector_paused
    from .lint import Selection, run_rules

    with collector_paused():
        return list(run_rules(plan, Selection()))


def counts_of(found: Sequence[tuple[Rule, Finding]]) -> dict[tuple[str, str], int] | None:
    """How many times each (rule, message) is found, if that is all a caller needs to know: no finding is an
    error and no check finds more than `validate` shows of one (else None: the findings must be placed)."""
    from .diagnostics import MAX_PER_CHECK

    counts: dict[tuple[str, str], int] = {}
    per_check: dict[str, int] = {}
    for rule, finding in found:
        if rule.severity is Severity.ERROR:
            return None
        counts[(rule.code, finding.message)] = counts.get((rule.code, finding.message), 0) + 1
        per_check[rule.code] = per_check.get(rule.code, 0) + 1
    return None if any(n > MAX_PER_CHECK for n in per_check.values()) else counts


# --- reading the plan to edit --------------------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    """What identifies the file as read: size, modification time and a hash of its bytes."""

    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def of(cls, data: bytes, info: os.stat_result) -> Stamp:
        return cls(len(data), info.st_mtime_ns, hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class PlanText:
    """A valid plan as it is on disk: its path, text (without a byte-order mark), model, and stamp."""

    path: Path
    text: str
    plan: Plan
    bom: bool = False
    stamp: Stamp | None = None
    # How many times each (rule, message) is found in the text as read (an edit may add none); None: not
    # linted yet (`read_plan(lint=False)`).
    findings: tuple[tuple[tuple[str, str], int], ...] | None = None
    # Where the plan's lists and their items are, when the fast path read it (`loader.ListMarks`).
    marks: dict[tuple[Any, ...], ListMarks] | None = None

    @property
    def name(self) -> str:
        return str(self.path)


def _read_bytes(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file, and its status from the same open file (a FIFO is opened without waiting
    for a writer, and refused)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise PathError(f"{path}: cannot read: {exc.strerror or exc}") from None
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode):
        os.close(handle)
        raise PathError(f"{path}: {'is a directory' if stat.S_ISDIR(info.st_mode) else 'not a regular file'}")
    try:
        with os.fdopen(handle, "rb") as stream:
            return stream.read(), info
    except OSError as exc:
        raise PathError(f"{path}: cannot read: {exc.strerror or exc}") from None


def read_plan(path: Path, *, lint: bool = True) -> PlanText:
    """Read and check one plan file.

    Raises `PlanError` (with every problem as ``diagnostics``) when it has an
    error, so that a broken file is never edited, and `PathError` when it
    cannot be read.  With ``lint=False`` the lint rules are left for the edit
    to run if it must (`editcheck.check_edit`: when the edited plan has an
    error or a warning to weigh); the plan must still read and validate.
    """
    raw, info = _read_bytes(path)
    bom, stamp = raw.startswith(BOM.encode()), Stamp.of(raw, info)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        _, problem = read_text(path)
        raise PlanError(
            f"{path} does not validate; fix it first (nothing written)", [problem] if problem else []
        ) from None
    del raw  # not held while the text is read: the file's size in memory
    marks: dict[tuple[Any, ...], ListMarks] = {}
    loaded = parse_plan(text, str(path), marks)
    counts = checked_counts(loaded) if lint or loaded.plan is None or loaded.diagnostics else None
    assert loaded.plan is not None
    return PlanText(
        path, text, loaded.plan, bom, stamp, tuple(counts.items()) if counts is not None else None, marks or None
    )


def lint_source(source: PlanText) -> dict[tuple[str, str], int]:
    """`checked_counts` of a plan read without its lint rules (`read_plan(lint=False)`)."""
    return checked_counts(LoadResult(source.name, source.plan, text=source.text))


def checked_counts(loaded: LoadResult) -> dict[tuple[str, str], int]:
    """How many times each (rule, message) is found in a plan read from a file; `PlanError` with its
    errors if it has one."""
    from .validate import lint_loaded, located

    found = lint_found(loaded.plan) if loaded.plan is not None and not loaded.diagnostics else None
    counts = counts_of(found) if found is not None else None
    if counts is None:  # errors, or more of one check than is shown: every finding in its place
        problems = sorted([*loaded.diagnostics, *(located(loaded, found) if found else lint_loaded(loaded))])
        errors = [d for d in problems if d.severity is Severity.ERROR]
        if loaded.plan is None or errors:
            raise PlanError(f"{loaded.path} does not validate; fix it first (nothing written)", errors)
        counts = {}
        for d in problems:
            counts[problem_key(d)] = counts.get(problem_key(d), 0) + 1
    return counts


def _candidates(paths: Sequence[Path]) -> list[Path]:
    files = discover(paths)
    if not files:
        raise UsageError(no_plan_files(paths))
    return files


@dataclass(frozen=True)
class _Outline:
    """What choosing a plan needs of a file: the model its kind means (`models.plan_model`), its id, and the ids
    of what an edit can change."""

    model: type | None = None
    plan_id: str | None = None
    idents: frozenset[str] = frozenset()


def _outline(text: str | None) -> _Outline:
    """The outline of a plan's text as data (any line endings, block or flow style); empty if it is not YAML."""
    from .intent import DataReader

    if text is None:
        return _Outline()
    try:
        data = DataReader(text).first
    except Exception:
        return _Outline()
    if not isinstance(data, dict):
        return _Outline()
    idents = set()
    for _, path in EDITABLE_LISTS:
        node: Any = data
        for step in path:
            node = node.get(step) if isinstance(node, dict) else None
        for item in node if isinstance(node, list) else ():
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                idents.add(item["id"].strip())
    plan_id = data.get("id")
    return _Outline(plan_model(data), plan_id if isinstance(plan_id, str) else None, frozenset(idents))


def plan_id_of(path: Path) -> str | None:
    """The id the plan file at ``path`` gives itself, read as data without validating it; None if it gives none."""
    return _outline(read_text(path)[0]).plan_id


def choose_plan(
    paths: Sequence[Path], plan_id: str | None = None, ident: str | None = None, *, lint: bool = True
) -> PlanText:
    """The one plan to edit among ``paths`` (files or folders).

    With ``plan_id``, the file whose plan has that id.  With ``ident``, the
    plan that holds that meeting, activity or milestone.  Otherwise the only
    committee plan found.  Raises `UsageError` when none or several match,
    saying how to choose, and `PlanError` when the chosen file is not valid
    (``lint``: as `read_plan`).
    """
    outlines: dict[Path, _Outline] = {}

    def outline(path: Path) -> _Outline:
        if path not in outlines:
            outlines[path] = _outline(read_text(path)[0])
        return outlines[path]

    files = _candidates(paths)
    where_ = ", ".join(map(str, paths))
    if plan_id is not None:
        files = [f for f in files if outline(f).plan_id == plan_id]
        if not files:
            raise UsageError(f"no plan with id {plan_id!r} in {where_}")
    if len(files) == 1:
        return read_plan(files[0], lint=lint)
    if ident is not None:
        holders = [f for f in files if ident in outline(f).idents]
        if len(holders) == 1:
            return read_plan(holders[0], lint=lint)
        if not holders:
            known = sorted(set().union(*(outline(f).idents for f in files)))
            raise UsageError(
                f"no meeting, activity or milestone with id {ident!r} in {where_}{did_you_mean(ident, known)}"
            )
        files = holders
    else:
        files = [f for f in files if outline(f).model is CommitteePlan] or files
        if len(files) == 1:
            return read_plan(files[0], lint=lint)
    names = ", ".join(f"{outline(f).plan_id or '?'} ({f})" for f in files)
    ids = [outline(f).plan_id for f in files]
    how = "give the file's path instead" if len(set(ids)) < len(ids) else "choose one with --plan ID"
    raise UsageError(f"several plans found: {names}; {how}")


# --- writing it ---------------------------------------------------------------------------


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an advisory lock on the plan file while it is checked and replaced (other workplan runs wait)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: the stamp check below still guards the file
        yield
        return
    while True:
        try:
            stream = path.open("rb")
        except OSError as exc:
            raise PathError(f"{path}: cannot open: {exc.strerror or exc}") from None
        with stream:
            fcntl.flock(stream.fileno(), fcntl.LOCK_EX)
            try:
                if os.path.samestat(os.fstat(stream.fileno()), os.stat(path)):
                    yield
                    return
            except FileNotFoundError:
                raise PathError(f"{path}: the file was removed while it was being edited; nothing written") from None
            finally:
                fcntl.flock(stream.fileno(), fcntl.LOCK_UN)
        # Another run replaced the file while this one waited: lock the new one.


def _writable(path: Path, info: os.stat_result) -> None:
    """Refuse to replace a file its mode says is read-only, even for root, or in a folder others can write to."""
    if not info.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise PathError(f"{path}: the file is read-only; make it writable (chmod u+w) to edit it (nothing written)")
    folder = path.resolve().parent
    try:
        folder_info = folder.stat()
    except OSError as exc:
        raise PathError(f"{folder}: cannot look at the folder: {exc.strerror or exc}") from None
    others = folder_info.st_mode & stat.S_IWOTH and not folder_info.st_mode & stat.S_ISVTX
    if others and info.st_uid != os.geteuid():
        raise PathError(
            f"{path}: the folder can be written by anyone and the file is another user's; "
            "workplan will not replace it there (nothing written)"
        )


def write_edit(edit: Edit) -> None:
    """Write an edit over its plan file, if the file on disk is still the one the edit was made from.

    The file is locked while it is checked and replaced; a file changed
    since it was read (by another edit, an editor, any program) is refused
    with `EditRefused`, and the change is not written.  Owner, group and mode
    are kept; a read-only file is refused with `PathError`.
    """
    from .fsutil import write_atomic

    path = edit.source.path
    with _locked(path):
        raw, info = _read_bytes(path)
        if edit.source.stamp is not None and Stamp.of(raw, info) != edit.source.stamp:
            raise EditRefused(
                f"{path} changed on disk while this edit was being made (another edit, an editor or a program "
                "wrote it); nothing written: run the command again on the file as it is now"
            )
        _writable(path, info)
        write_atomic(path, edit.file_pieces())
