"""Translations of a plan's own text: one gettext catalog per plan and language, beside the plan.

A plan is written in one language (its ``language``, English by default) and
stays as written.  A translation lives in ``PLAN-STEM.LANG.po`` beside the
plan file (``data/csh-2022-2023.es.po``): each message is one text field of
the plan, its ``msgctxt`` a stable id of the item and field, its ``msgid``
the source text.  Ids follow the plan's own ids:

- ``plan.title``, ``plan/committee.name``, ``plan/introduction.text/2`` (the plan itself, lists counted from 1);
- ``meeting-5.title``, ``meeting-5/section/1.heading`` (anything with an ``id`` starts from it);
- ``meeting-5/agenda/1.title``, ``meeting-5/agenda/1.2.title`` (agenda entries by the numbers `show` prints);
- ``footnote-7.text`` (footnotes by their number).

`extract` writes the template (``PLAN-STEM.pot``); `status` counts what a
catalog translates, leaves untranslated, or has gone stale (its msgid is no
longer the source text, or it is marked fuzzy); `translate` gives the plan
with every translated field replaced and every other one kept as
`SourceText`, which the HTML pages mark with its own ``lang`` attribute.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .index import ID_FIELDS, numbered_agenda
from .models import Footnote, Meeting, Officer, Plan, Speaker, fields_of, is_record

# Fields that hold ids, symbols, codes or enumerations, never prose to translate.
_NOT_TEXT = frozenset(
    {
        "id",
        "kind",
        "language",
        "timezone",
        "symbol",
        "acronym",
        "documents",
        "links",
        "label",
        "paragraphs",
        *ID_FIELDS,
        "role",
        "stage",
        "frequency",
        "letter",
        "number",
        "revision",
        "at",
        "suppress",
        "section",  # a section footnote's place: a fixed code, not text
        "status",  # a fixed vocabulary (scheduled, postponed, cancelled, held), shown in workplan's own words
    }
)


class SourceText(str):
    """Plan text shown as written because the catalog has no (current) translation of it."""

    lang: str = "en"


class MixedText(str):
    """workplan's words joined to plan text shown untranslated: "Chair of the <span lang=en>Working Group…</span>".

    As a string it is the plain text; in a page (``__html__``, which Jinja and
    markupsafe ask for) each `SourceText` part keeps its language mark.
    """

    html: str = ""

    def __html__(self) -> str:
        return self.html


def compose(pattern: str, **parts: str) -> str:
    """``pattern.format(**parts)``; a `MixedText` when a part is `SourceText`, so that its mark is not lost."""
    text = pattern.format(**parts)
    if not any(isinstance(part, (SourceText, MixedText)) for part in parts.values()):
        return text
    from markupsafe import escape

    def shown(part: str) -> str:
        if isinstance(part, MixedText):
            return part.html
        if isinstance(part, SourceText):
            return f'<span lang="{escape(part.lang)}">{escape(part)}</span>'
        return str(escape(part))

    mixed = MixedText(text)
    mixed.html = str(escape(pattern)).format(**{key: shown(part) for key, part in parts.items()})
    return mixed


def _marked(text: str, lang: str) -> SourceText:
    shown = SourceText(text)
    shown.lang = lang
    return shown


@dataclass(frozen=True)
class Message:
    """One translatable text of a plan: where it is (``context``) and what it says (``source``)."""

    context: str
    source: str


@dataclass(frozen=True)
class Status:
    """What a catalog does for a plan: counts, and the ids of its stale messages."""

    plan: str
    lang: str
    catalog: str | None
    total: int
    translated: int
    untranslated: int
    stale: tuple[str, ...]
    language: str = "en"  # the language the plan is written in

    def as_dict(self) -> dict[str, Any]:
        return {
            "plan": self.plan,
            "lang": self.lang,
            "catalog": self.catalog,
            "total": self.total,
            "translated": self.translated,
            "untranslated": self.untranslated,
            "stale": len(self.stale),
            "stale_ids": list(self.stale),
        }


GLOSSARY_PATH = Path(__file__).parent / "locale" / "glossary.csv"


@functools.cache
def glossary(lang: str) -> dict[str, str]:
    """The OAS terminology glossary shipped with workplan: English name or acronym -> its form in ``lang``.

    Names of OAS organs, committees, secretariats and partners, and their
    acronyms (IADB -> JID), in the OAS's own usage.  Any plan uses it: a
    plan's catalog needs no entry for a name the glossary knows, and may
    give its own translation, which wins.
    """
    import csv

    with GLOSSARY_PATH.open(encoding="utf-8", newline="") as stream:
        return {row["en"]: row[lang] for row in csv.DictReader(stream) if row.get(lang)}


def catalog_path(plan_path: Path, lang: str) -> Path:
    """``data/csh-2022-2023.yaml`` -> ``data/csh-2022-2023.es.po``."""
    return plan_path.with_name(f"{plan_path.stem}.{lang}.po")


def template_path(plan_path: Path) -> Path:
    """``data/csh-2022-2023.yaml`` -> ``data/csh-2022-2023.pot``."""
    return plan_path.with_name(f"{plan_path.stem}.pot")


# --- walking a plan ------------------------------------------------------------------------------


def _fields(record: Any) -> Iterator[str]:
    for name in fields_of(type(record)):
        if name in _NOT_TEXT:
            continue
        if name == "name" and isinstance(record, Officer | Speaker):  # a person's name is not translated
            continue
        yield name


def _prefix(record: Any, fallback: str) -> str:
    if isinstance(record, Footnote):
        return f"footnote-{record.number}"
    ident = getattr(record, "id", None)
    return ident if isinstance(ident, str) else fallback


def _rebuild(
    record: Any, prefix: str, visit: Any, skip: frozenset[str] = frozenset(), acronyms: dict[str, str] | None = None
) -> Any:
    """``record`` with each text field passed through ``visit(context, text)`` (a copy only if one changed).

    With ``acronyms``, an ``acronym`` field (never a message) is replaced by its form there, if it has one.
    """
    changes: dict[str, Any] = {}
    acronym = getattr(record, "acronym", None) if acronyms else None
    if isinstance(acronym, str) and acronyms and acronym in acronyms:
        changes["acronym"] = acronyms[acronym]
    for name in _fields(record):
        if name in skip:
            continue
        value = getattr(record, name)
        new: Any = value
        if isinstance(value, str):
            new = visit(f"{prefix}.{name}", value)
        elif isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
            new = tuple(visit(f"{prefix}.{name}/{n}", v) for n, v in enumerate(value, 1))
        elif isinstance(record, Meeting) and name == "agenda":
            new = _agenda(record, visit)
        elif is_record(value):
            new = _rebuild(value, _prefix(value, f"{prefix}/{name}"), visit, acronyms=acronyms)
        elif isinstance(value, tuple) and value and all(is_record(v) for v in value):
            new = tuple(
                _rebuild(v, _prefix(v, f"{prefix}/{name}/{n}"), visit, acronyms=acronyms)
                for n, v in enumerate(value, 1)
            )
        if new is not value:
            changes[name] = new
    if not changes:
        return record
    if hasattr(record, "model_copy"):
        return record.model_copy(update=changes)
    shallow = copy.copy(record)
    for name, new in changes.items():
        object.__setattr__(shallow, name, new)  # a frozen agenda dataclass: set on the copy
    return shallow


_NESTED = frozenset({"topics", "items"})  # walked by `_agenda`, numbered as the index numbers them


def _agenda(meeting: Meeting, visit: Any) -> tuple[Any, ...]:
    """Agenda sections, their topics and items keyed by the numbers `show` prints (1, 1.2)."""
    # The index's numbering, in the order this walk meets the entries: a topic, then its items.
    numbers = iter([e.number for e in numbered_agenda(meeting)])
    sections = []
    for k, section in enumerate(meeting.agenda, 1):
        new = _rebuild(section, f"{meeting.id}/section/{k}", visit, _NESTED)
        topics = []
        for topic in section.topics:
            topic = _rebuild(topic, f"{meeting.id}/agenda/{next(numbers)}", visit, _NESTED)
            items = tuple(_rebuild(item, f"{meeting.id}/agenda/{next(numbers)}", visit) for item in topic.items)
            if any(a is not b for a, b in zip(items, topic.items, strict=True)):
                topic = copy.copy(topic)
                object.__setattr__(topic, "items", items)
            topics.append(topic)
        if any(t is not old for t, old in zip(topics, new.topics, strict=True)):
            new = copy.copy(new)
            object.__setattr__(new, "topics", tuple(topics))
        sections.append(new)
    return tuple(sections)


def messages(plan: Plan) -> list[Message]:
    """Every translatable text of ``plan``, in the order of the file."""
    found: list[Message] = []

    def collect(context: str, text: str) -> str:
        found.append(Message(context, text))
        return text

    _rebuild(plan, "plan", collect)
    return found


# --- catalogs ------------------------------------------------------------------------------------


def template_text(plan: Plan) -> str:
    """The ``.pot`` of a plan: every message with an empty translation."""
    import io

    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(project=plan.id, domain=plan.id, fuzzy=False)
    catalog.header_comment = (
        f"# Text of the plan {plan.id} to translate; msgctxt is the item and field (see `workplan i18n`)."
    )
    for message in messages(plan):
        catalog.add(message.source, "", context=message.context)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False, ignore_obsolete=True)
    text = buffer.getvalue().decode("utf-8")
    # The creation date would make every extraction differ from the last: keep the file reproducible.
    return "\n".join(line for line in text.split("\n") if not line.startswith('"POT-Creation-Date:'))


def extract(plan: Plan, plan_path: Path) -> Path:
    """Write the plan's ``.pot`` beside it, atomically; return its path."""
    from .fsutil import write_atomic

    target = template_path(plan_path)
    write_atomic(target, template_text(plan), inputs=[plan_path], chosen=True)
    return target


def _entries(path: Path, lang: str) -> dict[str, tuple[str, str, bool]]:
    """context -> (msgid, msgstr, fuzzy) of a plan catalog (a broken file is a positioned `CatalogError`)."""
    from .i18n import read_catalog

    catalog: Any = read_catalog(path, lang)
    out: dict[str, tuple[str, str, bool]] = {}
    for entry in catalog:
        if not entry.id or not entry.context:
            continue
        text = entry.string if isinstance(entry.string, str) else ""
        out[entry.context] = (str(entry.id), text, bool(entry.fuzzy))
    return out


def status(plan: Plan, plan_path: Path, lang: str) -> Status:
    """Translated, untranslated and stale messages of the plan's catalog for ``lang``.

    In the plan's own language every message is as written: all translated, no catalog read.
    """
    if lang == plan.language:
        total = len(messages(plan))
        return Status(plan.id, lang, None, total, total, 0, (), plan.language)
    path = catalog_path(plan_path, lang)
    entries = _entries(path, lang) if path.exists() else {}
    translated = untranslated = 0
    stale: list[str] = []
    found = messages(plan)
    terms = glossary(lang) if plan.language == "en" else {}
    for message in found:
        entry = entries.get(message.context)
        if (entry is None or not entry[1]) and message.source.strip() in terms:
            translated += 1  # the glossary translates it
        elif entry is None or not entry[1]:
            untranslated += 1
        elif entry[0] != message.source or entry[2]:
            stale.append(message.context)
        else:
            translated += 1
    return Status(
        plan.id,
        lang,
        str(path) if path.exists() else None,
        len(found),
        translated,
        untranslated,
        tuple(stale),
        plan.language,
    )


def translate(plan: Plan, plan_path: Path | None, lang: str) -> Plan:
    """``plan`` in ``lang``: each field its catalog translates (and is not stale), else the glossary's form of a
    name it knows, the others as `SourceText`; acronyms through the glossary."""
    if lang == plan.language:
        return plan
    path = catalog_path(plan_path, lang) if plan_path is not None else None
    entries = _entries(path, lang) if path is not None and path.exists() else {}
    terms = glossary(lang) if plan.language == "en" else {}

    def visit(context: str, text: str) -> str:
        entry = entries.get(context)
        if entry is not None and entry[1] and entry[0] == text and not entry[2]:
            return entry[1]
        known = terms.get(text.strip())
        if known is not None:
            return known
        return _marked(text, plan.language)

    translated: Plan = _rebuild(plan, "plan", visit, acronyms=terms)
    partners = getattr(translated, "partners", None)
    if partners and all(hasattr(p, "name") for p in partners):
        # A partner's name is a proper name, not a message of the catalog: the glossary's form, or as
        # written and marked with the plan's language (a page says "Department against…" is English).
        named = tuple(
            p.model_copy(update={"name": terms.get(p.name.strip()) or _marked(p.name, plan.language)}) for p in partners
        )
        translated = translated.model_copy(update={"partners": named})
    return translated
