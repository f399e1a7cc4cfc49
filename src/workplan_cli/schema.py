"""JSON Schema (draft-07, as the YAML language server reads it) generated from the models.

Pydantic writes an optional field as ``anyOf: [X, {type: null}]`` with
``default: null``.  Editors handle that badly: the YAML language server joins
the branches' titles on hover ("Title || Title"), shows a branch's generic
description instead of the field's own, and completes ``title: null``.  So
the exported schema says the same thing flat: ``type: [X, "null"]`` with the
field's title and description, and no null default.  Null stays allowed,
because the CLI accepts an empty value for an optional field.

The scalar types (`models.scalars.SCALAR_TYPES`: dates, times, ids…) are
written out where each field uses them, with the field's own title and
description, rather than as references: on hover an editor then shows the
field, not the type.
"""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from .models import MODEL_BY_KIND
from .models.scalars import SCALAR_TYPES
from .text import dumps

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
_NULL = {"type": "null"}


def json_schema(kind: str) -> dict[str, Any]:
    """The draft-07 JSON Schema of one kind of plan file, tidied for editors."""
    model = MODEL_BY_KIND[kind]
    schema = model.model_json_schema(ref_template="#/definitions/{model}", schema_generator=_Generator)
    definitions = schema.pop("$defs", {})
    scalars = {name: definitions.pop(name) for name in _SCALAR_NAMES if name in definitions}
    schema = _written_out(schema, scalars)
    definitions = _written_out(definitions, scalars)
    out: dict[str, Any] = {
        "$schema": DRAFT_07,
        **schema,
    }
    if definitions:
        out["definitions"] = definitions
    _tidy(out)
    return out


_SCALAR_NAMES = [alias.__name__ for alias in SCALAR_TYPES]
_SCALAR_REFS = tuple(f"{alias.__module__}.{alias.__name__}:" for alias in SCALAR_TYPES)


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, giving a field of a scalar type the title (from its name) that a plain type gets."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        ref = schema.get("schema_ref") if schema.get("type") == "definition-ref" else schema.get("ref")
        if isinstance(ref, str) and ref.startswith(_SCALAR_REFS):
            return True
        return super().field_title_should_be_set(schema)


def _written_out(node: Any, scalars: dict[str, Any]) -> Any:
    """``node`` with each reference to a scalar type replaced by the type's schema; the field's own keys win."""
    if isinstance(node, list):
        return [_written_out(item, scalars) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    name = ref.removeprefix("#/definitions/") if isinstance(ref, str) else None
    if name in scalars:
        own = {key: _written_out(value, scalars) for key, value in node.items() if key != "$ref"}
        return dict(sorted({**scalars[name], **own}.items()))
    return {key: _written_out(value, scalars) for key, value in node.items()}


def _tidy(node: Any) -> None:
    """Flatten optional fields and drop null defaults, everywhere below ``node``."""
    if isinstance(node, list):
        for item in node:
            _tidy(item)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _tidy(value)
    if "default" in node and node["default"] is None:
        del node["default"]
    branches = node.get("anyOf")
    if isinstance(branches, list) and len(branches) == 2 and _NULL in branches:
        (other,) = [branch for branch in branches if branch != _NULL]
        # A reference stays a branch: merging it would lose the definition's name.
        if "type" in other and "$ref" not in other:
            types = other["type"] if isinstance(other["type"], list) else [other["type"]]
            flat = {key: value for key, value in other.items() if key not in ("title", "description")}
            flat["type"] = [*types, "null"]
            del node["anyOf"]
            # The field's own title, description and examples win over the type's.
            merged = {**flat, **node}
            node.clear()
            node.update(sorted(merged.items()))


def schema_text(kind: str) -> str:
    return dumps(json_schema(kind))
