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
    lang = current()
    if lang == "en":
        return f"{day:%B}"
    from babel.dates import format_date

    return str(format_date(day, format="LLLL", locale=lang))


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
