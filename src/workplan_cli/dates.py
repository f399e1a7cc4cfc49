"""How days and times are written in every output: the one place the house formats live.

In English they follow the published documents, which delegations compare
with what workplan shows: "Thursday, March 2, 2023", "10:00 a.m. – 1:00 p.m.".
In Spanish, French and Portuguese they are Babel's (CLDR's) patterns for the
locale: "jueves, 2 de marzo de 2023", "jeudi 2 mars 2023", "10:00 – 13:00".
The templates (the ``long_day``, ``short_day`` and ``clock`` filters) and the
text and Markdown of `upcoming`, `query` and `show` all use these functions;
the language is the one in force (`i18n.use`).

A date the plan gives only by month or year (`models.scalars.MonthDate`,
`YearDate`) is written as that month or year wherever a day would be:
"August 2002", "agosto de 2002", "2002".
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from .i18n import _, current, pgettext
from .models import precision


def _period(day: dt.date, short: bool = False) -> str | None:
    """A month or year standing for a date given only by month or year, else None."""
    kind = precision(day)
    if kind == "year":
        return str(day.year)
    if kind == "month":
        return month_year(day, short)
    return None


def long_day(day: dt.date) -> str:
    """``Thursday, March 2, 2023``; ``jueves, 2 de marzo de 2023``."""
    period = _period(day)
    if period is not None:
        return period
    lang = current()
    if lang == "en":
        return f"{day:%A}, {day:%B} {day.day}, {day.year}"
    from babel.dates import format_date

    return first_of_month(str(format_date(day, format="full", locale=lang)), day)


def plain_day(day: dt.date) -> str:
    """``Thursday, March 2, 2023``; ``2 de marzo de 2023``: a day after a preposition ("adopted on", "le", "em").

    English keeps its long day; the other languages drop the weekday, which
    a preposition before it makes wrong ("em quinta-feira, 2 de março").
    """
    period = _period(day)
    if period is not None:
        return period
    lang = current()
    if lang == "en":
        return long_day(day)
    from babel.dates import format_date

    return first_of_month(str(format_date(day, format="long", locale=lang)), day)


# How the first of a month is written where it is not a plain "1": French
# "1er mars", Portuguese "1º de março" (CLDR has no pattern for it).
FIRST_OF_MONTH = {"fr": "1er", "pt": "1º"}
_DAY_ONE = re.compile(r"(?<![\d.:])1(?![\d.:])")


def first_of_month(text: str, day: dt.date) -> str:
    """``text`` (a day written by CLDR's patterns) with its "1" as the language writes the first of a month."""
    first = FIRST_OF_MONTH.get(current())
    if first is None or day.day != 1:
        return text
    return _DAY_ONE.sub(first, text, count=1)


def short_day(day: dt.date) -> str:
    """``Thu, Mar 2, 2023``; ``jue, 2 mar 2023``: for lists and tables."""
    period = _period(day, short=True)
    if period is not None:
        return period
    lang = current()
    if lang == "en":
        return f"{day:%a}, {day:%b} {day.day}, {day.year}"
    from babel.dates import format_skeleton

    return first_of_month(str(format_skeleton("yMMMEd", day, locale=lang)), day)


def month_day(day: dt.date) -> str:
    """``March 2``; ``2 de marzo``: a day of a year the reader already has (a heading, the day before)."""
    period = _period(day)
    if period is not None:
        return period
    lang = current()
    if lang == "en":
        return f"{day:%B} {day.day}"
    from babel.dates import format_skeleton

    return first_of_month(str(format_skeleton("MMMMd", day, locale=lang)), day)


def nav_day(day: dt.date) -> str:
    """``01 Dec``; ``1 dic``, ``1er déc.``, ``1º de dez.``: the day and month of a contents entry.

    English keeps its published form; the others are CLDR's, unpadded.
    """
    lang = current()
    if lang == "en":
        return day.strftime("%d %b")
    from babel.dates import format_skeleton

    return first_of_month(str(format_skeleton("MMMd", day, locale=lang)), day)


def caption(text: str) -> str:
    """A month's name as a caption or title: ``Mars 2023``, ``Marzo de 2023`` (CLDR writes months in lower case)."""
    return text[:1].upper() + text[1:]


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


def month_year(day: dt.date, short: bool = False) -> str:
    """``March 2023``; ``marzo de 2023`` (``Mar 2023``, ``mar 2023`` when short)."""
    lang = current()
    if lang == "en":
        return f"{day:%b %Y}" if short else f"{day:%B %Y}"
    from babel.dates import format_skeleton

    return str(format_skeleton("yMMM" if short else "yMMMM", day, locale=lang))


def clock(t: dt.time) -> str:
    """``10:00 a.m.``, ``12:00 p.m.``, ``2:30 p.m.``; ``14:30`` where the locale counts 24 hours."""
    lang = current()
    if lang != "en":
        from babel.dates import format_time

        return str(format_time(t, format="short", locale=lang))
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'a.m.' if t.hour < 12 else 'p.m.'}"


def time_range(start: dt.time, end: dt.time) -> str:
    """``10:00 a.m. – 1:00 p.m.``; ``10:00 – 13:00``: each end in CLDR's short time, a spaced en dash between.

    Spanish is the house style of the OAS's Spanish documents, the 24-hour
    clock (``10:00 – 13:00``), which is CLDR's short time in Spanish; French
    and Portuguese are CLDR's short time too (``10:00``).  The dash is spaced
    as the pages write it (CLDR's interval formats would write ``10:00–13:00``
    in Spanish and thin spaces in French).
    """
    return f"{clock(start)} – {clock(end)}"


def hours(start: dt.time | None, end: dt.time | None) -> str:
    """`time_range`, or ``time to be confirmed`` for a meeting whose hours are not yet known."""
    if start is None or end is None:
        return _("time to be confirmed")
    return time_range(start, end)


def day_span(first: dt.date, last: dt.date | None, short: bool = False) -> str:
    """``Tuesday, May 30, 2023`` or, for several days, ``Tuesday, May 30, 2023 to Wednesday, May 31, 2023``.

    In the other languages several days are a range (`day_range`): ``del 8 al 10 de marzo de 2023``.
    """
    write = short_day if short else long_day
    if last is None or last == first:
        return write(first)
    if current() != "en" and precision(first) == precision(last) == "day":
        return day_range(first, last)
    return _("{first} to {last}").format(first=write(first), last=write(last))


def differs_from_local(zone: str, moments: list[tuple[dt.date, dt.time]]) -> bool:
    """Whether a clock in ``zone`` reads otherwise than the reader's (the machine's zone, or ``TZ``) at any of ``moments``.

    Two zones with the same offsets at those moments (America/Toronto and America/New_York) are the same to the reader.
    """
    import time
    import zoneinfo

    time.tzset()  # TZ as it is now (a test, or a caller, may have set it since the start)
    there = zoneinfo.ZoneInfo(zone)
    for day, clock_time in moments:
        try:
            moment = dt.datetime.combine(day, clock_time, tzinfo=there)
            if moment.utcoffset() != moment.astimezone().utcoffset():
                return True
        except (OverflowError, ValueError, OSError):  # a day at the calendar's edges: the zone's name says enough
            return True
    return False


def range_parts(first: dt.date, last: dt.date, year: bool = True) -> tuple[str, str]:
    """The two ends of a range of days, written once what they share is said by the last.

    Which fields each end keeps follows CLDR's interval formats (the
    greatest field that differs): ``8`` and ``10 de marzo de 2023``;
    ``8 de marzo`` and ``2 de abril de 2023``; two years, both whole.
    Without ``year`` (under a heading that gives it) a range within one
    year leaves it out: ``8`` and ``10 de marzo``.
    """
    from babel.dates import format_skeleton

    lang = current()
    year = year or first.year != last.year
    whole = first_of_month(str(format_skeleton("yMMMMd" if year else "MMMMd", last, locale=lang)), last)
    if first.year != last.year:
        start = str(format_skeleton("yMMMMd", first, locale=lang))
    elif first.month != last.month:
        start = str(format_skeleton("MMMMd", first, locale=lang))
    else:
        start = str(first.day)
    return first_of_month(start, first), whole


def day_range(first: dt.date, last: dt.date, year: bool = True) -> str:
    """``del 8 al 10 de marzo de 2023``, ``du 8 au 10 mars 2023``, ``de 8 a 10 de março de 2023`` (`range_parts`)."""
    start, end = range_parts(first, last, year)
    return pgettext("range of days", "from {first} to {last}").format(first=start, last=end)
