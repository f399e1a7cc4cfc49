"""Rules on the open vocabularies (meeting kinds, officer roles, stages, frequencies) and on footnotes."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Severity
from ..index import PlanIndex
from ..models import (
    FREQUENCIES,
    OFFICER_ROLES,
    STAGES,
    CommitteePlan,
    Plan,
)
from ..vocabulary import COMMITTEE_KIND, MEETING_KINDS
from .registry import Finding, rule

# --- vocabularies and footnotes ---------------------------------------------------------------


def _known(word: str, known: tuple[str, ...], noun: str) -> str | None:
    """Why ``word`` is worth a look, or None when it is one of the ``known`` values."""
    if word in known:
        return None
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.75)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{noun} {word!r} is not one of the known values ({', '.join(known)}), so it is printed as written{hint}"


@rule("WP108", "unlisted-value", Severity.WARNING, COMMITTEE_KIND)
def unlisted_value(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """A meeting kind, officer role, milestone stage or report frequency is not one of the known values.

    These are open vocabularies: OAS practice has more kinds of meeting, offices
    and deadlines than any one plan, so another value is accepted and printed in
    its own words (`rapporteur` as "Rapporteur"), but it is not translated and
    may be a typo.  Known values: meeting `kind` regular, informal,
    working-group, forum, special, joint, points-of-contact; officer `role`
    chair, vice-chair, first-vice-chair, second-vice-chair, third-vice-chair;
    milestone `stage` procedure, first-version, comments-due, revised-version,
    consideration, drafts-due; report `frequency` yearly, voluntary, biennial.

    Passes: `role: vice-chair` (a vice chair without a number).

    Fails: `kind: regualr` (did you mean 'regular'?); `role: rapporteur` (accepted, with this warning).
    """
    checks: list[tuple[tuple[Any, ...], str, tuple[str, ...], str, str]] = []
    checks += [
        (("meetings", i, "kind"), m.kind, MEETING_KINDS, "meeting kind", m.id) for i, m in enumerate(plan.meetings)
    ]
    checks += [
        (("officers", i, "role"), o.role, OFFICER_ROLES, "officer role", o.id) for i, o in enumerate(plan.officers)
    ]
    checks += [
        (("procedure", "milestones", i, "stage"), m.stage, STAGES, "milestone stage", m.id)
        for i, m in enumerate(plan.procedure.milestones)
    ]
    checks += [
        (("reports", i, "frequency"), r.frequency, FREQUENCIES, "report frequency", r.id)
        for i, r in enumerate(plan.reports)
    ]
    for loc, word, known, noun, subject in checks:
        message = _known(word, known, noun)
        if message:
            yield Finding(loc, message, subject)


@rule("WP109", "footnote-without-text", Severity.WARNING)
def footnote_without_text(plan: Plan, index: PlanIndex) -> Iterator[Finding]:
    """A footnote has no text yet.

    A plan transcribed from an incomplete copy keeps the footnote's place and
    number; the pages print it as a footnote whose text is to be confirmed.

    Passes: `footnotes: [{number: 3, text: "Presented in chronological order."}]`.

    Fails: `footnotes: [{number: 3}]` (accepted, with this warning).
    """
    for loc, footnote, owner in index.footnote_places:
        if footnote.text is None:
            yield Finding(
                (*loc, "number"), f"footnote {footnote.number} has no text; it is printed as to be confirmed", owner
            )
