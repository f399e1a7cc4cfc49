"""loader/fastpath.py: libyaml read straight into models, giving what the round-trip path gives."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, line_of, triples
from workplan_cli.loader import parse_plan


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
