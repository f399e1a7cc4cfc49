"""Pydantic's validation errors as diagnostics at the line and column of what they are about; the kind and version check."""

from __future__ import annotations

import difflib
import types
import typing
from collections import Counter
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import diagnostics as d
from ..diagnostics import Diagnostic
from ..models import MODEL_BY_KIND, SCHEMA_VERSION, fields_of, plan_model
from ..models.scalars import unaliased
from .positions import _key_of, locate

# --- kind and schema version -----------------------------------------------------


def _model_for(document: Any, name: str, out: list[Diagnostic]) -> type[BaseModel] | None:
    """The model the document means (`models.plan_model`); else None, with a diagnostic in ``out`` saying why."""
    model = plan_model(document)
    if model is not None:
        return model
    kinds = ", ".join(sorted(MODEL_BY_KIND))
    if "kind" not in document:
        out.append(
            d.UNKNOWN_KIND.at(name, 1, 1, f"missing required key 'kind'; say which kind of plan this is ({kinds})")
        )
        return None
    kind = document["kind"]
    if not isinstance(kind, str) or kind not in MODEL_BY_KIND:
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
    line, column = locate(document, ("schema_version",))
    out.append(
        d.SCHEMA_VERSION.at(
            name,
            line,
            column,
            f"unsupported schema_version {document['schema_version']!r}; this version of workplan reads schema_version: {SCHEMA_VERSION}",
        )
    )
    return None


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
    """Strip Optional[...], Annotated[...] and scalar type names down to the model or list type."""
    while True:
        annotation = unaliased(annotation)
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
