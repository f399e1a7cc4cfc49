"""The regions of a plan's text an edit changes, and their items read again, old and new.

The new text is the old one with some lines of one or more lists replaced
(`textpatch.apply`).  Where the plan was read by the fast path and each
list's changed lines are whole items of a block list, only those lines need
be read again, old and new (the *region*: the changed items and one unchanged
item on each side, from the ``- `` line of the first to the ``- `` line of
the item after the last, or to the list's end; `find_regions`).  The rest of
the text is the same characters, and libyaml reads it alike, because:

- the region starts where libyaml reads the line the same way in both texts
  (a ``- `` at the list's column in both, or, before the first item, blank
  lines and comments after the list's own key), so whatever comes before it
  ends the same way (a block scalar's trailing lines included);
- the region is cut into its items at the lines that start with a ``- `` at
  the list's column, which in the old text must be where the fast path found
  its items (no such line hides inside a value);
- an item whose lines (to the next ``- `` line) are the same characters in
  both texts is read alike, and is not read again: it starts as an item and
  is followed by an item's ``- `` or by the list's end in both (`Same`);
- every other item is read alone, old and new: every one of its lines is
  blank, a comment, indented deeper than the list's ``-``, or a ``- `` at its
  column (so nothing in it can end the list or the document, or reach into
  the text around it), and it reads as exactly one item, which fails for
  anything left open (a quote, a bracket); no anchor, alias or tag;
- the text after the region starts with the next item's ``- `` or with the
  line that ends the list, in both texts.

`read_region` gives a region's items, old and new, as data (or `Same`), or
None where a rule above is broken; `editcheck` then proves them and builds
the new plan from them, or reads both texts whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .intent import Intent
from .planfile import EDITABLE_LISTS, PlanText
from .planitems import ListPath, item_starts, list_end
from .textpatch import LINE_BREAK, Lines, Replace, apply

# --- the regions an edit changes ------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    """Items ``first:stop`` of the list at ``path`` (of ``count`` items, its ``-`` at ``column``), whose lines
    are ``start:end`` of the old text, each item's from its ``- `` line (at ``dashes``); ``edits`` fall in them."""

    path: ListPath
    first: int
    stop: int
    count: int
    column: int
    start: int
    end: int
    dashes: tuple[int, ...]
    edits: tuple[Replace, ...]


def find_regions(source: PlanText, edits: Sequence[Replace], intent: Intent) -> list[Region] | None:
    """The region of each list the edits change, or None when they cannot be proved region by region."""
    starts = item_starts(source)
    if starts is None or not edits:
        return None
    lines = Lines(source.text)
    regions = []
    left = list(edits)
    for _, path in EDITABLE_LISTS:
        firsts, end_mark = starts[path]
        if not firsts:
            continue
        lines_of = [lines.line_start(lines.offset(mark)) for mark in firsts]
        end = list_end(source.text, lines.offset(end_mark))
        head = _head(source.text, lines, lines_of[0], path)
        mine = [e for e in left if (head if head is not None else lines_of[0]) <= e.start and e.end <= end]
        if not mine:
            continue
        left = [e for e in left if e not in mine]
        low = min(_item_at(lines_of, e.start) for e in mine)
        high = max(_item_at(lines_of, e.end) for e in mine)
        first, stop = max(0, low - 1), min(len(firsts), high + 2)
        start = lines_of[first]
        if first == 0 and any(e.start < start for e in mine):
            if head is None:
                return None
            start = head
        dash = source.text[lines_of[0] : lines.offset(firsts[0])]
        column = len(dash) - len(dash.lstrip(" "))
        stop_at = lines_of[stop] if stop < len(firsts) else end
        dashes = tuple(lines_of[first:stop])
        regions.append(Region(path, first, stop, len(firsts), column, start, stop_at, dashes, tuple(mine)))
    if left or not _intent_within(intent, regions):
        return None
    return regions


def _item_at(lines_of: Sequence[int], at: int) -> int:
    """The item whose lines (from its ``- `` line to the next one's) hold the position ``at``."""
    import bisect

    return max(0, bisect.bisect_right(lines_of, at) - 1)


def _head(text: str, lines: Lines, first_line: int, path: ListPath) -> int | None:
    """Where the blank and comment lines above a list's first item start, if the line above them is the list's
    own key (``meetings:``), so that the first item can move, or an item go before it; else None."""
    at = first_line
    while at > 0:
        previous = lines.line_start(at - 1)
        line = text[previous:at].strip()
        if line and not line.startswith("#"):
            key = line.split("#", 1)[0].rstrip()
            return at if key == f"{path[-1]}:" else None
        at = previous
    return None


def _intent_within(intent: Intent, regions: Sequence[Region]) -> bool:
    """True when every value set, item inserted and item moved by ``intent`` is inside a region."""
    by_path = {region.path: region for region in regions}

    def inside(path: tuple[Any, ...], index: Any, last: bool = False) -> bool:
        region = by_path.get(tuple(path))
        return region is not None and isinstance(index, int) and region.first <= index < region.stop + last

    for path, _ in intent.sets:
        if not any(inside(path[: len(p)], path[len(p)]) for p in by_path if tuple(path[: len(p)]) == p):
            return False
    if not all(inside(path, index, last=True) for path, index, _ in intent.inserts):
        return False
    for path, order in intent.orders:
        moved = [n for n, m in enumerate(order) if n != m]
        if moved and not (inside(path, moved[0]) and inside(path, moved[-1])):
            return False
    return True


# --- reading them again, old and new ----------------------------------------------------------


@dataclass(frozen=True)
class Same:
    """An item whose lines are the same characters in the old and the new text: it reads alike, and stands
    for its data when `editcheck` proves the edit.  Items of the same characters are of one ``kind``;
    ``item`` is one of them in the old text (for its model)."""

    kind: int
    item: int = field(compare=False)


class _Kinds:
    """The kinds of characters of a region's items: two items are of one kind when their lines are the same
    characters (found by hash and length, then compared)."""

    def __init__(self, old: str) -> None:
        self.old = old
        self.seen: dict[tuple[int, int], list[tuple[int, int, int]]] = {}  # (hash, length) -> [(kind, a, b)]
        self.count = 0

    def of(self, text: str, a: int, b: int, *, new: bool = False) -> int | None:
        """The kind of ``text[a:b]``: that of an old item of the same characters; else a new kind for an old
        item, None for a new one."""
        unit = text[a:b]
        same = self.seen.setdefault((hash(unit), b - a), [])
        for kind, c, d in same:
            if unit == self.old[c:d]:
                return kind
        if new:
            return None
        self.count += 1
        same.append((self.count, a, b))
        return self.count


def read_region(source: PlanText, region: Region, intent: Intent) -> tuple[list[Any], list[Any]] | None:
    """The region's items, old and new: an item whose lines are the same characters in both texts stands as
    `Same` (it is not read: it reads alike), every other one is read alone as data; None when the region
    breaks a rule of the module's docstring."""
    text, column = source.text, region.column
    local = [Replace(e.start - region.start, e.end - region.start, e.text) for e in region.edits]
    new = apply(text[region.start : region.end], local)
    old_dashes = _dash_lines(text, column, region.start, region.end)
    new_dashes = _dash_lines(new, column, 0, len(new))
    if old_dashes != list(region.dashes) or not new_dashes:
        return None  # a line that looks like an item's `- ` is inside a value: the whole texts are read
    if old_dashes[0] == region.start and new_dashes[0] != 0:
        return None
    if not _blank_or_comments(new[: new_dashes[0]]):
        return None
    old_units = list(zip(old_dashes, [*old_dashes[1:], region.end], strict=True))
    new_units = list(zip(new_dashes, [*new_dashes[1:], len(new)], strict=True))
    targets = {p[len(region.path)] for p, _ in intent.sets if p[: len(region.path)] == region.path}
    kinds = _Kinds(text)
    old_items: list[Any] = []
    left: dict[int, list[int]] = {}  # kind -> its old items that no new item has matched yet
    for n, (a, b) in enumerate(old_units, region.first):
        kind = kinds.of(text, a, b)
        assert kind is not None
        old_items.append(Same(kind, n))
        if n not in targets:  # an item the edit changes is read, whatever its new lines
            left.setdefault(kind, []).append(n)
    new_items: list[Any] = []
    for a, b in new_units:
        kind = kinds.of(new, a, b, new=True)
        new_items.append(Same(kind, left[kind].pop()) if kind is not None and left.get(kind) else (a, b))
    unmatched = {n for items in left.values() for n in items} | targets
    for n, (a, b) in enumerate(old_units, region.first):
        if n in unmatched:
            old_items[n - region.first] = _read_unit(text[a:b], column)
    for n, item in enumerate(new_items):
        if isinstance(item, tuple):
            new_items[n] = _read_unit(new[item[0] : item[1]], column)
    if any(item is _UNREAD for item in [*old_items, *new_items]):
        return None
    return old_items, new_items


_UNREAD = object()


def _read_unit(text: str, column: int) -> Any:
    """The data of one item's lines read alone, or `_UNREAD` if they break a rule or are not one item."""
    from .loader import text_problem

    if not _lines_stay_inside(text, column) or text_problem(text) is not None:
        return _UNREAD
    items = _read_list(text)
    return items[0] if items is not None and len(items) == 1 else _UNREAD


def _dash_lines(text: str, column: int, start: int, end: int) -> list[int]:
    """Where the lines of ``text[start:end]`` that start with a ``- `` at ``column`` start."""
    if text.find("\r", start, end) < 0:  # lines end in LF only: one search (`^` knows no other ending)
        dash = re.compile(f"^ {{{column}}}-(?=[ \n]|\\Z)", re.MULTILINE)
        return [m.start() for m in dash.finditer(text, start, end)]  # `start` is a line's start
    found = []
    at = start
    for line_end in [*(m.end() for m in LINE_BREAK.finditer(text, start, end)), end]:
        if line_end > at and _starts_with_dash(text[at : min(at + column + 2, line_end)], column):
            found.append(at)
        at = line_end
    return found


def _blank_or_comments(text: str) -> bool:
    """True when every line of ``text`` is blank or a comment."""
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _starts_with_dash(text: str, column: int) -> bool:
    """True when ``text`` starts with a list item's ``- `` at ``column``."""
    return (
        text[:column] == " " * column
        and text[column : column + 1] == "-"
        and text[column + 1 : column + 2]
        in (
            " ",
            "\n",
            "\r",
            "",
        )
    )


def _lines_stay_inside(text: str, column: int) -> bool:
    """True when every line of ``text`` is blank, a comment, indented past ``column``, or a ``- `` at it."""
    for line in text.splitlines():
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        if not body or body.startswith("#") or indent > column:
            continue
        if indent == column and body[:1] == "-" and body[1:2] in ("", " "):
            continue
        return False
    return True


def _read_list(text: str) -> list[Any] | None:
    """The items of a region read alone as data, None if it does not read as a list by the fast path."""
    from .loader import fast_load
    from .loader.fastpath import _FastPathProblem
    from .loader.scalars import _FastPathRefused

    try:
        data = fast_load(text)
    except (_FastPathRefused, _FastPathProblem, RecursionError):  # the whole texts are read, and say why
        return None
    return data if isinstance(data, list) else None
