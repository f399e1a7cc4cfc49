"""What both kinds of plan share (models/common.py): footnotes and the open vocabularies, held by exact output.

Each test takes the minimal committee plan (tests/fixtures/committee-minimal.yaml:
term 2023-01-01 to 2023-06-30, meetings on Thursday 2 and 16 March 2023) and
changes it into one sample of a class.
"""

from __future__ import annotations

from conftest import line_of
from workplan_cli.render import render

from . import BASE, load, problems, sub

# --- 7. footnotes where the document puts them ----------------------------------------------------

NOTES = (
    sub(
        BASE,
        "    elected_on: 2023-01-01\n",
        "    elected_on: 2023-01-01\n    footnotes:\n      - {number: 4, text: Elected by acclamation.}\n",
    )
    + "footnotes:\n"
    + "  - {number: 1, section: adopted, text: Adopted at the second meeting.}\n"
    + "  - {number: 2, section: term}\n"
    + "  - {number: 3, section: officers, text: As of March 2023.}\n"
)


def test_footnotes_on_the_adoption_line_term_and_officers():
    plan = load(NOTES)
    assert problems(NOTES, "WP109") == [
        (
            "WP109",
            line_of(NOTES, "number: 2, section: term"),
            14,
            "footnote 2 has no text; it is printed as to be confirmed",
        )
    ]
    html = render(plan, "html")
    assert (
        '<p class="footnote" id="fn-2" role="note"><sup>2</sup> <span class="tbd">Text to be confirmed.</span></p>\n'
        '<p class="footnote" id="fn-1" role="note"><sup>1</sup> Adopted at the second meeting.</p>\n</header>'
    ) in html
    assert (
        '<h2 id="officers-h">Officers</h2>\n<p class="footnote" id="fn-3" role="note"><sup>3</sup> As of March 2023.</p>'
    ) in html
    assert '<td>Ada Lovelace<sup><a href="#fn-4">4</a></sup></td>' in html
    md = render(plan, "md")
    assert "· term Sunday, January 1, 2023 to Friday, June 30, 2023[^2] · adopted Thursday, January 5, 2023[^1]" in md
    assert "\n## Officers[^3]\n" in md and "| Ada Lovelace[^4] |" in md
    assert "\n[^2]: Text to be confirmed.\n" in md
    assert "\n[^2]: Texto por confirmar.\n" in render(plan, "md", lang="es")


# --- 8. open vocabularies ----------------------------------------------------------------------------


def test_unknown_values_render_in_their_own_words():
    text = (
        sub(
            sub(BASE, "role: chair", "role: rapporteur"),
            "    kind: regular\n    date: 2023-03-16",
            "    kind: retreat\n    date: 2023-03-16",
        )
        + "reports:\n  - id: r\n    title: Statistics\n    frequency: every-quarter\n"
    )
    text = sub(text, "    number: 2\n    kind: retreat", "    kind: retreat")
    plan = load(text)
    html = render(plan, "html")
    assert '<tr><th scope="row">Rapporteur</th>' in html
    assert '<h3 id="meeting-2-h">Retreat</h3>' in html
    assert '<h3 id="r">Every quarter: Statistics</h3>' in html
    assert "| Rapporteur |" in render(plan, "md", lang="es")


def test_an_unnumbered_vice_chair_is_known():
    text = sub(BASE, "role: chair", "role: vice-chair")
    assert problems(text, "WP108") == []
    assert '<tr><th scope="row">Vice chair</th>' in render(load(text), "html")
    assert '<tr><th scope="row">Vicepresidencia</th>' in render(load(text), "html", lang="es")


def test_a_stage_of_the_plan_own_is_not_put_in_order():
    text = sub(
        BASE,
        "  length_limits:",
        "    - {id: other-drafts, stage: other-drafts-due, title: Other drafts due, date: 2023-02-01}\n  length_limits:",
    )
    assert problems(text, "WP130") == []
    assert "<td>Other drafts due</td>" in render(load(text), "html")
