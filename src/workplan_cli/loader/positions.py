"""Lines and columns: where a path of keys and indexes lies in libyaml's node tree or ruamel.yaml's document."""

from __future__ import annotations

import weakref
from typing import Any, ClassVar

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
    import yaml

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
        import yaml

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
    import yaml

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
    import yaml

    if _FAST_LOADER is None:
        _FAST_LOADER = _fast_loader() or False
    if _FAST_LOADER is False:
        return None
    try:
        return yaml.compose(text, Loader=_FAST_LOADER)
    except (yaml.YAMLError, RecursionError):
        return None
