"""A site of several plans: `workplan render PLAN... --output FOLDER/` (HTML).

What the folder holds, all linked from ``index.html``:

- ``index.html``: the plans (committee, term, next meeting from the as-of day), in the site's language;
- ``PLAN-ID.html`` in the plan's own language and ``PLAN-ID.LANG.html`` in each other
  language workplan speaks, each with a line of links to the index and to its other versions;
- ``PLAN-ID.ics``, each plan's calendar, and ``calendar.ics``, one calendar of all the plans.

Every file is made (to anonymous temporary files) before any is written, so that a
template failing on the last plan leaves the folder as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import i18n
from .errors import UsageError
from .models import CommitteePlan, Meeting, Plan
from .vocabulary import DEFAULT_TIMEZONE, LANGUAGES, NOT_TAKING_PLACE

# The languages by their own names: a reader looks for their own language's name.
LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "pt": "Português"}
INDEX = "index.html"
CALENDAR = "calendar.ics"


@dataclass(frozen=True)
class Version:
    """A plan's page in one language, as a link."""

    lang: str
    name: str
    href: str
    current: bool = False


@dataclass(frozen=True)
class SitePage:
    """What a plan's page shows of the site (`_site.html.j2`): the index, its versions, its calendar."""

    index: str
    versions: tuple[Version, ...]
    calendar: str | None


@dataclass(frozen=True)
class IndexRow:
    committee: str
    term: str
    next_day: dt.date | None
    next_title: str | None
    page: str
    versions: tuple[Version, ...]
    calendar: str


@dataclass(frozen=True)
class SiteIndex:
    as_of: dt.date
    rows: tuple[IndexRow, ...]
    calendar: str


def page_name(plan: Plan, lang: str) -> str:
    """``csh-2022-2023.html`` in the plan's own language, ``csh-2022-2023.es.html`` in another."""
    return f"{plan.id}.html" if lang == plan.language else f"{plan.id}.{lang}.html"


def languages(plan: Plan) -> list[str]:
    """The plan's own language first, then the others workplan speaks."""
    return [plan.language, *(lang for lang in LANGUAGES if lang != plan.language)]


def versions(plan: Plan, current: str | None = None) -> tuple[Version, ...]:
    return tuple(
        Version(lang, LANGUAGE_NAMES.get(lang, lang), page_name(plan, lang), lang == current)
        for lang in languages(plan)
    )


def next_meeting(plan: Plan, as_of: dt.date) -> Meeting | None:
    """The plan's first meeting on or after ``as_of`` that is not cancelled or postponed."""
    if not isinstance(plan, CommitteePlan):
        return None
    found = [m for m in plan.meetings if m.date >= as_of and m.status not in NOT_TAKING_PLACE]
    return min(found, key=lambda m: (m.date, m.start_time or dt.time(0)), default=None)


def _term(plan: Plan) -> str:
    if isinstance(plan, CommitteePlan):
        start, end = plan.term.start, plan.term.end
    else:
        start, end = plan.period.start, plan.period.end
    return f"{start.year}–{end.year}" if end else f"{start.year}–"


def _acronym(plan: Plan) -> str:
    return plan.committee.acronym if isinstance(plan, CommitteePlan) else plan.organization.acronym


def site_index(files: list[tuple[Path, Plan]], as_of: dt.date) -> SiteIndex:
    """The index page's rows, in the order the plans were given, in the language in use."""
    from .catalogs import translate
    from .wording import meeting_title

    rows = []
    for path, plan in files:
        shown = translate(plan, path, i18n.current())
        meeting = next_meeting(shown, as_of)
        rows.append(
            IndexRow(
                committee=f"{_acronym(shown)}",
                term=_term(plan),
                next_day=meeting.date if meeting else None,
                next_title=meeting_title(meeting) if meeting else None,
                page=page_name(plan, plan.language),
                versions=versions(plan),
                calendar=f"{plan.id}.ics",
            )
        )
    return SiteIndex(as_of, tuple(rows), CALENDAR)


def site_files(
    files: list[tuple[Path, Plan]],
    template_dir: Path | None,
    as_of: dt.date,
    lang: str | None = None,
) -> list[tuple[str, Callable[[], Iterator[str]]]]:
    """Every file of the site: (name, a function that makes its text piece by piece), the index first."""
    from .ics import calendar_history, render_calendar_pieces
    from .render import render_pieces
    from .templating import render_template_pieces

    taken = {INDEX, CALENDAR}
    for _path, plan in files:
        names = {page_name(plan, lang_) for lang_ in languages(plan)} | {f"{plan.id}.ics"}
        clash = names & taken
        if clash:
            raise UsageError(f"two plans of the site would write {', '.join(sorted(clash))}: plan ids must differ")
        taken |= names
    index_lang = lang or (files[0][1].language if files else "en")

    def index() -> Iterator[str]:
        with i18n.use(index_lang):
            yield from render_template_pieces(
                "site-index.html.j2", template_dir, index=site_index(files, as_of), lang=index_lang
            )

    out: list[tuple[str, Callable[[], Iterator[str]]]] = [(INDEX, index)]
    for path, plan in files:
        for language in languages(plan):
            page = SitePage(INDEX, versions(plan, language), f"{plan.id}.ics")
            out.append(
                (
                    page_name(plan, language),
                    functools.partial(render_pieces, plan, "html", template_dir, language, path, as_of, page),
                )
            )
        out.append((f"{plan.id}.ics", functools.partial(render_pieces, plan, "ics", None, None, path)))

    def calendar() -> Iterator[str]:
        from .catalogs import translate

        with i18n.use(index_lang):
            everything = [(translate(plan, path, index_lang), calendar_history(path)) for path, plan in files]
            yield from render_calendar_pieces(everything, i18n.gettext("Work plans"))

    out.append((CALENDAR, calendar))
    return out


def write_site(
    files: list[tuple[Path, Plan]],
    folder: Path,
    template_dir: Path | None,
    as_of: dt.date,
    lang: str | None = None,
    wrote: Callable[[Path], None] | None = None,
) -> list[Path]:
    """Write the site into ``folder`` (made if need be); the paths written, in order."""
    from .errors import PathError
    from .fsutil import blocks, spool, write_atomic

    inputs = [path for path, _ in files]
    written = []
    with contextlib.ExitStack() as stack:
        made: list[tuple[str, Any]] = [
            (name, stack.enter_context(spool(make()))) for name, make in site_files(files, template_dir, as_of, lang)
        ]
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PathError(f"{folder}: cannot create folder: {exc.strerror or exc}") from None
        for name, complete in made:
            write_atomic(folder / name, blocks(complete), inputs=inputs, chosen=True)
            written.append(folder / name)
            if wrote is not None:
                wrote(folder / name)
    return written


def today(plans: Sequence[Plan]) -> dt.date:
    """Today in the first plan's time zone (the next meeting of each plan is counted from it)."""
    import zoneinfo

    zone = next((p.timezone for p in plans if hasattr(p, "timezone")), DEFAULT_TIMEZONE)
    return dt.datetime.now(zoneinfo.ZoneInfo(zone)).date()


def is_folder_output(output: Path) -> bool:
    """Whether ``-o`` names a folder: an existing one, or a new name without an extension (``site/``, ``site``)."""
    return output.is_dir() or not (output.suffix or output.exists() or output.is_symlink())


def refuse_file_for_several(output: Path, count: int) -> None:
    """A file name given for several plans: refused, saying what to give instead."""
    if count > 1 and not is_folder_output(output):
        raise UsageError(
            f"{output}: {count} plans do not go into one file; give a folder, such as -o {output.parent}/, "
            "for a site (--format html) or one file per plan"
        )
