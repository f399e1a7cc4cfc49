"""workplan fmt: canonical text, comments kept, idempotent, never writes a broken file; the event pass
(`canonical_text`) writes exactly what ruamel.yaml's round trip writes, or leaves the file to it."""

from __future__ import annotations

import importlib.util
import io
import random
import re
import signal
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import clients
from conftest import DATA, FIXTURES, examples, line_of, write
from restyled import restyled, without_comments
from workplan_cli.canonical import canonical_text
from workplan_cli.cli import app
from workplan_cli.fmt import _round_trip_format, format_text, judge_text
from workplan_cli.loader import parse_plan

FMT = FIXTURES.parent / "fmt-fixtures"
HOSTILE = FIXTURES.parent / "robustness" / "hostile"


def round_trip(text: str) -> str | None:
    """What ruamel.yaml's round trip makes of ``text`` (LF line endings): the canonical form, by definition."""
    formatted, _ = _round_trip_format(text, parse_plan(text, "plan.yaml"), False, "plan.yaml")
    return formatted


def fast(text: str) -> str | None:
    """What the event pass writes for ``text``, or None; when it writes, it is what the round trip writes."""
    written = canonical_text(text, parse_plan(text, "plan.yaml"))
    if written is not None:
        assert written == round_trip(text)
    return written


def test_fmt_fixes_messy_file_into_exact_text():
    text = (FMT / "messy.yaml").read_text(encoding="utf-8")
    expected = (FMT / "messy.expected.yaml").read_text(encoding="utf-8")
    assert format_text(text, "messy.yaml") == (expected, [])
    assert fast(text) == expected  # without the round trip


def test_fmt_keeps_crlf_line_endings_without_the_round_trip():
    text = (FMT / "messy.yaml").read_text(encoding="utf-8")
    expected = (FMT / "messy.expected.yaml").read_text(encoding="utf-8")
    assert format_text(text.replace("\n", "\r\n"), "messy.yaml") == (expected.replace("\n", "\r\n"), [])


def test_fmt_keeps_every_comment_in_order():
    text = (FMT / "comments.yaml").read_text(encoding="utf-8")
    formatted, _ = format_text(text, "comments.yaml")
    assert re.findall(r"# c\d\d[^\n]*", formatted) == re.findall(r"# c\d\d[^\n]*", text)
    assert "\n\n# c10 after a blank line" in formatted


@pytest.mark.parametrize(
    "path", [*sorted(DATA.glob("*.yaml")), FMT / "messy.yaml", FMT / "comments.yaml"], ids=lambda p: p.name
)
def test_fmt_is_idempotent_and_keeps_the_plan(path):
    text = path.read_text(encoding="utf-8")
    once, _ = format_text(text, path.name)
    twice, _ = format_text(once, path.name)
    assert once == twice
    assert parse_plan(once, "a").plan == parse_plan(text, "b").plan


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda p: p.name)
def test_bundled_data_is_formatted(path):
    text = path.read_text(encoding="utf-8")
    assert format_text(text, path.name)[0] == text, f"run `workplan fmt {path}`"


def test_fmt_check_lists_and_does_not_write(runner, tmp_path):
    messy = write(tmp_path, "messy.yaml", (FMT / "messy.yaml").read_text(encoding="utf-8"))
    before = messy.read_bytes()
    result = runner.invoke(app, ["fmt", "--check", str(messy)])
    assert (result.exit_code, result.stderr) == (1, f"would reformat {messy}\n")
    assert messy.read_bytes() == before


def test_fmt_diff_shows_change(runner, tmp_path, monkeypatch):
    text = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")
    assert fast(text) == text
    moved = text.replace(
        '    start_time: "10:00"\n    end_time: "13:00"\n', "    end_time: '13:00'\n    start_time: 10:00\n", 1
    )
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "plan.yaml", moved)
    result = runner.invoke(app, ["fmt", "--check", "--diff", "plan.yaml"])
    line = line_of(moved, "    end_time: '13:00'")
    assert (result.exit_code, result.stderr) == (1, "would reformat plan.yaml\n")
    assert result.stdout == (
        "--- plan.yaml\t(before)\n"
        "+++ plan.yaml\t(formatted)\n"
        f"@@ -{line - 3},8 +{line - 3},8 @@\n"
        "     number: 1\n"
        "     kind: regular\n"
        "     date: 2023-03-02\n"
        "-    end_time: '13:00'\n"
        "-    start_time: 10:00\n"
        '+    start_time: "10:00"\n'
        '+    end_time: "13:00"\n'
        "     agenda:\n"
        "       - area: testing\n"
        "         topics:\n"
    )


def _generated(meetings: int, seed: int) -> str:
    """benchmarks/generate.py's plan: it needs rewriting (area names in quotes, ``by`` before ``documents``)."""
    spec = importlib.util.spec_from_file_location("generate", GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    plan: str = module.plan(meetings, seed)
    return plan


@pytest.mark.parametrize("tool", ["patch", "git"])
@settings(max_examples=examples(30), suppress_health_check=list(HealthCheck))
@given(meetings=st.integers(1, 12), seed=st.integers(0, 2**32 - 1), edits=st.sampled_from(["", "restyled", "edited"]))
@example(meetings=0, seed=0, edits="messy")
def test_fmt_diff_applied_to_the_file_gives_the_formatted_file(
    runner, tmp_path_factory, monkeypatch, tool, meetings, seed, edits
):
    """`patch -p0` and `git apply -p0` take fmt's diff, from the folder fmt was run in, and give what fmt writes,
    on generated plans as they are, restyled and edited (comments, quoting, order), and on messy.yaml."""
    program = clients.patch() if tool == "patch" else clients.git()
    rng = random.Random(seed)
    if edits == "messy":
        text = (FMT / "messy.yaml").read_text(encoding="utf-8")
    else:
        text = _generated(meetings, seed)
        if edits:
            text = _restyled(text, rng)
        if edits == "edited":
            text = _text_variant(text, rng)
    formatted, problems = format_text(text, "plans/plan one.yaml")
    folder = tmp_path_factory.mktemp("fmt")
    monkeypatch.chdir(folder)
    (folder / "plans").mkdir()
    write(folder / "plans", "plan one.yaml", text)
    result = runner.invoke(app, ["fmt", "--check", "--diff", "plans/plan one.yaml"])
    if formatted is None or formatted == text:
        assert (result.exit_code, result.stdout) == ((1, "".join(f"{d}\n" for d in problems)) if problems else (0, ""))
        return
    assert result.exit_code == 1
    assert result.stdout.startswith("--- plans/plan one.yaml\t(before)\n+++ plans/plan one.yaml\t(formatted)\n")
    argv = [program, "-p0", "--quiet"] if tool == "patch" else [program, "apply", "-p0", "-"]
    subprocess.run(argv, input=result.stdout, text=True, check=True, capture_output=True)
    assert (folder / "plans" / "plan one.yaml").read_text(encoding="utf-8") == formatted


def test_fmt_rewrites_then_is_clean(runner, tmp_path):
    messy = write(tmp_path, "messy.yaml", (FMT / "messy.yaml").read_text(encoding="utf-8"))
    first = runner.invoke(app, ["fmt", str(messy)])
    assert (first.exit_code, first.stderr) == (0, f"reformatted {messy}\n")
    assert messy.read_text(encoding="utf-8") == (FMT / "messy.expected.yaml").read_text(encoding="utf-8")
    second = runner.invoke(app, ["fmt", "--check", str(messy)])
    assert (second.exit_code, second.stderr) == (0, "1 file already formatted.\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["messy.yaml"]


def test_fmt_never_writes_a_file_that_does_not_load(runner, tmp_path):
    broken_text = (
        (FMT / "messy.yaml")
        .read_text(encoding="utf-8")
        .replace("date: 2023-03-02\n  end_time", "date: 2023-02-30\n  end_time")
    )
    broken = write(tmp_path, "broken.yaml", broken_text)
    result = runner.invoke(app, ["fmt", str(broken)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{broken}:")
    assert "WP013" in result.stdout
    assert broken.read_text(encoding="utf-8") == broken_text


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_fmt_killed_while_writing_leaves_the_plan_intact(tmp_path):
    """A real `workplan fmt`, killed with SIGKILL once its new text is on disk but not yet renamed."""
    original = (FMT / "messy.yaml").read_text(encoding="utf-8")
    messy = write(tmp_path, "messy.yaml", original)
    child = textwrap.dedent(
        """
        import os, sys, time
        real_fsync = os.fsync
        def fsync_then_wait(fd):
            real_fsync(fd)
            print("written", flush=True)
            time.sleep(60)
        os.fsync = fsync_then_wait
        sys.argv = ["workplan", "fmt", sys.argv[1]]
        from workplan_cli.main import run
        run()
        """
    )
    process = subprocess.Popen([sys.executable, "-c", child, str(messy)], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdout.readline() == "written\n"
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert messy.read_text(encoding="utf-8") == original
    # The killed writer could not clean up: its complete temporary file is left, hidden, beside the plan.
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name != "messy.yaml")
    assert len(leftovers) == 1 and leftovers[0].startswith(".messy.yaml.") and leftovers[0].endswith(".tmp")
    expected = (FMT / "messy.expected.yaml").read_text(encoding="utf-8")
    assert (tmp_path / leftovers[0]).read_text(encoding="utf-8") == expected


# --- the quick verdict of `fmt --check` agrees with the round trip ------------------------


def _agrees_with_round_trip(text: str) -> bool | None:
    """judge_text's verdict, after asserting it is what the round trip does to the same text."""
    verdict, problems = judge_text(text, "plan.yaml")
    formatted, expected_problems = _round_trip_format(text, parse_plan(text, "plan.yaml"), False, "plan.yaml")
    if problems:
        assert (verdict, formatted, problems) == (None, None, expected_problems)
    elif verdict is not None:
        assert expected_problems == [] and formatted is not None
        assert verdict == (formatted != text)
    return verdict


@pytest.mark.parametrize(
    "path",
    [*sorted(DATA.glob("*.yaml")), *sorted(FMT.glob("*.yaml")), *sorted(FIXTURES.glob("*.yaml"))],
    ids=lambda p: p.name,
)
def test_judge_text_agrees_with_format_text_on_every_fixture(path):
    _agrees_with_round_trip(path.read_text(encoding="utf-8"))


@settings(max_examples=examples(30), suppress_health_check=list(HealthCheck))
@given(which=st.sampled_from(sorted(DATA.glob("*.yaml"))), seed=st.integers(0, 2**32 - 1))
def test_judge_text_agrees_with_format_text_on_variants_of_the_bundled_plans(which, seed):
    _agrees_with_round_trip(restyled(which.read_text(encoding="utf-8"), random.Random(seed)))


def test_judge_text_decides_the_benchmark_plan_without_the_round_trip():
    """Keys out of order and no comment: certain without ruamel.yaml, and the round trip agrees."""
    text = (DATA / "csh-2022-2023.yaml").read_text(encoding="utf-8")
    stripped = format_text(without_comments(text), "plan.yaml")[0]
    assert stripped is not None and "#" not in stripped
    moved = stripped.replace(
        "kind: committee-plan\nschema_version: 1\n", "schema_version: 1\nkind: committee-plan\n", 1
    )
    assert moved != stripped
    assert _agrees_with_round_trip(moved) is True
    assert _agrees_with_round_trip(stripped) is None  # canonical already: only the round trip can say so
    verdicts = {_agrees_with_round_trip(restyled(text, random.Random(seed))) for seed in range(examples(12))}
    assert verdicts == {None, True}


# --- the "already canonical" verdict of `fmt --check` is never wrong ---------------------

GENERATE = DATA.parent / "benchmarks" / "generate.py"

# Texts that need quotes (or not) by YAML's rules, in plain, 'single' or "double" quotes.
_TRICKY = [
    "yes",
    "no",
    "on",
    "12",
    "-3",
    "1.5",
    "1e3",
    "0o17",
    "0x1F",
    "1_000",
    ".inf",
    ".nan",
    "2023-01-01",
    "2023-01-01 10:00:00",
    "null",
    "Null",
    "~",
    "true",
    "True",
    "FALSE",
    "=",
    "<<",
    ": x",
    "a: b",
    "a:b",
    "# x",
    "a #b",
    "a#b",
    "- x",
    "-x",
    "* x",
    "*x",
    "& x",
    "&x",
    "! x",
    "!x",
    "% x",
    "@x",
    "`x`",
    "|x",
    ">x",
    "?x",
    "? x",
    "[x]",
    "{x}",
    "x, y",
    "x,y",
    "x ",
    " x",
    "",
    "'q'",
    '"q"',
    "it's",
    "a\\b",
    'say "hi"',
    "---",
    "...",
    "--- x",
    "a  b",
    "é",
    "x\u00a0y",
    "€uro",
    "12:30",
    "09:30",
    "9:30",
    "a\u2028b",
    "tab\there",
    "plain text",
    "Text (with) parentheses.",
    "x" * 1200,
]


def _quoted(value: str, rng: random.Random) -> str:
    """``value`` written plain, in single or in double quotes (plain only reads back as text sometimes)."""
    style = rng.choice(["plain", "single", "double"])
    if style == "plain":
        return value
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\u2028", "\\L").replace("\t", "\\t")
    return '"' + escaped + '"'


_VALUE_LINE = re.compile(r"^( *(?:- )?[a-z_]+: |  *- )(?![>|])(.+)$")


def _text_variant(text: str, rng: random.Random) -> str:
    """``text`` with a few edits at random: comments, blank lines, quoting, indentation, order, styles."""
    import yaml

    lines = text.splitlines(keepends=True)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(lines))
        line = lines[at]
        edit = rng.randrange(14)
        if edit <= 2:  # a comment on a line of its own
            note = rng.choice(["# note", "#", "#x: y", "# trailing ", "# é ü", "#  two  spaces", "# [a, b]"])
            lines.insert(at, " " * rng.randrange(14) + note + "\n")
        elif edit == 3:  # a blank line, or one of spaces
            lines.insert(at, rng.choice(["\n", "\n", "  \n", "\n\n"]))
        elif edit == 4:  # a comment at the end of a line
            lines[at] = line.rstrip("\n") + " " * rng.randrange(3) + rng.choice(["# c", "#c", "# c "]) + "\n"
        elif edit in (5, 6):  # the same text quoted another way
            match = _VALUE_LINE.match(line)
            if match:
                try:
                    value = yaml.safe_load("k: " + match.group(2))["k"]
                except yaml.YAMLError:
                    continue
                if isinstance(value, str) and "\n" not in value:
                    lines[at] = match.group(1) + _quoted(value, rng) + "\n"
        elif edit == 7:  # a text that may need quotes
            match = _VALUE_LINE.match(line)
            if match:
                lines[at] = match.group(1) + _quoted(rng.choice(_TRICKY), rng) + "\n"
        elif edit == 8:  # indentation off by one or two
            lines[at] = rng.choice([" ", "  "]) + line if rng.random() < 0.5 else line[rng.randint(1, 2) :]
        elif edit == 9 and at + 1 < len(lines):  # two lines swapped: keys out of order
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif edit == 10:  # a flow list written as a block, or the reverse
            match = re.match(r"^( *)((?:- )?[a-z_]+): \[(.+)\]$", line)
            if match:
                indent = len(match.group(1)) + (2 if match.group(2).startswith("- ") else 0)
                items = "".join(f"{' ' * (indent + 2)}- {item}\n" for item in match.group(3).split(", "))
                lines[at] = f"{match.group(1)}{match.group(2)}:\n{items}"
            elif re.match(r"^ *- [^ :]+$", line) and at > 0 and lines[at - 1].rstrip().endswith(":"):
                lines[at - 1] = lines[at - 1].rstrip("\n") + " [" + line.strip()[2:] + "]\n"
                del lines[at]
        elif edit == 11:  # a null, or nothing after the key
            match = _VALUE_LINE.match(line)
            if match:
                lines[at] = match.group(1).rstrip(" ") + rng.choice([" ~", " null", ""]) + "\n"
        elif edit == 12:  # a long line, or a text folded over two lines
            match = _VALUE_LINE.match(line)
            if match and " " in match.group(2) and not match.group(2).startswith(("[", "{", "'", '"')):
                indent = " " * (len(match.group(1)) - len(match.group(1).lstrip(" ")) + rng.choice([2, 4, 3]))
                if rng.random() < 0.5:
                    words = match.group(2).split(" ")
                    cut = rng.randrange(1, len(words))
                    folded = f"{indent}{' '.join(words[:cut])}\n{indent}{' '.join(words[cut:])}\n"
                    lines[at] = f"{match.group(1)}>-\n{folded}"
                else:
                    lines[at] = match.group(1) + (match.group(2) + " word") * rng.choice([10, 300]) + "\n"
        else:  # spaces at the end of a line, or a line break taken away
            lines[at] = line.rstrip("\n") + rng.choice([" ", "  "]) + "\n" if rng.random() < 0.7 else line.rstrip("\n")
    return "".join(lines)


def _canonical_texts() -> list[str]:
    generated = subprocess.run([sys.executable, str(GENERATE), "4"], capture_output=True, text=True, check=True).stdout
    formatted, problems = format_text(generated, "generated.yaml")
    assert problems == [] and formatted is not None
    return [*(p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.yaml"))), formatted]


def _restyled(text: str, rng: random.Random) -> str:
    """A plan rewritten by ruamel.yaml with its comments: keys moved, quoting, list styles and indentation changed."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
        SingleQuotedScalarString,
    )

    yaml = YAML()
    document = yaml.load(text)
    moves = rng.choice([0.05, 0.2, 0.5])
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, CommentedMap):
            if len(node) > 1 and rng.random() < moves:
                node.move_to_end(list(node)[rng.randrange(len(node) - 1)])
            for key, value in list(node.items()):
                plain = isinstance(value, str) and not isinstance(value, (FoldedScalarString, LiteralScalarString))
                if plain and rng.random() < 0.2:
                    node[key] = rng.choice([DoubleQuotedScalarString, SingleQuotedScalarString, str])(value)
                stack.append(value)
        elif isinstance(node, CommentedSeq):
            stack.extend(node)
            texts = all(
                isinstance(v, str) and not isinstance(v, (FoldedScalarString, LiteralScalarString)) for v in node
            )
            if node and texts and rng.random() < 0.3:
                if node.fa.flow_style():
                    node.fa.set_block_style()
                else:
                    node.fa.set_flow_style()
    mapping, sequence, offset = rng.choice([(2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (3, 5, 3)])
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


# --- the event pass writes what the round trip writes ---------------------------------------
