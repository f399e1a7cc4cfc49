"""Rules on references and ids: paragraphs, resolutions, document symbols, ids declared once and used."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Severity
from ..index import ID_FIELDS, PlanIndex
from ..models import (
    Activity,
    Area,
    Body,
    CommitteePlan,
    Country,
    Meeting,
    Milestone,
    Officer,
    Partner,
    PendingEvent,
    Plan,
    Resolution,
    WorkingGroup,
)
from ..vocabulary import COMMITTEE_KIND
from .registry import Finding, rule

# --- the index --------------------------------------------------------------------------
#
# Rules read the plan's index (`index.PlanIndex`): ids, references, declared
# paragraphs and documents, found in one walk of the plan that every command shares.

_NOUN: dict[type[Any], str] = {
    Body: "body",
    Country: "country",
    Officer: "officer",
    WorkingGroup: "working group",
    Meeting: "meeting",
    PendingEvent: "pending event",
    Milestone: "milestone",
    Activity: "activity",
    Area: "thematic area",
    Partner: "partner",
    Resolution: "resolution",
}


# --- references ------------------------------------------------------------------------


def _one_edit_apart(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def suggest_label(label: str, declared: list[str]) -> str | None:
    """The declared label a typo most likely meant: `86e` -> `86.e`, `848` -> `84`."""
    bare = label.replace(".", "")
    same = [d for d in declared if d.replace(".", "") == bare]
    if same:
        return same[0]
    near = [d for d in declared if _one_edit_apart(label, d)]
    if near:

        def shared_prefix(d: str) -> int:
            return next((i for i, (x, y) in enumerate(zip(label, d, strict=False)) if x != y), min(len(label), len(d)))

        return max(near, key=shared_prefix)
    close = difflib.get_close_matches(label, declared, n=1, cutoff=0.6)
    return close[0] if close else None


@rule("WP101", "unknown-paragraph", Severity.ERROR, COMMITTEE_KIND)
def unknown_paragraph(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """A paragraph reference names a paragraph the plan does not declare.

    A reference without a prefix (`"38"`) is a paragraph of the resolution marked
    `default: true`; `"ag-2970:47.b"` is paragraph 47.b of resolution `ag-2970`.
    Sub-paragraphs (`86.e`) are paragraphs of their own and must be declared too.

    Passes:

        resolutions:
          - {id: ag-2986, symbol: AG/RES. 2986 (LII-O/22), default: true,
             paragraphs: [{label: "86.e"}]}
        ...
                paragraphs: ["86.e"]

    Fails (`86e` is not declared; did you mean `86.e`?):

                paragraphs: ["86e"]
    """
    for ref in index.refs:
        if ref.field != "paragraphs":
            continue
        resolution, label = index.split(ref.value)
        if resolution is None:
            yield Finding(
                ref.loc,
                f"paragraph {ref.value!r} has no resolution: mark one resolution `default: true` or write 'RESOLUTION-ID:{label}'",
                ref.owner,
            )
            continue
        declared = index.paragraphs.get(resolution)
        if declared is None or label in declared:
            continue  # an undeclared resolution is WP102's finding
        close = suggest_label(label, list(declared))
        hint = f"; did you mean {close!r}?" if close else ""
        symbol = next(r.symbol for r in plan.resolutions if r.id == resolution)
        yield Finding(ref.loc, f"paragraph {label!r} of {symbol} is not declared in `resolutions`{hint}", ref.owner)


@rule("WP102", "unknown-resolution", Severity.ERROR, COMMITTEE_KIND)
def unknown_resolution(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """A reference names a resolution the plan does not declare.

    Passes: `paragraphs: ["ag-2970:47.b"]` with a resolution `id: ag-2970` declared.

    Fails: `paragraphs: ["ag-2907:47.b"]` (no resolution `ag-2907`), or
    `resolutions: [ag-9999]` on an agenda item.
    """
    declared = {r.id for r in plan.resolutions}
    for ref in index.refs:
        if ref.field == "paragraphs" and ":" in ref.value:
            resolution = ref.value.partition(":")[0]
        elif ref.field == "resolutions":
            resolution = ref.value
        else:
            continue
        if resolution not in declared:
            close = difflib.get_close_matches(resolution, sorted(declared), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            yield Finding(ref.loc, f"resolution {resolution!r} is not declared in `resolutions`{hint}", ref.owner)


@rule("WP107", "several-defaults", Severity.ERROR, COMMITTEE_KIND)
def several_default_resolutions(plan: CommitteePlan, index: PlanIndex) -> Iterator[Finding]:
    """More than one resolution says `default: true`, so an unprefixed paragraph reference is ambiguous.

    Passes: `default: true` on AG/RES. 2986 only; `"38"` means its paragraph 38.

    Fails: `default: true` on both AG/RES. 2986 and AG/RES. 2970: does `"38"` mean
    paragraph 38 of one or of the other?
    """
    defaults = [(i, r) for i, r in enumerate(plan.resolutions) if r.default]
    for i, resolution in defaults[1:]:
        yield Finding(
            ("resolutions", i, "default"),
            f"{resolution.id!r} is also marked `default: true`, after {defaults[0][1].id!r}; "
            "unprefixed paragraph references need exactly one default resolution",
            resolution.id,
        )


# An OAS document symbol: an upper-case body code (`CP`, `RC.24`), segments
# separated by '/', a year of two digits (or the three of some early-2000s
# series: `CP/CSH-414/001`), then optional "rev. N", "corr. N", "add. N".
_REVISIONS = r"(?: (?:rev|corr|add)\. \d+)*"
DOCUMENT_SYMBOL = re.compile(r"^[A-Z][A-Za-z0-9.-]*(?:/[A-Za-z0-9][A-Za-z0-9. -]*)*/\d{2,3}" + _REVISIONS + "$")
# A resolution or declaration with its session in brackets: a regular (`O`),
# special or extraordinary (`E`) session of the General Assembly, numbered in
# Roman figures (`AG/RES. 2986 (LII-O/22)`, `AG/RES. 1 (XLVI-E/14)`), or a
# Permanent Council meeting (`CP/RES. 1061 (2063/16)`).
RESOLUTION_SYMBOL = re.compile(
    r"^[A-Z][A-Za-z0-9.-]*/(?:RES|DEC)\. ?\d+(?:/\d{2})? \((?:[IVXLCDM]+-[A-Z]/\d{2}|\d+/\d{2})\)" + _REVISIONS + "$"
)


def is_symbol(text: str) -> bool:
    """Whether ``text`` looks like an OAS document or resolution symbol."""
    return bool(DOCUMENT_SYMBOL.match(text) or RESOLUTION_SYMBOL.match(text))


@rule("WP103", "document-symbol", Severity.WARNING)
def document_symbol(plan: Plan, index: PlanIndex) -> Iterator[Finding]:
    """A document symbol does not look like an OAS document symbol.

    Symbols are identifiers, cited exactly: upper-case body codes separated by
    slashes, the year in two digits (three in some series of the early 2000s),
    and any revision (`rev. 2`), corrigendum (`corr. 1`) or addendum; or a
    resolution's symbol with its session: regular (`O`), special or
    extraordinary (`E`), or a Permanent Council meeting.

    A symbol cited as printed that does not follow these shapes can be accepted
    on purpose: `suppress: [{rule: document-symbol, subject: "THE SYMBOL", reason: ...}]`
    (or the id of the meeting or item that cites it as `subject`).

    Passes: `CP/CSH-2176/22 rev. 2`, `CSH/FORO-X/doc. 2/23 rev. 1`, `CP/CSH/INF. 459/16`,
    `CP/CSH-414/001`, `AG/RES. 1 (XLVI-E/14)`, `CP/RES. 1061 (2063/16)`.

    Fails: `CP/CSH-2176/22 rev 2` (no dot after rev), `document 2176`, `CP/CSH-2176`.
    """
    for loc, symbol, owner in index.documents:
        if not is_symbol(symbol):
            yield Finding(
                loc,
                f"{symbol!r} does not look like an OAS document symbol (e.g. 'CP/CSH-2176/22 rev. 2')",
                symbol,
                owner=owner,
            )


@rule("WP104", "unknown-reference", Severity.ERROR)
def unknown_reference(plan: Plan, index: PlanIndex) -> Iterator[Finding]:
    """An id in `by`, `refers_to`, `within`, `organizers`, `area`, `body`, `meeting`, `events` or `partners` is not declared, or names the wrong kind of thing.

    Agenda entries name working groups, bodies, meetings and events by id so the
    link cannot drift when a title is reworded.

    Passes: `by: [sms]` with a body `id: sms` declared under `bodies`.

    Fails: `by: [smss]` (no such id), or `within: wg-tip` (a working group, not a meeting).
    """
    for ref in index.refs:
        allowed = ID_FIELDS.get(ref.field)
        if allowed is None or ref.field == "resolutions":
            continue
        target = index.entity(ref.value)
        wanted = " or ".join(_NOUN[t] for t in allowed)
        if target is None:
            close = difflib.get_close_matches(
                ref.value, [i for i, v in index.ids.items() if isinstance(v[0][1], allowed)], n=1, cutoff=0.6
            )
            hint = f"; did you mean {close[0]!r}?" if close else ""
            yield Finding(ref.loc, f"`{ref.field}` names {ref.value!r}, but no {wanted} has that id{hint}", ref.owner)
        elif not isinstance(target, allowed):
            yield Finding(
                ref.loc,
                f"`{ref.field}` names {ref.value!r}, which is a {_NOUN.get(type(target), type(target).__name__)}, not a {wanted}",
                ref.owner,
            )


@rule("WP105", "duplicate-id", Severity.ERROR)
def duplicate_id(plan: Plan, index: PlanIndex) -> Iterator[Finding]:
    """Two things in one plan have the same id.

    Ids are one namespace per plan: a meeting and a working group cannot share one.

    Passes: `meeting-1`, `meeting-2`. Fails: two meetings both `id: meeting-5`.
    """
    for ident, places in index.ids.items():
        for loc, _ in places[1:]:
            first = "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in places[0][0]).lstrip(".")
            yield Finding((*loc, "id"), f"id {ident!r} is already used by {first}", ident)


@rule("WP106", "unused-declaration", Severity.WARNING)
def unused_declaration(plan: Plan, index: PlanIndex) -> Iterator[Finding]:
    """A declared paragraph, resolution, working group, thematic area, body or partner is never referred to.

    Usually a leftover after an agenda was edited, or a reference that was
    mistyped elsewhere.

    Passes: a working group `wg-tip` named in some agenda entry's `by` or `refers_to`.

    Fails: a paragraph `{label: "99"}` declared under a resolution that no entry cites.
    """
    used_ids = {ref.value for ref in index.refs if ref.field != "paragraphs"}
    used_paragraphs: set[tuple[str | None, str]] = set()
    for ref in index.refs:
        if ref.field == "paragraphs":
            resolution, label = index.split(ref.value)
            used_paragraphs.add((resolution, label))
            used_ids.add(resolution or "")
    for ident, places in index.ids.items():
        loc, entity = places[0]
        if isinstance(entity, (Resolution, WorkingGroup, Area, Body, Country, Partner)) and ident not in used_ids:
            yield Finding((*loc, "id"), f"{_NOUN[type(entity)]} {ident!r} is declared but nothing refers to it", ident)
    for resolution, labels in index.paragraphs.items():
        for label, loc in labels.items():
            if (resolution, label) not in used_paragraphs:
                yield Finding(
                    loc, f"paragraph {label!r} of {resolution!r} is declared but nothing cites it", resolution
                )
