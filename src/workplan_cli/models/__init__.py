"""The plan file format: pydantic models of the two kinds of plan file, and which model a kind means.

The package's modules, one job each: `scalars` (the values a plan writes and
their JSON Schema), `common` (what both kinds share), `committee` (the
committee plan), `program` (the program plan).  This module is the registry
of kinds, and the names the rest of workplan imports.
"""

# No `from __future__ import annotations` here: pydantic evaluates the annotations.

from typing import Any

from pydantic import BaseModel

from ..vocabulary import COMMITTEE_KIND, PROGRAM_KIND, SCHEMA_VERSION
from .committee import (
    FREQUENCIES,
    OFFICER_ROLES,
    STAGES,
    Activity,
    AgendaItem,
    AgendaSection,
    AgendaTopic,
    Area,
    Body,
    CommitteePlan,
    Country,
    Due,
    Meeting,
    Milestone,
    Officer,
    Paragraph,
    PendingEvent,
    Report,
    Resolution,
    Speaker,
    Term,
    WorkingGroup,
)
from .common import Footnote, fields_of, is_record
from .program import Partner, PlacedActivity, Program, ProgramActivity, ProgramPlan, program_activities
from .scalars import ID_MESSAGE, is_id, last_day, precision

__all__ = [
    "FREQUENCIES",
    "ID_MESSAGE",
    "MODEL_BY_KIND",
    "OFFICER_ROLES",
    "SCHEMA_VERSION",
    "STAGES",
    "Activity",
    "AgendaItem",
    "AgendaSection",
    "AgendaTopic",
    "Area",
    "Body",
    "CommitteePlan",
    "Country",
    "Due",
    "Footnote",
    "Meeting",
    "Milestone",
    "Officer",
    "Paragraph",
    "Partner",
    "PendingEvent",
    "PlacedActivity",
    "Plan",
    "Program",
    "ProgramActivity",
    "ProgramPlan",
    "Report",
    "Resolution",
    "Speaker",
    "Term",
    "WorkingGroup",
    "fields_of",
    "is_id",
    "is_record",
    "last_day",
    "plan_model",
    "precision",
    "program_activities",
    "validator_for",
]

Plan = CommitteePlan | ProgramPlan

MODEL_BY_KIND: dict[str, type[CommitteePlan] | type[ProgramPlan]] = {
    COMMITTEE_KIND: CommitteePlan,
    PROGRAM_KIND: ProgramPlan,
}


def plan_model(data: Any) -> type[CommitteePlan] | type[ProgramPlan] | None:
    """The model a plan's data means: by its ``kind``, when its ``schema_version`` is the one read here; else None."""
    if not isinstance(data, dict):
        return None
    kind = data.get("kind")
    model = MODEL_BY_KIND.get(kind) if isinstance(kind, str) else None
    version = data.get("schema_version")
    if model is None or version != SCHEMA_VERSION or isinstance(version, bool):
        return None
    return model


_validators: dict[type, Any] = {}


def validator_for(model: type) -> Any:
    """The compiled validator of a plan model or agenda dataclass, built in this process on first use.

    Nothing is kept between runs: a validator read back from disk would be
    code a planted or damaged file could run, for a few milliseconds saved.
    """
    found = _validators.get(model)
    if found is None:
        from pydantic.dataclasses import rebuild_dataclass

        if issubclass(model, BaseModel):
            model.model_rebuild()
        else:
            rebuild_dataclass(model)  # type: ignore[arg-type]  # an agenda dataclass
        found = _validators[model] = model.__pydantic_validator__  # type: ignore[attr-defined]
    return found
