"""Output formats of validate, diff and the editing commands, as registries of plain functions.

Each reporter takes what the library returned (a `ValidationReport`, a list of
`RevisionDiff`) and returns the text to print.  The JSON formats are an API:
their keys are documented in docs/commands.md and tested by exact comparison.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic, Severity
from .text import counted, dumps, md_escape, visible

if TYPE_CHECKING:
    from .revisions import RevisionDiff
    from .validate import ValidationReport

JSON_FORMAT_VERSION = 1


def report_text(report: ValidationReport) -> str:
    """``path:line:col: severity CODE message`` per problem, then a summary line."""
    lines = [str(diag) for diag in report.diagnostics]
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    checked = counted(len(report.files), "file")
    if errors or warnings:
        lines.append(f"Found {counted(errors, 'error')} and {counted(warnings, 'warning')} in {checked}.")
    elif not report.io_errors:
        lines.append(f"{checked.capitalize()} checked: no problems.")
    return "\n".join(lines) + "\n"


def report_json(report: ValidationReport) -> str:
    """A stable JSON object; see docs/commands.md, "JSON output of validate"."""
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    status = "error" if report.io_errors else ("problems" if errors or warnings else "ok")
    payload = {
        "version": JSON_FORMAT_VERSION,
        "status": status,
        "files": [f.path for f in report.files],
        "counts": {"error": errors, "warning": warnings},
        "diagnostics": [diag.as_dict() for diag in report.diagnostics],
        "io_errors": report.io_errors,
    }
    return dumps(payload)


def _escape_data(text: str) -> str:
    # Escaping rules of the GitHub Actions toolkit (command.ts: escapeData).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # ... and escapeProperty, for the key=value part of a workflow command.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github_line(diag: Diagnostic) -> str:
    command = "error" if diag.severity is Severity.ERROR else "warning"
    props = ",".join(
        f"{key}={_escape_property(value)}"
        for key, value in (
            ("file", diag.path),
            ("line", str(diag.line)),
            ("col", str(diag.column)),
            ("title", f"{diag.code} {diag.name}"),
        )
    )
    return f"::{command} {props}::{_escape_data(diag.message)}"


def report_github(report: ValidationReport) -> str:
    """GitHub Actions workflow commands, one annotation per problem."""
    lines = [_github_line(diag) for diag in report.diagnostics]
    lines.extend(f"::error::{_escape_data(error)}" for error in report.io_errors)
    return "".join(line + "\n" for line in lines)


def report_sarif(report: ValidationReport) -> str:
    """SARIF 2.1.0, with the metadata of every check and rule."""
    from . import __version__
    from .lint import all_checks

    checks = all_checks()
    position = {check.code: i for i, check in enumerate(checks)}
    level = {Severity.ERROR: "error", Severity.WARNING: "warning"}
    payload = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "workplan",
                        "version": __version__,
                        "rules": [
                            {
                                "id": check.code,
                                "name": check.name,
                                "shortDescription": {"text": check.summary},
                                "fullDescription": {"text": check.doc or check.summary},
                                "defaultConfiguration": {"level": level[check.severity]},
                            }
                            for check in checks
                        ],
                    }
                },
                "results": [
                    {
                        "ruleId": diag.code,
                        "ruleIndex": position[diag.code],
                        "level": level[diag.severity],
                        "message": {"text": diag.message},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": sarif_uri(diag.path)},
                                    "region": {"startLine": diag.line, "startColumn": diag.column},
                                }
                            }
                        ],
                    }
                    for diag in report.diagnostics
                ],
            }
        ],
    }
    return dumps(payload)


REPORTERS: dict[str, Callable[[ValidationReport], str]] = {
    "text": report_text,
    "json": report_json,
    "github": report_github,
    "sarif": report_sarif,
}


# --- diff ---------------------------------------------------------------------------------------


def sarif_uri(path: str) -> str:
    """A file's path as SARIF's ``artifactLocation.uri`` wants it: a URI reference, so ``/`` between folders
    and everything else that is not a letter, digit or ``-._~`` percent-encoded (``my plan #1.yaml`` is
    ``my%20plan%20%231.yaml``: a bare ``#`` would start a fragment, a bare ``%`` an escape)."""
    import os
    from urllib.parse import quote

    return quote(path.replace(os.sep, "/") if os.sep != "/" else path, safe="/")


def _nothing_changed(r: RevisionDiff) -> str:
    return "New plan file." if r.new_file else "No semantic change."


def diff_text(results: Sequence[RevisionDiff]) -> str:
    """The changes in words, one a line; several plans each under a line naming it, indented."""
    single = len(results) == 1
    indent = "" if single else "  "
    out = []
    for r in results:
        if not single:
            out.append(f"{visible(str(r.plan_id))} ({visible(str(r.path))}):")
        out += [indent + visible(c.message) for c in r.changes] or [indent + _nothing_changed(r)]
    return "\n".join(out).rstrip("\n") + "\n"


def diff_markdown(results: Sequence[RevisionDiff]) -> str:
    """A heading per plan, its changes as a list (for a pull request's comment)."""
    out = []
    for r in results:
        out += [f"### Changes to `{r.plan_id}`", ""]
        out += [f"- {md_escape(c.message)}" for c in r.changes] or [_nothing_changed(r)]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def diff_json(results: Sequence[RevisionDiff]) -> str:
    """One plan: the list of its changes; several: an object per plan file with its changes."""
    if len(results) == 1:
        return dumps([c.as_dict() for c in results[0].changes])
    return dumps(
        [
            {"path": str(r.path), "plan": r.plan_id, "new": r.new_file, "changes": [c.as_dict() for c in r.changes]}
            for r in results
        ]
    )


DIFF_REPORTERS: dict[str, Callable[[Sequence[RevisionDiff]], str]] = {
    "text": diff_text,
    "json": diff_json,
    "md": diff_markdown,
}


# --- editing commands ---------------------------------------------------------------------------


def edit_json(path: str, plan_id: str | None, written: bool, changes: Sequence[Any], problems: Sequence[Any]) -> str:
    """What an editing command did, as `--format json` prints it (see docs/commands.md)."""
    payload = {
        "path": visible(path),
        "plan": plan_id,
        "written": written,
        "changes": [c.as_dict() for c in changes],
        "problems": [d.as_dict() for d in problems],
    }
    return dumps(payload)


def problems_text(problems: Sequence[Any]) -> str:
    """``path:line:col: severity CODE message``, one a line."""
    return "".join(str(d) + "\n" for d in problems)


def changes_text(changes: Sequence[Any]) -> str:
    """The changes in words, one a line, or ``No semantic change.``"""
    return "".join(f"{visible(c.message)}\n" for c in changes) or "No semantic change.\n"
