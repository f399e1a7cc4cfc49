"""Synthetic but realistic committee plans of any size, for the benchmarks.

Each meeting has an agenda of 2–4 sections (thematic areas), 1–3 topics each,
0–3 items per topic, with paragraph references, document symbols and
presenters, like the CSH plan; there are other OAS activities, the draft
resolution's milestones, pending events and yearly reports.  Meetings fall on
weekdays, two a day (10:00–13:00 and 14:30–17:30), so the plan validates
without errors.

    python benchmarks/generate.py 1500 > plan-1500.yaml
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Iterator

AREAS = [
    ("outlook", "Hemispheric multidimensional security outlook and review"),
    ("peace", "Commitments to peace, disarmament and non-proliferation"),
    ("cooperation", "Strengthening hemispheric security and defense cooperation"),
    ("public-security", "Public security, justice, and violence and crime prevention"),
    ("toc", "Transnational organized crime"),
    ("regional", "Regional and specialized security concerns and challenges"),
    ("disaster", "Disaster response and critical infrastructure protection"),
    ("institutions", "Inter-American instruments and institutions"),
]
BODIES = [
    ("sms", "Secretariat for Multidimensional Security", "SMS"),
    ("iadb", "Inter-American Defense Board", "IADB"),
    ("cicte", "Inter-American Committee against Terrorism", "CICTE"),
    ("cicad", "Inter-American Drug Abuse Control Commission", "CICAD"),
]
LABELS = [str(n) for n in range(1, 121)] + [f"{n}.{c}" for n in (47, 79, 80, 86) for c in "abcdef"]
TOPICS = [
    "Combating transnational organized crime",
    "Advancing cybersecurity",
    "Preventing violence and crime",
    "Confidence- and security-building measures in the Americas",
    "Security implications of climate change",
]


def weekdays(start: dt.date) -> Iterator[dt.date]:
    day = start
    while True:
        if day.weekday() < 5:
            yield day
        day += dt.timedelta(days=1)


def plan(meetings: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    start = dt.date(2000, 1, 3)
    days = weekdays(start)
    slots: list[tuple[dt.date, str, str]] = []
    while len(slots) < meetings:
        day = next(days)
        slots += [(day, "10:00", "13:00"), (day, "14:30", "17:30")]
    slots = slots[:meetings]
    end = slots[-1][0] + dt.timedelta(days=30)
    out = [
        "kind: committee-plan",
        "schema_version: 1",
        f"id: synthetic-{meetings}",
        f"title: Synthetic work plan with {meetings} meetings",
        "committee:",
        "  name: Committee on Hemispheric Security",
        "  acronym: CSH",
        "term:",
        f"  start: {start}",
        f"  end: {end}",
        f"adopted: {start}",
        "timezone: America/New_York",
        "introduction:",
        f"  installed: {start}",
        "  installed_by: Permanent Council",
        "  general_assembly:",
        "    name: Regular session of the General Assembly",
        f"    date: {end}",
        f"  planned_meetings: {meetings}",
        "  planned_events: 0",
        "  text:",
        "    - A synthetic plan for benchmarks.",
        "officers:",
        "  - id: chair",
        "    role: chair",
        "    name: A. Chair",
        "    position: Permanent Representative",
        "    country: Testland",
        "    elected_by: Permanent Council",
        f"    elected_on: {start}",
        "functions: To study and make recommendations.",
        "mandates:",
        "  - source: From the regular session",
        "    mandates:",
        "      - text: Follow-up",
        "        resolutions: [ag-1]",
        "resolutions:",
        "  - id: ag-1",
        "    symbol: AG/RES. 1 (I-O/00)",
        "    default: true",
        "    paragraphs:",
    ]
    out += [f'      - label: "{label}"' for label in LABELS]
    out += ["bodies:"] + [f"  - {{id: {i}, name: {n}, acronym: {a}}}" for i, n, a in BODIES]
    out += ["working_groups:", "  - id: wg-1", "    name: Working Group on Testing", '    paragraphs: ["38"]']
    out += ["areas:"] + [f'  - {{id: {i}, number: {n}, name: "{name}"}}' for n, (i, name) in enumerate(AREAS, 1)]
    out += [
        "procedure:",
        "  events: []",
        "  milestones:",
        "    - id: procedure-presented",
        "      stage: procedure",
        "      title: Procedure presented",
        f"      date: {slots[0][0]}",
        "      meeting: meeting-1",
        "    - id: first-version",
        "      stage: first-version",
        "      title: First version",
        f"      date: {slots[len(slots) // 2][0]}",
        "    - id: consideration",
        "      stage: consideration",
        "      title: Consideration",
        f"      date: {slots[-1][0]}",
        f"      meeting: meeting-{meetings}",
        "  length_limits:",
        "    - maximum: 3",
        "      of: preambular paragraphs",
        "meetings:",
    ]
    for n, (day, begin, finish) in enumerate(slots, 1):
        out += [
            f"  - id: meeting-{n}",
            f"    number: {n}",
            "    kind: regular",
            f"    date: {day}",
            f'    start_time: "{begin}"',
            f'    end_time: "{finish}"',
            "    summary: Regular meeting of the CSH",
            "    agenda:",
        ]
        for area in rng.sample(AREAS, rng.randint(2, 4)):
            out += [f"      - area: {area[0]}", "        topics:"]
            for _ in range(rng.randint(1, 3)):
                out += [f"          - title: {rng.choice(TOPICS)}", "            items:"]
                for _ in range(rng.randint(1, 3)):
                    labels = rng.sample(LABELS, rng.randint(1, 3))
                    body = rng.choice(BODIES)[0]
                    out += [
                        f"              - title: Presentation by the {body.upper()} on the implementation of paragraphs {', '.join(labels)}",
                        f"                paragraphs: [{', '.join(repr(x).replace(chr(39), chr(34)) for x in labels)}]",
                        f"                by: [{body}]",
                    ]
                    if rng.random() < 0.2:
                        out.append(
                            f'                documents: ["CP/CSH-{rng.randint(1000, 2999)}/{day:%y} rev. {rng.randint(1, 5)}"]'
                        )
    out.append("activities:")
    for n, (day, _, _) in enumerate(slots[:: max(1, len(slots) // max(1, meetings // 5))], 1):
        out += [
            f"  - id: activity-{n}",
            f"    title: Seminar number {n}",
            f"    date: {day}",
            f"    end_date: {day + dt.timedelta(days=2)}",
            "    organizers: [iadb]",
        ]
    out += ["pending:", "  - id: summit", "    title: Summit, date to be determined", '    paragraphs: ["17"]']
    out += [
        "reports:",
        "  - id: mines",
        "    title: Register of mines",
        "    frequency: yearly",
        "    due:",
        "      - {month: 4, day: 15}",
    ]
    out += ["suppress:", "  - rule: unused-declaration", "    reason: Synthetic plans cite paragraphs at random."]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(plan(int(sys.argv[1])))
