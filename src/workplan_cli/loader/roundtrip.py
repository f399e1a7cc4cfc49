"""The round-trip path: ruamel.yaml's parser, which keeps comments and key order; the only module that imports ruamel.yaml.

A plan takes this path only when the fast path cannot vouch for it, and `fmt`
rewrites the document it builds.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from .. import diagnostics as d
from ..diagnostics import Diagnostic
from ..models import validator_for
from .positions import _start
from .result import LoadResult
from .scalars import MAX_NUMBER_LENGTH, _long_number
from .schema_errors import _model_for, _schema_diagnostics
from .syntax import _ALIAS_LOOP, NOT_WELL_FORMED, TAB_INDENT, _event_problems, _forbidden_character, invalid_yaml


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
        result.diagnostics.append(d.YAML_SYNTAX.at(name, 1, 1, invalid_yaml(str(exc)).splitlines()[0]))
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
        result.plan = validator_for(model).validate_python(document)
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
        message = TAB_INDENT
    else:
        message = f"{context} {problem}".strip() if context else problem
        message = message or NOT_WELL_FORMED
    return d.YAML_SYNTAX.at(name, line, column, invalid_yaml(message))


def _duplicate_key(exc: Any) -> str:
    problem = exc.problem or ""
    # ruamel says: found duplicate key "a" with value "2" (original value: "1")
    start = problem.find('"')
    end = problem.find('"', start + 1)
    return problem[start + 1 : end] if 0 <= start < end else "?"
