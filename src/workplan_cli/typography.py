"""Each language's punctuation and lists: the one place every output takes them from.

French sets a no-break space before ``:`` ``;`` ``?`` ``!`` and inside
guillemets (« … »).  workplan writes U+202F, the narrow no-break space of
CLDR's French data and of French typesetting, so that a terminal (where
U+00A0 holds words together and is then shown as a space) keeps it too.
`punctuate` does it for one text; `punctuate_html` and `punctuate_lines`
for a page or a Markdown file streamed in pieces.  The HTML pages, the
Markdown files and the text and Markdown of `upcoming`, `show` and `query`
all go through them, so workplan's own words and a plan's text are spaced
alike.  Times (``10:00``), addresses (``https://``, ``?q=``) and Markdown's
footnote marks (``[^1]:``) are left as they are.

`join_names` joins names (presenters, organizers) as each language joins a
list (Babel's, from CLDR: "SSM y SEDI", "SSM et SEDI", "SSM e SEDI").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

NARROW_NBSP = "\u202f"

# A colon, semicolon, question or exclamation mark ending a word or a phrase
# (followed by a space, the end, or a closing mark), with the space before it if any.
_BEFORE = re.compile(r"(?:(?<=[^\s\[\]\u202f])|^)[ \u00a0]?([:;?!])(?=[\s*_)»\"'<[]|$)")
_OPEN = re.compile(r"«[ \u00a0]?")
_CLOSE = re.compile(r"[ \u00a0]?»")


def punctuate(text: str, lang: str) -> str:
    """``text`` punctuated as ``lang`` writes it: in French, ``Note : …`` with a no-break space."""
    if lang != "fr" or not any(mark in text for mark in ":;?!«»"):
        return text
    text = _BEFORE.sub(NARROW_NBSP + r"\1", text)
    text = _OPEN.sub("«" + NARROW_NBSP, text)
    return _CLOSE.sub(NARROW_NBSP + "»", text)


_TAG = re.compile(r"(<[^>]*>)")
# The attributes a reader is shown or read (a tooltip, a label, an image's text), punctuated like the text.
_READ_ATTRIBUTE = re.compile(r'(\s(?:title|aria-label|alt)=")([^"]*)(")')
_RAW = ("style", "script")


def punctuate_html(pieces: Iterable[str], lang: str) -> Iterator[str]:
    """A page streamed in pieces, its text and read attributes (``title``, ``aria-label``, ``alt``; not the rest of
    its markup, styles or scripts) punctuated as ``lang`` writes it."""
    if lang != "fr":
        yield from pieces
        return
    carry = ""
    raw: str | None = None  # inside <style> or <script>
    for piece in pieces:
        text = carry + piece
        end = text.rfind(">") + 1
        carry, text = text[end:], text[:end]
        out = []
        for part in _TAG.split(text):
            if part.startswith("<"):
                name = part[1:].split(None, 1)[0].rstrip("/>").lower() if len(part) > 2 else ""
                if name in _RAW:
                    raw = name
                elif raw and name == f"/{raw}":
                    raw = None
                if '="' in part:
                    part = _READ_ATTRIBUTE.sub(lambda m: m.group(1) + punctuate(m.group(2), lang) + m.group(3), part)
                out.append(part)
            else:
                out.append(part if raw else punctuate(part, lang))
        yield "".join(out)
    if carry:
        yield punctuate(carry, lang)


def punctuate_lines(pieces: Iterable[str], lang: str) -> Iterator[str]:
    """Markdown streamed in pieces, each whole line punctuated as ``lang`` writes it (code spans left alone)."""
    if lang != "fr":
        yield from pieces
        return
    carry = ""
    for piece in pieces:
        text = carry + piece
        end = text.rfind("\n") + 1
        carry, text = text[end:], text[:end]
        yield _punctuate_markdown(text, lang)
    if carry:
        yield _punctuate_markdown(carry, lang)


def _punctuate_markdown(text: str, lang: str) -> str:
    parts = re.split(r"(`[^`\n]*`)", text)
    return "".join(part if part.startswith("`") else punctuate(part, lang) for part in parts)


def punctuate_markdown(text: str, lang: str) -> str:
    """A Markdown text punctuated as ``lang`` writes it (code spans left alone)."""
    return _punctuate_markdown(text, lang) if lang == "fr" else text


def join_names(names: Sequence[str], lang: str) -> str:
    """``SSM y SEDI``, ``SSM, SEDI et JID``: names joined as ``lang`` joins a list (CLDR's patterns).

    English keeps the published documents' joins (the callers'); a name that
    holds a comma (a speaker with a title) keeps the list on semicolons.
    """
    if any(", " in name for name in names):
        return "; ".join(names)
    from babel.lists import format_list

    return str(format_list(list(names), locale=lang))
