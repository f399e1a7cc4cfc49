"""canonical.py: the quick verdict that a plan is already in canonical form, which `fmt --check` trusts without the round trip."""

from __future__ import annotations

import functools
import random
import re
import subprocess
import sys
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, examples, write
from restyled import restyled
from workplan_cli.canonical import canonical_as_is
from workplan_cli.cli import app
from workplan_cli.fmt import format_text
from workplan_cli.loader import parse_plan

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


@functools.cache
def _canonical_texts() -> tuple[str, ...]:
    """The bundled plans and a generated one of four meetings, each in canonical form (made once a run)."""
    generated = subprocess.run([sys.executable, str(GENERATE), "4"], capture_output=True, text=True, check=True).stdout
    formatted, problems = format_text(generated, "generated.yaml")
    assert problems == [] and formatted is not None
    return (*(p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.yaml"))), formatted)


def _fast_verdict_is_sound(text: str) -> bool:
    """canonical_as_is's verdict, after asserting that format_text keeps the text whenever it says True."""
    verdict = canonical_as_is(text, parse_plan(text, "plan.yaml"))
    if verdict:
        formatted, problems = format_text(text, "plan.yaml")
        assert (formatted, problems) == (text, [])
    return verdict


def test_canonical_plans_take_the_fast_verdict():
    """The bundled plans (comments, blank lines, folded texts) and a generated one: no round trip."""
    for text in _canonical_texts():
        assert _fast_verdict_is_sound(text) is True


def test_fast_verdict_is_never_wrong_on_edited_plans():
    texts = _canonical_texts()
    rng = random.Random(20261201)
    count = examples(150)
    verdicts = Counter(_fast_verdict_is_sound(_text_variant(rng.choice(texts), rng)) for _ in range(count))
    # Both answers are really exercised: in the full run at least 20 and 40 of the 150.
    assert verdicts[True] >= count * 2 // 15 and verdicts[False] >= count * 4 // 15, verdicts


@settings(max_examples=examples(25), suppress_health_check=list(HealthCheck))
@given(which=st.sampled_from(sorted(DATA.glob("*.yaml"))), seed=st.integers(0, 2**32 - 1))
def test_fast_verdict_is_never_wrong_on_restyled_plans(which, seed):
    rng = random.Random(seed)
    _fast_verdict_is_sound(_text_variant(restyled(which.read_text(encoding="utf-8"), rng), rng))


def test_shortcuts_for_plain_text_agree_with_ruamel_yaml():
    """What canonical_as_is takes for plain text without asking ruamel.yaml is what ruamel.yaml's emitter says."""
    from workplan_cli import canonical as c

    styles = c._styles()
    rng = random.Random(7)
    alphabet = "Aaz09 .,;:#?()/&+=_%-'\"[]{}!*|>@`~\\\u00a0\u2019\u2013\u00e9\u00d7\u017f\u0180"
    samples = [*_TRICKY, *c._NOT_TEXT, "yes", "No", "Yes", "on", "off", "y", "n", "NaN", "inf"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) for _ in range(60000)]
    checked = 0
    for value in samples:
        for flow in (False, True) if len(value) <= c._MAX_SCALAR else ():
            if (c._PLAIN_IN_FLOW if flow else c._PLAIN_IN_BLOCK).match(value) and value not in c._NOT_TEXT:
                checked += 1
                assert styles._choose(value, flow, False) == value
                assert styles._choose(value, flow, True) == value
                assert styles.resolve(value) == c._STR
    assert checked > 1500
    for value in ["0", "7", "10", "150", "2023", "123456789012345678"]:
        assert c._INT.match(value) and styles.resolve(value) == c._INT_TAG
    assert styles.resolve("true") == styles.resolve("false") == c._BOOL_TAG


def test_fast_verdict_leaves_to_the_round_trip_what_ruamel_yaml_does_not_keep():
    """A blank line before the first line is dropped by ruamel.yaml; spaces at the end of a value's line, or on a blank line, too."""
    text = (DATA / "csh-2022-2023.yaml").read_text(encoding="utf-8")
    with_spaces = text.replace("\nkind: committee-plan\n", "\nkind: committee-plan  \n", 1)
    for changed in ["\n" + text, with_spaces, text.replace("\n\n", "\n   \n", 1)]:
        assert changed != text
        assert not _fast_verdict_is_sound(changed)
        assert format_text(changed, "plan.yaml")[0] == text


def test_fmt_check_of_a_commented_canonical_plan(runner, tmp_path):
    text = _canonical_texts()[-1].replace("\nmeetings:\n", "\n\n# The meetings, in order.\nmeetings:\n", 1)
    assert _fast_verdict_is_sound(text)
    plan = write(tmp_path, "plan.yaml", text)
    result = runner.invoke(app, ["fmt", "--check", str(plan)])
    assert (result.exit_code, result.stderr) == (0, "1 file already formatted.\n")
    plan.write_text(text.replace('start_time: "10:00"', "start_time: '10:00'", 1), encoding="utf-8")
    result = runner.invoke(app, ["fmt", "--check", str(plan)])
    assert (result.exit_code, result.stderr) == (1, f"would reformat {plan}\n")
