"""`workplan fmt`: rewrite plan files in canonical form, or report which would change.

The canonical form is what ruamel.yaml's round-trip document, which keeps
comments and blank lines, gives once its keys are in the schema's order and
its scalars normalised (`_canonical`), dumped as `_dumper` sets it up.
Reading a large plan that way takes seconds for every thousand meetings and
many times the file in memory, so `canonical_text` (canonical.py) first writes
the same text from libyaml's events where it is certain to; the round trip
does the rest.  Before anything is written, the result is read back: `fmt`
refuses (WP017) to write a file whose plan would change or whose comments
would not all survive, so a formatter bug can never cost a user their data.
`--diff` shows the change as a unified diff (`linediff.py`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import diagnostics as d
from .canonical import canonical_text
from .diagnostics import Diagnostic
from .errors import PathError
from .fsutil import write_atomic
from .linediff import unified_diff
from .loader import (
    LoadResult,
    _yaml,
    _yaml_error,
    fast_load,
    gaps_between_tokens,
    parse_plan,
    plan_files,
    read_text,
)
from .loader.scalars import _FastPathRefused
from .models import fields_of, is_record, precision
from .models.scalars import hh_mm


@dataclass
class FormatResult:
    path: str
    changed: bool = False
    diff: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    io_error: str | None = None


def format_paths(paths: Sequence[Path], *, write: bool, diff: bool = False) -> list[FormatResult]:
    """Format every plan file under ``paths``; with ``write``, rewrite the changed ones atomically.

    A file that does not load is never written: its diagnostics are returned
    instead.  The unified diff is built only when ``diff`` asks for it.
    Checking (no ``write``) takes the text from `canonical_text`, or without
    ``diff`` the verdict from `_judge_loaded`, without reading it back: where
    they are certain, so is the answer; only what is written is read back.
    """
    files = plan_files(paths)
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
        if not write and "\r" not in text:
            verdict, formatted, diagnostics = _checked(text, str(path), diff)
            if verdict is not None:
                result.changed = verdict
                continue
        else:
            formatted, diagnostics = format_text(text, str(path))
        if formatted is None:
            result.diagnostics = diagnostics
            continue
        if formatted != text:
            result.changed = True
            if diff:
                result.diff = "".join(unified_diff(text, formatted, f"{path}\t(before)", f"{path}\t(formatted)"))
            if write:
                try:
                    write_atomic(path, formatted)
                except PathError as exc:
                    result.io_error = str(exc)
    return results


def _checked(text: str, name: str, diff: bool) -> tuple[bool | None, str | None, list[Diagnostic]]:
    """What checking ``text`` (no CR) finds: a verdict where `_judge_loaded` is certain without a text
    (not for ``diff``), else the text `fmt` would write, or the diagnostics that prevent it."""
    loaded = parse_plan(text, name)
    formatted = canonical_text(text, loaded)
    if formatted is not None:
        return None, formatted, []
    verdict = None if diff else _judge_loaded(text, loaded)
    if verdict is not None:
        return verdict, None, []
    return None, *_round_trip_format(text, loaded, False, name)


def format_text(text: str, name: str) -> tuple[str | None, list[Diagnostic]]:
    """The canonical form of a plan's text, or the diagnostics that prevent formatting.

    Canonical: keys in the schema's order, times and paragraph labels in double
    quotes, dates as ISO dates, two-space indentation; comments and blank lines
    kept, and the file's line endings (LF or CRLF) kept.  Only a plan that
    loads without errors is formatted, and only a result that reads back as
    the same plan with every comment is returned.
    """
    crlf = "\r\n" in text and text.count("\r\n") * 2 > text.count("\n")
    source = text.replace("\r\n", "\n") if crlf else text
    loaded = parse_plan(source, name)
    return _format_loaded(source, loaded, crlf, name)


def _format_loaded(source: str, loaded: LoadResult, crlf: bool, name: str) -> tuple[str | None, list[Diagnostic]]:
    """`format_text` once ``source`` (LF line endings) has been loaded."""
    if loaded.plan is None:
        return None, loaded.diagnostics
    fast = canonical_text(source, loaded)
    if fast is not None and (fast == source or _reads_back(source, fast, loaded.plan, name)):
        return (fast.replace("\n", "\r\n") if crlf else fast), []
    # Not certain, or not the same plan: the round trip decides, and says why it refuses.
    return _round_trip_format(source, loaded, crlf, name)


def _reads_back(before: str, after: str, plan: Any, name: str) -> bool:
    """True if ``after``, written by `canonical_text`, is the same plan as ``before`` with as many comments.

    `canonical_text` copies every comment of the file as it is, or gives up;
    what is left to check is that each is still a comment: every ``#`` outside
    a comment is in a text of the plan, which must read back the same.
    """
    return before.count("#") == after.count("#") and parse_plan(after, name).plan == plan


def _round_trip_format(source: str, loaded: LoadResult, crlf: bool, name: str) -> tuple[str | None, list[Diagnostic]]:
    """`_format_loaded` by ruamel.yaml's round trip."""
    if loaded.plan is None:
        return None, loaded.diagnostics
    from ruamel.yaml.error import YAMLError

    try:
        document = loaded.document
    except YAMLError as exc:  # what libyaml accepted and ruamel.yaml cannot read
        return None, [_yaml_error(exc, name)]
    _canonical(document, loaded.plan)
    _double_quote_where_needed(document)
    formatted = _dump(document)
    # The same text is the same plan with the same comments: nothing to check.
    refusal = None if formatted == source else _refusal(source, formatted, loaded.plan, name)
    if refusal is not None and _block_style_where_commented(document):
        formatted = _dump(document)
        refusal = _refusal(source, formatted, loaded.plan, name)
    if refusal is not None:
        return None, [refusal]
    return (formatted.replace("\n", "\r\n") if crlf else formatted), []


def judge_text(text: str, name: str) -> tuple[bool | None, list[Diagnostic]]:
    """Whether `format_text` would change ``text``, decided without ruamel.yaml where that is certain.

    (True, []) when the text must change and formatting would succeed; (None,
    diagnostics) when the plan does not load (what `format_text` reports);
    (None, []) when only the round trip can tell.  Certain here: a plan read
    by libyaml with no comment, anchor, alias, tag, directive or document
    marker, one of whose mappings has its keys out of the schema's order
    (`_canonical` moves them, so the text changes; with no comment, nothing
    can make `_refusal` refuse it).  `tests/unit/test_fmt.py` checks the verdict
    against `format_text` on many variants of the bundled plans.
    """
    if "\r" in text:  # line endings: left to format_text
        return None, []
    loaded = parse_plan(text, name)
    return _judge_loaded(text, loaded), loaded.diagnostics if loaded.plan is None else []


def _judge_loaded(text: str, loaded: LoadResult) -> bool | None:
    """`judge_text`'s verdict once ``text`` (no CR) has been loaded."""
    if loaded.plan is None or not _plain_constructs(text):
        return None
    try:
        data = fast_load(text)
    except _FastPathRefused:
        return None
    return True if _out_of_order(data, loaded.plan) else None


def _plain_constructs(text: str) -> bool:
    """True if libyaml's tokens hold no comment, anchor, alias, tag, directive or document marker."""
    import yaml
    from yaml import tokens as tk

    refused = (
        tk.AnchorToken,
        tk.AliasToken,
        tk.TagToken,
        tk.DirectiveToken,
        tk.DocumentStartToken,
        tk.DocumentEndToken,
    )
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    end = 0
    try:
        for token in yaml.scan(text, Loader=loader):
            start = token.start_mark.index
            if isinstance(token, refused) or (start > end and "#" in text[end:start]):
                return False
            end = max(end, token.end_mark.index)
    except yaml.YAMLError:
        return False
    return "#" not in text[end:]


def _out_of_order(data: Any, model: Any) -> bool:
    """True if a mapping that `_canonical` visits has its keys out of ``model``'s field order."""
    stack = [(data, model)]
    while stack:
        node, record = stack.pop()
        fields = list(fields_of(type(record)))
        order = [k for k in fields if k in node] + [k for k in node if k not in fields]
        if list(node) != order:
            return True
        for key, raw in node.items():
            value = getattr(record, key, None)
            if is_record(value) and isinstance(raw, dict):
                stack.append((raw, value))
            elif isinstance(value, tuple) and isinstance(raw, list):
                stack.extend(
                    (raw[i], item) for i, item in enumerate(value) if is_record(item) and isinstance(raw[i], dict)
                )
    return False


def _refusal(before: str, after: str, plan: Any, name: str) -> Diagnostic | None:
    """Why ``after`` must not replace ``before``: another plan, or a comment gone; None if safe."""
    reread = parse_plan(after, name)
    if reread.plan != plan:
        return d.UNSAFE_FORMAT.at(
            name,
            1,
            1,
            "fmt would change what this plan means, so the file was left as it is; please report this as a workplan bug",
        )
    kept = Counter(_comments(after))
    for line, comment in _located_comments(before):
        if kept[comment] > 0:
            kept[comment] -= 1
            continue
        return d.UNSAFE_FORMAT.at(
            name,
            line,
            1,
            f"fmt cannot keep the comment {comment!r} here, so the file was left as it is; move it to a line of its own outside brackets",
        )
    return None


def _comments(text: str) -> list[str]:
    return [comment for _, comment in _located_comments(text)]


def _located_comments(text: str) -> list[tuple[int, str]]:
    """(line, text) of every comment: what lies after ``#`` between YAML tokens."""
    found: list[tuple[int, str]] = []
    line = counted = 0  # lines are counted as the scan moves on, never from the start again
    for start, end in gaps_between_tokens(text):
        for match in re.finditer(r"#[^\n]*", text[start:end]):
            offset = start + match.start()
            line += text.count("\n", counted, offset)
            counted = offset
            found.append((line + 1, match.group().rstrip()))
    return found


# Characters some YAML readers take for line breaks (libyaml reads YAML 1.1,
# where they are), and control characters: text holding one is written in
# double quotes, where it becomes an escape (\L, \P, \N, \x1b).
_NEEDS_ESCAPE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _double_quote_where_needed(document: Any) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, CommentedMap):
            for key, value in node.items():
                if isinstance(value, str) and _NEEDS_ESCAPE.search(value):
                    node[key] = DoubleQuotedScalarString(value)
                else:
                    stack.append(value)
        elif isinstance(node, CommentedSeq):
            for index, value in enumerate(node):
                if isinstance(value, str) and _NEEDS_ESCAPE.search(value):
                    node[index] = DoubleQuotedScalarString(value)
                else:
                    stack.append(value)


def _dump(document: Any) -> str:
    stream = io.StringIO()
    _dumper().dump(document, stream)
    return stream.getvalue()


def _block_style_where_commented(document: Any) -> bool:
    """Write in block style every flow list or mapping (``[a, b]``) that holds a comment; True if any.

    ruamel.yaml reads comments inside brackets but cannot write them back in
    flow style; in block style each one is kept.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    changed = False
    stack = [document]
    while stack:
        node = stack.pop()
        if not isinstance(node, (CommentedMap, CommentedSeq)):
            continue
        comment = node.ca
        if node.fa.flow_style() and (comment.items or comment.end or any(comment.comment or ())):
            node.fa.set_block_style()
            changed = True
        stack.extend(node.values() if isinstance(node, CommentedMap) else node)
    return changed


def _dumper() -> Any:
    yaml = _yaml()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap a hand-written line
    yaml.preserve_quotes = False
    return yaml


def _canonical(node: Any, model: Any) -> None:
    """Reorder ``node``'s keys as ``model``'s fields and normalise its scalars in place."""

    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    fields = list(fields_of(type(model)))
    order = [k for k in fields if k in node] + [k for k in node if k not in fields]
    if list(node) != order:
        last = list(node)[-1]
        for key in order:
            node.move_to_end(key)
        _move_trailing_comment(node, last, order[-1])
    for key in list(node):
        value = getattr(model, key, None)
        raw = node[key]
        if is_record(value) and isinstance(raw, CommentedMap):
            _canonical(raw, value)
        elif isinstance(value, tuple) and isinstance(raw, CommentedSeq):
            for i, item in enumerate(value):
                if is_record(item) and isinstance(raw[i], CommentedMap):
                    _canonical(raw[i], item)
                elif key == "paragraphs" and isinstance(item, str):
                    raw[i] = DoubleQuotedScalarString(item)
        elif isinstance(value, dt.time):
            node[key] = DoubleQuotedScalarString(hh_mm(value))
        elif isinstance(value, dt.date) and not isinstance(raw, dt.date):
            node[key] = _period_scalar(value)
        elif key == "label" and isinstance(value, str):
            node[key] = DoubleQuotedScalarString(value)


def _period_scalar(value: dt.date) -> Any:
    """A date as `fmt` writes it: a date, or a month (``2002-08``) or year (``2002``) as the plan gave it."""
    kind = precision(value)
    if kind == "year":
        return value.year
    if kind == "month":
        return value.isoformat()
    return value


def _move_trailing_comment(node: Any, old_last: Any, new_last: Any) -> None:
    """Keep the blank lines and comments that follow a mapping at its end after a reorder.

    ruamel.yaml attaches what follows a mapping's last value (blank lines, a
    comment introducing the next section) to that last key; when the key moves,
    only its own end-of-line comment goes with it.
    """
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    if old_last == new_last:
        return
    entry = node.ca.items.get(old_last)
    token = entry[2] if entry and len(entry) > 2 else None
    if token is None or "\n" not in token.value:
        return
    own, _, trailing = token.value.partition("\n")
    if not trailing:
        return
    entry[2] = CommentToken(own + "\n", token.start_mark) if own.strip() else None
    target = node.ca.items.setdefault(new_last, [None, None, None, None])
    if target[2] is None:
        target[2] = CommentToken("\n" + trailing, CommentMark(0))
    else:
        target[2] = CommentToken(target[2].value + trailing, target[2].start_mark)


def scalar_yaml(value: str) -> str:
    """``value`` written as `fmt` writes a text after a key: plain, 'single' or "double" quoted, on one line.

    The editing commands insert text this way, so `fmt --check` passes on what they write.
    """
    from ruamel.yaml.comments import CommentedMap

    document = CommentedMap([("k", value)])
    _double_quote_where_needed(document)
    return _dump(document).removeprefix("k: ").removesuffix("\n")
