"""Plan texts rewritten in other styles for property tests (the same plan, another YAML text), and what
`fmt`'s two writers make of a text: the round trip (`round_trip`) and the event pass (`fast`)."""

from __future__ import annotations

import io
import random
import re
import subprocess
import sys

from conftest import DATA
from workplan_cli.canonical import canonical_text
from workplan_cli.fmt import _round_trip_format, format_text
from workplan_cli.loader import gaps_between_tokens, parse_plan


def restyled(text: str, rng: random.Random) -> str:
    """A plan rewritten with keys reordered, quoting, flow or block style and indentation chosen at random."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if rng.random() < 0.7:
        text = without_comments(text)
    yaml = YAML()
    document = yaml.load(text)
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, CommentedMap):
            if len(node) > 1 and rng.random() < 0.05:
                keys = list(node)
                i = rng.randrange(len(keys) - 1)
                node.move_to_end(keys[i])  # one key moved to the end
            for key, value in list(node.items()):
                if isinstance(value, str) and rng.random() < 0.2:
                    node[key] = rng.choice([DoubleQuotedScalarString, SingleQuotedScalarString, str])(value)
                stack.append(value)
        elif isinstance(node, CommentedSeq):
            stack.extend(node)
        if isinstance(node, (CommentedMap, CommentedSeq)) and rng.random() < 0.05:
            node.fa.set_flow_style()
    mapping, sequence = rng.choice([(2, 4), (2, 2), (4, 4), (3, 5)])
    yaml.indent(mapping=mapping, sequence=sequence, offset=min(2, sequence - 2) if sequence >= 2 else 0)
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(document, out)
    lines = out.getvalue().splitlines(keepends=True)
    if rng.random() < 0.3:  # a comment on a line of its own
        at = rng.randrange(1, len(lines))
        lines.insert(at, "# a note\n")
    return "".join(lines)


def without_comments(text: str) -> str:
    """``text`` with every comment removed (what lies after ``#`` between libyaml's tokens)."""
    kept, done = [], 0
    for start, end in gaps_between_tokens(text):
        kept.append(text[done:start])
        kept.append(re.sub(r"[ \t]*#[^\n]*", "", text[start:end]))
        done = end
    kept.append(re.sub(r"[ \t]*#[^\n]*", "", text[done:]))
    return "".join(kept)


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


GENERATE = DATA.parent / "benchmarks" / "generate.py"

# Texts that need quotes (or not) by YAML's rules, in plain, 'single' or "double" quotes.
TRICKY = [
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


def text_variant(text: str, rng: random.Random) -> str:
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
                lines[at] = match.group(1) + _quoted(rng.choice(TRICKY), rng) + "\n"
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


def canonical_texts() -> list[str]:
    generated = subprocess.run([sys.executable, str(GENERATE), "4"], capture_output=True, text=True, check=True).stdout
    formatted, problems = format_text(generated, "generated.yaml")
    assert problems == [] and formatted is not None
    return [*(p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.yaml"))), formatted]


def restyled_with_comments(text: str, rng: random.Random) -> str:
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
