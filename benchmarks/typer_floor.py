"""The least a typer command costs: an app shaped like workplan's that does nothing.

benchmarks/run.py times ``python benchmarks/typer_floor.py validate data/``
next to ``workplan validate data/`` to show how much of workplan's start-up
is the CLI framework itself (typer builds a pydantic adapter per parameter).
The shape is workplan's: the same app settings, the eager ``--version``
callback, and ``validate`` with the same arguments and options, of the same
types and with the same constraints (see ``workplan_cli.cli``).
"""

from __future__ import annotations

import enum
import os
from pathlib import Path
from typing import Annotated, Optional

import typer

# As workplan's entry point does (main.run): no scan for pydantic plugins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


class ValidateFormat(str, enum.Enum):
    auto = "auto"
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


app = typer.Typer(
    name="floor",
    help="Do nothing.",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _path(text: str) -> Path:
    if not text:
        raise typer.BadParameter("an empty name is no file or folder")
    return Path(text)


def _version(value: bool) -> None:
    if value:
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        Optional[bool],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """Do nothing."""


@app.command()
def validate(
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(metavar="[PATH]...", parser=_path, help="Paths.", show_default=False),
    ] = None,
    output_format: Annotated[ValidateFormat, typer.Option("--format", "-f", help="Format.")] = ValidateFormat.text,
    select: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--select", metavar="CODE|NAME", help="Rules.", show_default=False),
    ] = None,
    ignore: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--ignore", metavar="CODE|NAME", help="Rules.", show_default=False),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Strict.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Workers.")] = 0,
) -> None:
    """Do nothing."""


@app.command()
def upcoming(days: int = 14) -> None:
    """Do nothing."""


if __name__ == "__main__":
    app()
