"""The text `fmt` writes for a plan, from libyaml's events, without ruamel.yaml's round trip where that is certain.

ruamel.yaml's round trip (load, `_canonical`, dump: fmt.py) takes seconds a
thousand meetings and many times the file in memory.  `canonical_text`
writes the same text in one pass over libyaml's events and the validated
plan: each mapping of a record with its keys in the schema's order, each
scalar as ruamel.yaml's emitter, set up as `fmt`'s dumper, writes it (times
and paragraph labels in double quotes, dates as ISO dates, other texts plain
or quoted by the emitter's own rules), two-space indentation, flow
collections on one line.  Comments and blank lines are copied as they are:
a comment at the end of a line keeps its column, as ruamel.yaml keeps it;
when keys move, each entry takes along the lines ruamel.yaml attaches to it,
and what it does with the lines after a mapping's last value
(`_move_trailing_comment`) is done too.  Anything it has not been shown to
write exactly as the round trip does (literal or kept block scalars, nulls,
anchors, tags, comments inside brackets, comments whose place after a move
ruamel.yaml decides otherwise…) makes it answer None, and the round trip
decides.  `tests/unit/test_canonical.py` checks every answer against the round trip on
every fixture and on many variants of the bundled and generated plans.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from .loader import LoadResult
from .models import fields_of, is_record, precision

# What a plan file, or a value read from an escape, must not hold for the event pass: CR,
# tab, BOM, the characters `fmt` escapes (`_NEEDS_ESCAPE` and more).  Anchors, aliases,
# tags, directives and document markers are caught on the events.
_REFUSED_TEXT = re.compile("[\r\t\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
# A line longer than this could be broken by ruamel.yaml's emitter (width 4096).
_MAX_LINE = 2000
_MAX_SCALAR = 1000
_DATE = re.compile(r"\d\d\d\d-\d\d-\d\d\Z")
_INT = re.compile(r"(?:0|[1-9][0-9]{0,17})\Z")
# Text written between double quotes exactly as it is (no escape, no break).
_PLAIN_DOUBLE = re.compile("[ !#-\\[\\]-~\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffc]*\\Z")

_STR = "tag:yaml.org,2002:str"
# What `_scalar` takes plain numbers (`_INT`) and ``true``/``false`` for without asking the resolver.
_INT_TAG = "tag:yaml.org,2002:int"
_BOOL_TAG = "tag:yaml.org,2002:bool"
# Texts that ruamel.yaml's emitter writes plain, in block and in flow context: a
# letter first (no indicator, no number, date or float), none of ``: # , [ ] { } ?``
# after it, no space at either end, no line break, no special character.  Of the
# implicit resolvers of YAML 1.2, only booleans and nulls start with a letter.
# `tests/test_fmt.py` checks these against `_Styles._choose`.
_PLAIN_IN_BLOCK = re.compile(
    "[A-Za-z](?:[A-Za-z0-9 .,;()/'&+=_%\u2019\u2013\u00c0-\u017f-]*[A-Za-z0-9.)\u2019\u00c0-\u017f])?\\Z"
)
_PLAIN_IN_FLOW = re.compile(
    "[A-Za-z](?:[A-Za-z0-9 .;()/'&+=_%\u2019\u2013\u00c0-\u017f-]*[A-Za-z0-9.)\u2019\u00c0-\u017f])?\\Z"
)
_NOT_TEXT = frozenset(["true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL"])


class _NotCertain(Exception):
    pass


class _Styles:
    """How ruamel.yaml's emitter, set up as `fmt`'s dumper, writes a text; cached per text and context."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, bool, bool], str] = {}
        self._emitter: Any = None
        self._resolver: Any = None
        self._node: Any = None

    def _load(self) -> None:
        """ruamel.yaml's emitter and resolver, set up as `fmt`'s dumper: imported only when a text needs them."""
        from ruamel.yaml.nodes import ScalarNode

        from .fmt import _dumper

        dumper = _dumper()
        self._emitter, self._resolver, self._node = dumper.emitter, dumper.resolver, ScalarNode

    def resolve(self, value: str) -> str:
        """The tag ruamel.yaml's resolver gives ``value`` written plain."""
        if self._resolver is None:
            self._load()
        return str(self._resolver.resolve(self._node, value, (True, False)))

    def text(self, value: str, flow: bool, key: bool) -> str:
        """``value`` as the emitter writes a ``str`` (no style of its own) in this context."""
        found = self.cache.get((value, flow, key))
        if found is None:
            if (_PLAIN_IN_FLOW if flow else _PLAIN_IN_BLOCK).match(value) and value not in _NOT_TEXT:
                found = value  # what `_choose` finds, without its loop over each character
            elif flow and not key and _PLAIN_IN_BLOCK.match(value) and value not in _NOT_TEXT:
                # plain but for a comma, which ends a text in flow context: quoted as `_choose` quotes it
                found = _double(value) if "'" in value else "'" + value + "'"
            else:
                found = self._choose(value, flow, key)
            if len(self.cache) > 100_000:  # a long-lived process (the language server) reads many plans
                self.cache.clear()
            self.cache[(value, flow, key)] = found
        return found

    def _choose(self, value: str, flow: bool, key: bool) -> str:
        # ruamel.yaml's Emitter.choose_scalar_style, for an event without style.
        if not value or len(value) > _MAX_SCALAR or "\n" in value:
            raise _NotCertain  # the empty text: ruamel.yaml treats it apart, and no plan needs it
        if self._emitter is None:
            self._load()
        analysis = self._emitter.analyze_scalar(value)
        implicit = self.resolve(value) == _STR
        plain = analysis.allow_flow_plain if flow else analysis.allow_block_plain
        if implicit and plain and not (key and (analysis.empty or analysis.multiline)):
            return value
        if analysis.allow_double_quoted and "'" in value:
            return _double(value)
        if analysis.allow_single_quoted and not (key and analysis.multiline):
            return "'" + value.replace("'", "''") + "'"
        return _double(value)


def _double(value: str) -> str:
    """``value`` in double quotes, if no character of it needs an escape."""
    if not value or len(value) > _MAX_SCALAR or not _PLAIN_DOUBLE.match(value):
        raise _NotCertain  # (the empty text, which ruamel.yaml treats apart, is left to the round trip)
    return '"' + value + '"'


@functools.cache
def _styles() -> _Styles:
    """The one `_Styles` of the process (its cache serves every plan checked)."""
    return _Styles()


# What `_canonical` (fmt.py) does to a value, from its field's value in the plan.
_AS_IS, _DOUBLE, _TIME, _DATE_VALUE = range(4)
# What a field's value is, as `_canonical` tells: by its type.
_RECORD, _TUPLE, _TIME_FIELD, _DATE_FIELD, _STR_FIELD, _OTHER = range(6)
# How a block mapping's value is written: on its key's line, as a flow collection there, folded
# over the lines below, or as a block collection below (with a comment on the key's line).
_ONE_LINE, _FLOW_VALUE, _FOLDED_VALUE, _BLOCK_VALUE, _NOTED_BLOCK_VALUE = range(5)
# What the source may hold between the last event and the next (`_write`): the rest of a value's
# line and the lines after it; whole lines (the file's head, after a folded text); what follows a
# block key, a block list's start, a block's end or a block mapping's start; flow punctuation.
_TRAIL, _LINES, _AFTER_KEY, _AFTER_DASH, _CLOSED, _NOTHING, _IN_FLOW = range(7)

# After a value, when there is nothing to keep: spaces at the end of its line, the line break,
# the next line's indentation and the dash of a list's next item.
_PLAIN_TRAILER = re.compile(r" *\n *(?:- +)?")
_NEXT_LINE = re.compile(r" *(?:- +)?")
_COMMENT_LINE = re.compile(r" *#[^\n]*")
_BLANK_OR_COMMENT_LINES = re.compile(r"(?: *(?:#[^\n]*)?\n)*")
_COLON = re.compile(r" *: +")
_COLON_BREAK = re.compile(r" *: *\n *")
_DASH = re.compile(r"- +")
_FIRST_ITEM = re.compile(r"-? +")  # a list's start holds its first dash when the list is not indented
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


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


class _Frame:
    """An open mapping or sequence: where it is written and what the plan says of its values."""

    __slots__ = (
        "col",
        "count",
        "first",
        "flow",
        "is_map",
        "item",
        "items",
        "key",
        "keys",
        "model",
        "name",
        "parts",
        "starts",
        "tails",
        "values",
    )

    def __init__(self, is_map: bool, flow: bool, col: int, model: Any, name: Any, items: Any, item: bool) -> None:
        self.is_map = is_map
        self.flow = flow
        self.col = col  # block mapping: column of its keys; block sequence: column of its dashes
        self.item = item  # a block mapping that is a block sequence's item: its first key follows the dash
        self.first = item  # ... and that first key is still to come
        self.model = model  # the record a mapping holds, if `_canonical` visits it
        self.name = name  # the key of a sequence, for `paragraphs`
        self.items = items  # the tuple a sequence holds, if `_canonical` visits it
        self.key: Any = None  # the key waiting for its value (mappings)
        self.keys: list[str] = []
        self.parts: list[str] = []  # flow collections: their items, written
        self.count = 0
        if is_map and not flow:
            self.starts: list[int] = []  # where in the output each entry starts
            self.values: list[int] = []  # how each entry's value is written (_ONE_LINE...)
            # comment and blank lines between an entry and the next (or the end): (the entry,
            # what was written before them, where they are in the output if right after its value)
            self.tails: list[tuple[int, int, int]] = []


def canonical_text(text: str, loaded: LoadResult) -> str | None:
    """The text `format_text` returns for ``text`` (LF line endings), or None when that is not certain.

    ``loaded`` is ``parse_plan(text)``: None for a plan with errors, and for
    anything the event pass has not been shown to write as the round trip does.
    """
    if loaded.plan is None or not text.endswith("\n") or _REFUSED_TEXT.search(text):
        return None
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        return None
    from yaml.cyaml import CParser  # type: ignore[attr-defined]  # re-exported from yaml._yaml

    parser = CParser(text)
    try:
        return _write(text, parser, loaded.plan)
    except (_NotCertain, yaml.YAMLError, RecursionError, IndexError, ValueError):
        return None
    finally:
        parser.dispose()


def _write(text: str, parser: Any, plan: Any) -> str:
    """The text `fmt` writes for these events, comments and blank lines included; raises `_NotCertain`.

    The output is a list of pieces.  Each entry of a block mapping is recorded
    where it starts in the list, so that a mapping whose keys are out of the
    schema's order is put in order when it ends (`_reorder`); a mapping that is
    a list's item is then joined into one piece.  ``pos`` is how far the
    source has been read; what lies between one event and the next
    (indicators, spaces, line breaks, comments) must be what ``gap`` allows
    there, and its comment lines and blank lines are copied as they are.
    """
    from yaml import events as ev

    styles = _styles()
    plain = (_PLAIN_IN_BLOCK.match, _PLAIN_IN_FLOW.match)  # texts written plain as they are, by context
    kinds: dict[type, int] = {}
    keys_seen: tuple[set[str], set[str]] = (set(), set())  # keys written plain, in block and in flow context
    orders: dict[tuple[type, tuple[str, ...]], list[str] | None] = {}
    scalar_event, mapping_start, sequence_start = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
    mapping_end, sequence_end = ev.MappingEndEvent, ev.SequenceEndEvent
    plain_trailer, next_line, dash, colon = (
        _PLAIN_TRAILER.fullmatch,
        _NEXT_LINE.fullmatch,
        _DASH.fullmatch,
        _COLON.fullmatch,
    )
    get = parser.get_event
    if not isinstance(get(), ev.StreamStartEvent):
        raise _NotCertain
    start = get()
    if not isinstance(start, ev.DocumentStartEvent) or start.explicit or start.version or start.tags:
        raise _NotCertain
    out: list[str] = []
    stack: list[_Frame] = []
    parent: _Frame | None = None  # stack[-1]
    pos = 1 if text.startswith("\n") else 0  # ruamel.yaml drops a blank first line
    gap = _LINES  # the file's head: comment and blank lines before the first key
    last = _ONE_LINE  # what the last value was written as (_ONE_LINE, _FLOW_VALUE, _FOLDED_VALUE)
    lines_at = -1  # where in the source the last comment or blank lines end (at the next token)
    lines_after = _ONE_LINE  # ... and what was written before them
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
                lines = _trailer(text, pos, begin, out, True)
                if lines >= 0:
                    lines_at, lines_after = begin, last
        elif gap == _IN_FLOW:
            if begin - pos > 1 and (text.find("#", pos, begin) >= 0 or text.count("\n", pos, begin) > 1):
                raise _NotCertain  # ruamel.yaml writes the collection in block style, or keeps the line
        elif gap == _CLOSED:
            # where a block ends, the next token starts: a key, another end, or a list's next item
            if begin != pos and not (parent is not None and not parent.is_map and dash(text, pos, begin)):
                raise _NotCertain
        elif gap == _NOTHING:
            if begin != pos:
                raise _NotCertain
        elif gap == _AFTER_DASH:
            if not _FIRST_ITEM.fullmatch(text, pos, begin):
                raise _NotCertain  # a dash alone on its line, or a comment after it
        elif not next_line(text, pos, begin):  # _LINES
            lines = _trailer(text, pos, begin, out, False)
            if lines >= 0:
                lines_at, lines_after = begin, last
        after_key = pos
        pos = event.end_mark.index
        if kind is mapping_end or kind is sequence_end:
            frame = stack.pop()
            parent = stack[-1] if stack else None
            if not frame.is_map and frame.items is not None and frame.count != len(frame.items):
                raise _NotCertain
            if frame.flow:
                if parent is None:
                    raise _NotCertain
                gap = _inline(parent, out, _flow_written(frame, orders))
                last = _FLOW_VALUE
                continue
            if frame.is_map:
                if lines_at == begin:
                    frame.tails.append((len(frame.keys) - 1, lines_after, lines))
                if frame.model is not None and orders.get((type(frame.model), tuple(frame.keys)), 0) is not None:
                    _reorder(frame, orders, out)
                if frame.item and len(out) - frame.starts[0] > 32:  # one piece: the list of pieces stays short
                    out[frame.starts[0] :] = ["".join(out[frame.starts[0] :])]
            gap = _CLOSED
            if not stack:
                break
            continue
        if kind is not scalar_event and kind is not mapping_start and kind is not sequence_start:
            raise _NotCertain  # an alias, or the end of a document that is not a mapping
        if event.anchor is not None or event.tag is not None:
            raise _NotCertain
        if parent is not None and parent.is_map and parent.key is None:
            # a key: a text written plain
            if kind is not scalar_event or event.style != "":
                raise _NotCertain
            key = event.value
            if key not in keys_seen[parent.flow]:
                if len(key) > 100 or styles.text(key, parent.flow, True) != key:
                    raise _NotCertain
                keys_seen[parent.flow].add(key)
            parent.key = key
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
        action, model, items, name = _AS_IS, None, None, None
        value: Any = None
        if parent is None:
            if kind is not mapping_start or event.flow_style:
                raise _NotCertain
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
                    action = _TIME
                elif field == _DATE_FIELD:
                    action = _DATE_VALUE
                elif field == _STR_FIELD and name == "label":
                    action = _DOUBLE
            parent.key = None
        else:
            if parent.items is not None:
                if parent.count >= len(parent.items):
                    raise _NotCertain
                value = parent.items[parent.count]
                if kind is mapping_start and is_record(value):
                    model = value
                elif parent.name == "paragraphs" and isinstance(value, str):
                    action = _DOUBLE
            parent.count += 1
        if kind is scalar_event:
            assert parent is not None  # the root is a mapping
            if (
                gap == _AFTER_KEY
                and not (begin == after_key + 2 and text.startswith(": ", after_key))
                and not colon(text, after_key, begin)
            ):
                raise _NotCertain  # a value on the line below its key, or a comment between them
            if event.style == ">":
                if action != _AS_IS:
                    raise _NotCertain
                pos = _folded(text, event, parent, out)
                if gap == _AFTER_KEY:
                    parent.values.append(_FOLDED_VALUE)
                gap, last = _LINES, _FOLDED_VALUE
                continue
            if gap == _AFTER_KEY:
                parent.values.append(_ONE_LINE)
            written = event.value
            if action != _AS_IS or event.style != "" or not plain[parent.flow](written) or written in _NOT_TEXT:
                written = _scalar(written, event.style, action, value, parent.flow, styles)
            if gap == _AFTER_KEY and len(written) + parent.col <= _MAX_LINE - 110:
                out.append(" " + written + "\n")  # what `_inline` does, in the commonest case
                gap = _TRAIL
            else:
                gap = _inline(parent, out, written)
            last = _ONE_LINE
            continue
        # a mapping or a sequence
        flow = bool(event.flow_style)
        if action != _AS_IS:
            raise _NotCertain  # `_canonical` replaces it with a text
        is_map = kind is mapping_start
        item = False
        if parent is None or parent.flow:
            col = 0
        elif flow:
            if not is_map and not parent.is_map:
                raise _NotCertain  # a flow list as a list's item
            if gap == _AFTER_KEY:
                if not colon(text, after_key, begin):
                    raise _NotCertain
                parent.values.append(_FLOW_VALUE)
                if not is_map:  # the commonest flow collection: a list of texts after a key
                    parts, pos, pending = _flow_list(get, ev, text, pos, items, name == "paragraphs", styles)
                    if pending is None:
                        gap = _inline(parent, out, "[" + ", ".join(parts) + "]")
                        last = _FLOW_VALUE
                        continue
                    parent = _Frame(False, True, 0, None, name, items, False)
                    parent.parts, parent.count = parts, len(parts)
                    stack.append(parent)
                    gap = _IN_FLOW
                    continue
            col = 0  # written on one line, by `_inline` when it ends
        elif parent.is_map:
            commented = _block_after_key(text, after_key, begin, out)
            parent.values.append(_NOTED_BLOCK_VALUE if commented else _BLOCK_VALUE)
            col = parent.col + 2
        elif is_map:
            out.append(" " * parent.col + "- ")
            col = parent.col + 2
            item = True
        else:
            raise _NotCertain  # a block sequence in a block sequence
        parent = _Frame(is_map, flow, col, model, name, items, item)
        stack.append(parent)
        gap = _IN_FLOW if flow else _NOTHING if is_map else _AFTER_DASH
    end = get()
    if not isinstance(end, ev.DocumentEndEvent) or end.explicit or not isinstance(get(), ev.StreamEndEvent):
        raise _NotCertain
    return "".join(out)


def _flow_list(
    get: Any, ev: Any, text: str, pos: int, items: Any, quoted: bool, styles: _Styles
) -> tuple[list[str], int, Any]:
    """A flow list's items, written, as long as they are scalars: `_write`'s loop for them, in short.

    Returns them, where the source has been read to, and the first event that
    is neither a scalar nor the list's end (None at the end).  ``items`` is the
    plan's tuple, if `_canonical` visits it; with ``quoted`` (paragraphs) its
    texts are written in double quotes.  ``ev`` is PyYAML's module of events.
    """
    scalar_event, sequence_end, plain = ev.ScalarEvent, ev.SequenceEndEvent, _PLAIN_IN_FLOW.match
    parts: list[str] = []
    while True:
        event = get()
        begin = event.start_mark.index
        if begin - pos > 1 and (text.find("#", pos, begin) >= 0 or text.count("\n", pos, begin) > 1):
            raise _NotCertain  # ruamel.yaml writes the list in block style, or keeps the line
        kind = type(event)
        if kind is not scalar_event or event.anchor is not None or event.tag is not None:
            if kind is sequence_end:
                if items is not None and len(parts) != len(items):
                    raise _NotCertain
                return parts, event.end_mark.index, None
            return parts, pos, event
        pos = event.end_mark.index
        action, value, written = _AS_IS, None, event.value
        if items is not None:
            if len(parts) >= len(items):
                raise _NotCertain
            value = items[len(parts)]
            if quoted and isinstance(value, str):
                action = _DOUBLE
        if action != _AS_IS or event.style != "" or not plain(written) or written in _NOT_TEXT:
            if event.style == ">":
                raise _NotCertain
            written = _scalar(written, event.style, action, value, True, styles)
        parts.append(written)


def _trailer(text: str, start: int, end: int, out: list[str], line_open: bool) -> int:
    """Copy what ``text[start:end]`` holds before the next token: the rest of a value's line
    (``line_open``: its end-of-line comment), then comment lines and blank lines.

    Returns the index in ``out`` of the piece with those lines, or -1 if there are none.
    """
    lines = text[start:end].split("\n")
    if not _NEXT_LINE.fullmatch(lines.pop()):
        raise _NotCertain
    if line_open:  # the last piece is the value's, with its line break
        if not lines:
            raise _NotCertain  # the next token on the value's line
        out[-1] = out[-1][:-1]
        out[-1] += _line_end(text, start, lines.pop(0), out)
    for line in lines:
        if line and not _COMMENT_LINE.fullmatch(line):
            raise _NotCertain  # a line of spaces: ruamel.yaml does not keep them
    if not lines:
        return -1
    out.append("".join(line + "\n" for line in lines))
    return len(out) - 1


def _line_end(text: str, start: int, rest: str, out: list[str]) -> str:
    """How a written line ends: ``rest`` is what follows its last token up to the line break, from
    ``start`` in ``text``.  Its comment keeps its column, as ruamel.yaml keeps it, one space after
    the line's text at least; spaces alone are dropped."""
    at = rest.find("#")
    if at < 0:
        if rest.strip(" "):
            raise _NotCertain
        return "\n"
    comment = rest[at:]
    column = start + at - text.rfind("\n", 0, start) - 1
    if rest[:at].strip(" ") or comment.endswith(" ") or column + len(comment) > _MAX_LINE:
        raise _NotCertain
    return " " * max(column - _column(out), 1) + comment + "\n"


def _column(out: list[str]) -> int:
    """The column the output has reached on its last line."""
    column = 0
    for piece in reversed(out):
        at = piece.rfind("\n")
        if at >= 0:
            return column + len(piece) - at - 1
        column += len(piece)
    return column


def _block_after_key(text: str, start: int, end: int, out: list[str]) -> bool:
    """Write the end of a key's line whose value is a block below it, then the comment and blank
    lines between them; True if the key's line has a comment."""
    if _COLON_BREAK.fullmatch(text, start, end):
        out.append("\n")
        return False
    lines = text[start:end].split("\n")
    first = lines[0]
    colon = first.find(":")
    if colon < 0 or first[:colon].strip(" ") or len(lines) < 2 or lines[-1].strip(" "):
        raise _NotCertain
    ending = _line_end(text, start + colon + 1, first[colon + 1 :], out)
    between = lines[1:-1]
    for line in between:
        if line and not _COMMENT_LINE.fullmatch(line):
            raise _NotCertain
    out.append(ending + "".join(line + "\n" for line in between))
    return ending != "\n"


def _flow_written(frame: _Frame, orders: dict[tuple[type, tuple[str, ...]], list[str] | None]) -> str:
    """A flow collection on one line, a record's keys in the schema's order."""
    parts = frame.parts
    if frame.is_map and frame.model is not None:
        order = _order(frame, orders)
        if order is not None:
            written = dict(zip(frame.keys, parts, strict=True))
            parts = [written[key] for key in order]
        return "{" + ", ".join(parts) + "}"
    return ("{%s}" if frame.is_map else "[%s]") % ", ".join(parts)


def _order(frame: _Frame, orders: dict[tuple[type, tuple[str, ...]], list[str] | None]) -> list[str] | None:
    """The keys of this record's mapping in the order `_canonical` gives them; None if they are in it."""
    seen = (type(frame.model), tuple(frame.keys))
    if seen in orders:
        return orders[seen]
    names = list(fields_of(type(frame.model)))
    present = set(frame.keys)
    if len(present) != len(frame.keys):
        raise _NotCertain
    order = [k for k in names if k in present] + [k for k in frame.keys if k not in names]
    orders[seen] = None if order == frame.keys else order
    return orders[seen]


def _reorder(frame: _Frame, orders: dict[tuple[type, tuple[str, ...]], list[str] | None], out: list[str]) -> None:
    """Put a block mapping's entries in the schema's order in ``out``, as `_canonical` moves its keys.

    Each entry moves with its comment and blank lines where ruamel.yaml
    attaches them to the entry: those at its head, and those after a text (on
    its key's line or deeper) or a folded text.  Those after a flow collection
    may belong to what follows: certain only where that stays next to the
    entry.  Those after the last entry's value on its key's line stay at the
    end (`_move_trailing_comment`), after a text or a flow collection.
    """
    order = _order(frame, orders)
    if order is None:
        return
    keys = frame.keys
    starts = [*frame.starts, len(out)]
    entries = {key: out[starts[i] : starts[i + 1]] for i, key in enumerate(keys)}
    if frame.values[-1] == _NOTED_BLOCK_VALUE and keys[-1] != order[-1]:
        raise _NotCertain  # the lines after its key's comment go to the new last key (`_move_trailing_comment`)
    for entry, after, lines in frame.tails:
        if entry < len(keys) - 1:
            if after == _FLOW_VALUE and order.index(keys[entry + 1]) != order.index(keys[entry]) + 1:
                raise _NotCertain
        elif keys[-1] != order[-1]:
            if lines < 0:  # after the last entry's block: they move with it, unless a flow collection ends it
                if after == _FLOW_VALUE:
                    raise _NotCertain
                continue
            if after == _FOLDED_VALUE or frame.values[keys.index(order[-1])] not in (_ONE_LINE, _FLOW_VALUE):
                raise _NotCertain
            entries[order[-1]].append(entries[keys[-1]].pop())  # the lines are the last piece of the entry
    for i, key in enumerate(order):
        entries[key][0] = ("" if i == 0 and frame.item else " " * frame.col) + key + ":"
    out[starts[0] :] = [piece for key in order for piece in entries[key]]


def _inline(parent: _Frame, out: list[str], written: str) -> int:
    """A value written on one line (a scalar or a flow collection) in the collection that holds it;
    returns what may follow it (`_write`'s ``gap``)."""
    if parent.flow:
        if parent.is_map:
            parent.parts[-1] += written
        else:
            parent.parts.append(written)
        return _IN_FLOW
    if len(written) + parent.col > _MAX_LINE - 110:
        raise _NotCertain  # ruamel.yaml's emitter might break the line
    if parent.is_map:
        out.append(" " + written + "\n")
    else:
        out.append(" " * parent.col + "- " + written + "\n")
    return _TRAIL


def _scalar(value: str, style: str, action: int, field: Any, flow: bool, styles: _Styles) -> str:
    """A scalar as `fmt` writes it, from what libyaml read and the plan's value (``field``); raises `_NotCertain`."""
    if len(value) > _MAX_SCALAR or _REFUSED_TEXT.search(value):
        raise _NotCertain  # (a character read from an escape, which `fmt` writes in double quotes with one)
    if action == _AS_IS:
        if style == "":
            if (_PLAIN_IN_FLOW if flow else _PLAIN_IN_BLOCK).match(value) and value not in _NOT_TEXT:
                return value  # a text ruamel.yaml writes plain, as it is
            # What ruamel.yaml's resolver says, without its tables for the common cases.
            if _PLAIN_IN_BLOCK.match(value) and value not in _NOT_TEXT:
                found = _STR
            elif _INT.match(value) or value in ("true", "false"):
                return value  # a number or a boolean, written as read
            else:
                found = styles.resolve(value)
            if found == _STR:
                return styles.text(value, flow, False)
            raise _NotCertain  # nulls, floats, dates outside date fields, other forms of numbers
        if style not in ('"', "'"):
            raise _NotCertain
        return styles.text(value, flow, False)
    if action == _TIME:
        return _double(field.strftime("%H:%M"))
    if action == _DOUBLE:
        return _double(field)
    # a date field: a date read as one is kept as it is; anything else is written from the plan's date
    if style == "" and _DATE.match(value):
        if type(field) is not dt.date or field.isoformat() != value:
            raise _NotCertain
        return value
    if style == "" and styles.resolve(value) == _TIMESTAMP:
        raise _NotCertain  # another form of date or time, kept as ruamel.yaml read it
    kind = precision(field)
    if kind == "year":
        return str(field.year)
    if kind == "month":
        return styles.text(field.isoformat(), flow, False)
    if type(field) is not dt.date:
        raise _NotCertain
    return field.isoformat()


def _folded(text: str, event: Any, parent: _Frame, out: list[str]) -> int:
    """A folded block scalar (``>-``) in block context, written line for line as in the file.

    Returns where its last line ends in ``text``: the blank lines after it are copied as the lines after a value.
    Comment lines after it are not certain if its lines move to another indentation: ruamel.yaml moves them too.
    """
    if parent.flow:
        raise _NotCertain
    value: str = event.value
    start: int = event.start_mark.index
    source = text[start : event.end_mark.index].rstrip("\n")
    header, _, body = source.partition("\n")
    lines = body.split("\n")
    margin = len(lines[0]) - len(lines[0].lstrip(" "))  # the file's indentation; fmt's is parent.col + 2
    folded = []
    for line in lines:
        stripped = line.strip()  # a fold next to any other space (isspace) is not kept as a fold
        if not stripped or line != " " * margin + stripped or len(line) > _MAX_LINE:
            raise _NotCertain
        folded.append(stripped)
    indent = parent.col + 2
    if header != ">-" or " ".join(folded) != value or len(value) > 10 * _MAX_SCALAR:
        raise _NotCertain
    end = start + len(source) + 1
    after = _BLANK_OR_COMMENT_LINES.match(text, end)
    if margin != indent and after is not None and "#" in after.group():
        raise _NotCertain
    if parent.is_map:
        out.append(" >-\n")
    else:
        out.append(" " * parent.col + "- >-\n")
    out.extend(" " * indent + line + "\n" for line in folded)
    return end
