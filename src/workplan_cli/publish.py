"""Writing what a command makes where ``--output`` points: rendered plans, and the draft of next term's plan.

Files are written atomically (`fsutil.write_atomic`); ``wrote(path)`` is called after each one, so that a
caller can say so as it happens.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import PathError, PlanError, RefusedError, UsageError
from .text import visible

if TYPE_CHECKING:
    from .draft import Draft
    from .models import Plan


def _nothing(path: Path) -> None:
    return None


def _nothing_said(text: str) -> None:
    return None


def render_files(
    files: Sequence[tuple[Path, Plan]],
    fmt: str,
    output: Path | str | None = None,
    template_dir: Path | None = None,
    lang: str | None = None,
    as_of: dt.date | None = None,
    wrote: Callable[[Path], None] = _nothing,
    note: Callable[[str], None] = _nothing_said,
) -> None:
    """Render each plan (with the file it was read from) as ``fmt`` to ``output``.

    ``output``: None or ``-`` for standard output (one plan only); a file (existing, or a name with an
    extension); or a folder (existing, a name written with a trailing /, or a new name without extension)
    for one file per plan, PLAN-ID.FMT;
    several plans in HTML into a folder make a site (`site.write_site`).  Into a folder, every plan is
    rendered before any file is written, so that a template that fails on the last plan leaves every
    output as it was.  ``note(text)`` is told what the user should know (a calendar with no events).
    Raises `UsageError`, `PathError` or `TemplateError`.
    """
    from .fsutil import blocks, is_stdout, spool, write_atomic
    from .ics import notices
    from .render import render_pieces
    from .site import refuse_file_for_several, today, write_site

    folder = isinstance(output, str) and output.endswith(("/", os.sep))  # `-o site.v2/`: a folder, whatever its name
    output = None if output is None else Path(output)
    inputs = read_by_render(files, output, template_dir)

    def pieces(path: Path, p: Any) -> Any:
        return render_pieces(p, fmt, template_dir, lang, path, as_of)

    if output is not None and not is_stdout(output) and not folder:
        refuse_file_for_several(output, len(files))
    for notice in notices([p for _, p in files], fmt):
        note(notice)
    if output is not None and not is_stdout(output) and len(files) > 1 and fmt == "html":
        # A site: an index, each plan's page in every language, the calendars.
        write_site(list(files), output, template_dir, as_of or today([p for _, p in files]), lang, wrote)
        return
    if output is None or is_stdout(output):
        if len(files) > 1:
            raise UsageError(f"{len(files)} plans to render: give --output FOLDER to write one file per plan")
        write_atomic("-", pieces(*files[0]))
    elif folder or output.is_dir() or len(files) > 1 or not (output.suffix or output.exists() or output.is_symlink()):
        with contextlib.ExitStack() as stack:
            rendered = [(p, stack.enter_context(spool(pieces(path, p)))) for path, p in files]
            try:
                output.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise PathError(f"{output}: cannot create folder: {exc.strerror or exc}") from None
            for p, complete in rendered:
                write_atomic(output / f"{p.id}.{fmt}", blocks(complete), inputs=inputs, chosen=True)
                wrote(output / f"{p.id}.{fmt}")
    else:
        write_atomic(output, pieces(*files[0]), inputs=inputs)
        wrote(output)


def read_by_render(files: Sequence[tuple[Path, Plan]], output: Path | None, template_dir: Path | None) -> list[Path]:
    """What `render` reads, and so never writes over: the plans, their catalogs (``PLAN.LANG.po`` beside each,
    in every language, as a site reads them), and ``output`` itself when it is a template (``*.j2``) in the
    template folder."""
    from .catalogs import catalog_path
    from .vocabulary import LANGUAGES

    read = [path for path, _ in files] + [catalog_path(path, lang) for path, _ in files for lang in LANGUAGES]
    if output is None or template_dir is None or not output.name.endswith(".j2") or not output.is_file():
        return read
    if Path(os.path.realpath(output)).is_relative_to(os.path.realpath(template_dir)):
        read.append(output)
    return read


def write_next_term(
    source: Path,
    start: dt.date,
    end: dt.date | None = None,
    general_assembly: dt.date | None = None,
    output: str | None = None,
    force: bool = False,
) -> tuple[Path | None, Draft]:
    """Draft next term's plan from the plan in ``source`` (`draft.init_plan`) and write it; where (None for
    standard output), and the draft.

    ``output``: ``-`` for standard output; a folder, or a name ending in /, for NEW-ID.yaml in it; a file;
    default NEW-ID.yaml beside ``source``.  Raises `PlanError` when the source plan (or, which would be a
    bug, the draft) does not validate, with its problems; `RefusedError` when the file exists and not
    ``force``; `PathError` when it cannot be written.
    """
    from .draft import init_plan
    from .fsutil import is_stdout, write_atomic
    from .planfile import read_plan

    plan = read_plan(source)
    dates = (start, end, general_assembly)
    target: Path | None = Path(output) if output is not None and not output.endswith(("/", os.sep)) else None
    folder = source.parent if output is None else Path(output)
    if target is not None and not is_stdout(target) and target.is_dir():
        folder, target = target, None
    draft = init_plan(plan, str(target or folder / "next-term.yaml"), *dates)
    if target is None:  # a name chosen here: the new plan's id, in the folder
        new_id = draft.plan.id if draft.plan is not None else "next-term"
        target = folder / f"{new_id}.yaml"
        draft = init_plan(plan, str(target), *dates)
    if draft.errors:  # the draft is built to validate; say so rather than write a broken file
        raise PlanError(
            f"the draft does not validate; {visible(str(target))} not written",
            [d._replace(path=f"{d.path} (draft)") for d in draft.errors],
        )
    if is_stdout(target):
        write_atomic("-", draft.text)
        return None, draft
    if (target.exists() or target.is_symlink()) and not force:
        raise RefusedError(f"{visible(str(target))} exists; give --force to overwrite it")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PathError(f"{target.parent}: cannot create folder: {exc.strerror or exc}") from None
    write_atomic(target, draft.text, inputs=[source], chosen=output is None or output.endswith(("/", os.sep)))
    return target, draft
