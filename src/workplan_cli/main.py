"""Console-script entry point: answers `workplan --version` before importing the CLI stack, and turns output that
cannot be written into one message."""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
from typing import Any, NoReturn

from .errors import OutputError, WorkplanError


def console() -> NoReturn:
    """The `workplan` console script: `run`, with standard output that reports its own write errors."""
    output = _checked_output()
    try:
        try:
            run()
            code = 0
        except SystemExit as done:
            code = _exit_status(done.code)
        if output is None or output.error is None:
            with contextlib.suppress(BrokenPipeError):  # the reader has gone (`| head`): nothing more to say
                sys.stdout.flush()
    except WorkplanError as error:  # output that could not be written after a command, or outside one
        code = _report(error)
    if output is not None and output.error is not None and code == 0:
        code = _report(output.error)  # a write error that something on the way did not let through
    sys.exit(code)


def run() -> None:
    # Whatever the terminal's encoding (LANG=C, PYTHONIOENCODING=utf-8:strict),
    # a character it cannot show is written as an escape, never a crash.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        sys.stdout.write(f"workplan {__version__}\n")
        return
    from .collector import frozen_at_exit, off_for_the_run

    off_for_the_run()
    # pydantic looks for plugins (entry points of every installed package) when it
    # builds the first validator: 10-20 ms of a short run, for plugins that have no
    # business in workplan's own validators.  A user's own setting is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _babel_past_a_bad_tz()
    from .cli import app_for

    try:
        app_for(sys.argv[1:])()
    finally:
        frozen_at_exit()


def _babel_past_a_bad_tz() -> None:
    """Import babel's local zone with TZ set aside when TZ names a file that is not a zone file.

    babel reads the machine's zone from the file TZ names (``TZ=:/etc/localtime``) the first time it is
    imported, and fails on any other file or a folder (``TZ=/etc/passwd``, ``TZ=/tmp``) and waits on a FIFO,
    where the C library just uses UTC.  workplan never uses babel's local zone; the usual case costs one read
    of four bytes.
    """
    zone = os.environ.get("TZ", "")
    path = zone[1:] if zone.startswith(":") else zone
    if not path or not os.path.exists(path):
        return
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO is not waited on
        try:
            start = os.read(handle, 4) if stat.S_ISREG(os.fstat(handle).st_mode) else b""
        finally:
            os.close(handle)
    except OSError:
        start = b""
    if start == b"TZif":
        return
    del os.environ["TZ"]
    try:
        import babel.localtime  # noqa: F401 - imported once, here, without TZ
    finally:
        os.environ["TZ"] = zone


class _Output(io.RawIOBase):
    """Standard output's file descriptor, where the first write that fails is an `OutputError`, and the output
    after it goes nowhere; ``fd`` None for a closed standard output.

    A reader that has gone (`| head`) is not an error: the rest of the output goes nowhere, and the command
    ends with its own exit code, as if everything had been read."""

    def __init__(self, fd: int | None) -> None:
        super().__init__()
        self._fd = fd
        self.error: OutputError | None = None  # the first write that failed
        self.gone = False  # the reader has closed the pipe

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        if self._fd is None:
            raise io.UnsupportedOperation("standard output is closed")
        return self._fd

    def isatty(self) -> bool:
        return self._fd is not None and os.isatty(self._fd)

    def write(self, data: Any) -> int:
        if self.error is not None or self.gone:
            return len(data)  # reported once (or read by no one); the rest of the output is lost with it
        try:
            if self._fd is None:
                raise OutputError("cannot write the output: standard output is closed")
            try:
                return os.write(self._fd, data)
            except BrokenPipeError:
                self.gone = True
                return len(data)
            except OSError as error:
                raise OutputError(f"cannot write the output: {error.strerror or error}") from None
        except OutputError as error:
            self.error = error
            raise


def _report(error: WorkplanError) -> int:
    """Show ``error`` as every command does; its exit code."""
    from .cli.application import error_message

    try:
        sys.stderr.write(error_message(error) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # standard error cannot be written either: the exit code says it
    return error.exit_code


def _checked_output() -> _Output | None:
    """Standard output through an `_Output`, buffered as Python buffers it (None if it is not a file descriptor);
    a closed standard error writes nowhere."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - open until the process ends
    old = sys.stdout
    try:
        fd = None if old is None else old.fileno()
    except (OSError, ValueError):
        return None  # not a file (an embedding application's stream): left as it is
    output = _Output(fd)
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(output),
        encoding=getattr(old, "encoding", None) or "utf-8",
        errors="backslashreplace",
        line_buffering=bool(getattr(old, "line_buffering", False)),
    )
    return output


def _exit_status(code: object) -> int:
    """The process's exit code for ``SystemExit(code)``, as Python gives it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1
