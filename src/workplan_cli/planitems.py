"""Finding what an edit changes in a plan's text: its meetings, activities and milestones, as libyaml's nodes.

An edit needs the nodes of a few items only (the one named, those tied to
it, its neighbours in date order), with the lines and columns they have in
the file.  When the plan was read by the fast path, `read_plan` has kept where
each item of its lists starts (`loader.ListMarks`), and the plan has no
anchors, aliases or tags: each item is then composed alone, from the line of
its ``- `` to the next item's, and the plan is found by its model (ids, ties).
Any other plan (read by the round trip, a list in flow style, an item that is
not a block mapping on the line of its ``- ``) is composed whole, as PyYAML
reads it.  Both give the same nodes, the same ids and the same refusals:
`tests/unit/test_planitems.py` compares them on every bundled, fixture and
hostile plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from .errors import UsageError
from .nodetree import Tree, items, value
from .planfile import EDITABLE_LISTS, PlanText
from .text import did_you_mean
from .textpatch import Lines, line_start

ListPath = tuple[str, ...]
ItemPath = tuple[str | int, ...]

# What stands before an item's first key on its line in a block list: the indentation and the ``- ``.
_DASH = re.compile(r" *- +\Z")
# The key that holds another item's id, for each kind of item: what ties it to a meeting.
_TIES = {"meeting": "within", "milestone": "meeting"}


class PlanItems:
    """The meetings, activities and milestones of a plan's text, each as the node PyYAML composes for it.

    ``whole=True`` composes the whole text whatever the plan (as an edit of
    an empty list needs the nodes around it).
    """

    def __init__(self, source: PlanText, *, whole: bool = False) -> None:
        self.text = source.text
        self.plan = source.plan
        self._starts = None if whole else item_starts(source)
        self.tree = Tree(self.text, whole=self._starts is None)
        self.lines = self.tree.lines
        self._nodes: dict[ItemPath, Any] = {}

    # --- the items, one list at a time --------------------------------------------------------

    def count(self, path: ListPath) -> int:
        """How many items the list at ``path`` has (none if there is no such list)."""
        if self._starts is None:
            return len(items(value(self.tree.root, *path)))
        return len(self._starts[path][0])

    def node(self, path: ListPath, n: int) -> Any:
        """The node of item ``n`` of the list at ``path``."""
        if self._starts is None:
            return items(value(self.tree.root, *path))[n]
        if (*path, n) not in self._nodes:
            firsts, end = self._starts[path]
            start = self.lines.line_start(self.lines.offset(firsts[n]))
            if n + 1 < len(firsts):
                stop = self.lines.line_start(self.lines.offset(firsts[n + 1]))
            else:
                stop = list_end(self.text, self.lines.offset(end))
            self._nodes[(*path, n)] = self.tree.region(firsts[n].line, start, stop).value[0]
        return self._nodes[(*path, n)]

    def firsts(self, path: ListPath) -> list[int]:
        """Where the first key of each item of the list at ``path`` is in the text."""
        if self._starts is None:
            return [self.lines.offset(item.start_mark) for item in items(value(self.tree.root, *path))]
        return [self.lines.offset(mark) for mark in self._starts[path][0]]

    def last(self, path: ListPath) -> Callable[[], Any]:
        """What gives the node of the last item of the list at ``path``."""
        return lambda: self.node(path, self.count(path) - 1)

    def in_flow_style(self, path: ListPath, *, to_reorder: bool = False) -> bool:
        """True when the list at ``path``, or one of its items, is written in flow style (``[...]``, ``{...}``);
        ``to_reorder``: one of its items is, or all of them stand on one line."""
        if self._starts is not None:
            return False  # a list is read item by item only when it and its items are in block style
        seq = value(self.tree.root, *path)
        found = items(seq)
        if any(item.flow_style for item in found):
            return True
        if to_reorder:
            return bool(found[0].start_mark.line == found[-1].end_mark.line)
        return bool(getattr(seq, "flow_style", False))

    def shared(self, path: ListPath) -> bool:
        """True when the list at ``path`` is shared through an anchor or alias, or carries a tag."""
        if self._starts is not None:
            return False  # the fast path reads no anchor, alias or tag
        seq = value(self.tree.root, *path)
        return seq is not None and (self.tree.shared(seq) or self.tree.decorated(seq))

    def editable(self, node: Any, what: str, keys: Sequence[str] = ()) -> None:
        """`Tree.editable`: refuse to change ``node`` (and its ``keys``) where that would change something else."""
        self.tree.editable(node, what, keys)

    # --- the items by id ------------------------------------------------------------------------

    def walk(self) -> Iterator[tuple[str, ItemPath]]:
        """(kind, path) of every meeting, activity and milestone, in the order of the file's lists."""
        for kind, path in EDITABLE_LISTS:
            for n in range(self.count(path)):
                yield kind, (*path, n)

    def ident(self, path: ItemPath) -> str | None:
        """The id written in the item at ``path`` (spaces around it left out), None if it has none."""
        if self._starts is None:
            found = value(self.node(path[:-1], int(path[-1])), "id")  # type: ignore[arg-type]
            return str(found.value).strip() if found is not None else None
        return str(_model_item(self.plan, path).id)

    def find(self, ident: str) -> tuple[str, ItemPath, Any] | None:
        """The kind, path and node of the meeting, activity or milestone ``ident``."""
        for kind, path in self.walk():
            if self.ident(path) == ident:
                return kind, path, self.node(path[:-1], int(path[-1]))  # type: ignore[arg-type]
        return None

    def item(self, ident: str, kinds: Sequence[str], plan_id: str) -> tuple[str, ItemPath, Any]:
        """`find`, for an item of one of ``kinds``; `UsageError` if there is none."""
        found = self.find(ident)
        if found is None or found[0] not in kinds:
            if found is not None:
                raise UsageError(
                    f"{ident!r} is a {found[0]}, which has no status; cancel or postpone a meeting or an activity"
                )
            known = [i for _, path in self.walk() if (i := self.ident(path)) is not None]
            raise UsageError(f"no {_either(kinds)} with id {ident!r} in {plan_id}{did_you_mean(ident, known)}")
        return found

    def tied(self, ident: str) -> Iterator[tuple[ItemPath, Any]]:
        """The path and node of each meeting held within the meeting ``ident``, and of each milestone held at it."""
        for kind, path in self.walk():
            tie = _TIES.get(kind)
            if tie is None:
                continue
            if self._starts is not None:
                if getattr(_model_item(self.plan, path), tie) != ident:
                    continue
                node = self.node(path[:-1], int(path[-1]))  # type: ignore[arg-type]
            else:
                node = self.node(path[:-1], int(path[-1]))  # type: ignore[arg-type]
                written = value(node, tie)
                if written is None or str(written.value).strip() != ident:
                    continue
            yield path, node


def _either(kinds: Sequence[str]) -> str:
    """'meeting or activity', 'meeting, activity or milestone'."""
    return kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} or {kinds[-1]}"


def _model_list(plan: Any, path: Sequence[Any]) -> Sequence[Any]:
    for step in path:
        plan = getattr(plan, str(step), None)
    return plan if isinstance(plan, tuple) else ()


def _model_item(plan: Any, path: ItemPath) -> Any:
    return _model_list(plan, path[:-1])[int(path[-1])]


def item_starts(source: PlanText) -> dict[ListPath, tuple[list[Any], Any]] | None:
    """{path of each list an edit can change: (the start mark of each item, the mark of the list's end)}, if every
    such list of the plan is in block style and every item a block mapping that starts on the line of its ``- ``;
    else None (the plan is composed whole)."""
    if not source.marks:
        return None
    text = source.text
    lines = Lines(text)
    out: dict[ListPath, tuple[list[Any], Any]] = {}
    for _, path in EDITABLE_LISTS:
        listed = source.marks.get(path)
        modelled = _model_list(source.plan, path)
        if listed is None:
            if modelled:
                return None
            out[path] = ([], None)
            continue
        firsts = listed.items
        if listed.count != len(modelled) or len(firsts) != listed.count or (listed.flow and listed.count):
            return None
        if firsts and list_end(text, lines.offset(listed.end)) < 0:
            return None
        for mark in firsts:
            if mark is None:
                return None
            at = lines.offset(mark)
            if not _DASH.match(text, line_start(text, at), at):
                return None
        out[path] = (firsts, listed.end)
    return out


def list_end(text: str, at: int) -> int:
    """Where the lines after a block list start, from where it ends (the first token after it, which stands
    first on its line, or the text's end); -1 if it ends elsewhere."""
    start = line_start(text, at)
    if not text[start:at].strip(" "):
        return start
    return len(text) if at >= len(text) else -1
