"""typography.py: each language's punctuation and lists, in every output."""

from __future__ import annotations

import functools
import re

import pytest

from conftest import DATA, cli_runner, sweep
from pages import text_of
from workplan_cli import i18n, typography
from workplan_cli.cli import app
from workplan_cli.loader import load_plan
from workplan_cli.render import render

PLANS = {p.stem: (p, load_plan(p).plan) for p in sorted(DATA.glob("*.yaml"))}


@functools.cache
def _outputs(lang: str) -> dict[str, str]:
    """Every output workplan writes in ``lang``: both plans' pages and Markdown, upcoming, show and query.

    Made once per language in a run: the tests only read it.
    """
    runner = cli_runner()
    out = {}
    for plan_id, (path, plan) in PLANS.items():
        for fmt in ("html", "md"):
            out[f"{plan_id}.{fmt}"] = text_of(render(plan, fmt, lang=lang, plan_path=path), fmt)
    csh = str(DATA / "csh-2022-2023.yaml")
    commands = {
        "upcoming": ["upcoming", str(DATA), "--as-of", "2023-03-01", "--days", "30"],
        "upcoming.md": ["upcoming", str(DATA), "--as-of", "2023-03-01", "--days", "30", "-f", "md"],
        "upcoming-empty": ["upcoming", str(DATA), "--as-of", "2030-03-01"],
        "show": ["show", "meeting-5", csh],
        "show-activity": ["show", "iadc-crisis-management-exercise", csh],
        "query-meetings": ["query", "meetings", csh],
        "query-meetings.md": ["query", "meetings", csh, "-f", "md"],
        "query-references": ["query", "references", "38", csh],
        "query-activities": ["query", "activities", str(DATA)],
    }
    for name, argv in commands.items():
        result = runner.invoke(app, [*argv, "--lang", lang])
        assert result.exit_code == 0, (name, result.output)
        out[name] = result.output
    return out


@pytest.mark.parametrize(
    ("text", "spaced"),
    [
        ("Note: voir", "Note\u202f: voir"),
        ("Note : voir", "Note\u202f: voir"),
        ("Note\u00a0: voir", "Note\u202f: voir"),
        ("Pourquoi? Oui! Non; « citation »", "Pourquoi\u202f? Oui\u202f! Non\u202f; «\u202fcitation\u202f»"),
        ("«citation»", "«\u202fcitation\u202f»"),
        ("10:00 – 13:00, https://www.oas.org/?q=1", "10:00 – 13:00, https://www.oas.org/?q=1"),
        ("**Date à déterminer:** x", "**Date à déterminer\u202f:** x"),
    ],
)
def test_french_punctuation_takes_a_no_break_space(text, spaced):
    assert typography.punctuate(text, "fr") == spaced
    assert typography.punctuate(text, "es") == text
    assert "".join(typography.punctuate_html(["<p>", text[:3], text[3:], "</p>"], "fr")) == f"<p>{spaced}</p>"


def test_french_punctuation_leaves_markup_styles_and_footnote_marks_alone():
    page = (
        '<style>a:hover{color:red}</style><p title="a: b" class="x:y">Note: <a href="https://x/?a=1">lien</a>: fin</p>'
    )
    assert "".join(typography.punctuate_html([page[:20], page[20:41], page[41:]], "fr")) == (
        '<style>a:hover{color:red}</style><p title="a\u202f: b" class="x:y">Note\u202f: '
        '<a href="https://x/?a=1">lien</a>\u202f: fin</p>'
    )
    assert typography.punctuate_markdown("[^3]: La note: `a: b`", "fr") == "[^3]: La note\u202f: `a: b`"


# A colon, semicolon, question or exclamation mark with no no-break space before it; not a time,
# an address or a Markdown footnote's definition.
_UNSPACED = re.compile(r"(?m)(?<![\u00a0\u202f])[:;?!](?![\d/=]|\w)(?<!^\[\^\d\]:)(?<!^\[\^\d\d\]:)")


def test_every_french_output_spaces_its_punctuation():
    bad = {}
    for name, text in _outputs("fr").items():
        found = [text[max(m.start() - 25, 0) : m.end() + 5] for m in _UNSPACED.finditer(text)]
        if found:
            bad[name] = found[:5]
    assert bad == {}
    for name, text in _outputs("fr").items():
        assert not re.search(r"«[ \w]|[\w ]»", text), name


# French first: the default run reads the French outputs for the test above too.
@pytest.mark.parametrize(("lang", "joined"), sweep([("fr", "SSM et SEDI"), ("es", "SSM y SEDI"), ("pt", "SSM e SEDI")]))
def test_names_are_joined_as_the_language_joins_a_list(lang, joined):
    outputs = _outputs(lang)
    pages = [outputs["csh-2022-2023.html"], outputs["csh-2022-2023.md"]]
    for text in pages:
        assert joined in text
        assert "SSM; SEDI" not in text
    assert typography.join_names(["JID", "CID", "SSM"], lang).count(",") == 1
    with i18n.use("en"):
        assert "by SMS; SEDI" in render(PLANS["csh-2022-2023"][1], "md")
