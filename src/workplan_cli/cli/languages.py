"""The commands that help translate a plan's own text: i18n extract, i18n status."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from ..text import dumps, visible
from .application import app, sub_app
from .options import Language, ListFormat, ListFormatOption, path_value

i18n_app = sub_app("Translate a plan's own text: catalogs beside the plan (PLAN.LANG.po), keyed by item and field.")
app.add_typer(i18n_app, name="i18n")

PlanFileArgument = Annotated[Path, typer.Argument(metavar="PLAN", parser=path_value, help="A plan file.")]


@i18n_app.command("extract")
def i18n_extract(path: PlanFileArgument) -> None:
    """Write the plan's translation template, PLAN.pot beside it (atomically): one message per text field.

    Each message's msgctxt is the item and field it comes from (meeting-5.title,
    meeting-5/agenda/1.2.title); copy the template to PLAN.LANG.po to translate it.

    Example: workplan i18n extract data/csh-2022-2023.yaml
    """
    from .. import catalog_messages, extract_catalog, load_one

    found = load_one(path)
    target = extract_catalog(found, path)
    typer.echo(f"wrote {visible(str(target))} ({len(catalog_messages(found))} messages)", err=True)


def _status_json(result: Any, path: Path) -> None:
    sys.stdout.write(dumps(result.as_dict()))


def _status_text(result: Any, path: Path) -> None:
    where = (
        visible(result.catalog)
        if result.catalog
        else "the plan is written in this language"
        if result.language == result.lang
        else f"no catalog ({visible(str(path.with_name(path.stem + '.' + result.lang + '.po')))} missing)"
    )
    typer.echo(
        f"{result.plan} [{result.lang}]: {result.translated} translated, {result.untranslated} untranslated, "
        f"{len(result.stale)} stale, of {result.total} messages; {where}"
    )
    for ident in result.stale:
        typer.echo(f"stale: {visible(ident)}")


STATUS_OUTPUT: dict[str, Callable[[Any, Path], None]] = {"json": _status_json, "text": _status_text}


@i18n_app.command("status")
def i18n_status(
    path: PlanFileArgument,
    lang: Annotated[Language, typer.Option("--lang", help="The catalog's language: es, fr, pt or en.")],
    output_format: ListFormatOption = ListFormat.text,
) -> None:
    """How much of a plan a catalog translates: translated, untranslated and stale messages.

    Stale: the catalog's msgid is no longer the plan's text (the plan changed since), or it is marked fuzzy.
    `render --lang` shows the plan's own text for untranslated and stale messages.

    Example: workplan i18n status data/csh-2022-2023.yaml --lang es --format json
    """
    from .. import catalog_status, load_one

    STATUS_OUTPUT[output_format.value](catalog_status(load_one(path), path, lang.value), path)
