"""Property tests: whatever a file holds, every command ends with exit 0, 1 or 2 and a readable message.

Bounded for CI: a fixed number of examples, derandomized (the hypothesis
profiles of tests/conftest.py: a tenth of them in the default run, all in the
full run).  How long an example takes is not asserted; benchmarks/run.py
measures speed.
"""

from __future__ import annotations

import copy
import io
import os
import random
import re
import sys

from hypothesis import HealthCheck, given, note, seed, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from typer.testing import CliRunner

from conftest import DATA, FIXTURES, examples
from workplan_cli.cli import app
from workplan_cli.fmt import format_text
from workplan_cli.loader import _fast_path, _round_trip_plan, parse_plan, text_problem

RUNNER = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})
SEEDS = [p.read_text(encoding="utf-8") for p in [*sorted(DATA.glob("*.yaml")), *sorted(FIXTURES.glob("*.yaml"))]]
COMMANDS = [
    ["validate"],
    ["upcoming", "--as-of", "2023-03-01", "--include-tbd"],
    ["query", "meetings", "--paragraph", "38"],
    ["render", "--format", "html"],
]
LONG = os.environ.get("WORKPLAN_FUZZ") == "long"
FUZZ_SEED = int(os.environ.get("WORKPLAN_FUZZ_SEED", random.SystemRandom().randrange(2**32)))
if LONG:
    print(f"workplan fuzz: long profile, seed {FUZZ_SEED} (rerun with WORKPLAN_FUZZ_SEED={FUZZ_SEED})", file=sys.stderr)


def profile(full: int, long_examples: int):
    """The profile's share of ``full`` examples, derandomized.  WORKPLAN_FUZZ=long: many more, a fresh seed."""
    if LONG:
        return lambda test: seed(FUZZ_SEED)(
            settings(
                max_examples=long_examples,
                derandomize=False,
                database=None,
                suppress_health_check=list(HealthCheck),
            )(test)
        )
    return settings(max_examples=examples(full), suppress_health_check=list(HealthCheck))


SETTINGS = profile(60, 2000)


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


# --- hostile YAML text -----------------------------------------------------------------------------
#
# The generators above build documents through a safe dumper, so they never write tags, merge keys,
# directives, tabs after colons, huge integers, odd escapes or multi-line titles.  These write text.

BASES = [
    (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8"),
    (FIXTURES / "program-minimal.yaml").read_text(encoding="utf-8"),
]
TAGS = [
    "!!int",
    "!!float",
    "!!bool",
    "!!str",
    "!!null",
    "!!binary",
    "!!timestamp",
    "!!seq",
    "!!map",
    "!local",
    "!!python/object:os.system",
    "!<tag:x.org,2000:y>",
    "!",
]
ESCAPES = [
    "\\x00",
    "\\x1b",
    "\\x7f",
    "\\x85",
    "\\x9b",
    "\\xff",
    "\\u0000",
    "\\uD800",
    "\\uDFFF",
    "\\uFFFE",
    "\\U0010FFFF",
    "\\U00110000",
    "\\e",
    "\\a",
    "\\0",
    "\\n",
    "\\r\\n",
    "\\L",
    "\\P",
    "\\N",
    "\\_",
    "\\t",
    "\\q",
    "\\x4",
    "\\e]0;pwned\\a",
    "\\e[2J",
]
RAW = [
    "\t",
    "\x00",
    "\x01",
    "\x1b[2J",
    "\x7f",
    "\u0085",
    "\u0080",
    "\u009b",
    "\u2028",
    "\u202e",
    "\ufeff",
    "\r",
    "\r\n",
    "'",
    '"',
    "[",
    "{",
    "]",
    "}",
    "#",
    "&",
    "*",
    "!",
    "%",
    "|",
    ">",
    "? ",
    ": ",
    "- ",
    "---",
    "...",
]


def huge_integers():
    return st.integers(4000, 6000).flatmap(
        lambda n: st.sampled_from(
            [f"1{'0' * n}", f"-{'9' * n}", f"0x{'f' * n}", f"0o{'7' * n}", f"{'1' * n}.5", f"1e{n}"]
        )
    )


escaped = st.lists(st.sampled_from(ESCAPES) | st.text(alphabet="ab #:-", max_size=3), min_size=1, max_size=5).map(
    lambda parts: '"' + "".join(parts) + '"'
)
hostile_values = st.one_of(
    st.tuples(
        st.sampled_from(TAGS), st.sampled_from(["x", "42", "abc", "maybe", "2023-02-30", "aGVsbG8=", "", "[]", "{}"])
    ).map(" ".join),
    huge_integers(),
    escaped,
    st.lists(st.text(alphabet="ab -#:", min_size=1, max_size=6), min_size=2, max_size=3).map(
        lambda ls: "|\n" + "".join(f"  {x}\n" for x in ls)
    ),
    st.lists(st.sampled_from(RAW) | st.text(alphabet="ab", max_size=2), min_size=1, max_size=4).map("".join),
    st.sampled_from(
        [
            "*nope",
            "&a x",
            "{<<: *nope}",
            "[",
            "{",
            "'",
            '"',
            "",
            "~",
            ".nan",
            "-.inf",
            "0000-01-01",
            "9999-12-31",
            "2023-02-29",
            '"24:00"',
            '"23:60"',
            "Etc",
            "America",
        ]
    ),
)


@st.composite
def hostile_texts(draw):
    """A minimal plan with hostile text spliced in: values, tags, anchors and merge keys, tabs, directives, line endings."""
    lines = draw(st.sampled_from(BASES)).splitlines()
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        key, sep, _ = lines[i].partition(": ")
        action = draw(st.sampled_from(["value", "value", "tab", "anchor", "merge", "raw"]))
        if action == "value" and sep:
            lines[i] = f"{key}: {draw(hostile_values)}"
        elif action == "tab" and sep:
            lines[i] = lines[i].replace(": ", ":\t", 1)
        elif action == "anchor" and sep:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i] = f"{key}: &a {lines[i].partition(': ')[2]}"
            k2, sep2, _ = lines[j].partition(": ")
            if sep2 and j != i:
                lines[j] = f"{k2}: *a"
        elif action == "merge" and sep:
            indent = len(key) - len(key.lstrip(" -"))
            lines[i] = f"{key}: &m {{x: 1}}" if draw(st.booleans()) else lines[i]
            lines.insert(
                i + 1,
                " " * indent + draw(st.sampled_from(["<<: *m", "<<: [*m, *m]", "<<: *nope", "<<: 5", "<<: {id: x}"])),
            )
        else:
            cut = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:cut] + draw(st.sampled_from(RAW)) + lines[i][cut:]
    text = "\n".join(lines) + "\n"
    prefix = draw(
        st.sampled_from(
            [
                "",
                "",
                "%YAML 1.1\n---\n",
                "%YAML 1.2\n---\n",
                "%TAG !e! tag:x.org,2000:\n---\n",
                "\ufeff",
                "---\n",
                "--- &root\n",
            ]
        )
    )
    suffix = draw(st.sampled_from(["", "", "...\n", "---\n", "--- {}\n"]))
    text = prefix + text + suffix
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
ALL_COMMANDS = [
    ["validate"],
    ["fmt", "--check"],
    ["upcoming", "--as-of", "2023-01-01", "--days", "400", "--include-tbd"],
    ["query", "meetings"],
    ["query", "coverage"],
    ["show", "meeting-1"],
    ["render", "--format", "html"],
    ["render", "--format", "md"],
    ["render", "--format", "ics"],
]


def check_all_commands(tmp_path, text: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(path.read_bytes())
    diagnostic = re.compile(rf"^({re.escape(str(path))}|{re.escape(str(copy))}):\d+:\d+: (error|warning) WP\d{{3}} .+$")
    runs = [[*c, str(path)] for c in ALL_COMMANDS] + [
        ["fmt", str(copy)],
        ["diff", str(FIXTURES / "committee-minimal.yaml"), str(path)],
    ]
    for argv in runs:
        result = RUNNER.invoke(app, argv)
        assert result.exception is None or isinstance(result.exception, SystemExit), (argv[:3], repr(result.exception))
        assert result.exit_code in (0, 1, 2), (argv[:3], result.exit_code)
        # The bytes: Result.stdout turns CRLF into LF, which would hide a carriage return in the output.
        out, err = (b.decode("utf-8", "replace") for b in (result.stdout_bytes, result.stderr_bytes))
        assert "Traceback" not in out + err, argv[:3]
        ics = argv[:3] == ["render", "--format", "ics"]
        for line in (out.replace("\r\n", "\n") if ics else out).split("\n") + err.split("\n"):
            assert not CONTROL.search(line), (argv[:3], "control character", line[:200])
        if argv[0] == "validate":
            for line in out.splitlines()[:-1]:
                assert diagnostic.match(line), (argv[:3], line[:300])
        if result.exit_code != 0:
            assert (out + err).strip(), (argv[:3], "failed without a message")
            for line in err.splitlines():
                assert (
                    diagnostic.match(line)
                    or line.startswith("workplan: error: ")
                    or re.match(
                        r"^(… and \d+ more|(would reformat|reformatted) .+|\d+ files? already formatted\.)$", line
                    )
                ), (argv[:3], "not a one-line message", line[:300])


@profile(30, 1000)
@given(text=hostile_texts())
def test_fuzz_hostile_text_every_command(tmp_path, text):
    note(f"seed {FUZZ_SEED}" if LONG else "derandomized")
    check_all_commands(tmp_path, text)


def _same_load(text: str) -> None:
    """Whatever the fast path accepts, the round-trip path reads as the same plan with the same diagnostics."""
    if text_problem(text) is not None:  # refused before either path reads it
        return
    fast = _fast_path(text, "plan.yaml")
    if fast is None:
        return
    slow = _round_trip_plan(text, "plan.yaml")
    assert fast.plan == slow.plan
    key = lambda d: (d.line, d.column, d.code, d.severity.value, d.message)  # noqa: E731
    assert sorted(map(key, fast.diagnostics)) == sorted(map(key, slow.diagnostics))


def _fmt_keeps_the_plan(text: str) -> None:
    """fmt is idempotent and the plan after it equals the plan before."""
    formatted, diagnostics = format_text(text, "plan.yaml")
    if formatted is None:
        assert diagnostics, "fmt refused a file without saying why"
        return
    assert parse_plan(formatted, "plan.yaml").plan == parse_plan(text, "plan.yaml").plan
    again, problems = format_text(formatted, "plan.yaml")
    assert problems == [] and again == formatted, "fmt is not idempotent"


@profile(100, 3000)
@given(text=hostile_texts())
def test_fuzz_hostile_text_fast_and_round_trip_paths_agree(text):
    _same_load(text)


@profile(100, 3000)
@given(payload=mutated_plans())
def test_fuzz_mutated_plans_fast_and_round_trip_paths_agree(payload):
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        return
    _same_load(text)


@profile(60, 2000)
@given(text=hostile_texts())
def test_fuzz_hostile_text_fmt_is_idempotent_and_keeps_the_plan(text):
    _fmt_keeps_the_plan(text)


@profile(40, 1000)
@given(payload=mutated_plans())
def test_fuzz_mutated_plans_fmt_is_idempotent_and_keeps_the_plan(payload):
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        return
    _fmt_keeps_the_plan(text)
