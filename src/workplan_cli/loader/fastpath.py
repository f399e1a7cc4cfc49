"""The fast path: libyaml's C parser read straight into models."""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..collector import collector_paused
from ..models import Plan, plan_model, validator_for
from . import events
from .positions import _compose, marks_for
from .result import LoadResult
from .scalars import _FastPathRefused, _Scalars, _scalars
from .schema_errors import _schema_diagnostics
from .syntax import _event_problems

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


class _FastPathProblem(Exception):
    """Something libyaml's events name exactly (a duplicate key): `_event_problems` reports it."""


def fast_load(
    text: str,
    on_item: Callable[[dict[str, Any], str, Any], Any] | None = None,
    marks: dict[tuple[Any, ...], ListMarks] | None = None,
) -> Any:
    """The data of a YAML document by the fast path; raises `_FastPathRefused` when unsure.

    ``on_item(root, key, value)``, if given, is called as each item of a
    top-level list (``meetings: [...]``) is complete, with the top-level
    mapping read so far; what it returns replaces the item.  Exceptions it
    raises other than `_FastPathRefused` pass through.  ``marks``, if given,
    receives where each list at ``key`` or ``key.key`` of the top-level mapping
    and its items are (`ListMarks`), keyed by the path of the list.
    """
    parser = events.parser(text)
    if parser is None:
        raise _FastPathRefused("no libyaml")
    try:
        return _build(parser, _scalars(), on_item, marks)
    except (ValidationError, _FastPathProblem):
        raise
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise _FastPathRefused(str(exc)) from None
    finally:
        parser.dispose()


class ListMarks:
    """Where a list of the top-level mapping (``meetings``) or of one of its mappings (``procedure.milestones``)
    and its items are in the text, as libyaml marks them (each mark has ``index``, ``line`` and ``column``)."""

    __slots__ = ("count", "end", "flow", "items")

    def __init__(self, flow: bool) -> None:
        self.flow = flow  # written in flow style ([...])
        self.items: list[Any] = []  # the start mark of each item that is a mapping, None for one in flow style
        self.count = 0  # how many items the list has, of any kind
        self.end: Any = None  # the mark of the list's end: the first token after it


class _Open(events.Frame):
    """An open mapping or sequence, read into ``container``: its dict or list, set by `_build`."""

    __slots__ = ("container",)
    container: Any


def _mark_start(marks: dict[tuple[Any, ...], ListMarks], stack: list[_Open], event: Any) -> None:
    """Note where a list of the top-level mapping or of one of its mappings starts, or an item of one."""
    is_list = type(event) is events.SequenceStartEvent
    if is_list and len(stack) <= 2 and all(frame.is_map for frame in stack):
        marks[tuple(frame.key for frame in stack)] = ListMarks(bool(event.flow_style))
    elif len(stack) > 1 and not stack[-1].is_map and all(frame.is_map for frame in stack[:-1]):
        listed = marks.get(tuple(frame.key for frame in stack[:-1]))
        if listed is not None and not is_list:
            listed.items.append(None if event.flow_style else event.start_mark)


def _build(
    parser: Any,
    scalars: _Scalars,
    on_item: Callable[[dict[str, Any], str, Any], Any] | None,
    marks: dict[tuple[Any, ...], ListMarks] | None = None,
) -> Any:
    """Values from libyaml's events, without recursion and without keeping any event."""
    scalar, mapping_start, sequence_start = events.ScalarEvent, events.MappingStartEvent, events.SequenceStartEvent
    mapping_end, sequence_end = events.MappingEndEvent, events.SequenceEndEvent
    get = parser.get_event
    if events.open_document(get, _FastPathRefused, directives=False) is None:
        return None
    stack: list[_Open] = []
    strings: dict[str, str] = {}  # one object per distinct short text: keys, ids, repeated titles
    while True:
        event = get()
        kind = type(event)
        if kind is scalar:
            if event.anchor is not None or event.tag not in (None, "!"):
                raise _FastPathRefused("anchor or tag")
            text = event.value
            value = scalars.value(text) if event.implicit[0] else text
            if type(value) is str and len(value) <= 64:
                value = strings.setdefault(value, value)
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or event.tag not in (None, "!"):
                raise _FastPathRefused("anchor or tag")
            if marks is not None and 0 < len(stack) <= 3:
                _mark_start(marks, stack, event)
            frame = _Open(kind is mapping_start)
            frame.container = {} if frame.is_map else []
            stack.append(frame)
            continue
        elif kind is mapping_end or kind is sequence_end:
            value = stack.pop().container
            if marks is not None and kind is sequence_end and 0 < len(stack) <= 2:
                listed = marks.get(tuple(frame.key for frame in stack))
                if listed is not None and listed.end is None:
                    listed.count, listed.end = len(value), event.start_mark
            if on_item is not None and len(stack) == 2 and not stack[1].is_map and stack[0].is_map:
                value = on_item(stack[0].container, stack[0].key, value)
        else:  # an alias
            raise _FastPathRefused("alias")
        if not stack:
            break  # the root
        frame = stack[-1]
        if not frame.is_map:
            frame.container.append(value)
        elif frame.key_next:
            if isinstance(value, (dict, list)):
                raise _FastPathRefused("a complex key")
            if value in frame.container:  # a duplicate key: libyaml says where; reported without ruamel.yaml
                raise _FastPathProblem
            frame.key = value
            frame.key_next = False
        else:
            frame.container[frame.key] = value
            frame.key_next = True
    events.close_document(get, _FastPathRefused)
    return value


def _fast_plan(text: str) -> Plan | None:
    """The validated plan if the fast path can vouch for it, else None."""
    result = _fast_path(text, "<text>")
    return result.plan if result is not None else None


# From this size on, the items of a plan's long lists become models as they are
# read (the raw data of a large plan never exists whole); a smaller plan is
# validated whole, which builds only the plan's own validator, not one per
# kind of item as well (a tenth of a second at start-up for the bundled plans).
ITEM_BY_ITEM = 512 * 1024


@collector_paused()
def _fast_path(text: str, name: str, list_marks: dict[tuple[Any, ...], ListMarks] | None = None) -> LoadResult | None:
    """Load by the fast path: a plan, or schema diagnostics located on libyaml's nodes.

    None when the file needs the round-trip path (anything but a well-formed
    single mapping with a known kind and schema version and no anchors, tags or
    duplicate keys).  In a plan larger than `ITEM_BY_ITEM`, the items of its
    long lists (meetings…) become models as soon as the parser has read each
    one, so the raw data of the whole plan never exists at once: memory peaks
    near the size of the models.
    An item that is not valid stays as read, so that validating the whole
    plan reports its errors, in pydantic's order, with those of the rest;
    their positions come from one more pass over libyaml's events, kept only
    for the paths the errors name.  ``list_marks``, if given, receives where
    the lists of a valid plan and their items are (see `fast_load`).
    """
    try:
        found: dict[tuple[Any, ...], ListMarks] | None = None if list_marks is None else {}
        data = fast_load(text, on_item=_validate_item_or_keep if len(text) > ITEM_BY_ITEM else None, marks=found)
        model = plan_model(data)
        if model is None:
            return None
        try:
            result = LoadResult(name, validator_for(model).validate_python(data), text=text)
            if list_marks is not None and found is not None:
                list_marks.update(found)
            return result
        except ValidationError as exc:
            marks = marks_for(text, [tuple(error["loc"]) for error in exc.errors(include_url=False)])
            if marks is None:
                return _fast_path_errors(text, name)
            return LoadResult(name, None, _schema_diagnostics(exc, marks, model, name), text=text)
    except _FastPathProblem:
        # What libyaml says of the whole text, as the round-trip path would
        # report it: the duplicate key, and anything wrong after it.
        return LoadResult(name, diagnostics=[problem.at(name) for problem in _event_problems(text)], text=text)
    except (RecursionError, _FastPathRefused):
        return None


def _fast_path_errors(text: str, name: str) -> LoadResult | None:
    """Every schema error of a plan the fast path found invalid, read again and validated whole."""
    data = fast_load(text)
    model = plan_model(data)
    if model is None:
        return None
    try:
        validator_for(model).validate_python(data)
    except ValidationError as exc:
        nodes = _compose(text)
        if nodes is None:
            return None
        return LoadResult(name, None, _schema_diagnostics(exc, nodes, model, name), text=text, _positions=nodes)
    return None  # invalid item by item but valid whole: let the round-trip path decide


_ITEM_MODELS: dict[type[BaseModel], dict[str, type[BaseModel]]] = {}


def _validate_item(root: dict[str, Any], key: str, value: Any) -> Any:
    """An item of a top-level list as its model, if `kind` (read so far) says which; else as read."""
    model = plan_model(root)
    if model is None:
        return value
    items = _ITEM_MODELS.get(model)
    if items is None:
        items = _ITEM_MODELS[model] = _item_models(model)
    item_model = items.get(key)
    return value if item_model is None else validator_for(item_model).validate_python(value)


def _validate_item_or_keep(root: dict[str, Any], key: str, value: Any) -> Any:
    """An item of a top-level list as its model, or as read if it is not valid (the whole plan reports why)."""
    try:
        return _validate_item(root, key, value)
    except ValidationError:
        return value


def _item_models(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """{field: item model} for every field of ``model`` that is a sequence of models."""
    found = {}
    for field_name, info in model.model_fields.items():
        args = typing.get_args(info.annotation)
        item = args[0] if typing.get_origin(info.annotation) is tuple and args else None
        if isinstance(item, type) and issubclass(item, BaseModel):
            found[field_name] = item
    return found
