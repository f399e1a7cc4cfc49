"""libyaml's events as every loop over them reads them: the parser, the stream around the document, the event
classes, and where a loop stands (`Frame`).

The loops (`fastpath._build`, which also notes `ListMarks`; `positions.marks_for`; `syntax._event_problems`;
`canonical._write` and its `_flow_list`) each read one text's events once, without recursion and without
keeping them.  Each asks `parser` for the parser, tests events against the classes below
(``type(event) is ScalarEvent``) and keeps one `Frame`, or a subclass with slots of its own, per open mapping
or sequence; all but `syntax`, which reads every document of a text, read the stream's start with
`open_document` and its end with `close_document`.

This module imports PyYAML, and the loader imports it: PyYAML is imported with the loader.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

__all__ = [
    "AliasEvent",
    "DocumentEndEvent",
    "DocumentStartEvent",
    "Frame",
    "MappingEndEvent",
    "MappingStartEvent",
    "ScalarEvent",
    "SequenceEndEvent",
    "SequenceStartEvent",
    "StreamEndEvent",
    "StreamStartEvent",
    "close_document",
    "directive",
    "open_document",
    "parser",
]


def parser(text: str, *, fallback: bool = False) -> Any:
    """A parser of ``text``'s events: ``get_event()`` gives them one by one, ``dispose()`` frees it.

    libyaml's C parser; where PyYAML was built without libyaml, PyYAML's own
    parser if ``fallback``, else None.
    """
    if getattr(yaml, "__with_libyaml__", False):
        from yaml.cyaml import CParser  # type: ignore[attr-defined]  # re-exported from yaml._yaml

        return CParser(text)
    return yaml.SafeLoader(text) if fallback else None


def directive(event: Any) -> str | None:
    """``'%YAML'`` or ``'%TAG'`` if a document's start event carries that directive (the first of the two), else None."""
    if event.version:
        return "%YAML"
    return "%TAG" if event.tags else None


def open_document(
    get: Any, refused: type[Exception], *, directives: bool = True, marker: bool = True
) -> DocumentStartEvent | None:
    """Read the stream's start and its first document's start with ``get`` (a parser's ``get_event``).

    Returns the document's start, or None for a stream with no document.
    Raises ``refused(reason)`` if the stream does not start with a stream's
    start, or, as the caller asks, if the document carries a directive
    (``directives=False``) or starts with a ``---`` marker (``marker=False``).
    """
    if type(get()) is not StreamStartEvent:
        raise refused("no stream")
    event = get()
    if type(event) is StreamEndEvent:
        return None
    if not directives and directive(event) is not None:
        raise refused("a directive")
    if not marker and event.explicit:
        raise refused("a document marker")
    return event  # type: ignore[no-any-return]


def close_document(get: Any, refused: type[Exception], *, marker: bool = True) -> None:
    """Read the end of the document whose root has been read, and the stream's end, with ``get``.

    Raises ``refused(reason)`` if another document follows, or if the
    document ends with a ``...`` marker and ``marker=False``.
    """
    event = get()
    if type(event) is not DocumentEndEvent:
        raise refused("no document end")
    if not marker and event.explicit:
        raise refused("a document marker")
    if type(get()) is not StreamEndEvent:
        raise refused("several documents")


class Frame:
    """Where a loop stands in one open mapping or sequence.

    ``is_map``: a mapping (else a sequence).  In a mapping, ``key_next``: the
    next node is a key; ``key``: the key whose value comes next (what a loop
    keeps of it).  In a sequence, ``index``: the next item's.  ``path``: the
    keys and indexes from the root to the collection, where a loop keeps it
    (else None).  A loop that needs more per collection subclasses it with
    slots of its own.
    """

    __slots__ = ("index", "is_map", "key", "key_next", "path")

    def __init__(self, is_map: bool, path: tuple[Any, ...] | None = None) -> None:
        self.is_map = is_map
        self.key_next = is_map
        self.key: Any = None
        self.index = 0
        self.path = path
