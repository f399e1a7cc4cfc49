"""catalogs.py: a plan's own text translated by the catalogs beside it, the glossary, and i18n extract and status."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import DATA, FIXTURES, ROOT
from workplan_cli import catalogs, i18n
from workplan_cli.cli import app
from workplan_cli.loader import load_plan

PLANS = {p.stem: (p, load_plan(p).plan) for p in sorted(DATA.glob("*.yaml"))}
OTHER = ("es", "fr", "pt")
I18N = ROOT / "tests" / "i18n-fixtures"


def test_show_and_upcoming_use_the_plan_catalog(runner):
    plan = str(I18N / "test-2023.yaml")
    shown = runner.invoke(app, ["show", "meeting-1", plan, "--lang", "es"])
    assert shown.output == (
        "PRIMERA REUNIÓN\n"
        "jueves, 2 de marzo de 2023, 10:00 – 13:00 (America/New_York)\n"
        "\n"
        "TESTING\n"
        "  1. Pruebas en las Américas\n"
        "      1.1. Presentation by the working group (paragraph 2.a)\n"
        "           párrafo 2.a · presentado por Presidencia (Working Group on Testing)\n"
    )
    coming = runner.invoke(app, ["upcoming", plan, "--as-of", "2023-03-02", "--days", "1", "--lang", "es", "-f", "md"])
    assert coming.output == (
        "## Próximamente: del jueves, 2 de marzo de 2023 al jueves, 2 de marzo de 2023\n\n"
        "### jueves, 2 de marzo de 2023\n\n"
        "- en la primera reunión · **First version of the draft resolution** (etapa, test-2023; hoy)\n"
        "- 10:00 – 13:00 · **Primera reunión** (reunión, test-2023; hoy)\n"
    )


def test_i18n_status_counts_translated_untranslated_stale(runner):
    plan = I18N / "test-2023.yaml"
    result = runner.invoke(app, ["i18n", "status", str(plan), "--lang", "es"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"test-2023 [es]: 4 translated, 11 untranslated, 2 stale, of 17 messages; {I18N / 'test-2023.es.po'}\n"
        "stale: plan/committee.name\n"
        "stale: meeting-1/agenda/1.1.title\n"
    )
    data = json.loads(runner.invoke(app, ["i18n", "status", str(plan), "--lang", "es", "-f", "json"]).output)
    assert data == {
        "plan": "test-2023",
        "lang": "es",
        "catalog": str(I18N / "test-2023.es.po"),
        "total": 17,
        "translated": 4,
        "untranslated": 11,
        "stale": 2,
        "stale_ids": ["plan/committee.name", "meeting-1/agenda/1.1.title"],
    }
    none = runner.invoke(app, ["i18n", "status", str(plan), "--lang", "fr"])
    assert none.output.startswith("test-2023 [fr]: 2 translated, 15 untranslated, 0 stale, of 17 messages; no catalog")


def test_render_uses_translations_and_marks_the_rest(runner):
    page = runner.invoke(app, ["render", str(I18N / "test-2023.yaml"), "--lang", "es"]).output
    assert "<h1>Plan de prueba</h1>" in page
    assert "<li>Pruebas en las Américas<ul>" in page
    # Stale and fuzzy: the plan's own text, in its own language.
    assert '<li><span lang="en">Presentation by the working group (paragraph 2.a)</span>' in page
    assert '<p><span lang="en">Committee on Testing</span> (CT) · Mandato del ' in page
    md = runner.invoke(app, ["render", str(I18N / "test-2023.yaml"), "--lang", "es", "-f", "md"]).output
    assert md.startswith("# Plan de prueba\n\nCommittee on Testing (CT) · mandato del domingo, 1 de enero de 2023 al ")
    assert "- Pruebas en las Américas\n  - Presentation by the working group (paragraph 2.a) _(párrafo 2.a;" in md


@pytest.mark.parametrize("plan_id", sorted(PLANS))
def test_i18n_extract_bundled_plans(runner, tmp_path, plan_id):
    source, plan = PLANS[plan_id]
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    result = runner.invoke(app, ["i18n", "extract", str(copy)])
    assert result.exit_code == 0, result.output
    pot = tmp_path / f"{plan_id}.pot"
    expected = catalogs.messages(plan)
    assert result.output == f"wrote {pot} ({len(expected)} messages)\n"
    first = pot.read_bytes()
    read = [(m.context, m.id) for m in i18n.read_catalog(pot) if m.id]
    assert read == [(m.context, m.source) for m in expected]
    assert len({c for c, _ in read}) == len(read)
    assert read[0] == ("plan.title", plan.title)
    runner.invoke(app, ["i18n", "extract", str(copy)])
    assert pot.read_bytes() == first  # reproducible: no date in it
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([copy.name, pot.name])


def test_plan_message_ids_follow_the_agenda_numbers():
    _, plan = PLANS["csh-2022-2023"]
    ids = {m.context: m.source for m in catalogs.messages(plan)}
    assert ids["meeting-5/agenda/1.title"] == "Combating transnational organized crime"
    assert ids["meeting-5/agenda/1.2.title"].startswith(
        "Presentation by the SMS on the implementation of the mandates contained in paragraphs 44.b and 45"
    )
    assert ids["meeting-5/section/2.heading"].startswith("Follow-up on mandates on the crosscutting topic")
    assert "meeting-5.summary" in ids and "plan/committee.name" in ids


def test_broken_plan_catalog_is_one_positioned_line(runner, tmp_path):
    plan = tmp_path / "test-2023.yaml"
    shutil.copy(I18N / "test-2023.yaml", plan)
    broken = tmp_path / "test-2023.es.po"
    broken.write_text('msgctxt "plan.title"\nmsgid "Test plan"\nmsgstr "Plan\n', encoding="utf-8")
    for argv in (["render", str(plan), "--lang", "es"], ["i18n", "status", str(plan), "--lang", "es"]):
        result = runner.invoke(app, argv)
        assert result.exit_code == 1, result.output
        assert (
            result.output
            == f"workplan: error: {broken}:3: broken translation catalog: unterminated or malformed string\n"
        )


@pytest.mark.parametrize("lang", OTHER)
@pytest.mark.parametrize("plan_id", sorted(PLANS))
def test_bundled_catalogs_translate_every_message(runner, plan_id, lang):
    """The shipped working translations are complete and current; the catalog says what it is."""
    path, _ = PLANS[plan_id]
    result = runner.invoke(app, ["i18n", "status", str(path), "--lang", lang, "--format", "json"])
    assert result.exit_code == 0, result.output
    status = json.loads(result.output)
    assert (status["untranslated"], status["stale"], status["stale_ids"]) == (0, 0, [])
    assert status["translated"] == status["total"] == {"csh-2022-2023": 369, "cicte-2022-2023": 105}[plan_id]
    catalog = path.with_name(f"{path.stem}.{lang}.po")
    assert catalog.read_text(encoding="utf-8").startswith(
        "# Working translation by the secretariat, not the official OAS text.\n"
    )


def test_a_changed_english_text_makes_its_translation_stale(runner, tmp_path):
    path, _ = PLANS["csh-2022-2023"]
    plan = tmp_path / path.name
    plan.write_text(
        path.read_text(encoding="utf-8").replace(
            "    title: Crisis Management Exercise\n", "    title: Crisis Exercise\n"
        ),
        encoding="utf-8",
    )
    shutil.copy(path.with_name(f"{path.stem}.es.po"), tmp_path)
    result = runner.invoke(app, ["i18n", "status", str(plan), "--lang", "es", "--format", "json"])
    status = json.loads(result.output)
    assert (status["translated"], status["stale"], status["stale_ids"]) == (
        368,
        1,
        ["iadc-crisis-management-exercise.title"],
    )


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("es", ["SSM", "JID", "SE/CICAD", "CID", "Consejo Permanente"]),
        ("fr", ["SSM", "JID", "SE/CICAD", "CID", "Conseil permanent"]),
        ("pt", ["SSM", "JID", "SE/CICAD", "CID", "Conselho Permanente"]),
    ],
)
def test_the_glossary_names_oas_bodies_in_a_plan_without_catalogs(runner, tmp_path, lang, names):
    """A plan with no catalog of its own gets the OAS's names and acronyms in the language from the glossary."""
    path, _ = PLANS["csh-2022-2023"]
    plan = tmp_path / "csh.yaml"
    shutil.copy(path, plan)  # no catalogs beside it
    result = runner.invoke(app, ["render", str(plan), "--lang", lang, "--format", "md"])
    assert result.exit_code == 0, result.output
    for name in names:
        assert name in result.stdout
    # The plan's own sentences keep their English acronyms (they are plan text); what workplan names is translated.
    assert re.findall(r"\b(?:por|par|pelo|pela)\s+(?:SMS|IADB|IADC|ES/CICAD)\b", result.stdout) == []
    status = json.loads(runner.invoke(app, ["i18n", "status", str(plan), "--lang", lang, "--format", "json"]).stdout)
    assert status["translated"] > 0 and status["catalog"] is None


def test_a_plan_catalog_overrides_the_glossary(tmp_path):
    text = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "test-2023.yaml"
    plan.write_text(text, encoding="utf-8")
    loaded = load_plan(plan).plan
    assert catalogs.translate(loaded, plan, "es").introduction.installed_by == "Consejo Permanente"
    (tmp_path / "test-2023.es.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n\nmsgctxt "plan/introduction.installed_by"\n'
        'msgid "Permanent Council"\nmsgstr "el Consejo Permanente de la OEA"\n',
        encoding="utf-8",
    )
    assert catalogs.translate(loaded, plan, "es").introduction.installed_by == "el Consejo Permanente de la OEA"
