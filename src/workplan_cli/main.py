"""Console-script entry point: answers `workplan --version` before importing the CLI stack."""

from __future__ import annotations

import os
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
    from .collector import frozen_at_exit, off_for_the_run

    off_for_the_run()
    # pydantic looks for plugins (entry points of every installed package) when it
    # builds the first validator: 10-20 ms of a short run, for plugins that have no
    # business in workplan's own validators.  A user's own setting is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from .cli import app_for

    try:
        app_for(sys.argv[1:])()
    finally:
        frozen_at_exit()
