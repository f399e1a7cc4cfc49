"""The pre-commit hooks: run `workplan validate` or `workplan fmt` on the files that are plans.

pre-commit hands a hook every file its ``types: [yaml]`` selects, so a plans
repository's GitHub workflows, its ``.pre-commit-config.yaml`` and any other
YAML reach the hooks too, and would fail them ("missing required key
'kind'").  The hooks leave alone a file that plainly is not a plan: one with
no top-level ``kind`` key and no yaml-language-server modeline naming a
workplan schema.  Anything with a ``kind`` is still checked, so a plan whose
kind is misspelt (``kind: comittee-plan``) fails as it should.

Run as ``python -m workplan_cli.hooks validate|fmt [OPTION]... FILE...``
(the entries in ``.pre-commit-hooks.yaml``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

from .vocabulary import PLAN_KINDS, PLAN_SUFFIXES

COMMANDS = ("validate", "fmt")
# A `kind` key at the top level: at column 0 of a block mapping (quoted or
# not), or first in a flow mapping that opens a line (`{kind: …}`).
_TOP_LEVEL_KIND = re.compile(r"""^(?:\{[ \t]*)?(?:kind|"kind"|'kind')[ \t]*:(?:[ \t]|$)""", re.MULTILINE)
_MODELINE = re.compile(r"^[ \t]*#[ \t]*yaml-language-server[ \t]*:.*?\$schema=(\S+)", re.MULTILINE)


def looks_like_plan(text: str) -> bool:
    """True unless ``text`` has neither a top-level ``kind`` key nor a modeline naming a workplan schema."""
    if _TOP_LEVEL_KIND.search(text.removeprefix("\ufeff")):
        return True
    for match in _MODELINE.finditer(text):
        name = re.split(r"[/\\]", match.group(1).split("#")[0].split("?")[0])[-1]
        if any(name.startswith(kind) and name.endswith(".json") for kind in PLAN_KINDS):
            return True
    return False


def is_plan_file(path: Path) -> bool:
    """Whether the hooks should check ``path``: not a YAML file that plainly is not a plan.

    A file that cannot be read is kept, so that the command reports why.
    """
    if path.suffix not in PLAN_SUFFIXES or not path.is_file():
        return True
    try:
        data = path.read_bytes()
    except OSError:
        return True
    return looks_like_plan(data.decode("utf-8", "replace"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``workplan COMMAND`` on the arguments, less the YAML files that are not plans."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in COMMANDS:
        sys.stderr.write(f"usage: python -m workplan_cli.hooks {{{','.join(COMMANDS)}}} [OPTION]... FILE...\n")
        return 2
    command, rest = args[0], args[1:]
    # Options and their values pass through: only an argument naming a YAML
    # file can be dropped, and no option of validate or fmt takes a file name.
    dropped = {arg for arg in rest if not arg.startswith("-") and not is_plan_file(Path(arg))}
    kept = [arg for arg in rest if arg not in dropped]
    if dropped and not any(Path(arg).exists() for arg in kept if not arg.startswith("-")):
        return 0  # nothing left to check; given no path at all, workplan would check data/ instead
    from .cli import app_for

    try:
        app_for([command])(args=[command, *kept], prog_name="workplan")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
