"""Whether a plan's text is already canonical, decided from libyaml's events without ruamel.yaml's round trip.

`fmt --check` on a formatted plan would otherwise load it with ruamel.yaml,
rewrite it and dump it again (about 30 times the cost of reading it), only to
find the same text.  `canonical_as_is` rebuilds, from libyaml's events and the
validated plan, the text `fmt` would write, and compares it with the file
without its full-line comments and empty lines (which ruamel.yaml writes back
as they are, except an empty line before the first).  A comment at the end of
a line that holds a value is kept too, at its column.  It answers True only
when it is certain; anything it has not been shown to reproduce exactly
(literal or kept block scalars, nulls, anchors, tags, comments after a key or
inside brackets, keys out of order, quoting or indentation `fmt` would
change…) makes it answer False, and the round trip decides.
`tests/unit/test_canonical.py` checks every True against `format_text` on many variants
of the bundled and generated plans.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from .loader import LoadResult
from .models import fields_of, is_record

# What a plan file must not hold for the fast verdict: CR, tab, BOM, the
# characters `fmt` escapes (`_NEEDS_ESCAPE` and more), anchors, aliases, tags,
# directives and document markers are caught here or on the events.
_REFUSED_TEXT = re.compile("[\r\t\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
# Full-line comments and empty lines: what the comparison leaves out.
_COMMENT_OR_EMPTY_LINE = re.compile(r"^(?: *#[^\n]*)?\n", re.MULTILINE)
# A line longer than this could be broken by ruamel.yaml's emitter (width 4096).
_MAX_LINE = 2000
_MAX_SCALAR = 1000
# A comment after a value on its line: spaces, then ``#`` and text with no space at its end.
_END_OF_LINE_COMMENT = re.compile(r" +#(?:[^\n]*[^ \n])?\Z")
_DATE = re.compile(r"\d\d\d\d-\d\d-\d\d\Z")
_INT = re.compile(r"(?:0|[1-9][0-9]{0,17})\Z")
# Text written between double quotes exactly as it is (no escape, no break).
_PLAIN_DOUBLE = re.compile("[ !#-\\[\\]-~\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffc]*\\Z")

_STR = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_BOOL_TAG = "tag:yaml.org,2002:bool"
# Texts that ruamel.yaml's emitter writes plain, in block and in flow context: a
# letter first (no indicator, no number, date or float), none of ``: # , [ ] { } ?``
# after it, no space at either end, no line break, no special character.  Of the
# implicit resolvers of YAML 1.2, only booleans and nulls start with a letter.
# `tests/unit/test_canonical.py` checks these against `_Styles._choose`.
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

    __slots__ = ("col", "count", "first", "flow", "is_map", "items", "key", "keys", "model", "name", "parts")

    def __init__(self, is_map: bool, flow: bool, col: int, model: Any, name: Any, items: Any, first: bool) -> None:
        self.is_map = is_map
        self.flow = flow
        self.col = col  # block mapping: column of its keys; block sequence: column of its dashes
        self.first = first  # a mapping that is a block sequence's item: its first key follows the dash
        self.model = model  # the record a mapping holds, if `_canonical` visits it
        self.name = name  # the key of a sequence, for `paragraphs`
        self.items = items  # the tuple a sequence holds, if `_canonical` visits it
        self.key: Any = None  # the key waiting for its value (mappings)
        self.keys: list[str] = []
        self.parts: list[str] = []  # flow collections: their items, written
        self.count = 0


def canonical_as_is(text: str, loaded: LoadResult) -> bool:
    """True only if `format_text(text)` is certain to return ``text`` unchanged; False when unsure.

    ``loaded`` is ``parse_plan(text)``.
    """
    if loaded.plan is None or not text.endswith("\n") or text.startswith("\n") or _REFUSED_TEXT.search(text):
        return False
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        return False
    from yaml.cyaml import CParser  # type: ignore[attr-defined]  # re-exported from yaml._yaml

    parser = CParser(text)
    try:
        expected = _expected(text, parser, loaded.plan)
    except (_NotCertain, yaml.YAMLError, RecursionError, IndexError, ValueError):
        return False
    finally:
        parser.dispose()
    if max(map(len, expected.split("\n"))) > _MAX_LINE:
        return False  # ruamel.yaml's emitter might break it
    return expected == _COMMENT_OR_EMPTY_LINE.sub("", text)


def _expected(text: str, parser: Any, plan: Any) -> str:
    """The text `fmt` writes for these events, without comments and blank lines; raises `_NotCertain`."""
    from yaml import events as ev

    styles = _styles()
    scalars: dict[tuple[str, str, bool, int, Any], str] = {}
    kinds: dict[type, int] = {}
    orders: set[tuple[type, tuple[str, ...]]] = set()  # keys in canonical order, seen before
    scalar_event, mapping_start, sequence_start = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
    mapping_end, sequence_end = ev.MappingEndEvent, ev.SequenceEndEvent
    get = parser.get_event
    if not isinstance(get(), ev.StreamStartEvent):
        raise _NotCertain
    start = get()
    if not isinstance(start, ev.DocumentStartEvent) or start.explicit or start.version or start.tags:
        raise _NotCertain
    out: list[str] = []
    stack: list[_Frame] = []
    while True:
        event = get()
        kind = type(event)
        if kind is mapping_end or kind is sequence_end:
            frame = stack.pop()
            if frame.is_map:
                if frame.model is not None:
                    _check_order(frame, orders)
            elif frame.items is not None and frame.count != len(frame.items):
                raise _NotCertain
            if frame.flow:
                written = ("{%s}" if frame.is_map else "[%s]") % ", ".join(frame.parts)
                _inline(stack, out, written, text, event.end_mark.index)
            if not stack:
                break
            continue
        if kind is not scalar_event and kind is not mapping_start and kind is not sequence_start:
            raise _NotCertain  # an alias, or the end of a document that is not a mapping
        if event.anchor is not None or event.tag is not None:
            raise _NotCertain
        parent = stack[-1] if stack else None
        if parent is not None and parent.is_map and parent.key is None:
            # a key: a text written plain
            if kind is not scalar_event or event.style != "":
                raise _NotCertain
            key = event.value
            if len(key) > 100 or styles.text(key, parent.flow, True) != key:
                raise _NotCertain
            parent.key = key
            parent.keys.append(key)
            if parent.flow:
                parent.parts.append(key + ": ")
            elif parent.first:
                out.append(key + ":")
                parent.first = False
            else:
                out.append(" " * parent.col + key + ":")
            continue
        # a value: what `_canonical` makes of it
        action, model, items, name = _AS_IS, None, None, None
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
                    action, model = _TIME, value
                elif field == _DATE_FIELD:
                    action, model = _DATE_VALUE, value
                elif field == _STR_FIELD and name == "label":
                    action = _DOUBLE
            parent.key = None
        else:
            if parent.items is not None:
                if parent.count >= len(parent.items):
                    raise _NotCertain
                item = parent.items[parent.count]
                if kind is mapping_start and is_record(item):
                    model = item
                elif parent.name == "paragraphs" and isinstance(item, str):
                    action = _DOUBLE
            parent.count += 1
        if kind is scalar_event:
            style = event.style
            if style == ">":
                if action != _AS_IS:
                    raise _NotCertain
                _folded(text, event, parent, out)
                continue
            value = event.value
            flow = parent.flow  # type: ignore[union-attr]  # a scalar is never the root here
            cached = (value, style, flow, action, model)
            written = scalars.get(cached)  # type: ignore[assignment]
            if written is None:
                written = scalars[cached] = _scalar(value, style, action, model, flow, styles)
            _inline(stack, out, written, text, event.end_mark.index)
            continue
        # a mapping or a sequence
        flow = bool(event.flow_style)
        if action != _AS_IS:
            raise _NotCertain  # `_canonical` replaces it with a text
        is_map = kind is mapping_start
        first = False
        if parent is None:
            col = 0
        elif parent.flow:
            if is_map or not parent.is_map:
                raise _NotCertain  # only lists in flow mappings: ruamel.yaml may write others otherwise
            col = 0
        elif flow:
            if is_map == parent.is_map:
                raise _NotCertain  # only lists after keys and mappings as items are known to be kept as they are
            col = 0  # written on one line, by `_inline` when it ends
        elif parent.is_map:
            out.append("\n")
            col = parent.col + 2
        elif is_map:
            out.append(" " * parent.col + "- ")
            col = parent.col + 2
            first = True
        else:
            raise _NotCertain  # a block sequence in a block sequence
        stack.append(_Frame(is_map, flow, col, model, name, items, first))
    end = get()
    if not isinstance(end, ev.DocumentEndEvent) or end.explicit or not isinstance(get(), ev.StreamEndEvent):
        raise _NotCertain
    return "".join(out)


def _check_order(frame: _Frame, orders: set[tuple[type, tuple[str, ...]]]) -> None:
    """Raise `_NotCertain` if `_canonical` would reorder this mapping's keys."""
    seen = (type(frame.model), tuple(frame.keys))
    if seen in orders:
        return
    names = list(fields_of(type(frame.model)))
    present = set(frame.keys)
    order = [k for k in names if k in present] + [k for k in frame.keys if k not in names]
    if frame.keys != order:
        raise _NotCertain
    orders.add(seen)


def _inline(stack: list[_Frame], out: list[str], written: str, text: str, end: int) -> None:
    """A value written on one line (a scalar or a flow collection), in the collection that holds it.

    In block context, the value may be followed by a comment on its line,
    which ruamel.yaml writes back at the same column.
    """
    parent = stack[-1]
    if parent.flow:
        if parent.is_map:
            parent.parts[-1] += written
        else:
            parent.parts.append(written)
        return
    comment = ""
    if text[end] != "\n":
        comment = text[end : text.index("\n", end)]
        if not _END_OF_LINE_COMMENT.match(comment):
            raise _NotCertain
    if parent.is_map:
        out.append(" " + written + comment + "\n")
    else:
        out.append(" " * parent.col + "- " + written + comment + "\n")


def _scalar(value: str, style: str, action: int, model: Any, flow: bool, styles: _Styles) -> str:
    """A scalar as `fmt` writes it, from the value and style libyaml read; raises `_NotCertain`."""
    if len(value) > _MAX_SCALAR:
        raise _NotCertain
    if action == _TIME:
        return _double(model.strftime("%H:%M"))
    if action == _DATE_VALUE:
        # Kept only if read as a date; `_canonical` writes the field's date otherwise.
        if style != "" or type(model) is not dt.date or not _DATE.match(value) or model.isoformat() != value:
            raise _NotCertain
        return value
    if style == "":
        # What ruamel.yaml's resolver says, without its tables for the common cases.
        if _PLAIN_IN_BLOCK.match(value) and value not in _NOT_TEXT:
            found = _STR
        elif _INT.match(value):
            found = _INT_TAG
        elif value in ("true", "false"):
            found = _BOOL_TAG
        else:
            found = styles.resolve(value)
        if found == _STR:
            return _double(value) if action == _DOUBLE else styles.text(value, flow, False)
        if action == _AS_IS and (
            (found == _INT_TAG and _INT.match(value)) or (found == _BOOL_TAG and value in ("true", "false"))
        ):
            return value
        raise _NotCertain  # nulls, floats, dates outside date fields, other forms of numbers
    if style not in ('"', "'"):
        raise _NotCertain
    return _double(value) if action == _DOUBLE else styles.text(value, flow, False)


def _folded(text: str, event: Any, parent: Any, out: list[str]) -> None:
    """A folded block scalar (``>-``) in block context, written line for line as in the file."""
    if parent is None or parent.flow:
        raise _NotCertain
    value: str = event.value
    source = text[event.start_mark.index : event.end_mark.index]
    header, _, body = source.partition("\n")
    indent = parent.col + 2
    folded = []
    for line in body.rstrip("\n").split("\n"):
        stripped = line.strip()  # a fold next to any other space (isspace) is not kept as a fold
        if not stripped or line != " " * indent + stripped:
            raise _NotCertain
        folded.append(stripped)
    if header != ">-" or " ".join(folded) != value or len(value) > 10 * _MAX_SCALAR:
        raise _NotCertain
    if parent.is_map:
        out.append(" >-\n")
    else:
        out.append(" " * parent.col + "- >-\n")
    out.extend(" " * indent + line + "\n" for line in folded)
