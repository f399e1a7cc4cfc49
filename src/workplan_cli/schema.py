"""JSON Schema (draft-07, as the YAML language server reads it) generated from the models."""

from __future__ import annotations

import json
from typing import Any

from .models import MODEL_BY_KIND

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def json_schema(kind: str) -> dict[str, Any]:
    """The draft-07 JSON Schema of one kind of plan file."""
    model = MODEL_BY_KIND[kind]
    schema = model.model_json_schema(ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", {})
    out: dict[str, Any] = {
        "$schema": DRAFT_07,
        **schema,
    }
    if definitions:
        out["definitions"] = definitions
    return out


def schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
