"""The bundled CSH plan holds what the seed says: counts, and facts picked from it."""

from __future__ import annotations

import datetime as dt

from conftest import DATA
from workplan_cli.loader import load_plan
from workplan_cli.models import CommitteePlan

PATH = DATA / "csh-2022-2023.yaml"
T = dt.time


def plan() -> CommitteePlan:
    loaded = load_plan(PATH)
    assert loaded.diagnostics == []
    assert isinstance(loaded.plan, CommitteePlan)
    return loaded.plan


def meeting(p, ident):
    return next(m for m in p.meetings if m.id == ident)


def test_csh_counts():
    p = plan()
    numbered = [m for m in p.meetings if m.number is not None]
    assert [m.number for m in numbered] == list(range(1, 16))
    assert len(p.meetings) - len(numbered) == 10
    assert len(p.working_groups) == 5
    assert len(p.areas) == 8
    assert len(p.officers) == 4
    assert len(p.activities) == 11
    assert len(p.pending) == 11
    assert len(p.reports) == 10
    assert len(p.procedure.milestones) == 5
    assert len(p.procedure.length_limits) == 5
    assert sum(len(r.paragraphs) for r in p.resolutions) == 70
    assert p.introduction.planned_meetings == 14  # as the introduction says; the annex has 15


def test_csh_every_meeting_date_and_hours():
    p = plan()
    assert [(m.id, m.date.isoformat(), f"{m.start_time:%H:%M}-{m.end_time:%H:%M}") for m in p.meetings] == [
        ("meeting-1", "2022-12-01", "10:00-13:00"),
        ("meeting-2", "2022-12-15", "10:00-13:00"),
        ("dsa-informal-2022-12-15", "2022-12-15", "12:00-13:00"),
        ("meeting-3", "2023-01-19", "10:00-13:00"),
        ("dsa-informal-2023-01-19", "2023-01-19", "12:00-13:00"),
        ("meeting-4", "2023-02-02", "10:00-13:00"),
        ("wg-tip-2023-02-14", "2023-02-14", "14:30-17:30"),
        ("meeting-5", "2023-02-16", "10:00-13:00"),
        ("dsa-informal-2023-02-16", "2023-02-16", "12:00-13:00"),
        ("forum-csbm-x", "2023-03-02", "10:00-13:00"),
        ("meeting-6", "2023-03-09", "10:00-13:00"),
        ("wg-tip-2023-03-14", "2023-03-14", "14:30-17:30"),
        ("meeting-7", "2023-03-16", "10:00-13:00"),
        ("meeting-8", "2023-03-30", "10:00-12:00"),
        ("meeting-9", "2023-04-13", "10:00-13:00"),
        ("wg-tip-2023-04-25", "2023-04-25", "10:00-13:00"),
        ("meeting-10", "2023-05-04", "10:00-13:00"),
        ("toc-points-of-contact", "2023-05-05", "10:00-17:30"),
        ("meeting-11", "2023-05-25", "10:00-13:00"),
        ("special-caribbean-2023", "2023-05-30", "10:00-13:00"),
        ("special-sica-2023", "2023-05-30", "14:30-17:30"),
        ("meeting-12", "2023-06-01", "10:00-13:00"),
        ("meeting-13", "2023-06-06", "10:00-13:00"),
        ("meeting-14", "2023-06-08", "10:00-18:30"),
        ("meeting-15", "2023-06-12", "14:30-17:30"),
    ]


def test_csh_facts_picked_from_the_seed():
    p = plan()
    chair = p.officers[0]
    assert (chair.title, chair.name, chair.country, chair.elected_on) == (
        "Ambassador",
        "Luz Elena Baños Rivas",
        "Mexico",
        dt.date(2022, 11, 11),
    )
    assert p.officers[3].name == "Akeila Vanessa Samuel"
    assert [w.paragraphs for w in p.working_groups] == [("ag-2970:47.b",), ("3",), ("17",), ("38",), ("56",)]
    m4 = meeting(p, "meeting-4")
    item = m4.agenda[1].topics[0].items[1]
    assert item.paragraphs == ("85", "86.e", "86.d", "87", "88", "89")
    assert [(f.number, f.at) for f in item.footnotes] == [(7, "87"), (8, "88")]
    assert item.footnotes[0].text.startswith("The IADB delivered a presentation on humanitarian demining, on March 30;")
    m7 = meeting(p, "meeting-7")
    assert m7.agenda[0].topics[0].items[0].speakers[0].model_dump() == {
        "name": "Ms. Katherine Prizeman",
        "title": "Political Affairs Officer",
        "body": "unoda",
    }
    assert m7.agenda[-1].topics[0].documents == ("CP/CSH-2176/22 rev. 2",)
    m8 = meeting(p, "meeting-8")
    assert m8.agenda[0].topics[1].items[0].resolutions == ("unsc-1540",)
    m11 = meeting(p, "meeting-11")
    tip = m11.agenda[0].topics[3].items[1]
    assert (tip.paragraphs, tip.documents) == (("ag-2970:47.b",), ("CSH/GT/TP/doc.2/22 rev. 5",))
    assert meeting(p, "forum-csbm-x").agenda[0].topics[1].documents == ("CSH/FORO-X/doc. 2/23 rev. 1",)
    assert meeting(p, "special-caribbean-2023").agenda[0].topics[0].items[0].documents == ("CP/CSH/2206/23 rev. 2",)
    assert meeting(p, "dsa-informal-2023-01-19").within == "meeting-3"
    assert meeting(p, "meeting-14").heading == "FOURTEENTH REGULAR MEETING"
    cicte = next(a for a in p.activities if a.id == "cicte-23-regular-session")
    assert (cicte.date, cicte.end_date, cicte.place) == (dt.date(2023, 5, 17), dt.date(2023, 5, 18), "Mexico City")
    assert [
        (m.stage, m.date.isoformat(), m.summary_date and m.summary_date.isoformat()) for m in p.procedure.milestones
    ] == [
        ("procedure", "2023-01-19", None),
        ("first-version", "2023-04-14", "2023-03-30"),
        ("comments-due", "2023-04-28", None),
        ("revised-version", "2023-05-05", "2023-05-03"),
        ("consideration", "2023-05-25", None),
    ]
    assert [(d.month, d.day) for r in p.reports for d in r.due] == [
        (4, 15),
        (6, 15),
        (7, 1),
        (7, 30),
        (7, 1),
        (7, 15),
        (7, 15),
    ]
    assert next(r for r in p.reports if r.id == "landmines-register").resolutions == ("ag-2630", "ag-2735", "ag-1496")
    assert [r.frequency for r in p.reports][-4:] == ["voluntary", "voluntary", "biennial", "voluntary"]
    assert next(e for e in p.pending if e.id == "cicte-cicad-joint").paragraphs == ("ag-2970:91",)
    assert sorted(f.number for f in p.footnotes) == [4, 6, 10]
    assert p.mandates[0].footnotes[0].documents == ("CP/doc.5826/22 corr. 1",)
    paragraph_17 = next(x for x in p.resolutions[0].paragraphs if x.label == "17")
    assert paragraph_17.subject.startswith(
        "Preparations for the Eighth Meeting of Ministers Responsible for Public Security"
    )


def test_items_the_source_gives_no_presenter_refer_to_the_body():
    """Annual reports on CICAD, the IADB and CICTE, the IADC's academic calendar, the SAF's costing support."""
    from workplan_cli.index import index_of

    p = plan()
    index = index_of(p)
    entries = {
        e.entry.title: e.entry
        for m in p.meetings
        for e in index.agenda(m)
        if m.id in ("meeting-10", "meeting-11", "meeting-15")
    }
    about = {
        "Inter-American Drug Abuse Control Commission (CICAD)": ["cicad"],
        "Inter-American Defense Board": ["iadb"],
        "Inter-American Committee against Terrorism (CICTE)": ["cicte"],
    }
    for title, bodies in about.items():
        assert (entries[title].by, list(entries[title].refers_to)) == ((), bodies)
    calendar = next(t for t in entries if "IADC Academic Calendar" in t)
    cost = next(t for t in entries if t.startswith("Preparation of the template"))
    assert (entries[calendar].by, entries[calendar].refers_to) == ((), ("iadc",))
    assert (entries[cost].by, entries[cost].refers_to) == ((), ("saf",))


def test_stand_alone_items_after_a_thematic_block_are_sections_of_their_own():
    p = plan()
    last = {
        "meeting-2": "Consideration of the draft work plan and schedule of activities of the CSH for the 2022–2023 term",
        "meeting-3": "Dialogue on disaster response and critical infrastructure protection",
        "meeting-7": "Consideration of the proposed procedure for the presentation and negotiation of the draft "
        "omnibus resolution, CP/CSH-2176/22 rev. 2",
        "meeting-8": "Presentation on the mandate prioritization process, by the Secretariat for Administration "
        "and Finance, CP/CSH/INF.573/23",
    }
    for ident, title in last.items():
        [section] = [s for s in meeting(p, ident).agenda if any(t.title == title for t in s.topics)]
        assert (section.area, section.heading, [t.title for t in section.topics]) == (None, None, [title]), ident
