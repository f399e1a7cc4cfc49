"""Amending a plan file without re-writing it: move, add, cancel and postpone.

Every edit changes the file's text only where it means to (`textpatch`, at
the places the node tree gives: `nodetree`): comments, quoting, key order
and blank lines stay byte for byte, so a pull request's diff is the change
and nothing else.  An edit lands on the item
the user named, or nowhere: a value shared through an anchor, alias or merge
key, or written in a shape the text cannot be changed in safely, is refused;
and the new text must read as the old plan with exactly the intended change.

The items an edit changes are found by `planitems.PlanItems` (each composed
alone when the fast path has marked where it is), and the result is proved
by `editcheck.check_edit`.  Each function returns an `Edit` (the old text
and the replacements that make the new one, what the change means in
`workplan diff`'s words, and the problems the new text would have); the
caller decides whether to write it, with `planfile.write_edit`, which writes
only if the file on disk is still the one read.  An edit that would add a
problem is refused: see `Edit.refused`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import Any

from .editcheck import Edit, check_edit
from .errors import EditRefused, UsageError
from .intent import Intent
from .models import CommitteePlan, is_id
from .models.scalars import _to_approximate_date, hh_mm, precision
from .nodetree import get, item_start, line_end_after, replace_scalar, requote, value
from .planfile import PlanText
from .planitems import PlanItems
from .text import visible
from .textpatch import Replace, insert_lines
from .vocabulary import STATUSES

# --- finding the item ---------------------------------------------------------------------


def _item(source: PlanText, ident: str, kinds: Sequence[str]) -> tuple[PlanItems, str, tuple[str | int, ...], Any]:
    """The items of the source and the item ``ident`` of one of ``kinds``; `UsageError` if there is none."""
    found = PlanItems(source)
    return found, *found.item(ident, kinds, source.plan.id)


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
    found, kind, path, item = _item(source, ident, ("meeting", "activity", "milestone"))
    if times is not None and kind != "meeting":
        raise UsageError(f"--time is for meetings; {ident!r} is a {kind}, which has no hours")
    if kind == "meeting" and precision(day) != "day":
        raise UsageError(
            f"{ident!r} is a meeting: give its day, YYYY-MM-DD (only activities and milestones "
            f"may be dated by month or year)"
        )
    intent = Intent()
    edits: list[Replace] = []

    def change(node: Any, at: tuple[str | int, ...], key: str, text: str, what: str) -> None:
        scalar = value(node, key)
        if scalar is None:
            raise EditRefused(f"{what} has no {key} written in it to change (nothing written)")
        written = requote(scalar, text)
        edits.append(replace_scalar(found.lines, scalar, written, f"{what}'s {key}"))
        intent.set((*at, key), written)

    what = repr(ident)
    keys = ["date", "end_date", *(("start_time", "end_time") if times else ())]
    found.editable(item, what, keys)
    change(item, path, "date", _date_text(day), what)
    if kind in ("activity", "meeting"):
        old_day, old_end = _dates_of(source.plan, kind, ident)
        if old_end is not None:
            if precision(day) != "day" or {precision(old_day), precision(old_end)} != {"day"}:
                raise UsageError(
                    f"{ident!r} has an end_date, and its dates are not both days: it cannot keep its length; "
                    "edit its date and end_date by hand"
                )
            end = _shift(old_end, day - old_day, f"{ident!r}'s last day")
            change(item, path, "end_date", _date_text(end), what)
    if times is not None:
        if value(item, "start_time") is None and value(item, "end_time") is None:
            edits.append(_new_hours(source, found, item, path, times, intent, what))
        else:
            for key, at in zip(("start_time", "end_time"), times, strict=True):
                change(item, path, key, hh_mm(at), what)
    if kind == "meeting":
        for other_path, other in found.tied(ident):
            how = "within" if other_path[0] == "meetings" else "at"
            other_what = f"{_ident_of(other)!r} (held {how} {ident!r})"
            found.editable(other, other_what, ["date"])
            change(other, other_path, "date", _date_text(day), other_what)
    edits = _in_date_order(source, found, intent, edits)
    return check_edit(source, edits, intent, allow_warnings=allow_warnings)


def _new_hours(
    source: PlanText,
    found: PlanItems,
    item: Any,
    path: tuple[str | int, ...],
    times: tuple[dt.time, dt.time],
    intent: Intent,
    what: str,
) -> Replace:
    """The lines that give hours to a meeting whose hours were to be confirmed, after its date lines."""
    if item.flow_style:
        raise EditRefused(f"{what} is written on one line ({{...}}); run `workplan fmt` first, then try again")
    quote = _time_style(source)
    indent = " " * item.value[0][0].start_mark.column
    new_lines = []
    for key, at in zip(("start_time", "end_time"), times, strict=True):
        written = f"{quote}{hh_mm(at)}{quote}"
        intent.set((*path, key), written)
        new_lines.append(f"{indent}{key}: {written}")
    after = [(k, v) for k, v in item.value if k.value in ("date", "end_date")][-1]
    return insert_lines(found.lines, line_end_after(found.lines, after[1], after[0]), new_lines)


def _in_date_order(source: PlanText, found: PlanItems, intent: Intent, edits: list[Replace]) -> list[Replace]:
    """``edits``, with each re-dated meeting or activity moved to its place in date (and time) order.

    The other items keep their order; a re-dated item goes after those of the
    same day and time.  Its lines move whole, comments above it included.
    """
    from .nodetree import reorder

    plan = source.plan
    assert isinstance(plan, CommitteePlan)
    for kind, listed in (("meetings", plan.meetings), ("activities", plan.activities)):
        redated: dict[int, tuple[dt.date, dt.time]] = {}
        for path, text in intent.sets:
            if path[0] == kind and path[2] in ("date", "start_time"):
                n = int(path[1])
                day, hour = redated.get(n, _order_key(listed[n]))
                if path[2] == "date":
                    day = _to_approximate_date(text.strip("'\""))
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
            if found.in_flow_style((kind,), to_reorder=True):
                raise EditRefused("the list is written in flow style ([...]): run `workplan fmt` first, then try again")
            edits = reorder(found.lines, found.firsts((kind,)), found.last((kind,)), order, edits)
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
    found, kind, path, item = _item(source, ident, ("meeting", "activity"))
    what = repr(ident)
    found.editable(item, what, ("status", "status_note"))
    if item.flow_style:
        raise EditRefused(f"{what} is written on one line ({{...}}); run `workplan fmt` first, then try again")
    lines = found.lines
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
        note = _checked_text(note, "--note")
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
    edit = check_edit(source, edits, intent, allow_warnings=allow_warnings)
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


def _free_id(source: PlanText, wanted: str) -> str:
    """``wanted``, else ``wanted-2``, ``wanted-3``…: the first id nothing in the plan has.

    An id written nowhere in a text without escapes (``\\``) is nobody's, which
    spares building the plan's index; any other is looked up in it.
    """
    from .index import index_of

    taken: set[str] | None = None

    def free(ident: str) -> bool:
        nonlocal taken
        if "\\" not in source.text and ident not in source.text:
            return True
        taken = taken if taken is not None else set(index_of(source.plan).ids)
        return ident not in taken

    n, ident = 2, wanted
    while not free(ident):
        ident, n = f"{wanted}-{n}", n + 1
    return ident


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


def _checked_text(text: str, option: str) -> str:
    """A text given on the command line, stripped: some text, all of it UTF-8.

    A byte that is not UTF-8 (a terminal or a script in another encoding)
    reaches Python as a lone surrogate, which no YAML file can hold.
    """
    text = text.strip()
    if not text:
        raise UsageError(f"{option} needs some text")
    if any("\ud800" <= character <= "\udfff" for character in text):
        raise UsageError(f"{option} '{visible(text)}' is not UTF-8 text: give it in UTF-8")
    return text


def _checked_id(text: str, option: str) -> str:
    """An id given on the command line, checked as one: lowercase letters, digits, dots and hyphens."""
    if not is_id(text) or len(text) > 200:
        raise UsageError(
            f"{option} {text!r} is not an id: use lowercase letters, digits, '.' and '-', starting with a letter or digit"
        )
    return text


def _insert_in_order(
    source: PlanText,
    path: tuple[str, ...],
    keys: Sequence[tuple[Any, ...]],
    new_key: tuple[Any, ...],
    body: Sequence[str],
    intent: Intent,
) -> list[Replace]:
    """The edit that inserts a new list item (``body``: its lines, unindented, the first one its ``- `` line) inserted
    into the block list at ``path`` before the first item that sorts after ``new_key``; indented like the
    items already there."""
    found = PlanItems(source)
    if found.count(path) == 0:
        return _insert_first(source, PlanItems(source, whole=True), path, body, intent)
    lines = found.lines
    if found.shared(path):
        raise EditRefused(f"the list {'.'.join(path)} is shared through a YAML anchor or alias; nothing written")
    first = found.node(path, 0)
    key_column = first.start_mark.column
    line = source.text[lines.line_start(lines.offset(first.start_mark)) : lines.offset(first.start_mark)]
    dash_column = line.rfind("-")
    if dash_column < 0 or found.in_flow_style(path):
        raise EditRefused(f"the list {'.'.join(path)} is written in flow style ([...]); run `workplan fmt` first")
    indented = [" " * dash_column + body[0]] + [" " * key_column + b for b in body[1:]]
    later = [i for i, key in enumerate(keys) if key > new_key]
    intent.insert(path, later[0] if later else len(keys), [body[0], *("  " + b for b in body[1:])])
    # Comment lines just above an item belong to it: the new item goes above them.
    at = item_start(lines, found.firsts(path)[later[0]]) if later else line_end_after(lines, found.last(path)())
    return [insert_lines(lines, at, indented)]


def _insert_first(
    source: PlanText, found: PlanItems, path: tuple[str, ...], body: Sequence[str], intent: Intent
) -> list[Replace]:
    """`_insert_in_order` into a list with no items yet: ``[]``, left empty, or not written at all."""
    import yaml

    lines = found.lines
    root = found.tree.root
    parent = root if len(path) == 1 else value(root, *path[:-1])
    pair = get(parent, path[-1])
    seq = pair[1] if pair is not None else None
    if pair is not None and found.shared(path):
        raise EditRefused(f"the list {'.'.join(path)} is shared through a YAML anchor or alias; nothing written")
    base = pair[0].start_mark.column if pair is not None else 0
    indented = [" " * (base + 2) + body[0]] + [" " * (base + 4) + b for b in body[1:]]
    intent.insert(path, 0, [body[0], *("  " + b for b in body[1:])])
    replacements: list[Replace] = []
    if seq is not None and isinstance(seq, yaml.SequenceNode):
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
    return replacements


def _time_style(source: PlanText) -> str:
    found = PlanItems(source)
    for n in range(found.count(("meetings",))):
        node = value(found.node(("meetings",), n), "start_time")
        if node is not None:
            return str(getattr(node, "style", None) or "")
    return '"'


def add_meeting(
    source: PlanText,
    *,
    day: dt.date,
    start: dt.time | None = None,
    end: dt.time | None = None,
    number: int | None = None,
    title: str | None = None,
    kind: str = "regular",
    ident: str | None = None,
    allow_warnings: bool = False,
) -> Edit:
    """Insert a new meeting in date and time order, indented like the others, with an empty agenda.

    Without ``start`` and ``end`` its hours are to be confirmed: it has no time lines.

    Its id is ``meeting-N`` for a numbered meeting, else ``KIND-DATE``, with
    ``-2``, ``-3``… added if that is taken (or ``ident`` if given).
    """
    plan = source.plan
    if not isinstance(plan, CommitteePlan):
        raise UsageError(f"{source.name} is a program plan: it has no meetings")
    kind = _checked_id(kind, "--kind")
    if ident is None:
        ident = _free_id(source, f"meeting-{number}" if number is not None else f"{kind}-{_date_text(day)}")
    ident = _checked_id(ident, "--id")
    quote = _time_style(source)
    body = [f"- id: {scalar_text(ident)}"]
    if number is not None:
        body.append(f"number: {int(number)}")
    body.append(f"kind: {scalar_text(kind)}")
    if title and title.strip():
        body.append(f"title: {scalar_text(_checked_text(title, '--title'))}")
    if (start is None) != (end is None):
        raise UsageError("give both hours of the meeting, or neither while they are to be confirmed")
    if precision(day) != "day":
        raise UsageError("a meeting is dated by its day: give --date as YYYY-MM-DD")
    body.append(f"date: {_date_text(day)}")
    if start is not None and end is not None:
        body += [f"start_time: {quote}{hh_mm(start)}{quote}", f"end_time: {quote}{hh_mm(end)}{quote}"]
    body.append("agenda: []")
    keys = [(m.date, m.start_time or dt.time(0)) for m in plan.meetings]
    intent = Intent()
    edits = _insert_in_order(source, ("meetings",), keys, (day, start or dt.time(0)), body, intent)
    return check_edit(source, edits, intent, allow_warnings=allow_warnings)


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
    title = _checked_text(title, "--title")
    if ident is None:
        ident = _free_id(source, slug(title))
    ident = _checked_id(ident, "--id")
    body = [f"- id: {scalar_text(ident)}", f"title: {scalar_text(title)}", f"date: {_date_text(day)}"]
    if end_day is not None:
        body.append(f"end_date: {_date_text(end_day)}")
    if organizers:
        checked = [scalar_text(_checked_id(o, "--organizer")) for o in organizers]
        body.append(f"organizers: [{', '.join(checked)}]")
    if place and place.strip():
        body.append(f"place: {scalar_text(_checked_text(place, '--place'))}")
    keys = [(a.date,) for a in plan.activities]
    intent = Intent()
    edits = _insert_in_order(source, ("activities",), keys, (day,), body, intent)
    return check_edit(source, edits, intent, allow_warnings=allow_warnings)
