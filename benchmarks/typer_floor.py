"""The least a typer command costs: an app shaped like workplan's that does nothing.

benchmarks/run.py times ``python benchmarks/typer_floor.py validate data/``
next to ``workplan validate data/`` to show how much of workplan's start-up
is the CLI framework itself (typer builds a pydantic adapter per parameter).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class Format(str, Enum):
    text = "text"
    json = "json"


app = typer.Typer()


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument()],
    format: Annotated[Format, typer.Option("--format")] = Format.text,
    select: Annotated[list[str] | None, typer.Option()] = None,
    ignore: Annotated[list[str] | None, typer.Option()] = None,
) -> None:
    """Do nothing."""


@app.command()
def upcoming(days: int = 14) -> None:
    """Do nothing."""


if __name__ == "__main__":
    app()
