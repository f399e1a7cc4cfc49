"""What a command reads before it does anything: the plans under the paths given (data/ by default), in the
language to write in, hours written HH:MM-HH:MM.

Heavy modules are imported inside the functions, so that importing this one costs nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import PathError, UsageError
from .text import did_you_mean

if TYPE_CHECKING:
    from .models import Plan

DEFAULT_PATHS = (Path("data"),)


def plan_paths(paths: Sequence[Path] | None, plans: Sequence[str] | None = None) -> list[Path]:
    """The paths a command reads: ``paths`` and the ``plans`` it names (``--plan``), or data/ when there are none.

    A value of ``plans`` that names an existing file or folder is one more path.  Any other is the id of a
    plan among the files under ``paths`` (data/ when none is given); once one names an id, the command
    reads the plans named, by path or by id, and no others.  `UsageError` for a value that is neither, and
    for one that is both (a file or folder here with the name of a plan's id; ``./NAME`` is always a path).
    """
    if not plans:
        return list(paths) if paths else list(DEFAULT_PATHS)
    scope = list(paths) if paths else list(DEFAULT_PATHS)
    where = ", ".join(map(str, scope))
    known: dict[str, list[Path]] | None = None

    def by_id() -> dict[str, list[Path]]:
        nonlocal known
        if known is None:
            known = _plans_by_id(scope)
        return known

    given: list[Path] = []
    named: list[Path] = []
    for value in plans:
        path = Path(value)
        if path.exists() or path.is_symlink():
            if "/" not in value and os.sep not in value and value in by_id():
                files = ", ".join(map(str, by_id()[value]))
                raise UsageError(
                    f"--plan {value!r} is both a file or folder here and the id of the plan in {files}; "
                    f"give ./{value} for the file or folder, or {files} for that plan"
                )
            given.append(path)
        elif value in by_id():
            named += by_id()[value]
        else:
            hint = did_you_mean(value, sorted(by_id()))
            raise UsageError(
                f"--plan {value!r}: no file or folder has that name, and no plan in {where} has that id{hint}"
            )
    if not named:
        return [*(paths or ()), *given]
    return list(dict.fromkeys([*named, *given]))


def _plans_by_id(paths: Sequence[Path]) -> dict[str, list[Path]]:
    """The plan files under ``paths`` by the id each gives itself (read as data, not validated); none for a path
    that does not exist."""
    from .loader import discover
    from .planfile import plan_id_of

    found: dict[str, list[Path]] = {}
    for path in paths:
        try:
            files = discover([path])
        except PathError:
            continue
        for file in files:
            ident = plan_id_of(file)
            if ident is not None:
                found.setdefault(ident, []).append(file)
    return found


def load_plan_files(paths: Sequence[Path] | None) -> list[tuple[Path, Plan]]:
    """Each valid plan under the paths (default data/) with its file; `PlanError` if any has errors."""
    from .validate import load_valid_plan_files

    return load_valid_plan_files(plan_paths(paths))


def load_one(path: Path) -> Plan:
    """The valid plan in one file; `PathError` when ``path`` is not a file."""
    if not path.is_file():
        raise PathError(f"{path}: not a plan file")
    [(_, found)] = load_plan_files([path])
    return found


def writing_language(lang: str | None, plans: Sequence[Plan]) -> str:
    """The language to write in (``lang``, else the first plan's, else English), its catalog read now so that
    a broken one stops the command with its line."""
    from .i18n import translations

    chosen = lang or (plans[0].language if plans else "en")
    translations(chosen)
    return chosen


def translated(files: Sequence[tuple[Path, Plan]], lang: str) -> list[Plan]:
    """The plans with their own text from their catalogs for ``lang`` (`catalogs.translate`)."""
    from .catalogs import translate

    return [translate(p, path, lang) for path, p in files]


def plans_in(paths: Sequence[Path] | None, lang: str | None) -> tuple[list[Plan], str]:
    """The valid plans under the paths, in the language to write in (``lang``, else the first plan's), and that
    language."""
    files = load_plan_files(paths)
    chosen = writing_language(lang, [p for _, p in files])
    return translated(files, chosen), chosen


def parse_hours(text: str) -> tuple[dt.time, dt.time]:
    """``10:00-13:00`` (24-hour form; an en dash will do) as start and end; `UsageError` for anything else."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*", text)
    if match:
        h1, m1, h2, m2 = map(int, match.groups())
        if h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60:
            return dt.time(h1, m1), dt.time(h2, m2)
    raise UsageError(f"--time {text!r}: write the hours as HH:MM-HH:MM in 24-hour form, like 10:00-13:00")


def parse_period(text: str) -> dt.date:
    """A day ``2023-03-16``, or a month ``2023-03`` or year ``2023`` whose day is to be confirmed (a `MonthDate`
    or `YearDate`, as the plan's activities and milestones may be dated); `UsageError` for anything else."""
    from .models.scalars import MonthDate, YearDate

    stripped = text.strip()
    month = re.fullmatch(r"(\d{4})-(\d{2})", stripped)
    if month is not None:
        year, number = map(int, month.groups())
        if year >= 1 and 1 <= number <= 12:
            return MonthDate(year, number, 1)
        raise UsageError(f"{text!r} is not a month: write YYYY-MM, like 2023-03")
    if re.fullmatch(r"\d{4}", stripped):
        if int(stripped) >= 1:
            return YearDate(int(stripped), 1, 1)
        raise UsageError(f"{text!r}: no year 0")
    day = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", stripped)
    if day is not None:
        try:
            return dt.date(*map(int, day.groups()))
        except ValueError:
            raise UsageError(f"{text!r} is not a day of the calendar") from None
    raise UsageError(
        f"{text!r}: write the day as YYYY-MM-DD, like 2023-03-16, or a month or year whose day is "
        "to be confirmed, like 2023-03 or 2023"
    )
