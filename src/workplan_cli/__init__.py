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
    # For type checkers, the names `__getattr__` imports when first used (`X as X`: re-exported).
    from . import catalogs, queries, render, validate
    from .diagnostics import Diagnostic as Diagnostic
    from .diagnostics import Severity as Severity
    from .edit import add_activity as add_activity
    from .edit import add_meeting as add_meeting
    from .edit import move_item as move_item
    from .edit import set_status as set_status
    from .editcheck import Edit as Edit
    from .errors import PathError as PathError
    from .errors import PlanError as PlanError
    from .errors import RefusedError as RefusedError
    from .errors import UsageError as UsageError
    from .errors import WorkplanError as WorkplanError
    from .fmt import FormatResult as FormatResult
    from .fmt import format_paths as format_paths
    from .fsutil import write_atomic as write_atomic
    from .inputs import load_one as load_one
    from .inputs import load_plan_files as load_plan_files
    from .inputs import parse_hours as parse_hours
    from .inputs import parse_period as parse_period
    from .inputs import plan_paths as plan_paths
    from .inputs import plans_in as plans_in
    from .inputs import translated as translated
    from .inputs import writing_language as writing_language
    from .lint import CheckInfo as CheckInfo
    from .lint import Selection as Selection
    from .lint import find_checks as find_checks
    from .lint import resolve_codes as resolve_codes
    from .loader import LoadResult as LoadResult
    from .loader import load_plan as load_plan
    from .loader import parse_plan as parse_plan
    from .models import CommitteePlan as CommitteePlan
    from .models import Plan as Plan
    from .models import ProgramPlan as ProgramPlan
    from .planfile import PlanText as PlanText
    from .planfile import choose_plan as choose_plan
    from .planfile import lint_source as lint_source
    from .planfile import read_plan as read_plan
    from .planfile import write_edit as write_edit
    from .publish import render_files as render_files
    from .publish import write_next_term as write_next_term
    from .queries import find_activities as find_activities
    from .queries import find_by_id as find_by_id
    from .queries import find_citations as find_citations
    from .queries import find_item as find_item
    from .queries import find_meetings as find_meetings
    from .revisions import RevisionDiff as RevisionDiff
    from .revisions import compare_plans as compare_plans
    from .revisions import diff_files as diff_files
    from .revisions import diff_since as diff_since
    from .schema import schema_text as schema_text
    from .templating import TemplateError as TemplateError
    from .timeline import Entry as Entry
    from .timeline import Timeline as Timeline
    from .timeline import Window as Window
    from .timeline import build_timeline as build_timeline
    from .timeline import upcoming_window as upcoming_window
    from .validate import ValidationReport as ValidationReport
    from .validate import validate_paths as validate_paths

    load_plans = validate.load_valid_plans
    paragraph_coverage = queries.coverage
    translate_plan = catalogs.translate
    extract_catalog = catalogs.extract
    catalog_status = catalogs.status
    catalog_messages = catalogs.messages
    render_plan = render.render

# The public API, the one list of it: name -> (module, attribute).  `__all__` is made from it.
_EXPORTS = {
    # reading and checking plans
    "load_plan": ("loader", "load_plan"),
    "parse_plan": ("loader", "parse_plan"),
    "LoadResult": ("loader", "LoadResult"),
    "load_plans": ("validate", "load_valid_plans"),
    "validate_paths": ("validate", "validate_paths"),
    "ValidationReport": ("validate", "ValidationReport"),
    "plan_paths": ("inputs", "plan_paths"),
    "load_plan_files": ("inputs", "load_plan_files"),
    "load_one": ("inputs", "load_one"),
    "plans_in": ("inputs", "plans_in"),
    "Selection": ("lint", "Selection"),
    "resolve_codes": ("lint", "resolve_codes"),
    "find_checks": ("lint", "find_checks"),
    "CheckInfo": ("lint", "CheckInfo"),
    "format_paths": ("fmt", "format_paths"),
    "FormatResult": ("fmt", "FormatResult"),
    "schema_text": ("schema", "schema_text"),
    "Plan": ("models", "Plan"),
    "CommitteePlan": ("models", "CommitteePlan"),
    "ProgramPlan": ("models", "ProgramPlan"),
    "Diagnostic": ("diagnostics", "Diagnostic"),
    "Severity": ("diagnostics", "Severity"),
    # questions about plans
    "build_timeline": ("timeline", "build_timeline"),
    "upcoming_window": ("timeline", "upcoming_window"),
    "Timeline": ("timeline", "Timeline"),
    "Window": ("timeline", "Window"),
    "Entry": ("timeline", "Entry"),
    "find_meetings": ("queries", "find_meetings"),
    "find_citations": ("queries", "find_citations"),
    "find_activities": ("queries", "find_activities"),
    "paragraph_coverage": ("queries", "coverage"),
    "find_by_id": ("queries", "find_by_id"),
    "find_item": ("queries", "find_item"),
    "compare_plans": ("revisions", "compare_plans"),
    "diff_files": ("revisions", "diff_files"),
    "diff_since": ("revisions", "diff_since"),
    "RevisionDiff": ("revisions", "RevisionDiff"),
    # languages
    "writing_language": ("inputs", "writing_language"),
    "translated": ("inputs", "translated"),
    "translate_plan": ("catalogs", "translate"),
    "extract_catalog": ("catalogs", "extract"),
    "catalog_status": ("catalogs", "status"),
    "catalog_messages": ("catalogs", "messages"),
    # publishing
    "render_plan": ("render", "render"),
    "render_files": ("publish", "render_files"),
    "write_next_term": ("publish", "write_next_term"),
    "write_atomic": ("fsutil", "write_atomic"),
    # amending a plan's text
    "read_plan": ("planfile", "read_plan"),
    "lint_source": ("planfile", "lint_source"),
    "choose_plan": ("planfile", "choose_plan"),
    "move_item": ("edit", "move_item"),
    "set_status": ("edit", "set_status"),
    "add_meeting": ("edit", "add_meeting"),
    "add_activity": ("edit", "add_activity"),
    "write_edit": ("planfile", "write_edit"),
    "parse_hours": ("inputs", "parse_hours"),
    "parse_period": ("inputs", "parse_period"),
    "Edit": ("editcheck", "Edit"),
    "PlanText": ("planfile", "PlanText"),
    # errors
    "WorkplanError": ("errors", "WorkplanError"),
    "PathError": ("errors", "PathError"),
    "PlanError": ("errors", "PlanError"),
    "RefusedError": ("errors", "RefusedError"),
    "UsageError": ("errors", "UsageError"),
    "TemplateError": ("templating", "TemplateError"),
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'workplan_cli' has no attribute {name!r}")
    module, attribute = _EXPORTS[name]
    value = getattr(importlib.import_module(f".{module}", __name__), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
