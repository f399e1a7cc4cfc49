"""Reading plan files: the only module that touches ruamel.yaml.

`load_plan` turns a path into a validated model or a list of diagnostics, each
with the line and column of the offending key or value.  Nothing here raises
for bad *content*; only a path that cannot be read at all raises `PathError`.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
import os
import re
import stat
import types
import typing
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel, ValidationError

from . import diagnostics as d
from .diagnostics import Diagnostic
from .errors import PathError
from .models import MODEL_BY_KIND, SCHEMA_VERSION, Plan, fields_of

PLAN_SUFFIXES = (".yaml", ".yml")

# A number in a plan has a few digits.  Longer ones are refused where they
# are read: Python will not print an integer of more than 4,300 digits (a
# hexadecimal one converts, but its decimal form is longer still).
MAX_NUMBER_LENGTH = 1000


def _long_number(length: int) -> str:
    return f"a number {length:,} characters long; numbers in a plan are short (quote it if it is text)"


def _yaml() -> Any:
    """A round-trip ruamel.yaml parser that keeps impossible dates as text.

    ruamel.yaml raises a bare ValueError, without a position, for a scalar
    such as ``2023-02-30`` that looks like a date but is not one.  Keeping it
    as a string lets the schema report it at its exact line and column.
    ruamel.yaml is imported here, not at module level: valid plans never need it.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor

    class PlanConstructor(RoundTripConstructor):
        def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
            try:
                return super().construct_yaml_timestamp(node, values)
            except ValueError:
                return node.value

        def construct_yaml_int(self, node: Any) -> Any:
            if len(node.value) > MAX_NUMBER_LENGTH:
                raise ConstructorError(None, None, _long_number(len(node.value)), node.start_mark)
            return super().construct_yaml_int(node)

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            # Whatever a value cannot be built from (the events were checked
            # by libyaml first, so this is a last line of defence) is reported
            # at the value, never as a Python error from inside ruamel.yaml.
            try:
                return super().construct_object(node, deep)
            except (ValueError, KeyError, TypeError, AttributeError, OverflowError) as exc:
                raise ConstructorError(None, None, f"this value cannot be read ({exc})", node.start_mark) from None

    PlanConstructor.add_constructor("tag:yaml.org,2002:timestamp", PlanConstructor.construct_yaml_timestamp)
    PlanConstructor.add_constructor("tag:yaml.org,2002:int", PlanConstructor.construct_yaml_int)
    yaml = YAML(typ="rt")
    yaml.Constructor = PlanConstructor
    return yaml


def _round_trip_load(text: str) -> Any:
    """The round-trip document of ``text``, without ruamel.yaml's Python warnings.

    ruamel.yaml warns on stderr, with its own source line, when an anchor name
    is used twice.  YAML allows that (an alias means the latest anchor of its
    name) and the plan is read accordingly; the output stays workplan's own.
    """
    import warnings

    from ruamel.yaml.error import YAMLWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", YAMLWarning)
        return _yaml().load(text)


@dataclass
class LoadResult:
    """What loading one file produced: a plan, or the reasons there is none.

    ``document`` is the round-trip parse that knows every line and column.  On
    the fast path it is parsed only when something asks for a position.
    """

    path: str
    plan: Plan | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text: str | None = None
    _document: Any = None
    _positions: Any = None

    @property
    def document(self) -> Any:
        """The round-trip document (comments, key order): what `fmt` rewrites."""
        if self._document is None and self.text is not None:
            self._document = _round_trip_load(self.text)
        return self._document

    @property
    def positions(self) -> Any:
        """A tree that `locate` can find lines and columns in, built only when asked for."""
        if self._positions is None:
            if self._document is not None or self.text is None:
                return self._document
            self._positions = _compose(self.text)
            if self._positions is None:
                return self.document
        return self._positions


def discover(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the plan files under them; keep files as given.

    Raises `PathError` for a path that does not exist, or a folder that
    cannot be listed or searched.
    """
    found: list[Path] = []
    missing: list[str] = []
    for path in paths:
        info = _stat(path)
        if info is None:
            missing.append(str(path))
        elif stat.S_ISDIR(info.st_mode):
            found.extend(_plan_files(path))
        else:
            found.append(path)
    if missing:
        raise PathError(f"no such file or directory: {', '.join(missing)}")
    return found


def _stat(path: Path) -> os.stat_result | None:
    """The path's status (following links), None if it does not exist; `PathError` if it cannot be looked at."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise PathError(f"{path}: cannot open: {exc.strerror or exc}") from None


def _plan_files(folder: Path) -> list[Path]:
    """The plan files under ``folder``, sorted; `PathError` for a folder that cannot be listed or searched."""

    def refuse(exc: OSError) -> None:
        raise PathError(f"{exc.filename or folder}: cannot list the folder: {exc.strerror or exc}")

    files = []
    for root, folders, names in os.walk(folder, onerror=refuse):
        folders.sort()
        for name in names:
            path = Path(root, name)
            if path.suffix in PLAN_SUFFIXES:
                info = _stat(path)
                if info is not None and stat.S_ISREG(info.st_mode):
                    files.append(path)
    return sorted(files)


def read_text(path: Path) -> tuple[str | None, Diagnostic | None]:
    """Read a file as UTF-8 (a leading BOM is allowed).

    Returns the text, or a diagnostic saying where the first bad byte is.
    Raises `PathError` when the file cannot be read at all.
    """
    info = _stat(path)
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise PathError(f"{path}: is a directory")
    if info is not None and not stat.S_ISREG(info.st_mode):
        # A FIFO or device would block or never end; a plan is a regular file.
        raise PathError(f"{path}: not a regular file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PathError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot start a character); save it as UTF-8"
        return None, d.NOT_UTF8.at(str(path), line, column, message)


def load_plan(path: Path) -> LoadResult:
    """Load and validate one plan file."""
    name = str(path)
    result = LoadResult(name)
    text, problem = read_text(path)
    if problem is not None:
        result.diagnostics.append(problem)
        return result
    assert text is not None
    return parse_plan(text, name)


def parse_plan(text: str, name: str) -> LoadResult:
    """Parse and validate plan text; ``name`` is used in diagnostics.

    A valid plan goes through the fast path (libyaml's C parser, read with the
    same YAML 1.2 rules as the round-trip parser); anything else, or anything
    the fast path is unsure of, through the round-trip parser, whose positions
    every diagnostic carries.
    """
    problem = text_problem(text)
    if problem is not None:
        return LoadResult(name, diagnostics=[problem.at(name)], text=text)
    result = _fast_path(text, name)
    if result is not None:
        return result
    return _round_trip_plan(text, name)


def text_problem(text: str) -> _Problem | None:
    """What both parse paths refuse before either reads the text: characters they would read differently."""
    separator = _LINE_SEPARATOR.search(text)
    if separator is not None:
        return _line_separator(text, separator.start())
    return _tab_between_values(text) if "\t" in text else None


def _round_trip_plan(text: str, name: str) -> LoadResult:
    result = LoadResult(name, text=text)
    problems = _event_problems(text)
    if problems:  # reported without importing ruamel.yaml
        result.diagnostics.extend(problem.at(name) for problem in problems)
        return result
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    try:
        document = _round_trip_load(text)
    except MarkedYAMLError as exc:
        result.diagnostics.append(_yaml_error(exc, name))
        return result
    except ReaderError as exc:  # without libyaml, ruamel.yaml meets forbidden characters first
        result.diagnostics.append(_forbidden_character(exc, text).at(name))
        return result
    except YAMLError as exc:
        result.diagnostics.append(d.YAML_SYNTAX.at(name, 1, 1, f"invalid YAML: {exc}".splitlines()[0]))
        return result
    except RecursionError:
        result.diagnostics.append(
            d.TOO_DEEP.at(name, 1, 1, "lists or mappings are nested too deeply to be read; a plan needs a few levels")
        )
        return result
    result._document = document
    if document is None:
        result.diagnostics.append(
            d.EMPTY_FILE.at(name, 1, 1, "the file holds no YAML document; a plan is a mapping of keys")
        )
        return result
    if not isinstance(document, CommentedMap):
        line, column = _start(document)
        found = "a list" if isinstance(document, CommentedSeq) else f"a single value ({type(document).__name__})"
        result.diagnostics.append(
            d.NOT_A_MAPPING.at(name, line, column, f"the top level of a plan must be a mapping of keys, not {found}")
        )
        return result
    abuse = _alias_abuse(document)
    if abuse is not None:
        result.diagnostics.append(d.ALIAS_ABUSE.at(name, *abuse))
        return result
    model = _model_for(document, name, result.diagnostics)
    if model is None:
        return result
    try:
        result.plan = model.model_validate(document)  # type: ignore[assignment]  # one of the two plan models
    except ValidationError as exc:
        result.diagnostics.extend(_schema_diagnostics(exc, document, model, name))
    except RecursionError:
        result.diagnostics.append(
            d.TOO_DEEP.at(
                name, 1, 1, "lists or mappings are nested too deeply to be checked; a plan needs a few levels"
            )
        )
    return result


# An alias may repeat a small block.  A document whose aliases expand it to
# more than ALIAS_NODE_LIMIT values, or more than ALIAS_TEXT_LIMIT characters
# of text, and in either case to more than ALIAS_FACTOR times its own, is
# refused before anything walks the expansion ("billion laughs"; a 1 MB text
# aliased 500 times would make a 500 MB page).
ALIAS_NODE_LIMIT = 100_000
ALIAS_TEXT_LIMIT = 10_000_000
ALIAS_FACTOR = 10


_ALIAS_LOOP = "a YAML alias refers to the block that contains it (a loop); remove the alias"


@dataclass(frozen=True)
class _Problem:
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


def _event_problems(text: str) -> list[_Problem]:
    """What libyaml finds wrong in ``text`` before anything is built from it.

    libyaml is the judge of what is well-formed YAML on both paths, so that
    `validate` (fast path) and `fmt` (round trip) never disagree: a syntax
    error (with where the unclosed construct began), a directive, an explicit
    tag, or an alias used inside the block its anchor names (ruamel.yaml
    would read it as an empty value; a merge key would crash it).
    """
    yaml, loader = _yaml_module()
    from yaml import events as ev

    problems: list[_Problem] = []
    latest: dict[str, int] = {}  # anchor name -> the event that defined it last (a name may be reused)
    stack: list[int] = []
    open_blocks: set[int] = set()
    # Per open collection: the keys seen (None for a list) and whether a key comes next.
    keys: list[tuple[set[Any] | None, list[bool]]] = []
    looped = duplicated = False
    try:
        for number, event in enumerate(yaml.parse(text, Loader=loader)):
            if isinstance(event, ev.DocumentStartEvent) and (event.version or event.tags):
                problems.append(_directive(event))
            seen, key_next = keys[-1] if keys else (None, [False])
            if isinstance(event, ev.NodeEvent) and seen is not None:
                is_key, key_next[0] = key_next[0], not key_next[0]
                if is_key and isinstance(event, ev.ScalarEvent) and not duplicated:
                    # The first duplicate in the text, read as the fast path reads keys.
                    key = _key_value(event)
                    if key in seen and key != "<<":
                        duplicated = True
                        problems.append(
                            _Problem(
                                d.DUPLICATE_KEY,
                                *_mark(event.start_mark),
                                f"duplicate key {event.value!r}; each key may appear once in a mapping",
                            )
                        )
                    seen.add(key)
            if isinstance(event, ev.NodeEvent) and not isinstance(event, ev.AliasEvent):
                if event.anchor:
                    latest[event.anchor] = number
                tag: str | None = getattr(event, "tag", None)  # scalars and collections carry one
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
            if isinstance(event, ev.CollectionStartEvent):
                stack.append(number)
                open_blocks.add(number)
                keys.append((set() if isinstance(event, ev.MappingStartEvent) else None, [True]))
            elif isinstance(event, ev.CollectionEndEvent):
                open_blocks.discard(stack.pop())
                keys.pop()
            elif isinstance(event, ev.AliasEvent) and not looped and latest.get(event.anchor or "", -1) in open_blocks:
                looped = True
                problems.append(_Problem(d.ALIAS_ABUSE, *_mark(event.start_mark), _ALIAS_LOOP))
    except yaml.YAMLError as exc:
        # A duplicate key read before the syntax error is reported too, as the fast path meets it first.
        return [*(p for p in problems if p.check is d.DUPLICATE_KEY), _syntax_problem(exc, text)]
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
        f"invalid YAML: the {which} directive is not allowed in a plan; plans are read by the rules of YAML 1.2, remove the directive",
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
        f"invalid YAML: the character U+{code:04X} is not allowed in a YAML file; remove it",
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
        return _Problem(
            d.YAML_SYNTAX, line, column, "invalid YAML: a tab character is used for indentation; indent with spaces"
        )
    message = problem or context or "the file is not well-formed YAML"
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
    return _Problem(d.YAML_SYNTAX, line, column, f"invalid YAML: {message}")


# NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR end a line for libyaml (YAML
# 1.1) and not for ruamel.yaml (YAML 1.2): the two would read another plan.
_LINE_SEPARATOR = re.compile("[\x85\u2028\u2029]")
_SEPARATOR_ESCAPES = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def _line_separator(text: str, offset: int) -> _Problem:
    char = text[offset]
    return _Problem(
        d.YAML_SYNTAX,
        *_position(text, offset),
        f"invalid YAML: the invisible character U+{ord(char):04X} is a line break to some YAML readers and not to others; "
        f"remove it, or write it as {_SEPARATOR_ESCAPES[char]} inside double quotes",
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
                    "invalid YAML: a tab character separates values here; use spaces (YAML tools read tabs differently)",
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


def _alias_abuse(document: Any) -> tuple[int, int, str] | None:
    """(line, column, message) if aliases loop or blow the document up; else None.

    Two sizes are kept: values, and characters of text, so that both many
    aliases of a small block and a few aliases of a huge text are caught.
    """
    expanded: dict[int, tuple[int, int]] = {}  # container id -> (values, characters) with every alias written out
    seen: set[int] = set()  # every object counted once: the document's own size
    own_nodes = own_text = 0
    # Post-order walk without recursion: (node, children pushed yet?)
    stack: list[tuple[Any, bool]] = [(document, False)]
    active: set[int] = set()
    while stack:
        node, done = stack.pop()
        key = id(node)
        if not isinstance(node, (dict, list)):
            continue
        children = [*node.keys(), *node.values()] if isinstance(node, dict) else list(node)
        if done:
            active.discard(key)
            nodes, text = 1, 0
            for child in children:
                size = expanded[id(child)] if isinstance(child, (dict, list)) else (1, _text_size(child))
                nodes += size[0]
                text += size[1]
            expanded[key] = nodes, text
            if (nodes > ALIAS_NODE_LIMIT and nodes > ALIAS_FACTOR * own_nodes) or (
                text > ALIAS_TEXT_LIMIT and text > ALIAS_FACTOR * own_text
            ):
                line, column = _start(node)
                return (
                    line,
                    column,
                    f"YAML aliases expand this block to {nodes:,} values and {text:,} characters, over "
                    f"{ALIAS_FACTOR} times the file; write the data out instead of repeating aliases",
                )
            continue
        if key in expanded:
            continue
        if key in active:  # _event_problems reports loops first; this keeps the walk finite regardless
            line, column = _start(node)
            return line, column, _ALIAS_LOOP
        active.add(key)
        own_nodes += 1
        for child in children:
            if not isinstance(child, (dict, list)) and id(child) not in seen:
                seen.add(id(child))
                own_nodes += 1
                own_text += _text_size(child)
        stack.append((node, True))
        stack.extend((c, False) for c in children if isinstance(c, (dict, list)))
    return None


def _text_size(value: Any) -> int:
    return len(value) if isinstance(value, str) else 0


# --- YAML errors ---------------------------------------------------------------


def _yaml_error(exc: Any, name: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    from ruamel.yaml.constructor import DuplicateKeyError

    if isinstance(exc, DuplicateKeyError):
        key = _duplicate_key(exc)
        return d.DUPLICATE_KEY.at(name, line, column, f"duplicate key {key!r}; each key may appear once in a mapping")
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "expected a single document" in context or "expected a single document" in problem:
        message = "the file holds more than one YAML document ('---'); a plan file holds exactly one"
    elif "'\\t'" in problem or "\t" in problem:
        message = "a tab character is used for indentation; indent with spaces"
    else:
        message = f"{context} {problem}".strip() if context else problem
        message = message or "the file is not well-formed YAML"
    return d.YAML_SYNTAX.at(name, line, column, f"invalid YAML: {message}")


def _duplicate_key(exc: Any) -> str:
    problem = exc.problem or ""
    # ruamel says: found duplicate key "a" with value "2" (original value: "1")
    start = problem.find('"')
    end = problem.find('"', start + 1)
    return problem[start + 1 : end] if 0 <= start < end else "?"


# --- positions -----------------------------------------------------------------


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


# --- kind and schema version -----------------------------------------------------


def _model_for(document: Any, name: str, out: list[Diagnostic]) -> type[BaseModel] | None:
    kinds = ", ".join(sorted(MODEL_BY_KIND))
    if "kind" not in document:
        out.append(
            d.UNKNOWN_KIND.at(name, 1, 1, f"missing required key 'kind'; say which kind of plan this is ({kinds})")
        )
        return None
    kind = document["kind"]
    model = MODEL_BY_KIND.get(kind) if isinstance(kind, str) else None
    if model is None:
        line, column = locate(document, ("kind",))
        out.append(d.UNKNOWN_KIND.at(name, line, column, f"unknown kind {kind!r}; expected one of: {kinds}"))
        return None
    if "schema_version" not in document:
        out.append(
            d.SCHEMA_VERSION.at(
                name,
                1,
                1,
                f"missing required key 'schema_version'; this version of workplan reads schema_version: {SCHEMA_VERSION}",
            )
        )
        return None
    version = document["schema_version"]
    if version != SCHEMA_VERSION or isinstance(version, bool):
        line, column = locate(document, ("schema_version",))
        out.append(
            d.SCHEMA_VERSION.at(
                name,
                line,
                column,
                f"unsupported schema_version {version!r}; this version of workplan reads schema_version: {SCHEMA_VERSION}",
            )
        )
        return None
    return model


# --- schema errors -----------------------------------------------------------------


_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "dataclass_type": "a mapping of keys",
    "dataclass_args_type": "a mapping of keys",
}


def _check_for(kind: str) -> d.Check:
    """The check a pydantic error type is reported under."""
    if kind == "missing":
        return d.MISSING_KEY
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return d.UNKNOWN_KEY
    if kind == "wp_date":
        return d.INVALID_DATE
    if kind == "wp_time":
        return d.INVALID_TIME
    return d.WRONG_TYPE if kind in _TYPE_NAMES else d.INVALID_VALUE


def _schema_diagnostics(exc: ValidationError, document: Any, model: type[BaseModel], name: str) -> list[Diagnostic]:
    out = []
    shown: Counter[str] = Counter()
    hidden: dict[str, tuple[d.Check, int, tuple[int | str, ...]]] = {}  # code -> (check, how many, first loc)
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        kind = error["type"]
        check = _check_for(kind)
        if shown[check.code] >= d.MAX_PER_CHECK:
            first = hidden.get(check.code, (check, 0, loc))
            hidden[check.code] = (check, first[1] + 1, first[2])
            continue
        shown[check.code] += 1
        where = _path_text(loc)
        if kind == "missing":
            parent = loc[:-1]
            line, column = _key_of(document, parent)
            container = f"in {_path_text(parent)}" if parent else "at the top level"
            out.append(d.MISSING_KEY.at(name, line, column, f"missing required key {loc[-1]!r} {container}"))
        elif kind in ("extra_forbidden", "unexpected_keyword_argument"):  # models, agenda dataclasses
            line, column = locate(document, loc, key=True)
            hint = _suggest(str(loc[-1]), _fields_at(model, loc[:-1]))
            out.append(
                d.UNKNOWN_KEY.at(
                    name, line, column, f"unknown key {loc[-1]!r} in {_path_text(loc[:-1]) or 'the top level'}{hint}"
                )
            )
        elif kind == "wp_date":
            line, column = locate(document, loc)
            out.append(d.INVALID_DATE.at(name, line, column, f"{where}: {error['msg']}"))
        elif kind == "wp_time":
            line, column = locate(document, loc)
            out.append(d.INVALID_TIME.at(name, line, column, f"{where}: {error['msg']}"))
        elif kind in _TYPE_NAMES:
            line, column = locate(document, loc)
            got = _describe(error.get("input"))
            out.append(d.WRONG_TYPE.at(name, line, column, f"{where}: expected {_TYPE_NAMES[kind]}, got {got}"))
        else:
            line, column = locate(document, loc)
            out.append(d.INVALID_VALUE.at(name, line, column, f"{where}: {_clean(error['msg'])}"))
    for check, count, loc in hidden.values():
        out.append(d.more_not_shown(check, name, *locate(document, loc, key=check is d.UNKNOWN_KEY), count))
    return out


def _clean(message: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message[:1].lower() + message[1:]


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text {shown!r}"
    return type(value).__name__


def _path_text(loc: tuple[int | str, ...]) -> str:
    """``('meetings', 3, 'date')`` -> ``meetings[3].date``."""
    text = ""
    for step in loc:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else str(step)
    return text


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _fields_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The field names of the model found by following ``loc`` from ``model``."""
    current: Any = model
    for step in loc:
        current = _unwrap(current)
        if isinstance(step, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif step in fields_of(current):
            current = fields_of(current)[step].annotation
        else:
            return []
    return list(fields_of(_unwrap(current)))


def _unwrap(annotation: Any) -> Any:
    """Strip Optional[...] and Annotated[...] down to the model or list type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = rest[0] if len(rest) == 1 else annotation
            if len(rest) != 1:
                return annotation
        else:
            return annotation


# --- the fast path -------------------------------------------------------------------------
#
# libyaml's C parser through PyYAML, read event by event into plain dicts and
# lists, with the implicit resolvers of YAML 1.2 taken from ruamel.yaml's own
# table, so that `10:30`, `yes`, `0o17` or `2023-02-30` read exactly as on the
# round-trip path (tests compare the two on the bundled plans and on such
# scalars).  Building values straight from the events never holds libyaml's
# node tree (a node and two position marks per scalar, about 30 times the
# file's size); positions are composed later, only for a file with errors.
# Anchors, aliases, tags, merge keys, complex or duplicate keys, several
# documents and any parser complaint send the file to the round-trip path,
# which reports what it must with positions.


class _FastPathRefused(Exception):
    pass


class _FastPathProblem(Exception):
    """Something libyaml's events name exactly (a duplicate key): `_event_problems` reports it."""


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, as it was after.

    Reading a plan into models, and walking them, allocates hundreds of
    thousands of long-lived objects and no reference cycles: the collector
    finds nothing, yet its full passes rescan every object and make large
    plans superlinear (on 15,000 meetings the lint rules take 5.8 s with it
    and 3.5 s without).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
_TAG = "tag:yaml.org,2002:"

# The implicit resolvers of YAML 1.2 as ruamel.yaml 0.18+ defines them
# (ruamel.yaml.resolver.implicit_resolvers, the entries for version (1, 2)),
# kept here so that a valid plan is read without importing ruamel.yaml at all
# (about 13 ms of every run).  tests/test_loader.py checks that the two tables
# agree, so an upgrade of ruamel.yaml that changes its rules fails the tests.
_YAML12: tuple[tuple[str, str, str], ...] = (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (
        "float",
        r"""^(?:
         [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        "-+0123456789.",
    ),
    (
        "int",
        r"""^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$""",
        "-+0123456789",
    ),
    ("merge", r"^(?:<<)$", "<"),
    (
        "null",
        r"""^(?: ~
        |null|Null|NULL
        | )$""",
        "~nN",  # and the empty scalar, below
    ),
    (
        "timestamp",
        r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
        (?:[Tt]|[ \t]+)[0-9][0-9]?
        :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
        "0123456789",
    ),
    ("value", r"^(?:=)$", "="),
    ("yaml", r"^(?:!|&|\*)$", "!&*"),
)


def _yaml12_resolvers() -> list[tuple[str, Any, list[str]]]:
    """(tag suffix, compiled pattern, first characters) for each implicit resolver of YAML 1.2."""
    import re

    return [
        (tag, re.compile(pattern, re.VERBOSE), [*first, ""] if tag == "null" else list(first))
        for tag, pattern, first in _YAML12
    ]


class _Scalars:
    """Turns plain scalars into values by the YAML 1.2 rules, as ruamel.yaml's round-trip loader does."""

    def __init__(self) -> None:
        import yaml

        self.by_first: dict[str, list[tuple[str, Any]]] = {}
        for tag, regexp, first in _yaml12_resolvers():
            for char in first:
                self.by_first.setdefault(char, []).append((tag, regexp))
        self.node = yaml.ScalarNode
        self.timestamps = yaml.constructor.SafeConstructor()

    def value(self, text: str) -> Any:
        for tag, regexp in self.by_first.get(text[:1], ()):
            if regexp.match(text):
                return self._construct(tag, text)
        return text

    def _construct(self, kind: str, text: str) -> Any:
        if kind == "null":
            return None
        if kind == "bool":
            return text.lower() == "true"
        if kind == "int":
            if len(text) > MAX_NUMBER_LENGTH:
                raise _FastPathRefused("a long number")  # the round trip reports it where it is
            # YAML 1.2: 0o17 is octal, 017 is decimal, no sexagesimal.
            digits = text.replace("_", "")
            sign = -1 if digits.startswith("-") else 1
            digits = digits.lstrip("+-")
            for prefix, base in (("0b", 2), ("0o", 8), ("0x", 16)):
                if digits.startswith(prefix):
                    return sign * int(digits[2:], base)
            return sign * int(digits, 10)
        if kind == "float":
            number = text.replace("_", "").lower()
            negative = number.startswith("-")
            number = number.lstrip("+-")
            if number == ".nan":
                return float("nan")
            magnitude = float("inf") if number == ".inf" else float(number)
            return -magnitude if negative else magnitude
        if kind == "timestamp":
            try:
                return self.timestamps.construct_yaml_timestamp(self.node(_TAG + kind, text))
            except ValueError:  # 2023-02-30: kept as text, for the schema to report where it is
                return text
            except (TypeError, AttributeError):  # a form PyYAML cannot read: the round-trip path decides
                raise _FastPathRefused(f"timestamp {text!r}") from None
        raise _FastPathRefused(f"{kind} in a plain scalar")  # merge keys (<<), value (=), yaml (!&*)


_SCALARS: _Scalars | None = None


def _scalars() -> _Scalars:
    """The YAML 1.2 scalar resolver, made once."""
    global _SCALARS
    if _SCALARS is None:
        _SCALARS = _Scalars()
    return _SCALARS


def fast_load(text: str, on_item: Callable[[dict[str, Any], str, Any], Any] | None = None) -> Any:
    """The data of a YAML document by the fast path; raises `_FastPathRefused` when unsure.

    ``on_item(root, key, value)``, if given, is called as each item of a
    top-level list (``meetings: [...]``) is complete, with the top-level
    mapping read so far; what it returns replaces the item.  Exceptions it
    raises other than `_FastPathRefused` pass through.
    """
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        raise _FastPathRefused("no libyaml")
    from yaml.cyaml import CParser  # type: ignore[attr-defined]  # re-exported from yaml._yaml

    scalars = _scalars()
    parser = CParser(text)
    try:
        return _build(parser, scalars, on_item)
    except (ValidationError, _FastPathProblem):
        raise
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise _FastPathRefused(str(exc)) from None
    finally:
        parser.dispose()


def _build(parser: Any, scalars: _Scalars, on_item: Callable[[dict[str, Any], str, Any], Any] | None) -> Any:
    """Values from libyaml's events, without recursion and without keeping any event."""
    from yaml import events as ev

    nokey = object()
    get = parser.get_event
    if not isinstance(get(), ev.StreamStartEvent):
        raise _FastPathRefused("no stream")
    event = get()
    if isinstance(event, ev.StreamEndEvent):
        return None
    if event.version or event.tags:
        raise _FastPathRefused("a directive")
    # (container, the key waiting for its value, the keys seen) per open mapping or sequence
    stack: list[tuple[Any, Any, set[Any] | None]] = []
    root: Any = None
    strings: dict[str, str] = {}  # one object per distinct short text: keys, ids, repeated titles
    while True:
        event = get()
        kind = type(event)
        if kind is ev.ScalarEvent:
            if event.anchor is not None or event.tag not in (None, "!"):
                raise _FastPathRefused("anchor or tag")
            text = event.value
            value = scalars.value(text) if event.implicit[0] else text
            if type(value) is str and len(value) <= 64:
                value = strings.setdefault(value, value)
        elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
            if event.anchor is not None or event.tag not in (None, "!"):
                raise _FastPathRefused("anchor or tag")
            if kind is ev.MappingStartEvent:
                stack.append(({}, nokey, set()))
            else:
                stack.append(([], nokey, None))
            continue
        elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
            value = stack.pop()[0]
            if on_item is not None and len(stack) == 2 and stack[1][2] is None and stack[0][2] is not None:
                value = on_item(stack[0][0], stack[0][1], value)
        elif kind is ev.DocumentEndEvent:
            break
        else:  # an alias
            raise _FastPathRefused("alias")
        if not stack:
            root = value
            continue
        container, key, seen = stack[-1]
        if seen is None:
            container.append(value)
        elif key is nokey:
            if isinstance(value, (dict, list)):
                raise _FastPathRefused("a complex key")
            if value in seen:  # libyaml says where; reported without ruamel.yaml
                raise _FastPathProblem
            seen.add(value)
            stack[-1] = (container, value, seen)
        else:
            container[key] = value
            stack[-1] = (container, nokey, seen)
    if not isinstance(get(), ev.StreamEndEvent):
        raise _FastPathRefused("several documents")
    return root


def _fast_plan(text: str) -> Plan | None:
    """The validated plan if the fast path can vouch for it, else None."""
    result = _fast_path(text, "<text>")
    return result.plan if result is not None else None


@collector_paused()
def _fast_path(text: str, name: str) -> LoadResult | None:
    """Load by the fast path: a plan, or schema diagnostics located on libyaml's nodes.

    None when the file needs the round-trip path (anything but a well-formed
    single mapping with a known kind and schema version and no anchors, tags or
    duplicate keys).  The items of the plan's long lists (meetings…) become
    models as soon as the parser has read each one, so the raw data of the
    whole plan never exists at once: memory peaks near the size of the models.
    """
    try:
        try:
            data = fast_load(text, on_item=_validate_item)
        except ValidationError:
            return _fast_path_errors(text, name)
        model = _plan_model(data)
        if model is None:
            return None
        try:
            return LoadResult(name, model.model_validate(data), text=text)  # type: ignore[arg-type]  # a plan model
        except ValidationError:
            return _fast_path_errors(text, name)
    except _FastPathProblem:
        # What libyaml says of the whole text, as the round-trip path would
        # report it: the duplicate key, and anything wrong after it.
        return LoadResult(name, diagnostics=[problem.at(name) for problem in _event_problems(text)], text=text)
    except (RecursionError, _FastPathRefused):
        return None


def _fast_path_errors(text: str, name: str) -> LoadResult | None:
    """Every schema error of a plan the fast path found invalid, read again and validated whole."""
    data = fast_load(text)
    model = _plan_model(data)
    if model is None:
        return None
    try:
        model.model_validate(data)
    except ValidationError as exc:
        nodes = _compose(text)
        if nodes is None:
            return None
        return LoadResult(name, None, _schema_diagnostics(exc, nodes, model, name), text=text, _positions=nodes)
    return None  # invalid item by item but valid whole: let the round-trip path decide


def _plan_model(data: Any) -> type[BaseModel] | None:
    """The model for a mapping whose `kind` and `schema_version` are known, else None."""
    if not isinstance(data, dict):
        return None
    kind = data.get("kind")
    model = MODEL_BY_KIND.get(kind) if isinstance(kind, str) else None
    version = data.get("schema_version")
    if model is None or version != SCHEMA_VERSION or isinstance(version, bool):
        return None
    return model


_ITEM_MODELS: dict[type[BaseModel], dict[str, type[BaseModel]]] = {}


def _validate_item(root: dict[str, Any], key: str, value: Any) -> Any:
    """An item of a top-level list as its model, if `kind` (read so far) says which; else as read."""
    model = _plan_model(root)
    if model is None:
        return value
    items = _ITEM_MODELS.get(model)
    if items is None:
        items = _ITEM_MODELS[model] = _item_models(model)
    item_model = items.get(key)
    return value if item_model is None else item_model.model_validate(value)


def _item_models(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """{field: item model} for every field of ``model`` that is a sequence of models."""
    found = {}
    for field_name, info in model.model_fields.items():
        args = typing.get_args(info.annotation)
        item = args[0] if typing.get_origin(info.annotation) is tuple and args else None
        if isinstance(item, type) and issubclass(item, BaseModel):
            found[field_name] = item
    return found


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
