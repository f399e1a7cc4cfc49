"""A unified diff of two texts, line by line, in time and memory about linear in their length: what `fmt --diff` prints.

difflib's `SequenceMatcher` looks for the longest run of equal lines over
the whole of both texts, then again on each side of it: on a plan of
100,000 lines that `fmt` changes all through, minutes.  Here the texts are
compared a window of lines at a time.  In a window, lines are aligned on
those that occur exactly once on each side (a meeting's ``- id:`` line, a
title): the longest chain of such lines in the same order on both sides
(patience diff) cuts the window into short stretches, aligned the same way
in turn; difflib compares only a stretch left small without such lines, and
a large one is shown as removed and added whole.  What is aligned in the
first seven eighths of the window is kept, and the next window starts after
it; a window with nothing aligned there doubles.  The lines of a window are cut
from the texts as it is compared, so a large plan is never held as a list
of lines.  The diff may differ from difflib's where both are right; applied
to the first text (``patch``, ``git apply``) it gives the second exactly.
"""

from __future__ import annotations

import bisect
import difflib
from array import array
from collections.abc import Iterator
from itertools import accumulate, islice, repeat
from operator import add

# Lines compared at a time, on each side, at first.
_WINDOW = 2000
# The largest stretch (lines before × lines after) difflib compares; a larger one without
# a line unique to both sides is shown as removed and added whole.
_DIFFLIB_LIMIT = 250_000


class _Lines:
    """A text's lines, cut from it when asked for: where each starts is all that is kept."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = array("q", [0])
        at = 0
        while at < len(text):  # a megabyte at a time: the lines of a chunk are made, measured and let go
            end = text.find("\n", at + (1 << 20))
            end = len(text) if end < 0 else end + 1
            lengths = map(len, text[at:end].split("\n"))
            starts.extend(islice(accumulate(map(add, lengths, repeat(1)), initial=at), 1, None))
            starts.pop()  # one past the chunk's end
            at = end
        if starts[-1] != len(text):
            starts.append(len(text))  # the end of a last line without a line break
        self.starts = starts

    def __len__(self) -> int:
        return len(self.starts) - 1

    def cut(self, start: int, stop: int) -> list[str]:
        """Lines ``start`` to ``stop`` (from 0), each with its line break."""
        text, starts = self.text, self.starts
        return [text[starts[k] : starts[k + 1]] for k in range(start, stop)]


def unified_diff(
    before: str, after: str, from_name: str, to_name: str, context: int = 3, window: int = _WINDOW
) -> Iterator[str]:
    """The lines of a unified diff from ``before`` to ``after`` (nothing if they are equal).

    ``window`` is how many lines of each text are compared at first.  A text
    that does not end with a line break gets GNU diff's ``\\ No newline at
    end of file`` after its last line.
    """
    a, b = _Lines(before), _Lines(after)
    started = False
    for group in _grouped(_opcodes(_matching_blocks(a, b, window)), context):
        if not started:
            started = True
            yield f"--- {from_name}\n"
            yield f"+++ {to_name}\n"
        first, last = group[0], group[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from _signed(" ", a.cut(i1, i2))
                continue
            yield from _signed("-", a.cut(i1, i2))
            yield from _signed("+", b.cut(j1, j2))


def _signed(sign: str, lines: list[str]) -> Iterator[str]:
    for line in lines:
        yield sign + line if line.endswith("\n") else sign + line + "\n\\ No newline at end of file\n"


def _range(start: int, stop: int) -> str:
    """A hunk's range as unified diffs write it: first line (from 1) and length, the length left out if 1."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def _matching_blocks(a: _Lines, b: _Lines, first_window: int) -> list[tuple[int, int, int]]:
    """Runs of equal lines (i, j, n), ``a``'s lines i to i+n being ``b``'s j to j+n, in order,
    ending with (len(a), len(b), 0)."""
    blocks: list[tuple[int, int, int]] = []
    i = j = 0
    window = first_window
    while i < len(a) and j < len(b):
        end_a, end_b = min(len(a), i + window), min(len(b), j + window)
        found = _aligned(a.cut(i, end_a), b.cut(j, end_b))
        if end_a == len(a) and end_b == len(b):
            blocks.extend((i + x, j + y, n) for x, y, n in found)
            break
        # What is aligned near the window's end may belong with lines beyond it: kept up to 7/8.
        most_a, most_b = (end_a - i) * 7 // 8, (end_b - j) * 7 // 8
        kept = [(x, y, n) for x, y, n in found if x + n <= most_a and y + n <= most_b]
        if not kept:
            window *= 2
            continue
        blocks.extend((i + x, j + y, n) for x, y, n in kept)
        x, y, n = kept[-1]
        i, j, window = i + x + n, j + y + n, first_window
    merged: list[tuple[int, int, int]] = []
    for x, y, n in blocks:
        if merged and merged[-1][0] + merged[-1][2] == x and merged[-1][1] + merged[-1][2] == y:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + n)
        else:
            merged.append((x, y, n))
    merged.append((len(a), len(b), 0))
    return merged


def _aligned(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """Runs of equal lines (i, j, n) of two lists of lines, in order (patience diff, then difflib)."""
    blocks: list[tuple[int, int, int]] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        start_a, start_b = alo, blo
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            alo += 1
            blo += 1
        if alo > start_a:
            blocks.append((start_a, start_b, alo - start_a))
        end_a = ahi
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi -= 1
            bhi -= 1
        if ahi < end_a:
            blocks.append((ahi, bhi, end_a - ahi))
        if alo == ahi or blo == bhi:
            continue
        anchors = _anchors(a, alo, ahi, b, blo, bhi)
        if anchors:
            for i, j in anchors:
                if i > alo or j > blo:
                    stack.append((alo, i, blo, j))
                    blocks.append((i, j, 1))
                else:  # right after the last anchor: one run
                    x, y, n = blocks[-1]
                    blocks[-1] = (x, y, n + 1)
                alo, blo = i + 1, j + 1
            stack.append((alo, ahi, blo, bhi))
        elif (ahi - alo) * (bhi - blo) <= _DIFFLIB_LIMIT:
            matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            blocks.extend((alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n)
    blocks.sort()
    return blocks


def _anchors(a: list[str], alo: int, ahi: int, b: list[str], blo: int, bhi: int) -> list[tuple[int, int]]:
    """The longest chain of lines that occur once in ``a[alo:ahi]`` and once in ``b[blo:bhi]``, in the same order in both."""
    once_a: dict[str, int] = {}
    for i in range(alo, ahi):
        line = a[i]
        once_a[line] = -1 if line in once_a else i
    once_b: dict[str, int] = {}
    for j in range(blo, bhi):
        line = b[j]
        if once_a.get(line, -1) >= 0:
            once_b[line] = -1 if line in once_b else j
    pairs = sorted((once_a[line], j) for line, j in once_b.items() if j >= 0)
    if not pairs:
        return []
    # Patience sorting: the longest chain of pairs increasing in j (they are sorted by i).
    tops: list[int] = []  # the j ending the best chain of each length
    ends: list[int] = []  # ... the index in pairs of that pair
    back = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tops, j)
        if length == len(tops):
            tops.append(j)
            ends.append(k)
        else:
            tops[length] = j
            ends[length] = k
        back[k] = ends[length - 1] if length else -1
    chain = []
    k = ends[-1]
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    chain.reverse()
    return chain


def _opcodes(blocks: list[tuple[int, int, int]]) -> list[tuple[str, int, int, int, int]]:
    """The edits that turn ``a`` into ``b``, as `difflib.SequenceMatcher.get_opcodes` gives them."""
    codes = []
    i = j = 0
    for ai, bj, size in blocks:
        if i < ai and j < bj:
            codes.append(("replace", i, ai, j, bj))
        elif i < ai:
            codes.append(("delete", i, ai, j, bj))
        elif j < bj:
            codes.append(("insert", i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            codes.append(("equal", ai, i, bj, j))
    return codes


def _grouped(
    codes: list[tuple[str, int, int, int, int]], context: int
) -> Iterator[list[tuple[str, int, int, int, int]]]:
    """The edits in hunks with up to ``context`` equal lines around them, as
    `difflib.SequenceMatcher.get_grouped_opcodes` groups them."""
    if not codes:
        return
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)
    group: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * context:
            group.append((tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - context), max(j1, j2 - context)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group
