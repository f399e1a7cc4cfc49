"""The rule on a plan's own suppressions: each names a rule that exists and an id the plan has."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Severity
from ..index import PlanIndex
from ..models import (
    Plan,
)
from .registry import Finding, find_rule, rule


@rule("WP150", "bad-suppression", Severity.ERROR)
def bad_suppression(plan: Plan, index: PlanIndex) -> Iterator[Finding]:
    """A `suppress` entry names a rule or an id that does not exist.

    Passes: `suppress: [{rule: activity-outside-term, subject: iadc-seminar, reason: "..."}]`.

    The `subject` is an id of the plan, or, for `document-symbol`, a symbol the plan cites.

    Fails: `rule: WP999`, or a `subject` that is no id in the plan (nor a cited symbol).
    """
    symbols = {symbol for _, symbol, _ in index.documents}
    for i, entry in enumerate(plan.suppress):
        if find_rule(entry.rule) is None:
            yield Finding(("suppress", i, "rule"), f"no rule is called {entry.rule!r}; `workplan rules` lists them")
        if entry.subject is not None and entry.subject not in index.ids and entry.subject not in symbols:
            yield Finding(("suppress", i, "subject"), f"no id {entry.subject!r} in this plan")
