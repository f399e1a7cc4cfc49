"""Changing a plan's text exactly where an edit means, and proving that the result is that change and no other.

An edit works on the file's text, never on a re-dumped document: libyaml's
marks give the line and column of the scalar to change (or the line after
which to insert), and only those characters change.  Comments, quoting, key
order and blank lines stay byte for byte.

Text patching is only as safe as the shape of the text allows, so two guards
stand around it:

- before: a value that is shared (an anchor, an alias, a merge key ``<<``)
  or written in a shape the patcher cannot change in place is refused, with a
  message saying why and what to do (`Tree.editable`);
- after: the old and the new text are read as data, and the new data must
  equal the old with exactly the intended change (`Intent`) and everything
  else equal; otherwise the edit is refused and nothing is written.  `verify`
  reads both texts whole; `editcheck` reads only the items an edit changes
  where it can prove the rest reads alike.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import WorkplanError

LINE_BREAK = re.compile(r"\r\n|\r|\n")
_MERGE_TAG = "tag:yaml.org,2002:merge"


class EditRefused(WorkplanError):
    """An edit cannot be made safely in this text: nothing is written (exit 1)."""

    exit_code = 1


# --- the text and its lines -----------------------------------------------------------------


class Lines:
    """A text's lines around libyaml's marks: where a line starts, where the next one does, how they end.

    Lines may end in LF, CRLF or CR, mixed or not: a new line takes the ending
    of the line it is inserted after.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # libyaml reads past a byte-order mark that starts the text without counting it.
        self.skipped = 1 if text.startswith("\ufeff") else 0

    def offset(self, mark: Any) -> int:
        """The position in the text of a libyaml mark (its ``index`` counts characters, as Python does)."""
        return int(mark.index) + self.skipped

    def line_start(self, offset: int) -> int:
        """The start of the line holding ``offset``."""
        return line_start(self.text, offset)

    def next_line(self, offset: int) -> int:
        """The start of the line after the one holding ``offset`` (the text's end if there is none)."""
        found = LINE_BREAK.search(self.text, offset)
        return found.end() if found else len(self.text)

    def ending_before(self, at: int) -> str:
        """The line ending a line inserted at ``at`` (a line start) takes: that of the line above it."""
        if at >= 2 and self.text[at - 2 : at] == "\r\n":
            return "\r\n"
        if at >= 1 and self.text[at - 1] in "\r\n":
            return self.text[at - 1]
        found = LINE_BREAK.search(self.text)
        return found.group(0) if found else "\n"


def line_start(text: str, offset: int) -> int:
    """The start of the line of ``text`` holding ``offset`` (after LF, CRLF or CR)."""
    newline = text.rfind("\n", 0, offset)
    return max(newline, text.rfind("\r", newline + 1, offset)) + 1


@dataclass(frozen=True)
class Replace:
    """Characters ``start:end`` of the text become ``text``."""

    start: int
    end: int
    text: str


def in_order(replacements: Sequence[Replace]) -> list[Replace]:
    """``replacements`` in text order; `EditRefused` if two fall on the same characters."""
    ordered = sorted(replacements, key=lambda r: r.start)
    for before, after in itertools.pairwise(ordered):
        if after.start < before.end or (after.start == before.start and before.start != before.end):
            raise EditRefused("two changes of this edit fall on the same characters; nothing written")
    return ordered


def patched(text: str, replacements: Sequence[Replace], block: int = 1 << 20) -> Iterator[str]:
    """The text with ``replacements`` made, in pieces of at most about ``block`` characters (no piece is the
    whole text: a plan of many megabytes is written without a second copy of it in memory)."""
    at = 0
    for r in [*in_order(replacements), Replace(len(text), len(text), "")]:
        for start in range(at, r.start, block):
            yield text[start : min(start + block, r.start)]
        yield r.text
        at = r.end


def apply(text: str, replacements: Sequence[Replace]) -> str:
    return "".join(patched(text, replacements))


def insert_lines(lines: Lines, at: int, new_lines: Sequence[str]) -> Replace:
    """New lines at ``at`` (a line start, or the text's end), each ending as the line above them does."""
    newline = lines.ending_before(at)
    body = "".join(line + newline for line in new_lines)
    if at == len(lines.text) and lines.text and not lines.text.endswith(("\n", "\r")):
        body = newline + body
    return Replace(at, at, body)


# --- the node tree: where things are, and whether they may be changed -------------------------


def compose(text: str) -> Any:
    """PyYAML's node tree of ``text``; `EditRefused` where PyYAML cannot compose what the plan's reader reads
    (an anchor name used twice)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        what = "; ".join(p for p in (getattr(exc, "context", None), getattr(exc, "problem", None)) if p) or "?"
        mark = getattr(exc, "problem_mark", None)
        where_ = f"line {mark.line + 1}: " if mark is not None else ""
        raise EditRefused(
            f"{where_}the plan cannot be changed in place ({what}); nothing written (run `workplan fmt` on the "
            "file, or make this change by hand)"
        ) from None


def get(node: Any, key: str) -> tuple[Any, Any] | None:
    """The (key node, value node) pair of ``key`` written in the mapping ``node`` itself (merges not followed)."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.tag != _MERGE_TAG and k.value == key:
            return k, v
    return None


def value(node: Any, *keys: str) -> Any:
    for key in keys:
        pair = get(node, key)
        if pair is None:
            return None
        node = pair[1]
    return node


def items(node: Any) -> list[Any]:
    import yaml

    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def merged_keys(node: Any) -> set[str]:
    """The keys a mapping takes from its merge keys (``<<: *name`` or ``<<: [*a, *b]``), merges of merges included."""
    import yaml

    out: set[str] = set()
    if not isinstance(node, yaml.MappingNode):
        return out
    for k, v in node.value:
        if k.tag == _MERGE_TAG:
            for source in v.value if isinstance(v, yaml.SequenceNode) else [v]:
                if isinstance(source, yaml.MappingNode):
                    out |= {sk.value for sk, _ in source.value if sk.tag != _MERGE_TAG} | merged_keys(source)
    return out


class Tree:
    """A plan's node tree (aliases resolved to the very node they name), and how often each node is used.

    With ``whole=False`` nothing is composed at first: `region` composes
    parts of the text alone, for a plan known to hold no anchors or aliases.
    """

    def __init__(self, text: str, *, whole: bool = True) -> None:
        self.text = text
        self.lines = Lines(text)
        self.uses: dict[int, int] = {}
        self.root = compose(text) if whole else None
        if whole:
            self._count(self.root)

    def region(self, first_line: int, start: int, end: int) -> Any:
        """The node of ``text[start:end]`` composed alone, ``start`` being the start of line ``first_line``.

        The lines before it are given as empty lines, so that line and column
        numbers are the file's; each mark's ``index`` is moved to the file's too.
        """
        from yaml.error import Mark

        root = compose("\n" * first_line + self.text[start:end])
        shift = start - first_line - self.lines.skipped  # as libyaml counts in the whole text
        stack = [root]
        while stack:
            node = stack.pop()
            if node is None:
                continue
            node.start_mark, node.end_mark = (
                Mark("", mark.index + shift, mark.line, mark.column, None, None)  # type: ignore[arg-type]
                for mark in (node.start_mark, node.end_mark)
            )
            if isinstance(node.value, list):
                for child in node.value:
                    stack += child if isinstance(child, tuple) else [child]
        return root

    def _count(self, root: Any) -> None:
        import yaml

        stack = [root]
        while stack:
            node = stack.pop()
            if node is None:
                continue
            seen = self.uses.get(id(node), 0)
            self.uses[id(node)] = seen + 1
            if seen:  # an alias: its children were counted once already
                continue
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    stack += [k, v]
            elif isinstance(node, yaml.SequenceNode):
                stack += node.value

    def shared(self, node: Any) -> bool:
        """True when ``node`` stands in more than one place (an anchor with aliases, or the alias of one)."""
        return self.uses.get(id(node), 0) > 1

    def decorated(self, node: Any) -> bool:
        """True when the text of ``node`` starts with an anchor (&name) or a tag (!name)."""
        start = self.lines.offset(node.start_mark)
        return self.text[start : start + 1] in ("&", "!")

    def editable(self, item: Any, what: str, keys: Sequence[str] = ()) -> None:
        """Refuse (`EditRefused`) to change ``item`` (and its ``keys``) where that would change something else too.

        ``what`` names the item in messages ("'meeting-2'").  An item merged
        into others (``&name`` … ``<<: *name``) is shared; an item that
        merges others may have its own keys changed, not those it takes from
        the merge.
        """
        if self.shared(item) or self.decorated(item):
            raise EditRefused(
                f"{what} is shared through a YAML anchor (&name) or alias (*name): changing it would change "
                "every place that refers to it; write it out in full where it is used, then try again (nothing written)"
            )
        merged = merged_keys(item)
        for key in keys:
            pair = get(item, key)
            if pair is None:
                if key in merged:
                    raise EditRefused(
                        f"{what} takes values from a merge key (<<: *name), and its {key} is not written in it: an "
                        f"edit could not tell its own {key} from the one it shares; write {key} out in full in "
                        f"{what}, then try again (nothing written)"
                    )
                continue
            node = pair[1]
            if self.shared(node) or self.decorated(node):
                raise EditRefused(
                    f"{what}'s {key} is shared through a YAML anchor (&name) or alias (*name): changing it would "
                    f"change every place that refers to it; write the value of {key} out in full, then try again "
                    "(nothing written)"
                )


def replace_scalar(lines: Lines, node: Any, new: str, what: str) -> Replace:
    """The characters of the one-line scalar ``node`` replaced by ``new`` (already written as YAML)."""
    import yaml

    if not isinstance(node, yaml.ScalarNode):
        raise EditRefused(f"line {node.start_mark.line + 1}: {what} is not a single value; nothing written")
    if getattr(node, "style", None) in ("|", ">") or node.start_mark.line != node.end_mark.line:
        raise EditRefused(
            f"line {node.start_mark.line + 1}: {what} is written over several lines; "
            "write it on one line, then try again (nothing written)"
        )
    return Replace(lines.offset(node.start_mark), lines.offset(node.end_mark), new)


def requote(node: Any, text: str) -> str:
    """``text`` (a date, a time, a status: characters that need no escaping) in the quoting style of ``node``."""
    style = getattr(node, "style", None)
    if style == '"':
        return f'"{text}"'
    if style == "'":
        return f"'{text}'"
    return text


def last_scalar(node: Any) -> Any:
    """The last scalar written inside ``node`` (a collection's own end mark can lie past the comments after it)."""
    import yaml

    while True:
        if isinstance(node, yaml.MappingNode) and node.value:
            node = node.value[-1][1]
        elif isinstance(node, yaml.SequenceNode) and node.value:
            node = node.value[-1]
        else:
            return node


def line_end_after(lines: Lines, node: Any, key: Any = None) -> int:
    """Where a new line goes after the key/value pair whose value is ``node``: the start of the next line.

    A block scalar (``|`` or ``>``) ends where its last line of content ends:
    blank lines and comments after it are left below the new line.  With the
    pair's ``key`` node, a value written as an alias (``*name``: its node
    stands where the anchor is) ends where the alias does.
    """
    last = last_scalar(node)
    if key is not None and lines.offset(last.start_mark) < lines.offset(key.end_mark):
        alias = _ALIAS_AFTER_KEY.match(lines.text, lines.offset(key.end_mark))
        if alias is None or last is not node:
            raise EditRefused(
                f"line {key.start_mark.line + 1}: {key.value} is written with an alias inside it; "
                "write its value out in full, then try again (nothing written)"
            )
        return lines.next_line(alias.end())
    end = lines.offset(last.end_mark)
    while end > 0 and lines.text[end - 1] in " \t\r\n":
        end -= 1
    return lines.next_line(end)


# After a key: the colon, then (past spaces, line breaks and comments) an alias such as `*end`.
_ALIAS_AFTER_KEY = re.compile(r"[ \t]*:(?:[ \t\r\n]+|#[^\r\n]*)*\*[^ \t\r\n,\[\]{}]+")


def item_start(lines: Lines, at: int) -> int:
    """Where the lines of the list item whose first key is at ``at`` start: its ``- `` line, or the comment
    lines just above it (they go with it)."""
    at = lines.line_start(at)
    while at > 0:
        previous = lines.line_start(at - 1)
        if not lines.text[previous:at].strip().startswith("#"):
            break
        at = previous
    return at


def reorder(
    lines: Lines, firsts: Sequence[int], last: Any, order: Sequence[int], edits: Sequence[Replace]
) -> list[Replace]:
    """``edits``, with the items of a block list put in ``order`` (each item's lines, comments above it included).

    ``firsts`` are where the items' first keys are, ``last()`` gives the node
    of the list's last item (asked for only when it moves).  Only the lines
    from the first item that moves to the last one change: the edits that
    fall there are applied to the items' own lines before they move; blank
    lines between items stay where they are.
    """
    moved = [n for n, m in enumerate(order) if n != m]
    low, high = moved[0], moved[-1]
    starts = [item_start(lines, firsts[n]) for n in range(low, high + 1)]
    end = item_start(lines, firsts[high + 1]) if high + 1 < len(firsts) else line_end_after(lines, last())
    bounds = [*starts[1:], end]
    inside = [e for e in edits if starts[0] <= e.start and e.end <= end]
    outside = [e for e in edits if e not in inside]
    blocks, trailers = [], []
    placed = 0
    for start, stop in zip(starts, bounds, strict=True):
        mine = [Replace(e.start - start, e.end - start, e.text) for e in inside if start <= e.start and e.end <= stop]
        placed += len(mine)
        text = apply(lines.text[start:stop], mine)
        body = text.rstrip(" \t\r\n")
        newline = LINE_BREAK.search(text, len(body))
        cut = newline.end() if newline else len(text)
        blocks.append(text[:cut])
        trailers.append(text[cut:])
    if placed != len(inside):
        raise EditRefused("a change of this edit spans two items of a list; nothing written")
    # The last item of a file that ends without a line break: it ends with one where it moves, and the
    # item that becomes last ends without one, as the file did.
    unended = not blocks[-1].endswith(("\n", "\r"))
    if unended:
        blocks[-1] += lines.ending_before(starts[-1])
    region = "".join(blocks[order[n] - low] + trailer for n, trailer in enumerate(trailers, low))
    if unended:
        region = region.removesuffix("\r\n") if region.endswith("\r\n") else region[:-1]
    return [*outside, Replace(starts[0], end, region)]


# --- proving the result -------------------------------------------------------------------------

Path = tuple[str | int, ...]


@dataclass
class Intent:
    """What an edit means to change, as data: values set, and list items inserted.

    Values are given as the YAML text written for them, and read back with
    the same reader as the plan, so that the comparison is of like with like.
    """

    sets: list[tuple[Path, str]] = field(default_factory=list)
    inserts: list[tuple[Path, int, str]] = field(default_factory=list)
    orders: list[tuple[Path, list[int]]] = field(default_factory=list)

    def set(self, path: Path, text: str) -> None:
        self.sets.append((path, text))

    def insert(self, path: Path, index: int, lines: Sequence[str]) -> None:
        """A new item at ``index`` of the list at ``path``; ``lines`` are its YAML, the first one ``- …``."""
        self.inserts.append((path, index, "\n".join(lines) + "\n"))


class DataReader:
    """Reads texts as plain data, all alike: workplan's own YAML 1.2 reader, or PyYAML's where anchors or
    aliases are used (the first text read decides, and its data is kept: it is read once)."""

    def __init__(self, first: str) -> None:
        from .loader.fastpath import _FastPathProblem, fast_load
        from .loader.scalars import _FastPathRefused

        self._refused = (_FastPathRefused, _FastPathProblem)  # _FastPathProblem: a key written twice
        self._fast = True
        try:
            self.first = fast_load(first)
        except _FastPathRefused:
            self._fast = False
            self.first = self(first)

    def __call__(self, text: str) -> Any:
        import yaml

        if self._fast:
            from .loader.fastpath import fast_load

            try:
                return fast_load(text)
            except self._refused as exc:
                why = str(exc) or "a key written twice"
                raise EditRefused(f"the changed text could not be read back ({why}); nothing written") from None
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _unshared(data: Any) -> Any:
    """A copy of ``data`` in which no list or mapping stands in two places (aliases become copies)."""
    if isinstance(data, dict):
        return {k: _unshared(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_unshared(v) for v in data]
    return data


def _container(data: Any, path: Path) -> Any:
    for step in path:
        data = data[step]
    return data


def expected(old: Any, intent: Intent, read: Any) -> Any:
    """The old data with exactly the intended changes."""
    out = _unshared(old)
    for path, text in intent.sets:
        parent = _container(out, path[:-1])
        parent[path[-1]] = read(f"v: {text}\n")["v"]
    for path, index, text in intent.inserts:
        parent = _container(out, path[:-1])
        if parent.get(path[-1]) is None:
            parent[path[-1]] = []
        parent[path[-1]].insert(index, read(text)[0])
    for path, order in intent.orders:
        listed = _container(out, path)
        listed[:] = [listed[i] for i in order]
    return out


def first_difference(a: Any, b: Any, path: Path = ()) -> Path:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b or a[key] != b[key]:
                return first_difference(a.get(key), b.get(key), (*path, key))
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for n, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return first_difference(x, y, (*path, n))
    return path


def where(path: Path) -> str:
    return (
        "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if n else str(p)) for n, p in enumerate(path))
        or "the plan"
    )


def verify(old_text: str, new_text: str, intent: Intent) -> None:
    """Raise `EditRefused` unless ``new_text`` reads as ``old_text`` with exactly ``intent`` applied."""
    import yaml

    try:
        read = DataReader(old_text)
        old = read.first
        new = read(new_text)
        want = expected(old, intent, read)
    except yaml.YAMLError as exc:
        raise EditRefused(
            f"the changed text would not be valid YAML ({exc.__class__.__name__}); nothing written"
        ) from None
    if new != want:
        raise EditRefused(
            f"the change could not be made exactly: {where(first_difference(want, new))} would not read as intended; "
            "nothing written (run `workplan fmt` on the file, or make this change by hand)"
        )
