"""Writing files where the user pointed, without ever leaving a half-written or emptied one behind.

- ``-`` is standard output.
- A symbolic link given by the user is followed: the file it points to is
  written, the link stays.  A file name the tool chooses itself (``PLAN.pot``,
  ``site/ID.html``, next term's ``ID.yaml``) is never written through a link.
- An output that is one of the command's inputs (the same file, by any name
  or link) is refused: a command never writes over what it reads.
- Anything that is not a regular file (a device such as ``/dev/null``, a FIFO,
  ``/dev/stdout``) is written to directly: renaming over it would replace it.
- An existing file its mode says is read-only is refused, even for root (a
  rename would replace it all the same).
- A regular file (or a new one) is written to a temporary file in the same
  folder, flushed to disk, given the old file's mode and owner, and renamed
  over it, so a reader sees the old text or the new, never a mix.
- A file with several hard links is rewritten in place, so that every name
  keeps seeing it; a complete copy of the new text is kept beside it until
  the rewrite is on disk, so even then nothing can be lost.

The text may come as one string or as pieces (a template rendering as it goes):
pieces are written as they come, to the temporary file, so a large page is
never held whole; if producing them fails, the target is left as it was.  So
it is when SIGTERM or SIGHUP ends the process meanwhile: the temporary file
is removed first, then the signal ends the process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .errors import PathError

STDOUT = "-"


def is_stdout(path: Path | str) -> bool:
    return str(path) == STDOUT


_BLOCK = 1 << 16  # characters: a small piece of a large page at a time


def spool(pieces: Iterable[str]) -> IO[str]:
    """The pieces written to an anonymous temporary file, rewound: text to copy out once it is complete."""
    stream = tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n")  # noqa: SIM115 - the caller closes it
    try:
        for piece in pieces:
            stream.write(piece)
        stream.seek(0)
    except BaseException as exc:
        stream.close()
        if isinstance(exc, OSError):
            raise PathError(f"cannot write a temporary file: {exc.strerror or exc}") from None
        raise
    return stream


def blocks(stream: IO[str]) -> Iterator[str]:
    """What is left in ``stream``, a block at a time."""
    while block := stream.read(_BLOCK):
        yield block


def write_atomic(
    path: Path | str,
    text: str | Iterable[str],
    *,
    inputs: Iterable[Path | str] = (),
    chosen: bool = False,
) -> None:
    """Write ``text`` (a string, or pieces of one) to ``path`` as the module docstring says.

    ``inputs`` are the files the command read (never written over);
    ``chosen`` says the tool chose the name, so a link there is not followed.
    On any failure, including one raised while the pieces are produced,
    ``path`` is untouched and no temporary file is left; to standard output
    or a device the text goes only once it is complete.  Raises `PathError`
    when the file or its folder cannot be written, or ``path`` is refused.
    """
    if is_stdout(path):
        if isinstance(text, str):
            sys.stdout.write(text)
        else:
            with spool(text) as complete:
                for block in blocks(complete):
                    sys.stdout.write(block)
        sys.stdout.flush()
        return
    path = Path(path)
    refuse_inputs(path, inputs)
    if chosen and path.is_symlink():
        raise PathError(
            f"{path}: is a symbolic link; workplan does not write through a link at a name it chose "
            "(remove the link, or name the output yourself); nothing written"
        )
    try:
        info = os.stat(path)  # follows symbolic links
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise PathError(f"{path}: cannot write: {exc.strerror or exc}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise PathError(f"{path}: is a directory")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_through(path, text)
        return
    if info is not None and (not info.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK)):
        raise PathError(f"{path}: the file is read-only; make it writable (chmod u+w) to write it (nothing written)")
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    with _ended_cleanly():
        if info is not None and info.st_nlink > 1:
            _rewrite_in_place(target, text)
        else:
            _replace(target, text, info)


# The signals that end a process by default and can come while it writes: `kill`, a closed terminal.
_ENDING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class _Ended(BaseException):
    """One of `_ENDING`, come while a file was being written (`_ended_cleanly`)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_ended(signum: int, frame: object) -> None:
    raise _Ended(signum)


@contextlib.contextmanager
def _ended_cleanly() -> Iterator[None]:
    """SIGTERM or SIGHUP while a file is written (a `kill`, a CI time-out, a closed terminal) raised as `_Ended`,
    so that the temporary file is removed and the target left as it was; then the signal ends the process as
    it would have.  Only where the signal has its default action, and in the main thread (where Python runs
    signal handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    replaced = [sig for sig in _ENDING if signal.getsignal(sig) is signal.SIG_DFL]
    for sig in replaced:
        signal.signal(sig, _raise_ended)
    try:
        yield
    except _Ended as ended:
        for sig in replaced:
            signal.signal(sig, signal.SIG_DFL)
        signal.raise_signal(ended.signum)
        raise  # the signal's action was changed meanwhile: the exception goes on
    finally:
        for sig in replaced:
            signal.signal(sig, signal.SIG_DFL)


@contextlib.contextmanager
def signals_held(signals: Iterable[int]) -> Iterator[None]:
    """``signals`` held back until the block is done, then delivered: a file rewritten in place is never left
    half-written, workers are never forked half-way.  Where there is no signal mask (not POSIX), or off the
    main thread (where Python runs no handler), nothing is held."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def refuse_inputs(path: Path | str, inputs: Iterable[Path | str]) -> None:
    """`PathError` when ``path`` is one of ``inputs`` (the same file, by any name, hard link or symbolic link)."""
    for source in inputs:
        try:
            same = os.path.samefile(path, source)
        except OSError:  # one of them does not exist (yet): not the same file
            continue
        if same:
            raise PathError(
                f"{path}: is an input of this command ({source}); write the output somewhere else (nothing written)"
            )


def _write_through(path: Path, text: str | Iterable[str]) -> None:
    """Write to a device or FIFO as it is (no temporary file, no rename), once the text is complete."""
    with contextlib.ExitStack() as stack:
        pieces = [text] if isinstance(text, str) else blocks(stack.enter_context(spool(text)))
        try:
            with open(path, "w", encoding="utf-8", newline="\n") as stream:
                for piece in pieces:
                    stream.write(piece)
        except OSError as exc:
            raise PathError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _temporary_copy(target: Path, text: str | Iterable[str]) -> str:
    """A complete, flushed copy of ``text`` in a hidden file beside ``target``; its path."""
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise PathError(f"{target}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            for piece in [text] if isinstance(text, str) else text:
                stream.write(piece)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise PathError(f"{target}: cannot write: {exc.strerror or exc}") from None
        raise
    return temporary


def _replace(target: Path, text: str | Iterable[str], info: os.stat_result | None) -> None:
    temporary = _temporary_copy(target, text)
    try:
        if info is not None:
            os.chmod(temporary, info.st_mode & 0o7777)
            if (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
                # Only root (or the owner, for a group it is in) can keep the owner; the mode is kept regardless.
                with contextlib.suppress(PermissionError):
                    os.chown(temporary, info.st_uid, info.st_gid)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise PathError(f"{target}: cannot write: {exc.strerror or exc}") from None
        raise


def _rewrite_in_place(target: Path, text: str | Iterable[str]) -> None:
    """Rewrite a hard-linked file through its own inode, with a full copy kept until it is on disk."""
    backup = _temporary_copy(target, text)
    with signals_held(_ENDING):
        try:
            with (
                open(target, "r+", encoding="utf-8", newline="\n") as stream,
                open(backup, encoding="utf-8", newline="\n") as complete,
            ):
                for block in blocks(complete):
                    stream.write(block)
                stream.truncate()
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as exc:
            raise PathError(
                f"{target}: cannot write: {exc.strerror or exc}; the new text is kept in {backup}"
            ) from None
        Path(backup).unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
