"""What an edit means to change, as data, and proving that a new text is the old one with exactly that change.

An edit states its intent (`Intent`: values set, list items inserted, items
put in another order) besides the replacements it makes in the text.  After
the text is changed, the old and the new text are read as data (`DataReader`,
both with the same reader), and the new data must equal the old with exactly
the intended change (`expected`) and everything else equal; otherwise the edit
is refused (`EditRefused`, naming the first place that differs: `where`) and
nothing is written.  `verify` reads both texts whole; `editcheck` reads only
the items an edit changes where it can prove the rest reads alike, and uses
`expected` and `where` the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import EditRefused

Path = tuple[str | int, ...]


@dataclass
class Intent:
    """What an edit means to change, as data: values set, list items inserted, and lists put in another order.

    Values are given as the YAML text written for them, and read back with
    the same reader as the plan, so that the comparison is of like with like.
    """

    sets: list[tuple[Path, str]] = field(default_factory=list)
    inserts: list[tuple[Path, int, str]] = field(default_factory=list)
    orders: list[tuple[Path, list[int]]] = field(default_factory=list)

    def set(self, path: Path, text: str) -> None:
        self.sets.append((path, text))

    def insert(self, path: Path, index: int, lines: Sequence[str]) -> None:
        """A new item at ``index`` of the list at ``path``; ``lines`` are its YAML, the first one ``- …``."""
        self.inserts.append((path, index, "\n".join(lines) + "\n"))


class DataReader:
    """Reads texts as plain data, all alike: workplan's own YAML 1.2 reader, or PyYAML's where anchors or
    aliases are used (the first text read decides, and its data is kept: it is read once)."""

    def __init__(self, first: str) -> None:
        from .loader.fastpath import _FastPathProblem, fast_load
        from .loader.scalars import _FastPathRefused

        self._refused = (_FastPathRefused, _FastPathProblem)  # _FastPathProblem: a key written twice
        self._fast = True
        try:
            self.first = fast_load(first)
        except _FastPathRefused:
            self._fast = False
            self.first = self(first)

    def __call__(self, text: str) -> Any:
        import yaml

        if self._fast:
            from .loader.fastpath import fast_load

            try:
                return fast_load(text)
            except self._refused as exc:
                why = " ".join(str(exc).split()) or "a key written twice"  # libyaml's errors run over lines
                raise EditRefused(f"the changed text could not be read back ({why}); nothing written") from None
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _unshared(data: Any) -> Any:
    """A copy of ``data`` in which no list or mapping stands in two places (aliases become copies)."""
    if isinstance(data, dict):
        return {k: _unshared(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_unshared(v) for v in data]
    return data


def _container(data: Any, path: Path) -> Any:
    for step in path:
        data = data[step]
    return data


def expected(old: Any, intent: Intent, read: Any) -> Any:
    """The old data with exactly the intended changes."""
    out = _unshared(old)
    for path, text in intent.sets:
        parent = _container(out, path[:-1])
        parent[path[-1]] = read(f"v: {text}\n")["v"]
    for path, index, text in intent.inserts:
        parent = _container(out, path[:-1])
        if parent.get(path[-1]) is None:
            parent[path[-1]] = []
        parent[path[-1]].insert(index, read(text)[0])
    for path, order in intent.orders:
        listed = _container(out, path)
        listed[:] = [listed[i] for i in order]
    return out


def first_difference(a: Any, b: Any, path: Path = ()) -> Path:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b or a[key] != b[key]:
                return first_difference(a.get(key), b.get(key), (*path, key))
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for n, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return first_difference(x, y, (*path, n))
    return path


def where(path: Path) -> str:
    return (
        "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if n else str(p)) for n, p in enumerate(path))
        or "the plan"
    )


def verify(old_text: str, new_text: str, intent: Intent) -> None:
    """Raise `EditRefused` unless ``new_text`` reads as ``old_text`` with exactly ``intent`` applied."""
    import yaml

    try:
        read = DataReader(old_text)
        old = read.first
        new = read(new_text)
        want = expected(old, intent, read)
    except yaml.YAMLError as exc:
        raise EditRefused(
            f"the changed text would not be valid YAML ({exc.__class__.__name__}); nothing written"
        ) from None
    if new != want:
        raise EditRefused(
            f"the change could not be made exactly: {where(first_difference(want, new))} would not read as intended; "
            "nothing written (run `workplan fmt` on the file, or make this change by hand)"
        )
