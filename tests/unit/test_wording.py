"""How items are worded (wording.py): ordinals, meeting titles and headings, statuses, where a milestone is held."""

from __future__ import annotations

import json
import shutil

from conftest import DATA, ROOT
from workplan_cli.cli import app
from workplan_cli.loader import load_plan
from workplan_cli.render import render
from workplan_cli.wording import ordinal

CSH = str(DATA / "csh-2022-2023.yaml")
I18N = ROOT / "tests" / "i18n-fixtures"


def test_ordinal_words():
    assert [ordinal(n) for n in (1, 14, 15, 20, 21, 22, 23, 111)] == [
        "first",
        "fourteenth",
        "fifteenth",
        "twentieth",
        "21st",
        "22nd",
        "23rd",
        "111th",
    ]


def test_a_milestone_held_at_a_meeting_says_at_which(runner):
    """'at the eleventh meeting' rather than 'all day'; the JSON keeps its fields as they were."""
    args = ["upcoming", CSH, "--as-of", "2023-05-25", "--days", "1"]
    text = runner.invoke(app, args).stdout
    [row] = [line.split("  ") for line in text.splitlines() if "  milestone  " in line]
    assert [cell.strip() for cell in row if cell.strip()][:3] == ["at the eleventh meeting", "today", "milestone"]
    es = runner.invoke(app, [*args, "--lang", "fr", "-f", "md"]).stdout
    assert "- à la onzième réunion · **" in es
    [milestone] = [e for e in json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout) if e["kind"] == "milestone"]
    assert sorted(milestone) == [
        "date",
        "end_date",
        "end_time",
        "id",
        "kind",
        "number",
        "plan",
        "references",
        "start_time",
        "timezone",
        "title",
    ]


def test_a_status_is_said_in_the_language(runner, tmp_path):
    """A cancelled meeting (#16) is labelled in the page's language everywhere it is shown."""
    plan = tmp_path / "csh-2022-2023.yaml"
    shutil.copy(DATA / "csh-2022-2023.yaml", plan)
    assert runner.invoke(app, ["cancel", "meeting-7", "--note", "Sin quórum", str(plan)]).exit_code == 0
    upcoming = runner.invoke(app, ["upcoming", "--as-of", "2023-03-16", "--days", "1", "--lang", "es", str(plan)])
    assert (
        upcoming.stdout.splitlines()[-1]
        == "jue, 16 mar 2023  10:00 – 13:00  hoy     reunión  Cancelada: Séptima reunión (Sin quórum)"
    )
    show = runner.invoke(app, ["show", "meeting-7", "--lang", "fr", str(plan)])
    assert show.stdout.splitlines()[:3] == [
        "SEPTIÈME RÉUNION",
        "jeudi 16 mars 2023, 10:00 – 13:00 (America/New_York)",
        "Annulée\u202f: Sin quórum",
    ]
    loaded = load_plan(plan).plan
    page = render(loaded, "html", lang="pt", plan_path=plan)
    assert '<li><a href="#meeting-7">16 de mar.: Sétima reunião</a> (Cancelada)</li>' in page
    assert render(loaded, "md", lang="es", plan_path=plan).count("**Cancelada**") == 1


def test_a_meeting_title_marks_the_plans_part_in_the_page(runner, tmp_path):
    """'Primera reunión: Joint meeting …': the translated head is the page's, the untranslated title the plan's."""
    text = (I18N / "test-2023.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  - id: meeting-1\n    number: 1\n",
        "  - id: meeting-1\n    number: 1\n    title: Joint meeting on testing\n",
        1,
    )
    plan = tmp_path / "test-2023.yaml"
    plan.write_text(text, encoding="utf-8")
    shutil.copy(I18N / "test-2023.es.po", tmp_path / "test-2023.es.po")
    page = runner.invoke(app, ["render", str(plan), "--lang", "es"]).output
    assert '<a href="#meeting-1">2 mar: Primera reunión: <span lang="en">Joint meeting on testing</span></a>' in page
    english = runner.invoke(app, ["render", str(plan)]).output
    assert '<a href="#meeting-1">02 Mar: First meeting: Joint meeting on testing</a>' in english
