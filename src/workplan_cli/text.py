"""Plan text made safe for where it is shown: one line, a terminal, Markdown, a link.

A plan is hand-edited text, so any string in it may hold a newline, an
escape sequence or markup.  Every output that shows plan text (or a message
quoting it) passes it through one of these functions, which are the only
place the rules are written:

- `visible` writes control characters as escapes (``\\n``, ``\\x1b``), so a
  diagnostic is always one line and no title can steer a terminal; the
  bidirectional controls (``\\u202e``) are written as escapes too, in the
  terminal, Markdown and the calendar file, so no text can reorder what a
  reviewer sees;
- `isolated`, for a page (HTML), writes the other control characters as
  escapes but keeps the bidirectional controls for the browser, inside an
  isolate that ends with the text: they order that text only, never the
  page around it;
- `md_escape` makes text inert in Markdown (CommonMark and GitHub's);
- `safe_url` admits a link only when it is plainly http, https or mailto.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

# The two control-character classes are kept as text, compiled by `re` on
# first use (and kept in its cache): each takes about a millisecond to
# compile, and most texts never reach them (the `str.isprintable` shortcut).

# C0 controls, DEL, C1 controls, the Unicode line and paragraph separators,
# the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
# U+2066-U+2069: they can reorder what a reviewer sees, "Trojan source"),
# and lone surrogates (a file name that is not UTF-8, a `"\\ud800"` escape).
_BIDI = "\u202a-\u202e\u2066-\u2069"
_CONTROL = f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}\ud800-\udfff]"
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` on one line with every control character written as an escape.

    >>> visible("a\\nb\\x1b[2J")
    'a\\\\nb\\\\x1b[2J'
    """
    if text.isprintable():  # none of those characters (str.isprintable refuses all of them)
        return text
    return re.sub(_CONTROL, _escape, text)


_CONTROL_IN_TEXT = f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_BIDI}\ud800-\udfff]"
_CONTROL_IN_PAGE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]"
_ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI
_PDI = "\u2069"  # pop directional isolate


def printable(text: str) -> str:
    """``text`` with line breaks and tabs kept and every other control character written as an escape.

    For outputs where a new line is whitespace (HTML, the body of a page): a
    CRLF becomes a line feed, a lone CR, an escape sequence or NUL an escape.
    """
    if text.isprintable():  # none of those characters (a page prints a hundred thousand texts)
        return text
    return re.sub(_CONTROL_IN_TEXT, _escape, text.replace("\r\n", "\n"))


def isolated(text: str) -> str:
    """``text`` for a page: `printable`, except that bidirectional controls are kept, inside one isolate.

    A text that holds any is wrapped in FIRST STRONG ISOLATE ... POP
    DIRECTIONAL ISOLATE (U+2068 ... U+2069).  Under the Unicode bidirectional
    algorithm the closing PDI ends every embedding and override opened
    inside, so an unbalanced RIGHT-TO-LEFT OVERRIDE reorders its own text
    and nothing after it.  For the isolate to hold, the text's own isolates
    must balance: a PDI that closes nothing opened in the text is written as
    an escape, and isolates left open are closed before the final PDI.
    Format characters work where markup cannot (an attribute, the title).

    >>> isolated("a\\u202eb") == "\\u2068a\\u202eb\\u2069"
    True
    """
    if text.isprintable():  # nothing to escape or isolate (a page prints a hundred thousand texts)
        return text
    text = re.sub(_CONTROL_IN_PAGE, _escape, text.replace("\r\n", "\n"))
    if not re.search(f"[{_BIDI}]", text):
        return text
    out: list[str] = []
    open_isolates = 0
    for char in text:
        if char in _ISOLATE_OPENERS:
            open_isolates += 1
        elif char == _PDI:
            if not open_isolates:  # it would close the isolate around the text
                out.append("\\u2069")
                continue
            open_isolates -= 1
        out.append(char)
    return f"\u2068{''.join(out)}{_PDI * open_isolates}{_PDI}"


# Characters that start inline markup anywhere in a line, in CommonMark or
# GitHub Flavored Markdown (strikethrough ~, tables |, raw HTML <).
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# What makes a line a block of its own when it comes first: a heading, a
# list item (`-`, `+`, `1.`, `1)`: a marker then a space), a quote, a
# thematic break or setext underline (`---`, `===`).  `*`, `_`, `~` and
# the backtick are escaped everywhere, which covers their fences and breaks.
_BLOCK_START = re.compile(r"^(\s*)(?:(#{1,6}|[-+]|(\d{1,9})([.)]))(?=\s|$)|(>)|([-=])(?=[-=\s]*$))")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029\x85\x0b\x0c]")


def md_escape(text: str) -> str:
    """Plan text as inert Markdown: shown as written, never as markup, links, HTML or new lines.

    Line breaks become spaces (inside a list item or a heading a new line
    would start a block of its own); other control characters are written as
    escapes.  Only characters that can start markup are escaped, so the file
    stays readable as plain text.
    """
    text = visible(_LINE_BREAK.sub(" ", text))
    text = _INLINE.sub(r"\\\1", text)
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    # An ordered-list marker is escaped after its digits (``1\.``): ``\1.`` would show the backslash.
    return _BLOCK_START.sub(_escape_block_start, text)


def _escape_block_start(match: re.Match[str]) -> str:
    indent, marker, digits, delimiter, quote, rule = match.groups()
    if digits:  # ``1\.``: a backslash before the digits (``\1.``) would be shown as written
        return f"{indent}{digits}\\{delimiter}"
    return f"{indent}\\{marker or quote or rule}"


_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_UNSAFE_IN_URL = re.compile(r"[\s<>\"'`\\\x00-\x1f\x7f-\x9f]")


def safe_url(url: str) -> str | None:
    """``url`` if it may become a link: http or https with a host, or mailto with an address; else None.

    A URL with spaces, quotes, angle brackets, backslashes or control characters,
    or with any other scheme (``javascript:``, ``data:``), stays text.
    """
    if not url or _UNSAFE_IN_URL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _SAFE_SCHEMES:
        return None
    if scheme == "mailto":
        return url if "@" in parts.path else None
    return url if parts.hostname else None


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """``; did you mean 'meeting-10' or 'meeting-1'?`` for a mistyped id, or nothing when none is close."""
    import difflib

    close = [repr(w) for w in difflib.get_close_matches(word.strip().lower(), sorted(set(known)), n=3, cutoff=0.6)]
    if not close:
        return ""
    return f"; did you mean {', '.join(close[:-1]) + ' or ' if len(close) > 1 else ''}{close[-1]}?"


def counted(n: int, one: str, many: str | None = None) -> str:
    """``1 file``, ``2 files``, ``3 activities``: a count with its noun, for workplan's English-only messages.

    Words that are translated (`--lang`) go through `i18n.ngettext` instead.
    """
    return f"{n} {one if n == 1 else (many or one + 's')}"


def dumps(payload: object) -> str:
    """JSON as every ``--format json`` writes it: indented, non-ASCII kept as is, one final newline."""
    import json

    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """The line and column (both from 1, the column in bytes) of the byte at ``offset``: where a file that
    is not UTF-8 has its first bad byte."""
    return data.count(b"\n", 0, offset) + 1, offset - (data.rfind(b"\n", 0, offset) + 1) + 1
