"""The registry of lint rules: what a rule is, what it finds, and how one is registered and looked up.

Each rule is a generator over a validated plan that yields `Finding`s: a path
into the plan (the same keys and indexes as the YAML, so the loader can turn it
into a line and column) and a message.  A rule's docstring is its
documentation: the first line is its summary, and the text after it, with a
passing and a failing example, is what `workplan rules CODE` prints.

Codes are stable; never renumber a rule.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from ..diagnostics import Severity
from ..index import Loc, PlanIndex
from ..vocabulary import PLAN_KINDS


class Finding(NamedTuple):
    loc: Loc
    message: str
    subject: str | None = None
    """The id the finding is about (used to scope suppressions)."""
    key: bool = False
    """Point at the key at ``loc`` rather than at its value."""
    owner: str | None = None
    """The id of the thing that holds what the finding is about, when that is not the subject: it scopes suppressions too."""


class Rule(NamedTuple):
    code: str
    name: str
    severity: Severity
    kinds: frozenset[str]
    check: Callable[[Any, PlanIndex], Iterator[Finding]]
    summary: str
    doc: str


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity, *kinds: str) -> Callable[[Callable[..., Iterator[Finding]]], Rule]:
    """Register a rule; its docstring's first line is the summary, the rest its documentation."""

    def register(function: Callable[..., Iterator[Finding]]) -> Rule:
        summary, _, rest = (function.__doc__ or "").strip().partition("\n")
        registered = Rule(
            code=code,
            name=name,
            severity=severity,
            kinds=frozenset(kinds or PLAN_KINDS),
            check=function,
            summary=summary.strip(),
            doc=textwrap.dedent(rest).strip(),
        )
        if code in RULES or any(r.name == name for r in RULES.values()):
            raise ValueError(f"duplicate rule {code} {name}")
        RULES[code] = registered
        return registered

    return register


def find_rule(word: str) -> Rule | None:
    """A rule by code (any case) or by name."""
    found = RULES.get(word.upper())
    return found or next((r for r in RULES.values() if r.name == word.lower()), None)
