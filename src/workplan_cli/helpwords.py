"""Help text in words: ``--plan PATH``, ``DATE``, never Typer's ``<list[Path]>`` or ``<datetime>``.

Typer (0.2x) writes each parameter's Python type after its name in ``--help``:
an argument always (``[PATH]... <list[Path]>``), an option unless it has a
metavar.  People reading the help want a word for what to type, so `install`
makes every option without a metavar show one, chosen from its type and name,
and every argument show its name alone (the metavar the command gives, or its
name in capitals).  Choices stay listed as they are (``text|json``).
"""

from __future__ import annotations

import datetime as dt
import pathlib
import typing
from typing import Any

_installed = False


def word_for(param: Any) -> str:
    """The word a parameter's help shows for its value: ``PATH``, ``N``, ``YYYY-MM-DD``, ``text|json``, ``AREA``."""
    desc = getattr(param, "type_descriptor", None)
    name = (param.name or "value").replace("_", "-").upper()
    if desc is None:
        return name
    if desc.is_choice:
        return "|".join(str(getattr(c, "value", c)) for c in desc.choices or ())
    if desc.is_datetime:
        return "YYYY-MM-DD"
    if desc.is_path:
        return "DIR" if name.endswith("DIR") else "PATH"
    annotation = desc.annotation
    while typing.get_origin(annotation) in (list, tuple, typing.Union) and typing.get_args(annotation):
        annotation = typing.get_args(annotation)[0]
    if desc.is_ranged or annotation in (int, float):
        return "N"
    if isinstance(annotation, type) and issubclass(annotation, pathlib.PurePath):
        return "PATH"
    if annotation is dt.datetime or annotation is dt.date:
        return "YYYY-MM-DD"
    return name


def install() -> None:
    """Make Typer's help show words (`word_for`) instead of Python types; once per process."""
    global _installed
    if _installed:
        return
    from typer.core import TyperArgument, TyperOption

    def option_words(self: Any, ctx: Any) -> str | None:
        if self.metavar is not None:
            return str(self.metavar)
        word = word_for(self)
        return f"{word}..." if word is not None and self.nargs != 1 else word

    def argument_words(self: Any, ctx: Any) -> str | None:
        return None  # the argument's name (its metavar, or its name in capitals) says it

    TyperOption.display_type_rich = option_words  # type: ignore[method-assign]
    TyperArgument.display_type_rich = argument_words  # type: ignore[method-assign]
    _installed = True
