"""The lines `fmt` keeps as they are written: end-of-line comments, comment lines, blank lines, folded texts.

The event pass (`canonical`) copies what lies between two events, and the
lines of a folded text, with these.  Each appends to the writer's list of
pieces (``out``) and raises `NotCertain` where ruamel.yaml's round trip would
not keep the lines as they are: a line of spaces, a comment moved to another
indentation with a folded text, a line that its emitter might break.
"""

from __future__ import annotations

import re
from typing import Any

from .scalarstyle import MAX_SCALAR, NotCertain

# A line longer than this could be broken by ruamel.yaml's emitter (width 4096).
MAX_LINE = 2000
# What may follow the last line break before the next token: the indentation and a list's dash.
NEXT_LINE = re.compile(r" *(?:- +)?")
_COMMENT_LINE = re.compile(r" *#[^\n]*")
_BLANK_OR_COMMENT_LINES = re.compile(r"(?: *(?:#[^\n]*)?\n)*")
_COLON_BREAK = re.compile(r" *: *\n *")


def trailer(text: str, start: int, end: int, out: list[str], line_open: bool) -> int:
    """Copy what ``text[start:end]`` holds before the next token: the rest of a value's line
    (``line_open``: its end-of-line comment), then comment lines and blank lines.

    Returns the index in ``out`` of the piece with those lines, or -1 if there are none.
    """
    lines = text[start:end].split("\n")
    if not NEXT_LINE.fullmatch(lines.pop()):
        raise NotCertain
    if line_open:  # the last piece is the value's, with its line break
        if not lines:
            raise NotCertain  # the next token on the value's line
        out[-1] = out[-1][:-1]
        out[-1] += _line_end(text, start, lines.pop(0), out)
    for line in lines:
        if line and not _COMMENT_LINE.fullmatch(line):
            raise NotCertain  # a line of spaces: ruamel.yaml does not keep them
    if not lines:
        return -1
    out.append("".join(line + "\n" for line in lines))
    return len(out) - 1


def _line_end(text: str, start: int, rest: str, out: list[str]) -> str:
    """How a written line ends: ``rest`` is what follows its last token up to the line break, from
    ``start`` in ``text``.  Its comment keeps its column, as ruamel.yaml keeps it, one space after
    the line's text at least; spaces alone are dropped."""
    at = rest.find("#")
    if at < 0:
        if rest.strip(" "):
            raise NotCertain
        return "\n"
    comment = rest[at:]
    column = start + at - text.rfind("\n", 0, start) - 1
    if rest[:at].strip(" ") or comment.endswith(" ") or column + len(comment) > MAX_LINE:
        raise NotCertain
    return " " * max(column - _column(out), 1) + comment + "\n"


def _column(out: list[str]) -> int:
    """The column the output has reached on its last line."""
    column = 0
    for piece in reversed(out):
        at = piece.rfind("\n")
        if at >= 0:
            return column + len(piece) - at - 1
        column += len(piece)
    return column


def block_after_key(text: str, start: int, end: int, out: list[str]) -> bool:
    """Write the end of a key's line whose value is a block below it, then the comment and blank
    lines between them; True if the key's line has a comment."""
    if _COLON_BREAK.fullmatch(text, start, end):
        out.append("\n")
        return False
    lines = text[start:end].split("\n")
    first = lines[0]
    colon = first.find(":")
    if colon < 0 or first[:colon].strip(" ") or len(lines) < 2 or lines[-1].strip(" "):
        raise NotCertain
    ending = _line_end(text, start + colon + 1, first[colon + 1 :], out)
    between = lines[1:-1]
    for line in between:
        if line and not _COMMENT_LINE.fullmatch(line):
            raise NotCertain
    out.append(ending + "".join(line + "\n" for line in between))
    return ending != "\n"


def folded(text: str, event: Any, col: int, item: bool, out: list[str]) -> int:
    """A folded block scalar (``>-``) in block context, written line for line as in the file: after its key
    or, with ``item``, as an item of a list, whose keys or dashes ``fmt`` writes at column ``col``.

    Returns where its last line ends in ``text``: the blank lines after it are copied as the lines after a value.
    Comment lines after it are not certain if its lines move to another indentation: ruamel.yaml moves them too.
    """
    value: str = event.value
    start: int = event.start_mark.index
    source = text[start : event.end_mark.index].rstrip("\n")
    header, _, body = source.partition("\n")
    lines = body.split("\n")
    margin = len(lines[0]) - len(lines[0].lstrip(" "))  # the file's indentation; fmt's is col + 2
    kept = []
    for line in lines:
        stripped = line.strip()  # a fold next to any other space (isspace) is not kept as a fold
        if not stripped or line != " " * margin + stripped or len(line) > MAX_LINE:
            raise NotCertain
        kept.append(stripped)
    indent = col + 2
    if header != ">-" or " ".join(kept) != value or len(value) > 10 * MAX_SCALAR:
        raise NotCertain
    end = start + len(source) + 1
    after = _BLANK_OR_COMMENT_LINES.match(text, end)
    if margin != indent and after is not None and "#" in after.group():
        raise NotCertain
    out.append(" " * col + "- >-\n" if item else " >-\n")
    out.extend(" " * indent + line + "\n" for line in kept)
    return end
