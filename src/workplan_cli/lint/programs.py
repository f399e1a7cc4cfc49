"""Rules on program plans: every program complete, lettered in order."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Severity
from ..index import PlanIndex
from ..models import (
    ProgramPlan,
)
from ..vocabulary import PROGRAM_KIND
from .registry import Finding, rule

# --- program plans ------------------------------------------------------------------------------


@rule("WP140", "program-incomplete", Severity.ERROR, PROGRAM_KIND)
def program_incomplete(plan: ProgramPlan, index: PlanIndex) -> Iterator[Finding]:
    """A program lacks a purpose or proposed activities.

    A program states its purpose itself or in every one of its sub-programs, and
    has at least one activity (its own or its sub-programs').

    Fails: a program with `purpose:` but no `activities` and no `subprograms`.
    """
    for i, program in enumerate(plan.programs):
        if program.purpose is None and (not program.subprograms):
            yield Finding(
                ("programs", i, "id"), f"program {program.letter} ({program.id!r}) has no purpose", program.id
            )
        if not program.activities and not any(s.activities for s in program.subprograms):
            yield Finding(
                ("programs", i, "id"),
                f"program {program.letter} ({program.id!r}) has no proposed activities",
                program.id,
            )
        for j, sub in enumerate(program.subprograms):
            if not sub.activities:
                yield Finding(
                    ("programs", i, "subprograms", j, "id"),
                    f"sub-program {sub.id!r} has no proposed activities",
                    sub.id,
                )


@rule("WP141", "program-letters", Severity.ERROR, PROGRAM_KIND)
def program_letters(plan: ProgramPlan, index: PlanIndex) -> Iterator[Finding]:
    """Program letters run A, B, C… in order, without gaps or repeats.

    Fails: programs lettered A, B, D.
    """
    for i, program in enumerate(plan.programs):
        expected = chr(ord("A") + i)
        if program.letter != expected:
            yield Finding(
                ("programs", i, "letter"),
                f"program {program.id!r} is lettered {program.letter}; expected {expected}",
                program.id,
            )
