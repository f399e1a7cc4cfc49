"""loader/syntax.py: what libyaml finds wrong before anything is built, with exact positions: syntax, tags, loops, duplicate keys, characters."""

from __future__ import annotations

import pytest

from conftest import triples
from workplan_cli.loader import parse_plan


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
