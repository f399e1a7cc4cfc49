"""How days and times are written in every output: the one place the house formats live.

They follow the published English documents, which delegations compare
with what workplan shows: "Thursday, March 2, 2023", "10:00 a.m. – 1:00 p.m.".
The templates (the ``long_day``, ``short_day`` and ``clock`` filters) and the
text and Markdown of `upcoming`, `query` and `show` all use these functions.
"""

from __future__ import annotations

import datetime as dt


def long_day(day: dt.date) -> str:
    """``Thursday, March 2, 2023``."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def short_day(day: dt.date) -> str:
    """``Thu, Mar 2, 2023``: for lists and tables."""
    return f"{day:%a}, {day:%b} {day.day}, {day.year}"


def month_day(day: dt.date) -> str:
    """``March 2``: a day of a year the reader already has (a heading, the day before)."""
    return f"{day:%B} {day.day}"


def clock(t: dt.time) -> str:
    """``10:00 a.m.``, ``12:00 p.m.``, ``2:30 p.m.``."""
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'a.m.' if t.hour < 12 else 'p.m.'}"


def time_range(start: dt.time, end: dt.time) -> str:
    """``10:00 a.m. – 1:00 p.m.``."""
    return f"{clock(start)} – {clock(end)}"
