"""The compiled validators kept between runs (cache.py): same answers, never trusted blindly."""

from __future__ import annotations

import json
import os
import pickle
import random
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from conftest import DATA
from workplan_cli import cache
from workplan_cli.models import CommitteePlan, ProgramPlan

WORKPLAN = str(Path(sys.executable).parent / "workplan")
PLANS = {CommitteePlan: DATA / "csh-2022-2023.yaml", ProgramPlan: DATA / "cicte-2022-2023.yaml"}
FILES = ["CommitteePlan.validator", "ProgramPlan.validator"]


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **env}
    return subprocess.run([WORKPLAN, *args], capture_output=True, text=True, env=environment, timeout=120)


def validate_json(cache: str, *paths: str) -> subprocess.CompletedProcess[str]:
    return run("validate", "--format", "json", *paths, WORKPLAN_CACHE_DIR=cache)


def fresh(model: type) -> Any:
    """The validator pydantic builds in this process."""
    model.model_rebuild(force=True)
    return model.__pydantic_validator__  # type: ignore[attr-defined]


def from_disk(model: type, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The validator `validator_for` returns when this process has none yet and ``folder`` holds the kept one."""
    monkeypatch.setenv("WORKPLAN_CACHE_DIR", str(folder))
    monkeypatch.setattr(cache, "_validators", {})
    return cache.validator_for(model)


def outcome(validator: Any, data: Any) -> Any:
    try:
        return ("valid", validator.validate_python(data))
    except ValidationError as exc:
        return ("invalid", exc.title, exc.json(include_url=False))


def test_the_command_line_keeps_both_validators_and_answers_the_same_with_them(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    faulty = tmp_path / "faulty.yaml"
    text = (DATA / "csh-2022-2023.yaml").read_text(encoding="utf-8")
    faulty.write_text(text.replace('start_time: "10:00"', 'start_time: "25:00"', 1), encoding="utf-8")
    paths = [str(DATA), str(faulty)]
    first = validate_json(str(folder), *paths)
    assert sorted(p.name for p in folder.iterdir()) == FILES
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    second = validate_json(str(folder), *paths)
    without = validate_json("", *paths)
    assert first.returncode == second.returncode == without.returncode == 1
    assert first.stdout == second.stdout == without.stdout
    assert first.stderr == second.stderr == without.stderr == ""
    found = [(d["line"], d["column"], d["code"], d["message"]) for d in json.loads(first.stdout)["diagnostics"]]
    assert found == [
        (
            481,
            17,
            "WP014",
            "meetings[0].start_time: '25:00' is not a valid time; write it as HH:MM in 24-hour form, like '14:30'",
        )
    ]


def test_an_empty_cache_dir_variable_keeps_nothing(tmp_path: Path) -> None:
    result = run("validate", str(DATA), WORKPLAN_CACHE_DIR="", HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path))
    assert (result.returncode, result.stdout, result.stderr) == (0, "2 files checked: no problems.\n", "")
    assert list(tmp_path.iterdir()) == []


def test_the_command_line_uses_the_user_cache_folder_and_the_library_none(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key not in ("WORKPLAN_CACHE_DIR", "XDG_CACHE_HOME")}
    env["HOME"] = str(tmp_path)
    library = subprocess.run(
        [sys.executable, "-c", f"from workplan_cli import load_plans; load_plans([{str(DATA)!r}])"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (library.returncode, library.stderr) == (0, "")
    assert list(tmp_path.iterdir()) == []
    cli = subprocess.run([WORKPLAN, "validate", str(DATA)], env=env, capture_output=True, text=True, timeout=120)
    assert (cli.returncode, cli.stderr) == (0, "")
    assert sorted(p.name for p in (tmp_path / ".cache" / "workplan").iterdir()) == FILES
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    subprocess.run([WORKPLAN, "validate", str(DATA)], env=env, capture_output=True, timeout=120, check=True)
    assert sorted(p.name for p in (tmp_path / "xdg" / "workplan").iterdir()) == FILES


@pytest.mark.parametrize("model", [CommitteePlan, ProgramPlan], ids=lambda m: m.__name__)
def test_a_kept_validator_gives_what_a_fresh_one_gives_on_damaged_plans(
    model: type, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache._write(tmp_path / f"{model.__name__}.validator", cache._key(model), fresh(model))
    kept = from_disk(model, tmp_path, monkeypatch)
    built = fresh(model)
    assert kept is not built
    data = yaml.safe_load(PLANS[model].read_text(encoding="utf-8"))
    assert outcome(kept, data) == outcome(built, data)
    assert outcome(kept, data)[0] == "valid"
    # Seeded damage anywhere in the plan: a value of another type, a key
    # removed, a key added, an empty list; both validators say the same.
    rng = random.Random(20261201)
    replacements: list[Any] = [None, 7, -1, 2.5, True, "", "x", "25:00", "2023-02-30", [], {}, ["a"], {"k": 1}]
    kinds = set()
    for _ in range(300):
        damaged = json.loads(json.dumps(data, default=str))
        node, key = _random_slot(damaged, rng)
        action = rng.choice(["replace", "delete", "add"])
        if action == "replace":
            node[key] = rng.choice(replacements)
        elif action == "delete" and isinstance(node, dict):
            del node[key]
        elif isinstance(node, dict):
            node["colour"] = "red"
        got = outcome(kept, damaged)
        assert got == outcome(built, damaged)
        kinds.add(got[0])
    assert kinds == {"valid", "invalid"}


def _random_slot(data: Any, rng: random.Random) -> tuple[Any, Any]:
    """A (container, key or index) somewhere in ``data``, reached by a random walk."""
    node: Any = data
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = rng.choice(keys)
        child = node[key]
        if not isinstance(child, (dict, list)) or not child or rng.random() < 0.25:
            return node, key
        node = child


def _kept_files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.parametrize(
    "damage",
    ["empty", "truncated", "garbage", "other key", "not a validator"],
)
def test_a_damaged_or_stale_file_is_rebuilt_and_replaced(damage: str, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    assert validate_json(str(folder), str(DATA)).returncode == 0
    good = _kept_files(folder)
    path = folder / "CommitteePlan.validator"
    key_length = len(cache._key(CommitteePlan))
    data = path.read_bytes()
    path.write_bytes(
        {
            "empty": b"",
            "truncated": data[: len(data) // 2],
            "garbage": data[:key_length] + b"\x80\x05not a pickle",
            "other key": bytes(key_length) + data[key_length:],
            "not a validator": data[:key_length] + pickle.dumps({"a": 1}),
        }[damage]
    )
    result = validate_json(str(folder), str(DATA))
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout)["counts"] == {"error": 0, "warning": 0}
    # Written again whole, with this process's key: the next run reads it.
    assert sorted(p.name for p in folder.iterdir()) == FILES
    assert path.read_bytes()[:key_length] == cache._key(CommitteePlan)
    assert type(cache._read(path, cache._key(CommitteePlan))).__name__ == "SchemaValidator"
    assert (folder / "ProgramPlan.validator").read_bytes() == good["ProgramPlan.validator"]


def test_a_folder_others_can_write_to_is_neither_read_nor_written(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    marker = tmp_path / "unpickled"
    planted = cache._key(CommitteePlan) + pickle.dumps(_Planted(str(marker)))
    (folder / "CommitteePlan.validator").write_bytes(planted)
    result = validate_json(str(folder), str(DATA))
    assert (result.returncode, result.stderr) == (0, "")
    assert not marker.exists()
    assert sorted(p.name for p in folder.iterdir()) == ["CommitteePlan.validator"]
    assert (folder / "CommitteePlan.validator").read_bytes() == planted


class _Planted:
    """A pickle that, once loaded, leaves a file behind: what reading an untrusted cache would do."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (Path(self.marker),))


def test_a_cache_folder_that_cannot_be_made_changes_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run("validate", str(DATA), WORKPLAN_CACHE_DIR=str(blocker / "cache"))
    assert (result.returncode, result.stdout, result.stderr) == (0, "2 files checked: no problems.\n", "")
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_the_key_follows_models_python_and_pydantic(tmp_path: Path) -> None:
    import hashlib

    import pydantic
    import pydantic_core

    from workplan_cli import models

    digest = hashlib.sha256(Path(models.__file__).read_bytes())
    for part in (sys.version, pydantic.VERSION, pydantic_core.__version__, pickle.HIGHEST_PROTOCOL):
        digest.update(b"\0" + str(part).encode())
    assert cache._key(CommitteePlan) == digest.digest() + b"CommitteePlan"
    assert cache._key(ProgramPlan) == digest.digest() + b"ProgramPlan"


# --- compiled templates ------------------------------------------------------------------


def render_html(cache: str, out: Path) -> subprocess.CompletedProcess[str]:
    return run("render", str(DATA / "csh-2022-2023.yaml"), "--format", "html", "-o", str(out), WORKPLAN_CACHE_DIR=cache)


def _templates(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.template"))}


def test_the_command_line_keeps_compiled_templates_and_renders_the_same_page(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    pages = [tmp_path / f"page-{n}.html" for n in range(3)]
    assert render_html(str(folder), pages[0]).returncode == 0
    kept = _templates(folder)
    # The page's own template, the layout, the macros, the term picture and the style sheet.
    assert len(kept) == 5
    assert all(data.startswith(b"j2") for data in kept.values())
    assert render_html(str(folder), pages[1]).returncode == 0
    assert _templates(folder) == kept  # read, not written again
    assert render_html("", pages[2]).returncode == 0
    assert pages[0].read_bytes() == pages[1].read_bytes() == pages[2].read_bytes()


@pytest.mark.parametrize("damage", ["empty", "garbage", "truncated"])
def test_damaged_compiled_templates_are_compiled_again(damage: str, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    first, second = tmp_path / "first.html", tmp_path / "second.html"
    assert render_html(str(folder), first).returncode == 0
    good = _templates(folder)
    for name, data in good.items():
        (folder / name).write_bytes({"empty": b"", "garbage": b"j2\x80\x05garbage", "truncated": data[:40]}[damage])
    result = render_html(str(folder), second)
    assert (result.returncode, result.stderr) == (0, f"wrote {second}\n")
    assert second.read_bytes() == first.read_bytes()
    assert _templates(folder).keys() == good.keys()
    assert all(data.startswith(b"j2") and len(data) > 40 for data in _templates(folder).values())


def test_a_template_compiled_under_other_settings_is_not_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinja2

    monkeypatch.setenv("WORKPLAN_CACHE_DIR", str(tmp_path))
    loader = jinja2.DictLoader({"page.j2": "{{ 41 + 1 }}"})

    def page(salt: str, **settings: Any) -> str:
        env = jinja2.Environment(loader=loader, bytecode_cache=cache.template_cache(salt), **settings)
        return env.get_template("page.j2").render()

    assert page("one", finalize=lambda value: f"<{value}>") == "<42>"
    # Same name and source, other salt: compiled afresh.
    assert page("two") == "42"
    # Same salt: the kept code is used, settings and all (why the salt names templating.py).
    assert page("one") == "<42>"
    assert len(list(tmp_path.glob("*.template"))) == 2


def test_no_template_cache_in_a_folder_others_can_write_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    monkeypatch.setenv("WORKPLAN_CACHE_DIR", str(folder))
    assert cache.template_cache("salt") is not None
    folder.chmod(0o777)
    assert cache.template_cache("salt") is None
    monkeypatch.setenv("WORKPLAN_CACHE_DIR", "")
    assert cache.template_cache("salt") is None
