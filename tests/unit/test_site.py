"""render of several plans to a folder: a site (index, a page per plan per language, calendars), all linked."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
import pytest
from click.testing import Result

from conftest import DATA, cli_runner
from workplan_cli.cli import app

FILES = [
    "calendar.ics",
    "cicte-2022-2023.es.html",
    "cicte-2022-2023.fr.html",
    "cicte-2022-2023.html",
    "cicte-2022-2023.ics",
    "cicte-2022-2023.pt.html",
    "csh-2022-2023.es.html",
    "csh-2022-2023.fr.html",
    "csh-2022-2023.html",
    "csh-2022-2023.ics",
    "csh-2022-2023.pt.html",
    "index.html",
]
HREF = re.compile(r'href="([^"]*)"')


@pytest.fixture(scope="module")
def site_run(tmp_path_factory) -> tuple[Path, Result]:
    """The bundled plans rendered into a folder once for this module's tests, with what the command said."""
    folder = tmp_path_factory.mktemp("site") / "site"
    result = cli_runner().invoke(app, ["render", str(DATA), "-o", str(folder), "--as-of", "2023-03-01"])
    assert result.exit_code == 0, result.output
    return folder, result


@pytest.fixture(scope="module")
def site(site_run) -> Path:
    return site_run[0]


def local_links(page: Path) -> list[str]:
    """The links of a page to other files (not to a place in itself, not to the web or mail)."""
    return [
        h
        for h in HREF.findall(page.read_text(encoding="utf-8"))
        if not h.startswith(("#", "https:", "http:", "mailto:"))
    ]


def test_site_has_exactly_its_files_and_says_what_it_wrote(site_run):
    site, result = site_run
    assert sorted(p.name for p in site.iterdir()) == FILES
    assert result.stderr.splitlines()[0] == f"wrote {site / 'index.html'}"
    assert len(result.stderr.splitlines()) == len(FILES)


def test_every_link_of_the_site_resolves(site):
    pages = sorted(site.glob("*.html"))
    linked = set()
    for page in pages:
        for href in local_links(page):
            target = href.split("#")[0]
            assert (site / target).is_file(), (page.name, href)
            linked.add(target)
    # Every file is reachable from the index, directly.
    assert set(local_links(site / "index.html")) | {"index.html"} == set(FILES)
    assert linked | {"index.html"} == set(FILES)


def test_index_lists_plans_with_term_and_next_meeting(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "<title>Work plans</title>" in html
    assert (
        '<tr><td><a href="csh-2022-2023.html">CSH</a></td><td>2022–2023</td><td><time datetime="2023-03-02">'
        "Thursday, March 2, 2023</time>: Tenth meeting of the Forum on Confidence- and Security-Building Measures.</td>"
    ) in html
    assert '<tr><td><a href="cicte-2022-2023.html">CICTE</a></td><td>2022–2023</td><td>None scheduled</td>' in html
    assert '<p><a href="calendar.ics">One calendar of all the plans</a> (calendar.ics)</p>' in html


def test_next_meeting_follows_as_of(runner, tmp_path):
    result = runner.invoke(
        app, ["render", str(DATA), "-o", str(tmp_path / "s"), "--as-of", "2023-05-26", "--lang", "es"]
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "s" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in html
    assert '<time datetime="2023-06-01">' in html or '<time datetime="2023-05-' in html
    assert "Próxima reunión" in html


def test_language_switcher_links_the_versions(site):
    es = (site / "csh-2022-2023.es.html").read_text(encoding="utf-8")
    assert (
        '<nav class="site" aria-label="Sitio">\n<p><a href="index.html">Todos los planes de trabajo</a>'
        ' · <a href="csh-2022-2023.html" hreflang="en" lang="en">English</a>'
        ' · <span lang="es" aria-current="page">Español</span>'
        ' · <a href="csh-2022-2023.fr.html" hreflang="fr" lang="fr">Français</a>'
        ' · <a href="csh-2022-2023.pt.html" hreflang="pt" lang="pt">Português</a>'
        ' · <a href="csh-2022-2023.ics">Archivo de calendario</a></p>\n</nav>'
    ) in es
    assert '<html lang="es">' in es
    en = (site / "csh-2022-2023.html").read_text(encoding="utf-8")
    assert '<span lang="en" aria-current="page">English</span>' in en


def test_site_pages_are_the_plain_pages_with_the_site_line(site, runner):
    """Below the site's line a page is the one `render` writes for the plan alone."""
    alone = runner.invoke(app, ["render", str(DATA / "csh-2022-2023.yaml"), "--as-of", "2023-03-01"]).stdout
    page = (site / "csh-2022-2023.html").read_text(encoding="utf-8")
    assert re.sub(r'<nav class="site".*?</nav>\n', "", page, flags=re.S) == alone


def test_site_calendars(site):
    each = icalendar.Calendar.from_ical((site / "csh-2022-2023.ics").read_bytes())
    every = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    assert [str(e["uid"]) for e in every.walk("VEVENT")] == [str(e["uid"]) for e in each.walk("VEVENT")]
    assert str(every["x-wr-calname"]) == "Work plans"
    assert [str(tz["tzid"]) for tz in every.walk("VTIMEZONE")] == ["America/New_York"]
    assert icalendar.Calendar.from_ical((site / "cicte-2022-2023.ics").read_bytes()).walk("VEVENT") == []


def test_a_file_name_for_several_plans_is_refused(runner, tmp_path):
    for fmt in ("html", "md", "ics"):
        out = tmp_path / "site" / "index.html"
        result = runner.invoke(app, ["render", str(DATA), "-f", fmt, "-o", str(out)])
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            f"workplan: error: {out}: 2 plans do not go into one file; give a folder, such as -o {tmp_path / 'site'}/, "
            "for a site (--format html) or one file per plan\n"
        )
        assert not (tmp_path / "site").exists()


def test_markdown_of_several_plans_is_still_one_file_per_plan(runner, tmp_path):
    result = runner.invoke(app, ["render", str(DATA), "-f", "md", "-o", str(tmp_path / "md")])
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "md").iterdir()) == ["cicte-2022-2023.md", "csh-2022-2023.md"]
