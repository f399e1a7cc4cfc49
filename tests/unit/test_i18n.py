"""Publishing in the OAS's four languages: catalogs complete, pages without English chrome, plan catalogs."""

from __future__ import annotations

import functools
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import DATA, FIXTURES, HOSTILE, ROOT, cross, sweep
from pages import PLACEHOLDER, catalog, chrome, english_words, valid_plan
from workplan_cli.cli import app
from workplan_cli.loader import load_plan
from workplan_cli.render import render
from workplan_cli.templating import bundled_template_dir
from workplan_cli.vocabulary import LANGUAGES

PACKAGE = ROOT / "src" / "workplan_cli"
PLANS = {p.stem: (p, load_plan(p).plan) for p in sorted(DATA.glob("*.yaml"))}
OTHER = ("es", "fr", "pt")
I18N = ROOT / "tests" / "i18n-fixtures"


# How workplan's own words are found in its source: Python calls and marks,
# and the Jinja templates (`_`, `gettext`, `ngettext`, `pgettext`).
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "N_": None,
    "NP_": ((1, "c"), 2),
}


def _extract_messages(package: Path, templates: Path) -> dict[tuple[str | None, str | tuple[str, str]], str]:
    """Every message of the package's code and of the templates: (context, msgid or (singular, plural)) -> where."""
    from babel.messages.extract import extract_from_dir

    found: dict[tuple[str | None, str | tuple[str, str]], str] = {}
    sources = [
        (package, [("**.py", "python")], {}),
        (
            templates,
            [("**.j2", "jinja2.ext:babel_extract")],
            {"**.j2": {"trim_blocks": "true", "lstrip_blocks": "true"}},
        ),
    ]
    for folder, method_map, options in sources:
        for filename, lineno, message, _comments, context in extract_from_dir(
            str(folder), method_map, options, keywords=KEYWORDS
        ):
            msgid: str | tuple[str, str] = tuple(message) if isinstance(message, tuple) else message  # type: ignore[assignment]
            found.setdefault((context, msgid), f"{filename}:{lineno}")
    return found


def _entries(lang: str) -> dict:
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)): m for m in catalog(lang) if m.id}


# --- workplan's own catalogs ---------------------------------------------------------------------


@functools.cache
def _source_messages() -> dict[tuple[str | None, str | tuple[str, str]], str]:
    """Every message of the code and templates, extracted once a run."""
    return _extract_messages(PACKAGE, bundled_template_dir())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_has_every_message_of_code_and_templates(lang):
    wanted = _source_messages()
    entries = _entries(lang)
    assert sorted(set(wanted) - set(entries), key=str) == []
    assert sorted(set(entries) - set(wanted), key=str) == [], "messages no code or template uses any more"
    if lang == "en":
        return
    untranslated = [
        key for key, m in entries.items() if m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    assert untranslated == []
    for (_, msgid), m in entries.items():
        sources = msgid if isinstance(msgid, tuple) else (msgid,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for text in strings:
            assert sorted(set(PLACEHOLDER.findall(text))) == sorted(set(PLACEHOLDER.findall(sources[-1]))), (
                msgid,
                text,
            )


def _translations(plan_path: Path, lang: str) -> set[str]:
    """The plan's own text in ``lang``: the translations of its catalog beside it, if any."""
    catalog = plan_path.with_name(f"{plan_path.stem}.{lang}.po")
    if not catalog.exists():
        return set()
    with catalog.open("rb") as stream:
        return {m.string for m in read_po(stream) if m.id and isinstance(m.string, str) and m.string}


@pytest.mark.parametrize(("plan_id", "lang", "fmt"), cross(sorted(PLANS), OTHER, ["html", "md"]))
def test_render_leaves_no_english_chrome(plan_id, lang, fmt):
    path, plan = PLANS[plan_id]
    page = render(plan, fmt, lang=lang, plan_path=path)
    written = chrome(page, plan, fmt, _translations(path, lang), lang)
    words = english_words(lang)
    left = sorted({w for w in re.findall(r"[A-Za-z]+", written) if w.lower() in words})
    assert left == []


@pytest.mark.parametrize(
    ("lang", "day", "heading"),
    [
        ("es", "jueves, 1 de diciembre de 2022", "PRIMERA REUNIÓN"),
        ("fr", "jeudi 1er décembre 2022", "PREMIÈRE RÉUNION"),
        ("pt", "quinta-feira, 1º de dezembro de 2022", "PRIMEIRA REUNIÃO"),
    ],
)
def test_render_dates_and_ordinals_in_the_language(lang, day, heading):
    path, plan = PLANS["csh-2022-2023"]
    page = render(plan, "html", lang=lang, plan_path=path)
    assert f'<html lang="{lang}">' in page
    assert (
        f'<h3 id="meeting-1-h">{heading}</h3>\n<p class="when"><time datetime="2022-12-01T10:00">{day}</time>' in page
    )
    assert '<time datetime="2023-06-12T17:30">17:30</time>' in page
    md = render(plan, "md", lang=lang, plan_path=path)
    assert f"#### {heading}\n\n{day} (10:00 – 13:00)\n" in md


def test_render_ics_summaries_in_spanish():
    path, plan = PLANS["csh-2022-2023"]
    ics = render(plan, "ics", lang="es", plan_path=path).replace("\r\n ", "")
    assert "SUMMARY:CSH: Decimoquinta reunión\r\n" in ics
    assert "SUMMARY:CSH\\, proyecto de resolución: " in ics
    assert "SUMMARY:Plazo de presentación del informe: Registro de Minas Terrestres Antipersonal\r\n" in ics


def test_english_is_the_default_and_unchanged():
    path, plan = PLANS["csh-2022-2023"]
    assert render(plan, "html") == render(plan, "html", lang="en", plan_path=path)


def test_markdown_contents_links_follow_translated_headings():
    path, plan = PLANS["csh-2022-2023"]
    md = render(plan, "md", lang="fr", plan_path=path)
    assert "[Groupes de travail](#groupes-de-travail-et-mécanismes-de-négociation)" in md
    assert "\n## Groupes de travail et mécanismes de négociation" in md


# --- upcoming and show ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "lines"),
    [
        (
            ["references", "38", "--lang", "fr", str(DATA / "csh-2022-2023.yaml")],
            {0: "Groupe de travail  wg-randot-iv", 3: "jeu. 1er déc. 2022  meeting-1  point 3.1", -1: "6 citations."},
        ),
        (
            ["coverage", "--uncovered", "--lang", "pt", str(DATA / "csh-2022-2023.yaml")],
            {0: "Parágrafos ainda sem reunião (7)", 1: "  AG/RES. 2986 (LII-O/22)"},
        ),
        (
            ["activities", "--partner", "INCIBE", "--lang", "es", str(DATA)],
            {0: "A. Ciberseguridad, actividad 5  con CCN-CERT, INCIBE", -1: "2 actividades."},
        ),
        (
            ["meetings", "--paragraph", "38", "--lang", "es", str(DATA / "csh-2022-2023.yaml")],
            {0: "jue, 1 dic 2022  10:00 – 13:00  meeting-1", 1: "    Primera reunión", -1: "4 reuniones."},
        ),
        (
            ["meetings", "--paragraph", "38", str(DATA / "csh-2022-2023.yaml")],
            {0: "Thu, Dec 1, 2022  10:00 a.m. – 1:00 p.m.  meeting-1", 1: "    First meeting", -1: "4 meetings."},
        ),
    ],
    ids=["references-fr", "coverage-pt", "activities-es", "meetings-es", "meetings-en"],
)
def test_queries_in_the_language_asked(runner, argv, lines):
    result = runner.invoke(app, ["query", *argv])
    assert result.exit_code == 0, result.output
    shown = result.output.rstrip("\n").split("\n")
    assert {n: shown[n] for n in lines} == lines


def test_upcoming_in_spanish(runner):
    result = runner.invoke(
        app, ["upcoming", str(DATA / "csh-2022-2023.yaml"), "--as-of", "2023-03-01", "--days", "10", "--lang", "es"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.split("\n") == [
        "Próximamente: del mié, 1 mar 2023 al vie, 10 mar 2023",
        "",
        "Fecha            Hora                  Cuándo            Tipo       Qué",
        "",
        "jue, 2 mar 2023  10:00 – 13:00         mañana            reunión    Décima Reunión del Foro sobre Medidas de Fomento de",
        "                                                                    la Confianza y la Seguridad.",
        "",
        "mié, 8 mar 2023  hasta el 10 de marzo  dentro de 7 días  actividad  Taller sobre Mujeres, Paz y Seguridad",
        "",
        "jue, 9 mar 2023  10:00 – 13:00         dentro de 8 días  reunión    Sexta reunión: Reunión conjunta de la CSH y la JID",
        "                                                                    sobre Mujeres, Paz y Seguridad",
        "",
    ]


def test_upcoming_markdown_in_portuguese(runner):
    result = runner.invoke(
        app,
        [
            "upcoming",
            str(DATA / "csh-2022-2023.yaml"),
            "--as-of",
            "2023-03-01",
            "--days",
            "3",
            "--lang",
            "pt",
            "-f",
            "md",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        "## Próximos eventos: de quarta-feira, 1º de março de 2023 a sexta-feira, 3 de março de 2023\n\n"
        "### quinta-feira, 2 de março de 2023\n\n"
        "- 10:00 – 13:00 · **Décima Reunião do Fórum sobre Medidas de Fortalecimento da Confiança e da Segurança** "
        "(reunião, csh-2022-2023; amanhã)\n"
    )


def test_upcoming_empty_window_in_french(runner):
    result = runner.invoke(
        app,
        [
            "upcoming",
            str(DATA / "csh-2022-2023.yaml"),
            "--as-of",
            "2030-03-01",
            "--days",
            "2",
            "--lang",
            "fr",
            "-f",
            "md",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.split("\n")[:2] == [
        "Rien n’est prévu du ven. 1er mars 2030 au sam. 2 mars 2030.",
        "  csh-2022-2023\u202f: mandat du ven. 11 nov. 2022 au ven. 23 juin 2023\u202f; 25 réunions, 11 autres activités.",
    ]


def test_show_in_french(runner):
    result = runner.invoke(app, ["show", "meeting-5", str(DATA / "csh-2022-2023.yaml"), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    lines = result.output.split("\n")
    assert lines[:3] == [
        "CINQUIÈME RÉUNION",
        "jeudi 16 février 2023, 10:00 – 13:00 (America/New_York)",
        "Récapitulatif\u202f: Réunion ordinaire de la CSH",
    ]
    assert "           paragraphes 39, 40 · présenté par SSM" in lines
    assert "           paragraphes 44.b, 45, résolution AG/RES. 2970 (LI-O/21) · présenté par SSM" in lines
    other = runner.invoke(
        app, ["show", "iadc-crisis-management-exercise", str(DATA / "csh-2022-2023.yaml"), "--lang", "fr"]
    )
    assert other.output.split("\n")[:4] == [
        "Activité iadc-crisis-management-exercise (csh-2022-2023)",
        "title\u202f: Exercice de gestion de crise",
        "date\u202f: mercredi 24 mai 2023",
        "end_date\u202f: mardi 30 mai 2023",
    ]


def test_plan_language_is_the_default(runner, tmp_path):
    text = (
        (FIXTURES / "committee-minimal.yaml")
        .read_text(encoding="utf-8")
        .replace("id: test-2023\n", "id: test-2023\nlanguage: es\n")
    )
    plan = tmp_path / "test-2023.yaml"
    plan.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["show", "meeting-2", str(plan)])
    assert result.output == "SEGUNDA REUNIÓN\njueves, 16 de marzo de 2023, 10:00 – 13:00 (America/New_York)\n"
    # The plan is in Spanish: rendered in Spanish, its text as written (no lang mark).
    page = runner.invoke(app, ["render", str(plan)]).output
    assert '<html lang="es">' in page and "<h1>Test plan</h1>" in page
    english = runner.invoke(app, ["show", "meeting-2", str(plan), "--lang", "en"]).output
    assert english == "SECOND MEETING\nThursday, March 16, 2023, 10:00 a.m. – 1:00 p.m. (America/New_York)\n"


# --- plan text in a translated page --------------------------------------------------------------


def test_untranslated_plan_text_stays_escaped_inside_its_span():
    hostile = valid_plan(
        HOSTILE.replace("title: Test plan", 'title: "Test\\x1b[2J plan"').replace(
            "elected_by: Permanent Council", 'elected_by: "Permanent\\x1b Council <b>"'
        )
    )
    # Plan text inside a translated sentence is escaped and made printable too, in every language.
    assert "<td>by the Permanent\\x1b Council &lt;b&gt;, <time" in render(hostile, "html")
    page = render(hostile, "html", lang="es")
    assert '<td><span lang="en">Permanent\\x1b Council &lt;b&gt;</span>, <time' in page
    assert "<script>alert(1)" not in page
    assert '<li><span lang="en">&lt;script&gt;alert(1)&lt;/script&gt; &amp; [click](javascript:alert(2))</span>' in page
    assert '<h1><span lang="en">Test\\x1b[2J plan</span></h1>' in page


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.values += [(tag, name, value or "") for name, value in attrs]


@pytest.mark.parametrize(("lang", "status"), cross(["en", *OTHER], ["cancelled", "postponed", "held", "scheduled"]))
def test_attributes_hold_plain_text_with_every_status_in_every_language(tmp_path, lang, status):
    """Plan text in an attribute (class, title, aria-*) is plain escaped text, never a language span."""
    path, _ = PLANS["csh-2022-2023"]
    text = path.read_text(encoding="utf-8")
    for anchor in ("    date: 2023-02-16\n", "    date: 2023-05-24\n"):  # meeting-5, and an activity
        text = text.replace(anchor, f'{anchor}    status: {status}\n    status_note: "Note <b>&"\n', 1)
    plan = tmp_path / path.name
    plan.write_text(text, encoding="utf-8")
    for po in DATA.glob(f"{path.stem}.*.po"):
        shutil.copy(po, tmp_path)
    page = render(load_plan(plan).plan, "html", lang=lang, plan_path=plan)
    parser = _Attributes()
    parser.feed(page)
    assert len(parser.values) > 500
    assert [v for v in parser.values if "<" in v[2] or ">" in v[2] or "lang=" in v[2]] == []
    if status != "scheduled":
        assert f'class="status status-{status}"' in page
    assert "Note <b>" not in page


# Placeholders that hold a plan's own names: their gender and article are the plan's, not the catalog's.
NAME_PLACEHOLDERS = ("body", "committee", "resolution", "session", "organizer", "partner", "place", "group")
ARTICLES = {
    "es": r"el|la|los|las|del|al|lo",
    "fr": r"le|la|les|du|au|aux|l’|l'|de la|à la",
    "pt": r"o|a|os|as|do|da|dos|das|pelo|pela|no|na|ao|à|num|numa",
}


@pytest.mark.parametrize("lang", OTHER)
def test_no_article_is_glued_to_a_plan_name(lang):
    """'por el Comisión', 'de la CICTE', 'pela Conselho': the class is an article before a name the plan gives."""
    names = "|".join(NAME_PLACEHOLDERS)
    pattern = re.compile(rf"(?:^|\s)(?:{ARTICLES[lang]})\s*(?:%\(({names})\)s|\{{({names})\}})", re.I)
    glued = [
        (m.id, text)
        for m in catalog(lang)
        if m.id
        for text in (m.string if isinstance(m.string, tuple) else (m.string,))
        if text and pattern.search(text)
    ]
    assert glued == []


# --- untranslated plan text is marked English (issue #27) -----------------------------------------


class _LangText(HTMLParser):
    """The text of a page with the language of the element around it (SVG titles, plain text by design, left out)."""

    VOID = frozenset({"br", "meta", "img", "input", "link", "hr", "col", "circle", "rect", "line", "polygon", "path"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.found: list[tuple[str | None, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        tags = [t for t, _ in self.stack]
        if "style" in tags or ("svg" in tags and "title" in tags[tags.index("svg") :]):
            return
        lang = next((lang for _, lang in reversed(self.stack) if lang), None)
        self.found.append((lang, data))


def _plan_texts(path: Path) -> set[str]:
    import yaml

    found: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str) and re.search(r"[a-z]{3} [a-z]{2}", value):
            found.add(value[:25])

    walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize(("plan_id", "lang"), cross(sorted(PLANS), OTHER))
def test_untranslated_plan_text_is_marked_english_everywhere(tmp_path, plan_id, lang):
    """Presenters ("Chair of the <group>"), procedure events, partner names: shown untranslated, said to be English."""
    path, _ = PLANS[plan_id]
    plan_file = tmp_path / path.name
    shutil.copy(path, plan_file)  # no catalogs beside it
    page = render(load_plan(plan_file).plan, "html", lang=lang, plan_path=plan_file)
    parser = _LangText()
    parser.feed(page)
    texts = _plan_texts(plan_file)
    unmarked = sorted(
        {data.strip()[:60] for mark, data in parser.found if mark != "en" for text in texts if text in data}
    )
    assert unmarked == []


@pytest.mark.parametrize("lang", sweep(OTHER))
def test_a_page_says_whose_translation_it_is_and_whether_it_is_complete(tmp_path, lang):
    working = {
        "es": "Esta es la traducción de trabajo de la Secretaría, no el texto oficial de la OEA.",
        "fr": "Ceci est la traduction de travail du Secrétariat, et non le texte officiel de l’OEA.",
        "pt": "Esta é a tradução de trabalho da Secretaria, não o texto oficial da OEA.",
    }[lang]
    incomplete = {
        "es": "Parte del texto del plan",
        "fr": "Une partie du texte du plan",
        "pt": "Parte do texto do plano",
    }[lang]
    path, plan = PLANS["csh-2022-2023"]
    for fmt in ("html", "md"):
        page = render(plan, fmt, lang=lang, plan_path=path)  # the bundled catalog, complete
        assert working in page and incomplete not in page
        assert "working translation" not in render(plan, fmt, plan_path=path)
    plan_file = tmp_path / path.name
    shutil.copy(path, plan_file)
    alone = render(plan, "html", lang=lang, plan_path=plan_file)  # no catalog: the glossary only
    assert working not in alone and incomplete in alone
    catalog = (DATA / f"csh-2022-2023.{lang}.po").read_text(encoding="utf-8")
    # One message left untranslated: the page says both.
    first = re.search(r'\nmsgctxt "plan/[^\n]*\nmsgid "[^\n]{60,}"\nmsgstr "([^\n]+)"\n', catalog)
    assert first is not None
    (tmp_path / f"csh-2022-2023.{lang}.po").write_text(
        catalog[: first.start(1)] + catalog[first.end(1) :], encoding="utf-8"
    )
    partly = render(plan, "md", lang=lang, plan_path=plan_file)
    assert working in partly and incomplete in partly


# --- one term per idea ------------------------------------------------------------------------------

TERMINOLOGY = PACKAGE / "locale" / "terminology.csv"


def _terminology() -> list[dict[str, str]]:
    import csv

    with TERMINOLOGY.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _says(pattern: str, text: str) -> bool:
    return re.search(rf"(?<!\w)(?:{pattern})(?!\w)", text, re.I) is not None


@pytest.mark.parametrize("lang", OTHER)
def test_each_idea_has_one_term_in_each_language(lang):
    """A message whose English names an idea of the terminology table says it with the table's term, in every form."""
    rows = _terminology()
    assert {row["idea"] for row in rows} >= {"reporting deadline", "draft resolution", "meeting"}
    other = []
    for m in catalog(lang):
        if not m.id:
            continue
        english = PLACEHOLDER.sub(" ", " ".join(m.id if isinstance(m.id, tuple) else (m.id,)))
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for row in rows:
            if _says(row["en"], english):
                other += [(row["idea"], english, s) for s in strings if s and not _says(row[lang], s)]
    assert other == []


def test_workplan_names_an_idea_the_one_english_way():
    """The templates and the code's messages never use a word the terminology table avoids ("due date")."""
    rows = [row for row in _terminology() if row["en_avoid"]]
    sources = [p.read_text(encoding="utf-8") for p in sorted(bundled_template_dir().glob("*.j2"))]
    sources += [" ".join(m.id if isinstance(m.id, tuple) else (m.id,)) for m in catalog("en") if m.id]
    assert [(row["idea"], text[:80]) for row in rows for text in sources if _says(row["en_avoid"], text)] == []
