"""The plan format's fixed words, each stated once: kinds of plan file, languages, statuses, meeting kinds,
kinds of timeline entry, the default time zone.

The models type their fields with these, the command line makes its choices
of them (`typing.get_args`), and the views and rules read them from here.
This module imports no pydantic, so `workplan --help` can list the choices
without loading the models.
"""

from __future__ import annotations

from typing import Literal, get_args

# The two kinds of plan file, and the version of the format this workplan reads.
CommitteeKind = Literal["committee-plan"]
ProgramKind = Literal["program-plan"]
PlanKind = Literal[CommitteeKind, ProgramKind]
PLAN_KINDS: tuple[str, ...] = get_args(PlanKind)
COMMITTEE_KIND: str = get_args(CommitteeKind)[0]
PROGRAM_KIND: str = get_args(ProgramKind)[0]
SchemaVersion = Literal[1]
SCHEMA_VERSION: int = get_args(SchemaVersion)[0]

# The OAS's four official languages, as BCP 47 tags: what a plan is written in and what workplan writes.
Language = Literal["en", "es", "fr", "pt"]
LANGUAGES: tuple[str, ...] = get_args(Language)

# Whether a meeting or activity still takes place (absent: scheduled).
Status = Literal["scheduled", "postponed", "cancelled", "held"]
STATUSES: tuple[str, ...] = get_args(Status)
# The statuses of an item that does not take place when the plan says.
NOT_TAKING_PLACE = ("cancelled", "postponed")

# What sort of meeting it is: an open vocabulary (another word is accepted, with a warning: WP108).
MEETING_KINDS = ("regular", "informal", "working-group", "forum", "special", "joint", "points-of-contact")

# The kinds of entry of a timeline, in the order entries of the same day and time are listed.
EntryKind = Literal["meeting", "activity", "milestone", "deadline", "pending"]
ENTRY_KINDS: tuple[EntryKind, ...] = get_args(EntryKind)

# The names of plan files: what a folder is searched for.
PLAN_SUFFIXES = (".yaml", ".yml")

# Meeting times are local in this zone when a plan names none (OAS headquarters).
DEFAULT_TIMEZONE = "America/New_York"
