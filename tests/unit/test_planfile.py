"""planfile.py: choosing the plan file an edit works on, reading it whole and checked."""

from __future__ import annotations

import pytest

from editing import (
    CICTE,
    CSH_TEXT,
    copy,
)
from workplan_cli.cli import app
from workplan_cli.errors import UsageError
from workplan_cli.planfile import choose_plan


def test_move_refuses_a_plan_that_does_not_validate(runner, tmp_path):
    plan = copy(tmp_path)
    plan.write_text(CSH_TEXT.replace("    date: 2023-02-02\n", "    date: 2023-02-30\n"), encoding="utf-8")
    before = plan.read_bytes()
    result = runner.invoke(app, ["move", "meeting-7", "2023-03-23", str(plan)])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{plan}:669:11: error WP013 meetings[5].date: '2023-02-30' is not a valid date; write it as YYYY-MM-DD, like 2023-03-16\n"
    )
    assert result.stderr == f"workplan: error: {plan} does not validate; fix it first (nothing written)\n"
    assert plan.read_bytes() == before


def test_move_finds_the_plan_in_data_and_asks_when_several_hold_the_id(runner, tmp_path, monkeypatch):
    copy(tmp_path)
    copy(tmp_path, CICTE)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["move", "meeting-7", "2023-03-23"])
    assert (result.exit_code, result.stderr) == (0, "wrote data/csh-2022-2023.yaml\n")
    other = tmp_path / "data" / "csh-copy.yaml"
    other.write_text(CSH_TEXT.replace("id: csh-2022-2023\n", "id: csh-copy\n", 1), encoding="utf-8")
    result = runner.invoke(app, ["move", "meeting-7", "2023-03-30"])
    assert result.exit_code == 2
    assert result.stderr == (
        "workplan: error: several plans found: csh-2022-2023 (data/csh-2022-2023.yaml), csh-copy (data/csh-copy.yaml); "
        "choose one with --plan ID\n"
    )
    result = runner.invoke(app, ["move", "wps-workshop", "2023-03-15", "--plan", "csh-copy"])
    assert (result.exit_code, result.stderr) == (0, "wrote data/csh-copy.yaml\n")
    assert "date: 2023-03-15" in other.read_text(encoding="utf-8")
    assert "date: 2023-03-15" not in (tmp_path / "data" / "csh-2022-2023.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("plan_id", "ident", "chosen"),
    [(None, "meeting-7", "csh-2022-2023"), ("csh-copy", None, "csh-copy"), (None, None, None)],
)
def test_choosing_among_plans_reads_each_file_once(tmp_path, monkeypatch, plan_id, ident, chosen):
    from workplan_cli import planfile as edit
    from workplan_cli.errors import UsageError

    copy(tmp_path)
    copy(tmp_path, CICTE)
    (tmp_path / "data" / "csh-copy.yaml").write_text(
        CSH_TEXT.replace("id: csh-2022-2023\n", "id: csh-copy\n", 1).replace("id: meeting-7\n", "id: meeting-77\n"),
        encoding="utf-8",
    )
    reads: list[str] = []
    real = edit.read_text

    def counted(path):
        reads.append(path.name)
        return real(path)

    monkeypatch.setattr(edit, "read_text", counted)
    if chosen is None:  # two committee plans, nothing to choose by
        with pytest.raises(UsageError, match=r"several plans found: csh-2022-2023 .*, csh-copy "):
            edit.choose_plan([tmp_path / "data"], plan_id, ident)
    else:
        assert edit.choose_plan([tmp_path / "data"], plan_id, ident).plan.id == chosen
    assert sorted(reads) == ["cicte-2022-2023.yaml", "csh-2022-2023.yaml", "csh-copy.yaml"]


def test_choosing_among_paths_without_a_plan_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError) as raised:
        choose_plan([tmp_path])
    assert (str(raised.value), raised.value.exit_code) == (f"no plan files (*.yaml, *.yml) found in {tmp_path}", 2)


def test_without_an_id_the_only_committee_plan_is_chosen_the_kind_its_model_means(tmp_path):
    """A file is a committee plan when `models.plan_model` says so: its kind, at the schema version read here."""
    committee, program = copy(tmp_path), copy(tmp_path, CICTE)
    assert choose_plan([tmp_path / "data"]).path == committee
    committee.write_text(CSH_TEXT.replace("schema_version: 1\n", "schema_version: 2\n", 1), encoding="utf-8")
    with pytest.raises(UsageError) as raised:
        choose_plan([tmp_path / "data"])
    assert str(raised.value) == (
        f"several plans found: cicte-2022-2023 ({program}), csh-2022-2023 ({committee}); choose one with --plan ID"
    )
