"""The program plan: a secretariat's work plan of programs and proposed activities."""

# No `from __future__ import annotations` here: pydantic evaluates the annotations.

from collections.abc import Iterator
from typing import Annotated, Any, NamedTuple

from pydantic import ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from ..vocabulary import Language, ProgramKind, SchemaVersion
from .common import LANGUAGE_FIELD_DESCRIPTION, Committee, Suppression, _Model
from .scalars import ApproximateDate, Date, Id, IdRef, Text


class Partner(_Model):
    """An organization the program plan names as a partner in its activities, such as INCIBE or ICAO."""

    id: Id = Field(examples=["incibe"])
    name: Text = Field(description="Full name.")
    acronym: Text | None = Field(default=None, description="Acronym, if any.")


class ProgramActivity(_Model):
    """An activity a program or sub-program proposes, verbatim, with its partners and, if given, its date and place."""

    # An editor asks for `date` with `end_date`, as `_end_with_start` does.
    model_config = ConfigDict(json_schema_extra={"dependencies": {"end_date": ["date"]}})

    text: Text = Field(description="The proposed activity, verbatim.")
    date: ApproximateDate | None = Field(
        default=None,
        description="Its (first) day, where the plan dates it; YYYY-MM or YYYY when only the month or year is known.",
    )
    end_date: ApproximateDate | None = Field(
        default=None,
        description="Its last day, for an activity of several days (YYYY-MM or YYYY allowed too); only with `date`.",
    )
    place: Text | None = Field(default=None, description="Where it is held, if the plan says.")
    partners: tuple[IdRef, ...] = Field(default=(), description="Ids of the partners it names.")
    gender: bool = Field(default=False, description="True for an activity of the cross-cutting gender perspective.")

    @model_validator(mode="after")
    def _end_with_start(self) -> "ProgramActivity":
        if self.end_date is not None and self.date is None:
            raise PydanticCustomError("wp_date", "end_date is given without date: give its first day as `date` too")
        return self


def _at_least_one_activity(schema: dict[str, Any]) -> None:
    schema["properties"]["activities"]["minItems"] = 1


class SubProgram(_Model):
    """A part of a priority program with its own purpose and activities, such as maritime security."""

    # An editor asks for at least one activity, as lint rule WP140 does.
    model_config = ConfigDict(json_schema_extra=_at_least_one_activity)

    id: Id
    title: Text = Field(description="The sub-program's name.")
    purpose: Text = Field(description="Its purpose, verbatim.")
    partners: tuple[IdRef, ...] = Field(default=(), description="Ids of the partners its purpose names.")
    activities: tuple[ProgramActivity, ...] = Field(description="Proposed activities.")


class Program(_Model):
    """A priority program of the secretariat, lettered A to G (cybersecurity, border security, …)."""

    # An editor asks for what lint rule WP140 asks for: a purpose (or sub-programs, which each have one)
    # and activities (or sub-programs, which each have some).
    # (`if`/`else` rather than `anyOf`, which editors would show as two versions of each property.)
    model_config = ConfigDict(
        json_schema_extra={
            "if": {"required": ["subprograms"], "properties": {"subprograms": {"minItems": 1}}},
            "else": {"required": ["purpose", "activities"], "properties": {"activities": {"minItems": 1}}},
        }
    )

    id: Id
    letter: Annotated[str, Field(pattern=r"^[A-Z]$")] = Field(description="The program's letter, A to G.")
    title: Text = Field(description="The program's name.")
    purpose: Text | None = Field(
        default=None, description="Its purpose, verbatim (absent when only sub-programs have one)."
    )
    partners: tuple[IdRef, ...] = Field(default=(), description="Ids of the partners its purpose names.")
    activities: tuple[ProgramActivity, ...] = Field(default=(), description="Proposed activities.")
    subprograms: tuple[SubProgram, ...] = Field(
        default=(), description="Sub-programs, each with purpose and activities."
    )


class Period(_Model):
    """The period a program plan covers, from its first to its last day."""

    start: Date = Field(description="First day covered.")
    end: Date = Field(description="Last day covered.")
    approximate: bool = Field(default=False, description="True when the document gives the period approximately.")


class Approval(_Model):
    """When and in which session the program plan was approved."""

    date: Date = Field(description="Date of approval.")
    session: Text = Field(description="The session that approved it.", examples=["Third plenary session"])


class ProgramPlan(_Model):
    """A secretariat's work plan of programs and proposed activities."""

    kind: ProgramKind = Field(description="The kind of plan file.")
    schema_version: SchemaVersion = Field(description="The version of this file format.")
    id: Id = Field(description="The plan's id: a lowercase slug.", examples=["cicte-2022-2023"])
    language: Language = Field(default="en", description=LANGUAGE_FIELD_DESCRIPTION)
    title: Text = Field(description="The plan's title.")
    organization: Committee = Field(description="The body whose secretariat carries out the plan.")
    period: Period = Field(description="The period the plan covers.")
    approved: Approval = Field(description="When and by whom the plan was approved.")
    symbol: Text | None = Field(default=None, description="The document's code, where it has one.")
    introduction: tuple[Text, ...] = Field(description="The introduction's paragraphs, verbatim.")
    partners: tuple[Partner, ...] = Field(default=(), description="Partners named in activities.")
    programs: tuple[Program, ...] = Field(description="The priority programs, A to G.")
    outreach: tuple[Text, ...] = Field(default=(), description="The outreach section's paragraphs, verbatim.")
    suppress: tuple[Suppression, ...] = Field(
        default=(), description="Lint findings accepted on purpose, with reasons."
    )


class PlacedActivity(NamedTuple):
    """A program activity with where it is in the plan: its program, sub-program and number there."""

    loc: tuple[int | str, ...]  # the same keys and list indexes as the YAML
    program: Program
    subprogram: SubProgram | None
    number: int  # from 1 within its program's (or sub-program's) list, as the pages number it
    activity: ProgramActivity

    @property
    def group_id(self) -> str:
        """The id of the program or sub-program whose list holds it (what `show` finds)."""
        return self.subprogram.id if self.subprogram is not None else self.program.id


def program_activities(plan: ProgramPlan, *, dated: bool = False) -> Iterator[PlacedActivity]:
    """Every activity of the plan in document order: each program's own, then its sub-programs'
    (with ``dated``, only those the plan gives a date)."""
    for p, program in enumerate(plan.programs):
        for n, activity in enumerate(program.activities):
            if activity.date is not None or not dated:
                yield PlacedActivity(("programs", p, "activities", n), program, None, n + 1, activity)
        for s, sub in enumerate(program.subprograms):
            for n, activity in enumerate(sub.activities):
                if activity.date is not None or not dated:
                    yield PlacedActivity(
                        ("programs", p, "subprograms", s, "activities", n), program, sub, n + 1, activity
                    )
