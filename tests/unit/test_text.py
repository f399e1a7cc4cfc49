"""text.py: plan text made safe where it is shown, one line, a terminal, Markdown, a link."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from conftest import examples
from workplan_cli.text import byte_position, isolated, md_escape, printable, safe_url, visible


@settings(max_examples=examples(400))
@given(st.lists(st.sampled_from([*"ab1. \n\t#>-+=*_`~[]()<>!&|\\:/;x\x1b", "&amp;", "javascript:"])).map("".join))
def test_md_escape_makes_any_text_inert_in_list_items_headings_and_tables(text):
    expected = visible(re.sub(r"\r\n|[\r\n]", " ", text))
    for template, tags in (
        ("- {}\n", {"ul", "li", "/ul", "/li"}),
        ("### {}\n", {"h3", "/h3"}),
        ("{}\n", {"p", "/p"}),
    ):
        escaped = md_escape(text)
        html = _MARKDOWN.render(template.format(escaped))
        found = set(re.findall(r"<(/?\w+)", html))
        assert found <= tags, (text, html)
        if expected.strip(" \t"):
            assert _rendered_text(html).strip() == expected.strip(" \t"), (text, html)


@settings(max_examples=examples(300))
@given(
    st.lists(st.sampled_from([*"hts:/@.<> \"'`\\\x1bmailtojavscript?=&#", "https://", "mailto:", "a.org"])).map("".join)
)
def test_safe_url_admits_only_plain_http_and_mailto_links(url):
    admitted = safe_url(url)
    if admitted is not None:
        assert admitted == url
        assert re.fullmatch(r"(?i)(https?://[^\s<>\"'`\\/]+[^\s<>\"'`\\]*|mailto:[^\s<>\"'`\\]*@[^\s<>\"'`\\]*)", url)


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40))
def test_printable_shortcut_gives_what_the_escaping_gives(text):
    """`printable` and `visible` return a text with nothing to escape as it is; the others go through the escapes."""
    from workplan_cli.text import _CONTROL, _CONTROL_IN_TEXT, _escape, printable, visible

    assert printable(text) == re.sub(_CONTROL_IN_TEXT, _escape, text.replace("\r\n", "\n"))
    assert visible(text) == re.sub(_CONTROL, _escape, text)


def test_printable_keeps_breaks_and_tabs_and_escapes_the_rest():
    from workplan_cli.text import printable

    cases = {
        "Plain, café – «ok»": "Plain, café – «ok»",
        "no\u00a0break": "no\u00a0break",
        "a\r\nb\tc": "a\nb\tc",
        "bell\x07 esc\x1b[2J nul\x00": "bell\\x07 esc\\x1b[2J nul\\x00",
        "line\u2028sep": "line\\u2028sep",
        "lone \ud800": "lone \\ud800",
    }
    assert {text: printable(text) for text in cases} == cases


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@given(st.text(alphabet=st.sampled_from([*BIDI, "a", "é", " ", "\n", "\u05d0"]), max_size=30))
@settings(max_examples=examples(200))
def test_bidirectional_controls_are_shown_never_obeyed(text):
    for shown in (visible(text), printable(text), md_escape(text)):
        assert not any(char in shown for char in BIDI)
    assert visible(text).count("\\u202e") == text.count("\u202e")


@given(st.text(alphabet=st.sampled_from([*BIDI, "a", "\u05d0", " ", "\n", "\x1b"]), max_size=30))
@settings(max_examples=examples(500), deadline=None)
def test_bidirectional_controls_in_a_page_stay_inside_one_isolate(text):
    """For a page the controls are kept, wrapped in FSI ... PDI, with the text's own isolates balanced inside."""
    shown = isolated(text)
    assert "\x1b" not in shown
    if not any(char in text for char in BIDI):
        assert shown == printable(text)
        return
    assert shown[0] == "\u2068"
    assert shown[-1] == "\u2069"
    depth = 0
    for char in shown[1:-1]:  # inside, no PDI may close the outer isolate
        depth += char in "\u2066\u2067\u2068"
        depth -= char == "\u2069"
        assert depth >= 0
    assert depth == 0
    # Every other control kept as written, every character of the text shown as `printable` shows it.
    for char in BIDI[:-1]:
        assert shown[1:-1].count(char) == text.count(char)
    assert re.sub(f"[{BIDI}]|\\\\u2069", "", shown) == "".join(printable(c) for c in text if c not in BIDI)


_MARKDOWN = MarkdownIt("commonmark").enable(["strikethrough", "table"])


def _rendered_text(html: str) -> str:
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", "", html))


def test_byte_position_counts_lines_and_columns_from_one():
    data = b"kind: x\nid: caf\xe9\n"
    assert [byte_position(data, offset) for offset in (0, 7, 8, 15)] == [(1, 1), (1, 8), (2, 1), (2, 8)]
