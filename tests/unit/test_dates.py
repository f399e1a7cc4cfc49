"""dates.py: days, times, ranges and ordinals as each language writes them."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import DATA
from pages import text_of
from workplan_cli import dates, i18n
from workplan_cli.loader import load_plan
from workplan_cli.render import render

PLANS = {p.stem: (p, load_plan(p).plan) for p in sorted(DATA.glob("*.yaml"))}
OTHER = ("es", "fr", "pt")


@pytest.mark.parametrize(
    ("lang", "same_month", "two_months", "two_years"),
    [
        ("en", "Wednesday, March 8, 2023 to Friday, March 10, 2023", None, None),
        (
            "es",
            "del 8 al 10 de marzo de 2023",
            "del 1 de marzo al 2 de abril de 2023",
            "del 30 de diciembre de 2022 al 2 de enero de 2023",
        ),
        ("fr", "du 8 au 10 mars 2023", "du 1er mars au 2 avril 2023", "du 30 décembre 2022 au 2 janvier 2023"),
        (
            "pt",
            "de 8 a 10 de março de 2023",
            "de 1º de março a 2 de abril de 2023",
            "de 30 de dezembro de 2022 a 2 de janeiro de 2023",
        ),
    ],
)
def test_a_range_of_days_is_written_as_the_language_writes_it(lang, same_month, two_months, two_years):
    with i18n.use(lang):
        assert dates.day_span(dt.date(2023, 3, 8), dt.date(2023, 3, 10)) == same_month
        if two_months:
            assert dates.day_span(dt.date(2023, 3, 1), dt.date(2023, 4, 2)) == two_months
            assert dates.day_span(dt.date(2022, 12, 30), dt.date(2023, 1, 2)) == two_years


@pytest.mark.parametrize(
    ("lang", "long", "plain", "short", "contents"),
    [
        ("en", "Thursday, December 1, 2022", "Thursday, December 1, 2022", "Thu, Dec 1, 2022", "01 Dec"),
        ("es", "jueves, 1 de diciembre de 2022", "1 de diciembre de 2022", "jue, 1 dic 2022", "1 dic"),
        ("fr", "jeudi 1er décembre 2022", "1er décembre 2022", "jeu. 1er déc. 2022", "1er déc."),
        (
            "pt",
            "quinta-feira, 1º de dezembro de 2022",
            "1º de dezembro de 2022",
            "qui., 1º de dez. de 2022",
            "1º de dez.",
        ),
    ],
)
def test_the_first_of_a_month_and_unpadded_days(lang, long, plain, short, contents):
    day = dt.date(2022, 12, 1)
    with i18n.use(lang):
        assert (dates.long_day(day), dates.plain_day(day), dates.short_day(day), dates.nav_day(day)) == (
            long,
            plain,
            short,
            contents,
        )
        assert (
            dates.long_day(dt.date(2022, 12, 11)).count("1er") + dates.long_day(dt.date(2022, 12, 11)).count("º") == 0
        )


@pytest.mark.parametrize("lang", OTHER)
def test_pages_write_days_times_and_ordinals_as_the_language_does(lang):
    path, plan = PLANS["csh-2022-2023"]
    page = render(plan, "html", lang=lang, plan_path=path)
    md = render(plan, "md", lang=lang, plan_path=path)
    for text in (text_of(page, "html"), md):
        # No weekday after a preposition ("em quinta-feira", "el jueves, 1 de diciembre" after "el").
        assert not re.search(
            r"\b(?:em|le|el|on) (?:segunda|terça|quarta|quinta|sexta)-feira|\b(?:le|el) (?:lundi|mardi|mercredi|jeudi|vendredi|lunes|martes|miércoles|jueves|viernes)\b",
            text,
        )
        # Times on the 24-hour clock, the house style of the OAS's Spanish, French and Portuguese documents.
        assert "10:00 – 13:00" in text and "a.m." not in text and "p.m." not in text
        # No ordinal capitalised inside a sentence: "dans le cadre de la deuxième réunion".
        assert not re.search(
            r"[a-zà-ÿ,] (?:Première|Deuxième|Troisième|Quatrième|Cinquième|Sixième|Septième|Primera|Segunda|Tercera|Cuarta|Quinta|Sexta|Séptima|Primeira|Terceira|Quarta|Sétima) (?:réunion|reunión|reunião)\b",
            text,
        )
    # Contents entries: no zero-padded day ("01 dic"); calendar captions as titles ("Marzo de 2023").
    assert re.findall(r'<li><a href="#[^"]+">0\d ', page) == []
    captions = re.findall(r"<caption>([^<]+)</caption>", page)
    assert captions and all(c[0].isupper() for c in captions)
    # An activity of several days within the year of its table: "du 8 au 10 mars".
    assert {"es": "del 8 al 10 de marzo", "fr": "du 8 au 10 mars", "pt": "de 8 a 10 de março"}[lang] in page
