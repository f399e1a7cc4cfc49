"""Plain scalars read by the rules of YAML 1.2, as ruamel.yaml's round-trip loader reads them, without importing it."""

from __future__ import annotations

from typing import Any

# A number in a plan has a few digits.  Longer ones are refused where they
# are read: Python will not print an integer of more than 4,300 digits (a
# hexadecimal one converts, but its decimal form is longer still).
MAX_NUMBER_LENGTH = 1000


def _long_number(length: int) -> str:
    return f"a number {length:,} characters long; numbers in a plan are short (quote it if it is text)"


class _FastPathRefused(Exception):
    pass


_TAG = "tag:yaml.org,2002:"

# The implicit resolvers of YAML 1.2 as ruamel.yaml 0.18+ defines them
# (ruamel.yaml.resolver.implicit_resolvers, the entries for version (1, 2)),
# kept here so that a valid plan is read without importing ruamel.yaml at all
# (about 13 ms of every run).  tests/unit/loader/test_scalars.py checks that the two tables
# agree, so an upgrade of ruamel.yaml that changes its rules fails the tests.
_YAML12: tuple[tuple[str, str, str], ...] = (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (
        "float",
        r"""^(?:
         [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        "-+0123456789.",
    ),
    (
        "int",
        r"""^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$""",
        "-+0123456789",
    ),
    ("merge", r"^(?:<<)$", "<"),
    (
        "null",
        r"""^(?: ~
        |null|Null|NULL
        | )$""",
        "~nN",  # and the empty scalar, below
    ),
    (
        "timestamp",
        r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
        (?:[Tt]|[ \t]+)[0-9][0-9]?
        :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
        "0123456789",
    ),
    ("value", r"^(?:=)$", "="),
    ("yaml", r"^(?:!|&|\*)$", "!&*"),
)


def _yaml12_resolvers() -> list[tuple[str, Any, list[str]]]:
    """(tag suffix, compiled pattern, first characters) for each implicit resolver of YAML 1.2."""
    import re

    return [
        (tag, re.compile(pattern, re.VERBOSE), [*first, ""] if tag == "null" else list(first))
        for tag, pattern, first in _YAML12
    ]


class _Scalars:
    """Turns plain scalars into values by the YAML 1.2 rules, as ruamel.yaml's round-trip loader does."""

    def __init__(self) -> None:
        import yaml

        self.by_first: dict[str, list[tuple[str, Any]]] = {}
        for tag, regexp, first in _yaml12_resolvers():
            for char in first:
                self.by_first.setdefault(char, []).append((tag, regexp))
        self.node = yaml.ScalarNode
        self.timestamps = yaml.constructor.SafeConstructor()

    def value(self, text: str) -> Any:
        for tag, regexp in self.by_first.get(text[:1], ()):
            if regexp.match(text):
                return self._construct(tag, text)
        return text

    def _construct(self, kind: str, text: str) -> Any:
        if kind == "null":
            return None
        if kind == "bool":
            return text.lower() == "true"
        if kind == "int":
            if len(text) > MAX_NUMBER_LENGTH:
                raise _FastPathRefused("a long number")  # the round trip reports it where it is
            # YAML 1.2: 0o17 is octal, 017 is decimal, no sexagesimal.
            digits = text.replace("_", "")
            sign = -1 if digits.startswith("-") else 1
            digits = digits.lstrip("+-")
            for prefix, base in (("0b", 2), ("0o", 8), ("0x", 16)):
                if digits.startswith(prefix):
                    return sign * int(digits[2:], base)
            return sign * int(digits, 10)
        if kind == "float":
            number = text.replace("_", "").lower()
            negative = number.startswith("-")
            number = number.lstrip("+-")
            if number == ".nan":
                return float("nan")
            magnitude = float("inf") if number == ".inf" else float(number)
            return -magnitude if negative else magnitude
        if kind == "timestamp":
            try:
                return self.timestamps.construct_yaml_timestamp(self.node(_TAG + kind, text))
            except ValueError:  # 2023-02-30: kept as text, for the schema to report where it is
                return text
            except (TypeError, AttributeError):  # a form PyYAML cannot read: the round-trip path decides
                raise _FastPathRefused(f"timestamp {text!r}") from None
        raise _FastPathRefused(f"{kind} in a plain scalar")  # merge keys (<<), value (=), yaml (!&*)


_SCALARS: _Scalars | None = None


def _scalars() -> _Scalars:
    """The YAML 1.2 scalar resolver, made once."""
    global _SCALARS
    if _SCALARS is None:
        _SCALARS = _Scalars()
    return _SCALARS
