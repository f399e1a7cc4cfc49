"""How items are worded, in the language in use: ordinals, meeting headings, titles and anchors, statuses,
the words of open vocabularies.

Every output names meetings and statuses through these, so a meeting reads
the same in a page, a calendar, a terminal and a diff.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import i18n
from .i18n import N_, NP_
from .models import Meeting

if TYPE_CHECKING:
    from .timeline import Entry

# English ordinal words; in the other languages each is translated in the
# context "meeting" (a meeting is feminine: "primera", "première", "primeira").
ORDINALS = [
    NP_("meeting", "first"),
    NP_("meeting", "second"),
    NP_("meeting", "third"),
    NP_("meeting", "fourth"),
    NP_("meeting", "fifth"),
    NP_("meeting", "sixth"),
    NP_("meeting", "seventh"),
    NP_("meeting", "eighth"),
    NP_("meeting", "ninth"),
    NP_("meeting", "tenth"),
    NP_("meeting", "eleventh"),
    NP_("meeting", "twelfth"),
    NP_("meeting", "thirteenth"),
    NP_("meeting", "fourteenth"),
    NP_("meeting", "fifteenth"),
    NP_("meeting", "sixteenth"),
    NP_("meeting", "seventeenth"),
    NP_("meeting", "eighteenth"),
    NP_("meeting", "nineteenth"),
    NP_("meeting", "twentieth"),
]


# What an unnumbered meeting without a title is called, by kind.
KIND_TITLES = {
    "regular": N_("Regular meeting"),
    "informal": N_("Informal meeting"),
    "working-group": N_("Working group meeting"),
    "forum": N_("Forum meeting"),
    "special": N_("Special meeting"),
    "joint": N_("Joint meeting"),
    "points-of-contact": N_("Points of contact meeting"),
}


def ordinal(number: int) -> str:
    """1 -> 'first' (English ordinal words up to twentieth, then '21st' style)."""
    if 1 <= number <= len(ORDINALS):
        return ORDINALS[number - 1]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def meeting_ordinal(number: int) -> str:
    """The ordinal of a meeting in the language in force: 'fifth', 'quinta', 'cinquième', '21.ª'."""
    if i18n.current() == "en":
        return ordinal(number)
    if 1 <= number <= len(ORDINALS):
        return i18n.pgettext("meeting", ORDINALS[number - 1])
    return i18n.pgettext("meeting", "{number}th").format(number=number)


def numbered_meeting(number: int) -> str:
    """'Fifth meeting', 'Quinta reunión', 'Cinquième réunion', 'Quinta reunião'."""
    text = i18n.gettext("{ordinal} meeting").format(ordinal=meeting_ordinal(number))
    return text[:1].upper() + text[1:]


def held_at(meeting: Meeting) -> str:
    """Where a milestone happens: 'at the eleventh meeting' ('en la undécima reunión'); 'at Joint meeting …' unnumbered."""
    if meeting.number is not None:
        return i18n.gettext("at the {ordinal} meeting").format(ordinal=meeting_ordinal(meeting.number))
    return i18n.gettext("at the meeting “{meeting}”").format(meeting=meeting_title(meeting))


def own_words(word: str) -> str:
    """A value of an open vocabulary the plan uses in its own words: ``requested-by-the-assembly`` -> ``Requested by the assembly``."""
    text = word.replace("-", " ") if " " not in word else word
    return text[:1].upper() + text[1:]


def _kind_title(meeting: Meeting) -> str:
    title = KIND_TITLES.get(meeting.kind)
    return i18n.gettext(title) if title else own_words(meeting.kind)


def meeting_heading(meeting: Meeting) -> str:
    """The heading the document prints: 'FIRST MEETING', or the meeting's own."""
    if meeting.heading:
        return meeting.heading
    if meeting.number is not None:
        return numbered_meeting(meeting.number).upper()
    return meeting.title or meeting.summary or _kind_title(meeting)


def numbered_title(meeting: Meeting, number: int) -> str:
    """How a numbered meeting's title begins: 'Fifth meeting', or the heading the plan prints for it."""
    return meeting.heading.capitalize() if meeting.heading else numbered_meeting(number)


def meeting_title(meeting: Meeting) -> str:
    """A one-line title for lists: 'Fifth meeting', 'Sixth meeting: Joint meeting of …'."""
    if meeting.number is not None:
        head = numbered_title(meeting, meeting.number)
        return i18n.gettext("{meeting}: {title}").format(meeting=head, title=meeting.title) if meeting.title else head
    return meeting.title or meeting.summary or _kind_title(meeting)


def meeting_anchor(meeting: Meeting | Entry) -> str:
    """The id of a meeting's section on its plan's page: the meeting's own id, unique in the plan."""
    return meeting.id


STATUS_NAMES = {
    "scheduled": NP_("status", "Scheduled"),
    "postponed": NP_("status", "Postponed"),
    "cancelled": NP_("status", "Cancelled"),
    "held": NP_("status", "Held"),
}


def status_name(status: str | None) -> str:
    """'Cancelled', 'Postponed' or 'Held' in the language in use; '' for a scheduled item (nothing to say)."""
    if not status or status == "scheduled":
        return ""
    return i18n.pgettext("status", STATUS_NAMES[status])
