"""The plan index: each fact about a plan derived once, read by every command."""

from __future__ import annotations

import datetime as dt
import gc

import pytest

from conftest import ROOT
from workplan_cli import load_plan, parse_plan
from workplan_cli.index import _INDEXES, index_of
from workplan_cli.lint import run_rules
from workplan_cli.models import Meeting

CSH = ROOT / "data" / "csh-2022-2023.yaml"
CICTE = ROOT / "data" / "cicte-2022-2023.yaml"


@pytest.fixture(scope="module")
def csh():
    return load_plan(CSH).plan


def test_agenda_is_numbered_across_sections(csh):
    index = index_of(csh)
    meeting = index.entity("meeting-5")
    assert isinstance(meeting, Meeting)
    rows = [(e.number, e.is_topic, e.section.area, e.bodies, e.entry.paragraphs) for e in index.agenda(meeting)]
    assert rows == [
        ("1", True, "toc", (), ()),
        ("1.1", False, "toc", ("sms",), ("39", "40")),
        ("1.2", False, "toc", ("sms",), ("ag-2970:44.b", "ag-2970:45")),
        ("1.3", False, "toc", ("wg-randot-iv",), ("38",)),
        ("2", True, "toc", (), ()),
        ("2.1", False, "toc", ("sms",), ("42", "44", "45")),
        ("2.2", False, "toc", (), ()),
        ("3", True, "public-security", (), ()),
        ("3.1", False, "public-security", ("sms",), ("26",)),
        ("4", True, "cooperation", (), ()),
        ("4.1", False, "cooperation", (), ("15",)),
    ]
    # Computed once: the same tuple every time it is asked for.
    assert index.agenda(meeting) is index.agenda(meeting)


def test_references_resolve_against_the_default_resolution(csh):
    index = index_of(csh)
    assert index.default_resolution == "ag-2986"
    plain = index.reference("38")
    assert (plain.resolution, plain.label, plain.qualified, plain.symbol, plain.default) == (
        "ag-2986",
        "38",
        "ag-2986:38",
        None,
        True,
    )
    assert plain.subject == (
        "Preparations for the Fourth Meeting of National Authorities on Transnational Organized Crime (RANDOT IV)"
    )
    other = index.reference("ag-2970:47.b")
    assert (other.resolution, other.label, other.qualified, other.symbol, other.default, other.subject) == (
        "ag-2970",
        "47.b",
        "ag-2970:47.b",
        "AG/RES. 2970 (LI-O/21)",
        False,
        "Working Group on Trafficking in Persons",
    )
    unknown = index.reference("ag-9999:1")
    assert (unknown.declared, unknown.symbol, unknown.qualified) == (None, None, "ag-9999:1")


def test_dated_undated_and_yearly_items(csh):
    index = index_of(csh)
    kinds = [d.kind for d in index.dated]
    assert (kinds.count("meeting"), kinds.count("activity"), kinds.count("milestone")) == (
        len(csh.meetings),
        len(csh.activities),
        len(csh.procedure.milestones),
    )
    assert [(d.item.id, d.date, d.last_day) for d in index.dated if d.kind == "milestone"] == [
        ("procedure-presented", dt.date(2023, 1, 19), dt.date(2023, 1, 19)),
        ("first-version", dt.date(2023, 4, 14), dt.date(2023, 4, 14)),
        ("comments-due", dt.date(2023, 4, 28), dt.date(2023, 4, 28)),
        ("revised-version", dt.date(2023, 5, 5), dt.date(2023, 5, 5)),
        ("consideration", dt.date(2023, 5, 25), dt.date(2023, 5, 25)),
    ]
    crisis = next(d for d in index.dated if d.item.id == "iadc-crisis-management-exercise")
    assert (crisis.date, crisis.last_day) == (dt.date(2023, 5, 24), dt.date(2023, 5, 30))
    assert [
        (r.id, due.month, due.day, day) for r, due, day in index.deadlines(dt.date(2023, 1, 1), dt.date(2023, 7, 15))
    ] == [
        ("landmines-register", 4, 15, dt.date(2023, 4, 15)),
        ("conventional-weapons-report", 6, 15, dt.date(2023, 6, 15)),
        ("csbm-experts-roster", 7, 1, dt.date(2023, 7, 1)),
        ("conventional-weapons-contacts", 7, 1, dt.date(2023, 7, 1)),
        ("csbm-list", 7, 15, dt.date(2023, 7, 15)),
        ("un-arms-register", 7, 15, dt.date(2023, 7, 15)),
    ]
    assert [t.id for t in index.undated][:3] == ["mispa-viii", "stwg-crime-3", "penitentiary-5"]
    assert index.undated[-1].id == "national-points-of-contact"


def test_names_as_the_plan_prints_them(csh):
    index = index_of(csh)
    assert index.name("iadb") == "IADB"
    assert index.name("wg-randot-iv").startswith("Chair of the Working Group to Coordinate Preparations")
    assert index.name("nobody") == "nobody"
    assert index.area_name("toc") == "Transnational organized crime"
    program = load_plan(CICTE).plan
    assert index_of(program).name("incibe") == "INCIBE"
    assert index_of(program).dated == ()


def test_first_default_counts_and_the_rest_are_reported():
    text = CSH.read_text(encoding="utf-8").replace(
        "    symbol: AG/RES. 2970 (LI-O/21)\n", "    symbol: AG/RES. 2970 (LI-O/21)\n    default: true\n", 1
    )
    plan = parse_plan(text, "two-defaults.yaml").plan
    assert plan is not None
    # The first default is the one references mean, for every reader of the index ...
    assert index_of(plan).default_resolution == "ag-2986"
    assert index_of(plan).qualify("38") == "ag-2986:38"
    # ... and lint reports the second.
    findings = [(r.code, f.loc, f.message) for r, f in run_rules(plan) if r.code == "WP107"]
    assert findings == [
        (
            "WP107",
            ("resolutions", 1, "default"),
            "'ag-2970' is also marked `default: true`, after 'ag-2986'; "
            "unprefixed paragraph references need exactly one default resolution",
        )
    ]


def test_the_index_lives_as_long_as_its_plan():
    plan = parse_plan(CSH.read_text(encoding="utf-8"), "csh.yaml").plan
    assert plan is not None
    key = id(plan)
    index = index_of(plan)
    assert index_of(plan) is index
    assert _INDEXES[key] is index
    del plan, index
    gc.collect()
    assert key not in _INDEXES


def test_the_walk_reads_every_field_that_holds_a_record_or_a_reference():
    """The index walk skips fields of plain values; every field that holds anything it keeps is read.

    Checked on the bundled plans by a walk of every field of every record.
    """
    from workplan_cli.index import ID_FIELDS, _walked_fields
    from workplan_cli.models import fields_of, is_record

    needed: set[tuple[type, str]] = set()
    stack = [load_plan(CSH).plan, load_plan(CICTE).plan]
    while stack:
        node = stack.pop()
        for name in fields_of(type(node)):
            value = getattr(node, name)
            items = value if isinstance(value, tuple) else (value,)
            records = [item for item in items if is_record(item)]
            stack.extend(records)
            keeps = name in ID_FIELDS or name in ("paragraphs", "documents")
            if records or (keeps and any(isinstance(item, str) for item in items)):
                needed.add((type(node), name))
    missing = {(cls.__name__, name) for cls, name in needed if name not in _walked_fields(cls)}
    assert missing == set()
    assert len(needed) == 66
    assert _walked_fields(Meeting) == ("within", "documents", "agenda", "footnotes")


def test_sections_carry_their_own_numbered_entries(csh):
    index = index_of(csh)
    meeting = index.entity("meeting-5")
    rows = [(section.area, [e.number for e in entries]) for section, entries in index.sections(meeting)]
    assert rows == [
        ("toc", ["1", "1.1", "1.2", "1.3"]),
        ("toc", ["2", "2.1", "2.2"]),  # the crosscutting topic of trafficking in persons, a section of its own
        ("public-security", ["3", "3.1"]),
        ("cooperation", ["4", "4.1"]),
    ]
