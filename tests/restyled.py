"""Plan texts rewritten in other styles for property tests: the same plan, another YAML text."""

from __future__ import annotations

import io
import random
import re

from workplan_cli.loader import gaps_between_tokens


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
