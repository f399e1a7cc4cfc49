"""Write docs/rules.md from the rule registry, the text `workplan rules` prints.

    .venv/bin/python docs/generate_rules.py           # rewrite docs/rules.md
    .venv/bin/python docs/generate_rules.py --check   # exit 1 if it is out of date

tests/project/test_docs.py fails when the committed page differs from what this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from workplan_cli.lint import all_checks

PAGE = Path(__file__).resolve().parent / "rules.md"

HEADER = """\
# Checks and lint rules

Every check `workplan validate` makes, with passing and failing examples; generated from the rule registry \
by `docs/generate_rules.py`, do not edit by hand. Back to the [README](../README.md).

Codes `WP0xx` are the loader's and schema's (the file cannot be read as a plan);
`WP1xx` are lint rules, run once the schema passes. `workplan rules` lists
them; `workplan rules CODE` documents one. `--select`/`--ignore` take codes or
names; `--strict` makes warnings fail. A plan can accept a finding on purpose:

```yaml
suppress:
  - rule: activity-outside-term     # code or name
    subject: iadc-human-rights-seminar   # optional: only findings about this id
    reason: The IADC seminar is held after the term; the plan lists it for information.
```

| code | name | severity | kinds of plan | what it finds |
| --- | --- | --- | --- | --- |
"""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render() -> str:
    """The whole page, as docs/rules.md should hold it."""
    checks = all_checks()
    rows = [
        f"| [{c.code}](#{c.code.lower()}-{c.name}) | {c.name} | {c.severity.value} | "
        f"{', '.join(sorted(c.kinds))} | {_cell(c.summary)} |"
        for c in checks
    ]
    sections = []
    for c in checks:
        body = [f"## {c.code} {c.name}", "", f"{c.severity.value}; {', '.join(sorted(c.kinds))}", "", c.summary.strip()]
        if c.doc.strip():
            body += ["", c.doc.strip()]
        sections.append("\n".join(body) + "\n")
    return HEADER + "\n".join(rows) + "\n\n" + "\n".join(sections)


def main(argv: list[str]) -> int:
    text = render()
    if argv == ["--check"]:
        if PAGE.read_text(encoding="utf-8") != text:
            print(f"{PAGE} is out of date; run: python docs/generate_rules.py", file=sys.stderr)
            return 1
        return 0
    if argv:
        print("usage: python docs/generate_rules.py [--check]", file=sys.stderr)
        return 2
    PAGE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
