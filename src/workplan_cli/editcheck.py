"""Proving an edit: the new text reads as the old one with exactly the intended change, and what it would add.

`check_edit` takes the old text, the replacements an edit makes in it and
what it means (`intent.Intent`).  Where the regions the edit changes can be
read again alone (`editregions`), their items, old and new, must be the old
ones with exactly the intended change (an item not read again stands for its
own), and the new plan is the old one with the items read anew validated in
their place; otherwise (a plan with anchors, lists in flow style, a region
that breaks a rule of `editregions`, an item that fails its model) both texts
are read whole, as data (`intent.verify`) and as a plan.  Either way the new
plan is linted, and an edit that adds a problem is refused (`Edit.refused`).
`tests/unit/test_editcheck.py` compares both ways on the bundled plans, the
fixtures, the hostile corpus and generated plans and edits.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic, Severity
from .editregions import Region, Same, find_regions, read_region
from .errors import EditRefused
from .intent import Intent, expected, first_difference, verify, where
from .lint.registry import Finding, Rule
from .loader import LoadResult, parse_plan
from .models import Plan, validator_for
from .plandiff import Change, diff_plans
from .planfile import BOM, EDITABLE_LISTS, PlanText, counts_of, lint_found, lint_source, problem_key
from .planitems import ListPath
from .textpatch import Replace, apply, in_order, patched

# --- the result of an edit ----------------------------------------------------------------


@dataclass
class Edit:
    """An edit of one plan file: the text before, the replacements that make the text after, what the edit
    means, and what it would break."""

    source: PlanText
    edits: list[Replace]  # in text order
    changes: list[Change] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    plan: Plan | None = None
    notes: list[str] = field(default_factory=list)  # what else the change means, for the user to act on

    @property
    def refused(self) -> bool:
        """True when the new text has an error, or a warning the old one did not have."""
        return bool(self.problems)

    def errors_only(self) -> bool:
        return all(d.severity is Severity.ERROR for d in self.problems)

    @functools.cached_property
    def new_text(self) -> str:
        """The text after the edit (made when first asked for: writing the file does not need it whole)."""
        return apply(self.source.text, self.edits)

    @property
    def changed(self) -> bool:
        """True when the new text differs from the old."""
        return any(self.source.text[e.start : e.end] != e.text for e in self.edits)

    def file_pieces(self) -> Iterator[str]:
        """What to write, in pieces: the new text, with the byte-order mark the file had."""
        if self.source.bom:
            yield BOM
        yield from patched(self.source.text, self.edits)


def check_edit(source: PlanText, edits: Sequence[Replace], intent: Intent, *, allow_warnings: bool = False) -> Edit:
    """Prove that ``edits`` make the source's text into the source with exactly ``intent``; then the changes
    and the problems the new text would have.

    Raises `EditRefused` when the text does not read as intended.  A problem
    is every error, and every warning that the source does not already have
    (compared by rule and message, since lines move); with
    ``allow_warnings``, errors only.  A source not linted yet is linted only
    when the new plan has an error or a warning to weigh: then `PlanError`
    if the source has an error (a broken plan is not edited); a plan whose
    only errors the edit removes is edited.
    """
    from .index import forget_index

    forget_index(source.plan)  # not used again: the new plan's index takes its memory
    edit = Edit(source, in_order(edits))
    regions = find_regions(source, edit.edits, intent)
    found = _read_regions(source, regions, intent) if regions is not None else None
    old_part: Plan | None
    new_part: Plan | None
    if found is not None:
        new_plan, (old_part, new_part) = found
        loaded = LoadResult(source.name, new_plan)  # its text is made only if a problem must be placed in it
    else:
        verify(source.text, edit.new_text, intent)
        loaded = parse_plan(edit.new_text, source.name)
        old_part, new_part = source.plan, loaded.plan
    findings = lint_found(loaded.plan) if loaded.plan is not None and not loaded.diagnostics else None
    if source.findings is not None:
        before = dict(source.findings)
    elif findings is None or any(rule.severity is Severity.ERROR or not allow_warnings for rule, _ in findings):
        if loaded.plan is not None:
            forget_index(loaded.plan)  # the source's index takes its memory; the findings are kept
        before = lint_source(source)
    else:
        before = {}
    problems = []
    for d in _placed(loaded, findings, edit, before, allow_warnings):
        if d.severity is Severity.ERROR:
            problems.append(d)
        elif before.get(problem_key(d), 0) > 0:
            before[problem_key(d)] -= 1
        elif not allow_warnings:
            problems.append(d)
    edit.changes = diff_plans(old_part, new_part) if new_part is not None else []
    edit.problems, edit.plan = problems, loaded.plan
    return edit


def _placed(
    loaded: LoadResult,
    found: list[tuple[Rule, Finding]] | None,
    edit: Edit,
    before: dict[tuple[str, str], int],
    allow_warnings: bool,
) -> list[Diagnostic]:
    """The new plan's diagnostics that may be problems, in their places, sorted: every error, and each warning
    found more often than ``before`` (with ``allow_warnings``, none).  Placing a finding takes a pass over the
    text, so the others are left out, unless a check finds more than is shown of it (then all are placed,
    as `validate` would show them)."""
    from .validate import lint_loaded, located

    if found is None:
        return sorted([*loaded.diagnostics, *lint_loaded(loaded)])
    counts = counts_of([(rule, finding) for rule, finding in found if rule.severity is not Severity.ERROR])
    if counts is not None:
        found = [
            (rule, finding)
            for rule, finding in found
            if rule.severity is Severity.ERROR
            or (
                not allow_warnings
                and counts[(rule.code, finding.message)] > before.get((rule.code, finding.message), 0)
            )
        ]
    if not found:
        return []
    if loaded.text is None:
        loaded = LoadResult(loaded.path, loaded.plan, text=edit.new_text)
    return sorted(located(loaded, found))


# --- the regions' items: proved, and the new plan made of them --------------------------------


def _read_regions(source: PlanText, regions: Sequence[Region], intent: Intent) -> tuple[Plan, tuple[Plan, Plan]] | None:
    """The new plan, made of the old one with each region's changed items read anew, and the old and new
    plans cut down to those items (what `diff_plans` compares); None when a region cannot be proved alone
    (the whole texts are then read)."""
    old_lists: dict[ListPath, list[Any]] = {}
    new_lists: dict[ListPath, list[Any]] = {}
    for region in regions:
        read = read_region(source, region, intent)
        if read is None:
            return None
        old_lists[region.path], new_lists[region.path] = read
    _prove(regions, old_lists, new_lists, intent)
    return _new_plan(source, regions, old_lists, new_lists)


def _prove(
    regions: Sequence[Region],
    old_lists: dict[ListPath, list[Any]],
    new_lists: dict[ListPath, list[Any]],
    intent: Intent,
) -> None:
    """Raise `EditRefused` unless each region's new items are its old ones with exactly ``intent`` applied.

    Items outside the regions stand as None on both sides, so that the
    intent's paths and the message's are the file's.
    """
    from .loader import fast_load

    old_doc: dict[str, Any] = {}
    for region in regions:
        listed = [None] * region.first + old_lists[region.path] + [None] * (region.count - region.stop)
        _put(old_doc, region.path, listed)
    want = expected(old_doc, intent, fast_load)
    for region in regions:
        wanted = _get(want, region.path)
        got = [None] * region.first + new_lists[region.path] + [None] * (region.count - region.stop)
        if got != wanted:
            raise EditRefused(
                f"the change could not be made exactly: {where(first_difference(wanted, got, region.path))} "
                "would not read as intended; nothing written (run `workplan fmt` on the file, or make this change "
                "by hand)"
            )


def _put(doc: dict[str, Any], path: ListPath, listed: list[Any]) -> None:
    for step in path[:-1]:
        doc = doc.setdefault(step, {})
    doc[path[-1]] = listed


def _get(doc: dict[str, Any], path: ListPath) -> list[Any]:
    for step in path:
        doc = doc[step]
    return typing.cast(list[Any], doc)


def _new_plan(
    source: PlanText,
    regions: Sequence[Region],
    old_lists: dict[ListPath, list[Any]],
    new_lists: dict[ListPath, list[Any]],
) -> tuple[Plan, tuple[Plan, Plan]] | None:
    """The old plan with each region's items in their new place, those read anew validated, and both plans
    cut down to the items read; None when a new item does not validate (the whole new text is read, and
    says why)."""
    plan = source.plan
    new_plan, old_cut, new_cut = plan, _cut(plan), _cut(plan)
    for region in regions:
        old_items = _get_model(plan, region.path)
        validate = validator_for(_item_model(plan, region.path)).validate_python
        try:
            fresh = [old_items[x.item] if isinstance(x, Same) else validate(x) for x in new_lists[region.path]]
        except ValidationError:
            return None
        kept = old_items[: region.first] + tuple(fresh) + old_items[region.stop :]
        new_plan = _replaced(new_plan, region.path, kept, validate=True)
        changed = [n for n, x in enumerate(old_lists[region.path], region.first) if not isinstance(x, Same)]
        old_cut = _replaced(old_cut, region.path, tuple(old_items[n] for n in changed))
        new_cut = _replaced(
            new_cut,
            region.path,
            tuple(m for m, x in zip(fresh, new_lists[region.path], strict=True) if not isinstance(x, Same)),
        )
    return new_plan, (old_cut, new_cut)


def _cut(plan: Plan) -> Plan:
    """The plan without the items of the lists an edit changes (the rest stays, for the diff's words)."""
    for _, path in EDITABLE_LISTS:
        if _get_model(plan, path):
            plan = _replaced(plan, path, ())
    return plan


def _get_model(model: Any, path: ListPath) -> tuple[Any, ...]:
    for step in path:
        model = getattr(model, step, None)
    return model if isinstance(model, tuple) else ()


def _item_model(plan: Any, path: ListPath) -> type[BaseModel]:
    """The model of the items of the list at ``path`` of ``plan``."""
    owner = plan
    for step in path[:-1]:
        owner = getattr(owner, step)
    annotation = type(owner).model_fields[path[-1]].annotation
    return typing.cast(type[BaseModel], typing.get_args(annotation)[0])


def _replaced(model: Any, path: ListPath, listed: tuple[Any, ...], *, validate: bool = False) -> Any:
    """``model`` with the list at ``path`` replaced: validated anew (its other values as they are) or copied."""
    if len(path) > 1:
        inner = _replaced(getattr(model, path[0]), path[1:], listed, validate=validate)
        listed, path = inner, path[:1]
    if not validate:
        return model.model_copy(update={path[0]: listed})
    values = {name: getattr(model, name) for name in model.model_fields_set} | {path[0]: listed}
    return validator_for(type(model)).validate_python(values)
