"""The loader turns every kind of bad file into diagnostics with exact positions."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from conftest import DATA, FIXTURES, as_nobody, line_of, write
from workplan_cli.errors import PathError
from workplan_cli.loader import discover, load_plan, parse_plan
from workplan_cli.models import CommitteePlan, ProgramPlan


def triples(result):
    return [(diag.code, diag.line, diag.column, diag.message) for diag in result.diagnostics]


def test_load_plan_valid_fixtures_give_models():
    committee = load_plan(FIXTURES / "committee-minimal.yaml")
    program = load_plan(FIXTURES / "program-minimal.yaml")
    assert committee.diagnostics == [] and isinstance(committee.plan, CommitteePlan)
    assert program.diagnostics == [] and isinstance(program.plan, ProgramPlan)
    assert committee.plan.meetings[1].date.isoformat() == "2023-03-16"
    assert committee.plan.meetings[0].start_time.isoformat() == "10:00:00"


def test_load_plan_not_utf8_points_at_bad_byte(tmp_path):
    path = write(tmp_path, "latin1.yaml", "kind: committee-plan\ntitle: Comit\xe9\n".encode("latin-1"))
    assert triples(load_plan(path)) == [
        ("WP001", 2, 13, "the file is not UTF-8 text (byte 0xe9 cannot start a character); save it as UTF-8")
    ]


def test_load_plan_accepts_utf8_bom(tmp_path, committee_text):
    path = write(tmp_path, "bom.yaml", b"\xef\xbb\xbf" + committee_text.encode())
    result = load_plan(path)
    assert result.diagnostics == []
    assert result.plan is not None and result.plan.id == "test-2023"


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_parse_plan_empty_file(text):
    assert triples(parse_plan(text, "e.yaml")) == [
        ("WP004", 1, 1, "the file holds no YAML document; a plan is a mapping of keys")
    ]


def test_parse_plan_top_level_list():
    assert triples(parse_plan("# plans\n- kind: committee-plan\n", "l.yaml")) == [
        ("WP005", 2, 1, "the top level of a plan must be a mapping of keys, not a list")
    ]


def test_parse_plan_top_level_scalar():
    assert triples(parse_plan("just words\n", "s.yaml")) == [
        ("WP005", 1, 1, "the top level of a plan must be a mapping of keys, not a single value (str)")
    ]


def test_parse_plan_syntax_error_position():
    result = parse_plan("kind: committee-plan\nmeetings: [1, 2\nid: x\n", "s.yaml")
    [diag] = result.diagnostics
    # Where the problem is noticed, and where the list that is never closed was opened.
    assert (diag.code, diag.line, diag.column) == ("WP002", 3, 3)
    assert diag.message == (
        "invalid YAML: did not find expected ',' or ']' (parsing a flow sequence that starts at line 2, column 11)"
    )


def test_parse_plan_duplicate_key_points_at_second():
    text = "kind: committee-plan\nid: a\nschema_version: 1\nid: b\n"
    assert triples(parse_plan(text, "d.yaml")) == [
        ("WP003", 4, 1, "duplicate key 'id'; each key may appear once in a mapping")
    ]


def test_parse_plan_several_documents():
    [diag] = parse_plan("kind: committee-plan\n---\nkind: program-plan\n", "m.yaml").diagnostics
    assert (diag.code, diag.line, diag.column) == ("WP002", 2, 1)
    assert (
        diag.message
        == "invalid YAML: the file holds more than one YAML document ('---'); a plan file holds exactly one"
    )


def test_parse_plan_tab_indentation():
    [diag] = parse_plan("kind: committee-plan\nterm:\n\tstart: 2023-01-01\n", "t.yaml").diagnostics
    assert (diag.code, diag.line, diag.column) == ("WP002", 3, 1)
    assert diag.message == "invalid YAML: a tab character is used for indentation; indent with spaces"


def test_parse_plan_python_tag_refused():
    text = "kind: committee-plan\nschema_version: 1\nid: !!python/object/apply:os.system [echo hi]\n"
    assert triples(parse_plan(text, "t.yaml")) == [
        (
            "WP008",
            3,
            5,
            "YAML tag '!!python/object/apply:os.system' is not allowed in a plan; remove it (quote a value to make it text)",
        )
    ]


def test_parse_plan_missing_kind():
    assert triples(parse_plan("schema_version: 1\n", "k.yaml")) == [
        ("WP006", 1, 1, "missing required key 'kind'; say which kind of plan this is (committee-plan, program-plan)")
    ]


def test_parse_plan_unknown_kind_points_at_value():
    assert triples(parse_plan("schema_version: 1\nkind: comittee-plan\n", "k.yaml")) == [
        ("WP006", 2, 7, "unknown kind 'comittee-plan'; expected one of: committee-plan, program-plan")
    ]


def test_parse_plan_unsupported_schema_version():
    assert triples(parse_plan("kind: program-plan\nschema_version: 7\n", "v.yaml")) == [
        ("WP007", 2, 17, "unsupported schema_version 7; this version of workplan reads schema_version: 1")
    ]


def test_parse_plan_missing_schema_version():
    assert triples(parse_plan("kind: program-plan\n", "v.yaml")) == [
        ("WP007", 1, 1, "missing required key 'schema_version'; this version of workplan reads schema_version: 1")
    ]


def test_schema_removed_key_points_at_parent(committee_text):
    text = committee_text.replace("    kind: regular\n    date: 2023-03-02\n", "    kind: regular\n", 1)
    assert triples(parse_plan(text, "p.yaml")) == [
        ("WP010", line_of(text, "- id: meeting-1"), 5, "missing required key 'date' in meetings[0]")
    ]


def test_schema_misspelt_key_with_suggestion(committee_text):
    text = committee_text.replace('    start_time: "10:00"', '    strat_time: "10:00"', 1)
    # (Both times or neither is checked once the keys are right: the misspelling is the one problem.)
    assert triples(parse_plan(text, "p.yaml")) == [
        (
            "WP011",
            line_of(text, "strat_time"),
            5,
            "unknown key 'strat_time' in meetings[0]; did you mean 'start_time'?",
        ),
    ]


def test_schema_impossible_date_points_at_value(committee_text):
    text = committee_text.replace("date: 2023-03-16", "date: 2023-02-30")
    assert triples(parse_plan(text, "p.yaml")) == [
        (
            "WP013",
            line_of(text, "2023-02-30"),
            11,
            "meetings[1].date: '2023-02-30' is not a valid date; write it as YYYY-MM-DD, like 2023-03-16",
        )
    ]


def test_schema_bad_time(committee_text):
    text = committee_text[: committee_text.rindex('"13:00"')] + '"25:00"\n'
    assert triples(parse_plan(text, "p.yaml")) == [
        (
            "WP014",
            line_of(text, "25:00"),
            15,
            "meetings[1].end_time: '25:00' is not a valid time; write it as HH:MM in 24-hour form, like '14:30'",
        )
    ]


def test_schema_errors_in_nested_lists_and_maps(committee_text):
    text = committee_text.replace('paragraphs: ["2.a"]\n                by', "paragraphs: [2.5]\n                by")
    text = text.replace(
        "            items:\n", "            items:\n              - {title: Extra, speakers: [{name: X, role: Y}]}\n"
    )
    assert triples(parse_plan(text, "p.yaml")) == [
        (
            "WP011",
            line_of(text, "role: Y"),
            53,
            "unknown key 'role' in meetings[0].agenda[0].topics[0].items[0].speakers[0]",
        ),
        (
            "WP015",
            line_of(text, "[2.5]"),
            30,
            "meetings[0].agenda[0].topics[0].items[1].paragraphs[0]: write the paragraph label 2.5 in quotes "
            "(e.g. '86.10') so it is not read as a number",
        ),
    ]


def test_schema_wrong_types(committee_text):
    text = committee_text.replace("  planned_meetings: 2", "  planned_meetings: two").replace(
        "functions: To test.", "functions:\n  - To test."
    )
    assert triples(parse_plan(text, "p.yaml")) == [
        (
            "WP012",
            line_of(text, "planned_meetings"),
            21,
            "introduction.planned_meetings: expected a whole number, got text 'two'",
        ),
        ("WP012", line_of(text, "- To test."), 3, "functions: expected text, got a list"),
    ]


def test_schema_integer_paragraph_label_is_accepted(committee_text):
    result = parse_plan(committee_text.replace('paragraphs: ["1"]', "paragraphs: [1]"), "p.yaml")
    assert result.diagnostics == []
    assert result.plan.mandates[0].mandates[0].paragraphs == ("1",)


def test_schema_unknown_literal_value(committee_text):
    # A meeting's kind is an open vocabulary (lint's WP108); its status is not.
    text = committee_text.replace("    date: 2023-03-16", "    date: 2023-03-16\n    status: postponned")
    [diag] = parse_plan(text, "p.yaml").diagnostics
    assert (diag.code, diag.line, diag.column) == ("WP015", line_of(text, "postponned"), 13)
    assert diag.message.startswith("meetings[1].status: input should be 'scheduled', 'postponed'")


def test_schema_bad_timezone(committee_text):
    text = committee_text.replace("adopted: 2023-01-05", "adopted: 2023-01-05\ntimezone: America/Nueva_York")
    assert triples(parse_plan(text, "p.yaml")) == [
        (
            "WP015",
            line_of(text, "timezone"),
            11,
            "timezone: 'America/Nueva_York' is not an IANA time zone name (e.g. 'America/New_York')",
        )
    ]


def test_discover_folder_and_missing(tmp_path):
    (tmp_path / "a.yaml").write_text("x: 1\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yml").write_text("x: 1\n")
    (tmp_path / "notes.txt").write_text("x")
    assert discover([tmp_path]) == [tmp_path / "a.yaml", tmp_path / "sub" / "b.yml"]
    with pytest.raises(PathError, match=r"no such file or directory: .*nope\.yaml"):
        discover([tmp_path / "nope.yaml"])


def test_load_plan_directory_and_fifo_refused(tmp_path):
    import os

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(PathError, match="not a regular file"):
        load_plan(fifo)
    with pytest.raises(PathError, match="is a directory"):
        load_plan(tmp_path)


def test_load_plan_unreadable_file(tmp_path):
    # In a folder anyone may search (pytest's own are private to their owner).
    folder = Path(tempfile.mkdtemp(prefix="workplan-"))
    folder.chmod(0o755)
    path = write(folder, "secret.yaml", "kind: committee-plan\n")
    path.chmod(0)
    expected = f"{path}: cannot read: Permission denied"
    if os.geteuid() != 0:
        with pytest.raises(PathError) as caught:
            load_plan(path)
        assert str(caught.value) == expected
        return

    # Root reads any file: a forked child drops to nobody, as a user would be.
    def work() -> str:
        try:
            load_plan(path)
        except PathError as exc:
            return str(exc)
        return "read it"

    message = as_nobody(work)
    shutil.rmtree(folder)
    assert message == expected


BILLION_LAUGHS = """kind: committee-plan
schema_version: 1
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_parse_plan_billion_laughs_refused():
    # Refused before it is expanded: benchmarks/run.py times it ("alias bomb").
    result = parse_plan(BILLION_LAUGHS, "bomb.yaml")
    assert triples(result) == [
        (
            "WP009",
            8,
            4,
            "YAML aliases expand this block to 597,871 values and 1,594,323 characters, over 10 times the file; "
            "write the data out instead of repeating aliases",
        )
    ]


LOOP = "a YAML alias refers to the block that contains it (a loop); remove the alias"


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("functions: To test.", "functions: &f\n  about: *f", (32, 10)),
        ("functions: To test.", "functions: &f\n  - [*f]", (32, 6)),
        # A name used again: the alias means the latest anchor, a scalar here, so no loop.
        ("functions: To test.", "functions: &f [&f x, *f]", None),
    ],
    ids=["mapping", "nested-list", "reused-name"],
)
def test_parse_plan_self_referring_alias(committee_text, old, new, where):
    result = parse_plan(committee_text.replace(old, new), "loop.yaml")
    if where is None:
        assert triples(result) == [("WP012", 31, 12, "functions: expected text, got a list")]
    else:
        assert triples(result) == [("WP009", *where, LOOP)]


def test_parse_plan_small_alias_is_fine(committee_text):
    text = committee_text.replace(
        "committee:\n  name: Committee on Testing\n  acronym: CT",
        "committee: &c\n  name: Committee on Testing\n  acronym: CT",
    )
    text = text.replace(
        "  - id: testing\n    number: 1\n    name: Testing", "  - id: testing\n    number: 1\n    name: Testing"
    )
    assert parse_plan(text, "p.yaml").diagnostics == []


def test_parse_plan_deep_nesting_no_recursion_error():
    # libyaml refuses nesting past 1,000 levels and says where: that is the report.
    text = "kind: committee-plan\nschema_version: 1\nid: " + "[" * 20000 + "]" * 20000 + "\n"
    depth_error = ("WP016", 3, 1004, "lists or mappings are nested too deeply to be read; a plan needs a few levels")
    assert triples(parse_plan(text, "deep.yaml")) == [depth_error]
    # The same on the round-trip path (a tag sends a file there): libyaml still judges the syntax first.
    tagged = text + "title: !!python/name:os.system x\n"
    assert triples(parse_plan(tagged, "deep.yaml")) == [depth_error]
    # Within libyaml's limit, nesting is a schema matter.
    shallow = "kind: committee-plan\nschema_version: 1\nid: " + "[" * 900 + "]" * 900 + "\n"
    assert triples(parse_plan(shallow, "deep.yaml"))[0] == ("WP012", 3, 5, "id: expected text, got a list")


def test_parse_plan_nul_byte_points_at_it():
    assert triples(parse_plan("kind: committee-plan\nid: a\x00b\n", "nul.yaml")) == [
        ("WP002", 2, 6, "invalid YAML: the character U+0000 is not allowed in a YAML file; remove it")
    ]


TRICKY = """a: 10:30
b: yes
c: no
d: on
e: 2023-02-30
f: 1e3
g: 0o17
h: .5
i: 017
j: 1_000
k: 0x1F
l: ~
m: 2023-03-16
n: 86.10
o: True
p: -.inf
q: "38"
r: 47.b
s: 0b101
t: +12
"""


def test_fast_and_round_trip_paths_read_tricky_scalars_alike():
    from workplan_cli.loader import _yaml, fast_load

    fast = fast_load(TRICKY)
    slow = _yaml().load(TRICKY)
    assert fast == slow
    assert [type(fast[k]).__name__ for k in "abcdefgijo"] == [
        "str",
        "str",
        "str",
        "str",
        "str",
        "float",
        "int",
        "int",
        "int",
        "bool",
    ]
    assert (fast["a"], fast["e"], fast["g"], fast["i"], fast["j"]) == ("10:30", "2023-02-30", 15, 17, 1000)


def test_fast_path_resolvers_are_ruamel_yamls_yaml_1_2_table():
    import re

    from ruamel.yaml.resolver import implicit_resolvers

    from workplan_cli.loader import _yaml12_resolvers

    def squeeze(pattern: str) -> str:
        return re.sub(r"\s+", "", pattern)

    ours = [(tag, squeeze(regexp.pattern), sorted(first)) for tag, regexp, first in _yaml12_resolvers()]
    theirs = [
        (tag.rsplit(":", 1)[1], squeeze(regexp.pattern), sorted(first))
        for versions, tag, regexp, first in implicit_resolvers
        if (1, 2) in versions
    ]
    assert ours == theirs


def test_a_valid_plan_is_read_without_importing_ruamel_yaml():
    import subprocess
    import sys

    data = FIXTURES.parent.parent / "data"
    script = (
        "import sys; from workplan_cli.validate import validate_paths; "
        f"report = validate_paths([__import__('pathlib').Path({str(data)!r})]); "
        "print(len(report.diagnostics), 'ruamel.yaml' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout == "0 False\n"


@pytest.mark.parametrize("path", sorted((FIXTURES.parent.parent / "data").glob("*.yaml")), ids=lambda p: p.name)
def test_fast_and_round_trip_paths_give_identical_plans(path):
    from workplan_cli.loader import _fast_plan, _round_trip_plan

    text = path.read_text(encoding="utf-8")
    fast = _fast_plan(text)
    slow = _round_trip_plan(text, path.name)
    assert fast is not None and slow.diagnostics == []
    assert fast == slow.plan


def test_fast_path_refuses_duplicate_keys_so_round_trip_reports_them():
    from workplan_cli.loader import _fast_plan

    text = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8") + "functions: Twice.\n"
    assert _fast_plan(text) is None
    [diag] = parse_plan(text, "dup.yaml").diagnostics
    assert (diag.code, diag.line) == ("WP003", text.count("\n"))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    by: [wg-test]", "    by: &presenters [wg-test]"),  # an anchor
        ('paragraphs: ["2.a"]\n                by', 'paragraphs: !!seq ["2.a"]\n                by'),  # a tag
        ("functions: To test.", "functions: To test.\n---\nkind: committee-plan"),  # two documents
        ("functions: To test.", "functions: To test.\n<<: {notes: [merged]}"),  # a merge key
        ("functions: To test.", "functions: To test.\n? [a, b]\n: complex key"),  # a complex key
    ],
    ids=["anchor", "tag", "two-documents", "merge-key", "complex-key"],
)
def test_fast_path_leaves_what_it_cannot_vouch_for_to_the_round_trip_path(old, new):
    from workplan_cli.loader import _fast_plan

    text = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")
    assert old in text
    assert _fast_plan(text.replace(old, new, 1)) is None


def test_anchors_and_aliases_within_limits_still_make_a_valid_plan():
    text = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("    by: [wg-test]", "    by: &presenters [wg-test]", 1)
    result = parse_plan(text + "notes: *presenters\n", "alias.yaml")
    assert result.diagnostics == []
    assert result.plan.notes == ("wg-test",)


def test_errors_in_several_meetings_are_all_reported_from_the_fast_path():
    # Meetings are validated one at a time to bound memory; an error in one
    # must not hide the errors in the others, nor in the rest of the plan.
    text = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")
    text = text.replace('start_time: "10:00"', 'start_time: "25:00"', 1)
    text = text.replace("date: 2023-03-16", "date: 2023-02-30", 1)
    text = text.replace("  acronym: CT", "  acronim: CT", 1)
    assert triples(parse_plan(text, "m.yaml")) == [
        ("WP010", line_of(text, "committee:"), 1, "missing required key 'acronym' in committee"),
        ("WP011", line_of(text, "  acronim: CT"), 3, "unknown key 'acronim' in committee; did you mean 'acronym'?"),
        (
            "WP014",
            line_of(text, 'start_time: "25:00"'),
            17,
            "meetings[0].start_time: '25:00' is not a valid time; write it as HH:MM in 24-hour form, like '14:30'",
        ),
        (
            "WP013",
            line_of(text, "date: 2023-02-30"),
            11,
            "meetings[1].date: '2023-02-30' is not a valid date; write it as YYYY-MM-DD, like 2023-03-16",
        ),
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  acronym: CT", "  acronim: CT"),
        ("date: 2023-03-16", "date: 2023-02-30"),
        ('start_time: "10:00"\n    end_time: "13:00"\n    agenda:', 'start_time: "9:75"\n    agenda:'),
        ("functions: To test.", "functions:\n  - To test.\n  - Twice."),
        ('paragraphs: ["2.a"]\n', "paragraphs: [2.5, {a: 1}]\n"),
        ("    kind: regular\n    date: 2023-03-16", "    kind: plenary\n    date: 2023-03-16\n    extra: {x: 1}"),
        ("term:\n  start: 2023-01-01\n  end: 2023-06-30", "term: [2023-01-01, 2023-06-30]"),
        ("officers:\n", "officers:\n  - name: Nobody\n"),
    ],
)
def test_fast_and_round_trip_paths_report_the_same_positions(committee_text, old, new):
    from workplan_cli.loader import _fast_path, _round_trip_plan

    assert old in committee_text
    text = committee_text.replace(old, new, 1)
    fast = _fast_path(text, "p.yaml")
    slow = _round_trip_plan(text, "p.yaml")
    assert fast is not None and fast.diagnostics, "the fast path should have reported these"
    assert sorted(fast.diagnostics) == sorted(slow.diagnostics)


def test_reused_anchor_name_prints_no_python_warning(tmp_path, committee_text):
    import subprocess
    import sys

    path = write(tmp_path, "p.yaml", committee_text.replace("functions: To test.", "functions: &f [&f x, *f]"))
    script = "import sys; from workplan_cli.main import run; sys.argv = ['workplan', 'validate', sys.argv[1]]; run()"
    result = subprocess.run([sys.executable, "-W", "default", "-c", script, str(path)], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout == (
        f"{path}:31:12: error WP012 functions: expected text, got a list\nFound 1 error and 0 warnings in 1 file.\n"
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("functions: To test.", "functions: To test.\nfunctions: Twice."),
        ("  acronym: CT", "  acronym: CT\n  name: Again"),
        ("  acronym: CT", '  acronym: CT\n  "name": Again'),
        ('start_time: "10:00"', 'start_time: "10:00"\n    date: 2023-03-02'),
    ],
    ids=["top-level", "nested", "quoted", "in-a-meeting"],
)
def test_the_fast_path_reports_a_duplicate_key_as_the_round_trip_does(old, new):
    from workplan_cli.loader import _fast_path, _round_trip_plan

    text = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8").replace(old, new, 1)
    fast = _fast_path(text, "d.yaml")
    assert fast is not None and fast.plan is None and fast._document is None  # ruamel.yaml never ran
    second = new.splitlines()[-1]
    key = second.strip().split(":")[0].strip('"')
    expected = [
        (
            "WP003",
            text[: text.index(new)].count("\n") + len(new.splitlines()),
            len(second) - len(second.lstrip()) + 1,
            f"duplicate key {key!r}; each key may appear once in a mapping",
        )
    ]
    assert triples(fast) == expected == triples(_round_trip_plan(text, "d.yaml"))


def test_a_duplicate_key_and_a_later_syntax_error_are_both_reported_by_both_paths():
    from workplan_cli.loader import _fast_path, _round_trip_plan

    text = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("  acronym: CT", "  acronym: CT\n  name: Again").replace(
        "functions: To test.", "functions: To test.\n  x: y: z"
    )
    expected = [
        ("WP003", 8, 3, "duplicate key 'name'; each key may appear once in a mapping"),
        ("WP002", line_of(text, "  x: y: z"), 4, "invalid YAML: mapping values are not allowed in this context"),
    ]
    assert triples(_fast_path(text, "d.yaml")) == expected == triples(_round_trip_plan(text, "d.yaml"))


def _every_path(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _every_path(value, (*prefix, key))
        yield (*prefix, "no-such-key")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _every_path(value, (*prefix, index))
        yield (*prefix, len(data))
        yield (*prefix, -1)


@pytest.mark.parametrize(
    "text",
    [
        (DATA / "csh-2022-2023.yaml").read_text(encoding="utf-8"),
        (DATA / "cicte-2022-2023.yaml").read_text(encoding="utf-8"),
        'a:\n  b:\n  c: ""\n  d: ~\n  "3": [x, {y: }]\n  e:\n    - - 1\n      - null\n',
    ],
    ids=["csh", "cicte", "empty-values"],
)
def test_marks_locate_every_path_as_the_node_tree_does(text):
    from workplan_cli.loader import fast_load
    from workplan_cli.loader.positions import _compose, locate, marks_for

    paths = list(_every_path(fast_load(text)))
    paths += [(*path, "3") for path in paths[:50]] + [("a", 3), ("a", "3", 1, "y")]
    nodes, marks = _compose(text), marks_for(text, paths)
    assert marks is not None
    for path in paths:
        for key in (False, True):
            assert locate(marks, path, key=key) == locate(nodes, path, key=key), (path, key)


# Faults in the items of the plan's long lists, alone and together: what the fast
# path says of each is the same whether the items became models one by one as
# they were read (plans larger than ITEM_BY_ITEM) or the plan was validated whole.
_CSH = (DATA / "csh-2022-2023.yaml").read_text(encoding="utf-8")
_ITEM_FAULTS = {
    "unknown key in a meeting": ("  - id: meeting-1\n", "  - id: meeting-1\n    colour: red\n"),
    "bad time": ('    date: 2022-12-01\n    start_time: "10:00"\n', '    date: 2022-12-01\n    start_time: "25:00"\n'),
    "bad date in an activity": (
        "    date: 2023-03-08\n    end_date: 2023-03-10\n",
        "    date: 2023-02-30\n    end_date: 2023-03-10\n",
    ),
    "officer without a name": ("    role: chair\n    name: Luz Elena Baños Rivas\n", "    role: chair\n"),
    "pending event as a list": ("  - id: mispa-viii\n", "  - [mispa-viii]\n  - id: mispa-viii-b\n"),
}


@pytest.mark.parametrize("faults", [[name] for name in _ITEM_FAULTS] + [list(_ITEM_FAULTS)], ids=[*_ITEM_FAULTS, "all"])
def test_item_by_item_and_whole_validation_say_the_same(monkeypatch, faults):
    from workplan_cli.loader import fastpath

    text = _CSH
    for name in faults:
        old, new = _ITEM_FAULTS[name]
        assert text.count(old) == 1, name
        text = text.replace(old, new)
    assert len(text) < fastpath.ITEM_BY_ITEM  # the bundled plan is validated whole
    whole = [str(d) for d in parse_plan(text, "csh.yaml").diagnostics]
    monkeypatch.setattr(fastpath, "ITEM_BY_ITEM", 0)
    by_item = [str(d) for d in parse_plan(text, "csh.yaml").diagnostics]
    assert by_item == whole
    assert len(whole) == len(faults)  # one error each


def test_item_by_item_and_whole_validation_give_the_same_plan(monkeypatch):
    from workplan_cli.loader import fastpath

    whole = parse_plan(_CSH, "csh.yaml").plan
    monkeypatch.setattr(fastpath, "ITEM_BY_ITEM", 0)
    assert parse_plan(_CSH, "csh.yaml").plan == whole is not None
