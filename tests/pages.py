"""What tests look for in rendered pages: sections left empty, and the words workplan wrote itself; and the
plan of a text to render.

Shared by the tests of the renderer, of the calendars, of the catalogs and of the example plans.
"""

from __future__ import annotations

import html
import re

from workplan_cli import i18n
from workplan_cli.loader import parse_plan
from workplan_cli.text import md_escape
from workplan_cli.typography import punctuate


def valid_plan(text: str):
    """The plan of ``text``, which must read without a single diagnostic."""
    loaded = parse_plan(text, "p.yaml")
    assert loaded.diagnostics == []
    return loaded.plan


PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


def catalog(lang: str):
    return i18n.read_catalog(i18n.catalog_path(lang), lang)


EMPTY_HTML = [
    r"<h[1-6][^>]*>[^<]*</h[1-6]>\s*</section>",  # a heading with nothing under it
    r"<(ul|ol|tbody|p|li|td class=\"other\")>\s*</\1>",
    r"<table>\s*<thead>.*?</thead>\s*</table>",
    r'<g class="lane lane-\w+">\s*<line[^>]*/>\s*<text[^>]*>[^<]*</text>\s*</g>',  # a lane without marks
]


def empty_parts_html(page: str) -> list[str]:
    return [m.group(0) for pattern in EMPTY_HTML for m in re.finditer(pattern, page, re.S)]


def empty_parts_md(page: str) -> list[str]:
    found = [
        m.group(0)
        for m in re.finditer(r"^(#+) [^\n]*\n+(#+) ", page, re.M)
        if len(m.group(2)) <= len(m.group(1))  # a heading followed by one of its level or above
    ]
    found += re.findall(r"^\| --- \|[^\n]*\n(?!\|)", page, re.M)  # a table without rows
    found += re.findall(r"^- *$", page, re.M)
    found += re.findall(r"^#+ [^\n]*\n*\Z", page, re.M)
    return found


def plan_strings(value) -> set[str]:
    """Every string of a plan, as dumped: its own content, ids and symbols."""
    found: set[str] = set()
    if isinstance(value, str):
        found.add(value)
    elif isinstance(value, dict):
        for v in value.values():
            found |= plan_strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            found |= plan_strings(v)
    return found


def english_words(lang: str) -> set[str]:
    """Words of the English msgids that the target catalog does not use itself (such as 'Plan', 'Document')."""
    english = set()
    for m in catalog("en"):
        if not m.id:
            continue
        for text in m.id if isinstance(m.id, tuple) else (m.id,):
            english |= {w.lower() for w in re.findall(r"[A-Za-z]{3,}", PLACEHOLDER.sub(" ", text))}
    target = set()
    for m in catalog(lang):
        for text in m.string if isinstance(m.string, tuple) else (m.string,):
            target |= {w.lower() for w in re.findall(r"\w{3,}", PLACEHOLDER.sub(" ", text or ""))}
    return english - target


def chrome(text: str, plan, fmt: str, translated: set[str] = frozenset(), lang: str = "en") -> str:  # type: ignore[assignment]
    """The page with every piece of the plan's own text (as written, or translated) taken out: what workplan wrote."""
    if fmt == "html":
        text = re.sub(r'<span lang="en">.*?</span>', " ", text, flags=re.S)
        text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    strings = plan_strings(plan.model_dump(mode="json")) | set(translated)
    variants = strings | {s.lower() for s in strings} | {s.upper() for s in strings} | {s.capitalize() for s in strings}
    variants |= {punctuate(s, lang) for s in variants}  # as the page punctuates it (French: "Note\u202f:")
    if fmt == "md":
        variants |= {md_escape(s) for s in variants}
    for piece in sorted(variants, key=len, reverse=True):
        if len(piece) > 2:  # not "en" (a language code) out of "partenaires"
            text = text.replace(piece, " ")
    return text


def text_of(page: str, fmt: str) -> str:
    """What a reader reads: an HTML page's text (no markup, styles or attributes), or Markdown as it is."""
    if fmt != "html":
        return page
    page = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]*>", "", page))
