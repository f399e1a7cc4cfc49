"""What loading one file produced."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic
from ..models import Plan


@dataclass
class LoadResult:
    """What loading one file produced: a plan, or the reasons there is none.

    ``document`` is the round-trip parse that knows every line and column.  On
    the fast path it is parsed only when something asks for a position.
    """

    path: str
    plan: Plan | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text: str | None = None
    _document: Any = None
    _positions: Any = None

    @property
    def document(self) -> Any:
        """The round-trip document (comments, key order): what `fmt` rewrites."""
        if self._document is None and self.text is not None:
            from .roundtrip import _round_trip_load  # ruamel.yaml: only when a document is asked for

            self._document = _round_trip_load(self.text)
        return self._document

    @property
    def positions(self) -> Any:
        """A tree that `locate` can find lines and columns in, built only when asked for."""
        if self._positions is None:
            if self._document is not None or self.text is None:
                return self._document
            from .positions import _compose

            self._positions = _compose(self.text)
            if self._positions is None:
                return self.document
        return self._positions

    def positions_for(self, locs: list[tuple[int | str, ...]]) -> Any:
        """Something `locate` can place ``locs`` in: the document or node tree if built, else only these paths."""
        if self._positions is not None or self._document is not None or self.text is None or not locs:
            return self.positions
        from .positions import marks_for

        return marks_for(self.text, locs) or self.positions
