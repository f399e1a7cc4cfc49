"""loader/__init__.py: load_plan and parse_plan give models; a large plan validated item by item says what the whole says."""

from __future__ import annotations

import pytest

from conftest import DATA, FIXTURES
from workplan_cli.loader import load_plan, parse_plan
from workplan_cli.models import CommitteePlan, ProgramPlan


def test_load_plan_valid_fixtures_give_models():
    committee = load_plan(FIXTURES / "committee-minimal.yaml")
    program = load_plan(FIXTURES / "program-minimal.yaml")
    assert committee.diagnostics == [] and isinstance(committee.plan, CommitteePlan)
    assert program.diagnostics == [] and isinstance(program.plan, ProgramPlan)
    assert committee.plan.meetings[1].date.isoformat() == "2023-03-16"
    assert committee.plan.meetings[0].start_time.isoformat() == "10:00:00"


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
