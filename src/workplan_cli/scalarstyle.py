"""How `fmt` writes a scalar: as ruamel.yaml's emitter, set up as `fmt`'s dumper, writes it, without asking
the emitter where that is certain.

The event pass (`canonical`) writes every scalar with `scalar`, from what
libyaml read and the plan's value: times and paragraph labels in double
quotes, dates as ISO dates, other texts plain or quoted by the emitter's own
rules.  Texts the emitter writes plain are recognised by a pattern (one for
block and one for flow context), numbers and booleans by theirs; anything
else asks the emitter's analysis (`Styles`, which imports ruamel.yaml only
then and keeps each answer).  Whatever it has not been shown to write as the
emitter does (the empty text, more than 1,000 characters, a character that
needs an escape, a null, another form of date) raises `NotCertain`, and the
round trip decides.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from .models.scalars import hh_mm, precision


class NotCertain(Exception):
    """The event pass cannot be sure to write what the round trip writes: the round trip decides."""


# What a plan file, or a value read from an escape, must not hold for the event pass: CR,
# tab, BOM, the characters `fmt` escapes (`_NEEDS_ESCAPE` and more).  Anchors, aliases,
# tags, directives and document markers are caught on the events.
REFUSED_TEXT = re.compile("[\r\t\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
MAX_SCALAR = 1000
_DATE = re.compile(r"\d\d\d\d-\d\d-\d\d\Z")
_INT = re.compile(r"(?:0|[1-9][0-9]{0,17})\Z")
# Text written between double quotes exactly as it is (no escape, no break).
_PLAIN_DOUBLE = re.compile("[ !#-\\[\\]-~\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffc]*\\Z")

_STR = "tag:yaml.org,2002:str"
# What `scalar` takes plain numbers (`_INT`) and ``true``/``false`` for without asking the resolver.
_INT_TAG = "tag:yaml.org,2002:int"
_BOOL_TAG = "tag:yaml.org,2002:bool"
# Texts that ruamel.yaml's emitter writes plain, in block and in flow context: a
# letter first (no indicator, no number, date or float), none of ``: # , [ ] { } ?``
# after it, no space at either end, no line break, no special character.  Of the
# implicit resolvers of YAML 1.2, only booleans and nulls start with a letter.
# `tests/unit/test_scalarstyle.py` checks these against `Styles._choose`.
PLAIN_IN_BLOCK = re.compile(
    "[A-Za-z](?:[A-Za-z0-9 .,;()/'&+=_%\u2019\u2013\u00c0-\u017f-]*[A-Za-z0-9.)\u2019\u00c0-\u017f])?\\Z"
)
PLAIN_IN_FLOW = re.compile(
    "[A-Za-z](?:[A-Za-z0-9 .;()/'&+=_%\u2019\u2013\u00c0-\u017f-]*[A-Za-z0-9.)\u2019\u00c0-\u017f])?\\Z"
)
NOT_TEXT = frozenset(["true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL"])
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# What `_canonical` (fmt.py) does to a value, from its field's value in the plan.
AS_IS, DOUBLE, TIME, DATE_VALUE = range(4)


class Styles:
    """How ruamel.yaml's emitter, set up as `fmt`'s dumper, writes a text; cached per text and context."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, bool, bool], str] = {}
        self._emitter: Any = None
        self._resolver: Any = None
        self._node: Any = None

    def _load(self) -> None:
        """ruamel.yaml's emitter and resolver, set up as `fmt`'s dumper: imported only when a text needs them."""
        from ruamel.yaml.nodes import ScalarNode

        from .fmt import _dumper

        dumper = _dumper()
        self._emitter, self._resolver, self._node = dumper.emitter, dumper.resolver, ScalarNode

    def resolve(self, value: str) -> str:
        """The tag ruamel.yaml's resolver gives ``value`` written plain."""
        if self._resolver is None:
            self._load()
        return str(self._resolver.resolve(self._node, value, (True, False)))

    def text(self, value: str, flow: bool, key: bool) -> str:
        """``value`` as the emitter writes a ``str`` (no style of its own) in this context."""
        found = self.cache.get((value, flow, key))
        if found is None:
            if (PLAIN_IN_FLOW if flow else PLAIN_IN_BLOCK).match(value) and value not in NOT_TEXT:
                found = value  # what `_choose` finds, without its loop over each character
            elif flow and not key and PLAIN_IN_BLOCK.match(value) and value not in NOT_TEXT:
                # plain but for a comma, which ends a text in flow context: quoted as `_choose` quotes it
                found = double(value) if "'" in value else "'" + value + "'"
            else:
                found = self._choose(value, flow, key)
            if len(self.cache) > 100_000:  # a long-lived process (the language server) reads many plans
                self.cache.clear()
            self.cache[(value, flow, key)] = found
        return found

    def _choose(self, value: str, flow: bool, key: bool) -> str:
        # ruamel.yaml's Emitter.choose_scalar_style, for an event without style.
        if not value or len(value) > MAX_SCALAR or "\n" in value:
            raise NotCertain  # the empty text: ruamel.yaml treats it apart, and no plan needs it
        if self._emitter is None:
            self._load()
        analysis = self._emitter.analyze_scalar(value)
        implicit = self.resolve(value) == _STR
        plain = analysis.allow_flow_plain if flow else analysis.allow_block_plain
        if implicit and plain and not (key and (analysis.empty or analysis.multiline)):
            return value
        if analysis.allow_double_quoted and "'" in value:
            return double(value)
        if analysis.allow_single_quoted and not (key and analysis.multiline):
            return "'" + value.replace("'", "''") + "'"
        return double(value)


def double(value: str) -> str:
    """``value`` in double quotes, if no character of it needs an escape."""
    if not value or len(value) > MAX_SCALAR or not _PLAIN_DOUBLE.match(value):
        raise NotCertain  # (the empty text, which ruamel.yaml treats apart, is left to the round trip)
    return '"' + value + '"'


@functools.cache
def shared_styles() -> Styles:
    """The one `Styles` of the process (its cache serves every plan checked)."""
    return Styles()


def scalar(value: str, style: str, action: int, field: Any, flow: bool, styles: Styles) -> str:
    """A scalar as `fmt` writes it, from what libyaml read and the plan's value (``field``); raises `NotCertain`."""
    if len(value) > MAX_SCALAR or REFUSED_TEXT.search(value):
        raise NotCertain  # (a character read from an escape, which `fmt` writes in double quotes with one)
    if action == AS_IS:
        if style == "":
            if (PLAIN_IN_FLOW if flow else PLAIN_IN_BLOCK).match(value) and value not in NOT_TEXT:
                return value  # a text ruamel.yaml writes plain, as it is
            # What ruamel.yaml's resolver says, without its tables for the common cases.
            if PLAIN_IN_BLOCK.match(value) and value not in NOT_TEXT:
                found = _STR
            elif _INT.match(value) or value in ("true", "false"):
                return value  # a number or a boolean, written as read
            else:
                found = styles.resolve(value)
            if found == _STR:
                return styles.text(value, flow, False)
            raise NotCertain  # nulls, floats, dates outside date fields, other forms of numbers
        if style not in ('"', "'"):
            raise NotCertain
        return styles.text(value, flow, False)
    if action == TIME:
        return double(hh_mm(field))
    if action == DOUBLE:
        return double(field)
    # a date field: a date read as one is kept as it is; anything else is written from the plan's date
    if style == "" and _DATE.match(value):
        if type(field) is not dt.date or field.isoformat() != value:
            raise NotCertain
        return value
    if style == "" and styles.resolve(value) == _TIMESTAMP:
        raise NotCertain  # another form of date or time, kept as ruamel.yaml read it
    kind = precision(field)
    if kind == "year":
        return str(field.year)
    if kind == "month":
        return styles.text(field.isoformat(), flow, False)
    if type(field) is not dt.date:
        raise NotCertain
    return field.isoformat()
