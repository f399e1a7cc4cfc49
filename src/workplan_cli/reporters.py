"""Output formats for validation results, as a registry of plain functions.

Each reporter takes a `ValidationReport` and returns the text to print.  The
JSON format is an API: its keys are documented in docs/commands.md and tested by
exact comparison.
"""

from __future__ import annotations

from collections.abc import Callable

from .diagnostics import Diagnostic, Severity
from .text import counted, dumps
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
                                    "artifactLocation": {"uri": diag.path.replace("\\", "/")},
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
