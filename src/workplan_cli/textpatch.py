"""Changing a plan's text exactly where an edit means: its lines, and replacements of characters in it.

An edit works on the file's text, never on a re-dumped document: libyaml's
marks give the line and column of the scalar to change (or the line after
which to insert), and only those characters change (`Replace`).  Comments,
quoting, key order and blank lines stay byte for byte.  `Lines` turns
libyaml's marks into positions in the text and knows how its lines end (LF,
CRLF or CR, a byte-order mark before them); `patched` makes the new text in
pieces, so that a large plan is written without a second copy of it.

Where the things to change are, and whether they may be changed, is read from
the node tree (`nodetree`); that the new text is the old one with exactly the
intended change is proved by `intent` (and `editcheck`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import EditRefused

LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Lines:
    """A text's lines around libyaml's marks: where a line starts, where the next one does, how they end.

    Lines may end in LF, CRLF or CR, mixed or not: a new line takes the ending
    of the line it is inserted after.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # libyaml reads past a byte-order mark that starts the text without counting it.
        self.skipped = 1 if text.startswith("\ufeff") else 0

    def offset(self, mark: Any) -> int:
        """The position in the text of a libyaml mark (its ``index`` counts characters, as Python does)."""
        return int(mark.index) + self.skipped

    def line_start(self, offset: int) -> int:
        """The start of the line holding ``offset``."""
        return line_start(self.text, offset)

    def next_line(self, offset: int) -> int:
        """The start of the line after the one holding ``offset`` (the text's end if there is none)."""
        found = LINE_BREAK.search(self.text, offset)
        return found.end() if found else len(self.text)

    def ending_before(self, at: int) -> str:
        """The line ending a line inserted at ``at`` (a line start) takes: that of the line above it."""
        if at >= 2 and self.text[at - 2 : at] == "\r\n":
            return "\r\n"
        if at >= 1 and self.text[at - 1] in "\r\n":
            return self.text[at - 1]
        found = LINE_BREAK.search(self.text)
        return found.group(0) if found else "\n"


def line_start(text: str, offset: int) -> int:
    """The start of the line of ``text`` holding ``offset`` (after LF, CRLF or CR)."""
    newline = text.rfind("\n", 0, offset)
    return max(newline, text.rfind("\r", newline + 1, offset)) + 1


@dataclass(frozen=True)
class Replace:
    """Characters ``start:end`` of the text become ``text``."""

    start: int
    end: int
    text: str


def in_order(replacements: Sequence[Replace]) -> list[Replace]:
    """``replacements`` in text order; `EditRefused` if two fall on the same characters."""
    ordered = sorted(replacements, key=lambda r: r.start)
    for before, after in itertools.pairwise(ordered):
        if after.start < before.end or (after.start == before.start and before.start != before.end):
            raise EditRefused("two changes of this edit fall on the same characters; nothing written")
    return ordered


def patched(text: str, replacements: Sequence[Replace], block: int = 1 << 20) -> Iterator[str]:
    """The text with ``replacements`` made, in pieces of at most about ``block`` characters (no piece is the
    whole text: a plan of many megabytes is written without a second copy of it in memory)."""
    at = 0
    for r in [*in_order(replacements), Replace(len(text), len(text), "")]:
        for start in range(at, r.start, block):
            yield text[start : min(start + block, r.start)]
        yield r.text
        at = r.end


def apply(text: str, replacements: Sequence[Replace]) -> str:
    return "".join(patched(text, replacements))


def insert_lines(lines: Lines, at: int, new_lines: Sequence[str]) -> Replace:
    """New lines at ``at`` (a line start, or the text's end), each ending as the line above them does."""
    newline = lines.ending_before(at)
    body = "".join(line + newline for line in new_lines)
    if at == len(lines.text) and lines.text and not lines.text.endswith(("\n", "\r")):
        body = newline + body
    return Replace(at, at, body)
