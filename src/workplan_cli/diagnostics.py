"""Problems are values: a `Diagnostic` says what is wrong and where."""

from __future__ import annotations

import enum
from typing import NamedTuple

from .text import visible


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


# The small immutable records of the validate path are named tuples, not
# dataclasses: Python builds a dataclass's methods from source text when the
# class is made, about 1.5 ms a class at every start (a named tuple, 0.2 ms).
# They compare, sort and hash by their fields in order, as the frozen
# dataclasses did.


class _DiagnosticFields(NamedTuple):
    path: str
    line: int
    column: int
    code: str
    name: str
    severity: Severity
    message: str


class Diagnostic(_DiagnosticFields):
    """One problem in one file.  ``line`` and ``column`` are 1-based.  Diagnostics sort by file, line, column."""

    __slots__ = ()

    def __new__(
        cls, path: str, line: int, column: int, code: str, name: str, severity: Severity, message: str
    ) -> Diagnostic:
        # One diagnostic is one line, whatever the plan's text or file name
        # holds: a newline or an escape sequence quoted from a plan is shown as
        # an escape, so no output line can be forged and no terminal steered.
        return super().__new__(cls, visible(path), line, column, code, name, severity, visible(message))

    def __str__(self) -> str:
        """``path:line:col: severity CODE message``: how every command prints a problem, one per line."""
        return f"{self.path}:{self.line}:{self.column}: {self.severity.value} {self.code} {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
        }


class Check(NamedTuple):
    """A kind of problem the loader or the schema can report."""

    code: str
    name: str
    summary: str
    severity: Severity = Severity.ERROR

    def at(self, path: str, line: int, column: int, message: str) -> Diagnostic:
        return Diagnostic(path, line, column, self.code, self.name, self.severity, message)


# A file with thousands of the same problem (a pasted block with a wrong
# key) shows the first MAX_PER_CHECK of each check and says how many more.
MAX_PER_CHECK = 50


def more_not_shown(check: Check, path: str, line: int, column: int, count: int) -> Diagnostic:
    """The line that stands for ``count`` more problems of ``check`` in one file, at the first of them."""
    return check.at(
        path,
        line,
        column,
        f"… and {count:,} more {check.name} problems in this file, not shown (the first {MAX_PER_CHECK} are)",
    )


def limit_per_check(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """At most MAX_PER_CHECK diagnostics of each code (in position order), then one line saying how many more."""
    counts: dict[str, int] = {}
    for diag in diagnostics:
        counts[diag.code] = counts.get(diag.code, 0) + 1
    if all(count <= MAX_PER_CHECK for count in counts.values()):
        return diagnostics
    out: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for diag in sorted(diagnostics):
        seen[diag.code] = seen.get(diag.code, 0) + 1
        if seen[diag.code] <= MAX_PER_CHECK:
            out.append(diag)
        elif seen[diag.code] == MAX_PER_CHECK + 1:
            check = Check(diag.code, diag.name, "", diag.severity)
            out.append(more_not_shown(check, diag.path, diag.line, diag.column, counts[diag.code] - MAX_PER_CHECK))
    return out


# Codes WP0xx: the file cannot be read as a plan of its kind.  Semantic lint
# rules use WP1xx and above.  Codes are stable: never renumber one.
NOT_UTF8 = Check("WP001", "not-utf8", "The file is not valid UTF-8 text.")
YAML_SYNTAX = Check("WP002", "yaml-syntax", "The file is not well-formed YAML (or holds several documents).")
DUPLICATE_KEY = Check("WP003", "duplicate-key", "A mapping has the same key twice.")
EMPTY_FILE = Check("WP004", "empty-file", "The file holds no YAML document.")
NOT_A_MAPPING = Check("WP005", "not-a-mapping", "The top level of a plan must be a mapping of keys.")
UNKNOWN_KIND = Check("WP006", "unknown-kind", "`kind` is missing or names no known kind of plan.")
SCHEMA_VERSION = Check("WP007", "unsupported-schema-version", "`schema_version` is missing or not supported.")
YAML_TAG = Check("WP008", "yaml-tag", "Explicit YAML tags (`!tag`, `!!python/...`) are not allowed in plans.")
ALIAS_ABUSE = Check(
    "WP009", "alias-abuse", "YAML aliases that refer to themselves or expand the document far beyond its size."
)
TOO_DEEP = Check("WP016", "too-deep", "Lists or mappings nested too deeply to be a plan.")
UNSAFE_FORMAT = Check(
    "WP017", "unsafe-format", "`fmt` refuses to write a file whose rewrite would change its plan or drop a comment."
)
MISSING_KEY = Check("WP010", "missing-key", "A required key is missing.")
UNKNOWN_KEY = Check("WP011", "unknown-key", "A key the schema does not define (often a typo).")
WRONG_TYPE = Check("WP012", "wrong-type", "A value has the wrong type (text, number, list, mapping).")
INVALID_DATE = Check("WP013", "invalid-date", "A date is not a real calendar date in YYYY-MM-DD form.")
INVALID_TIME = Check("WP014", "invalid-time", "A time is not a valid 24-hour HH:MM time.")
INVALID_VALUE = Check("WP015", "invalid-value", "A value is not one of those allowed, or breaks a constraint.")

LOADER_CHECKS: tuple[Check, ...] = (
    NOT_UTF8,
    YAML_SYNTAX,
    DUPLICATE_KEY,
    EMPTY_FILE,
    NOT_A_MAPPING,
    UNKNOWN_KIND,
    SCHEMA_VERSION,
    YAML_TAG,
    ALIAS_ABUSE,
    TOO_DEEP,
    UNSAFE_FORMAT,
    MISSING_KEY,
    UNKNOWN_KEY,
    WRONG_TYPE,
    INVALID_DATE,
    INVALID_TIME,
    INVALID_VALUE,
)
