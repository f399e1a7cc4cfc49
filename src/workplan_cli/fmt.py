"""`workplan fmt`: rewrite plan files in canonical form, or report which would change."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic
from .errors import PathError
from .fsutil import write_atomic
from .loader import discover, format_text, read_text


@dataclass
class FormatResult:
    path: str
    changed: bool = False
    diff: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    io_error: str | None = None


def format_paths(paths: Sequence[Path], *, write: bool) -> list[FormatResult]:
    """Format every plan file under ``paths``; with ``write``, rewrite the changed ones atomically.

    A file that does not load is never written: its diagnostics are returned instead.
    """
    files = discover(paths)
    if not files:
        raise PathError(f"no plan files (*.yaml, *.yml) found in {', '.join(map(str, paths))}")
    results = []
    for path in files:
        result = FormatResult(str(path))
        results.append(result)
        try:
            text, problem = read_text(path)
        except PathError as exc:
            result.io_error = str(exc)
            continue
        if problem is not None or text is None:
            result.diagnostics = [problem] if problem else []
            continue
        formatted, diagnostics = format_text(text, str(path))
        if formatted is None:
            result.diagnostics = diagnostics
            continue
        if formatted != text:
            result.changed = True
            result.diff = "".join(
                difflib.unified_diff(
                    text.splitlines(True), formatted.splitlines(True), f"{path} (before)", f"{path} (formatted)"
                )
            )
            if write:
                try:
                    write_atomic(path, formatted)
                except PathError as exc:
                    result.io_error = str(exc)
    return results
