"""The text `fmt` writes for a plan, from libyaml's events, without ruamel.yaml's round trip where that is certain.

ruamel.yaml's round trip (load, `_canonical`, dump: fmt.py) takes seconds a
thousand meetings and many times the file in memory.  `canonical_text`
writes the same text in one pass over libyaml's events (`loader.events`) and
the validated plan: each mapping of a record with its keys in the schema's
order (`keyorder`), each scalar as ruamel.yaml's emitter, set up as `fmt`'s
dumper, writes it (`scalarstyle`), two-space indentation, flow collections
on one line.  Comments and blank lines are copied as they are (`keptlines`):
a comment at the end of a line keeps its column, as ruamel.yaml keeps it;
when keys move, each entry takes along the lines ruamel.yaml attaches to it,
and what it does with the lines after a mapping's last value
(`_move_trailing_comment`) is done too.  Anything it has not been shown to
write exactly as the round trip does (literal or kept block scalars, nulls,
anchors, tags, comments inside brackets, comments whose place after a move
ruamel.yaml decides otherwise…) raises `NotCertain`: it answers None, and the
round trip decides.  `tests/unit/test_canonical.py` checks every answer
against the round trip on every fixture and on many variants of the bundled
and generated plans.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from .keptlines import MAX_LINE, NEXT_LINE, block_after_key, folded, trailer
from .keyorder import (
    BLOCK_VALUE,
    FLOW_VALUE,
    FOLDED_VALUE,
    NOTED_BLOCK_VALUE,
    ONE_LINE,
    Orders,
    flow_written,
    reorder,
)
from .loader import LoadResult, events
from .models import is_record
from .scalarstyle import (
    AS_IS,
    DATE_VALUE,
    DOUBLE,
    NOT_TEXT,
    PLAIN_IN_BLOCK,
    PLAIN_IN_FLOW,
    REFUSED_TEXT,
    TIME,
    NotCertain,
    Styles,
    scalar,
    shared_styles,
)

# What a field's value is, as `_canonical` tells: by its type.
_RECORD, _TUPLE, _TIME_FIELD, _DATE_FIELD, _STR_FIELD, _OTHER = range(6)
# What the source may hold between the last event and the next (`_write`): the rest of a value's
# line and the lines after it; whole lines (the file's head, after a folded text); what follows a
# block key, a block list's start, a block's end or a block mapping's start; flow punctuation.
_TRAIL, _LINES, _AFTER_KEY, _AFTER_DASH, _CLOSED, _NOTHING, _IN_FLOW = range(7)

# After a value, when there is nothing to keep: spaces at the end of its line, the line break,
# the next line's indentation and the dash of a list's next item.
_PLAIN_TRAILER = re.compile(r" *\n *(?:- +)?")
_COLON = re.compile(r" *: +")
_DASH = re.compile(r"- +")
_FIRST_ITEM = re.compile(r"-? +")  # a list's start holds its first dash when the list is not indented


def _field_kind(kind: type) -> int:
    if hasattr(kind, "__pydantic_fields__"):
        return _RECORD
    if issubclass(kind, tuple):
        return _TUPLE
    if issubclass(kind, dt.time):
        return _TIME_FIELD
    if issubclass(kind, dt.date):
        return _DATE_FIELD
    return _STR_FIELD if issubclass(kind, str) else _OTHER


class _Frame(events.Frame):
    """An open mapping or sequence: where it is written and what the plan says of its values.

    ``key`` is the key waiting for its value (a mapping's keys are texts written plain); ``index`` counts
    a sequence's items.
    """

    __slots__ = ("col", "first", "flow", "item", "items", "keys", "model", "name", "parts", "starts", "tails", "values")

    def __init__(self, is_map: bool, flow: bool, col: int, model: Any, name: Any, items: Any, item: bool) -> None:
        super().__init__(is_map)
        self.flow = flow
        self.col = col  # block mapping: column of its keys; block sequence: column of its dashes
        self.item = item  # a block mapping that is a block sequence's item: its first key follows the dash
        self.first = item  # ... and that first key is still to come
        self.model = model  # the record a mapping holds, if `_canonical` visits it
        self.name = name  # the key of a sequence, for `paragraphs`
        self.items = items  # the tuple a sequence holds, if `_canonical` visits it
        self.keys: list[str] = []
        self.parts: list[str] = []  # flow collections: their items, written
        if is_map and not flow:
            self.starts: list[int] = []  # where in the output each entry starts
            self.values: list[int] = []  # how each entry's value is written (ONE_LINE...)
            # comment and blank lines between an entry and the next (or the end): (the entry,
            # what was written before them, where they are in the output if right after its value)
            self.tails: list[tuple[int, int, int]] = []


def canonical_text(text: str, loaded: LoadResult) -> str | None:
    """The text `format_text` returns for ``text`` (LF line endings), or None when that is not certain.

    ``loaded`` is ``parse_plan(text)``: None for a plan with errors, and for
    anything the event pass has not been shown to write as the round trip does.
    """
    if loaded.plan is None or not text.endswith("\n") or REFUSED_TEXT.search(text):
        return None
    parser = events.parser(text)
    if parser is None:
        return None
    try:
        return _write(text, parser, loaded.plan)
    except (NotCertain, yaml.YAMLError, RecursionError, IndexError, ValueError):
        return None
    finally:
        parser.dispose()


def _write(text: str, parser: Any, plan: Any) -> str:
    """The text `fmt` writes for these events, comments and blank lines included; raises `NotCertain`.

    The output is a list of pieces.  Each entry of a block mapping is recorded
    where it starts in the list, so that a mapping whose keys are out of the
    schema's order is put in order when it ends (`reorder`); a mapping that is
    a list's item is then joined into one piece.  ``pos`` is how far the
    source has been read; what lies between one event and the next
    (indicators, spaces, line breaks, comments) must be what ``gap`` allows
    there, and its comment lines and blank lines are copied as they are.
    """
    styles = shared_styles()
    plain = (PLAIN_IN_BLOCK.match, PLAIN_IN_FLOW.match)  # texts written plain as they are, by context
    kinds: dict[type, int] = {}
    keys_seen: tuple[set[str], set[str]] = (set(), set())  # keys written plain, in block and in flow context
    orders: Orders = {}
    scalar_event, mapping_start, sequence_start = (
        events.ScalarEvent,
        events.MappingStartEvent,
        events.SequenceStartEvent,
    )
    mapping_end, sequence_end = events.MappingEndEvent, events.SequenceEndEvent
    plain_trailer, next_line, dash, colon = (
        _PLAIN_TRAILER.fullmatch,
        NEXT_LINE.fullmatch,
        _DASH.fullmatch,
        _COLON.fullmatch,
    )
    get = parser.get_event
    if events.open_document(get, NotCertain, directives=False, marker=False) is None:
        raise NotCertain  # no document
    out: list[str] = []
    stack: list[_Frame] = []
    parent: _Frame | None = None  # stack[-1]
    pos = 1 if text.startswith("\n") else 0  # ruamel.yaml drops a blank first line
    gap = _LINES  # the file's head: comment and blank lines before the first key
    last = ONE_LINE  # what the last value was written as (ONE_LINE, FLOW_VALUE, FOLDED_VALUE)
    lines_at = -1  # where in the source the last comment or blank lines end (at the next token)
    lines_after = ONE_LINE  # ... and what was written before them
    pending = None  # an event read ahead by `_flow_list`
    while True:
        if pending is None:
            event = get()
        else:
            event, pending = pending, None
        kind = type(event)
        begin = event.start_mark.index
        lines = -1  # where comment and blank lines copied before this event are in ``out``
        if gap == _AFTER_KEY:
            pass  # what may follow a key depends on its value, checked below
        elif gap == _TRAIL:  # the value's piece ends with its line break
            if not plain_trailer(text, pos, begin):
                lines = trailer(text, pos, begin, out, True)
                if lines >= 0:
                    lines_at, lines_after = begin, last
        elif gap == _IN_FLOW:
            if begin - pos > 1 and (text.find("#", pos, begin) >= 0 or text.count("\n", pos, begin) > 1):
                raise NotCertain  # ruamel.yaml writes the collection in block style, or keeps the line
        elif gap == _CLOSED:
            # where a block ends, the next token starts: a key, another end, or a list's next item
            if begin != pos and not (parent is not None and not parent.is_map and dash(text, pos, begin)):
                raise NotCertain
        elif gap == _NOTHING:
            if begin != pos:
                raise NotCertain
        elif gap == _AFTER_DASH:
            if not _FIRST_ITEM.fullmatch(text, pos, begin):
                raise NotCertain  # a dash alone on its line, or a comment after it
        elif not next_line(text, pos, begin):  # _LINES
            lines = trailer(text, pos, begin, out, False)
            if lines >= 0:
                lines_at, lines_after = begin, last
        after_key = pos
        pos = event.end_mark.index
        if kind is mapping_end or kind is sequence_end:
            frame = stack.pop()
            parent = stack[-1] if stack else None
            if not frame.is_map and frame.items is not None and frame.index != len(frame.items):
                raise NotCertain
            if frame.flow:
                if parent is None:
                    raise NotCertain
                gap = _inline(parent, out, flow_written(frame, orders))
                last = FLOW_VALUE
                continue
            if frame.is_map:
                if lines_at == begin:
                    frame.tails.append((len(frame.keys) - 1, lines_after, lines))
                if frame.model is not None and orders.get((type(frame.model), tuple(frame.keys)), 0) is not None:
                    reorder(frame, orders, out)
                if frame.item and len(out) - frame.starts[0] > 32:  # one piece: the list of pieces stays short
                    out[frame.starts[0] :] = ["".join(out[frame.starts[0] :])]
            gap = _CLOSED
            if not stack:
                break
            continue
        if kind is not scalar_event and kind is not mapping_start and kind is not sequence_start:
            raise NotCertain  # an alias, or the end of a document that is not a mapping
        if event.anchor is not None or event.tag is not None:
            raise NotCertain
        if parent is not None and parent.key_next:
            # a key: a text written plain
            if kind is not scalar_event or event.style != "":
                raise NotCertain
            key = event.value
            if key not in keys_seen[parent.flow]:
                if len(key) > 100 or styles.text(key, parent.flow, True) != key:
                    raise NotCertain
                keys_seen[parent.flow].add(key)
            parent.key = key
            parent.key_next = False
            parent.keys.append(key)
            if parent.flow:
                parent.parts.append(key + ": ")
                gap = _IN_FLOW
                continue
            if lines_at == begin and not parent.first:
                parent.tails.append((len(parent.keys) - 2, lines_after, lines))
            parent.starts.append(len(out))
            out.append(key + ":" if parent.first else " " * parent.col + key + ":")
            parent.first = False
            gap = _AFTER_KEY
            continue
        # a value: what `_canonical` makes of it
        action, model, items, name = AS_IS, None, None, None
        value: Any = None
        if parent is None:
            if kind is not mapping_start or event.flow_style:
                raise NotCertain
            model = plan
        elif parent.is_map:
            if parent.model is not None:
                name = parent.key
                value = getattr(parent.model, name, None)
                field = kinds.get(type(value))
                if field is None:
                    field = kinds[type(value)] = _field_kind(type(value))
                if field == _RECORD:
                    if kind is mapping_start:
                        model = value
                elif field == _TUPLE:
                    if kind is sequence_start:
                        items = value
                elif field == _TIME_FIELD:
                    action = TIME
                elif field == _DATE_FIELD:
                    action = DATE_VALUE
                elif field == _STR_FIELD and name == "label":
                    action = DOUBLE
            parent.key_next = True
        else:
            if parent.items is not None:
                if parent.index >= len(parent.items):
                    raise NotCertain
                value = parent.items[parent.index]
                if kind is mapping_start and is_record(value):
                    model = value
                elif parent.name == "paragraphs" and isinstance(value, str):
                    action = DOUBLE
            parent.index += 1
        if kind is scalar_event:
            assert parent is not None  # the root is a mapping
            if (
                gap == _AFTER_KEY
                and not (begin == after_key + 2 and text.startswith(": ", after_key))
                and not colon(text, after_key, begin)
            ):
                raise NotCertain  # a value on the line below its key, or a comment between them
            if event.style == ">":
                if action != AS_IS or parent.flow:
                    raise NotCertain
                pos = folded(text, event, parent.col, not parent.is_map, out)
                if gap == _AFTER_KEY:
                    parent.values.append(FOLDED_VALUE)
                gap, last = _LINES, FOLDED_VALUE
                continue
            if gap == _AFTER_KEY:
                parent.values.append(ONE_LINE)
            written = event.value
            if action != AS_IS or event.style != "" or not plain[parent.flow](written) or written in NOT_TEXT:
                written = scalar(written, event.style, action, value, parent.flow, styles)
            if gap == _AFTER_KEY and len(written) + parent.col <= MAX_LINE - 110:
                out.append(" " + written + "\n")  # what `_inline` does, in the commonest case
                gap = _TRAIL
            else:
                gap = _inline(parent, out, written)
            last = ONE_LINE
            continue
        # a mapping or a sequence
        flow = bool(event.flow_style)
        if action != AS_IS:
            raise NotCertain  # `_canonical` replaces it with a text
        is_map = kind is mapping_start
        item = False
        if parent is None or parent.flow:
            col = 0
        elif flow:
            if not is_map and not parent.is_map:
                raise NotCertain  # a flow list as a list's item
            if gap == _AFTER_KEY:
                if not colon(text, after_key, begin):
                    raise NotCertain
                parent.values.append(FLOW_VALUE)
                if not is_map:  # the commonest flow collection: a list of texts after a key
                    parts, pos, pending = _flow_list(get, text, pos, items, name == "paragraphs", styles)
                    if pending is None:
                        gap = _inline(parent, out, "[" + ", ".join(parts) + "]")
                        last = FLOW_VALUE
                        continue
                    parent = _Frame(False, True, 0, None, name, items, False)
                    parent.parts, parent.index = parts, len(parts)
                    stack.append(parent)
                    gap = _IN_FLOW
                    continue
            col = 0  # written on one line, by `_inline` when it ends
        elif parent.is_map:
            commented = block_after_key(text, after_key, begin, out)
            parent.values.append(NOTED_BLOCK_VALUE if commented else BLOCK_VALUE)
            col = parent.col + 2
        elif is_map:
            out.append(" " * parent.col + "- ")
            col = parent.col + 2
            item = True
        else:
            raise NotCertain  # a block sequence in a block sequence
        parent = _Frame(is_map, flow, col, model, name, items, item)
        stack.append(parent)
        gap = _IN_FLOW if flow else _NOTHING if is_map else _AFTER_DASH
    events.close_document(get, NotCertain, marker=False)
    return "".join(out)


def _flow_list(get: Any, text: str, pos: int, items: Any, quoted: bool, styles: Styles) -> tuple[list[str], int, Any]:
    """A flow list's items, written, as long as they are scalars: `_write`'s loop for them, in short.

    Returns them, where the source has been read to, and the first event that
    is neither a scalar nor the list's end (None at the end).  ``items`` is the
    plan's tuple, if `_canonical` visits it; with ``quoted`` (paragraphs) its
    texts are written in double quotes.
    """
    scalar_event, sequence_end, plain = events.ScalarEvent, events.SequenceEndEvent, PLAIN_IN_FLOW.match
    parts: list[str] = []
    while True:
        event = get()
        begin = event.start_mark.index
        if begin - pos > 1 and (text.find("#", pos, begin) >= 0 or text.count("\n", pos, begin) > 1):
            raise NotCertain  # ruamel.yaml writes the list in block style, or keeps the line
        kind = type(event)
        if kind is not scalar_event or event.anchor is not None or event.tag is not None:
            if kind is sequence_end:
                if items is not None and len(parts) != len(items):
                    raise NotCertain
                return parts, event.end_mark.index, None
            return parts, pos, event
        pos = event.end_mark.index
        action, value, written = AS_IS, None, event.value
        if items is not None:
            if len(parts) >= len(items):
                raise NotCertain
            value = items[len(parts)]
            if quoted and isinstance(value, str):
                action = DOUBLE
        if action != AS_IS or event.style != "" or not plain(written) or written in NOT_TEXT:
            if event.style == ">":
                raise NotCertain
            written = scalar(written, event.style, action, value, True, styles)
        parts.append(written)


def _inline(parent: _Frame, out: list[str], written: str) -> int:
    """A value written on one line (a scalar or a flow collection) in the collection that holds it;
    returns what may follow it (`_write`'s ``gap``)."""
    if parent.flow:
        if parent.is_map:
            parent.parts[-1] += written
        else:
            parent.parts.append(written)
        return _IN_FLOW
    if len(written) + parent.col > MAX_LINE - 110:
        raise NotCertain  # ruamel.yaml's emitter might break the line
    if parent.is_map:
        out.append(" " + written + "\n")
    else:
        out.append(" " * parent.col + "- " + written + "\n")
    return _TRAIL
