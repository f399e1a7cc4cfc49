"""Every command over plans workplan was not built from: tests/fixtures/unseen/.

The bundled plans are one committee's and one secretariat's of one year.  These seven are
shaped otherwise, each as a real secretariat could keep one: a CSH plan of 2019–2020 in
Spanish (no term end yet, meetings without hours, a special meeting over two days,
resolutions of extraordinary sessions, footnotes everywhere, dates by month or year), a
CAJP plan (working groups and reports, no thematic areas, a rapporteur, a meeting kind of
its own, its own headings), a CICAD program plan in French (one program whose sub-programs
carry the purposes), a CICTE program plan in Spanish whose activities are dated (by day, month
or year, over several days or months, or not at all), a plan of each kind with only what is
required, and a Portuguese plan in Bogotá's time zone whose meetings fall on the days New York
changes its clocks.

Each test asserts what the command says of them, exactly.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT, cli_runner, write
from workplan_cli import parse_period
from workplan_cli.cli import app
from workplan_cli.loader import load_plan, parse_plan
from workplan_cli.render import render
from workplan_cli.templating import mid_sentence
from workplan_cli.text import md_escape

UNSEEN = FIXTURES / "unseen"
PLANS = {path.name: path for path in sorted(UNSEEN.glob("*.yaml"))}
COMMITTEES = [name for name, path in PLANS.items() if "kind: committee-plan" in path.read_text(encoding="utf-8")]
LANGUAGES = ("en", "es", "fr", "pt")


def test_the_unseen_plans_are_these_seven():
    assert list(PLANS) == [
        "cajp-2021-2022.yaml",
        "cicad-2024.yaml",
        "cicte-2023-dated.yaml",
        "committee-required-only.yaml",
        "csh-2019-2020.yaml",
        "program-required-only.yaml",
        "redcarib-bogota-2024.yaml",
    ]
    assert COMMITTEES == [
        "cajp-2021-2022.yaml",
        "committee-required-only.yaml",
        "csh-2019-2020.yaml",
        "redcarib-bogota-2024.yaml",
    ]


# --- validate, schema, fmt ------------------------------------------------------------------------------------

WP115_TERM = (
    "warning WP115 the term's end is not given (to be confirmed): meetings and milestones are checked against its "
    "start only, and the picture of the term ends with the plan's last dated item"
)
# Each plan's diagnostics (line, column, severity, code, message); none has an error.
DIAGNOSTICS: dict[str, list[str]] = {
    "cajp-2021-2022.yaml": [
        "28:11: warning WP108 officer role 'rapporteur' is not one of the known values (chair, vice-chair, "
        "first-vice-chair, second-vice-chair, third-vice-chair), so it is printed as written",
        "43:10: warning WP106 country 'canada' is declared but nothing refers to it",
        "48:9: warning WP106 working group 'wg-democratic-charter' is declared but nothing refers to it",
        "89:11: warning WP108 meeting kind 'requested' is not one of the known values (regular, informal, "
        "working-group, forum, special, joint, points-of-contact), so it is printed as written",
    ],
    "cicad-2024.yaml": [],
    "cicte-2023-dated.yaml": [],
    # It names no General Assembly session: nothing to ask the date of.
    "committee-required-only.yaml": [f"6:1: {WP115_TERM}"],
    "csh-2019-2020.yaml": [
        f"13:1: {WP115_TERM}",
        "47:17: warning WP109 footnote 2 has no text; it is printed as to be confirmed",
        "66:17: warning WP106 paragraph '30.b' of 'ag-2945' is declared but nothing cites it",
    ],
    "program-required-only.yaml": [],
    # Its weekend meetings are accepted with reasons (`suppress`).
    "redcarib-bogota-2024.yaml": [],
}


@pytest.mark.parametrize("name", PLANS)
def test_validate_accepts_each_with_exactly_its_warnings(runner, name):
    path = PLANS[name]
    result = runner.invoke(app, ["validate", str(path)])
    lines = [f"{path}:{d}" for d in DIAGNOSTICS[name]]
    count = len(lines)
    summary = (
        f"Found 0 errors and {count} warning{'s' if count != 1 else ''} in 1 file."
        if count
        else "1 file checked: no problems."
    )
    assert (result.exit_code, result.stdout) == (0, "".join(f"{line}\n" for line in [*lines, summary]))
    assert runner.invoke(app, ["validate", "--strict", str(path)]).exit_code == (1 if count else 0)


@pytest.mark.parametrize("name", PLANS)
def test_validate_json_gives_the_same_diagnostics(runner, name):
    result = runner.invoke(app, ["validate", "--format", "json", str(PLANS[name])])
    report = json.loads(result.stdout)
    assert result.exit_code == 0
    assert (report["status"], report["counts"]) == (
        "problems" if DIAGNOSTICS[name] else "ok",
        {"error": 0, "warning": len(DIAGNOSTICS[name])},
    )
    assert [
        f"{d['line']}:{d['column']}: {d['severity']} {d['code']} {d['message']}" for d in report["diagnostics"]
    ] == DIAGNOSTICS[name]


def _check_jsonschema(schema: Path, plan: Path) -> subprocess.CompletedProcess[str]:
    program = Path(sys.executable).with_name("check-jsonschema")
    if not program.exists():
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    return subprocess.run(
        [str(program), "--schemafile", str(schema), str(plan)], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("name", PLANS)
def test_the_exported_json_schema_accepts_what_validate_accepts(runner, tmp_path, name):
    kind = "committee-plan" if name in COMMITTEES else "program-plan"
    schema = tmp_path / f"{kind}.schema.json"
    assert runner.invoke(app, ["schema", "--kind", kind, "-o", str(schema)]).exit_code == 0
    assert schema.read_text(encoding="utf-8") == (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    checked = _check_jsonschema(schema, PLANS[name])
    assert (checked.returncode, checked.stdout) == (0, "ok -- validation done\n")


def test_a_program_of_only_id_letter_and_title_is_refused_by_both(runner, tmp_path):
    text = (UNSEEN / "program-required-only.yaml").read_text(encoding="utf-8")
    text = text[: text.index("    purpose:")]
    path = write(tmp_path, "dps.yaml", text)
    result = runner.invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stdout) == (
        1,
        f"{path}:12:9: error WP140 program A ('police') has no proposed activities\n"
        f"{path}:12:9: error WP140 program A ('police') has no purpose\n"
        "Found 2 errors and 0 warnings in 1 file.\n",
    )
    checked = _check_jsonschema(ROOT / "schemas" / "program-plan.schema.json", path)
    assert checked.returncode == 1
    assert "$.programs[0]: 'purpose' is a required property" in checked.stdout
    assert "$.programs[0]: 'activities' is a required property" in checked.stdout


def test_fmt_check_finds_them_in_canonical_form(runner):
    result = runner.invoke(app, ["fmt", "--check", str(UNSEEN)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "7 files already formatted.\n")


def test_schema_of_program_plans_asks_for_what_wp140_asks_for(runner):
    schema = json.loads(runner.invoke(app, ["schema", "--kind", "program-plan"]).stdout)
    program, sub = schema["definitions"]["Program"], schema["definitions"]["SubProgram"]
    assert (program["if"], program["else"]) == (
        {"required": ["subprograms"], "properties": {"subprograms": {"minItems": 1}}},
        {"required": ["purpose", "activities"], "properties": {"activities": {"minItems": 1}}},
    )
    assert sub["properties"]["activities"]["minItems"] == 1


# --- upcoming -------------------------------------------------------------------------------------------------

# (as of, days, [(id, kind, date, end_date, start_time, end_time)]) with --include-tbd.
UPCOMING = {
    "cajp-2021-2022.yaml": (
        "2021-11-17",
        400,
        [
            ("meeting-1", "meeting", "2021-12-02", None, "14:30", "17:30"),
            ("wg-indigenous-2022-01-13", "meeting", "2022-01-13", None, "10:00", "12:00"),
            ("joint-cji-2022", "meeting", "2022-03-03", None, "10:00", "13:00"),
            ("meeting-ga-requested", "meeting", "2022-04-07", None, "10:00", "13:00"),
            ("course-international-law-2022", "activity", "2022-08-01", "2022-08-19", None, None),
            ("ihl-report", "deadline", None, None, None, None),
            ("voluntary", "deadline", None, None, None, None),
        ],
    ),
    # A program plan's dated activities, each under its program's (or sub-program's) id; the undated one is not listed.
    "cicte-2023-dated.yaml": (
        "2023-01-01",
        365,
        [
            ("cyber", "activity", "2023", None, None, None),
            ("maritime", "activity", "2023-03", None, None, None),
            ("maritime", "activity", "2023-05-08", "2023-05-10", None, None),
            ("cyber", "activity", "2023-07-27", None, None, None),
            ("cyber", "activity", "2023-09", "2023-11", None, None),
            ("aviation", "activity", "2023-10-16", "2023-10-17", None, None),
        ],
    ),
    "committee-required-only.yaml": ("2023-04-01", 30, [("regular-24", "meeting", "2023-04-20", None, None, None)]),
    "csh-2019-2020.yaml": (
        "2019-11-20",
        420,
        [
            ("sesion-1", "meeting", "2019-12-05", None, None, None),
            ("curso-anual", "activity", "2020", "2020", None, None),
            ("sesion-especial-2020", "meeting", "2020-02-27", "2020-02-28", None, None),
            ("sesion-2", "meeting", "2020-03-12", None, None, None),
            ("conferencia-jid", "activity", "2020-04", None, None, None),
            ("informe-anual/2020-04-15", "deadline", "2020-04-15", None, None, None),
            ("sesion-3", "meeting", "2020-06-18", None, "10:00", "13:00"),
            ("proyecto-resolucion", "milestone", "2020-08", None, None, None),
            ("mispa-viii", "pending", None, None, None, None),
        ],
    ),
    "redcarib-bogota-2024.yaml": (
        "2024-02-01",
        310,
        [
            ("reuniao-1", "meeting", "2024-03-09", None, "22:00", "23:30"),
            ("curso-virtual", "activity", "2024-03-10", "2024-03-11", None, None),
            ("reuniao-2", "meeting", "2024-03-10", None, "01:30", "03:30"),
            ("reuniao-3", "meeting", "2024-11-03", None, "00:30", "02:00"),
        ],
    ),
}


@pytest.mark.parametrize("name", UPCOMING)
def test_upcoming_json_dates_every_item_as_the_plan_does(runner, name):
    as_of, days, expected = UPCOMING[name]
    result = runner.invoke(
        app,
        ["upcoming", str(PLANS[name]), "--as-of", as_of, "--days", str(days), "--include-tbd", "--format", "json"],
    )
    assert result.exit_code == 0
    entries = json.loads(result.stdout)
    assert [(e["id"], e["kind"], e["date"], e["end_date"], e["start_time"], e["end_time"]) for e in entries] == expected
    zone = "America/Bogota" if name.startswith("redcarib") else "America/New_York"
    assert {e["timezone"] for e in entries} == {zone}


def test_upcoming_in_bogota_over_new_yorks_change_of_clocks(runner):
    # The reader is in New York (the runner's TZ).  On 10 March 2024 New York moves its clocks at 2:00, after
    # the 1:30 meeting: both clocks read alike at every listed time, so no zone is pointed out.
    plan = str(PLANS["redcarib-bogota-2024.yaml"])
    march = runner.invoke(app, ["upcoming", plan, "--as-of", "2024-03-09", "--days", "3"])
    assert (march.exit_code, march.stdout) == (
        0,
        "Próximos eventos: de sáb., 9 de mar. de 2024 a seg., 11 de mar. de 2024\n"
        "\n"
        "Data                      Hora             Quando  Tipo       O quê\n"
        "\n"
        "sáb., 9 de mar. de 2024   22:00 – 23:30    hoje    reunião    Primeira reunião\n"
        "\n"
        "dom., 10 de mar. de 2024  até 11 de março  amanhã  atividade  Curso virtual sobre policiamento comunitário\n"
        "                          01:30 – 03:30    amanhã  reunião    Segunda reunião\n",
    )
    # On 3 November 2024, 0:30 in Bogotá is 1:30 summer time in New York: the zone is said.
    november = runner.invoke(app, ["upcoming", plan, "--as-of", "2024-11-03", "--days", "1"])
    assert (november.exit_code, november.stdout) == (
        0,
        "Próximos eventos: dom., 3 de nov. de 2024\n"
        "Os horários são os do fuso horário America/Bogota.\n"
        "\n"
        "Data                     Hora           Quando  Tipo     O quê\n"
        "\n"
        "dom., 3 de nov. de 2024  00:30 – 02:00  hoje    reunião  Terceira reunião\n",
    )


def test_upcoming_in_spanish_with_hours_to_confirm_and_dates_by_month(runner):
    result = runner.invoke(app, ["upcoming", str(PLANS["csh-2019-2020.yaml"]), "--as-of", "2020-03-01", "--days", "46"])
    assert (result.exit_code, result.stdout) == (
        0,
        "Próximamente: del dom, 1 mar 2020 al mié, 15 abr 2020\n"
        "\n"
        "Fecha             Hora                Cuándo                 Tipo       Qué\n"
        "\n"
        "2020              día por confirmar   durante 2020           actividad  Curso anual\n"
        "\n"
        "jue, 12 mar 2020  hora por confirmar  dentro de 11 días      reunión    Aplazada: Segunda reunión (Aplazada por la\n"
        "                                                                        pandemia)\n"
        "\n"
        "abr 2020          día por confirmar   durante abril de 2020  actividad  Conferencia de la JID\n"
        "\n"
        "mié, 15 abr 2020  todo el día         dentro de 45 días      plazo      Informe anual sobre medidas de fomento de la\n"
        "                                                                        confianza\n",
    )


@pytest.mark.parametrize("name", ["cicad-2024.yaml", "program-required-only.yaml"])
def test_upcoming_program_plans_say_they_date_nothing(runner, name):
    result = runner.invoke(app, ["upcoming", str(PLANS[name]), "--as-of", "2025-01-01", "--lang", "en"])
    plan, period = (
        ("cicad-2024", "Mon, Jan 1, 2024 to Tue, Dec 31, 2024")
        if name.startswith("cicad")
        else ("dps-2025", "Wed, Jan 1, 2025 to Wed, Dec 31, 2025")
    )
    assert (result.exit_code, result.stdout) == (
        0,
        "Nothing scheduled from Wed, Jan 1, 2025 to Tue, Jan 14, 2025.\n"
        f"  {plan}: period {period}; programs only, no dated events.\n"
        "The plans have no dated items (meetings, activities, milestones or yearly deadlines).\n",
    )


def test_upcoming_lists_a_program_plans_dated_activities_with_their_program(runner):
    """A window lists the activities dated by year, month or months and by days that meet it, and no other."""
    plan = str(PLANS["cicte-2023-dated.yaml"])
    result = runner.invoke(app, ["upcoming", plan, "--as-of", "2023-03-15", "--days", "60"])
    assert (result.exit_code, result.stdout) == (
        0,
        "Próximamente: del mié, 15 mar 2023 al sáb, 13 may 2023\n"
        "\n"
        "Fecha            Hora                 Cuándo                 Tipo       Qué\n"
        "\n"
        "2023             día por confirmar    durante 2023           actividad  B. Ciberseguridad, actividad 2: Campaña\n"
        "                                                                        hemisférica de concienciación.\n"
        "\n"
        "mar 2023         día por confirmar    durante marzo de 2023  actividad  A. Seguridad marítima, actividad 1: Taller\n"
        "                                                                        subregional sobre seguridad marítima.\n"
        "\n"
        "lun, 8 may 2023  hasta el 10 de mayo  dentro de 54 días      actividad  A. Seguridad marítima, actividad 2: Ejercicio de\n"
        "                                                                        simulación de incidentes portuarios.\n",
    )
    french = runner.invoke(
        app, ["upcoming", plan, "--as-of", "2023-10-17", "--days", "1", "--format", "md", "--lang", "fr", "--ids"]
    )
    assert (french.exit_code, french.stdout) == (
        0,
        "## À venir\u202f: du mardi 17 octobre 2023 au mardi 17 octobre 2023\n"
        "\n"
        "### 2023\n"
        "\n"
        "- jour à confirmer · **B. Ciberseguridad, activité 2\u202f: Campaña hemisférica de concienciación.** `cyber` "
        "(activité, cicte-2023\u202f; au cours de 2023)\n"
        "\n"
        "### septembre 2023\n"
        "\n"
        "- jour à confirmer · **B. Ciberseguridad, activité 3\u202f: Serie de seminarios web sobre respuesta a "
        "incidentes.** `cyber` (activité, cicte-2023\u202f; au cours de septembre 2023)\n"
        "\n"
        "### mardi 17 octobre 2023\n"
        "\n"
        "- jusqu’au 17 octobre · **C. Seguridad fronteriza › Seguridad de la aviación, activité 1\u202f: Curso nacional "
        "de seguridad de la aviación.** `aviation` (activité, cicte-2023\u202f; en cours depuis le 16 octobre)\n",
    )


def test_upcoming_after_a_program_plans_dates_says_how_many_it_dates(runner):
    result = runner.invoke(
        app, ["upcoming", str(PLANS["cicte-2023-dated.yaml"]), "--as-of", "2024-01-01", "--lang", "en"]
    )
    assert (result.exit_code, result.stdout) == (
        0,
        "Nothing scheduled from Mon, Jan 1, 2024 to Sun, Jan 14, 2024.\n"
        "  cicte-2023: period Sun, Jan 1, 2023 to Sun, Dec 31, 2023; 6 dated activities.\n"
        "The plans' dated items run from 2023 to Sun, Dec 31, 2023.\n"
        "To look at another period: workplan upcoming --as-of 2023 --days 30\n",
    )


# --- query and show -------------------------------------------------------------------------------------------


def test_query_meetings_finds_a_paragraph_of_an_extraordinary_sessions_resolution(runner):
    path = str(PLANS["csh-2019-2020.yaml"])
    found = runner.invoke(
        app, ["query", "meetings", path, "--paragraph", "4", "--resolution", "1 (XLVI-E/14)", "--lang", "en"]
    )
    assert (found.exit_code, found.stdout) == (
        0,
        "Thu, Feb 27, 2020 to Fri, Feb 28, 2020  time to be confirmed  sesion-especial-2020\n"
        "    Sesión especial sobre preocupaciones de seguridad de los pequeños Estados insulares\n"
        "    1     Diálogo con la JID\n"
        "          paragraph 1 of AG/RES. 2 (L-E/20); paragraph 4 of AG/RES. 1 (XLVI-E/14) · by JID\n"
        "\n"
        "1 meeting.\n",
    )
    # Paragraph 1 of that resolution is cited nowhere: the other extraordinary session's is.
    none = runner.invoke(app, ["query", "meetings", path, "--paragraph", "1", "--resolution", "1 (XLVI-E/14)"])
    assert (none.exit_code, none.stdout) == (0, "0 reuniones.\n")


def test_query_references_and_coverage_of_a_plan_with_roman_paragraph_labels(runner):
    path = str(PLANS["cajp-2021-2022.yaml"])
    references = runner.invoke(app, ["query", "references", "i.3", path])
    assert (references.exit_code, references.stdout) == (
        0,
        "Thu, Dec 2, 2021  meeting-1  item 2\n"
        "    Presentation by the delegation of Brazil\n"
        "Report  ihl-report\n"
        "    Report on the implementation of international humanitarian law\n"
        "2 citations.\n",
    )
    coverage = json.loads(runner.invoke(app, ["query", "coverage", path, "--format", "json"]).stdout)
    assert [(c["paragraph"], [m["id"] for m in c["meetings"]]) for c in coverage["covered"]] == [("i.3", ["meeting-1"])]
    assert [c["paragraph"] for c in coverage["uncovered"]] == ["ii.1.a"]


def test_query_activities_of_a_program_whose_sub_programs_hold_them(runner):
    path = str(PLANS["cicad-2024.yaml"])
    result = runner.invoke(app, ["query", "activities", path, "--partner", "ONUDC"])
    assert (result.exit_code, result.stdout) == (
        0,
        "A. Réduction de la demande › Prévention, activité 2  avec ONUDC\n    Atelier régional avec l'ONUDC.\n1 activité.\n",
    )
    listed = json.loads(runner.invoke(app, ["query", "activities", path, "--format", "json"]).stdout)
    assert [(a["subprogram"], a["number"], a["partners"], a["gender"]) for a in listed] == [
        ("Prévention", 1, [], False),
        ("Prévention", 2, ["unodc"], True),
        ("Traitement", 1, [], False),
    ]


def test_query_activities_gives_a_program_activitys_dates_and_place(runner):
    path = str(PLANS["cicte-2023-dated.yaml"])
    result = runner.invoke(app, ["query", "activities", path, "--program", "B"])
    assert (result.exit_code, result.stdout) == (
        0,
        "B. Ciberseguridad, actividad 1  jue, 27 jul 2023  Washington, D.C.\n"
        "    Sesión ordinaria del CICTE.\n"
        "B. Ciberseguridad, actividad 2  2023\n"
        "    Campaña hemisférica de concienciación.\n"
        "B. Ciberseguridad, actividad 3  del sept 2023 al nov 2023\n"
        "    Serie de seminarios web sobre respuesta a incidentes.\n"
        "3 actividades.\n",
    )
    listed = json.loads(runner.invoke(app, ["query", "activities", path, "--format", "json"]).stdout)
    assert [{k: a[k] for k in ("letter", "number", "date", "end_date", "place") if k in a} for a in listed] == [
        {"letter": "A", "number": 1, "date": "2023-03", "end_date": None, "place": "Puerto España"},
        {"letter": "A", "number": 2, "date": "2023-05-08", "end_date": "2023-05-10", "place": "Kingston"},
        {"letter": "A", "number": 3},
        {"letter": "B", "number": 1, "date": "2023-07-27", "end_date": None, "place": "Washington, D.C."},
        {"letter": "B", "number": 2, "date": "2023", "end_date": None},
        {"letter": "B", "number": 3, "date": "2023-09", "end_date": "2023-11"},
        {"letter": "C", "number": 1, "date": "2023-10-16", "end_date": "2023-10-17", "place": "Lima"},
    ]
    assert listed[6] == {
        "plan": "cicte-2023",
        "program": "Seguridad fronteriza",
        "letter": "C",
        "subprogram": "Seguridad de la aviación",
        "number": 1,
        "text": "Curso nacional de seguridad de la aviación.",
        "partners": [],
        "gender": False,
        "date": "2023-10-16",
        "end_date": "2023-10-17",
        "place": "Lima",
    }


def test_show_a_sub_program_with_its_activitys_dates_as_written(runner):
    result = runner.invoke(app, ["show", "aviation", str(PLANS["cicte-2023-dated.yaml"]), "--format", "json"])
    assert (result.exit_code, json.loads(result.stdout)) == (
        0,
        {
            "plan": "cicte-2023",
            "type": "subprogram",
            "id": "aviation",
            "title": "Seguridad de la aviación",
            "purpose": "Mejorar la seguridad de la aviación civil.",
            "activities": [
                {
                    "text": "Curso nacional de seguridad de la aviación.",
                    "date": "2023-10-16",
                    "end_date": "2023-10-17",
                    "place": "Lima",
                }
            ],
        },
    )


def test_show_a_postponed_meeting_without_hours_with_its_footnote(runner):
    result = runner.invoke(app, ["show", "sesion-2", str(PLANS["csh-2019-2020.yaml"])])
    assert (result.exit_code, result.stdout) == (
        0,
        "SEGUNDA REUNIÓN\n"
        "jueves, 12 de marzo de 2020, hora por confirmar\n"
        "Aplazada: Aplazada por la pandemia\n"
        "[5] Primera sesión virtual.\n",
    )


def test_show_names_a_speakers_body(runner):
    result = runner.invoke(app, ["show", "wg-indigenous-2022-01-13", str(PLANS["cajp-2021-2022.yaml"])])
    assert (result.exit_code, result.stdout) == (
        0,
        "Meeting of the Working Group on the Rights of Indigenous Peoples\n"
        "Thursday, January 13, 2022, 10:00 a.m. – 12:00 p.m. (America/New_York)\n"
        "\n"
        "  1. Negotiation of the plan of action\n"
        "     by Ms. Ana Ejemplo, Legal Officer, DIL\n",
    )


def test_show_in_french_spaces_its_words_but_not_the_data_it_quotes(runner):
    result = runner.invoke(app, ["show", "prevention", str(PLANS["cicad-2024.yaml"])])
    assert (result.exit_code, result.stdout) == (
        0,
        "Sous-programme prevention (cicad-2024)\n"
        "title\u202f: Prévention\n"
        "purpose\u202f: Renforcer les programmes de prévention fondés sur des données probantes.\n"
        "partners\u202f:\n"
        "  - COPOLAD\n"
        "activities\u202f:\n"
        '  - {"text": "Formation de formateurs en prévention scolaire."}\n'
        '  - {"text": "Atelier régional avec l\'ONUDC.", "partners": ["unodc"], "gender": true}\n',
    )
    for line in result.stdout.splitlines()[6:]:
        assert json.loads(line.removeprefix("  - ")) in (
            {"text": "Formation de formateurs en prévention scolaire."},
            {"text": "Atelier régional avec l'ONUDC.", "partners": ["unodc"], "gender": True},
        )


# --- render ---------------------------------------------------------------------------------------------------


def _render(runner, name: str, fmt: str, lang: str | None = None) -> str:
    args = ["render", str(PLANS[name]), "--format", fmt, *(["--lang", lang] if lang else [])]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PLANS)
def test_markdown_refers_to_every_footnote_it_lists(runner, name, lang):
    # GitHub drops a footnote definition nothing refers to: its text would be lost.
    page = _render(runner, name, "md", lang)
    listed = re.findall(r"^\[\^(\d+)\]: ", page, flags=re.MULTILINE)
    referred = re.findall(r"\[\^(\d+)\](?!:)", page)
    assert sorted(set(referred), key=int) == listed


@given(
    st.lists(st.integers(1, 99), min_size=2, max_size=6, unique=True),
    st.sampled_from(LANGUAGES),
    st.booleans(),
)
def test_markdown_marks_footnotes_of_meetings_and_activities_wherever_they_are(numbers, lang, cancelled):
    meeting, activity = numbers[: len(numbers) // 2], numbers[len(numbers) // 2 :]
    text = (
        PLANS["committee-required-only.yaml"]
        .read_text(encoding="utf-8")
        .replace(
            "  - {id: regular-24, kind: regular, date: 2023-04-20}\n",
            "  - id: regular-24\n    kind: regular\n    date: 2023-04-20\n"
            + ("    status: cancelled\n" if cancelled else "")
            + "    footnotes:\n"
            + "".join(f"      - {{number: {n}, text: Note {n}}}\n" for n in meeting)
            + "activities:\n  - id: seminar\n    title: Seminar\n    date: 2023-05\n    footnotes:\n"
            + "".join(f"      - {{number: {n}}}\n" for n in activity),
        )
    )
    runner = cli_runner()
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), "plan.yaml", text)
        result = runner.invoke(app, ["render", str(path), "--format", "md", "--lang", lang])
    assert result.exit_code == 0, result.output
    page = result.stdout
    heading = next(line for line in page.splitlines() if line.startswith("#### "))
    assert heading.endswith("".join(f"[^{n}]" for n in meeting))
    other = next(line for line in page.splitlines() if line.startswith("> _"))
    assert other.endswith("".join(f"[^{n}]" for n in activity))
    assert re.findall(r"^\[\^(\d+)\]: ", page, flags=re.MULTILINE) == [str(n) for n in sorted(numbers)]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PLANS)
def test_html_ids_are_unique_and_every_link_in_the_page_has_its_target(runner, name, lang):
    page = _render(runner, name, "html", lang)
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    targets = set(re.findall(r'href="#([^"]+)"', page))
    assert targets <= set(ids), targets - set(ids)


def _foreign_words(lang: str) -> list[re.Pattern[str]]:
    """workplan's own English words that the ``lang`` catalog translates otherwise, as whole words."""
    catalog = read_po((ROOT / "src" / "workplan_cli" / "locale" / lang / "LC_MESSAGES" / "workplan.po").open("rb"))
    found = set()
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not message.id:
            continue
        for text in ids:
            for part in re.split(r"%\(\w+\)[sd]|\{\w+\}", text):
                part = part.strip(" .,:;()")
                # A word the language writes alike ("Document", "Introduction") is not a foreign one.
                if len(part) >= 8 and not any(part in translated for translated in strings):
                    found.add(part)
    return [re.compile(rf"(?<!\w){re.escape(part)}(?!\w)") for part in sorted(found)]


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("csh-2019-2020.yaml", "es"),
        ("cicad-2024.yaml", "fr"),
        ("redcarib-bogota-2024.yaml", "pt"),
        ("cicte-2023-dated.yaml", "es"),
    ],
)
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_plan_in_another_language_gets_no_english_word_of_workplans(runner, name, lang, fmt):
    page = _render(runner, name, fmt)
    page = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.DOTALL)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    assert [p.pattern for p in _foreign_words(lang) if p.search(text)] == []


def test_markdown_of_the_spanish_plan_holds_its_own_wording_and_footnotes(runner):
    page = _render(runner, "csh-2019-2020.yaml", "md")
    assert page.splitlines()[4] == (
        "Comisión de Seguridad Hemisférica (CSH) · mandato desde el miércoles, 20 de noviembre de 2019; "
        "fecha de término por confirmar[^7] · aprobado el 5 de diciembre de 2019 · horas locales de la sede "
        "(America/New_York)"
    )
    assert "#### SEGUNDA REUNIÓN[^5]\n" in page
    assert "> _Otra actividad de la OEA:_ abril de 2020: Conferencia de la JID, JID[^6]\n" in page
    assert "[^5]: Primera sesión virtual.\n[^6]: Fecha por confirmar.\n" in page


def test_pages_of_the_cajp_plan_use_its_own_headings_and_name_speakers_bodies(runner):
    md = _render(runner, "cajp-2021-2022.yaml", "md")
    assert "\n## Reports the member states owe the Committee\n" in md
    assert "\n## Working groups\n" in md and "[Working groups](#working-groups)" in md
    assert "negotiation mechanisms" not in md
    assert "[Reports](#reports-the-member-states-owe-the-committee)" in md
    assert "\n- Negotiation of the plan of action _(by Ms. Ana Ejemplo, Legal Officer, DIL)_\n" in md
    page = _render(runner, "cajp-2021-2022.yaml", "html")
    assert '<h2 id="reports-h">Reports the member states owe the Committee</h2>' in page
    assert '<h2 id="working-groups-h">Working groups</h2>' in page
    assert '<li><a href="#working-groups">Working groups</a></li>' in page
    assert "negotiation mechanisms" not in page
    assert '<th scope="col">Other activities of the Department of International Law</th>' in page
    assert "Presented by: Ms. Ana Ejemplo, Legal Officer, DIL." in page


def test_what_mandates_and_reports_cite_is_printed_when_their_text_does_not_say_it(runner):
    md = _render(runner, "csh-2019-2020.yaml", "md")
    assert (
        "- 1\\. Seguimiento de la resolución AG/RES. 2945 (XLIX-O/19). _(párrafo 12; AG/RES. 2945 (XLIX-O/19))_\n"
    ) in md
    assert (
        "### 15 de abril de cada año: Informe anual sobre medidas de fomento de la confianza\n\n"
        "_(AG/RES. 2945 (XLIX-O/19))_\n"
    ) in md
    page = _render(runner, "csh-2019-2020.yaml", "html")
    assert '<p><span class="refs">Resolución: AG/RES. 2945 (XLIX-O/19). </span></p>' in page
    # On a page in another language the symbol is the plan's text, marked as Spanish.
    assert 'Résolution\u202f: <span lang="es">AG/RES. 2945 (XLIX-O/19)</span>' in _render(
        runner, "csh-2019-2020.yaml", "html", "fr"
    )
    assert "\n_(paragraph i.3)_\n" in _render(runner, "cajp-2021-2022.yaml", "md")


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("cicad-2024.yaml", "CICAD\u202f: plan de travail 2024"),
        ("cicte-2023-dated.yaml", "CICTE: plan de trabajo 2023"),
        ("redcarib-bogota-2024.yaml", "RISC: plano de trabalho 2024"),
        ("program-required-only.yaml", "DPS work plan 2025"),
        ("cajp-2021-2022.yaml", "CAJP work plan 2021–2022"),
        ("csh-2019-2020.yaml", "CSH: plan de trabajo desde 2019"),
    ],
)
def test_a_page_title_names_one_year_once(runner, name, title):
    assert f"<title>{title}</title>" in _render(runner, name, "html")


def test_a_program_plan_with_only_what_is_required_prints_no_empty_section(runner):
    assert _render(runner, "program-required-only.yaml", "md") == (
        "# Work plan of the Department of Public Security\n"
        "\n"
        "Department of Public Security (DPS) · period January 2025 to December 2025 · approved at the regular "
        "meeting of the Permanent Council held on Tuesday, December 10, 2024\n"
        "\n"
        "## Contents\n"
        "\n"
        "- A. Police management\n"
        "\n"
        "## Principal programs\n"
        "\n"
        "### A. Police management\n"
        "\n"
        "**Purpose:** To strengthen police management in the member states.\n"
        "\n"
        "**Activities proposed:**\n"
        "\n"
        "1. Course on police management.\n"
        "\n"
    )
    page = _render(runner, "program-required-only.yaml", "html")
    assert re.findall(r'<h2 id="([\w-]+)"', page) == ["programs-h"]
    assert "Approved at the regular meeting of the Permanent Council held on" in page


def test_the_french_program_marks_its_gender_activity_in_both_pages(runner):
    md = _render(runner, "cicad-2024.yaml", "md")
    assert "2. Atelier régional avec l'ONUDC. _(Perspective de genre.)_ _(partenaires\u202f: ONUDC)_\n" in md
    assert "Perspective de genre." in _render(runner, "cicad-2024.yaml", "html")


# Each dated activity's line in the Markdown page, by language: its day or days and place, then its text.
DATED_LINES = {
    "es": [
        "1. mar 2023, Puerto España: Taller subregional sobre seguridad marítima. _(socios: OMI)_",
        "2. del 8 al 10 de mayo de 2023, Kingston: Ejercicio de simulación de incidentes portuarios.",
        "3. Curso en línea sobre gestión de riesgos portuarios.",
        "1. jue, 27 jul 2023, Washington, D.C.: Sesión ordinaria del CICTE.",
        "2. 2023: Campaña hemisférica de concienciación.",
        "3. del sept 2023 al nov 2023: Serie de seminarios web sobre respuesta a incidentes. _(Perspectiva de género.)_",
        "1. del 16 al 17 de octubre de 2023, Lima: Curso nacional de seguridad de la aviación.",
    ],
    "en": [
        "1. Mar 2023, Puerto España: Taller subregional sobre seguridad marítima. _(partners: OMI)_",
        "2. Mon, May 8, 2023 to Wed, May 10, 2023, Kingston: Ejercicio de simulación de incidentes portuarios.",
        "3. Curso en línea sobre gestión de riesgos portuarios.",
        "1. Thu, Jul 27, 2023, Washington, D.C.: Sesión ordinaria del CICTE.",
        "2. 2023: Campaña hemisférica de concienciación.",
        "3. Sep 2023 to Nov 2023: Serie de seminarios web sobre respuesta a incidentes. _(Gender perspective.)_",
        "1. Mon, Oct 16, 2023 to Tue, Oct 17, 2023, Lima: Curso nacional de seguridad de la aviación.",
    ],
    "fr": [
        "1. mars 2023, Puerto España\u202f: Taller subregional sobre seguridad marítima. _(partenaires\u202f: OMI)_",
        "2. du 8 au 10 mai 2023, Kingston\u202f: Ejercicio de simulación de incidentes portuarios.",
        "3. Curso en línea sobre gestión de riesgos portuarios.",
        "1. jeu. 27 juil. 2023, Washington, D.C.\u202f: Sesión ordinaria del CICTE.",
        "2. 2023\u202f: Campaña hemisférica de concienciación.",
        "3. du sept. 2023 au nov. 2023\u202f: Serie de seminarios web sobre respuesta a incidentes. "
        "_(Perspective de genre.)_",
        "1. du 16 au 17 octobre 2023, Lima\u202f: Curso nacional de seguridad de la aviación.",
    ],
    "pt": [
        "1. mar. de 2023, Puerto España: Taller subregional sobre seguridad marítima. _(parceiros: OMI)_",
        "2. de 8 a 10 de maio de 2023, Kingston: Ejercicio de simulación de incidentes portuarios.",
        "3. Curso en línea sobre gestión de riesgos portuarios.",
        "1. qui., 27 de jul. de 2023, Washington, D.C.: Sesión ordinaria del CICTE.",
        "2. 2023: Campaña hemisférica de concienciación.",
        "3. de set. de 2023 a nov. de 2023: Serie de seminarios web sobre respuesta a incidentes. "
        "_(Perspectiva de gênero.)_",
        "1. de 16 a 17 de outubro de 2023, Lima: Curso nacional de seguridad de la aviación.",
    ],
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_program_pages_date_activities_in_the_pages_language(runner, lang):
    md = _render(runner, "cicte-2023-dated.yaml", "md", lang)
    assert [line for line in md.splitlines() if re.match(r"\d+\. ", line)] == DATED_LINES[lang]
    html_page = _render(runner, "cicte-2023-dated.yaml", "html", lang)
    items = [line for line in html_page.splitlines() if line.startswith("<li><time")]
    assert len(items) == 6
    # The same day or days, in a <time> element that gives the date as the plan writes it.
    assert re.findall(r'<time datetime="([^"]+)">', "".join(items)) == [
        "2023-03",
        "2023-05-08",
        "2023-07-27",
        "2023",
        "2023-09",
        "2023-10-16",
    ]


def test_the_spanish_program_page_dates_activities_in_html(runner):
    page = _render(runner, "cicte-2023-dated.yaml", "html")
    items = [line for line in page.splitlines() if line.startswith("<li>") and "#" not in line.split(">")[1]]
    assert items[:3] == [
        '<li><time datetime="2023-03">mar 2023</time>, Puerto España: Taller subregional sobre seguridad marítima.'
        '<span class="refs">Socios: <a href="#partner-imo">OMI</a>.</span></li>',
        '<li><time datetime="2023-05-08">del 8 al 10 de mayo de 2023</time>, Kingston: Ejercicio de simulación de '
        "incidentes portuarios.</li>",
        "<li>Curso en línea sobre gestión de riesgos portuarios.</li>",
    ]


def test_the_calendar_of_a_program_plan_has_its_dated_activities(runner, tmp_path):
    # A copy outside git: its events are dated by the plan's approval (in git, by the file's last commit).
    copy = shutil.copy(PLANS["cicte-2023-dated.yaml"], tmp_path / "cicte-2023-dated.yaml")
    result = runner.invoke(app, ["render", str(copy), "--format", "ics"])
    assert (result.exit_code, result.stderr) == (0, "")
    calendar = result.stdout
    events = calendar.split("BEGIN:VEVENT\n")[1:]
    assert [
        (
            re.search(r"^UID:(.*)$", e, re.M).group(1),
            re.search(r"^DTSTART;VALUE=DATE:(\d+)$", e, re.M).group(1),
            re.search(r"^DTEND;VALUE=DATE:(\d+)$", e, re.M).group(1),
        )
        for e in events
    ] == [
        ("maritime-1@cicte-2023.workplan", "20230301", "20230401"),
        ("maritime-2@cicte-2023.workplan", "20230508", "20230511"),
        ("cyber-1@cicte-2023.workplan", "20230727", "20230728"),
        ("cyber-2@cicte-2023.workplan", "20230101", "20240101"),
        ("cyber-3@cicte-2023.workplan", "20230901", "20231201"),
        ("aviation-1@cicte-2023.workplan", "20231016", "20231018"),
    ]
    assert events[0] == (
        "SUMMARY:CICTE: A. Seguridad marítima\\, actividad 1\n"
        "DTSTART;VALUE=DATE:20230301\n"
        "DTEND;VALUE=DATE:20230401\n"
        "DTSTAMP:20221214T000000Z\n"
        "UID:maritime-1@cicte-2023.workplan\n"
        "SEQUENCE:0\n"
        "CATEGORIES:activity\n"
        "DESCRIPTION:Taller subregional sobre seguridad marítima.\\nDía por confir\n"
        " mar: marzo de 2023\n"
        "LAST-MODIFIED:20221214T000000Z\n"
        "LOCATION:Puerto España\n"
        "TRANSP:TRANSPARENT\n"
        "END:VEVENT\n"
    )
    assert "VTIMEZONE" not in calendar  # all-day events only
    assert calendar.endswith("END:VEVENT\nEND:VCALENDAR\n")


def test_the_calendar_keeps_bogota_hours_and_dates_by_month_as_whole_periods(runner):
    bogota = _render(runner, "redcarib-bogota-2024.yaml", "ics")
    assert "TZID:America/Bogota\n" in bogota
    assert "TZOFFSETFROM:-0500\nTZOFFSETTO:-0500\n" in bogota
    assert "DAYLIGHT" not in bogota
    assert "DTSTART;TZID=America/Bogota:20240310T013000\nDTEND;TZID=America/Bogota:20240310T033000\n" in bogota
    assert "DTSTART;TZID=America/Bogota:20241103T003000\nDTEND;TZID=America/Bogota:20241103T020000\n" in bogota
    spanish = _render(runner, "csh-2019-2020.yaml", "ics")
    assert "DTSTART;VALUE=DATE:20200227\nDTEND;VALUE=DATE:20200229\n" in spanish  # two days, hours to confirm
    assert "DTSTART;VALUE=DATE:20200401\nDTEND;VALUE=DATE:20200501\n" in spanish  # April 2020
    assert "DESCRIPTION:Día por confirmar: abril de 2020\n" in spanish
    assert "RRULE:FREQ=YEARLY;BYMONTHDAY=15;BYMONTH=4\n" in spanish


# --- editing, diff, init, i18n --------------------------------------------------------------------------------


@pytest.fixture
def spanish_copy(tmp_path: Path) -> Path:
    return Path(shutil.copy(PLANS["csh-2019-2020.yaml"], tmp_path / "csh-2019-2020.yaml"))


def _lines_after(path: Path, key: str, count: int) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(key)
    return lines[start : start + count]


def test_move_gives_hours_to_a_meeting_that_had_none(runner, spanish_copy):
    result = runner.invoke(app, ["move", "sesion-2", "2020-03-26", "--time", "10:00-13:00", str(spanish_copy)])
    assert (result.exit_code, result.stdout) == (
        0,
        "Meeting 2 moved from Thu, Mar 12, 2020 to Thu, Mar 26, 2020\n"
        "Meeting 2 time changed from time to be confirmed to 10:00 a.m. – 1:00 p.m.\n",
    )
    assert _lines_after(spanish_copy, "  - id: sesion-2", 6) == [
        "  - id: sesion-2",
        "    number: 2",
        "    kind: regular",
        "    date: 2020-03-26",
        '    start_time: "10:00"',
        '    end_time: "13:00"',
    ]
    assert runner.invoke(app, ["validate", str(spanish_copy)]).exit_code == 0


def test_move_takes_a_month_or_year_for_activities_and_milestones_only(runner, spanish_copy):
    moved = runner.invoke(app, ["move", "conferencia-jid", "2020-05", str(spanish_copy)])
    assert (moved.exit_code, moved.stdout) == (
        0,
        "Activity “Conferencia de la JID (May 2020)” moved: date Apr 2020 → May 2020\n",
    )
    assert "    date: 2020-05\n" in spanish_copy.read_text(encoding="utf-8")
    milestone = runner.invoke(app, ["move", "proyecto-resolucion", "2020", str(spanish_copy)])
    assert (milestone.exit_code, milestone.stdout) == (
        0,
        "Milestone “Presentación del primer proyecto de resolución” moved: date Aug 2020 → 2020\n",
    )
    meeting = runner.invoke(app, ["move", "sesion-3", "2020-06", str(spanish_copy)])
    assert (meeting.exit_code, meeting.stderr) == (
        2,
        "workplan: error: 'sesion-3' is a meeting: give its day, YYYY-MM-DD (only activities and milestones may "
        "be dated by month or year)\n",
    )
    several = runner.invoke(app, ["move", "curso-anual", "2021", str(spanish_copy)])
    assert (several.exit_code, several.stderr) == (
        2,
        "workplan: error: 'curso-anual' has an end_date, and its dates are not both days: it cannot keep its "
        "length; edit its date and end_date by hand\n",
    )


def test_add_meeting_without_hours_and_of_a_kind_of_the_plans_own(runner, spanish_copy):
    tbc = runner.invoke(app, ["add", "meeting", "--date", "2020-07-09", str(spanish_copy)])
    assert (tbc.exit_code, tbc.stdout) == (
        0,
        "Meeting added: Regular meeting on Thu, Jul 9, 2020, time to be confirmed\n",
    )
    assert _lines_after(spanish_copy, "  - id: regular-2020-07-09", 4) == [
        "  - id: regular-2020-07-09",
        "    kind: regular",
        "    date: 2020-07-09",
        "    agenda: []",
    ]
    own = ["add", "meeting", "--date", "2020-07-16", "--kind", "requested", "--title", "Sesión solicitada"]
    refused = runner.invoke(app, [*own, str(spanish_copy)])
    assert refused.exit_code == 1
    assert refused.stdout.endswith(
        "warning WP108 meeting kind 'requested' is not one of the known values (regular, informal, working-group, "
        "forum, special, joint, points-of-contact), so it is printed as written\n"
    )
    allowed = runner.invoke(app, [*own, "--allow-warnings", str(spanish_copy)])
    assert (allowed.exit_code, allowed.stdout) == (
        0,
        "Meeting added: Sesión solicitada on Thu, Jul 16, 2020, time to be confirmed\n",
    )
    bad = runner.invoke(app, ["add", "meeting", "--date", "2020-07-23", "--kind", "Bad Kind", str(spanish_copy)])
    assert (bad.exit_code, bad.stderr) == (
        2,
        "workplan: error: --kind 'Bad Kind' is not an id: use lowercase letters, digits, '.' and '-', starting "
        "with a letter or digit\n",
    )


def test_add_activity_dated_by_month(runner, spanish_copy):
    result = runner.invoke(
        app,
        ["add", "activity", "--date", "2020-09", "--end-date", "2020-10", "--title", "Seminario", str(spanish_copy)],
    )
    assert (result.exit_code, result.stdout) == (0, "Activity added: Seminario (Sep 2020)\n")
    assert _lines_after(spanish_copy, "  - id: seminario", 4) == [
        "  - id: seminario",
        "    title: Seminario",
        "    date: 2020-09",
        "    end_date: 2020-10",
    ]
    listed = runner.invoke(
        app, ["upcoming", str(spanish_copy), "--as-of", "2020-10-15", "--days", "1", "--format", "json"]
    )
    assert [(e["id"], e["date"], e["end_date"]) for e in json.loads(listed.stdout)] == [
        ("curso-anual", "2020", "2020"),
        ("seminario", "2020-09", "2020-10"),
    ]


def test_cancel_postpone_and_diff_of_the_spanish_plan(runner, spanish_copy, tmp_path):
    cancelled = runner.invoke(app, ["cancel", "sesion-3", "--note", "Sin quórum", str(spanish_copy)])
    assert (cancelled.exit_code, cancelled.stdout) == (0, "Meeting 3 is now cancelled (Sin quórum)\n")
    postponed = runner.invoke(app, ["postpone", "conferencia-jid", str(spanish_copy)])
    assert (postponed.exit_code, postponed.stdout) == (0, "Activity “Conferencia de la JID” is now postponed\n")
    diff = runner.invoke(app, ["diff", str(PLANS["csh-2019-2020.yaml"]), str(spanish_copy)])
    assert (diff.exit_code, diff.stdout) == (
        0,
        "Meeting 3 is now cancelled (Sin quórum)\nActivity “Conferencia de la JID” is now postponed\n",
    )


def test_init_from_a_plan_that_names_no_general_assembly(runner, tmp_path):
    source = PLANS["committee-required-only.yaml"]
    refused = runner.invoke(app, ["init", "--from", str(source), "--start", "2024-04-18", "-o", "-"])
    assert (refused.exit_code, refused.stderr) == (
        2,
        f"workplan: error: {source} gives neither the term's end nor a General Assembly; give --end DATE\n",
    )
    target = tmp_path / "next.yaml"
    drafted = runner.invoke(
        app, ["init", "--from", str(source), "--start", "2024-04-18", "--end", "2025-04-17", "-o", str(target)]
    )
    assert drafted.exit_code == 0, drafted.output
    text = target.read_text(encoding="utf-8")
    assert "id: cifta-2024\n" in text
    assert "term:\n  start: 2024-04-18\n  end: 2025-04-17\n" in text
    assert "introduction" not in text and "general_assembly" not in text
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0


def test_init_carries_the_headings_the_plan_gives_its_pages(runner, tmp_path):
    target = tmp_path / "next.yaml"
    drafted = runner.invoke(
        app, ["init", "--from", str(PLANS["cajp-2021-2022.yaml"]), "--start", "2022-11-17", "-o", str(target)]
    )
    assert drafted.exit_code == 0, drafted.output
    new = load_plan(target).plan
    assert (new.working_groups_heading, new.reports_heading) == (
        "Working groups",
        "Reports the member states owe the Committee",
    )


def test_init_writes_no_english_words_into_a_spanish_plan(runner, tmp_path):
    target = tmp_path / "next.yaml"
    drafted = runner.invoke(
        app, ["init", "--from", str(PLANS["csh-2019-2020.yaml"]), "--start", "2020-11-18", "-o", str(target)]
    )
    assert drafted.exit_code == 0, drafted.output
    text = target.read_text(encoding="utf-8")
    assert "id: csh-2020-2021\n" in text
    assert (
        "introduction:\n"
        "  installed: 2020-11-18  # TO CONFIRM\n"
        "  # TO DO: installed_by, the body and meeting that installed the committee.\n"
        "  general_assembly:\n"
        "    # TO DO: the session's name (name: …), as the plan names it.\n"
        "    date: 2021-10-20  # TO CONFIRM\n"
        "    end_date: 2021-10-21  # TO CONFIRM\n"
        "  # TO DO: the numbers of meetings and events the introduction announces, and its text.\n"
        "  planned_meetings: 0\n"
        "  text: []\n"
    ) in text
    yaml_values = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert [line for line in yaml_values if "Permanent Council" in line or "Regular session" in line] == []


@pytest.mark.parametrize(
    ("name", "plan", "messages", "own", "glossary"),
    [
        # An English plan's names the OAS glossary knows are translated without a catalog.
        ("cajp-2021-2022.yaml", "cajp-2021-2022", 27, "en", 2),
        ("cicad-2024.yaml", "cicad-2024", 13, "fr", 0),
        # Its places are messages too, as a committee activity's are.
        ("cicte-2023-dated.yaml", "cicte-2023", 22, "es", 0),
        ("committee-required-only.yaml", "cifta-2023", 2, "en", 0),
        ("csh-2019-2020.yaml", "csh-2019-2020", 36, "es", 0),
        ("program-required-only.yaml", "dps-2025", 6, "en", 1),
        ("redcarib-bogota-2024.yaml", "redcarib-bogota-2024", 5, "pt", 0),
    ],
)
def test_i18n_extract_and_status(runner, tmp_path, name, plan, messages, own, glossary):
    path = Path(shutil.copy(PLANS[name], tmp_path / name))
    extracted = runner.invoke(app, ["i18n", "extract", str(path)])
    pot = path.with_suffix(".pot")
    assert (extracted.exit_code, extracted.stderr) == (0, f"wrote {pot} ({messages} messages)\n")
    assert len(list(read_po(pot.open("rb")))) == messages + 1  # and the header
    for lang in LANGUAGES:
        status = runner.invoke(app, ["i18n", "status", str(path), "--lang", lang])
        if lang == own:
            expected = (
                f"{messages} translated, 0 untranslated, 0 stale, of {messages} messages; "
                "the plan is written in this language"
            )
        else:
            known = glossary if own == "en" else 0
            expected = (
                f"{known} translated, {messages - known} untranslated, 0 stale, of {messages} messages; "
                f"no catalog ({tmp_path / path.stem}.{lang}.po missing)"
            )
        assert (status.exit_code, status.stdout) == (0, f"{plan} [{lang}]: {expected}\n")


# --- the classes, generatively --------------------------------------------------------------------------------


@given(st.integers(1, 9999), st.integers(1, 12))
def test_parse_period_reads_a_month_as_the_plan_writes_it(year, month):
    text = f"{year:04d}-{month:02d}"
    parsed = parse_period(text)
    assert (parsed.isoformat(), parsed.year, parsed.month, parsed.day) == (text, year, month, 1)
    assert parse_period(f"{year:04d}").isoformat() == f"{year:04d}"


@given(st.dates(min_value=dt.date(1, 1, 1)))
def test_parse_period_reads_a_day_as_a_plain_date(day):
    parsed = parse_period(day.isoformat())
    assert (type(parsed), parsed) == (dt.date, day)


@given(st.text(alphabet="abcdefABCDEF ", min_size=1, max_size=12))
def test_mid_sentence_lowers_only_a_first_capital_that_starts_a_word(text):
    lowered = mid_sentence(text)
    assert lowered[1:] == text[1:]
    starts_word = text[0].isupper() and not text[1:2].isupper()
    assert lowered[0] == (text[0].lower() if starts_word else text[0])


MILESTONES = """procedure:
  milestones:
    - id: first-version
      stage: first-version
      title: First version
      date: {first}
    - id: comments-due
      stage: comments-due
      title: Comments due
      date: {comments}
"""


@given(st.dates(min_value=dt.date(2019, 12, 1), max_value=dt.date(2020, 9, 30)), st.integers(-2, 2))
def test_wp130_orders_a_month_only_when_its_whole_month_is_out_of_order(first, months):
    runner = cli_runner()
    month = dt.date(first.year, first.month, 1)
    shifted = (month.month - 1 + months) % 12 + 1, month.year + (month.month - 1 + months) // 12
    comments = f"{shifted[1]:04d}-{shifted[0]:02d}"
    text = PLANS["csh-2019-2020.yaml"].read_text(encoding="utf-8")
    start = text.index("procedure:\n")
    end = text.index("\nmeetings:\n")
    text = text[:start] + MILESTONES.format(first=first.isoformat(), comments=comments) + text[end + 1 :]
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), "plan.yaml", text)
        result = runner.invoke(app, ["validate", "--select", "WP130", str(path)])
        line = text[: text.index("      date: " + comments)].count("\n") + 1
    if months < 0:
        assert (result.exit_code, result.stdout) == (
            1,
            f"{path}:{line}:13: error WP130 milestone 'comments-due' (comments-due, {comments}) comes before "
            f"'first-version' (first-version, {first.isoformat()})\nFound 1 error and 0 warnings in 1 file.\n",
        )
    else:
        assert (result.exit_code, result.stdout) == (0, "1 file checked: no problems.\n")


_HEADING = st.text(st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=12).map(
    lambda word: f"Heading {word}"
)


@settings(max_examples=12, deadline=None)
@given(heading=_HEADING, key=st.sampled_from(["working_groups_heading", "activities_heading", "reports_heading"]))
def test_a_heading_the_plan_gives_its_pages_is_printed_as_written(heading, key):
    """Each `*_heading` key: the section's heading on both pages, in place of workplan's own words."""
    text = PLANS["cajp-2021-2022.yaml"].read_text(encoding="utf-8")
    text = re.sub(rf"^{key}: .*$", "", text, flags=re.MULTILINE) + f"{key}: {json.dumps(heading, ensure_ascii=False)}\n"
    plan = parse_plan(text, "p.yaml").plan
    assert plan is not None and getattr(plan, key) == heading
    md, page = render(plan, "md"), render(plan, "html")
    default = {
        "working_groups_heading": "Working groups and negotiation mechanisms",
        "activities_heading": "Other OAS activities",
        "reports_heading": "Reminders for reports",
    }[key]
    assert default not in md
    shown = html.escape(heading)
    if key == "activities_heading":  # the heading of the schedule's second column (the picture's legend keeps its own)
        assert f'<th scope="col">{shown}</th>' in page  # (the Markdown schedule is a list, with no column heading)
    else:
        assert f"\n## {md_escape(heading)}\n" in md
        assert f'-h">{shown}</h2>' in page and default not in page  # the heading and its entry in the contents
