"""The command that publishes plans: render."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..text import visible
from .application import app
from .options import LangOption, PathsArgument, PlanOption, date_of, day_option, language_of, name_value, path_value


class RenderFormat(str, enum.Enum):
    html = "html"
    md = "md"
    ics = "ics"


def _wrote(path: Path) -> None:
    typer.echo(f"wrote {visible(str(path))}", err=True)


def _note(text: str) -> None:
    typer.echo(f"workplan: note: {visible(text)}", err=True)


@app.command(
    epilog="Exit codes: 0 written; 1 a plan or a template has errors; 2 usage or I/O error (missing template folder, unwritable output)."
)
def render(
    paths: PathsArgument = None,
    output_format: Annotated[
        RenderFormat,
        typer.Option("--format", "-f", help="html (one self-contained page), md (GitHub Markdown) or ics (iCalendar)."),
    ] = RenderFormat.html,
    output: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            parser=name_value,
            help="A file (existing, or a name with an extension; symbolic links are followed, devices written to directly), "
            "or a folder (existing, a name ending in /, or a new name without extension) for one file per plan, PLAN-ID.FORMAT; "
            "several plans in HTML make a site (an index, every language, calendars). "
            "Default, or -: standard output.",
            show_default=False,
        ),
    ] = None,
    template_dir: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--template-dir",
            metavar="DIR",
            parser=path_value,
            help="A folder of Jinja templates that override the bundled ones of the same name.",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        Optional[dt.datetime],  # noqa: UP045
        day_option(
            "--as-of", help="Mark this day with a line on the HTML page's picture of the term. Default: no line."
        ),
    ] = None,
    plan: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """Publish plans as HTML, Markdown or an iCalendar file, through Jinja templates.

    Files are written atomically: a temporary file in the same folder, then a rename
    (a symbolic link's target is written and the link kept; a device such as /dev/null is written to directly).

    The page is written in --lang (default: each plan's own language); plan text
    comes from the plan's catalog for that language (PLAN.LANG.po beside the plan,
    see `workplan i18n`) where it has a translation, else as written.

    Example: workplan render --format html --lang es --output site/
    """
    from .. import load_plan_files, plan_paths, render_files

    files = load_plan_files(plan_paths(paths, plan))
    render_files(
        files, output_format.value, output, template_dir, language_of(lang), date_of(as_of), wrote=_wrote, note=_note
    )
