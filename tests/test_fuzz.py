"""Property tests: whatever a file holds, every command ends with exit 0, 1 or 2 and a readable message.

Bounded for CI: a fixed number of examples, derandomized, and a deadline per
example far above what one takes (four commands on one file: well under a
second), so a hang or a blow-up fails the suite instead of stalling CI.
"""

from __future__ import annotations

import copy
import io
import re
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from typer.testing import CliRunner

from conftest import DATA, FIXTURES
from workplan_cli.cli import app

RUNNER = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})
SEEDS = [p.read_text(encoding="utf-8") for p in [*sorted(DATA.glob("*.yaml")), *sorted(FIXTURES.glob("*.yaml"))]]
COMMANDS = [
    ["validate"],
    ["upcoming", "--as-of", "2023-03-01", "--include-tbd"],
    ["query", "meetings", "--paragraph", "38"],
    ["render", "--format", "html"],
]
SETTINGS = settings(
    max_examples=60,
    deadline=timedelta(seconds=10),
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.dates().map(str),
    st.sampled_from(["10:30", "2023-02-30", "yes", "no", "on", "1e3", "0o17", ".5", "~", "!!python/object"]),
)
keys = st.one_of(
    st.text(max_size=12), st.sampled_from(["kind", "schema_version", "id", "meetings", "date", "paragraphs", "agenda"])
)
documents = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4), max_leaves=25
)


PARSED = [YAML(typ="safe", pure=True).load(text) for text in SEEDS]
DIAGNOSTIC = re.compile(r"^\S[^:]*:\d+:\d+: (error|warning) WP\d{3} \S.*$")


def dump(data: object) -> str:
    stream = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, stream)
    return stream.getvalue()


def check(tmp_path, payload: bytes) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(payload)
    for command in COMMANDS:
        result = RUNNER.invoke(app, [*command, str(path)])
        assert result.exception is None or isinstance(result.exception, SystemExit), (command, repr(result.exception))
        assert result.exit_code in (0, 1, 2), (command, result.exit_code)
        if result.exit_code != 0:
            assert (result.stdout + result.stderr).strip(), (command, "failed without a message")
            assert "Traceback" not in result.stdout + result.stderr


@SETTINGS
@given(document=documents)
def test_fuzz_arbitrary_yaml_documents(tmp_path, document):
    check(tmp_path, dump(document).encode())


@SETTINGS
@given(document=documents)
def test_fuzz_plan_headers_with_arbitrary_bodies(tmp_path, document):
    header = "kind: committee-plan\nschema_version: 1\n"
    body = dump({"meetings": document, "resolutions": document})
    check(tmp_path, (header + body).encode())


RETYPED = [b"[]", b"{}", b"42", b"true", b"null", b'"x"', b"2023-13-45", b"[1, [2]]"]


@st.composite
def mutated_plans(draw):
    """A bundled plan with a few random edits: lines deleted, swapped, shuffled, retyped, cut, or bytes spliced in."""
    lines = draw(st.sampled_from(SEEDS)).encode("utf-8").splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        action = draw(st.sampled_from(["delete", "swap", "truncate", "bytes", "retype", "shuffle"]))
        i = draw(st.integers(0, len(lines) - 1))
        if action == "delete":
            del lines[i]
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "truncate":
            lines = [*lines[:i], lines[i][: draw(st.integers(0, len(lines[i])))]]
        elif action == "bytes":
            cut = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:cut] + draw(st.binary(min_size=1, max_size=8)) + lines[i][cut:]
        elif action == "retype":
            key, sep, _ = lines[i].partition(b":")
            if sep:
                lines[i] = key + b": " + draw(st.sampled_from(RETYPED)) + b"\n"
        else:
            j = draw(st.integers(i, min(len(lines), i + 12)))
            chunk = lines[i:j]
            draw(st.randoms()).shuffle(chunk)
            lines[i:j] = chunk
    return b"".join(lines)


@SETTINGS
@given(payload=mutated_plans())
def test_fuzz_mutated_bundled_plans(tmp_path, payload):
    check(tmp_path, payload)


@SETTINGS
@given(payload=st.binary(max_size=300))
def test_fuzz_random_bytes(tmp_path, payload):
    check(tmp_path, payload)


def containers(node: object) -> list[object]:
    """Every mapping and list in a parsed plan, the plan itself included."""
    found, stack = [], [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            found.append(item)
            stack.extend(item)
    return found


@st.composite
def edited_plans(draw):
    """A bundled plan edited as data: keys deleted, values of another type, lists shuffled."""
    plan = copy.deepcopy(draw(st.sampled_from(PARSED)))
    for _ in range(draw(st.integers(1, 4))):
        places = [c for c in containers(plan) if c]
        target = places[draw(st.integers(0, len(places) - 1))]
        action = draw(st.sampled_from(["delete", "retype", "shuffle"]))
        slot = draw(st.sampled_from(sorted(target, key=str) if isinstance(target, dict) else range(len(target))))
        if action == "delete":
            del target[slot]
        elif action == "retype":
            target[slot] = draw(scalars | st.lists(scalars, max_size=2) | st.dictionaries(keys, scalars, max_size=2))
        elif isinstance(target, list):
            draw(st.randoms()).shuffle(target)
    return dump(plan).encode()


@SETTINGS
@given(payload=edited_plans())
def test_fuzz_edited_bundled_plans_get_located_diagnostics(tmp_path, payload):
    check(tmp_path, payload)
    path = tmp_path / "plan.yaml"
    result = RUNNER.invoke(app, ["validate", str(path)])
    lines = result.stdout.splitlines()
    assert result.exit_code in (0, 1), result.output
    assert lines and lines[-1].endswith(("no problems.", "in 1 file.")), lines
    for line in lines[:-1]:
        assert DIAGNOSTIC.match(line), line
