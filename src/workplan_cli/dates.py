"""How days and times are written in every output: the one place the house formats live.

In English they follow the published documents, which delegations compare
with what workplan shows: "Thursday, March 2, 2023", "10:00 a.m. – 1:00 p.m.".
In Spanish, French and Portuguese they are Babel's (CLDR's) patterns for the
locale: "jueves, 2 de marzo de 2023", "jeudi 2 mars 2023", "10:00 – 13:00".
The templates (the ``long_day``, ``short_day`` and ``clock`` filters) and the
text and Markdown of `upcoming`, `query` and `show` all use these functions;
the language is the one in force (`i18n.use`).
"""

from __future__ import annotations

import datetime as dt
import functools

from .i18n import current


def long_day(day: dt.date) -> str:
    """``Thursday, March 2, 2023``; ``jueves, 2 de marzo de 2023``."""
    lang = current()
    if lang == "en":
        return f"{day:%A}, {day:%B} {day.day}, {day.year}"
    from babel.dates import format_date

    return str(format_date(day, format="full", locale=lang))


def short_day(day: dt.date) -> str:
    """``Thu, Mar 2, 2023``; ``jue, 2 mar 2023``: for lists and tables."""
    lang = current()
    if lang == "en":
        return f"{day:%a}, {day:%b} {day.day}, {day.year}"
    from babel.dates import format_skeleton

    return str(format_skeleton("yMMMEd", day, locale=lang))


def month_day(day: dt.date) -> str:
    """``March 2``; ``2 de marzo``: a day of a year the reader already has (a heading, the day before)."""
    lang = current()
    if lang == "en":
        return f"{day:%B} {day.day}"
    from babel.dates import format_skeleton

    return str(format_skeleton("MMMMd", day, locale=lang))


def month_name(day: dt.date) -> str:
    """``March``; ``marzo`` (the name standing alone, as in a table's heading)."""
    return names("months")[day.month]


def names(which: str, short: bool = False) -> dict[int, str]:
    """The names of the ``"months"`` (1 to 12) or ``"days"`` (0 to 6, Monday first), standing alone: ``March``, ``marzo``.

    Abbreviated when ``short``: ``Mar``, ``mar``; ``Mon``, ``lun``.  English
    names are Python's own, as the other English formats here (CLDR gives
    the same); the others are CLDR's, through Babel, which an English page
    then need not load.
    """
    return _names(which, current(), short)


@functools.cache
def _names(which: str, lang: str, short: bool) -> dict[int, str]:
    # A page asks for them thousands of times (each mark of the picture of the term, each day of its calendar).
    if lang == "en":
        if which == "months":
            return {month: f"{dt.date(2000, month, 1):{'%b' if short else '%B'}}" for month in range(1, 13)}
        return {weekday: f"{dt.date(2000, 1, 3 + weekday):{'%a' if short else '%A'}}" for weekday in range(7)}
    from babel.dates import get_day_names, get_month_names

    get = get_month_names if which == "months" else get_day_names
    return {
        number: str(name)
        for number, name in get("abbreviated" if short else "wide", "stand-alone", locale=lang).items()
    }


def month_year(day: dt.date) -> str:
    """``March 2023``; ``marzo de 2023``."""
    lang = current()
    if lang == "en":
        return f"{day:%B %Y}"
    from babel.dates import format_skeleton

    return str(format_skeleton("yMMMM", day, locale=lang))


def clock(t: dt.time) -> str:
    """``10:00 a.m.``, ``12:00 p.m.``, ``2:30 p.m.``; ``14:30`` where the locale counts 24 hours."""
    lang = current()
    if lang != "en":
        from babel.dates import format_time

        return str(format_time(t, format="short", locale=lang))
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'a.m.' if t.hour < 12 else 'p.m.'}"


def time_range(start: dt.time, end: dt.time) -> str:
    """``10:00 a.m. – 1:00 p.m.``; ``10:00 – 13:00``."""
    return f"{clock(start)} – {clock(end)}"
