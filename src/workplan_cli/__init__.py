"""workplan: keep committee work plans as YAML, prove them correct, publish them.

The command line is one user of this package; a website build, a notebook or
a bot that posts the week's meetings can use the same functions::

    import datetime as dt
    from workplan_cli import build_timeline, load_plans, render_plan

    plans = load_plans(["data/"])                      # raises PlanError if a plan has errors
    week = build_timeline(plans, dt.date(2023, 3, 1), dt.date(2023, 3, 7))
    titles = [entry.title for entry in week.dated]
    page = render_plan(plans[0], "html")

Everything returns data (models, diagnostics, entries, text) and raises the
package's own errors, all subclasses of `WorkplanError`.  Nothing here
prints, changes the process's state for longer than a call, or knows about
the command line.  Names are imported when first used, so ``import
workplan_cli`` costs nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .diagnostics import Diagnostic, Severity
    from .errors import PathError, PlanError, UsageError, WorkplanError
    from .loader import LoadResult, load_plan, parse_plan
    from .models import CommitteePlan, Plan, ProgramPlan
    from .render import render as render_plan
    from .templating import TemplateError
    from .timeline import Entry, Timeline, build_timeline
    from .validate import ValidationReport, load_valid_plans, validate_paths

    load_plans = load_valid_plans

# name -> (module, attribute)
_EXPORTS = {
    "load_plan": ("loader", "load_plan"),
    "parse_plan": ("loader", "parse_plan"),
    "LoadResult": ("loader", "LoadResult"),
    "load_plans": ("validate", "load_valid_plans"),
    "validate_paths": ("validate", "validate_paths"),
    "ValidationReport": ("validate", "ValidationReport"),
    "build_timeline": ("timeline", "build_timeline"),
    "Timeline": ("timeline", "Timeline"),
    "Entry": ("timeline", "Entry"),
    "render_plan": ("render", "render"),
    "Plan": ("models", "Plan"),
    "CommitteePlan": ("models", "CommitteePlan"),
    "ProgramPlan": ("models", "ProgramPlan"),
    "Diagnostic": ("diagnostics", "Diagnostic"),
    "Severity": ("diagnostics", "Severity"),
    "WorkplanError": ("errors", "WorkplanError"),
    "PathError": ("errors", "PathError"),
    "PlanError": ("errors", "PlanError"),
    "UsageError": ("errors", "UsageError"),
    "TemplateError": ("templating", "TemplateError"),
}

__all__ = [
    "CommitteePlan",
    "Diagnostic",
    "Entry",
    "LoadResult",
    "PathError",
    "Plan",
    "PlanError",
    "ProgramPlan",
    "Severity",
    "TemplateError",
    "Timeline",
    "UsageError",
    "ValidationReport",
    "WorkplanError",
    "__version__",
    "build_timeline",
    "load_plan",
    "load_plans",
    "parse_plan",
    "render_plan",
    "validate_paths",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'workplan_cli' has no attribute {name!r}")
    module, attribute = _EXPORTS[name]
    value = getattr(importlib.import_module(f".{module}", __name__), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
