"""Console-script entry point: answers `workplan --version` before importing the CLI stack."""

from __future__ import annotations

import gc
import sys


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
    # Importing the CLI stack allocates tens of thousands of long-lived objects
    # and no garbage cycles; the cyclic collector would scan them again and
    # again (about 7 % of a run on the bundled plans).  Freeze them instead, so
    # later collections skip them too.
    gc.disable()
    try:
        from .cli import app_for
    finally:
        gc.freeze()
        gc.enable()
    app_for(sys.argv[1:])()
