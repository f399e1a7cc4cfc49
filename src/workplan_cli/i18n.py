"""The language workplan writes in: gettext catalogs of its own words, chosen per command.

Everything workplan itself writes (headings, labels, ordinals, relative days,
messages) is an English msgid looked up in
``locale/<lang>/LC_MESSAGES/workplan.po`` beside this module.  The catalogs
are read with Babel's ``read_po`` and compiled in memory, so nothing but the
``.po`` text is kept in git; English needs no lookup (its msgids are the
text).  The language in force is a context variable set by `use`: the
renderers, `upcoming` and `show` all read it, so no signature between the
command and the words changes.

Placeholders in Python msgids are ``str.format`` fields (``{day}``); in the
templates they are Jinja's newstyle ``%(name)s``.
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from .errors import WorkplanError

DOMAIN = "workplan"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_LANG: ContextVar[str] = ContextVar("workplan_lang", default="en")


class CatalogError(WorkplanError):
    """A translation catalog cannot be read: the message names its file and line."""

    exit_code = 1


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def current() -> str:
    """The language in force: ``en``, ``es``, ``fr`` or ``pt``."""
    return _LANG.get()


@contextmanager
def use(lang: str) -> Iterator[None]:
    """Write in ``lang`` inside the block."""
    token = _LANG.set(lang)
    try:
        yield
    finally:
        _LANG.reset(token)


_PO_LINE = re.compile(r'(?:(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+)?(".*)')
_PO_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def _check_lines(path: Path, text: str) -> None:
    """A line Babel would read past (an unterminated string, a stray word) is an error at that line."""
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_CATALOG_LINE:
            raise CatalogError(
                f"{path}:{number}: broken translation catalog: a line over {MAX_CATALOG_LINE:,} characters "
                "(split a long message over several quoted lines)"
            )
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _PO_LINE.fullmatch(stripped)
        if match is None:
            raise CatalogError(f"{path}:{number}: broken translation catalog: not a keyword or a quoted string")
        if not _PO_STRING.fullmatch(match.group(1)):
            raise CatalogError(f"{path}:{number}: broken translation catalog: unterminated or malformed string")


# What a translation catalog may be: a regular file of at most this many bytes,
# lines of at most this many characters, and at most this many plural forms
# (CLDR's languages have six at the most).  A file past them is refused before
# Babel reads it, so a hostile catalog cannot take the machine's memory.
MAX_CATALOG_BYTES = 64 * 1024 * 1024
MAX_CATALOG_LINE = 64 * 1024
MAX_PLURAL_FORMS = 6
_NPLURALS = re.compile(r'"Plural-Forms:[^"\n]*?\bnplurals\s*=\s*([^;"\\]*)')  # in the header's Plural-Forms line


def _catalog_bytes(path: Path) -> bytes:
    """The bytes of a catalog that is a regular file within the size limit (never blocks on a FIFO)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read translation catalog: {exc.strerror or exc}") from None
    if not stat.S_ISREG(os.fstat(handle).st_mode):  # a folder too, which os.fdopen would refuse with an OSError
        os.close(handle)
        raise CatalogError(f"{path}: a translation catalog must be a regular file")
    # 64 KiB at a time: `read(MAX_CATALOG_BYTES + 1)` would ask for the whole limit before reading a byte.
    chunks, size = [], 0
    with os.fdopen(handle, "rb") as stream:
        while chunk := stream.read(1 << 16):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_CATALOG_BYTES:
                raise CatalogError(f"{path}: translation catalog larger than {MAX_CATALOG_BYTES // 2**20} MiB")
    return b"".join(chunks)


def read_catalog(path: Path, locale: str | None = None) -> Any:
    """A Babel catalog read from ``path``; a broken file is a `CatalogError` naming file and line."""
    from babel.messages.pofile import PoFileError, read_po

    data = _catalog_bytes(path)
    try:
        text = data.decode("utf-8")
        _check_lines(path, text)
        plurals = _NPLURALS.search(text)
        if plurals is not None:
            line = text.count("\n", 0, plurals.start()) + 1
            count = plurals.group(1).strip()
            if not count.isascii() or not count.isdigit():
                raise CatalogError(
                    f"{path}:{line}: broken translation catalog: nplurals={count}; nplurals is a number of plural "
                    "forms, like nplurals=2"
                )
            if int(count[:4]) > MAX_PLURAL_FORMS:
                raise CatalogError(
                    f"{path}:{line}: broken translation catalog: nplurals={count}; a language has at most "
                    f"{MAX_PLURAL_FORMS} plural forms"
                )
        return read_po(io.BytesIO(data), locale=locale, abort_invalid=True)
    except PoFileError as exc:
        # Babel counts lines from 0 and adds " on N" to its message.
        message = re.sub(r" on \d+$", "", str(exc))
        raise CatalogError(f"{path}:{exc.lineno + 1}: broken translation catalog: {message}") from None
    except UnicodeDecodeError as exc:
        raise CatalogError(f"{path}: broken translation catalog: not UTF-8 ({exc.reason})") from None
    except (ValueError, SyntaxError) as exc:  # a malformed header or plural rule
        raise CatalogError(f"{path}: broken translation catalog: {exc}") from None
    except MemoryError:
        raise CatalogError(f"{path}: translation catalog too large to read") from None


def compile_catalog(catalog: Any) -> _gettext.GNUTranslations:
    """A Babel catalog as gettext translations (its fuzzy and empty entries left out)."""
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """workplan's own words in ``lang``; English is the msgids themselves."""
    if lang == "en":
        return _gettext.NullTranslations()
    return compile_catalog(read_catalog(catalog_path(lang), lang))


def gettext(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations(current()).pgettext(context, message)


_ = gettext


def N_(message: str) -> str:
    """Marks ``message`` for the catalogs where it is defined; it is translated where it is shown."""
    return message


def NP_(context: str, message: str) -> str:
    """`N_` for a message with a context (translated with `pgettext`)."""
    return message
