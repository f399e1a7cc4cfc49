"""Semantic lint: what a schema cannot catch, as a registry of rules (`registry`) in groups by concern.

The package's modules: `registry` (what a rule is, registering and finding
one), the rules by what they check (`references`, `vocabularies`, `dates`,
`meetings`, `programs`, `suppressions`), and here, running them: which rules
a command selects, and what `workplan rules` lists.  The rules register as
their modules are imported, in the order imported below, which is the order
`workplan rules` lists them in.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from ..diagnostics import Severity
from ..errors import UsageError
from ..index import index_of
from ..models import Plan
from ..vocabulary import PLAN_KINDS
from .registry import RULES, Finding, Rule, find_rule

# The rules register as their modules are imported, in this order: the order `workplan rules` lists them in.
# isort: off
from . import references, vocabularies, dates, meetings, programs, suppressions  # noqa: F401
# isort: on

# --- running the rules ------------------------------------------------------------------------


class Selection(NamedTuple):
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()

    def wants(self, r: Rule) -> bool:
        return self.wants_code(r.code, r.name)

    def wants_code(self, code: str, name: str) -> bool:
        # Schema and loader problems (WP0xx) cannot be ignored: a plan that does
        # not load has nothing else to check.
        if code < "WP100":
            return True
        names = {code, name}
        if self.select and not names & self.select:
            return False
        return not names & self.ignore


def resolve_codes(words: list[str]) -> frozenset[str]:
    """Rule codes for codes or names given on the command line; raises `UsageError` on an unknown one."""
    codes = set()
    for word in words:
        for part in filter(None, (p.strip() for p in word.split(","))):
            found = find_rule(part)
            if found is None:
                raise UsageError(f"unknown rule {part!r}; `workplan rules` lists them")
            codes.add(found.code)
    return frozenset(codes)


def run_rules(plan: Plan, selection: Selection | None = None) -> Iterator[tuple[Rule, Finding]]:
    """Run every selected rule that applies to the plan's kind, minus suppressed findings."""
    selection = selection or Selection()
    index = index_of(plan)
    suppressed = {(s.rule, s.subject) for s in plan.suppress}
    for r in RULES.values():
        if plan.kind not in r.kinds or not selection.wants(r):
            continue
        for finding in r.check(plan, index):
            scopes = (None, finding.subject, finding.owner)
            if any((name, scope) in suppressed for name in (r.code, r.name) for scope in scopes):
                continue
            yield r, finding


class CheckInfo(NamedTuple):
    """What `workplan rules` and SARIF say of a loader check or a lint rule."""

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    kinds: frozenset[str]

    def as_dict(self) -> dict[str, Any]:
        """The check as `workplan rules --format json` lists it."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "kinds": sorted(self.kinds),
            "summary": self.summary,
            "doc": self.doc,
        }


def all_checks() -> list[CheckInfo]:
    """Every code workplan can report: the loader's and schema's, then the lint rules."""
    from ..diagnostics import LOADER_CHECKS

    both = frozenset(PLAN_KINDS)
    infos = [CheckInfo(c.code, c.name, c.severity, c.summary, "", both) for c in LOADER_CHECKS]
    infos += [CheckInfo(r.code, r.name, r.severity, r.summary, r.doc, r.kinds) for r in RULES.values()]
    return infos


def find_checks(code: str | None = None) -> list[CheckInfo]:
    """Every check (``code`` None), or the one with this code or name; raises `UsageError` for an unknown one."""
    checks = all_checks()
    if code is None:
        return checks
    wanted = code.strip()
    chosen = [c for c in checks if wanted.upper() == c.code or wanted.lower() == c.name]
    if not chosen:
        raise UsageError(f"unknown rule {code!r}; `workplan rules` lists them")
    return chosen
