"""Keys in the schema's order, as `_canonical` (fmt.py) puts them, for the event pass (`canonical`).

The event pass writes a mapping's entries as they come, and when a record's
mapping ends, puts its keys in the order of the record's fields (those the
schema does not know last, as written): `reorder` moves the entries of a
block mapping in the pieces written, each with the comment and blank lines
ruamel.yaml attaches to it, and `flow_written` writes a flow mapping on one
line in order.  ``orders`` keeps the order found for each model and keys as
written (None where they are in order already).
"""

from __future__ import annotations

from typing import Any, Protocol

from .models import fields_of
from .scalarstyle import NotCertain

# How a block mapping's value is written: on its key's line, as a flow collection there, folded
# over the lines below, or as a block collection below (with a comment on the key's line).
ONE_LINE, FLOW_VALUE, FOLDED_VALUE, BLOCK_VALUE, NOTED_BLOCK_VALUE = range(5)

Orders = dict[tuple[type, tuple[str, ...]], list[str] | None]


class Written(Protocol):
    """What the event pass keeps of a mapping it writes (its frame), as these read it."""

    is_map: bool
    model: Any  # the record the mapping holds, if `_canonical` visits it
    keys: list[str]  # its keys, as written
    parts: list[str]  # a flow collection: its entries, written
    item: bool  # a block mapping that is a block sequence's item: its first key follows the dash
    col: int  # a block mapping: the column of its keys
    starts: list[int]  # a block mapping: where in the output each entry starts
    values: list[int]  # a block mapping: how each entry's value is written (ONE_LINE...)
    # a block mapping: the comment and blank lines after an entry (the entry, what was written
    # before them, where they are in the output if right after its value)
    tails: list[tuple[int, int, int]]


def flow_written(frame: Written, orders: Orders) -> str:
    """A flow collection on one line, a record's keys in the schema's order."""
    parts = frame.parts
    if frame.is_map and frame.model is not None:
        order = _order(frame, orders)
        if order is not None:
            written = dict(zip(frame.keys, parts, strict=True))
            parts = [written[key] for key in order]
        return "{" + ", ".join(parts) + "}"
    return ("{%s}" if frame.is_map else "[%s]") % ", ".join(parts)


def _order(frame: Written, orders: Orders) -> list[str] | None:
    """The keys of this record's mapping in the order `_canonical` gives them; None if they are in it."""
    seen = (type(frame.model), tuple(frame.keys))
    if seen in orders:
        return orders[seen]
    names = list(fields_of(type(frame.model)))
    present = set(frame.keys)
    if len(present) != len(frame.keys):
        raise NotCertain
    order = [k for k in names if k in present] + [k for k in frame.keys if k not in names]
    orders[seen] = None if order == frame.keys else order
    return orders[seen]


def reorder(frame: Written, orders: Orders, out: list[str]) -> None:
    """Put a block mapping's entries in the schema's order in ``out``, as `_canonical` moves its keys.

    Each entry moves with its comment and blank lines where ruamel.yaml
    attaches them to the entry: those at its head, and those after a text (on
    its key's line or deeper) or a folded text.  Those after a flow collection
    may belong to what follows: certain only where that stays next to the
    entry.  Those after the last entry's value on its key's line stay at the
    end (`_move_trailing_comment`), after a text or a flow collection.
    """
    order = _order(frame, orders)
    if order is None:
        return
    keys = frame.keys
    starts = [*frame.starts, len(out)]
    entries = {key: out[starts[i] : starts[i + 1]] for i, key in enumerate(keys)}
    if frame.values[-1] == NOTED_BLOCK_VALUE and keys[-1] != order[-1]:
        raise NotCertain  # the lines after its key's comment go to the new last key (`_move_trailing_comment`)
    for entry, after, lines in frame.tails:
        if entry < len(keys) - 1:
            if after == FLOW_VALUE and order.index(keys[entry + 1]) != order.index(keys[entry]) + 1:
                raise NotCertain
        elif keys[-1] != order[-1]:
            if lines < 0:  # after the last entry's block: they move with it, unless a flow collection ends it
                if after == FLOW_VALUE:
                    raise NotCertain
                continue
            if after == FOLDED_VALUE or frame.values[keys.index(order[-1])] not in (ONE_LINE, FLOW_VALUE):
                raise NotCertain
            entries[order[-1]].append(entries[keys[-1]].pop())  # the lines are the last piece of the entry
    for i, key in enumerate(order):
        entries[key][0] = ("" if i == 0 and frame.item else " " * frame.col) + key + ":"
    out[starts[0] :] = [piece for key in order for piece in entries[key]]
