"""Laying text out in a terminal: lines no wider than the terminal, titles wrapped at spaces, columns that fit.

Text is laid out for a terminal of a given width (80 when piped): every line
fits, titles wrap at spaces and are never cut.  Where a table would leave its
title column narrower than `MIN_TITLE` cells (and than its longest title), each
entry is stacked instead, as terminal calendars do: a line with the day, time
and kind, the title wrapped beneath it.  Plan text goes through `text.visible`
(no escape sequence reaches the terminal) and into `rich.text.Text` objects,
never into Rich markup.  The only module that lays text out with Rich.
"""

from __future__ import annotations

from collections.abc import Sequence

from .i18n import current
from .text import visible
from .typography import punctuate

# Cells: below 30 a title column cuts titles into word stubs; at 30-40 the long
# titles of the bundled plans take three or four lines each, which reads worse
# than stacking them.
MIN_TITLE = 40


INDENT = 4  # cells: where a stacked entry's title starts


GAP = "  "  # between columns and between the fields of a stacked line


GLUE = "\u00a0"  # a space that `wrap` does not break at


def wrap(text: str, width: int, first: int | None = None) -> list[str]:
    """``text`` on lines of at most ``width`` cells (``first`` for the first line), broken at spaces.

    Only spaces break a line: `GLUE` (a no-break space) holds words together
    and is shown as a space; no line ends in one.  A word wider than a whole line (a long document
    symbol or link) is split.
    """
    from rich.cells import cell_len

    lines: list[str] = []
    line = ""

    def room() -> int:
        return max(first if first is not None and not lines else width, 1)

    for word in filter(None, text.split(" ")):
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= room():
            line = candidate
            continue
        if line:
            lines.append(line)
        elif first is not None and not lines and cell_len(word) <= max(width, 1):
            lines.append("")  # the first line is too short for this word: start it on the next one
        while cell_len(word) > room():
            cut = room()
            while cell_len(word[:cut]) > room():
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    out = [*lines, line] if line or not lines else lines
    # Glue where a line ends shows nothing; a piece of nothing but glue (a long word cut there) is no line.
    shown = [piece.replace(GLUE, " ").rstrip(" ") for piece in out]
    return [piece for n, piece in enumerate(shown) if piece or n == 0]


class Screen:
    """Lines of styled text no wider than ``width`` cells; plan text is made `visible` on the way in."""

    def __init__(self, width: int) -> None:
        from rich.text import Text

        self.width = max(width, 20)
        self.text = Text()
        self._empty = True

    def _newline(self) -> None:
        if not self._empty:
            self.text.append("\n")
        self._empty = False

    def line(self, *parts: tuple[str, str]) -> None:
        """One line of (text, style) parts, as given (the caller keeps it narrow enough)."""
        self._newline()
        for part, style in parts:
            self.text.append(visible(punctuate(part, current())), style)

    def blank(self) -> None:
        self._newline()

    def para(
        self, text: str, indent: int = 0, style: str = "", lead: str = "", lead_style: str = "", code: bool = False
    ) -> None:
        """``text`` wrapped at ``indent``, after ``lead`` on its first line (padded to ``indent`` if shorter).

        ``code`` is for text that is data, not words (JSON): it is not punctuated as the language writes words.
        """
        from rich.cells import cell_len

        lang = current()
        first = visible(punctuate(lead, lang)).ljust(indent) if lead else " " * indent
        shown = text if code else punctuate(text, lang)
        pieces = wrap(visible(shown), self.width - indent, first=self.width - cell_len(first))
        for n, piece in enumerate(pieces):
            self._newline()
            margin = first if n == 0 else " " * indent
            # No line ends in blanks: with nothing after it, the lead is not padded (`30.b` with no subject).
            self.text.append(margin if piece else margin.rstrip(), lead_style if n == 0 and lead else "")
            self.text.append(piece, style)

    def fields(self, parts: Sequence[tuple[str, str]]) -> None:
        """Fields side by side, two spaces apart; one that does not fit starts a new line under the second.

        Continuing under the second field (or, after a wide first one, short of
        the title's `INDENT`) keeps a field that moved down from being read as
        the title.  A field wider than a line is wrapped at its spaces.
        """
        from rich.cells import cell_len

        head = cell_len(visible(parts[0][0])) + len(GAP) if parts else INDENT
        indent = head if head <= self.width // 2 else INDENT // 2
        self._newline()
        used = 0
        for part, style in parts:
            shown = visible(punctuate(part, current()))
            if not shown.strip():  # an empty field: no gap for it
                continue
            if used and used + len(GAP) + cell_len(shown) > self.width:
                self._newline()
                self.text.append(" " * indent)
                used = indent
            elif used:
                self.text.append(GAP)
                used += len(GAP)
            pieces = wrap(shown, self.width - indent, first=self.width - used)
            for n, piece in enumerate(pieces):
                if n:
                    self._newline()
                    self.text.append(" " * indent)
                    used = indent
                self.text.append(piece, style)
                used += cell_len(piece)


def columns_fit(
    cells: Sequence[Sequence[str]], headers: Sequence[str], titles: Sequence[str], width: int, minimum: int = MIN_TITLE
) -> list[int] | None:
    """Widths of the fixed columns, if the last (title) column keeps ``minimum`` cells or fits the longest title."""
    from rich.cells import cell_len

    widths = [max([cell_len(h), *(cell_len(visible(row[i])) for row in cells)]) for i, h in enumerate(headers)]
    room = width - sum(widths) - len(GAP) * len(widths)
    longest = max((cell_len(visible(t)) for t in titles), default=0)
    return widths if room >= min(minimum, longest) and room > 0 else None


def table_row(screen: Screen, widths: Sequence[int], cells: Sequence[tuple[str, str]], title: str) -> None:
    """Fixed cells padded to their widths, then the title wrapped in the rest of the line."""
    from rich.cells import cell_len

    indent = sum(widths) + len(GAP) * len(widths)
    lang = current()
    lines = wrap(visible(punctuate(title, lang)), screen.width - indent)
    screen.line()
    for (cell, style), w in zip(cells, widths, strict=True):
        shown = visible(punctuate(cell, lang))
        screen.text.append(shown, style)
        screen.text.append(" " * (w - cell_len(shown)) + GAP)
    screen.text.append(lines[0])
    for piece in lines[1:]:
        screen.line((" " * indent + piece, ""))
