"""render: templates, overrides, broken templates, inert output, calendars."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, HOSTILE
from pages import valid_plan
from workplan_cli.loader import load_plan
from workplan_cli.render import render
from workplan_cli.text import md_escape

GOLDEN = DATA.parent / "tests" / "golden"
PLANS = {p.stem: load_plan(p).plan for p in sorted(DATA.glob("*.yaml"))}


def test_html_escapes_text_and_links_only_safe_urls():
    html = render(valid_plan(HOSTILE), "html")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; [click](javascript:alert(2))" in html
    assert "&lt;img src=x onerror=alert(3)&gt;" in html
    assert 'href="javascript:' not in html and 'href="data:' not in html
    assert "<p>javascript:alert(4)</p>" in html
    # A quote, a space, no host or no address: shown as text, never as a link.
    assert "<p>https://www.oas.org/?a=1&amp;b=&#34;2&#34;</p>" in html
    assert "<p>https://www.oas.org/a b</p><p>https:///x</p>" in html
    assert "<p>mailto:nobody</p>" in html
    assert '<a href="https://www.oas.org/?a=1&amp;b=2">' in html
    assert '<a href="mailto:csh@oas.org">' in html


def test_markdown_escapes_markup_and_links_only_safe_urls():
    md = render(valid_plan(HOSTILE), "md")
    assert r"\<script\>alert(1)\</script\> & \[click\](javascript:alert(2))" in md
    assert "<https://www.oas.org/?a=1&b=2>" in md and "<mailto:csh@oas.org>" in md
    assert (
        '\nhttps://www.oas.org/?a=1&b="2"\n<https://www.oas.org/?a=1&b=2>\nhttps://www.oas.org/a b\nhttps:///x\n'
        "<mailto:csh@oas.org>\nmailto:nobody\n"
    ) in md
    assert md.count("<http") == 1
    assert "<javascript:" not in md and "<data:" not in md
    assert r"javascript:alert(4)" in md


@pytest.mark.parametrize("fmt", ["html", "md", "ics"])
@pytest.mark.parametrize("plan_id", sorted(PLANS))
def test_golden(request, plan_id, fmt):
    """Regenerate with `pytest tests/unit/test_render.py -k golden --update-goldens` and review the diff."""
    output = render(PLANS[plan_id], fmt)
    golden = GOLDEN / f"{plan_id}.{fmt}"
    if request.config.getoption("--update-goldens"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(output.encode("utf-8"))
    # Bytes, not text: the calendar's CRLF line ends are part of the format.
    assert golden.read_bytes().decode("utf-8") == output


def test_html_has_every_numbered_meeting_with_date_and_time():
    html = render(PLANS["csh-2022-2023"], "html")
    found = re.findall(
        r'<h3 id="meeting-(\d+)-h">([A-Z ]+)</h3>\n(?:<p><strong>.*?</strong></p>\n)?<p class="when"><time datetime="([\d-]+)T([\d:]+)">',
        html,
    )
    assert [(int(n), date, start) for n, _, date, start in found] == [
        (1, "2022-12-01", "10:00"),
        (2, "2022-12-15", "10:00"),
        (3, "2023-01-19", "10:00"),
        (4, "2023-02-02", "10:00"),
        (5, "2023-02-16", "10:00"),
        (6, "2023-03-09", "10:00"),
        (7, "2023-03-16", "10:00"),
        (8, "2023-03-30", "10:00"),
        (9, "2023-04-13", "10:00"),
        (10, "2023-05-04", "10:00"),
        (11, "2023-05-25", "10:00"),
        (12, "2023-06-01", "10:00"),
        (13, "2023-06-06", "10:00"),
        (14, "2023-06-08", "10:00"),
        (15, "2023-06-12", "14:30"),
    ]
    assert [h for _, h, _, _ in found][13:] == ["FOURTEENTH REGULAR MEETING", "FIFTEENTH MEETING"]
    assert 'Thursday, March 30, 2023</time> (10:00 a.m. – <time datetime="2023-03-30T12:00">12:00 p.m.</time>)' in html


def test_summary_table_matches_the_meetings():
    plan = PLANS["csh-2022-2023"]
    html = render(plan, "html")
    summary = html[html.index('<section id="summary"') : html.index('<section id="pending"')]
    rows = re.findall(r'<tr><td><time datetime="([\d-]+)">([^<]+)</time></td><td>([^<]+)</td></tr>', summary)
    # Every meeting has a line: the one the plan types (`summary`), else its title.
    expected = sorted(
        [(m.date.isoformat(), m.start_time, m.summary or m.title) for m in plan.meetings]
        + [
            ((ms.summary_date or ms.date).isoformat(), dt.time(0), ms.summary)
            for ms in plan.procedure.milestones
            if ms.summary
        ]
    )
    assert [(d, text) for d, _, text in rows] == [(d, t.replace("–", "–")) for d, _, t in expected]
    # The 24 lines of the published summary of meetings, and the three informal meetings
    # on the DSA (held within meetings 2, 3 and 5), which it does not list.
    assert len(rows) == 24 + 3
    assert ("2023-05-30", "30 (a.m.)") in [(d, label) for d, label, _ in rows]
    assert ("2022-12-15", "15 (p.m.)", "Informal meeting on the advisability of launching a DSA review process") in rows
    assert ("2023-05-03", "3", "Distribution of the first revised draft resolution") in rows


# A symbol as a plan may write one: letters of any script, digits, spaces and the OAS punctuation.
_SYMBOLS = st.text(
    st.characters(codec="utf-8", categories=("L", "N"), include_characters=" ./()-"), min_size=1, max_size=40
).filter(lambda s: s == s.strip() and s[0].isalnum() and "  " not in s)


@settings(max_examples=60, deadline=None)
@given(symbol=_SYMBOLS, lang=st.sampled_from(["en", "es", "fr", "pt"]))
def test_markdown_prints_a_resolution_cited_whole_by_its_symbol_alone(symbol, lang):
    """A symbol names itself, in words too ('United Nations Security Council resolution 1540 (2004)'):
    the Markdown page prints it once, as written, with no word of its own before it."""
    plan = valid_plan(
        (DATA.parent / "tests" / "fixtures" / "unseen" / "committee-required-only.yaml").read_text(encoding="utf-8")
        + "mandates:\n  - letter: A\n    source: From the Charter\n    mandates:\n"
        + "      - {number: 1, text: Follow-up., resolutions: [res-1]}\n"
        + f"resolutions:\n  - {{id: res-1, symbol: {json.dumps(symbol, ensure_ascii=False)}}}\n"
    )
    md = render(plan, "md", lang=lang)
    assert f"- 1\\. Follow-up. _({md_escape(symbol)})_\n" in md
