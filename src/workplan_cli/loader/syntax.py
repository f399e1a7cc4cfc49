"""What libyaml finds wrong in a text before anything is built from it: syntax, tags, loops, duplicate keys, characters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

import yaml

from .. import diagnostics as d
from ..diagnostics import Diagnostic
from . import events
from .scalars import _TAG, _FastPathRefused, _scalars

# How a syntax problem is worded, whichever parser found it.
NOT_WELL_FORMED = "the file is not well-formed YAML"
TAB_INDENT = "a tab character is used for indentation; indent with spaces"


def invalid_yaml(message: str) -> str:
    """A syntax problem's message: ``invalid YAML: MESSAGE``."""
    return f"invalid YAML: {message}"


_ALIAS_LOOP = "a YAML alias refers to the block that contains it (a loop); remove the alias"


class _Problem(NamedTuple):
    """A problem found before any value is built, with its 1-based position."""

    check: d.Check
    line: int
    column: int
    message: str

    def at(self, name: str) -> Diagnostic:
        return self.check.at(name, self.line, self.column, self.message)


def _yaml_module() -> tuple[Any, Any]:
    """PyYAML and its fastest loader class (libyaml's where installed)."""
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def text_problem(text: str) -> _Problem | None:
    """What both parse paths refuse before either reads the text: characters they would read differently."""
    separator = _LINE_SEPARATOR.search(text)
    if separator is not None:
        return _line_separator(text, separator.start())
    return _tab_between_values(text) if "\t" in text else None


class _Open(events.Frame):
    """An open mapping or sequence; in a mapping, the keys read so far (``seen``, set as it opens)."""

    __slots__ = ("seen",)
    seen: set[Any]


def _event_problems(text: str) -> list[_Problem]:
    """What libyaml finds wrong in ``text`` before anything is built from it.

    libyaml is the judge of what is well-formed YAML on both paths, so that
    `validate` (fast path) and `fmt` (round trip) never disagree: a syntax
    error (with where the unclosed construct began), a directive, an explicit
    tag, or an alias used inside the block its anchor names (ruamel.yaml
    would read it as an empty value; a merge key would crash it).  Every
    document of the text is read.
    """
    parser = events.parser(text, fallback=True)
    problems: list[_Problem] = []
    anchored: dict[str, _Open | None] = {}  # anchor -> the collection it names last (None: a scalar)
    stack: list[_Open] = []
    looped = duplicated = False
    get = parser.get_event
    try:
        while True:
            event: Any = get()
            kind = type(event)
            if kind is events.StreamEndEvent:
                break
            if kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
                stack.pop()
                continue
            if kind is events.DocumentStartEvent:
                if events.directive(event) is not None:
                    problems.append(_directive(event))
                continue
            if kind is events.StreamStartEvent or kind is events.DocumentEndEvent:
                continue
            # a node: a scalar, an alias, or a mapping or a sequence that opens
            if stack and stack[-1].is_map:
                frame = stack[-1]
                is_key, frame.key_next = frame.key_next, not frame.key_next
                if is_key and kind is events.ScalarEvent and not duplicated:
                    # The first duplicate in the text, read as the fast path reads keys.
                    key = _key_value(event)
                    if key in frame.seen and key != "<<":
                        duplicated = True
                        problems.append(
                            _Problem(
                                d.DUPLICATE_KEY,
                                *_mark(event.start_mark),
                                f"duplicate key {event.value!r}; each key may appear once in a mapping",
                            )
                        )
                    frame.seen.add(key)
            if kind is events.AliasEvent:
                named = anchored.get(event.anchor)
                if not looped and named is not None and named in stack:
                    looped = True
                    problems.append(_Problem(d.ALIAS_ABUSE, *_mark(event.start_mark), _ALIAS_LOOP))
                continue
            opened = None
            if kind is not events.ScalarEvent:  # a mapping or a sequence opens
                opened = _Open(kind is events.MappingStartEvent)
                if opened.is_map:
                    opened.seen = set()
                stack.append(opened)
            if event.anchor:
                anchored[event.anchor] = opened
            tag: str | None = event.tag
            if tag is not None and tag != "!":
                tag = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
                line, column = _mark(event.start_mark)
                problems.append(
                    _Problem(
                        d.YAML_TAG,
                        line,
                        column,
                        f"YAML tag {tag!r} is not allowed in a plan; remove it (quote a value to make it text)",
                    )
                )
    except yaml.YAMLError as exc:
        # A duplicate key read before the syntax error is reported too, as the fast path meets it first.
        return [*(p for p in problems if p.check is d.DUPLICATE_KEY), _syntax_problem(exc, text)]
    finally:
        parser.dispose()
    return problems


def _key_value(event: Any) -> Any:
    """A scalar key's value as the fast path reads it (``1`` and ``"1"`` differ, ``a`` and ``"a"`` do not)."""
    if not event.implicit[0]:
        return event.value
    try:
        return _scalars().value(event.value)
    except (_FastPathRefused, ValueError):
        return event.value


def _mark(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _directive(event: Any) -> _Problem:
    which = "%YAML" if event.version else "%TAG"
    line, column = _mark(event.start_mark)
    return _Problem(
        d.YAML_SYNTAX,
        line,
        column,
        invalid_yaml(
            f"the {which} directive is not allowed in a plan; plans are read by the rules of YAML 1.2, remove the directive"
        ),
    )


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of the character at ``offset``."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _forbidden_character(exc: Any, text: str) -> _Problem:
    """A character YAML forbids (NUL, other C0 controls), from either parser's ReaderError: which and where."""
    offset = exc.position if isinstance(exc.position, int) else 0
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    return _Problem(
        d.YAML_SYNTAX,
        *_position(text, offset),
        invalid_yaml(f"the character U+{code:04X} is not allowed in a YAML file; remove it"),
    )


def _syntax_problem(exc: Any, text: str) -> _Problem:
    """libyaml's complaint about ``text`` as a problem at its position."""
    import yaml

    if isinstance(exc, yaml.reader.ReaderError):
        return _forbidden_character(exc, text)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = _mark(mark)
    problem = (getattr(exc, "problem", None) or "").strip()
    context = (getattr(exc, "context", None) or "").strip()
    if "nesting depth" in problem:
        return _Problem(
            d.TOO_DEEP, line, column, "lists or mappings are nested too deeply to be read; a plan needs a few levels"
        )
    if "cannot start any token" in problem and mark is not None and text[mark.index : mark.index + 1] == "\t":
        return _Problem(d.YAML_SYNTAX, line, column, invalid_yaml(TAB_INDENT))
    message = problem or context or NOT_WELL_FORMED
    opened = getattr(exc, "context_mark", None)
    if (
        problem
        and context
        and opened is not None
        and mark is not None
        and (opened.line, opened.column) != (mark.line, mark.column)
    ):
        what = context.removeprefix("while ")
        message += f" ({what} that starts at line {opened.line + 1}, column {opened.column + 1})"
    return _Problem(d.YAML_SYNTAX, line, column, invalid_yaml(message))


# NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR end a line for libyaml (YAML
# 1.1) and not for ruamel.yaml (YAML 1.2): the two would read another plan.
_LINE_SEPARATOR = re.compile("[\x85\u2028\u2029]")
_SEPARATOR_ESCAPES = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def _line_separator(text: str, offset: int) -> _Problem:
    char = text[offset]
    return _Problem(
        d.YAML_SYNTAX,
        *_position(text, offset),
        invalid_yaml(
            f"the invisible character U+{ord(char):04X} is a line break to some YAML readers and not to others; "
            f"remove it, or write it as {_SEPARATOR_ESCAPES[char]} inside double quotes"
        ),
    )


def _tab_between_values(text: str) -> _Problem | None:
    """The first tab used as a space between values, outside text and comments.

    YAML 1.2 allows a tab after ``key:``, libyaml reads it, ruamel.yaml does
    not: a plan is held to the rule both keep (spaces only), so that every
    command reads the same files.  Tabs inside quoted or block text, and in
    comments, are text.
    """
    yaml, _ = _yaml_module()
    try:
        for start, end in gaps_between_tokens(text):
            offset = _tab_outside_comments(text, start, end)
            if offset is not None:
                return _Problem(
                    d.YAML_SYNTAX,
                    *_position(text, offset),
                    invalid_yaml(
                        "a tab character separates values here; use spaces (YAML tools read tabs differently)"
                    ),
                )
    except yaml.YAMLError:
        return None  # the parse reports it, with its position
    return None


def gaps_between_tokens(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of what lies between libyaml's tokens: spaces, line breaks and comments.

    Raises PyYAML's YAMLError where the text stops being YAML.
    """
    yaml, loader = _yaml_module()
    end = 0
    for token in yaml.scan(text, Loader=loader):
        start = token.start_mark.index
        if start > end:
            yield end, start
        end = max(end, token.end_mark.index)


def _tab_outside_comments(text: str, start: int, end: int) -> int | None:
    """Offset of the first tab in ``text[start:end]`` (space between tokens) that is not in a comment."""
    position = start
    while position < end:
        line_end = text.find("\n", position, end)
        line_end = end if line_end < 0 else line_end
        comment = text.find("#", position, line_end)
        tab = text.find("\t", position, line_end if comment < 0 else comment)
        if tab >= 0:
            return tab
        position = line_end + 1
    return None
