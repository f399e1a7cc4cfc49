"""Writing files without ever leaving a half-written or emptied one behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import PathError


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename.

    On any failure the temporary file is removed and ``path`` is untouched.
    Raises `PathError` when the folder cannot be written.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise PathError(f"{path}: is a directory")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise PathError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise PathError(f"{path}: cannot write: {exc.strerror or exc}") from None
        raise
