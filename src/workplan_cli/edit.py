"""Amending a plan file without re-writing it: move, add, cancel, postpone, and draft next term's plan.

Every edit works on the file's text, never on a re-dumped document: libyaml's
marks give the line and column of the scalar to change (or of the line after
which to insert), and only those characters change.  Comments, quoting, key
order and blank lines stay byte for byte, so a pull request's diff is the
change and nothing else.

Each function returns an `Edit` (the old and new text, what the change means in
`workplan diff`'s words, and the problems the new text would have); the caller
decides whether to write it.  An edit that would add a problem is refused: see
`Edit.refused`.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Severity
from .errors import PathError, PlanError, UsageError
from .loader import discover, parse_plan, read_text
from .models import Activity, CommitteePlan, Meeting, Plan
from .plandiff import Change, diff_plans

BOM = "\ufeff"
STATUSES = ("scheduled", "postponed", "cancelled", "held")
_BREAK = re.compile(r"\r\n|\r|\n")


# --- reading the plan to edit --------------------------------------------------------------


@dataclass(frozen=True)
class PlanText:
    """A valid plan as it is on disk: its path, text (without a byte-order mark) and model."""

    path: Path
    text: str
    plan: Plan
    bom: bool = False

    @property
    def name(self) -> str:
        return str(self.path)


def read_plan(path: Path, read: tuple[str | None, Diagnostic | None] | None = None) -> PlanText:
    """Read and check one plan file (``read``: what `read_text` gave for it already, if it was read).

    Raises `PlanError` (with every problem as ``diagnostics``) when it has an
    error, so that a broken file is never edited, and `PathError` when it
    cannot be read.
    """
    from .validate import lint_loaded

    text, problem = read if read is not None else read_text(path)
    if problem is not None or text is None:
        raise PlanError(f"{path} does not validate; fix it first (nothing written)", [problem] if problem else [])
    try:
        with path.open("rb") as stream:  # `read_text` drops the BOM; an edit writes it back
            raw_bom = stream.read(len(BOM.encode())) == BOM.encode()
    except OSError as exc:
        raise PathError(f"{path}: cannot read: {exc.strerror or exc}") from None
    loaded = parse_plan(text, str(path))
    problems = sorted([*loaded.diagnostics, *lint_loaded(loaded)])
    errors = [d for d in problems if d.severity is Severity.ERROR]
    if loaded.plan is None or errors:
        raise PlanError(f"{path} does not validate; fix it first (nothing written)", errors)
    return PlanText(path, text, loaded.plan, raw_bom)


def _candidates(paths: Sequence[Path]) -> list[Path]:
    files = discover(paths)
    if not files:
        raise UsageError(f"no plan files (*.yaml, *.yml) found in {', '.join(map(str, paths))}")
    return files


def _plan_id_of(text: str | None) -> str | None:
    """The plan id a file's text declares (read cheaply), for choosing among several files."""
    match = re.search(r"^id:[ \t]*['\"]?([a-z0-9][a-z0-9.-]*)", text or "", re.MULTILINE)
    return match.group(1) if match else None


def choose_plan(paths: Sequence[Path], plan_id: str | None = None, ident: str | None = None) -> PlanText:
    """The one plan to edit among ``paths`` (files or folders).

    With ``plan_id``, the file whose plan has that id.  With ``ident``, the
    plan that holds that meeting, activity or milestone.  Otherwise the only
    committee plan found.  Raises `UsageError` when none or several match,
    saying how to choose, and `PlanError` when the chosen file is not valid.
    Each candidate file is read once.
    """
    read: dict[Path, tuple[str | None, Diagnostic | None]] = {}

    def text_of(path: Path) -> str | None:
        if path not in read:
            read[path] = read_text(path)
        return read[path][0]

    def chosen(path: Path) -> PlanText:
        return read_plan(path, read.get(path))

    files = _candidates(paths)
    if plan_id is not None:
        files = [f for f in files if _plan_id_of(text_of(f)) == plan_id]
        if not files:
            raise UsageError(f"no plan with id {plan_id!r} in {', '.join(map(str, paths))}")
    if len(files) == 1:
        return chosen(files[0])
    if ident is not None:
        holders = [f for f in files if _mentions(text_of(f), ident)]
        if len(holders) == 1:
            return chosen(holders[0])
        if not holders:
            raise UsageError(f"no meeting, activity or milestone with id {ident!r} in {', '.join(map(str, paths))}")
        files = holders
    else:
        files = [f for f in files if _kind_of(text_of(f)) == "committee-plan"] or files
        if len(files) == 1:
            return chosen(files[0])
    names = ", ".join(f"{_plan_id_of(text_of(f)) or '?'} ({f})" for f in files)
    raise UsageError(f"several plans found: {names}; choose one with --plan ID")


def _mentions(text: str | None, ident: str) -> bool:
    return (
        text is not None
        and re.search(rf"\bid:[ \t]*['\"]?{re.escape(ident)}['\"]?[ \t]*(#.*)?$", text, re.M) is not None
    )


def _kind_of(text: str | None) -> str | None:
    match = re.search(r"^kind:[ \t]*['\"]?([a-z-]+)", text or "", re.MULTILINE)
    return match.group(1) if match else None


# --- the result of an edit ----------------------------------------------------------------


@dataclass
class Edit:
    """An edit of one plan file: the text before and after, what it means, and what it would break."""

    source: PlanText
    new_text: str
    changes: list[Change] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    plan: Plan | None = None

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


def check_edit(source: PlanText, new_text: str, *, allow_warnings: bool = False) -> Edit:
    """Validate ``new_text`` and compare it with the source: its changes and the problems it would add.

    A problem is every error, and every warning that the source does not
    already have (compared by rule and message, since lines move); with
    ``allow_warnings``, errors only.
    """
    from .validate import lint_loaded

    loaded = parse_plan(new_text, source.name)
    after = sorted([*loaded.diagnostics, *lint_loaded(loaded)])
    before = dict(_findings(source.text, source.name))
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


# --- the node tree and positions ----------------------------------------------------------


def _compose(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.compose(text, Loader=loader)


class _Text:
    """Offsets of lines in a text, to turn libyaml's (line, column) marks into string positions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]
        self.newline = "\r\n" if "\r\n" in text else "\n"

    def offset(self, mark: Any) -> int:
        return self.starts[int(mark.line)] + int(mark.column)

    def line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def next_line(self, offset: int) -> int:
        """The start of the line after the one holding ``offset`` (the text's end if there is none)."""
        found = _BREAK.search(self.text, offset)
        return found.end() if found else len(self.text)


def _get(node: Any, key: str) -> tuple[Any, Any] | None:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k, v
    return None


def _value(node: Any, *keys: str) -> Any:
    for key in keys:
        pair = _get(node, key)
        if pair is None:
            return None
        node = pair[1]
    return node


def _items(node: Any) -> list[Any]:
    import yaml

    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _find(root: Any, ident: str) -> tuple[str, Any] | None:
    """The kind and mapping node of the meeting, activity or milestone ``ident``."""
    for kind, seq in (
        ("meeting", _value(root, "meetings")),
        ("activity", _value(root, "activities")),
        ("milestone", _value(root, "procedure", "milestones")),
    ):
        for item in _items(seq):
            found = _value(item, "id")
            if found is not None and str(found.value).strip() == ident:
                return kind, item
    return None


@dataclass(frozen=True)
class _Replace:
    start: int
    end: int
    text: str


def _apply(text: str, replacements: Sequence[_Replace]) -> str:
    for r in sorted(replacements, key=lambda r: r.start, reverse=True):
        text = text[: r.start] + r.text + text[r.end :]
    return text


def _requote(node: Any, value: str) -> str:
    """``value`` written in the quoting style of the scalar ``node`` (plain, 'single' or "double")."""
    style = getattr(node, "style", None)
    if style in ("|", ">"):
        raise UsageError(
            f"line {node.start_mark.line + 1}: a date or time written as a block scalar cannot be edited; write it on one line"
        )
    if style == '"':
        return f'"{value}"'
    if style == "'":
        return f"'{value}'"
    return value


def _replace_scalar(lines: _Text, node: Any, value: str) -> _Replace:
    import yaml

    if not isinstance(node, yaml.ScalarNode):
        raise UsageError(f"line {node.start_mark.line + 1}: expected a single value to edit")
    return _Replace(lines.offset(node.start_mark), lines.offset(node.end_mark), _requote(node, value))


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
    root = _compose(source.text)
    found = _find(root, ident)
    if found is None:
        raise UsageError(f"no meeting, activity or milestone with id {ident!r} in {source.plan.id}")
    kind, item = found
    if times is not None and kind != "meeting":
        raise UsageError(f"--time is for meetings; {ident!r} is a {kind}, which has no hours")
    lines = _Text(source.text)
    edits: list[_Replace] = []
    edits.append(_replace_scalar(lines, _value(item, "date"), day.isoformat()))
    if kind in ("activity", "meeting"):  # one of several days keeps its length
        candidates: list[Activity | Meeting] = [*source.plan.activities, *source.plan.meetings]
        dated = next(a for a in candidates if a.id == ident)
        if dated.end_date is not None:
            end = dated.end_date + (day - dated.date)
            edits.append(_replace_scalar(lines, _value(item, "end_date"), end.isoformat()))
    if times is not None:
        for key, value in zip(("start_time", "end_time"), times, strict=True):
            node = _value(item, key)
            if node is None:  # hours to be confirmed: no line to change
                raise UsageError(f"meeting {ident!r} has no {key} line to change; add its hours in the editor")
            edits.append(_replace_scalar(lines, node, value.strftime("%H:%M")))
    if kind == "meeting":
        for other in _items(_value(root, "meetings")):
            within = _value(other, "within")
            if within is not None and str(within.value).strip() == ident:
                edits.append(_replace_scalar(lines, _value(other, "date"), day.isoformat()))
        for milestone in _items(_value(root, "procedure", "milestones")):
            at = _value(milestone, "meeting")
            if at is not None and str(at.value).strip() == ident:
                edits.append(_replace_scalar(lines, _value(milestone, "date"), day.isoformat()))
    return check_edit(source, _apply(source.text, edits), allow_warnings=allow_warnings)


# --- status -------------------------------------------------------------------------------

# The keys a status line goes after, in the schema's order (so `workplan fmt` leaves it there).
_BEFORE_STATUS = {
    "meeting": ("id", "number", "kind", "title", "heading", "date", "start_time", "end_time", "within"),
    "activity": ("id", "title", "date", "end_date", "organizers", "place"),
}


def scalar_text(value: str) -> str:
    """``value`` as a one-line YAML scalar that reads back as exactly ``value``, quoted as `workplan fmt` would."""
    from .fmt import scalar_yaml

    text = scalar_yaml(value)
    if "\n" in text or "\r" in text:  # never expected (fmt writes without wrapping); kept on one line regardless
        text = json.dumps(value, ensure_ascii=False)
    return text


def _last_scalar(node: Any) -> Any:
    """The last scalar written inside ``node`` (a collection's own end mark can lie past the comments after it)."""
    import yaml

    while True:
        if isinstance(node, yaml.MappingNode) and node.value:
            node = node.value[-1][1]
        elif isinstance(node, yaml.SequenceNode) and node.value:
            node = node.value[-1]
        else:
            return node


def _line_end_after(lines: _Text, node: Any) -> int:
    """Where a new line goes after the key/value pair whose value is ``node``: the start of the next line."""
    end = lines.offset(_last_scalar(node).end_mark)
    while end > 0 and lines.text[end - 1] in " \t\r\n":
        end -= 1
    return lines.next_line(end)


def _insert_lines(lines: _Text, at: int, new_lines: Sequence[str]) -> _Replace:
    body = "".join(line + lines.newline for line in new_lines)
    if at == len(lines.text) and lines.text and not lines.text.endswith(("\n", "\r")):
        body = lines.newline + body
    return _Replace(at, at, body)


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
    root = _compose(source.text)
    found = _find(root, ident)
    if found is None or found[0] == "milestone":
        what = "a milestone, which has no status" if found else "not in the plan"
        raise UsageError(f"{ident!r} is {what}; cancel or postpone a meeting or an activity")
    kind, item = found
    if item.flow_style:
        raise UsageError(f"{ident!r} is written on one line ({{...}}); run `workplan fmt` first, then try again")
    lines = _Text(source.text)
    edits: list[_Replace] = []
    existing = _get(item, "status")
    new_lines: list[str] = []
    indent = " " * item.value[0][0].start_mark.column
    if existing is not None:
        edits.append(_Replace(lines.offset(existing[1].start_mark), lines.offset(existing[1].end_mark), status))
        anchor = existing[1]
    else:
        new_lines.append(f"{indent}status: {status}")
        last = [v for k, v in item.value if k.value in _BEFORE_STATUS[kind]]
        anchor = last[-1]
    if note is not None:
        note = note.strip()
        if not note:
            raise UsageError("--note needs some text")
        old_note = _get(item, "status_note")
        if old_note is not None:
            start, end = lines.offset(old_note[1].start_mark), lines.offset(old_note[1].end_mark)
            edits.append(_Replace(start, end, scalar_text(note)))
        elif existing is not None:
            edits.append(
                _insert_lines(lines, _line_end_after(lines, existing[1]), [f"{indent}status_note: {scalar_text(note)}"])
            )
        else:
            new_lines.append(f"{indent}status_note: {scalar_text(note)}")
    if new_lines:
        edits.append(_insert_lines(lines, _line_end_after(lines, anchor), new_lines))
    return check_edit(source, _apply(source.text, edits), allow_warnings=allow_warnings)


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


def _insert_in_order(
    source: PlanText,
    root: Any,
    path: tuple[str, ...],
    keys: Sequence[tuple[Any, ...]],
    new_key: tuple[Any, ...],
    body: Sequence[str],
) -> str:
    """The text with a new list item (``body``: its lines, unindented, the first one its ``- `` line) inserted
    into the block list at ``path`` before the first item that sorts after ``new_key``; indented like the
    items already there."""
    import yaml

    lines = _Text(source.text)
    parent = root if len(path) == 1 else _value(root, *path[:-1])
    pair = _get(parent, path[-1])
    seq = pair[1] if pair is not None else None
    items = _items(seq)
    if items:
        first = items[0]
        key_column = first.start_mark.column
        line = source.text[lines.starts[first.start_mark.line] : lines.offset(first.start_mark)]
        dash_column = line.rfind("-")
        if dash_column < 0 or any(item.flow_style for item in items) or getattr(seq, "flow_style", False):
            raise UsageError(f"the list {'.'.join(path)} is written in flow style ([...]); run `workplan fmt` first")
    else:
        base = pair[0].start_mark.column if pair is not None else 0
        dash_column, key_column = base + 2, base + 4
    indented = [" " * dash_column + body[0]] + [" " * key_column + b for b in body[1:]]
    replacements: list[_Replace] = []
    later = [i for i, key in enumerate(keys) if key > new_key]
    if items and later:
        at = lines.starts[items[later[0]].start_mark.line]
        # Comment lines just above an item belong to it: the new item goes above them.
        while at > 0:
            previous = lines.line_start(at - 1)
            if not source.text[previous:at].strip().startswith("#"):
                break
            at = previous
        replacements.append(_insert_lines(lines, at, indented))
    elif items:
        replacements.append(_insert_lines(lines, _line_end_after(lines, items[-1]), indented))
    elif seq is not None and isinstance(seq, yaml.SequenceNode):
        # `meetings: []` (as `workplan init` writes it) becomes a block list.
        start, end = lines.offset(seq.start_mark), lines.offset(seq.end_mark)
        rest = source.text[end : lines.next_line(end)]
        if not rest.strip():
            while start > 0 and source.text[start - 1] == " ":
                start -= 1
        replacements.append(_Replace(start, end, ""))
        replacements.append(_insert_lines(lines, lines.next_line(end), indented))
    elif pair is not None:  # `activities:` left empty
        end = lines.offset(pair[1].end_mark) if pair[1] is not None else lines.offset(pair[0].end_mark)
        replacements.append(_insert_lines(lines, lines.next_line(end), indented))
    else:  # no such list yet: it goes after the meetings
        after = _value(root, "meetings")
        at = _line_end_after(lines, after) if after is not None else len(source.text)
        replacements.append(_insert_lines(lines, at, ["", f"{path[-1]}:", *indented]))
    return _apply(source.text, replacements)


def _time_style(root: Any) -> str:
    for meeting in _items(_value(root, "meetings")):
        node = _value(meeting, "start_time")
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
    if ident is None:
        ident = _free_id(plan, f"meeting-{number}" if number is not None else f"{kind}-{day.isoformat()}")
    root = _compose(source.text)
    quote = _time_style(root)
    body = [f"- id: {ident}"]
    if number is not None:
        body.append(f"number: {number}")
    body.append(f"kind: {kind}")
    if title:
        body.append(f"title: {scalar_text(title.strip())}")
    body += [
        f"date: {day.isoformat()}",
        f"start_time: {quote}{start:%H:%M}{quote}",
        f"end_time: {quote}{end:%H:%M}{quote}",
        "agenda: []",
    ]
    keys = [(m.date, m.start_time or dt.time(0)) for m in plan.meetings]
    text = _insert_in_order(source, root, ("meetings",), keys, (day, start), body)
    return check_edit(source, text, allow_warnings=allow_warnings)


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
    root = _compose(source.text)
    body = [f"- id: {ident}", f"title: {scalar_text(title.strip())}", f"date: {day.isoformat()}"]
    if end_day is not None:
        body.append(f"end_date: {end_day.isoformat()}")
    if organizers:
        body.append(f"organizers: [{', '.join(organizers)}]")
    if place:
        body.append(f"place: {scalar_text(place.strip())}")
    keys = [(a.date,) for a in plan.activities]
    text = _insert_in_order(source, root, ("activities",), keys, (day,), body)
    return check_edit(source, text, allow_warnings=allow_warnings)


# --- next term's plan ---------------------------------------------------------------------

# Sections copied as they are written (comments included): what stays from one term to the next.
CARRIED = (
    "committee",
    "timezone",
    "language",
    "times_local_at",
    "functions",
    "resolutions",
    "bodies",
    "working_groups",
    "areas",
    "reports",
    "reports_heading",
    "notes",
)


def _sections(source: PlanText) -> dict[str, str]:
    """The text of each top-level key of the source, from its line to the next key's line.

    Comment lines just before the next key belong to that key, so they are left out.
    """
    root = _compose(source.text)
    lines = _Text(source.text)
    starts = [(k.value, lines.starts[k.start_mark.line]) for k, _ in root.value]
    out: dict[str, str] = {}
    for n, (key, start) in enumerate(starts):
        end = starts[n + 1][1] if n + 1 < len(starts) else len(source.text)
        chunk = source.text[start:end].splitlines()
        while chunk and (not chunk[-1].strip() or chunk[-1].lstrip().startswith("#")):
            chunk.pop()
        out[key] = lines.newline.join(chunk)
    return out


def _shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def _retitle(text: str, old: tuple[int, int], new: tuple[int, int]) -> str:
    """``text`` with the old term's years (2022–2023, 2022-2023) written as the new one's."""
    return re.sub(rf"\b{old[0]}([-–]){old[1]}\b", lambda m: f"{new[0]}{m.group(1)}{new[1]}", text)


def draft_next_term(
    source: PlanText,
    start: dt.date,
    end: dt.date | None = None,
    general_assembly: dt.date | None = None,
) -> str:
    """The text of next term's plan, drafted from ``source``.

    Carried over as written: the committee, its functions, bodies, working
    groups, thematic areas, yearly reports and notes, and the resolutions
    (with a comment saying they must be replaced by the new session's).  Left
    empty, with a comment saying what to fill in: officers, mandates,
    meetings, other activities, pending events, milestones.  The term and the
    General Assembly are as given, else a year on from the source's, marked
    to confirm.
    """
    old = source.plan
    if not isinstance(old, CommitteePlan):
        raise UsageError(f"{source.name} is a program plan; `workplan init` drafts committee plans")
    years = start.year - old.term.start.year
    ga_old = old.introduction.general_assembly
    if general_assembly is None and ga_old.date is None:
        raise UsageError(f"{source.name} gives no date for the General Assembly; give --general-assembly DATE")
    ga_start = general_assembly or _shift_years(ga_old.date, years)  # type: ignore[arg-type]
    ga_end = ga_start + (ga_old.end_date - ga_old.date) if ga_old.end_date and ga_old.date else None
    term_end = end or ga_end or ga_start
    if term_end < start:
        raise UsageError(f"the term would end ({term_end}) before it starts ({start}); give --end")
    if ga_start < start:
        raise UsageError(f"the General Assembly ({ga_start}) would come before the term starts ({start})")
    old_end_year = old.term.end.year if old.term.end else old.term.start.year + 1
    old_years, new_years = (old.term.start.year, old_end_year), (start.year, term_end.year)
    match = re.search(rf"{old_years[0]}-{old_years[1]}", old.id)
    new_id = (
        old.id.replace(match.group(0), f"{new_years[0]}-{new_years[1]}")
        if match
        else f"{old.id}-{new_years[0]}-{new_years[1]}"
    )
    sections = _sections(source)
    confirm_end = "" if end else "  # TO CONFIRM: the last day of the General Assembly"
    confirm_ga = "" if general_assembly else "  # TO CONFIRM"
    first = source.text.splitlines()[0] if source.text else ""
    out: list[str] = []
    if first.startswith("# yaml-language-server:"):
        out += [first, "#"]
    out += [
        f"# Draft work plan of the {old.committee.acronym} for the {new_years[0]}–{new_years[1]} term, started from",
        f"# {old.id} by `workplan init`. Lines marked TO DO, TO DECIDE, TO CONFIRM or",
        "# TO REPLACE need the editor; `workplan validate` checks the file as it fills in.",
        "kind: committee-plan",
        "schema_version: 1",
        f"id: {new_id}",
        f"title: {scalar_text(_retitle(old.title, old_years, new_years))}",
        sections["committee"],
        "term:",
        f"  start: {start.isoformat()}",
        f"  end: {term_end.isoformat()}{confirm_end}",
        f"adopted: {start.isoformat()}  # TO CONFIRM: the day the committee adopts this plan",
        sections.get("timezone", f"timezone: {old.timezone}"),
        # The plan's language and the wording it gives its pages carry over as written.
        *(sections[key] for key in ("language", "times_local_at") if key in sections),
        "",
        "introduction:",
        f"  installed: {start.isoformat()}  # TO CONFIRM",
        f"  installed_by: {scalar_text(f'Permanent Council, at its regular meeting of {start:%B} {start.day}, {start.year}')}"
        "  # TO CONFIRM",
        "  general_assembly:",
        "    # TO DO: the session's name, e.g. Fifty-fourth regular session of the General Assembly.",
        "    name: Regular session of the General Assembly",
        f"    date: {ga_start.isoformat()}{confirm_ga}",
        *([f"    end_date: {ga_end.isoformat()}{confirm_ga}"] if ga_end else []),
        "  # TO DO: the numbers of meetings and events the introduction announces, and its text.",
        "  planned_meetings: 0",
        "  planned_events: 0",
        "  text: []",
        "",
        "# TO DECIDE: the chair and vice chairs, once elected (see last term's plan for the layout).",
        "officers: []",
        "",
        *([sections["functions"], ""] if "functions" in sections else []),
        "# TO DO: the mandates the Permanent Council assigns for this term, by source.",
        "mandates: []",
        "",
        "# TO REPLACE: these are last term's resolutions. Replace them with those of the new",
        "# General Assembly session, and update the paragraphs that the working groups and",
        "# reports below cite.",
        sections.get("resolutions", "resolutions: []"),
    ]
    for key in ("bodies", "working_groups", "areas"):
        if key in sections:
            out += ["", sections[key]]
    out += [
        "",
        "procedure:",
        "  # TO DO: the events to prepare this term (ids of meetings and pending events, in order),",
        "  # and the working procedure's text and negotiation steps.",
        "  events: []",
        "  # TO DECIDE: the draft resolution's milestones (procedure, first version, comments due,",
        "  # revised version, consideration), each with id, stage, title and date.",
        "  milestones: []",
    ]
    if old.procedure.length_limits:
        out.append("  length_limits:")
        for limit in old.procedure.length_limits:
            out += [f"    - maximum: {limit.maximum}", f"      of: {scalar_text(limit.of)}"]
    else:
        out.append("  length_limits: []")
    out += [
        "",
        "# TO DECIDE: the meetings of the term; add each with",
        "# `workplan add meeting --date YYYY-MM-DD --time HH:MM-HH:MM --number N`.",
        "meetings: []",
        "",
        "# TO DO: other OAS activities in the security area (`workplan add activity`).",
        "activities: []",
        "",
        "# TO DO: activities whose dates are still to be confirmed (id, title, paragraphs).",
        "pending: []",
    ]
    for key in ("reports", "reports_heading", "notes"):
        if key in sections:
            out += ["", sections[key]]
    newline = "\r\n" if "\r\n" in source.text else "\n"
    return newline.join(out) + newline


@dataclass
class Draft:
    """Next term's plan: its text and the diagnostics `validate` gives it (warnings are expected)."""

    text: str
    plan: Plan | None
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


def init_plan(
    source: PlanText,
    output: str,
    start: dt.date,
    end: dt.date | None = None,
    general_assembly: dt.date | None = None,
) -> Draft:
    """Draft next term's plan (`draft_next_term`) and validate it as the file ``output``."""
    from .validate import lint_loaded

    text = draft_next_term(source, start, end, general_assembly)
    loaded = parse_plan(text, output)
    return Draft(text, loaded.plan, sorted([*loaded.diagnostics, *lint_loaded(loaded)]))
