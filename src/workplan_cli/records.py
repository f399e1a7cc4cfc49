"""The JSON records of `upcoming`, `query` and `show`: an API.

The shapes are documented in docs/commands.md and tested by exact comparison:
add keys if needed, never rename or remove one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from .models import Plan
from .models.scalars import hh_mm
from .queries import ActivityMatch, Citation, MeetingMatch, ParagraphCoverage
from .timeline import Entry


def _iso(value: dt.date | dt.time | None) -> str | None:
    if value is None:
        return None
    return hh_mm(value) if isinstance(value, dt.time) else value.isoformat()


def with_status(payload: dict[str, Any], item: Any) -> dict[str, Any]:
    """``payload`` with ``status`` and ``status_note`` added when the item has a status (absent means scheduled)."""
    if getattr(item, "status", None):
        payload["status"] = item.status
        payload["status_note"] = item.status_note
    return payload


def entry_json(entry: Entry) -> dict[str, Any]:
    return with_status(
        {
            "id": entry.id,
            "plan": entry.plan,
            "kind": entry.kind,
            "title": entry.title,
            "number": entry.number,
            "date": _iso(entry.date),
            "end_date": _iso(entry.end_date),
            "start_time": _iso(entry.start_time),
            "end_time": _iso(entry.end_time),
            "timezone": entry.timezone,
            "references": {
                "paragraphs": list(entry.paragraphs),
                "documents": list(entry.documents),
                "bodies": list(entry.bodies),
            },
        },
        entry,
    )


def meeting_match_json(match: MeetingMatch) -> dict[str, Any]:
    from .wording import meeting_title

    m = match.meeting
    return with_status(
        {
            "plan": match.plan,
            "id": m.id,
            "number": m.number,
            "kind": m.kind,
            "title": meeting_title(m),
            "date": _iso(m.date),
            "start_time": _iso(m.start_time),
            "end_time": _iso(m.end_time),
            "items": [
                {
                    "number": i.number,
                    "area": i.area,
                    "topic": i.topic,
                    "title": i.title,
                    "paragraphs": list(i.paragraphs),
                    "documents": list(i.documents),
                    "by": list(i.by),
                }
                for i in match.items
            ],
        },
        m,
    )


def citation_json(c: Citation) -> dict[str, Any]:
    return {"plan": c.plan, "kind": c.kind, "id": c.id, "date": _iso(c.date), "number": c.number, "title": c.title}


def coverage_json(rows: Sequence[ParagraphCoverage]) -> dict[str, Any]:
    def row(r: ParagraphCoverage) -> dict[str, Any]:
        return {
            "plan": r.plan,
            "resolution": r.resolution,
            "symbol": r.symbol,
            "paragraph": r.label,
            "subject": r.subject,
            "meetings": [{"id": c.id, "date": _iso(c.date), "number": c.number} for c in r.meetings],
        }

    return {
        "covered": [row(r) for r in rows if r.covered],
        "uncovered": [row(r) for r in rows if not r.covered],
    }


def activity_json(a: ActivityMatch) -> dict[str, Any]:
    """A program activity; ``date`` and ``end_date`` are there when the plan dates it, ``place`` when it gives one."""
    payload: dict[str, Any] = {
        "plan": a.plan,
        "program": a.program,
        "letter": a.letter,
        "subprogram": a.subprogram,
        "number": a.number,
        "text": a.text,
        "partners": list(a.partners),
        "gender": a.gender,
    }
    if a.date is not None:
        payload["date"] = _iso(a.date)
        payload["end_date"] = _iso(a.end_date)
    if a.place is not None:
        payload["place"] = a.place
    return payload


def entity_json(plan: Plan, entity: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {"plan": plan.id, "type": type(entity).__name__.lower()}
    payload.update(entity.model_dump(mode="json", exclude_defaults=True))
    return payload
