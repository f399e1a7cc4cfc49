"""Amending a plan file without re-writing it: move, add, cancel and postpone.

Every edit changes the file's text only where it means to (`textpatch`):
comments, quoting, key order and blank lines stay byte for byte, so a pull
request's diff is the change and nothing else.  An edit lands on the item
the user named, or nowhere: a value shared through an anchor, alias or merge
key, or written in a shape the text cannot be changed in safely, is refused;
and the new text must read as the old plan with exactly the intended change.

Each function returns an `Edit` (the old and new text, what the change means
in `workplan diff`'s words, and the problems the new text would have); the
caller decides whether to write it, with `write_edit`, which writes only if
the file on disk is still the one read.  An edit that would add a problem is
refused: see `Edit.refused`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Severity
from .errors import PathError, PlanError, UsageError
from .loader import discover, parse_plan, read_text
from .models import CommitteePlan, Plan, is_id
from .plandiff import Change, diff_plans
from .text import did_you_mean
from .textpatch import (
    EditRefused,
    Intent,
    Replace,
    Tree,
    apply,
    get,
    insert_lines,
    items,
    line_end_after,
    replace_scalar,
    requote,
    value,
    verify,
)

BOM = "\ufeff"
STATUSES = ("scheduled", "postponed", "cancelled", "held")

# The lists an edit can change: (kind of item, path of the list in the plan).
_LISTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("meeting", ("meetings",)),
    ("activity", ("activities",)),
    ("milestone", ("procedure", "milestones")),
)


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
    # How many times each (rule, message) is found in the text as read: an edit may add none.
    findings: tuple[tuple[tuple[str, str], int], ...] | None = None

    @property
    def name(self) -> str:
        return str(self.path)


def _read_bytes(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file, and its status from the same open file."""
    try:
        with path.open("rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise PathError(f"{path}: not a regular file")
            return stream.read(), info
    except IsADirectoryError:
        raise PathError(f"{path}: is a directory") from None
    except OSError as exc:
        raise PathError(f"{path}: cannot read: {exc.strerror or exc}") from None


def read_plan(path: Path) -> PlanText:
    """Read and check one plan file.

    Raises `PlanError` (with every problem as ``diagnostics``) when it has an
    error, so that a broken file is never edited, and `PathError` when it
    cannot be read.
    """
    from .validate import lint_loaded

    raw, info = _read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        _, problem = read_text(path)
        raise PlanError(
            f"{path} does not validate; fix it first (nothing written)", [problem] if problem else []
        ) from None
    loaded = parse_plan(text, str(path))
    problems = sorted([*loaded.diagnostics, *lint_loaded(loaded)])
    errors = [d for d in problems if d.severity is Severity.ERROR]
    if loaded.plan is None or errors:
        raise PlanError(f"{path} does not validate; fix it first (nothing written)", errors)
    counts: dict[tuple[str, str], int] = {}
    for d in problems:
        counts[_problem_key(d)] = counts.get(_problem_key(d), 0) + 1
    return PlanText(path, text, loaded.plan, raw.startswith(BOM.encode()), Stamp.of(raw, info), tuple(counts.items()))


def _candidates(paths: Sequence[Path]) -> list[Path]:
    files = discover(paths)
    if not files:
        raise UsageError(f"no plan files (*.yaml, *.yml) found in {', '.join(map(str, paths))}")
    return files


@dataclass(frozen=True)
class _Outline:
    """What choosing a plan needs of a file: its kind, id, and the ids of what an edit can change."""

    kind: str | None = None
    plan_id: str | None = None
    idents: frozenset[str] = frozenset()


def _outline(text: str | None) -> _Outline:
    """The outline of a plan's text as data (any line endings, block or flow style); empty if it is not YAML."""
    from .textpatch import DataReader

    if text is None:
        return _Outline()
    try:
        data = DataReader(text).first
    except Exception:
        return _Outline()
    if not isinstance(data, dict):
        return _Outline()
    idents = set()
    for _, path in _LISTS:
        node: Any = data
        for step in path:
            node = node.get(step) if isinstance(node, dict) else None
        for item in node if isinstance(node, list) else ():
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                idents.add(item["id"].strip())
    kind, plan_id = data.get("kind"), data.get("id")
    return _Outline(
        kind if isinstance(kind, str) else None, plan_id if isinstance(plan_id, str) else None, frozenset(idents)
    )


def choose_plan(paths: Sequence[Path], plan_id: str | None = None, ident: str | None = None) -> PlanText:
    """The one plan to edit among ``paths`` (files or folders).

    With ``plan_id``, the file whose plan has that id.  With ``ident``, the
    plan that holds that meeting, activity or milestone.  Otherwise the only
    committee plan found.  Raises `UsageError` when none or several match,
    saying how to choose, and `PlanError` when the chosen file is not valid.
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
        return read_plan(files[0])
    if ident is not None:
        holders = [f for f in files if ident in outline(f).idents]
        if len(holders) == 1:
            return read_plan(holders[0])
        if not holders:
            known = sorted(set().union(*(outline(f).idents for f in files)))
            raise UsageError(
                f"no meeting, activity or milestone with id {ident!r} in {where_}{did_you_mean(ident, known)}"
            )
        files = holders
    else:
        files = [f for f in files if outline(f).kind == "committee-plan"] or files
        if len(files) == 1:
            return read_plan(files[0])
    names = ", ".join(f"{outline(f).plan_id or '?'} ({f})" for f in files)
    ids = [outline(f).plan_id for f in files]
    how = "give the file's path instead" if len(set(ids)) < len(ids) else "choose one with --plan ID"
    raise UsageError(f"several plans found: {names}; {how}")


# --- the result of an edit ----------------------------------------------------------------


@dataclass
class Edit:
    """An edit of one plan file: the text before and after, what it means, and what it would break."""

    source: PlanText
    new_text: str
    changes: list[Change] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    plan: Plan | None = None
    notes: list[str] = field(default_factory=list)  # what else the change means, for the user to act on

    @property
    def refused(self) -> bool:
        """True when the new text has an error, or a warning the old one did not have."""
        return bool(self.problems)

    def errors_only(self) -> bool:
        return all(d.severity is Severity.ERROR for d in self.problems)

    @property
    def file_text(self) -> str:
        """What to write: the new text, with the byte-order mark the file had."""
        return (BOM if self.source.bom else "") + self.new_text


def _problem_key(d: Diagnostic) -> tuple[str, str]:
    return (d.code, d.message)


@functools.lru_cache(maxsize=4)
def _findings(text: str, name: str) -> tuple[tuple[tuple[str, str], int], ...]:
    """How many times each (rule, message) is found in a plan's text (cached: each edit compares with it)."""
    from .validate import lint_loaded

    counts: dict[tuple[str, str], int] = {}
    for d in lint_loaded(parse_plan(text, name)):
        counts[_problem_key(d)] = counts.get(_problem_key(d), 0) + 1
    return tuple(counts.items())


def check_edit(source: PlanText, new_text: str, intent: Intent, *, allow_warnings: bool = False) -> Edit:
    """Prove ``new_text`` is the source with exactly ``intent``, then its changes and the problems it would add.

    Raises `EditRefused` when the text does not read as intended.  A problem
    is every error, and every warning that the source does not already have
    (compared by rule and message, since lines move); with
    ``allow_warnings``, errors only.
    """
    from .validate import lint_loaded

    verify(source.text, new_text, intent)
    loaded = parse_plan(new_text, source.name)
    after = sorted([*loaded.diagnostics, *lint_loaded(loaded)])
    before = dict(source.findings if source.findings is not None else _findings(source.text, source.name))
    problems = []
    for d in after:
        if d.severity is Severity.ERROR:
            problems.append(d)
        elif before.get(_problem_key(d), 0) > 0:
            before[_problem_key(d)] -= 1
        elif not allow_warnings:
            problems.append(d)
    changes = diff_plans(source.plan, loaded.plan) if loaded.plan is not None else []
    return Edit(source, new_text, changes, problems, loaded.plan)


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
        write_atomic(path, edit.file_text)


# --- finding the item ---------------------------------------------------------------------


def _find(tree: Tree, ident: str) -> tuple[str, tuple[str | int, ...], Any] | None:
    """The kind, data path and mapping node of the meeting, activity or milestone ``ident``."""
    from .textpatch import walk_items

    for kind, path, item in walk_items(tree.root, _LISTS):
        found = value(item, "id")
        if found is not None and str(found.value).strip() == ident:
            return kind, path, item
    return None


def _all_idents(tree: Tree) -> list[str]:
    from .textpatch import walk_items

    out = []
    for _, _, item in walk_items(tree.root, _LISTS):
        found = value(item, "id")
        if found is not None:
            out.append(str(found.value).strip())
    return out


def _item(source: PlanText, ident: str, kinds: Sequence[str]) -> tuple[Tree, str, tuple[str | int, ...], Any]:
    """The node tree of the source and the item ``ident`` of one of ``kinds``; `UsageError` if there is none."""
    tree = Tree(source.text)
    found = _find(tree, ident)
    if found is None or found[0] not in kinds:
        if found is not None:
            raise UsageError(
                f"{ident!r} is a {found[0]}, which has no status; cancel or postpone a meeting or an activity"
            )
        known = _all_idents(tree)
        raise UsageError(f"no {_either(kinds)} with id {ident!r} in {source.plan.id}{did_you_mean(ident, known)}")
    return tree, *found


def _either(kinds: Sequence[str]) -> str:
    """'meeting or activity', 'meeting, activity or milestone'."""
    return kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} or {kinds[-1]}"


def _date_text(day: dt.date) -> str:
    if not 1 <= day.year <= 9999:
        raise UsageError(f"{day}: the year must have four digits")
    return day.isoformat()


def _shift(day: dt.date, by: dt.timedelta, what: str) -> dt.date:
    try:
        return day + by
    except OverflowError:
        raise UsageError(f"{what} would fall after 9999-12-31") from None


# --- move ---------------------------------------------------------------------------------


def move_item(
    source: PlanText,
    ident: str,
    day: dt.date,
    times: tuple[dt.time, dt.time] | None = None,
    *,
    allow_warnings: bool = False,
) -> Edit:
    """Move a meeting, activity or milestone to ``day`` (and a meeting to ``times``).

    Only the scalars that hold dates and times change.  An activity of
    several days keeps its length (its ``end_date`` moves too).  A meeting
    takes along what is tied to its day: the meetings held ``within`` it and
    the milestones held at it.
    """
    if not isinstance(source.plan, CommitteePlan):
        raise UsageError(f"{source.name} is a program plan: it has no meetings, activities or milestones to move")
    tree, kind, path, item = _item(source, ident, ("meeting", "activity", "milestone"))
    if times is not None and kind != "meeting":
        raise UsageError(f"--time is for meetings; {ident!r} is a {kind}, which has no hours")
    intent = Intent()
    edits: list[Replace] = []

    def change(node: Any, at: tuple[str | int, ...], key: str, text: str, what: str) -> None:
        scalar = value(node, key)
        if scalar is None:
            raise EditRefused(f"{what} has no {key} written in it to change (nothing written)")
        written = requote(scalar, text)
        edits.append(replace_scalar(tree.lines, scalar, written, f"{what}'s {key}"))
        intent.set((*at, key), written)

    what = repr(ident)
    keys = ["date", "end_date", *(("start_time", "end_time") if times else ())]
    tree.editable(item, what, keys)
    change(item, path, "date", _date_text(day), what)
    if kind in ("activity", "meeting"):
        old_day, old_end = _dates_of(source.plan, kind, ident)
        if old_end is not None:
            end = _shift(old_end, day - old_day, f"{ident!r}'s last day")
            change(item, path, "end_date", _date_text(end), what)
    if times is not None:
        for key, at in zip(("start_time", "end_time"), times, strict=True):
            change(item, path, key, at.strftime("%H:%M"), what)
    if kind == "meeting":
        from .textpatch import walk_items

        for other_kind, other_path, other in walk_items(tree.root, _LISTS):
            tie = "within" if other_kind == "meeting" else "meeting" if other_kind == "milestone" else None
            tied = value(other, tie) if tie else None
            if tied is not None and str(tied.value).strip() == ident:
                other_what = f"{_ident_of(other)!r} (held {'within' if tie == 'within' else 'at'} {ident!r})"
                tree.editable(other, other_what, ["date"])
                change(other, other_path, "date", _date_text(day), other_what)
    edits = _in_date_order(source, tree, intent, edits)
    return check_edit(source, apply(source.text, edits), intent, allow_warnings=allow_warnings)


def _in_date_order(source: PlanText, tree: Tree, intent: Intent, edits: list[Replace]) -> list[Replace]:
    """``edits``, with each re-dated meeting or activity moved to its place in date (and time) order.

    The other items keep their order; a re-dated item goes after those of the
    same day and time.  Its lines move whole, comments above it included.
    """
    from .textpatch import reorder

    plan = source.plan
    assert isinstance(plan, CommitteePlan)
    for kind, listed in (("meetings", plan.meetings), ("activities", plan.activities)):
        redated: dict[int, tuple[dt.date, dt.time]] = {}
        for path, text in intent.sets:
            if path[0] == kind and path[2] in ("date", "start_time"):
                n = int(path[1])
                day, hour = redated.get(n, _order_key(listed[n]))
                if path[2] == "date":
                    day = dt.date.fromisoformat(text.strip("'\""))
                else:
                    hour = dt.time.fromisoformat(text.strip("'\""))
                redated[n] = (day, hour)
        if not redated:
            continue

        def key(n: int, redated: dict[int, tuple[dt.date, dt.time]] = redated, listed: Any = listed) -> Any:
            return redated.get(n) or _order_key(listed[n])

        order = [n for n in range(len(listed)) if n not in redated]
        for n in sorted(redated, key=lambda n: (key(n), n)):
            at = next((p for p, m in enumerate(order) if key(m) > key(n)), len(order))
            order.insert(at, n)
        if order != list(range(len(listed))):
            edits = reorder(tree.lines, items(value(tree.root, kind)), order, edits)
            intent.orders.append(((kind,), order))
    return edits


def _order_key(item: Any) -> tuple[dt.date, dt.time]:
    return item.date, getattr(item, "start_time", None) or dt.time.min


def _ident_of(node: Any) -> str:
    found = value(node, "id")
    return str(found.value).strip() if found is not None else "?"


def _dates_of(plan: CommitteePlan, kind: str, ident: str) -> tuple[dt.date, dt.date | None]:
    listed = plan.meetings if kind == "meeting" else plan.activities
    found = next(x for x in listed if x.id == ident)
    return found.date, getattr(found, "end_date", None)


# --- status -------------------------------------------------------------------------------

# The keys a status line goes after, in the schema's order (so `workplan fmt` leaves it there).
_BEFORE_STATUS = {
    "meeting": ("id", "number", "kind", "title", "heading", "date", "end_date", "start_time", "end_time", "within"),
    "activity": ("id", "title", "date", "end_date", "organizers", "place"),
}


def scalar_text(value: str) -> str:
    """``value`` as a one-line YAML scalar that reads back as exactly ``value``, quoted as `workplan fmt` would."""
    from .fmt import scalar_yaml

    text = scalar_yaml(value)
    if "\n" in text or "\r" in text:  # a value with a line break: a double-quoted scalar keeps it on one line
        text = json.dumps(value, ensure_ascii=False)
    return text


def set_status(
    source: PlanText, ident: str, status: str, note: str | None = None, *, allow_warnings: bool = False
) -> Edit:
    """Set the ``status`` (and ``status_note``) of a meeting or activity.

    An existing value is replaced where it stands; a new one is inserted on
    its own line after the date and time lines, indented like its neighbours.
    """
    if status not in STATUSES:
        raise UsageError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
    if not isinstance(source.plan, CommitteePlan):
        raise UsageError(f"{source.name} is a program plan: it has no meetings or activities")
    tree, kind, path, item = _item(source, ident, ("meeting", "activity"))
    what = repr(ident)
    tree.editable(item, what, ("status", "status_note"))
    if item.flow_style:
        raise EditRefused(f"{what} is written on one line ({{...}}); run `workplan fmt` first, then try again")
    lines = tree.lines
    intent = Intent()
    edits: list[Replace] = []
    existing = get(item, "status")
    new_lines: list[str] = []
    indent = " " * item.value[0][0].start_mark.column
    intent.set((*path, "status"), status)
    if existing is not None:
        edits.append(replace_scalar(lines, existing[1], status, f"{what}'s status"))
        after = existing
    else:
        new_lines.append(f"{indent}status: {status}")
        after = [(k, v) for k, v in item.value if k.value in _BEFORE_STATUS[kind]][-1]
    if note is not None:
        note = note.strip()
        if not note:
            raise UsageError("--note needs some text")
        written = scalar_text(note)
        intent.set((*path, "status_note"), written)
        old_note = get(item, "status_note")
        if old_note is not None:
            node = old_note[1]
            if node.start_mark.line != node.end_mark.line or getattr(node, "style", None) in ("|", ">"):
                # A note over several lines: the whole value is replaced, up to the end of its last line of text.
                start = lines.offset(node.start_mark)
                end = line_end_after(lines, node)
                edits.append(Replace(start, end, written + lines.ending_before(end)))
            else:
                edits.append(replace_scalar(lines, node, written, f"{what}'s status_note"))
        elif existing is not None:
            edits.append(
                insert_lines(
                    lines, line_end_after(lines, existing[1], existing[0]), [f"{indent}status_note: {written}"]
                )
            )
        else:
            new_lines.append(f"{indent}status_note: {written}")
    if new_lines:
        edits.append(insert_lines(lines, line_end_after(lines, after[1], after[0]), new_lines))
    edit = check_edit(source, apply(source.text, edits), intent, allow_warnings=allow_warnings)
    if kind == "meeting" and status in ("cancelled", "postponed"):
        edit.notes = _tied_to(source.plan, ident, status)
    return edit


def _tied_to(plan: CommitteePlan, ident: str, status: str) -> list[str]:
    """What falls or moves with a meeting that is cancelled or postponed: meetings held within it, milestones at it."""
    notes = [
        f"{m.id!r} is held within {ident!r}: it is {status} with it unless it is moved (workplan move {m.id} DATE) "
        f"or {status} too (workplan {'cancel' if status == 'cancelled' else 'postpone'} {m.id})"
        for m in plan.meetings
        if m.within == ident and m.status != status
    ]
    notes += [
        f"milestone {m.id!r} is held at {ident!r}: give it another meeting (its `meeting:` and `date:` keys)"
        for m in plan.procedure.milestones
        if m.meeting == ident
    ]
    return notes


# --- add ----------------------------------------------------------------------------------


def _all_ids(plan: Plan) -> set[str]:
    from .index import index_of

    return set(index_of(plan).ids)


def _free_id(plan: Plan, wanted: str) -> str:
    taken = _all_ids(plan)
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


def slug(text: str, limit: int = 48) -> str:
    """A lowercase id made of the words of ``text`` ('Workshop on Demining' → 'workshop-on-demining')."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > limit:
            break
        out = f"{out}-{word}" if out else word[:limit]
    return out or "item"


def _checked_id(text: str, option: str) -> str:
    """An id given on the command line, checked as one: lowercase letters, digits, dots and hyphens."""
    if not is_id(text) or len(text) > 200:
        raise UsageError(
            f"{option} {text!r} is not an id: use lowercase letters, digits, '.' and '-', starting with a letter or digit"
        )
    return text


def _insert_in_order(
    source: PlanText,
    tree: Tree,
    path: tuple[str, ...],
    keys: Sequence[tuple[Any, ...]],
    new_key: tuple[Any, ...],
    body: Sequence[str],
    intent: Intent,
) -> str:
    """The text with a new list item (``body``: its lines, unindented, the first one its ``- `` line) inserted
    into the block list at ``path`` before the first item that sorts after ``new_key``; indented like the
    items already there."""
    import yaml

    lines = tree.lines
    root = tree.root
    parent = root if len(path) == 1 else value(root, *path[:-1])
    pair = get(parent, path[-1])
    seq = pair[1] if pair is not None else None
    found = items(seq)
    if pair is not None and (tree.shared(seq) or tree.decorated(seq)):
        raise EditRefused(f"the list {'.'.join(path)} is shared through a YAML anchor or alias; nothing written")
    if found:
        first = found[0]
        key_column = first.start_mark.column
        line = source.text[lines.starts[first.start_mark.line] : lines.offset(first.start_mark)]
        dash_column = line.rfind("-")
        if dash_column < 0 or any(item.flow_style for item in found) or getattr(seq, "flow_style", False):
            raise EditRefused(f"the list {'.'.join(path)} is written in flow style ([...]); run `workplan fmt` first")
    else:
        base = pair[0].start_mark.column if pair is not None else 0
        dash_column, key_column = base + 2, base + 4
    indented = [" " * dash_column + body[0]] + [" " * key_column + b for b in body[1:]]
    replacements: list[Replace] = []
    later = [i for i, key in enumerate(keys) if key > new_key]
    intent.insert(path, later[0] if later else len(keys), [body[0], *("  " + b for b in body[1:])])
    if found and later:
        at = lines.starts[found[later[0]].start_mark.line]
        # Comment lines just above an item belong to it: the new item goes above them.
        while at > 0:
            previous = lines.line_start(at - 1)
            if not source.text[previous:at].strip().startswith("#"):
                break
            at = previous
        replacements.append(insert_lines(lines, at, indented))
    elif found:
        replacements.append(insert_lines(lines, line_end_after(lines, found[-1]), indented))
    elif seq is not None and isinstance(seq, yaml.SequenceNode):
        # `meetings: []` (as `workplan init` writes it) becomes a block list.
        start, end = lines.offset(seq.start_mark), lines.offset(seq.end_mark)
        rest = source.text[end : lines.next_line(end)]
        if not rest.strip():
            while start > 0 and source.text[start - 1] == " ":
                start -= 1
        replacements.append(Replace(start, end, ""))
        replacements.append(insert_lines(lines, lines.next_line(end), indented))
    elif pair is not None:  # `activities:` left empty
        end = lines.offset(pair[1].end_mark) if pair[1] is not None else lines.offset(pair[0].end_mark)
        replacements.append(insert_lines(lines, lines.next_line(end), indented))
    else:  # no such list yet: it goes after the meetings
        after = value(root, "meetings")
        at = line_end_after(lines, after) if after is not None else len(source.text)
        replacements.append(insert_lines(lines, at, ["", f"{path[-1]}:", *indented]))
    return apply(source.text, replacements)


def _time_style(tree: Tree) -> str:
    for meeting in items(value(tree.root, "meetings")):
        node = value(meeting, "start_time")
        if node is not None:
            return str(getattr(node, "style", None) or "")
    return '"'


def add_meeting(
    source: PlanText,
    *,
    day: dt.date,
    start: dt.time,
    end: dt.time,
    number: int | None = None,
    title: str | None = None,
    kind: str = "regular",
    ident: str | None = None,
    allow_warnings: bool = False,
) -> Edit:
    """Insert a new meeting in date and time order, indented like the others, with an empty agenda.

    Its id is ``meeting-N`` for a numbered meeting, else ``KIND-DATE``, with
    ``-2``, ``-3``… added if that is taken (or ``ident`` if given).
    """
    plan = source.plan
    if not isinstance(plan, CommitteePlan):
        raise UsageError(f"{source.name} is a program plan: it has no meetings")
    kind = _checked_id(kind, "--kind")
    if ident is None:
        ident = _free_id(plan, f"meeting-{number}" if number is not None else f"{kind}-{_date_text(day)}")
    ident = _checked_id(ident, "--id")
    tree = Tree(source.text)
    quote = _time_style(tree)
    body = [f"- id: {scalar_text(ident)}"]
    if number is not None:
        body.append(f"number: {int(number)}")
    body.append(f"kind: {scalar_text(kind)}")
    if title and title.strip():
        body.append(f"title: {scalar_text(title.strip())}")
    body += [
        f"date: {_date_text(day)}",
        f"start_time: {quote}{start:%H:%M}{quote}",
        f"end_time: {quote}{end:%H:%M}{quote}",
        "agenda: []",
    ]
    keys = [(m.date, m.start_time or dt.time(0)) for m in plan.meetings]
    intent = Intent()
    text = _insert_in_order(source, tree, ("meetings",), keys, (day, start), body, intent)
    return check_edit(source, text, intent, allow_warnings=allow_warnings)


def add_activity(
    source: PlanText,
    *,
    day: dt.date,
    title: str,
    end_day: dt.date | None = None,
    organizers: Sequence[str] = (),
    place: str | None = None,
    ident: str | None = None,
    allow_warnings: bool = False,
) -> Edit:
    """Insert another OAS activity in date order; its id is made from its title unless ``ident`` is given."""
    plan = source.plan
    if not isinstance(plan, CommitteePlan):
        raise UsageError(f"{source.name} is a program plan: it has no list of other OAS activities")
    if not title.strip():
        raise UsageError("--title needs some text")
    if ident is None:
        ident = _free_id(plan, slug(title))
    ident = _checked_id(ident, "--id")
    tree = Tree(source.text)
    body = [f"- id: {scalar_text(ident)}", f"title: {scalar_text(title.strip())}", f"date: {_date_text(day)}"]
    if end_day is not None:
        body.append(f"end_date: {_date_text(end_day)}")
    if organizers:
        checked = [scalar_text(_checked_id(o, "--organizer")) for o in organizers]
        body.append(f"organizers: [{', '.join(checked)}]")
    if place and place.strip():
        body.append(f"place: {scalar_text(place.strip())}")
    keys = [(a.date,) for a in plan.activities]
    intent = Intent()
    text = _insert_in_order(source, tree, ("activities",), keys, (day,), body, intent)
    return check_edit(source, text, intent, allow_warnings=allow_warnings)
