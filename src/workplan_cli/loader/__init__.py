"""Reading plan files: the only package that touches ruamel.yaml.

`load_plan` turns a path into a validated model or a list of diagnostics, each
with the line and column of the offending key or value.  Nothing here raises
for bad *content*; only a path that cannot be read at all raises `PathError`.

The package's modules, one job each: `reading` (files and folders), `syntax`
(what libyaml finds wrong in a text), `scalars` (YAML 1.2 values without
ruamel.yaml), `fastpath` (libyaml into models), `roundtrip` (ruamel.yaml),
`positions` (lines and columns), `schema_errors` (pydantic's errors as
diagnostics), `events` (what every loop over libyaml's events shares).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .fastpath import ListMarks, _fast_path, _fast_plan, fast_load
from .positions import locate
from .reading import discover, no_plan_files, plan_files, read_text
from .result import LoadResult
from .roundtrip import _round_trip_plan, _yaml, _yaml_error
from .scalars import MAX_NUMBER_LENGTH, _yaml12_resolvers
from .syntax import gaps_between_tokens, text_problem

__all__ = [
    "MAX_NUMBER_LENGTH",
    "ListMarks",
    "LoadResult",
    "_fast_path",
    "_fast_plan",
    "_round_trip_plan",
    "_yaml",
    "_yaml12_resolvers",
    "_yaml_error",
    "discover",
    "fast_load",
    "gaps_between_tokens",
    "load_plan",
    "locate",
    "no_plan_files",
    "parse_plan",
    "plan_files",
    "read_text",
    "text_problem",
]


def load_plan(path: str | os.PathLike[str]) -> LoadResult:
    """Load and validate one plan file (a path or its name)."""
    path = Path(path)
    name = str(path)
    result = LoadResult(name)
    text, problem = read_text(path)
    if problem is not None:
        result.diagnostics.append(problem)
        return result
    assert text is not None
    return parse_plan(text, name)


def parse_plan(text: str, name: str, marks: dict[tuple[Any, ...], ListMarks] | None = None) -> LoadResult:
    """Parse and validate plan text; ``name`` is used in diagnostics.

    A valid plan goes through the fast path (libyaml's C parser, read with the
    same YAML 1.2 rules as the round-trip parser); anything else, or anything
    the fast path is unsure of, through the round-trip parser, whose positions
    every diagnostic carries.  ``marks``, if given, receives where the lists of
    a plan read by the fast path and their items are (`ListMarks`); it stays
    empty for a plan read any other way.
    """
    problem = text_problem(text)
    if problem is not None:
        return LoadResult(name, diagnostics=[problem.at(name)], text=text)
    result = _fast_path(text, name, marks)
    if result is not None:
        return result
    return _round_trip_plan(text, name)
