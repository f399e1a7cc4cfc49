"""loader/result.py: what loading one file produced, and the trees of positions it builds only when asked."""

from __future__ import annotations

from conftest import FIXTURES
from workplan_cli.loader import locate, parse_plan
from workplan_cli.loader.result import LoadResult

TEXT = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")
SECOND_DATE = ("meetings", 1, "date")  # line 82: `    date: 2023-03-16`


def test_a_valid_plan_builds_no_tree_until_a_position_is_asked_for():
    result = parse_plan(TEXT, "p.yaml")
    assert (result._document, result._positions) == (None, None)
    marks = result.positions_for([SECOND_DATE])  # only the paths asked for
    assert (type(marks).__name__, result._document, result._positions) == ("Marks", None, None)
    assert locate(marks, SECOND_DATE) == (82, 11)
    assert TEXT.splitlines()[81] == "    date: 2023-03-16"


def test_positions_are_libyamls_node_tree_and_the_document_ruamel_yamls_each_built_once():
    result = parse_plan(TEXT, "p.yaml")
    tree = result.positions
    assert (type(tree).__name__, tree is result.positions, result._document) == ("MappingNode", True, None)
    assert locate(tree, SECOND_DATE) == (82, 11)
    document = result.document
    assert (type(document).__name__, document is result.document) == ("CommentedMap", True)
    assert list(document)[:3] == ["kind", "schema_version", "id"]
    assert locate(document, SECOND_DATE) == (82, 11)


def test_a_result_without_text_has_no_document_and_no_positions():
    result = LoadResult("p.yaml")
    assert (result.document, result.positions, result.positions_for([SECOND_DATE])) == (None, None, None)
