"""Reading plan files: finding them under folders, and reading them as UTF-8 text."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from .. import diagnostics as d
from ..diagnostics import Diagnostic
from ..errors import PathError
from ..text import byte_position
from ..vocabulary import PLAN_SUFFIXES


def discover(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the plan files under them; keep files as given.

    Raises `PathError` for a path that does not exist, or a folder that
    cannot be listed or searched.
    """
    found: list[Path] = []
    missing: list[str] = []
    for path in map(Path, paths):
        info = _stat(path)
        if info is None:
            missing.append(str(path))
        elif stat.S_ISDIR(info.st_mode):
            found.extend(_plan_files(path))
        else:
            found.append(path)
    if missing:
        raise PathError(f"no such file or directory: {', '.join(missing)}")
    return found


def plan_files(paths: Sequence[Path]) -> list[Path]:
    """`discover`, and `PathError` when the paths hold no plan file at all."""
    found = discover(paths)
    if not found:
        raise PathError(no_plan_files(paths))
    return found


def no_plan_files(paths: Sequence[Path]) -> str:
    """What to say when ``paths`` hold no plan file: the names a folder is searched for, and the paths."""
    patterns = ", ".join(f"*{suffix}" for suffix in PLAN_SUFFIXES)
    return f"no plan files ({patterns}) found in {', '.join(map(str, paths))}"


def _stat(path: Path) -> os.stat_result | None:
    """The path's status (following links), None if it does not exist; `PathError` if it cannot be looked at."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise PathError(f"{path}: cannot open: {exc.strerror or exc}") from None


def _plan_files(folder: Path) -> list[Path]:
    """The plan files under ``folder``, sorted; `PathError` for a folder that cannot be listed or searched."""

    def refuse(exc: OSError) -> None:
        raise PathError(f"{exc.filename or folder}: cannot list the folder: {exc.strerror or exc}")

    files = []
    for root, folders, names in os.walk(folder, onerror=refuse):
        folders.sort()
        for name in names:
            path = Path(root, name)
            if path.suffix in PLAN_SUFFIXES:
                info = _stat(path)
                if info is not None and stat.S_ISREG(info.st_mode):
                    files.append(path)
    return sorted(files)


def read_text(path: Path) -> tuple[str | None, Diagnostic | None]:
    """Read a file as UTF-8 (a leading BOM is allowed).

    Returns the text, or a diagnostic saying where the first bad byte is.
    Raises `PathError` when the file cannot be read at all.
    """
    info = _stat(path)
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise PathError(f"{path}: is a directory")
    if info is not None and not stat.S_ISREG(info.st_mode):
        # A FIFO or device would block or never end; a plan is a regular file.
        raise PathError(f"{path}: not a regular file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PathError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line, column = byte_position(raw, exc.start)
        message = f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot start a character); save it as UTF-8"
        return None, d.NOT_UTF8.at(str(path), line, column, message)
