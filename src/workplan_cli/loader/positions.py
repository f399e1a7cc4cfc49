"""Lines and columns: where a path of keys and indexes lies in libyaml's node tree or ruamel.yaml's document."""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import Any, ClassVar, NamedTuple

import yaml

from . import events
from .scalars import _TAG, _yaml12_resolvers


def _start(node: Any) -> tuple[int, int]:
    mark = getattr(node, "start_mark", None)
    if mark is not None:
        return mark.line + 1, mark.column + 1
    lc = getattr(node, "lc", None)
    if lc is not None and lc.line is not None:
        return lc.line + 1, lc.col + 1
    return 1, 1


def _child_position(container: Any, step: Any, fallback: tuple[int, int], *, key: bool = False) -> tuple[int, int]:
    """1-based position of a mapping value (or key) or a list item; ``fallback`` if unrecorded."""
    try:
        lc: Any = container.lc
        found = (lc.key(step) if key else lc.value(step)) if isinstance(container, dict) else lc.item(step)
    except (KeyError, IndexError, TypeError, AttributeError):
        found = None
    if not found or found[0] is None:
        return fallback
    return found[0] + 1, found[1] + 1


def locate(document: Any, loc: tuple[int | str, ...], *, key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the node at ``loc`` in a round-trip document.

    With ``key=True`` and a mapping as the last container, the position of the
    key rather than of its value.  Where the path leaves the document (a
    missing key), the deepest node reached is used.
    """
    if isinstance(document, Marks):
        return document.locate(loc, key=key)
    node = document
    position = _start(document)
    for index, step in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, yaml.MappingNode):
            pair = _pairs(node).get(str(step))
            if pair is None:
                break
            # An empty value (`key:` and nothing) is placed at its key: the two
            # parsers put an empty value in different places.
            empty = isinstance(pair[1], yaml.ScalarNode) and pair[1].tag == _TAG + "null"
            position = _start(pair[0] if (key and last) or empty else pair[1])
            node = pair[1]
        elif isinstance(node, yaml.SequenceNode):
            if not (isinstance(step, int) and 0 <= step < len(node.value)):
                break
            node = node.value[step]
            position = _start(node)
        elif isinstance(node, dict) and step in node:
            position = _child_position(node, step, position, key=(key and last) or node[step] is None)
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            position = _child_position(node, step, position)
            node = node[step]
        else:
            break
    return position


_PAIRS: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()


def _pairs(node: Any) -> dict[str, Any]:
    """{key text: (key node, value node)} of a libyaml mapping node, built once per node.

    A plan with 20,000 unknown keys needs 20,000 lookups in one mapping:
    scanning its pairs for each would take minutes.
    """
    index = _PAIRS.get(node)
    if index is None:
        index = {}
        for pair in node.value:
            if isinstance(pair[0], yaml.ScalarNode):
                index.setdefault(pair[0].value, pair)
        _PAIRS[node] = index
    return index


def _key_of(document: Any, loc: tuple[int | str, ...]) -> tuple[int, int]:
    """Position of the key that introduces the node at ``loc`` (or of the list item)."""
    if not loc:
        return 1, 1
    return locate(document, loc, key=True)


def _fast_loader() -> Any:
    """PyYAML's C loader with the YAML 1.2 resolvers: composes the node tree that positions come from."""
    base = getattr(yaml, "CSafeLoader", None)
    if base is None:  # PyYAML without libyaml: the fast path would not be fast
        return None

    class FastLoader(base):  # type: ignore[misc, valid-type]
        yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}

    for tag, regexp, first in _yaml12_resolvers():
        FastLoader.add_implicit_resolver(_TAG + tag, regexp, first)
    return FastLoader


_FAST_LOADER: Any = None


def _compose(text: str) -> Any:
    """libyaml's node tree of ``text`` (positions without building values), or None."""
    global _FAST_LOADER
    if _FAST_LOADER is None:
        _FAST_LOADER = _fast_loader() or False
    if _FAST_LOADER is False:
        return None
    try:
        return yaml.compose(text, Loader=_FAST_LOADER)
    except (yaml.YAMLError, RecursionError):
        return None


# --- positions of a few paths, from libyaml's events ---------------------------------


class _Mark(NamedTuple):
    kind: str  # "map", "seq" or "scalar": what the node is
    key: tuple[int, int] | None  # its key's position, for a mapping value
    value: tuple[int, int]  # its own position
    empty: bool  # an empty (null) plain value, placed at its key as on libyaml's nodes


class Marks:
    """Where the nodes on some paths are, read from libyaml's events in one pass.

    Composing libyaml's node tree of a whole plan to place a few diagnostics
    takes about 30 times the file's size in memory; this keeps one entry per
    node on the paths asked for, and `locate` reads it exactly as it reads the
    node tree.  Paths are kept as text (a key's text, a list index in digits).
    """

    def __init__(self, entries: dict[tuple[str, ...], _Mark]) -> None:
        self.entries = entries

    def locate(self, loc: tuple[int | str, ...], *, key: bool = False) -> tuple[int, int]:
        root = self.entries.get(())
        if root is None:
            return 1, 1
        position, parent = root.value, root
        prefix: tuple[str, ...] = ()
        for index, step in enumerate(loc):
            if parent.kind == "seq" and (not isinstance(step, int) or step < 0):
                break
            if parent.kind == "scalar":
                break
            child = (*prefix, str(step))
            entry = self.entries.get(child)
            if entry is None:
                break
            last = index == len(loc) - 1
            if parent.kind == "map" and entry.key is not None and ((key and last) or entry.empty):
                position = entry.key
            else:
                position = entry.value
            prefix, parent = child, entry
        return position


_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


class _Open(events.Frame):
    """An open mapping or sequence (``path`` None when no path asked for goes through it), and in a
    mapping, where its pending key is (``key_at``, set as the key is read)."""

    __slots__ = ("key_at",)
    key_at: tuple[int, int]


def marks_for(text: str, locs: Iterable[tuple[int | str, ...]]) -> Marks | None:
    """The positions of the nodes on ``locs`` (and on their parents) in ``text``; None without libyaml."""
    parser = events.parser(text)
    if parser is None:
        return None
    needed: set[tuple[str, ...]] = {()}
    for loc in locs:
        steps = tuple(str(step) for step in loc)
        needed.update(steps[:end] for end in range(1, len(steps) + 1))
    entries: dict[tuple[str, ...], _Mark] = {}
    scalar = events.ScalarEvent
    mapping_start, sequence_start = events.MappingStartEvent, events.SequenceStartEvent
    mapping_end, sequence_end = events.MappingEndEvent, events.SequenceEndEvent
    stack: list[_Open] = []
    get = parser.get_event
    try:
        if events.open_document(get, yaml.YAMLError) is None:
            return Marks(entries)
        while True:
            event: Any = get()
            kind = type(event)
            if kind is mapping_end or kind is sequence_end:
                stack.pop()
                if not stack:
                    break  # the root
                continue
            # a node: a scalar, an alias, or a mapping or a sequence that opens
            collection = kind is mapping_start or kind is sequence_start
            key_at = None
            if not stack:
                path: tuple[str, ...] | None = ()
            else:
                frame = stack[-1]
                if frame.key_next:  # a key: its text names the value that follows
                    frame.key_next = False
                    frame.key = event.value if kind is scalar else None
                    frame.key_at = (event.start_mark.line + 1, event.start_mark.column + 1)
                    if collection:
                        stack.append(_Open(kind is mapping_start, None))
                    continue
                if frame.is_map:
                    frame.key_next = True
                    path = None if frame.path is None or frame.key is None else (*frame.path, frame.key)
                    key_at = frame.key_at
                else:
                    path = None if frame.path is None else (*frame.path, str(frame.index))
                    frame.index += 1
            if path is not None and (path not in needed or path in entries):
                path = None  # not asked for, or a later duplicate of a key (the first one counts)
            if path is not None:
                empty = kind is scalar and event.implicit[0] and event.value in _NULLS
                node_kind = "map" if kind is mapping_start else "seq" if collection else "scalar"
                mark = event.start_mark
                entries[path] = _Mark(node_kind, key_at, (mark.line + 1, mark.column + 1), bool(empty))
            if collection:
                stack.append(_Open(kind is mapping_start, path))
            elif not stack:
                break  # a root that is not a collection
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    return Marks(entries)
