"""Where an edit's changes go in a plan's text, read from its node tree, and whether they may be made there.

PyYAML composes the text into nodes (`compose`; `Tree.region` composes a part
of it alone), whose marks say where each key and value is written.  From
those, the places to change: a one-line scalar's characters
(`replace_scalar`, in the quoting it had: `requote`), the line after a
key/value pair (`line_end_after`), an item's lines with the comments above it
(`item_start`), the items of a block list put in another order (`reorder`).

Text patching is only as safe as the shape of the text allows: a value that
is shared (an anchor, an alias, a merge key ``<<``) or written in a shape the
patcher cannot change in place is refused, with a message saying why and
what to do (`Tree.editable`, `replace_scalar`, `line_end_after`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .errors import EditRefused
from .textpatch import LINE_BREAK, Lines, Replace, apply

_MERGE_TAG = "tag:yaml.org,2002:merge"


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
