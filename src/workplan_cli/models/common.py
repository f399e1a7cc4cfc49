"""What both kinds of plan share: the base of every model, the agenda dataclasses' settings, open
vocabularies, footnotes, suppressions, the committee (or body) a plan belongs to, and its language.

The models are written for the people who hand-edit the YAML: short keys, one
way to say each thing, every field described (the descriptions feed the JSON
Schema that editors use for completion).  Unknown keys are errors everywhere.
"""

# No `from __future__ import annotations` here: pydantic evaluates the annotations.

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.fields import FieldInfo

from ..vocabulary import LANGUAGES
from .scalars import IdRef, Ref, Text


# defer_build: a model's validator is built when it first validates, not at
# import; `validate` never builds those of the models only other parts use.
class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


# A plan holds agenda entries by the tens of thousands (a 1,500-meeting plan
# has about 30,000), so they are slotted pydantic dataclasses rather than
# models: no per-object `__dict__` or set of fields given, which more than
# halves the memory a validated plan takes.  They validate, serialize and
# export their schema exactly as models do; `is_record` and `fields_of` cover
# both kinds for code that walks a plan.
_RECORD = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


def is_record(value: Any) -> bool:
    """True for a validated plan object: a model or an agenda dataclass."""
    return hasattr(type(value), "__pydantic_fields__") and not isinstance(value, type)


def fields_of(cls: Any) -> dict[str, FieldInfo]:
    """The fields of a model or agenda dataclass class (empty for anything else)."""
    fields = getattr(cls, "__pydantic_fields__", None) if isinstance(cls, type) else None
    return fields if isinstance(fields, dict) else {}


def open_vocabulary(known: tuple[str, ...], description: str) -> Any:
    """A field of an open vocabulary: any word is accepted, `known` are documented (lint warns on others, WP108)."""
    return Field(
        min_length=1,
        description=f"{description} Known values: {', '.join(known)}; another value is accepted with a warning "
        "and printed in its own words.",
        examples=list(known),
    )


class Footnote(_Model):
    """A footnote of the source document, kept with what it annotates."""

    number: int = Field(ge=1, description="The footnote's number in the published document.")
    text: Text | None = Field(
        default=None, description="The footnote's text; leave it out while it is not known (a warning, WP109)."
    )
    at: str | None = Field(
        default=None,
        description="Where in the annotated text the footnote mark stands, e.g. the paragraph label '87'.",
    )
    paragraphs: tuple[Ref, ...] = Field(default=(), description="Paragraphs the footnote cites.")
    resolutions: tuple[IdRef, ...] = Field(default=(), description="Ids of resolutions the footnote cites as a whole.")
    documents: tuple[Text, ...] = Field(default=(), description="Document symbols the footnote cites.")


class Suppression(_Model):
    """Silences one lint rule, for the whole plan or for one id, with the reason why."""

    rule: Text = Field(description="The rule's code or name.", examples=["WP106", "activity-outside-term"])
    subject: Text | None = Field(
        default=None,
        description="Only for findings about this id, or for `document-symbol` this symbol as cited "
        "(default: every finding of the rule).",
        examples=["iadc-human-rights-seminar", "CP/CSH-414/001"],
    )
    reason: Text = Field(description="Why the finding is justified; reviewers read this.")


LANGUAGE_FIELD_DESCRIPTION = (
    f"The language the plan is written in ({', '.join(LANGUAGES[:-1])} or {LANGUAGES[-1]}): what `render`, "
    "`upcoming` and `show` publish in unless told otherwise. Default: en."
)


class Committee(_Model):
    """A committee, or in a program plan the body whose secretariat carries it out, by full name and acronym."""

    name: Text = Field(description="Full name of the committee.", examples=["Committee on Hemispheric Security"])
    acronym: Text = Field(description="Acronym used in the documents.", examples=["CSH"])
